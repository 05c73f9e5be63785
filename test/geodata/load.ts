import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import {
  type CityEntry as ChinaCityEntry,
  type ChinaIndex,
  type CityCounties,
  type CompactDivisions,
  type CountyTopology,
  countiesFromTopology,
  divisionsFromCompact,
  parseChinaIndex,
} from "../../src/core/cities";
import type { CountyProps, Facility } from "../../src/core/model";

export const GEODATA_DIR = fileURLToPath(new URL("../../geodata/", import.meta.url));
export const CITY_IDS = ["nanyang", "pingdingshan", "nangong", "yichun"] as const;

export function readText(name: string): string {
  return readFileSync(GEODATA_DIR + name, "utf8");
}
export function fileSize(name: string): number {
  return statSync(GEODATA_DIR + name).size;
}

export type CountyFeature = Feature<Polygon | MultiPolygon, CountyProps>;
export interface DivVillage {
  code: string;
  name: string;
  kind: string;
}
export interface DivTownship {
  code: string;
  name: string;
  kind: string;
  villages: DivVillage[];
}
export interface DivCounty {
  code: string;
  name: string;
  inBoundaryFile: boolean;
  townships: DivTownship[];
}
export interface Divisions {
  source: string;
  licence: string;
  year: number;
  counties: DivCounty[];
}
export interface CityEntry {
  id: string;
  name: string;
  nameEn: string;
  province: string;
  plans: string[];
  focusCounty: string | null;
  bbox: [number, number, number, number];
  center: [number, number];
  counties: string;
  divisions: string;
  scenario: string;
  codeNotes: { code: string; name: string; inBoundaryFile: boolean; inDivisions: boolean; note: string }[];
}

export function cities(): CityEntry[] {
  return JSON.parse(readText("cities.json")) as CityEntry[];
}
export function counties(id: string): FeatureCollection<Polygon | MultiPolygon, CountyProps> & Record<string, unknown> {
  return JSON.parse(readText(`counties-${id}.geojson`));
}
export function divisions(id: string): Divisions {
  return JSON.parse(readText(`divisions-${id}.json`)) as Divisions;
}
export function scenario(id: string): FeatureCollection<Point, Facility> & Record<string, unknown> {
  return JSON.parse(readText(`scenario-${id}.geojson`));
}

export function polygonsOf(g: Polygon | MultiPolygon): number[][][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/** Twice the signed planar area of a ring (shoelace), in degree² (positive = counter-clockwise). */
export function signedArea2(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** The national index, validated. */
export function chinaIndex(): ChinaIndex {
  const r = parseChinaIndex(JSON.parse(readText("china/index.json")));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message.en).join("\n"));
  return r.index;
}
/** A city's counties as the app gets them (GeoJSON, decoded from TopoJSON where the entry says so). */
export function cityCounties(entry: ChinaCityEntry): CityCounties {
  const data = JSON.parse(readText(entry.files.counties));
  return entry.files.countiesFormat === "topojson" ? countiesFromTopology(data as CountyTopology) : data;
}
/** A city's divisions in the nested form. */
export function cityDivisions(entry: ChinaCityEntry): Divisions & { counties: DivCounty[] } {
  const data = JSON.parse(readText(entry.files.divisions));
  return entry.files.divisionsFormat === "compact" ? divisionsFromCompact(data as CompactDivisions) : data;
}
