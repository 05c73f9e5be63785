import { existsSync, readFileSync } from "node:fs";
import * as geographiclibNs from "geographiclib-geodesic";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { seededRandom as rng } from "../../../scripts/lib/rng";
import type { Site } from "../../../src/core/coverage";

type GL = typeof geographiclibNs;
const gl: GL = (geographiclibNs as unknown as { default?: GL }).default ?? geographiclibNs;
/** geographiclib's WGS84 solver, used directly as the reference. */
export const geod = gl.Geodesic.WGS84;

/** Reference geodesic distance in metres straight from geographiclib. */
export function refDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return geod.Inverse(lat1, lon1, lat2, lon2).s12 as number;
}

/** Seeded uniform generator in [0, 1) (mulberry32), the scripts' own. */
export { rng };

/** Freezes an object graph so that any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

export type CountyFeature = Feature<Polygon | MultiPolygon, { code: string; name?: string }>;

/** The hand-made fixture county and its sites, deep-frozen. */
export function loadHandmade(): { county: CountyFeature; sites: Site[] } {
  const fc = JSON.parse(
    readFileSync(new URL("../../fixtures/coverage/handmade-county.geojson", import.meta.url), "utf8"),
  ) as FeatureCollection;
  const county = fc.features.find((f) => f.properties?.role === "county") as CountyFeature;
  const sites = fc.features
    .filter((f) => f.properties?.role === "site")
    .map((f) => {
      const [lon, lat] = (f.geometry as Point).coordinates;
      return { id: String(f.properties?.id), lon, lat, radiusKm: Number(f.properties?.radiusKm) };
    });
  return deepFreeze({ county, sites });
}

const nanyangUrl = new URL("../../../geodata/counties-nanyang.geojson", import.meta.url);

/** Nanyang's county features when the derived geodata exists (deep-frozen), else null. */
export function loadNanyang(): CountyFeature[] | null {
  if (!existsSync(nanyangUrl)) return null;
  const fc = JSON.parse(readFileSync(nanyangUrl, "utf8")) as FeatureCollection;
  return deepFreeze(fc.features as CountyFeature[]);
}
