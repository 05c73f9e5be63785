import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  afterCountyName,
  citationParts,
  gapKm2,
  localError,
  shareDelta,
  sharePct,
  uncoveredSumKm2,
} from "../../src/app/format";
import { makeI18n } from "../../src/app/i18n";
import type { RuleSet } from "../../src/core";

describe("figures and errors as the interface shows them", () => {
  it("a failing share never reads 100.0 %, a complete one always does", () => {
    expect(sharePct(0.99995, 0.19)).toBe("99.9%");
    expect(sharePct(0.99995)).toBe("99.9%");
    expect(sharePct(1, 0)).toBe("100.0%");
    expect(sharePct(0.9274, 250)).toBe("92.7%");
    expect(sharePct(undefined)).toBe("–");
  });

  it("an uncovered area never reads 0.0 km²", () => {
    expect(gapKm2(0.04)).toBe("0.1");
    expect(gapKm2(0)).toBe("0.0");
    expect(gapKm2(12.34)).toBe("12.3");
  });

  it("shows the half of a 'zh / en' core message in the interface's language, other errors as they are", () => {
    const e = new Error("县 411323 已有 2 所，最多新增 0 所 / county 411323 has 2, may add 0");
    expect(localError(e, "zh")).toBe("县 411323 已有 2 所，最多新增 0 所");
    expect(localError(e, "en")).toBe("county 411323 has 2, may add 0");
    expect(localError(new Error("HTTP 404 / not found"), "zh")).toBe("HTTP 404 / not found");
  });
});

describe("afterCountyName", () => {
  const names = ["卧龙区", "Wolong District"];
  it("drops the county's name where a message starts with it and a separator", () => {
    expect(afterCountyName("卧龙区 城区 5 公里急救服务半径外尚有 65.9 km²", names)).toBe(
      "城区 5 公里急救服务半径外尚有 65.9 km²",
    );
    expect(afterCountyName("卧龙区: 65.9 km² of the urban area", names)).toBe("65.9 km² of the urban area");
    expect(afterCountyName("Wolong District: 65.9 km² of the urban area", names)).toBe("65.9 km² of the urban area");
  });
  it("keeps a facility's name that begins with its county's name, and any other message", () => {
    expect(afterCountyName("卧龙区人民医院: Grade II A, below Grade III", names)).toBe(
      "卧龙区人民医院: Grade II A, below Grade III",
    );
    expect(afterCountyName("缺公立中医医院", names)).toBe("缺公立中医医院");
    expect(afterCountyName("卧龙区", names)).toBe("卧龙区");
    expect(afterCountyName("卧龙区: x", [undefined])).toBe("卧龙区: x");
  });
});

describe("a citation's sentence: the plan's words set apart, quotes inside quotes alternating", () => {
  const root = resolve(import.meta.dirname, "../..");
  const rules = (JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8")) as RuleSet).rules;
  const cite = (rule: string, doc: string) => rules.find((r) => r.id === rule)!.provenance.find((p) => p.doc === doc)!;
  const sentence = (lang: "zh" | "en", p: ReturnType<typeof cite>) => {
    const { t } = makeI18n(lang);
    const parts = citationParts(
      (title, section, quote, number) => t("citation", title, number, section, p.doc, p.line, quote),
      p,
    );
    return { text: parts.map((x) => x.text).join(""), plan: parts.filter((x) => x.plan).map((x) => x.text) };
  };
  /** Whether a double quote opens inside another before it closes. */
  const nested = (text: string) => /“[^”]*“/.test(text);

  it("English: the plan's title with “十四五” reads “南阳市‘十四五’…”, the section as the plan writes it", () => {
    // EMS-RURAL's line in plan 000, whose title holds “十四五”
    const p = cite("EMS-RURAL", "000");
    expect(p.title).toBe("南阳市“十四五”公共卫生体系和全民健康规划");
    const en = sentence("en", p);
    expect(en.text).toBe(
      `“南阳市‘十四五’公共卫生体系和全民健康规划”, ${p.section} (file 000, line ${p.line}): “${p.quote}”`,
    );
    expect(nested(en.text)).toBe(false);
    expect(en.plan).toEqual(["南阳市‘十四五’公共卫生体系和全民健康规划", p.section, p.quote]);
    // in Chinese the title is in 《》, as the plan writes it
    const zh = sentence("zh", p);
    expect(zh.text.startsWith("《南阳市“十四五”公共卫生体系和全民健康规划》")).toBe(true);
    expect(nested(zh.text)).toBe(false);
  });

  it("a quote holding “120” reads ‘120’ inside the sentence's double quotes, in English and in Chinese", () => {
    const p = cite("EMS-TIERS", "003");
    expect(p.quote).toContain("县级“120”急救指挥中心");
    for (const lang of ["en", "zh"] as const) {
      const s = sentence(lang, p);
      expect(s.text, lang).toContain("县级‘120’急救指挥中心");
      expect(nested(s.text), lang).toBe(false);
    }
    // 003's document number follows its title, outside the title's marks (the re-trial, s43)
    expect(sentence("zh", p).text).toMatch(/^《南阳市人民政府办公室关于印发[^》]*的通知》（宛政办〔2024〕4号） /);
    expect(sentence("en", p).text).toMatch(/^“南阳市人民政府办公室关于印发[^”]*的通知” \(宛政办〔2024〕4号\), /);
    // the number is the plan's words, set apart as the title is (an English pane read it as interface text)
    expect(sentence("en", p).plan).toContain("宛政办〔2024〕4号");
  });

  it("every citation of the Nanyang rule set, in both languages: no double quote opened inside another", () => {
    for (const r of rules)
      for (const p of r.provenance)
        for (const lang of ["en", "zh"] as const) expect(nested(sentence(lang, p).text), `${r.id} ${lang}`).toBe(false);
  });
});

describe("shareDelta", () => {
  it("is the change between the figures as shown (the EMS planner trial, s53 L4: 93.3 % → 99.3 % read +6.1)", () => {
    const before = { coveredShare: 0.93251, uncoveredAreaKm2: 114.8 };
    const after = { coveredShare: 0.99334, uncoveredAreaKm2: 11.6 };
    expect(sharePct(before.coveredShare, before.uncoveredAreaKm2)).toBe("93.3%");
    expect(sharePct(after.coveredShare, after.uncoveredAreaKm2)).toBe("99.3%");
    expect(shareDelta(after, before)).toBe("(+6.0)");
    // to a whole county: 100.0 % shown, so the step is to 100
    expect(shareDelta({ coveredShare: 1, uncoveredAreaKm2: 0 }, { coveredShare: 0.99123, uncoveredAreaKm2: 3 })).toBe(
      "(+0.9)",
    );
    // a loss reads with a minus; figures shown alike read no change
    expect(shareDelta(before, after)).toBe("(−6.0)");
    expect(shareDelta({ coveredShare: 0.93262 }, { coveredShare: 0.93251 })).toBe("");
    expect(shareDelta(undefined, before)).toBe("");
  });
});

describe("uncoveredSumKm2", () => {
  it("adds the figures as shown (the re-trial, s53b L-b: 155.8 beside 7.1 + 148.8)", () => {
    expect(uncoveredSumKm2({ uncoveredAreaKm2: 7.06 }, { uncoveredAreaKm2: 148.78 })).toBe(155.9);
    expect(gapKm2(uncoveredSumKm2({ uncoveredAreaKm2: 7.06 }, { uncoveredAreaKm2: 148.78 }))).toBe("155.9");
    // a sliver is shown as 0.1, and counted so
    expect(uncoveredSumKm2({ uncoveredAreaKm2: 0.01 }, undefined)).toBe(0.1);
    expect(uncoveredSumKm2(undefined, { uncoveredAreaKm2: 0 })).toBe(0);
  });
});
