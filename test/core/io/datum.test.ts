import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datumFromBoundaries, parseFacilityFile } from "../../../src/core/io";
import { refWgsToBd, refWgsToGcj } from "./reference";

const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
// the invented scenario: WGS84 positions, each inside the county its code names
const facilities = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")).features.map(
  (f: {
    properties: { id: string; name: string; type: string; county: string };
    geometry: { coordinates: [number, number] };
  }) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }),
) as Array<{ id: string; name: string; type: string; county: string; lon: number; lat: number }>;

describe("datumFromBoundaries", () => {
  it("suggests nothing for WGS84 positions", () => {
    const ev = datumFromBoundaries(facilities, counties);
    expect(ev.checked).toBe(facilities.length);
    expect(ev.mismatchAsRead).toBe(0);
    expect(ev.suggest).toBeUndefined();
  });
  it("recognises the same facilities given in GCJ-02 (Amap) and in BD-09 (Baidu)", () => {
    const gcj = facilities.map((f) => {
      const [lon, lat] = refWgsToGcj(f.lon, f.lat);
      return { ...f, lon, lat };
    });
    const g = datumFromBoundaries(gcj, counties);
    expect(g.mismatchAsRead).toBeGreaterThan(20);
    expect(g.mismatchGcj02).toBeLessThan(g.mismatchAsRead / 10);
    expect(g.suggest).toBe("gcj02");
    const bd = facilities.map((f) => {
      const [lon, lat] = refWgsToBd(f.lon, f.lat);
      return { ...f, lon, lat };
    });
    expect(datumFromBoundaries(bd, counties).suggest).toBe("bd09");
  });
  it("is what parseFacilityFile warns with, naming the figures, when the file has no hint in its names", async () => {
    const rows = facilities.map((f) => {
      const [lon, lat] = refWgsToGcj(f.lon, f.lat);
      return `${f.id},${f.name},${f.type},${lon.toFixed(6)},${lat.toFixed(6)},${f.county}`;
    });
    const csv = new TextEncoder().encode(`id,name,type,lon,lat,county\n${rows.join("\n")}\n`);
    const r = await parseFacilityFile(csv, "facilities.csv", { boundaries: counties });
    const warn = r.issues.find((i) => i.code === "maybe-gcj02");
    expect(warn?.severity).toBe("warning");
    expect(warn?.message.en).toMatch(
      /\d+ of \d+ facilities lie outside the county their code names, \d+ after converting/,
    );
    const plain = await parseFacilityFile(
      new TextEncoder().encode(
        `id,name,type,lon,lat,county\n${facilities.map((f) => `${f.id},${f.name},${f.type},${f.lon},${f.lat},${f.county}`).join("\n")}\n`,
      ),
      "facilities.csv",
      { boundaries: counties },
    );
    expect(plain.issues.some((i) => i.code.startsWith("maybe-"))).toBe(false);
  });
});
