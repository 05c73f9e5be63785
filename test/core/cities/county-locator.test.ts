import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CountyLocator, loadCityCounties, parseChinaIndex } from "../../../src/core/cities";
import { pointInPolygon } from "../../../src/core/geo";
import { rng } from "../coverage/helpers";

const root = fileURLToPath(new URL("../../../geodata/", import.meta.url));
const read = async (f: string) => JSON.parse(readFileSync(root + f, "utf8"));
const parsed = parseChinaIndex(await read("china/index.json"));
if (!parsed.ok) throw new Error("index does not validate");
const index = parsed.index;

describe("CountyLocator", () => {
  it("gives the first county containing each point, as a plain ray cast over every county does", async () => {
    // 河南: 18 city entries, 157 county-level units; 1,500 points over its bounding box
    const entries = index.cities.filter((c) => c.province === "41");
    const features = (await Promise.all(entries.map((e) => loadCityCounties(e, read)))).flatMap((fc) => fc.features);
    const locator = new CountyLocator(features);
    // the brute force skips a county only where the point is strictly outside every vertex's box: a ray cast there
    // crosses no edge, or every edge of closed rings, an even number (the same answers, at a fraction of the casts)
    const boxes = features.map((f) => {
      const b = [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates)
        for (const ring of poly)
          for (const [x, y] of ring) {
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
          }
      return b;
    });
    const r = rng(41);
    const [w, s, e, n] = [110.3, 31.3, 116.7, 36.4];
    let inside = 0;
    for (let k = 0; k < 1500; k++) {
      const lon = w + (e - w) * r();
      const lat = s + (n - s) * r();
      const brute = features.findIndex((f, i) => {
        const [bw, bs, be, bn] = boxes[i];
        return lon >= bw && lon <= be && lat >= bs && lat <= bn && pointInPolygon(lon, lat, f.geometry);
      });
      expect(locator.locate(lon, lat)).toBe(brute);
      if (brute >= 0) inside++;
    }
    expect(inside).toBeGreaterThan(500);
  }, 180_000); // 1,500 brute-force ray casts over 157 counties (those whose box holds the point)

  it("places known points: 郑州 二七广场 in 二七区, the Oriental Pearl Tower in 浦东新区", async () => {
    const zz = await loadCityCounties(index.cities.find((c) => c.id === "zhengzhou") ?? index.cities[0], read);
    const sh = await loadCityCounties(index.cities.find((c) => c.id === "shanghai") ?? index.cities[0], read);
    const features = [...zz.features, ...sh.features];
    const locator = new CountyLocator(features);
    expect(features[locator.locate(113.6673, 34.7533)].properties.name).toBe("二七区");
    expect(features[locator.locate(121.4997, 31.2397)].properties.name).toBe("浦东新区");
    expect(locator.locate(0, 0)).toBe(-1);
  });

  it("prefers the county listed first where two overlap, and handles no counties and empty geometries", () => {
    const square = (x: number) => ({
      type: "Feature" as const,
      properties: {},
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          [
            [x, 0],
            [x + 2, 0],
            [x + 2, 2],
            [x, 2],
            [x, 0],
          ],
        ],
      },
    });
    const empty = { type: "Feature" as const, properties: {}, geometry: { type: "Polygon" as const, coordinates: [] } };
    const locator = new CountyLocator([empty, square(0), square(1)]);
    expect(locator.locate(1.5, 1)).toBe(1);
    expect(locator.locate(2.5, 1)).toBe(2);
    expect(locator.locate(5, 1)).toBe(-1);
    expect(new CountyLocator([]).locate(1, 1)).toBe(-1);
  });
});
