import Flatbush from "flatbush";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { polygonLocator } from "../geo";

/**
 * Finds the county a point lies in among many: an R-tree (Flatbush) of the counties' bounding boxes picks the few
 * whose box holds the point, and only those are tested against their polygon (prepared once, when first needed).
 * Where polygons overlap (neighbouring boundaries simplified independently leave slivers a few metres wide), the
 * county listed first wins, as in an analysis session, so every point has one county at most.
 */
export class CountyLocator {
  private readonly index: Flatbush | undefined;
  private readonly tests: Array<((lon: number, lat: number) => boolean) | undefined>;
  private readonly features: ReadonlyArray<Feature<Polygon | MultiPolygon>>;

  constructor(features: ReadonlyArray<Feature<Polygon | MultiPolygon>>) {
    this.features = features;
    this.tests = new Array(features.length);
    if (features.length === 0) return;
    this.index = new Flatbush(features.length);
    for (const f of features) {
      const [w, s, e, n] = outerBox(f.geometry);
      this.index.add(w, s, e, n);
    }
    this.index.finish();
  }

  /** Index (in the given order) of the first county whose polygon contains the point, or -1 when none does. */
  locate(lon: number, lat: number): number {
    if (!this.index) return -1;
    const hits = this.index.search(lon, lat, lon, lat).sort((a, b) => a - b);
    for (const i of hits) {
      let test = this.tests[i];
      if (!test) {
        test = polygonLocator(this.features[i].geometry);
        this.tests[i] = test;
      }
      if (test(lon, lat)) return i;
    }
    return -1;
  }
}

/**
 * The facilities, each with its `county`: its own where the row gave one, else the county it lies in (none outside
 * every county). What the facility exports carry, in the app and the CLI (the GIS trial: a GIS desk joins by it).
 */
export function facilitiesWithCounty<F extends { lon: number; lat: number; county?: string }>(
  facilities: readonly F[],
  counties: ReadonlyArray<Feature<Polygon | MultiPolygon, { code: string }>>,
): F[] {
  const locator = new CountyLocator(counties);
  return facilities.map((f) => {
    if (f.county) return f;
    const i = locator.locate(f.lon, f.lat);
    return i < 0 ? f : { ...f, county: counties[i].properties.code };
  });
}

/**
 * The facilities with the names of their township and village beside the codes (`townshipName`, `villageName`, from
 * the city's division list), for the exports: a GIS desk joins back to a list that names them (the GIS trial: codes
 * only). A code the list does not hold gets no name.
 */
export function withUnitNames<F extends { township?: string; village?: string }>(
  facilities: readonly F[],
  divisions:
    | {
        counties: ReadonlyArray<{
          townships: ReadonlyArray<{
            code: string;
            name: string;
            villages: ReadonlyArray<{ code: string; name: string }>;
          }>;
        }>;
      }
    | null
    | undefined,
): Array<F & { townshipName?: string; villageName?: string }> {
  if (!divisions) return [...facilities];
  const names = new Map<string, string>();
  for (const c of divisions.counties)
    for (const t of c.townships) {
      names.set(t.code, t.name);
      for (const v of t.villages) names.set(v.code, v.name);
    }
  return facilities.map((f) => {
    const townshipName = f.township ? names.get(f.township) : undefined;
    const villageName = f.village ? names.get(f.village) : undefined;
    return townshipName || villageName
      ? { ...f, ...(townshipName ? { townshipName } : {}), ...(villageName ? { villageName } : {}) }
      : f;
  });
}

/**
 * The facilities as the app's and the CLI's facility exports write them: each with its county (by position where the
 * row gave none, {@link facilitiesWithCounty}) and its township's and village's names ({@link withUnitNames}).
 */
export function facilitiesForExport<
  F extends { lon: number; lat: number; county?: string; township?: string; village?: string },
>(
  facilities: readonly F[],
  counties: ReadonlyArray<Feature<Polygon | MultiPolygon, { code: string }>>,
  divisions: Parameters<typeof withUnitNames>[1],
): Array<F & { townshipName?: string; villageName?: string }> {
  return withUnitNames(facilitiesWithCounty(facilities, counties), divisions);
}

/** [w, s, e, n] of a polygon's outer rings (holes lie inside them), degrees. */
function outerBox(g: Polygon | MultiPolygon): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of g.type === "Polygon" ? [g.coordinates] : g.coordinates)
    for (const [x, y] of poly[0] ?? []) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  // an empty geometry gets a box no longitude reaches
  return w <= e ? [w, s, e, n] : [1000, 1000, 1000, 1000];
}
