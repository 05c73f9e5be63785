import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CountyProps } from "../model";
import {
  type CityCounties,
  type CityDivisions,
  type CompactDivisions,
  type CountyTopology,
  countiesFromTopology,
  divisionsFromCompact,
} from "./chunk";
import type { ChinaIndex, CityEntry } from "./schema";

/** Reads one geodata file (path relative to geodata/) as parsed JSON: fetch in a page, readFile in Node. */
export type GeodataReader = (file: string) => Promise<unknown>;

/** Loads one city's counties in either format named by its index entry. */
export async function loadCityCounties(entry: CityEntry, read: GeodataReader): Promise<CityCounties> {
  const data = await read(entry.files.counties);
  if (entry.files.countiesFormat === "topojson") return countiesFromTopology(data as CountyTopology);
  return data as CityCounties;
}

/** Loads one city's township and village lists in either format named by its index entry (nested or compact). */
export async function loadCityDivisions(entry: CityEntry, read: GeodataReader): Promise<CityDivisions> {
  const data = await read(entry.files.divisions);
  if (entry.files.divisionsFormat === "compact") return divisionsFromCompact(data as CompactDivisions);
  return data as CityDivisions;
}

/**
 * Every county-level unit of the index in one FeatureCollection (for a national run), loading up to
 * `concurrency` cities at a time. Throws if two cities hold the same county code.
 */
export async function loadNationalCounties(
  index: ChinaIndex,
  read: GeodataReader,
  concurrency = 8,
): Promise<FeatureCollection<Polygon | MultiPolygon, CountyProps>> {
  const parts: CityCounties[] = new Array(index.cities.length);
  let next = 0;
  const worker = async () => {
    while (next < index.cities.length) {
      const i = next++;
      parts[i] = await loadCityCounties(index.cities[i], read);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const seen = new Map<string, string>();
  const features: Feature<Polygon | MultiPolygon, CountyProps>[] = [];
  parts.forEach((fc, i) => {
    for (const f of fc.features) {
      const other = seen.get(f.properties.code);
      if (other) throw new Error(`county ${f.properties.code} is in both ${other} and ${index.cities[i].id}`);
      seen.set(f.properties.code, index.cities[i].id);
      features.push(f);
    }
  });
  return { type: "FeatureCollection", features };
}
