import { describe, expect, it } from "vitest";
import { planMark } from "../../src/app/components/CityPicker";
import { makeI18n } from "../../src/app/i18n";

describe("the city picker's plan mark", () => {
  it("marks a city whose plan binds it, names the units of a plan that binds only some, and leaves others bare", () => {
    const zh = makeI18n("zh").t;
    const en = makeI18n("en").t;
    expect(planMark({ plan: "nanyang" }, zh)).toBe("（有本地规划）");
    // 邢台市's entry carries plan "nangong": 002 binds 南宫市 only, so 邢台市 itself has no local plan
    expect(planMark({ plan: "nangong" }, zh)).toBe("（南宫市有本地规划）");
    expect(planMark({ plan: "nangong" }, en)).toBe(" (local plan for 南宫市 only)");
    expect(planMark({}, zh)).toBe("");
  });
});
