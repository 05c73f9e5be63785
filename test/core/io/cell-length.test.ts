import { describe, expect, it } from "vitest";
import { parseBoundaryFile, parseDemandFile, parseFacilityFile, parsePopulationTable } from "../../../src/core/io";

/**
 * A cell longer than 1,000 characters (a name, an id, a code, a type) is refused with its row and field named, never
 * cut to fit; 1,000 characters are kept whole.
 */

const enc = (s: string) => new TextEncoder().encode(s);

describe("over-long cells", () => {
  it("facilities: a 1,000-character name is kept whole; 1,001 characters reject the row, naming it", async () => {
    const ok = "卫".repeat(1000);
    const long = "院".repeat(1001);
    const csv = `id,name,type,lon,lat\nA,${ok},thc,112.1,33.0\nB,${long},thc,112.2,33.0\nC,乡镇卫生院,thc,112.3,33.0\n`;
    const r = await parseFacilityFile(enc(csv), "f.csv");
    expect(r.facilities.map((f) => f.id)).toEqual(["A", "C"]);
    expect(r.facilities[0].name).toBe(ok);
    expect(r.rejectedRows).toBe(1);
    const e = r.issues.filter((i) => i.severity === "error");
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ row: 3, field: "name", code: "cell-too-long" });
    expect(e[0].message.zh).toContain("1001");
    expect(e[0].message.zh).toContain("1000");
    expect((e[0].value ?? "").length).toBeLessThan(120);
  });

  it("facilities: any mapped column (an id here), also in GeoJSON properties", async () => {
    const fc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { id: "i".repeat(2000), name: "卫生院", type: "thc" },
          geometry: { type: "Point", coordinates: [112.1, 33] },
        },
      ],
    };
    const r = await parseFacilityFile(enc(JSON.stringify(fc)), "f.geojson");
    expect(r.facilities).toEqual([]);
    expect(r.issues.find((i) => i.code === "cell-too-long")).toMatchObject({ row: 1, field: "id" });
  });

  it("population: an over-long county name is refused with its row", async () => {
    const csv = `县区,人口\n${"县".repeat(1500)},1000\n甲县,2000\n`;
    const r = await parsePopulationTable(enc(csv), "p.csv", { counties: [{ code: "990001", name: "甲县" }] });
    expect(r.population.map((p) => p.code)).toEqual(["990001"]);
    expect(r.issues.find((i) => i.code === "cell-too-long")).toMatchObject({
      row: 2,
      field: "县区",
      severity: "error",
    });
  });

  it("demand points: an over-long id is refused with its row", () => {
    const csv = `id,lon,lat,weight\n${"p".repeat(1001)},112.1,33,5\nq,112.2,33,5\n`;
    const r = parseDemandFile(enc(csv), "d.csv");
    expect(r.points.map((p) => p.id)).toEqual(["q"]);
    expect(r.issues.find((i) => i.code === "cell-too-long")).toMatchObject({ row: 2, field: "id", severity: "error" });
  });

  it("boundaries: an over-long county name refuses the feature, named by number", async () => {
    const square = [
      [
        [112, 33],
        [112.1, 33],
        [112.1, 33.1],
        [112, 33.1],
        [112, 33],
      ],
    ];
    const fc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "990001", name: "名".repeat(1001) },
          geometry: { type: "Polygon", coordinates: square },
        },
      ],
    };
    const r = await parseBoundaryFile(enc(JSON.stringify(fc)), "b.geojson");
    expect(r.boundaries.features).toEqual([]);
    expect(r.issues.find((i) => i.code === "cell-too-long")).toMatchObject({
      row: 1,
      field: "name",
      severity: "error",
    });
  });
});
