import type { Feature, FeatureCollection, Point } from "geojson";
import { describe, expect, it } from "vitest";
import { featureDiff } from "../../src/app/map/diff";
import { facilityCollection } from "../../src/app/map/features";
import type { Facility } from "../../src/core";

const pt = (id: string, lon: number, props: Record<string, unknown> = {}): Feature<Point> => ({
  type: "Feature",
  id,
  geometry: { type: "Point", coordinates: [lon, 33] },
  properties: { id, ...props },
});
const fc = (...features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });

/** Applies a diff the way MapLibre's updateData does, to check it rebuilds `next`. */
function apply(
  prev: FeatureCollection,
  d: { remove: Array<string | number>; add: Feature[] },
): Map<string | number, Feature> {
  const m = new Map(prev.features.map((f) => [f.id as string | number, f]));
  for (const id of d.remove) m.delete(id);
  for (const f of d.add) m.set(f.id as string | number, f);
  return m;
}

describe("featureDiff", () => {
  it("sends only the moved, re-styled, added and removed features, and rebuilds the new collection", () => {
    const prev = fc(pt("a", 1), pt("b", 2, { status: "passes" }), pt("c", 3), pt("d", 4));
    const next = fc(pt("a", 1), pt("b", 2, { status: "violates" }), pt("c", 3.5), pt("e", 5));
    const d = featureDiff(prev, next)!;
    expect(d.add.map((f) => f.id).sort()).toEqual(["b", "c", "e"]);
    expect(d.remove.sort()).toEqual(["b", "c", "d"]);
    const rebuilt = apply(prev, d);
    expect([...rebuilt.keys()].sort()).toEqual(["a", "b", "c", "e"]);
    for (const f of next.features) expect(rebuilt.get(f.id as string)).toEqual(f);
  });
  it("is empty for equal collections built anew", () => {
    expect(featureDiff(fc(pt("a", 1, { s: 1 })), fc(pt("a", 1, { s: 1 })))).toEqual({ remove: [], add: [] });
  });
  it("is empty for the same features in the same order (a new collection of the same objects), null without ids", () => {
    const same = [pt("a", 1), pt("b", 2, { status: "passes" })];
    expect(featureDiff(fc(...same), fc(...same))).toEqual({ remove: [], add: [] });
    // the same objects in another order, or one of them replaced by an equal copy: still nothing to send
    expect(featureDiff(fc(...same), fc(same[1], same[0]))).toEqual({ remove: [], add: [] });
    expect(featureDiff(fc(...same), fc(same[0], { ...same[1] }))).toEqual({ remove: [], add: [] });
    const noId = { ...pt("c", 3), id: undefined };
    expect(featureDiff(fc(noId), fc(noId))).toBeNull();
  });
  it("gives up when too much changed or ids are missing", () => {
    const many = Array.from({ length: 10 }, (_, i) => pt(`p${i}`, i));
    expect(featureDiff(fc(...many), fc(...many.map((f) => pt(String(f.id), 100))), 5)).toBeNull();
    expect(featureDiff(fc({ ...pt("a", 1), id: undefined }), fc(pt("a", 1)))).toBeNull();
  });
});

describe("facilityCollection", () => {
  const f = (id: string, lon: number): Facility =>
    ({ id, name: id, type: "ems-station", lon, lat: 33, ownership: "public" }) as Facility;
  it("keeps the feature of an unchanged facility and status, so a drag's diff is one feature", () => {
    const a = f("a", 112.1);
    const b = f("b", 112.2);
    const before = facilityCollection([a, b], new Map([["a", "passes"]]));
    const moved = { ...b, lon: 112.3 };
    const after = facilityCollection([a, moved], new Map([["a", "passes"]]));
    expect(after.features[0]).toBe(before.features[0]);
    expect(after.features[1].geometry.coordinates).toEqual([112.3, 33]);
    expect(featureDiff(before, after)).toEqual({ remove: ["b"], add: [after.features[1]] });
    // a new status is a new feature
    const restyled = facilityCollection([a, moved], new Map([["a", "violates"]]));
    expect(restyled.features[0]).not.toBe(after.features[0]);
    expect(restyled.features[0].properties).toMatchObject({ id: "a", status: "violates" });
  });
});
