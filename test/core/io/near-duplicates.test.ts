import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { type Facility, importTally, parseFacilityFile } from "../../../src/core";
import { NEAR_DUPLICATE_M, nearDuplicateIssues } from "../../../src/core/io/duplicates";

/**
 * One facility entered twice a few metres apart (the user trial, 南宫市: 明化镇卫生院 on rows 15 and 16, 35 m apart,
 * imported without a word and counted twice: central THCs 4/12 instead of 4/11, 16 EMS points instead of 15).
 */
const geod = geographiclib.Geodesic.WGS84;
/** The point `metres` from (lon, lat) at `azimuth`, by geographiclib's direct problem (the reference). */
const from = (lon: number, lat: number, azimuth: number, metres: number): [number, number] => {
  const r = geod.Direct(lat, lon, azimuth, metres);
  return [r.lon2 as number, r.lat2 as number];
};
const metresBetween = (a: [number, number], b: [number, number]) => geod.Inverse(a[1], a[0], b[1], b[0]).s12 as number;
const csv = (rows: string[]) => new TextEncoder().encode(`名称,类型,经度,纬度\n${rows.join("\n")}\n`);
const at = (p: [number, number]) => `${p[0].toFixed(9)},${p[1].toFixed(9)}`;

const MINGHUA: [number, number] = [115.3712, 37.4316];

describe("a facility entered twice a few metres apart", () => {
  it("warns on the later row, naming the earlier one and the distance, and keeps the row (the trial's rows 15 and 16)", async () => {
    const other = from(...MINGHUA, 70, 35.2);
    const rows = Array.from(
      { length: 13 },
      (_, k) => `村卫生室${k + 1},村卫生室,${at(from(...MINGHUA, 200, 2000 + k * 500))}`,
    );
    rows.push(`明化镇卫生院,乡镇卫生院,${at(MINGHUA)}`, `明化镇卫生院,乡镇卫生院,${at(other)}`);
    const r = await parseFacilityFile(csv(rows), "南宫市.xlsx.csv");
    const dup = r.issues.filter((i) => i.code === "possible-duplicate");
    expect(dup.map((i) => [i.row, i.field, i.value, i.severity])).toEqual([[16, "名称", "明化镇卫生院", "warning"]]);
    expect(Math.round(metresBetween(MINGHUA, other))).toBe(35);
    expect(dup[0].message.zh).toBe(
      "疑似重复：与第 15 行名称（明化镇卫生院）、类型（乡镇卫生院）相同，相距 35 米；如是同一机构，请剔除本行（导入面板中勾选“剔除”，命令行加 --drop-rows 16），否则各项核查会把它计两次",
    );
    expect(dup[0].message.en).toBe(
      "possible duplicate: same name (明化镇卫生院) and type (Township health centre) as row 15, 35 m apart; if it is the same facility, strike this row out (tick it in the import panel, or add --drop-rows 16 on the command line), or every check counts it twice",
    );
    // a warning never drops a row: both are imported, for the user to strike one out
    expect(r.facilities).toHaveLength(15);
    // and it is a doubtful row (【存疑】) in the import's tally, as the report's 六 says it; struck out, it is not
    expect(importTally(r.totalRows, r.issues).doubtfulRows).toEqual([16]);
    expect(importTally(r.totalRows, r.issues, [16]).doubtfulRows).toEqual([]);
  });

  it("flags within 100 m (geodesic), not beyond; nor another type, another name, or a name the import made up", async () => {
    const a: [number, number] = [112.52, 33.0];
    const r = await parseFacilityFile(
      csv([
        `甲卫生院,乡镇卫生院,${at(a)}`,
        `甲卫生院,乡镇卫生院,${at(from(...a, 0, NEAR_DUPLICATE_M - 0.5))}`,
        `乙卫生院,乡镇卫生院,${at(a)}`,
        `乙卫生院,乡镇卫生院,${at(from(...a, 90, NEAR_DUPLICATE_M + 0.5))}`,
        `甲卫生院,村卫生室,${at(from(...a, 180, 10))}`,
        `丙卫生院,乡镇卫生院,${at(from(...a, 180, 10))}`,
        // two rows without a name: each is given a name of its own (「村卫生室（第8行）」), which never matches
        `,村卫生室,${at(a)}`,
        `,村卫生室,${at(from(...a, 45, 5))}`,
        // the same name far apart: two facilities (two 「中心卫生院」 of two townships)
        `中心卫生院,乡镇卫生院,${at(from(...a, 0, 5000))}`,
        `中心卫生院,乡镇卫生院,${at(from(...a, 0, 8000))}`,
        // a blank inside the name is no difference
        `甲 卫生院,乡镇卫生院,${at(from(...a, 270, 60))}`,
      ]),
      "near.csv",
    );
    const dup = r.issues.filter((i) => i.code === "possible-duplicate");
    expect(dup.map((i) => [i.row, i.message.zh.match(/与第 (\d+) 行.*相距 (\d+) 米/)?.slice(1)])).toEqual([
      [3, ["2", "100"]],
      [12, ["2", "60"]],
    ]);
  });

  it("an exact copy keeps its own warning (duplicate-row), not a second one", async () => {
    const row = "淅川县急救站,急救站,111.49096,33.13782";
    const r = await parseFacilityFile(csv([row, row, "淅川县急救站,急救站,111.49106,33.13782"]), "dup.csv");
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([
      [3, "duplicate-row"],
      [4, "possible-duplicate"],
    ]);
    expect(r.issues[1].message.zh).toContain("与第 2 行");
  });

  it("names features and records as a GeoJSON or Shapefile numbers them", async () => {
    const point = (lon: number, lat: number) => ({
      type: "Feature",
      properties: { name: "西峡县急救站", type: "急救站" },
      geometry: { type: "Point", coordinates: [lon, lat] },
    });
    const text = JSON.stringify({
      type: "FeatureCollection",
      features: [point(111.47353, 33.30729), point(111.47363, 33.30729)],
    });
    const r = await parseFacilityFile(new TextEncoder().encode(text), "stations.geojson");
    const [dup] = r.issues.filter((i) => i.code === "possible-duplicate");
    expect(dup.row).toBe(2);
    expect(dup.message.zh).toMatch(/^疑似重复：与第 1 个要素名称/);
    expect(dup.message.en).toContain("as feature 1, 9 m apart");
  });
});

describe("nearDuplicateIssues", () => {
  const facility = (k: number, name: string, lon: number, lat: number, extra: Partial<Facility> = {}): Facility => ({
    id: `f${k}`,
    name,
    type: "ems-station",
    lon,
    lat,
    ...extra,
  });

  it("leaves out a made-up name and an upgrade beside the facility it raises", () => {
    const list = [
      facility(0, "村卫生室", 112, 33, { type: "village-clinic", nameGiven: true }),
      facility(1, "村卫生室", 112, 33, { type: "village-clinic", nameGiven: true }),
      facility(2, "甲站", 112.1, 33),
      facility(3, "甲站", 112.1, 33, { proposed: true, replaces: "f2" }),
    ];
    expect(nearDuplicateIssues("x.csv", list, [2, 3, 4, 5], { field: "name", unit: "row" })).toEqual([]);
  });

  it("finds exactly the rows a brute force finds, in clusters of 3,000 points with names repeated", () => {
    // a seeded generator: clusters of a few hundred metres, names from a small set, so that many pairs are near 100 m
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const list: Facility[] = [];
    for (let k = 0; k < 3000; k++) {
      const c = Math.floor(random() * 20);
      const [lon, lat] = from(110 + (c % 5) * 0.7, 32 + Math.floor(c / 5) * 0.9, random() * 360, random() * 400);
      list.push(
        facility(k, `站${Math.floor(random() * 6)}`, lon, lat, { type: random() < 0.5 ? "thc" : "ems-station" }),
      );
    }
    const rows = list.map((_, k) => k + 2);
    const got = nearDuplicateIssues("x.csv", list, rows, { field: "name", unit: "row" });
    const byRow = new Map(got.map((i) => [i.row, i]));
    const wrong: string[] = [];
    let expected = 0;
    list.forEach((f, k) => {
      const near = list
        .slice(0, k)
        .map((g, j) => ({ g, j }))
        .filter(({ g }) => g.name === f.name && g.type === f.type)
        .map(({ g, j }) => ({ j, m: metresBetween([g.lon, g.lat], [f.lon, f.lat]) }))
        .filter(({ m }) => m <= NEAR_DUPLICATE_M);
      const issue = byRow.get(rows[k]);
      if (near.length > 0) expected++;
      if (near.length > 0 !== (issue !== undefined))
        wrong.push(`row ${rows[k]}: ${near.length} near, ${issue ? "" : "not "}warned`);
      if (!issue) return;
      const named = Number(issue.message.en.match(/as row (\d+)/)?.[1]) - 2;
      const hit = near.find((n) => n.j === named);
      if (!hit) wrong.push(`row ${rows[k]} names row ${named + 2}, not within 100 m`);
      else if (!issue.message.en.includes(`, ${Math.round(hit.m)} m apart`))
        wrong.push(`row ${rows[k]}: ${issue.message.en}`);
    });
    expect(wrong).toEqual([]);
    expect(expected).toBeGreaterThan(100);
  });

  it("takes 100,000 facilities of one name and type, a few metres apart or kilometres apart, in seconds", () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => k + 2);
    const dense = rows.map((_, k) =>
      facility(k, "急救站", 115 + (k % 300) * 0.00007, 37 + Math.floor(k / 300) * 0.00007),
    );
    const spread = rows.map((_, k) =>
      facility(k, "急救站", 110 + (k % 1000) * 0.004, 32 + Math.floor(k / 1000) * 0.02),
    );
    expect(nearDuplicateIssues("x.csv", dense, rows, { field: "name", unit: "row" })).toHaveLength(99_999);
    expect(nearDuplicateIssues("x.csv", spread, rows, { field: "name", unit: "row" })).toHaveLength(0);
  }, 60_000);
});
