import { readFileSync } from "node:fs";
import { booleanPointInPolygon } from "@turf/turf";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { decodeGeometry, decodeRing } from "../../scripts/lib/echarts-decode";

const FIXTURES = new URL("../fixtures/geodata/echarts/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");

/** The FeatureCollection literal inside the package's `registerMap("name", {...})` call. */
function registerMapArgument(js: string): FeatureCollection & { UTF8Encoding?: boolean } {
  const start = js.indexOf("registerMap(");
  const open = js.indexOf("{", start);
  let depth = 0;
  let end = open;
  for (; end < js.length; end++) {
    if (js[end] === "{") depth++;
    else if (js[end] === "}" && --depth === 0) break;
  }
  return new Function(`return (${js.slice(open, end + 1)});`)();
}

describe("echarts encoded coordinates", () => {
  it("decodes zigzag steps of 1/1024 degree from the ring's offset", () => {
    // "@" is 0; "A" is zigzag 1 = -1; "B" is zigzag 2 = +1; "C" is zigzag 3 = -2.
    expect(decodeRing("@@BACB", [1024 * 100, 1024 * 30], "test")).toEqual([
      [100, 30],
      [100 + 1 / 1024, 30 - 1 / 1024],
      [100 - 1 / 1024, 30],
    ]);
    expect(() => decodeRing("@@B", [0, 0], "ring 7")).toThrow(/ring 7: encoded ring has odd length/);
  });

  it.each([
    "gan1_su4_jia1_yu4_guan1",
    "he2_nan2_ji4_yuan2",
  ])("reproduces the package's plain GeoJSON from its encoded .js (%s)", (name) => {
    const plain = JSON.parse(read(`${name}.geojson`)) as FeatureCollection<Polygon | MultiPolygon>;
    const encoded = registerMapArgument(read(`${name}.js`));
    expect(encoded.UTF8Encoding).toBe(true);
    expect(encoded.features.length).toBe(plain.features.length);
    encoded.features.forEach((f, i) => {
      const g = decodeGeometry(f.geometry as never, `${name} ${i}`);
      expect(g.type).toBe(plain.features[i].geometry.type);
      expect(g.coordinates).toEqual(plain.features[i].geometry.coordinates);
    });
  });

  it("decodes 上海 so that 人民广场 lies in 黄浦区 and the Oriental Pearl Tower in 浦东新区", () => {
    const fc = JSON.parse(read("shanghai.geojson")) as FeatureCollection & { UTF8Encoding: boolean };
    expect(fc.UTF8Encoding).toBe(true);
    const byCode = new Map(fc.features.map((f) => [String(f.id), decodeGeometry(f.geometry as never, String(f.id))]));
    expect(booleanPointInPolygon([121.4752, 31.2317], byCode.get("310101") as Polygon)).toBe(true);
    expect(booleanPointInPolygon([121.5055, 31.2397], byCode.get("310115") as MultiPolygon)).toBe(true);
    expect(booleanPointInPolygon([121.4752, 31.2317], byCode.get("310115") as MultiPolygon)).toBe(false);
  });
});
