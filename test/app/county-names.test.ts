import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { countyDisplayName, kindFromName } from "../../src/app/county-names";

const root = resolve(import.meta.dirname, "../..");
const names = (
  JSON.parse(readFileSync(join(root, "geodata/china/county-names-en.json"), "utf8")) as {
    names: Record<string, string>;
  }
).names;

describe("county names in the interface's language", () => {
  it("English: the pinyin name and kind with the Chinese beside; Chinese: the Chinese alone", () => {
    expect(countyDisplayName("411323", "西峡县", "en", names)).toBe("Xixia County 西峡县");
    expect(countyDisplayName("411302", "宛城区", "en", names)).toBe("Wancheng District 宛城区");
    expect(countyDisplayName("411381", "邓州市", "en", names)).toBe("Dengzhou City 邓州市");
    expect(countyDisplayName("411323", "西峡县", "zh", names)).toBe("西峡县");
    // a county the table does not know (own boundaries), or before the names are loaded: the Chinese name
    expect(countyDisplayName("990001", "甲县", "en", names)).toBe("甲县");
    expect(countyDisplayName("411323", "西峡县", "en", null)).toBe("西峡县");
  });

  it("reads the kind from the name as boundary imports do", () => {
    expect(["卧龙区", "邓州市", "桐柏县", "鄂温克族自治旗"].map(kindFromName)).toEqual([
      "district",
      "city",
      "county",
      "county",
    ]);
  });
});
