import { readFileSync } from "node:fs";
import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { facilityCollection, facilityStacks, STACK_DISTANCE_M, STACK_RING_PX } from "../../src/app/map/features";
import { LAYER_DRAW_ORDER, LAYER_STYLES, layerKeyOf, strokePx } from "../../src/app/map/symbology";
import type { Facility, FacilityStatus } from "../../src/core";

const WGS84 = geodesic.Geodesic.WGS84;
const fac = (id: string, type: Facility["type"], lon: number, lat: number, extra: Partial<Facility> = {}): Facility =>
  ({ id, name: id, type, lon, lat, ownership: "public", ...extra }) as Facility;
/** The point `m` metres east of (lon, lat), by geographiclib. */
const east = (lon: number, lat: number, m: number): number => WGS84.Direct(lat, lon, 90, m).lon2 as number;

describe("facilities at one site: nested rings", () => {
  it("draws the county medical centre whole above its 120 dispatch centre and EMS station, each a ring around the ones above", () => {
    const [lon, lat] = [112.5, 33.0];
    const list = [
      fac("d", "ems-dispatch", lon, lat),
      fac("s", "ems-station", lon, lat),
      fac("c", "county-medical-centre", lon, lat),
    ];
    const stacks = facilityStacks(list, new Map());
    // the centre is on top (drawn last) and whole: not in the stacks
    expect(stacks.has("c")).toBe(false);
    expect(LAYER_DRAW_ORDER.indexOf("county-medical-centre")).toBeGreaterThan(LAYER_DRAW_ORDER.indexOf("ems-station"));
    expect(LAYER_DRAW_ORDER.indexOf("sub-centre")).toBeGreaterThan(LAYER_DRAW_ORDER.indexOf("ems-station"));
    // the station is drawn above the dispatch centre (same z, later in the legend): the first ring; the dispatch centre
    // the second, around the station's ring and its outline
    const r = LAYER_STYLES["county-medical-centre"].radius;
    expect(stacks.get("s")).toEqual({ r, i: 1, px: 1 + STACK_RING_PX });
    expect(stacks.get("d")).toEqual({ r, i: 2, px: 1 + STACK_RING_PX + 1 + STACK_RING_PX });
    // at any size factor k, each ring shows STACK_RING_PX of its colour outside what is above it
    for (const k of [0.8, 1.1, 1.4]) {
      const top = r * k + strokePx("county-medical-centre", {});
      const s = stacks.get("s")!;
      const d = stacks.get("d")!;
      expect(s.r * k + s.px - top).toBeCloseTo(STACK_RING_PX, 9);
      expect(d.r * k + d.px - (s.r * k + s.px + strokePx("ems-station", {}))).toBeCloseTo(STACK_RING_PX, 9);
    }
  });

  it("makes room for a violating or proposed marker's wider outline, and puts a proposed site on top", () => {
    const [lon, lat] = [112.3, 33.1];
    const sub = fac("sub", "sub-centre", lon, lat);
    const station = fac("st", "ems-station", lon, lat);
    const status = new Map<string, FacilityStatus>([["sub", "violates"]]);
    expect(facilityStacks([station, sub], status).get("st")).toEqual({
      r: LAYER_STYLES["sub-centre"].radius,
      i: 1,
      px: 2.5 + STACK_RING_PX,
    });
    const proposed = fac("p", "ems-station", lon, lat, { proposed: true });
    const stacks = facilityStacks([station, sub, proposed], status);
    expect(stacks.has("p")).toBe(false);
    expect(stacks.get("sub")).toEqual({ r: LAYER_STYLES["ems-station"].radius, i: 1, px: 3 + STACK_RING_PX });
    expect(stacks.get("st")?.i).toBe(2);
  });

  it("joins facilities within STACK_DISTANCE_M, not farther, and leaves village clinics out", () => {
    const [lon, lat] = [112.0, 32.8];
    const near = fac("near", "ems-station", east(lon, lat, STACK_DISTANCE_M - 10), lat);
    const far = fac("far", "ems-station", east(lon, lat, STACK_DISTANCE_M + 10), lat);
    const thc = fac("thc", "thc", lon, lat);
    const clinic = fac("vc", "village-clinic", lon, lat);
    expect(facilityStacks([thc, near], new Map()).get("thc")?.i).toBe(1);
    expect(facilityStacks([thc, far], new Map()).size).toBe(0);
    expect(facilityStacks([thc, clinic], new Map()).size).toBe(0);
  });

  it("finds every pair of Nanyang's sample facilities within the distance in one stack with one whole marker (brute force)", () => {
    const fc = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")) as {
      features: Array<{ properties: Facility }>;
    };
    const list = fc.features.map((f) => f.properties);
    const stacks = facilityStacks(list, new Map());
    const pts = list.filter((f) => f.type !== "village-clinic");
    let pairs = 0;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) {
        const d = WGS84.Inverse(pts[i].lat, pts[i].lon, pts[j].lat, pts[j].lon).s12 as number;
        if (d > STACK_DISTANCE_M) continue;
        pairs++;
        // at least one of the two is a ring, and they are not both in the same place of a stack
        const a = stacks.get(pts[i].id)?.i ?? 0;
        const b = stacks.get(pts[j].id)?.i ?? 0;
        expect(a + b, `${pts[i].name} / ${pts[j].name}`).toBeGreaterThan(0);
        expect(a, `${pts[i].name} / ${pts[j].name}`).not.toBe(b);
      }
    // the trial's sites: each sub-centre and county medical centre of the sample is drawn whole, over an EMS marker
    const subjects = pts.filter((f) => f.type === "sub-centre" || f.type === "county-medical-centre");
    expect(subjects.length).toBe(14);
    for (const f of subjects) expect(stacks.has(f.id), f.name).toBe(false);
    const ringed = pts.filter((f) => stacks.has(f.id));
    expect(ringed.filter((f) => layerKeyOf(f).startsWith("ems-")).length).toBeGreaterThanOrEqual(3 + 2 * 11);
    // 57 central THCs and 53 THCs with their stations, 11 county medical centres with their dispatch centre and station
    // (3 pairs each), 3 sub-centres with stations, 内乡's hospital 136 m from its centre's three markers, one station
    // at a hospital: 150 pairs (counted apart from this code)
    expect(pairs).toBe(150);
    // and the map's features carry the ring
    const features = facilityCollection(list, new Map());
    const st = features.features.find((f) => f.properties?.id === ringed[0].id)!;
    expect(st.properties).toMatchObject({ stack: stacks.get(ringed[0].id)!.i, stackPx: stacks.get(ringed[0].id)!.px });
  });
});
