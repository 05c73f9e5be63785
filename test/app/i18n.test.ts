import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES, makeI18n } from "../../src/app/i18n";

const root = resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("the interface's messages", () => {
  it("have the same keys in both languages, each a string or a function of the same number of values", () => {
    const zh = MESSAGES.zh as Record<string, unknown>;
    const en = MESSAGES.en as Record<string, unknown>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const k of Object.keys(zh)) {
      expect(typeof en[k], k).toBe(typeof zh[k]);
      if (typeof zh[k] === "function") expect((en[k] as () => string).length, k).toBe((zh[k] as () => string).length);
      else expect((zh[k] as string).length, k).toBeGreaterThan(0);
    }
  });

  it("in English use full-width punctuation only inside a Chinese term (「X（.prj）」 was not)", () => {
    const en = MESSAGES.en as Record<string, unknown>;
    const cjk = /[\u3400-\u9fff]/;
    for (const [k, v] of Object.entries(en)) {
      // ASCII values, so any full-width mark comes from the message itself; numbers where a message needs them
      const fill = (f: (...a: unknown[]) => unknown, text: boolean) =>
        String(f(...Array.from({ length: f.length }, (_, i) => (text && i % 2 === 0 ? "Xian 1980" : 2))));
      let s = String(v);
      if (typeof v === "function") {
        try {
          s = fill(v as (...a: unknown[]) => unknown, true);
        } catch {
          s = fill(v as (...a: unknown[]) => unknown, false);
        }
      }
      for (const m of s.matchAll(/[（），：；。、]/g)) {
        const i = m.index ?? 0;
        expect(cjk.test(s[i - 1] ?? "") || cjk.test(s[i + 1] ?? ""), `${k}: ${s}`).toBe(true);
      }
    }
    expect(makeI18n("en").t("crsFromPrj", "Xian 1980")).toBe("Xian 1980 (.prj)");
  });

  it("fill in their values", () => {
    expect(makeI18n("zh").t("acceptedSites", 2)).toBe("已采纳 2 个建议站点");
    expect(makeI18n("en").t("acceptedSites", 2)).toBe("Accepted 2 suggested sites");
    expect(makeI18n("en").t("citation", "T", "", "S", "003", 213, "Q")).toBe("“T”, S (file 003, line 213): “Q”");
    // a document number stands after the title, outside its marks
    expect(makeI18n("en").t("citation", "T", "宛政办〔2024〕4号", "S", "003", 13, "Q")).toBe(
      "“T” (宛政办〔2024〕4号), S (file 003, line 13): “Q”",
    );
    expect(makeI18n("zh").t("citation", "T", "宛政办〔2024〕4号", "S", "003", 13, "Q")).toBe(
      "《T》（宛政办〔2024〕4号） S（文件 003 第 13 行）：“Q”",
    );
  });

  it("give the print's projection as drawn: Web Mercator, WGS84 coordinates (the GIS trial, s45-b #9: 「坐标系 WGS84」)", () => {
    // MapLibre draws the print in Web Mercator (EPSG:3857) from WGS84 longitudes and latitudes: the footer says both
    expect(makeI18n("zh").t("printFooter", "S")).toBe("Web 墨卡托投影（WGS84 坐标）；数据：S");
    expect(makeI18n("en").t("printFooter", "S")).toBe("Web Mercator (WGS84 coordinates); data: S");
  });

  it("name a county's own report by its kind: 本区 for a district, 本县 for a county, a county-level city by its name (本市 read as the prefecture city: the re-trial, s49b #7)", () => {
    const zh = makeI18n("zh").t;
    const en = makeI18n("en").t;
    expect(["卧龙区", "桐柏县", "邓州市"].map((n) => zh("countyReportDocx", n))).toEqual([
      "本区审查报告 Word",
      "本县审查报告 Word",
      "邓州市审查报告 Word",
    ]);
    expect(en("countyReportHtml", "卧龙区")).toBe("This district's review report in Chinese, print view");
    expect(en("countyReportDocx", "桐柏县")).toBe("This county's review report in Chinese, Word");
    expect(en("countyReportDocx", "邓州市")).toBe("This county-level city's review report in Chinese, Word");
  });

  it("agree in number in English: every message filled with 1 reads in the singular, with 2 in the plural", () => {
    const en = MESSAGES.en as Record<string, unknown>;
    const slips: string[] = [];
    for (const [k, v] of Object.entries(en)) {
      if (typeof v !== "function") continue;
      const text = String((v as (...a: unknown[]) => unknown)(...Array.from({ length: v.length }, () => 1)));
      // "1 polygons", "1 townships or streets", "site(s)": a count of one with a plural noun. Not slips: "1 × 1
      // pixels" (a size) and "the range 1 sets" (a string parameter filled with 1, then a verb).
      for (const m of text.matchAll(/\b1 ([a-z]+s)\b|\w\(s\)/g)) {
        if (m[1] !== "pixels" && m[1] !== "sets") slips.push(`${k}: ${text}`);
      }
    }
    expect(slips).toEqual([]);
    const en2 = makeI18n("en");
    expect(en2.t("urbanInUse", "u.geojson", 1)).toBe("Using the imported urban area: u.geojson (1 polygon)");
    expect(en2.t("urbanInUse", "u.geojson", 2)).toBe("Using the imported urban area: u.geojson (2 polygons)");
    expect(en2.t("urbanInUse", "u.geojson", 0)).toBe("Using the imported urban area: u.geojson (0 polygons)");
    expect(en2.t("unitPopulationInUse", "p.csv", 1, 3)).toBe(
      "Township / village population: p.csv (1 township or street, 3 villages)",
    );
    expect(en2.t("rulesApplied", 1)).toBe("The 1 rule that applies, and where it comes from");
    expect(en2.t("rulesApplied", 12)).toBe("The 12 rules that apply, and where they come from");
    expect(en2.t("gridRefined", 250, 1, 1)).toContain(
      "re-solved once with the uncovered cells as demand; 1 site added",
    );
    expect(en2.t("gridRefined", 250, 2, 3)).toContain(
      "re-solved 2 times with the uncovered cells as demand; 3 sites added",
    );
    expect(en2.t("cityResults", 1)).toBe("1 city");
    expect(en2.t("staffingInUse", "s.csv", 1)).toBe("Staffing table: s.csv (1 county)");
    expect(en2.t("acceptedSites", 1)).toBe("Accepted 1 suggested site");
  });

  it("are the one way the interface picks a language: no inline zh ? … : … left in src/app", () => {
    const inline = files(join(root, "src/app"))
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${f.slice(root.length + 1)}:${i + 1}`, line }))
          .filter(({ line }) => /\bzh\s*\?|lang\s*===\s*"zh"\s*\?/.test(line)),
      )
      .map((x) => x.where);
    expect(inline).toEqual([]);
  });
});
