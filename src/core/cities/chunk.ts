import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { type CountyProps, countyKindOfName } from "../model";
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
  const kinds = currentKinds(topo.codeNotes);
  return {
    type: "FeatureCollection",
    source: topo.source,
    licence: topo.licence,
    note: topo.note,
    codeNotes: topo.codeNotes,
    features: fc.features.map((f) => {
      const now = kinds.get(f.properties.code);
      return {
        type: "Feature",
        properties:
          now && now.kind !== f.properties.kind
            ? { ...f.properties, kind: now.kind, nowNamed: now.name }
            : f.properties,
        geometry: f.geometry,
      };
    }),
  };
}

/**
 * A pre-2023 unit's kind today, from the 2023 unit that continues it (the code notes' `current`): 孟津县 and 偃师市 of
 * 洛阳's boundary package have been districts (孟津区, 偃师区) since 2021, so the plans' rules for districts apply
 * (the re-trial: judged as a 县 and a 县级市, COUNTY-3-HOSPITALS and the EMS network read them wrongly).
 */
function currentKinds(
  notes: readonly CodeNote[] | undefined,
): Map<string, { kind: CountyProps["kind"]; name: string }> {
  const out = new Map<string, { kind: CountyProps["kind"]; name: string }>();
  const byCode = new Map((notes ?? []).map((n) => [n.code, n]));
  for (const n of notes ?? []) {
    if (!n.current || !n.inBoundaryFile) continue;
    const now = byCode.get(n.current);
    if (now) out.set(n.code, { kind: countyKindOfName(now.name), name: now.name });
  }
  return out;
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

/**
 * The division list with an entry for each boundary unit whose pre-2023 code is continued by a 2023 unit (the boundary
 * file's code notes: 洛阳's 孟津县 410322 by 孟津区 410308, 偃师市 410381 by 偃师区 410307): the old code gets the
 * current unit's townships and villages, which keep their 2023 codes, so the per-township checks can read it (the
 * planner trial: 孟津县 read 「需要本县的乡镇名录」 while the list had 孟津区's). A unit with no such note is left as is.
 */
export function continueRenamedUnits<D extends Divisions>(divisions: D, notes: readonly CodeNote[] | undefined): D {
  const byCode = new Map(divisions.counties.map((c) => [c.code, c]));
  const added: D["counties"] = [];
  for (const n of notes ?? []) {
    if (!n.current || !n.inBoundaryFile || byCode.has(n.code)) continue;
    const now = byCode.get(n.current);
    if (now)
      added.push({ ...now, code: n.code, name: n.name, ...("inBoundaryFile" in now ? { inBoundaryFile: true } : {}) });
  }
  return added.length === 0 ? divisions : { ...divisions, counties: [...divisions.counties, ...added] };
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
