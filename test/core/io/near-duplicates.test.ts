import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { type Facility, importTally, parseFacilityFile } from "../../../src/core";
import { NEAR_DUPLICATE_M, nearDuplicateIssues, SAME_NAME_KM, sameNameIssues } from "../../../src/core/io/duplicates";

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

describe("the same name and type in one county a few kilometres apart (the planner trial, s56 M3)", () => {
  // 寨一村卫生室 on rows 55 and 60 of the trial's 南宫 list, 1.3 km apart, both counted for one village
  const ZHAIYI: [number, number] = [115.4695407, 37.2286912];
  const withCounty = (rows: string[]) => new TextEncoder().encode(`名称,类型,经度,纬度,县区代码\n${rows.join("\n")}\n`);

  it("warns on the later row, naming the earlier one, the county and the distance; the row stays", async () => {
    const other = from(...ZHAIYI, 45, 1300);
    const r = await parseFacilityFile(
      withCounty([
        `寨一村卫生室,村卫生室,${at(ZHAIYI)},130581`,
        `寨二村卫生室,村卫生室,${at(from(...ZHAIYI, 0, 900))},130581`,
        `寨一村卫生室,村卫生室,${at(other)},130581`,
      ]),
      "南宫.csv",
    );
    const same = r.issues.filter((i) => i.code === "same-name");
    expect(same.map((i) => [i.row, i.field, i.value, i.severity])).toEqual([[4, "名称", "寨一村卫生室", "warning"]]);
    expect(same[0].message.zh).toBe(
      "同名：与第 2 行名称（寨一村卫生室）、类型（村卫生室）相同，同在县区 130581，相距 1.3 公里；如是同一机构录入两次，请剔除其中一行（导入面板中勾选“剔除”，命令行加 --drop-rows 4），否则各项核查会把它计两次；如是两所机构，请在名称中区分",
    );
    expect(same[0].message.en).toContain(
      "same name: the name (寨一村卫生室) and type (Village clinic) of row 2, in the same county (130581), 1.3 km apart",
    );
    expect(r.facilities).toHaveLength(3);
    expect(importTally(r.totalRows, r.issues).doubtfulRows).toEqual([4]);
  });

  it("not beyond 3 km, nor across counties, nor another type; a near copy keeps its own warning only", async () => {
    const a = ZHAIYI;
    const r = await parseFacilityFile(
      withCounty([
        `王庄村卫生室,村卫生室,${at(a)},130581`,
        // two villages of one name in the county, farther apart than SAME_NAME_KM
        `王庄村卫生室,村卫生室,${at(from(...a, 90, SAME_NAME_KM * 1000 + 5))},130581`,
        // within it, but in another county
        `王庄村卫生室,村卫生室,${at(from(...a, 180, 1000))},130528`,
        // within it, another type
        `王庄村卫生室,急救站,${at(from(...a, 0, 1000))},130581`,
        // within it: warned, naming the first
        `王庄村卫生室,村卫生室,${at(from(...a, 0, SAME_NAME_KM * 1000 - 5))},130581`,
        // 40 m off the first: a near duplicate (possible-duplicate), not also a same-name
        `王庄村卫生室,村卫生室,${at(from(...a, 0, 40))},130581`,
      ]),
      "wz.csv",
    );
    expect(r.issues.filter((i) => /duplicate|same-name/.test(i.code)).map((i) => [i.row, i.code])).toEqual([
      [6, "same-name"],
      [7, "possible-duplicate"],
    ]);
    expect(r.issues.find((i) => i.code === "same-name")?.message.zh).toContain("与第 2 行");
    // two villages of one name the file tells apart by their codes (大庄村 twice in 镇平县, 2.7 km apart): no warning;
    // one village's code on both: warned
    const village = (k: number, code: string, lon: number): Facility => ({
      id: `v${k}`,
      name: "大庄村卫生室",
      type: "village-clinic",
      lon,
      lat: 33,
      county: "411324",
      village: code,
    });
    const opts = { field: "名称", unit: "row" as const };
    expect(
      sameNameIssues("v.csv", [village(1, "411324100201", 112), village(2, "411324101202", 112.02)], [2, 3], opts),
    ).toEqual([]);
    expect(
      sameNameIssues("v.csv", [village(1, "411324100201", 112), village(2, "411324100201", 112.02)], [2, 3], opts),
    ).toHaveLength(1);
  });

  it("takes 100,000 rows of one name and type kilometres apart in seconds, against the brute force on a sample", () => {
    const rows = Array.from({ length: 100_000 }, (_, k) => k + 2);
    const facility = (k: number, lon: number, lat: number): Facility => ({
      id: `f${k}`,
      name: "急救站",
      type: "ems-station",
      lon,
      lat,
    });
    // 3.3–3.5 km apart east–west at 30–33°N (0.036°), 3.34 km north–south (0.03°): none within 3 km
    const spread = rows.map((_, k) => facility(k, 100 + (k % 1000) * 0.036, 30 + Math.floor(k / 1000) * 0.03));
    expect(sameNameIssues("x.csv", spread, rows, { field: "name", unit: "row" })).toHaveLength(0);
    // a random sample against the brute force: each warned row has an earlier one within 3 km, each other row none
    const seed = { v: 7 };
    const rnd = () => {
      seed.v = (seed.v * 16807) % 2147483647;
      return seed.v / 2147483647;
    };
    const sample = Array.from({ length: 600 }, (_, k) => facility(k, 115 + rnd() * 0.4, 37 + rnd() * 0.4));
    const sampleRows = sample.map((_, k) => k + 2);
    const warned = new Map(
      sameNameIssues("s.csv", sample, sampleRows, { field: "name", unit: "row" }).map((i) => [i.row, i]),
    );
    const kept: number[] = [];
    const wrong: string[] = [];
    sample.forEach((f, k) => {
      const near = kept.filter(
        (j) => metresBetween([f.lon, f.lat], [sample[j].lon, sample[j].lat]) <= SAME_NAME_KM * 1000,
      );
      const issue = warned.get(sampleRows[k]);
      if (near.length > 0 !== (issue !== undefined)) wrong.push(`row ${sampleRows[k]}`);
      if (issue && !issue.message.en.includes(`of row ${near[0] + 2},`))
        wrong.push(`row ${sampleRows[k]} names another`);
      if (near.length === 0) kept.push(k);
    });
    expect(wrong).toEqual([]);
    expect(warned.size).toBeGreaterThan(100);
  }, 60_000);
});
