import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { countyDisplayName, countySearchNames } from "../../src/app/county-names";
import { namePinyin } from "../../src/app/pinyin";
import {
  matchesViolationSearch,
  pinyinIncludes,
  tonelessPinyin,
  violationSearchText,
} from "../../src/app/violation-search";
import { createAnalysisSession, pinyinSyllableCount, placeViolations, syllablesFollow } from "../../src/core";
import { nanyangInputs } from "../core/report/nanyang";

const { counties, divisions, facilities, ruleSet } = nanyangInputs();
const report = createAnalysisSession({ counties, facilities, ruleSet, divisions }).report();
const placed = placeViolations({
  violations: report.violations,
  ruleSet,
  counties: counties.features,
  divisions,
  facilities,
  countyNamesEn: { "411323": "Xixia County" },
}).map((f) => f.properties);
const find = (q: string) => placed.filter((p) => matchesViolationSearch(p, p.countyName, q));

describe("the violation list's search finds what a reviewer means (issue 11)", () => {
  it("「妇幼」 finds no missing TCM hospital, though the rule's own text lists 妇幼", () => {
    const tcm = placed.filter((p) => p.messageZh === "缺公立中医医院");
    expect(tcm.length).toBeGreaterThan(0);
    expect(tcm[0].ruleDescZh).toContain("妇幼");
    const found = find("妇幼");
    expect(found.filter((p) => p.messageZh === "缺公立中医医院")).toEqual([]);
    // what it does find is about 妇幼: the missing hospital of that kind, or a facility so named
    for (const p of found) expect(`${p.messageZh}${p.facilityName ?? ""}`).toContain("妇幼");
    // every item about 妇幼 is found
    expect(found).toHaveLength(placed.filter((p) => `${p.messageZh}${p.facilityName ?? ""}`.includes("妇幼")).length);
  });

  it("finds by rule code, county (Chinese or English), facility and place; not by a plan quote in the message", () => {
    const code = find("sub-15km");
    expect(code.length).toBeGreaterThan(0);
    expect(code.every((p) => p.rule === "SUB-15KM")).toBe(true);
    expect(code).toHaveLength(placed.filter((p) => p.rule === "SUB-15KM").length);
    const xixia = placed.filter((p) => p.county === "411323");
    expect(find("西峡县")).toHaveLength(xixia.length);
    expect(find("xixia")).toHaveLength(xixia.length);
    const named = placed.find((p) => p.facilityName);
    expect(find(named?.facilityName ?? "?").length).toBeGreaterThan(0);
    const village = placed.find((p) => p.unitLevel === "village" && p.unitName);
    expect(find(village?.unitName ?? "?")).toContain(village);
    // two words: both must be found (a county and a kind of problem)
    expect(find("西峡县 村卫生室").every((p) => p.county === "411323" && p.messageZh.includes("村卫生室"))).toBe(true);
    // 「方城县人民医院：二级甲等，未达三级（000:310 推动县级人民医院全部晋升三级综合医院）」: the quote is the plan's
    const quoting = placed.find((p) => /（\d{3}:\d+ /.test(p.messageZh));
    expect(quoting).toBeDefined();
    const quote = /（\d{3}:\d+ ([^）]+)）/.exec(quoting?.messageZh ?? "")?.[1] ?? "";
    expect(quote.length).toBeGreaterThan(4);
    expect(find(quote)).toEqual([]);
    expect(find("")).toHaveLength(placed.length);
  });
});

describe("a county is found by its Chinese, English and pinyin names in either interface language (issue 11)", () => {
  const namesEn = JSON.parse(
    readFileSync(resolve(import.meta.dirname, "../../geodata/china/county-names-en.json"), "utf8"),
  ).names as Record<string, string>;
  // what the list shows as the county: the Chinese name in the Chinese interface, "Xixia County 西峡县" in English
  const shownZh = (p: (typeof placed)[number]) => p.countyName;
  const shownEn = (p: (typeof placed)[number]) => countyDisplayName(p.county, p.countyName, "en", namesEn);
  // the placed rows without the English names the test's placing gave them: the app places without them
  const bare = placed.map(({ countyNameEn: _, ...p }) => p);
  const xixia = bare.filter((p) => p.county === "411323");

  it("「Xixia」, 「xixia」, 「Xixia County」 in the Chinese interface; 「西峡县」, 「西峡」 in the English one", () => {
    expect(xixia.length).toBeGreaterThan(0);
    for (const [shown, queries] of [
      [shownZh, ["Xixia", "xixia", "Xixia County", "西峡县", "西峡"]],
      [shownEn, ["Xixia", "xixia", "Xixia County", "西峡县", "西峡"]],
    ] as const)
      for (const q of queries) {
        const found = bare.filter((p) =>
          matchesViolationSearch(p, countySearchNames(p.county, p.countyName, shown(p), namesEn), q),
        );
        expect(found, q).toEqual(xixia);
      }
    // without the English names (what the Chinese interface had before): the English name finds nothing
    expect(bare.filter((p) => matchesViolationSearch(p, shownZh(p), "Xixia"))).toEqual([]);
  });
});

describe("a township, village or facility is found by its name's pinyin (issue 11, finding 3c)", () => {
  const names = (p: (typeof placed)[number]) => [p.facilityName, p.unitName, p.townshipName].filter(Boolean).join(" ");
  const findPy = (q: string) => placed.filter((p) => matchesViolationSearch(p, p.countyName, q, namePinyin));

  it("a typed word loses its tones, tone numbers and case; ü is v", () => {
    for (const [typed, want] of [
      ["Zheshan", "zheshan"],
      ["Zhèshān", "zheshan"],
      ["zhe4shan1", "zheshan"],
      ["Lǚ", "lv"],
      ["lü", "lv"],
      ["lu:", "lv"],
      ["sub-15km", "sub-15km"],
    ])
      expect(tonelessPinyin(typed), typed).toBe(want);
  });

  it("a name's pinyin: joined, and each character's other readings from its start (单县 as shan, 堡 as pu)", () => {
    expect(namePinyin("遮山镇").joined).toBe("zheshanzhen");
    expect(namePinyin("单县").joined).toBe("danxian");
    for (const [name, word, found] of [
      ["遮山镇", "zheshan", true],
      ["遮山镇", "shanzh", true],
      ["遮山镇", "zheshanzhenx", false],
      ["单县", "shanxian", true],
      ["单县", "danxian", true],
      ["李堡村", "lipucun", true],
      ["吕庄村", "luzhuang", true],
      ["吕庄村", "lvzhuang", true],
      ["吕庄村", "zhuanglv", false],
      ["1号井村", "1haojing", true],
    ] as const)
      expect(pinyinIncludes(namePinyin(name), word), `${name} ${word}`).toBe(found);
  });

  it("「zheshan」, 「Zheshan Zhen」, 「zhèshān」 find 遮山镇中心卫生院's row, and only with the pinyin loaded", () => {
    const zheshan = placed.filter((p) => names(p).includes("遮山"));
    expect(zheshan).toHaveLength(1);
    for (const q of ["zheshan", "Zheshan", "ZHESHAN", "Zheshan Zhen", "zheshanzhen", "zhèshān", "zhe4shan1"]) {
      expect(findPy(q), q).toEqual(zheshan);
      // before pinyin-pro has arrived, the names as written only
      expect(find(q), q).toEqual([]);
    }
    // with tones typed on a word, the Chinese still finds
    expect(findPy("遮山镇")).toEqual(zheshan);
  });

  it("a village and the township it lies in, by pinyin: 马寨 mazhai, 蒲山镇 pushan", () => {
    const mazhai = placed.filter((p) => names(p).includes("马寨"));
    expect(mazhai.length).toBeGreaterThan(0);
    expect(findPy("mazhai")).toEqual(mazhai);
    expect(findPy("Mazhai Cun")).toEqual(mazhai);
    const pushan = placed.filter((p) => names(p).includes("蒲山"));
    // 马寨's row is found by its township's name alone
    expect(
      pushan.some((p) => p.unitLevel === "village" && p.townshipName === "蒲山镇" && !p.unitName?.includes("蒲山")),
    ).toBe(true);
    expect(findPy("pushan")).toEqual(pushan);
    expect(findPy("Pushan Zhen")).toEqual(pushan);
  });

  it("the county searches find what they found before, with the pinyin loaded", () => {
    const namesEn = JSON.parse(
      readFileSync(resolve(import.meta.dirname, "../../geodata/china/county-names-en.json"), "utf8"),
    ).names as Record<string, string>;
    const bare = placed.map(({ countyNameEn: _, ...p }) => p);
    const xixia = bare.filter((p) => p.county === "411323");
    for (const q of ["Xixia", "xixia", "Xixia County", "西峡县"])
      expect(
        bare.filter((p) =>
          matchesViolationSearch(p, countySearchNames(p.county, p.countyName, p.countyName, namesEn), q, namePinyin),
        ),
        q,
      ).toEqual(xixia);
  });
});

describe("pinyin typed with spaces is found syllable by syllable, in order, in one name (issue 11)", () => {
  const names = (p: (typeof placed)[number]) =>
    [p.countyName, p.facilityName, p.unitName, p.townshipName].filter(Boolean).join(" ");
  const findPy = (q: string) => placed.filter((p) => matchesViolationSearch(p, p.countyName, q, namePinyin));
  const zheshan = placed.filter((p) => names(p).includes("遮山"));

  it("「zhe shan」, 「zh sh」-like starts and 「zhe s」 find 遮山镇's row, not a 镇 in one name and a 山 in another", () => {
    expect(zheshan).toHaveLength(1);
    // (before: 9 rows, 蒲山镇 马寨村 and 留山镇 东街村 among them: 「zhe」 was found in 镇, 「shan」 in 山 elsewhere)
    for (const q of ["zhe shan", "Zhè Shān", "zhe4 shan1", "zhe s", "zhe shan zhen", "zhe shanzh", "zhenping zheshan"])
      expect(findPy(q), q).toEqual(zheshan);
    // the syllables out of order, or not adjacent, find nothing
    expect(findPy("xian xia xi")).toEqual([]);
    expect(findPy("xi xia xian").length).toBeGreaterThan(0);
    expect(findPy("zhe zhen")).toEqual([]);
    // 「zhe」 typed whole and followed by a word is zhe (遮), not the start of zhen (镇): 「zhe ping」 is not 镇平县
    expect(findPy("zhe ping")).toEqual([]);
    expect(findPy("zhen ping").length).toBeGreaterThan(0);
    // 「shan zhen」: 山镇 in a name (遮山镇, 蒲山镇, 留山镇), never a 山 and a 镇 apart
    const shanZhen = findPy("shan zhen");
    expect(shanZhen.length).toBeGreaterThan(0);
    for (const p of shanZhen) expect(names(p), names(p)).toMatch(/山镇/);
    // every row found by 「zh sh」 has a name with a zh- syllable right before an sh- one (遮山镇, 邓州市 zhou shi …)
    const zhsh = findPy("zh sh");
    expect(zhsh).toEqual(expect.arrayContaining(zheshan));
    for (const p of zhsh)
      expect(
        [p.countyName, p.facilityName, p.unitName, p.townshipName].some((n) => {
          if (!n) return false;
          const r = namePinyin(n).readings;
          return r.some(
            (a, i) => i + 1 < r.length && a.some((x) => x.startsWith("zh")) && r[i + 1].some((x) => x.startsWith("sh")),
          );
        }),
        names(p),
      ).toBe(true);
  });

  it("「xi xia」 finds 西峡县's rows only, as 「xixia」 does", () => {
    const xixia = placed.filter((p) => p.county === "411323");
    expect(xixia.length).toBeGreaterThan(0);
    // (before: 93 rows, a 西 in one name and a 峡, 夏 or 下 in another)
    expect(findPy("xi xia")).toEqual(xixia);
    expect(findPy("xixia")).toEqual(xixia);
  });

  it("words that are not pinyin, Chinese and initials are found on their own as before", () => {
    // 「ems」 is no pinyin: 「xixia ems」 is Xixia's row whose text has EMS
    const ems = findPy("xixia ems");
    expect(ems.length).toBeGreaterThan(0);
    for (const p of ems) {
      expect(p.county).toBe("411323");
      expect(violationSearchText(p, p.countyName)).toContain("ems");
    }
    expect(findPy("遮山镇")).toEqual(zheshan);
    expect(findPy("镇平县 遮山")).toEqual(zheshan);
    expect(findPy("镇平县 zhe shan")).toEqual(zheshan);
    // initials are not searched in this list (as before): 「zs」 is no pinyin and no name has it
    expect(findPy("zs")).toEqual([]);
    // before the pinyin has arrived, syllables with spaces find what the text has as written: nothing here
    expect(find("zhe shan")).toEqual([]);
  });

  it("the syllable reader: what reads as pinyin, and syllables following one another in a name", () => {
    for (const [w, n] of [
      ["zhe", 1],
      ["zheshan", 2],
      ["zheshanzh", 3],
      ["zh", 1],
      ["xixia", 2],
      ["lv", 1],
      ["zs", 0],
      ["ems", 0],
      ["county", 0],
      ["sub-15km", 0],
      ["遮山", 0],
    ] as const)
      expect(pinyinSyllableCount(w), w).toBe(n);
    const r = namePinyin("遮山镇").readings;
    expect(syllablesFollow(r, 0, ["zhe", "shan"])).toBe(true);
    expect(syllablesFollow(r, 0, ["zh", "sh", "zh"])).toBe(true);
    expect(syllablesFollow(r, 1, ["shan", "zhen"])).toBe(true);
    expect(syllablesFollow(r, 0, ["zhes", "han"])).toBe(false);
    expect(syllablesFollow(r, 0, ["zhe", "zhen"])).toBe(false);
    // 「zhe」 typed whole before another word is zhe; the last word may be begun, whole syllable or not
    const zhenping = namePinyin("镇平县").readings;
    expect(syllablesFollow(zhenping, 0, ["zhe", "ping"])).toBe(false);
    expect(syllablesFollow(zhenping, 0, ["zh", "ping"])).toBe(true);
    expect(syllablesFollow(zhenping, 0, ["zhen", "pin"])).toBe(true);
    expect(syllablesFollow(zhenping, 0, ["zhen", "pin"], false)).toBe(false);
    expect(syllablesFollow(zhenping, 0, ["zhe"])).toBe(true);
  });
});
