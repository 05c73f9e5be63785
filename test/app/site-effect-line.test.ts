import { describe, expect, it } from "vitest";
import { makeI18n } from "../../src/app/i18n";

// The Plan tab's line under a proposed site, in either language (the re-check, s52c: the English line read 「alone:
// taking this site alone away…」).
describe("a proposed site's effect line", () => {
  it("says 'alone' (单独) once in either language", () => {
    const en = makeI18n("en");
    expect(en.t("siteEffect", "taking this site alone away changes no finding")).toBe(
      "Taking this site alone away changes no finding",
    );
    expect(en.t("siteEffect", "raises Xixia County's rural EMS cover 95.6% → 98.5%")).toBe(
      "On its own: raises Xixia County's rural EMS cover 95.6% → 98.5%",
    );
    const zh = makeI18n("zh");
    expect(zh.t("siteEffect", "使西峡县农村急救覆盖 95.6% → 98.5%")).toBe(
      "单独作用：使西峡县农村急救覆盖 95.6% → 98.5%",
    );
    expect(zh.t("siteEffect", "单独去掉本站点，各项核查结果不变")).toBe("单独去掉本站点，各项核查结果不变");
  });
});
