import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CompactDivisions,
  type CountyTopology,
  continueRenamedUnits,
  countiesFromTopology,
  countyNamesEnByCode,
  divisionsFromCompact,
} from "../../../src/core";
import { countyNameEn } from "../../../src/core/rules/session-score";

const geodata = resolve(import.meta.dirname, "../../../geodata/china");
const read = (f: string) => JSON.parse(readFileSync(join(geodata, f), "utf8"));

describe("a pre-2023 unit of the boundaries reads its 2023 successor's townships (the planner trial: 洛阳)", () => {
  const counties = countiesFromTopology(read("luoyang.topo.json") as CountyTopology);
  const divisions = divisionsFromCompact(read("luoyang.div.json") as CompactDivisions);
  const continued = continueRenamedUnits(divisions, counties.codeNotes);
  const unit = (code: string) => continued.counties.find((c) => c.code === code);

  it("孟津县 and 偃师市 are judged as the districts they have been since 2021, their names kept (the re-trial)", () => {
    const props = (code: string) => counties.features.find((f) => f.properties.code === code)?.properties;
    expect(props("410322")).toMatchObject({ name: "孟津县", kind: "district", nowNamed: "孟津区" });
    expect(props("410381")).toMatchObject({ name: "偃师市", kind: "district", nowNamed: "偃师区" });
    // a unit whose kind has not changed is as it was
    expect(props("410325")).toMatchObject({ name: "嵩县", kind: "county" });
    expect(props("410325")?.nowNamed).toBeUndefined();
  });

  it("their English names follow the Chinese names shown, not their kind today (the user trial, s52 L1: 「Malong District 马龙县」)", () => {
    const pinyin = { "410322": "Mengjin", "410381": "Yanshi", "410325": "Songxian" };
    expect(countyNamesEnByCode(counties.features, pinyin)).toMatchObject({
      "410322": "Mengjin County",
      "410381": "Yanshi City",
      "410325": "Songxian County",
    });
    const props = counties.features.find((f) => f.properties.code === "410322")!.properties;
    expect(countyNameEn(props, pinyin)).toBe("Mengjin County");
  });

  it("孟津县 410322 takes 孟津区 410308's townships with their 2023 codes, 偃师市 410381 偃师区 410307's", () => {
    expect(divisions.counties.some((c) => c.code === "410322")).toBe(false);
    for (const [old, now] of [
      ["410322", "410308"],
      ["410381", "410307"],
    ]) {
      const u = unit(old);
      expect(u?.townships.length).toBeGreaterThan(5);
      expect(u?.townships).toEqual(unit(now)?.townships);
      expect(u?.townships.every((t) => t.code.startsWith(now))).toBe(true);
      expect(counties.features.some((f) => f.properties.code === old)).toBe(true);
    }
    expect(unit("410322")?.name).toBe("孟津县");
  });

  it("a unit merged away (吉利区, no successor named) is left without a list; nothing else changes", () => {
    expect(unit("410306")).toBeUndefined();
    expect(continued.counties.length).toBe(divisions.counties.length + 2);
    expect(continueRenamedUnits(divisions, [])).toBe(divisions);
  });
});
