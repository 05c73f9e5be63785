import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { countyDisplayName, countyMessageNames } from "../../src/app/county-names";
import { afterCountyName } from "../../src/app/format";
import { COUNTY_KIND_EN, type CountyProps, countyKindOfName } from "../../src/core";
import { countyNameEn } from "../../src/core/rules/session-score";

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
    expect(["卧龙区", "邓州市", "桐柏县", "鄂温克族自治旗"].map(countyKindOfName)).toEqual([
      "district",
      "city",
      "county",
      "county",
    ]);
  });

  it("a violation's message opening with its county's name, as the analysis writes it, loses that name in the list and the detail (issue #11: 「Wolong District 卧龙区 Wolong District: …」)", () => {
    // every shipped county and every kind the analysis may give it: the name its English messages open with is one of
    // those the list takes off
    const kinds = Object.keys(COUNTY_KIND_EN) as CountyProps["kind"][];
    let n = 0;
    for (const code of Object.keys(names))
      for (const kind of kinds) {
        const opening = countyNameEn({ code, name: "某县", kind } as CountyProps, names);
        expect(countyMessageNames(code, "某县", names)).toContain(opening);
        n++;
      }
    expect(n).toBeGreaterThan(2800 * kinds.length);
    const wolong = countyMessageNames("411303", "卧龙区", names);
    expect(afterCountyName("Wolong District: 52.6 km² of the urban area lies beyond", wolong)).toBe(
      "52.6 km² of the urban area lies beyond",
    );
    expect(afterCountyName("卧龙区 城区 5 公里急救服务半径外尚有 52.6 km²", wolong)).toBe(
      "城区 5 公里急救服务半径外尚有 52.6 km²",
    );
    // a facility named after its county keeps its name
    expect(afterCountyName("卧龙区人民医院: Grade II A", wolong)).toBe("卧龙区人民医院: Grade II A");
    // before the English names are in: the Chinese name only
    expect(countyMessageNames("411303", "卧龙区", null)).toEqual(["卧龙区"]);
  });
});
