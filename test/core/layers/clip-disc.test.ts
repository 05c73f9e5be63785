import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import polygonClipping from "polygon-clipping";
import { describe, expect, it } from "vitest";
import type { CountyProps, FacilityColumns } from "../../../src/core";
import { facilitiesFromColumns, geodesicCircle, homeCounties } from "../../../src/core";
import { clipConvexRing } from "../../../src/core/layers/clip-disc";
import { RING_STEPS } from "../../../src/core/layers/rings";
import { geod, rng } from "../coverage/helpers";

/**
 * The convex-ring clip against polygon-clipping (the general exact clipper the rings used before) on the real
 * counties of the four plan cities: every EMS station of the sample scenarios at 10 km, and seeded centres
 * over each county's box (many near or across its boundary). Same geodesic area (geographiclib) to 0.01 % and the
 * same topology (parts, and holes per part).
 */
const root = resolve(import.meta.dirname, "../../..");
const CITIES = ["nanyang", "pingdingshan", "nangong", "yichun"];

type Geom = Polygon | MultiPolygon;
const polygonsOf = (g: Geom): Position[][][] => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);

function areaM2(g: Geom | null): number {
  if (!g) return 0;
  let m2 = 0;
  for (const poly of polygonsOf(g))
    poly.forEach((ring, i) => {
      const p = geod.Polygon(false);
      for (const [x, y] of ring.slice(0, -1)) p.AddPoint(y, x);
      m2 += Math.abs(p.Compute(false, true).area as number) * (i === 0 ? 1 : -1);
    });
  return m2;
}

/** Parts and the number of holes of each, sorted: the topology both clippers must agree on. */
function shape(g: Geom | null): number[] {
  return g
    ? polygonsOf(g)
        .map((p) => p.length - 1)
        .sort()
    : [];
}

function reference(ring: Polygon, county: Geom): Geom | null {
  const parts = polygonClipping.intersection(
    ring.coordinates as polygonClipping.Geom,
    polygonsOf(county) as polygonClipping.Geom,
  );
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: "Polygon", coordinates: parts[0] } : { type: "MultiPolygon", coordinates: parts };
}

function load(city: string) {
  const counties = JSON.parse(
    readFileSync(join(root, `geodata/counties-${city}.geojson`), "utf8"),
  ) as FeatureCollection<Geom, CountyProps>;
  const cols = JSON.parse(readFileSync(join(root, `geodata/scenario-${city}.cols.json`), "utf8")) as FacilityColumns;
  return { counties, facilities: facilitiesFromColumns(cols) };
}

describe("clipConvexRing (a display ring cut to its county)", () => {
  it("agrees with polygon-clipping on the four plan cities' EMS stations and on seeded centres", () => {
    let cases = 0;
    let crossing = 0;
    let fallback = 0;
    let whole = 0;
    let worst = 0;
    for (const city of CITIES) {
      const { counties, facilities } = load(city);
      const home = homeCounties(counties.features as never);
      const byCode = new Map(counties.features.map((c) => [c.properties.code, c.geometry]));
      const work: Array<{ lon: number; lat: number; km: number; county: Geom }> = [];
      for (const f of facilities) {
        if (f.type !== "ems-station" && f.type !== "ems-centre") continue;
        const code = home(f);
        const county = code ? byCode.get(code) : undefined;
        if (county) for (const km of [10]) work.push({ lon: f.lon, lat: f.lat, km, county });
      }
      const random = rng(13);
      for (const c of counties.features) {
        const xs = polygonsOf(c.geometry).flatMap((p) => p[0].map((q) => q[0]));
        const ys = polygonsOf(c.geometry).flatMap((p) => p[0].map((q) => q[1]));
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        for (let i = 0; i < 6; i++)
          work.push({
            lon: x0 + random() * (x1 - x0),
            lat: y0 + random() * (y1 - y0),
            km: 2 + random() * 25,
            county: c.geometry,
          });
      }
      for (const w of work) {
        const ring = geodesicCircle(w.lon, w.lat, w.km, RING_STEPS);
        const got = clipConvexRing(ring.coordinates[0], w.county);
        const want = reference(ring, w.county);
        cases++;
        if (got === undefined) {
          fallback++;
          continue;
        }
        const g = got === "whole" ? ring : got;
        if (got === "whole") whole++;
        else crossing++;
        const label = `${city} ${w.lon},${w.lat} ${w.km} km`;
        expect(shape(g), label).toEqual(shape(want));
        const a = areaM2(g);
        const b = areaM2(want);
        const rel = Math.abs(a - b) / Math.max(b, 1);
        worst = Math.max(worst, rel);
        expect(rel, label).toBeLessThan(1e-4);
      }
    }
    // the walk answers nearly every case itself; the general clipper is only its fallback
    expect(fallback).toBeLessThan(cases / 100);
    expect(crossing).toBeGreaterThan(cases / 4);
    expect(whole).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-4);
  }, 240_000); // polygon-clipping on whole counties is the slow part (12 s at a load of 17)

  it("keeps a county's hole inside the ring as a hole, and a part inside that hole as its own part", () => {
    const sq = (x0: number, y0: number, x1: number, y1: number, ccw = true): Position[] => {
      const r: Position[] = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ];
      return ccw ? r : r.reverse();
    };
    // a county with a hole around the ring's centre, and an island in the hole
    const county: MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [
        [sq(111, 32, 113, 34), sq(111.95, 32.95, 112.05, 33.05, false)],
        [sq(111.98, 32.98, 112.02, 33.02)],
      ],
    };
    const ring = geodesicCircle(112, 33, 20, RING_STEPS);
    const got = clipConvexRing(ring.coordinates[0], county);
    if (got === undefined || got === "whole" || got === null) throw new Error(`expected a cut ring, got ${got}`);
    expect(shape(got)).toEqual([0, 1]);
    expect(shape(got)).toEqual(shape(reference(ring, county)));
    expect(Math.abs(areaM2(got) - areaM2(reference(ring, county))) / areaM2(got)).toBeLessThan(1e-9);
    // a ring wholly outside the county leaves nothing
    expect(clipConvexRing(geodesicCircle(115, 33, 5, RING_STEPS).coordinates[0], county)).toBeNull();
    // a ring wholly inside, away from the hole, is the ring itself
    expect(clipConvexRing(geodesicCircle(111.5, 32.5, 5, RING_STEPS).coordinates[0], county)).toBe("whole");
  });
});
