import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { CountyProps } from "../model";
import type { Divisions } from "../rules";

/** A code mismatch between the boundary source and the 2023 statistical codes, as in cities.json. */
export interface CodeNote {
  code: string;
  name: string;
  inBoundaryFile: boolean;
  inDivisions: boolean;
  note: string;
  /** The 2023 code that continues this unit, when one was found. */
  current?: string;
}

/** A city's counties as a TopoJSON topology (geodata/china/<id>.topo.json), with provenance members. */
export type CountyTopology = Topology<{ counties: GeometryCollection<CountyProps> }> & {
  source: string;
  licence: string;
  note: string;
  codeNotes: CodeNote[];
};

/** A city's county boundaries as decoded from its chunk: county features with their properties, and the chunk's provenance members. */
export type CityCounties = FeatureCollection<Polygon | MultiPolygon, CountyProps> & {
  source?: string;
  licence?: string;
  note?: string;
  codeNotes?: CodeNote[];
};

/**
 * Turns a city's county topology into the GeoJSON FeatureCollection every core function takes, keeping the
 * provenance members. The topology is quantised on a 1/1024° grid (`transform`), so decoding is exact.
 */
export function countiesFromTopology(topo: CountyTopology): CityCounties {
  const fc = feature(topo, topo.objects.counties) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  return {
    type: "FeatureCollection",
    source: topo.source,
    licence: topo.licence,
    note: topo.note,
    codeNotes: topo.codeNotes,
    features: fc.features.map((f) => ({ type: "Feature", properties: f.properties, geometry: f.geometry })),
  };
}

type TownshipKind = Divisions["counties"][number]["townships"][number]["kind"];

/** A township (街道/镇/乡/other) kind from its name ending. */
export function townshipKind(name: string): TownshipKind {
  if (name.endsWith("街道")) return "街道";
  if (name.endsWith("镇")) return "镇";
  if (name.endsWith("乡")) return "乡";
  return "other";
}

/**
 * Village vs community from the statistical code: in the NBS coding rules the last three digits 200–399 are
 * villagers' committees (村委会); 001–199 residents' committees (居委会) and 400+ other units.
 */
export function villageKind(code: string): "village" | "community" {
  const n = Number(code.slice(9, 12));
  return n >= 200 && n <= 399 ? "village" : "community";
}

/**
 * Township and village lists in compact form (geodata/china/<id>.div.json): a township is
 * [3-digit serial, name, villages] and a village is its 3-digit serial followed by its name, so each code is
 * the parent's code plus the serial. Kinds are derived, as in the nested form.
 */
export interface CompactDivisions {
  format: "divisions-compact";
  source: string;
  licence: string;
  year: number;
  note: string;
  counties: Array<{
    code: string;
    name: string;
    inBoundaryFile: boolean;
    townships: Array<[serial: string, name: string, villages: string[]]>;
  }>;
}

/** Divisions of one city with provenance, as in geodata/divisions-<city>.json. */
export interface CityDivisions extends Divisions {
  source: string;
  licence: string;
  year: number;
  note: string;
  counties: Array<Divisions["counties"][number] & { inBoundaryFile: boolean }>;
}

/** Expands the compact form into the nested one (codes, kinds); throws on a malformed serial. */
export function divisionsFromCompact(d: CompactDivisions): CityDivisions {
  return {
    source: d.source,
    licence: d.licence,
    year: d.year,
    note: d.note,
    counties: d.counties.map((c) => ({
      code: c.code,
      name: c.name,
      inBoundaryFile: c.inBoundaryFile,
      townships: c.townships.map(([serial, name, villages]) => {
        if (!/^\d{3}$/.test(serial)) throw new Error(`township serial "${serial}" in county ${c.code} is not 3 digits`);
        const code = c.code + serial;
        return {
          code,
          name,
          kind: townshipKind(name),
          villages: villages.map((v) => {
            const vcode = code + v.slice(0, 3);
            if (!/^\d{12}$/.test(vcode)) throw new Error(`village "${v}" in township ${code} has no 3-digit serial`);
            return { code: vcode, name: v.slice(3), kind: villageKind(vcode) };
          }),
        };
      }),
    })),
  };
}
