import { describe, expect, it } from "vitest";
import { afterCountyName } from "../../../src/app/format";
import { MIN_DISTANCE_OUTSIDE_URBAN, ONE_PER_UNIT } from "../../../src/core/rules/messages";

const THC_LEVELS = ["sub-centre", "central-thc", "thc"] as const;

describe("THC-PER-TOWNSHIP in English (issue #11)", () => {
  it("names the township levels in words, not joined with a slash", () => {
    expect(ONE_PER_UNIT.missing("城郊乡", THC_LEVELS).en).toBe(
      "城郊乡: no township health centre (of any level: township, central or county sub-centre)",
    );
    expect(ONE_PER_UNIT.several("城郊乡", THC_LEVELS, ["甲卫生院", "乙卫生院"]).en).toBe(
      "城郊乡: 2 township-level health centres (甲卫生院, 乙卫生院); please review",
    );
    const summary = ONE_PER_UNIT.summary("township", THC_LEVELS, {
      units: 3,
      satisfied: 0,
      missing: 3,
      unassigned: 0,
      surelyMissing: 3,
      exemptUnits: 0,
      shared: 0,
      reviews: 0,
      needPopulation: 0,
      noneAtAll: true,
    }).en;
    expect(summary).not.toContain("/");
    expect(summary).toContain("a township health centre (of any level");
    // the Chinese keeps the plans' terms
    expect(ONE_PER_UNIT.missing("城郊乡", THC_LEVELS).zh).toBe(
      "城郊乡：无县域医疗卫生次中心/中心乡镇卫生院/乡镇卫生院",
    );
  });

  it("keeps a single type's wording", () => {
    expect(ONE_PER_UNIT.missing("石桥村", ["village-clinic"]).en).toBe("石桥村: no village clinic");
  });
});

describe("SUB-15KM violation opens with the county's name (issue #11)", () => {
  const county = { zh: "南召县", en: "Nanzhao County" };
  const f = { near: true, urban: false, distanceKm: 12.34, limitKm: 15 };

  it("in English and in Chinese, as the EMS rows do", () => {
    const m = MIN_DISTANCE_OUTSIDE_URBAN.violation(county, "皇路店镇中心卫生院", "county-medical-centre", f);
    expect(m.en.startsWith("Nanzhao County: 皇路店镇中心卫生院: 12.3")).toBe(true);
    expect(m.zh.startsWith("南召县 皇路店镇中心卫生院：距")).toBe(true);
    // the app's rows strip the county's name and show the facility first, as before
    expect(afterCountyName(m.en, ["南召县", "Nanzhao County"]).startsWith("皇路店镇中心卫生院: ")).toBe(true);
    expect(afterCountyName(m.zh, ["南召县", "Nanzhao County"]).startsWith("皇路店镇中心卫生院：")).toBe(true);
  });

  it("does not name the county twice in Chinese when the facility's name begins with it", () => {
    const m = MIN_DISTANCE_OUTSIDE_URBAN.violation(county, "南召县云阳镇卫生院", "county-medical-centre", f);
    expect(m.zh.startsWith("南召县云阳镇卫生院：距")).toBe(true);
    expect(afterCountyName(m.zh, ["南召县", "Nanzhao County"])).toBe(m.zh);
  });
});
