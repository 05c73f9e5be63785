import { describe, expect, it } from "vitest";
import { fromWgs84 } from "../../../src/core/io/crs";
import { roadDatumFit, roadDatumIssue } from "../../../src/core/io/roads-datum";
import type { FacilityType } from "../../../src/core/model";
import type { Road } from "../../../src/core/travel";

/** A lattice of roads every 0.02° over 甲县's box, each vertex written in `datum` (WGS84 positions converted). */
function lattice(datum: "wgs84" | "gcj02" | "bd09"): Road[] {
  const roads: Road[] = [];
  const put = (pts: Array<[number, number]>, feature: number) => {
    const coords = new Float64Array(pts.length * 2);
    pts.forEach(([lon, lat], k) => {
      [coords[2 * k], coords[2 * k + 1]] = fromWgs84(lon, lat, datum);
    });
    roads.push({ coords, roadClass: "县道", ref: { file: "roads.geojson", feature } });
  };
  let n = 0;
  for (let lat = 32.8; lat <= 33.2; lat += 0.02)
    put(
      Array.from({ length: 26 }, (_, k): [number, number] => [112 + k * 0.02, lat]),
      ++n,
    );
  for (let lon = 112; lon <= 112.5; lon += 0.02)
    put(
      Array.from({ length: 21 }, (_, k): [number, number] => [lon, 32.8 + k * 0.02]),
      ++n,
    );
  return roads;
}

/** EMS points and hospitals on the roads (WGS84), at crossings and along them. */
const facilities = Array.from({ length: 30 }, (_, i) => ({
  type: (i % 2 ? "hospital" : "ems-station") as FacilityType,
  lon: 112.04 + (i % 10) * 0.04 + (i % 3) * 0.005,
  lat: 32.84 + Math.floor(i / 10) * 0.1,
}));

describe("a road layer's datum, from the facilities (roadDatumFit)", () => {
  it("says nothing of WGS84 roads", () => {
    const fit = roadDatumFit(lattice("wgs84"), facilities);
    expect(fit?.datum).toBeNull();
    expect(fit?.wgs84M).toBeLessThan(1);
    expect(roadDatumIssue("roads.geojson", fit)).toBeNull();
  });

  it("finds GCJ-02 roads read as WGS84, with the figures, naming the file", () => {
    const fit = roadDatumFit(lattice("gcj02"), facilities);
    expect(fit?.datum).toBe("gcj02");
    expect(fit?.emsAndHospitals).toBe(true);
    expect(fit?.points).toBe(30);
    expect(fit?.wgs84M).toBeGreaterThan(80);
    expect(fit?.gcj02M).toBeLessThan(5);
    expect(fit?.nearerShare).toBe(1);
    const issue = roadDatumIssue("roads-gcj.geojson", fit);
    expect(issue).toMatchObject({ code: "roads-maybe-gcj02", value: "gcj02", severity: "warning", row: 0 });
    expect(issue?.message.zh).toMatch(
      /^roads-gcj\.geojson：路网坐标似为 GCJ-02.*30 所急救站点和医院.*--roads-crs gcj02/,
    );
    expect(issue?.message.en).toContain("--roads-crs gcj02");
  });

  it("finds BD-09 roads, and says nothing with too few facilities", () => {
    expect(roadDatumFit(lattice("bd09"), facilities)?.datum).toBe("bd09");
    expect(roadDatumFit(lattice("gcj02"), facilities.slice(0, 5))?.datum).toBeNull();
  });
});
