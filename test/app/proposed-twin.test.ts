import { describe, expect, it } from "vitest";
import { proposedTwin, TWIN_M } from "../../src/app/proposed-unit";
import type { Facility } from "../../src/core";
import { geodesicDestination } from "../../src/core";

/** Two proposed sites of one type on one spot say so in the Plan tab (the re-trial, s52b L1: no word at placement). */
const at = (id: string, type: Facility["type"], lon: number, lat: number): Facility => ({
  id,
  name: `规划 ${id}`,
  type,
  lon,
  lat,
  proposed: true,
});

describe("proposedTwin", () => {
  const p1 = at("P1", "ems-station", 112.5, 33.0);
  const [lon150, lat150] = geodesicDestination(112.5, 33.0, 90, 0.15);
  const [lon250, lat250] = geodesicDestination(112.5, 33.0, 90, 0.25);
  it("names the nearest site of its type within 200 m, with the geodesic metres", () => {
    const list = [p1, at("P2", "ems-station", lon150, lat150), at("P3", "ems-station", 112.5, 33.0)];
    expect(proposedTwin(p1, list)).toMatchObject({ other: { id: "P3" }, m: 0 });
    expect(proposedTwin(list[1], list)).toMatchObject({ other: { id: "P1" }, m: 150 });
  });
  it("says nothing of a site of another type, of one farther than 200 m, or of itself", () => {
    expect(TWIN_M).toBe(200);
    const list = [p1, at("T1", "thc", 112.5, 33.0), at("P4", "ems-station", lon250, lat250)];
    expect(proposedTwin(p1, list)).toBeUndefined();
    expect(proposedTwin(p1, [p1])).toBeUndefined();
  });
});
