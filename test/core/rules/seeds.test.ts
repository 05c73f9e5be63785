import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSeedRuleSets, DOCUMENTS } from "../../../scripts/build-seeds";
import { citationText } from "../../../src/core/report/tables";
import { bookTitle, RULE_IDS, RuleSetSchema, ruleSetJsonSchema } from "../../../src/core/rules/schema";

const root = resolve(import.meta.dirname, "../../..");
const seedsDir = join(root, "seeds");
/** The plan texts ship in seeds/plans (see its README); SEED_TEXT_DIR overrides. */
const textDir = process.env.SEED_TEXT_DIR ?? join(seedsDir, "plans");
const rulesetFiles = readdirSync(seedsDir).filter((f) => /^ruleset-.*\.json$/.test(f));

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(seedsDir, file), "utf8"));
}

function planLines(doc: string): string[] {
  const file = readdirSync(textDir).find((f) => f.startsWith(`${doc}_`) && f.endsWith(".txt"));
  if (!file) throw new Error(`no plan text for document ${doc}`);
  return readFileSync(join(textDir, file), "utf8").split("\n");
}

describe("seed rule sets", () => {
  it("names each plan by the title its text gives, and its document number (the reviewer trial, s43-a #4)", () => {
    // 003 was named 《南阳市公共卫生、医疗服务、乡村医疗卫生体系行动计划》, a title the document nowhere has
    for (const [doc, d] of Object.entries(DOCUMENTS)) {
      const head = planLines(doc).slice(0, 40).join("").replace(/\s+/g, "");
      const number: string | undefined = "number" in d ? d.number : undefined;
      expect(head, doc).toContain(d.title);
      if (number) expect(head, doc).toContain(number);
      // the number is cited outside the title's 《》 (the re-trial, s43): never part of the title
      expect(d.title, doc).not.toMatch(/〔\d{4}〕\d+号/);
    }
    expect(DOCUMENTS["001"]).toMatchObject({ number: "平政〔2023〕3号" });
    expect(DOCUMENTS["003"]).toMatchObject({ number: "宛政办〔2024〕4号" });
  });

  it("cites a plan with a document number as 《title》（number）, in every printed citation", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-pingdingshan.json"));
    const p = set.rules.flatMap((r) => r.provenance).find((q) => q.doc === "001");
    expect(p?.number).toBe("平政〔2023〕3号");
    expect(bookTitle(p as NonNullable<typeof p>)).toBe(
      "《平顶山市“十四五”公共卫生体系和全民健康规划》（平政〔2023〕3号）",
    );
    expect(citationText([p as NonNullable<typeof p>])).toMatch(
      /^001《平顶山市“十四五”公共卫生体系和全民健康规划》（平政〔2023〕3号）/,
    );
    expect(bookTitle({ title: "南宫市“十四五”医疗卫生服务体系规划" })).toBe("《南宫市“十四五”医疗卫生服务体系规划》");
  });

  it("has one rule set per city (its own plans) plus the comparison set", () => {
    expect(rulesetFiles.sort()).toEqual([
      "ruleset-all.json",
      "ruleset-nangong.json",
      "ruleset-nanyang.json",
      "ruleset-national.json",
      "ruleset-pingdingshan.json",
      "ruleset-yichun.json",
    ]);
  });

  it("the no-local-plan set says so, binds no city, and each of its rules rests on lines of at least two plans", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-national.json"));
    expect(set.noLocalPlan?.zh).toMatch(/未加载本地规划/);
    expect(set.noLocalPlan?.en).toMatch(/no local plan/i);
    // every rule quotes city plans: the set is not called a national standard, and says it is none (the user trial,
    // s52 M6: titled 「国家标准规则」)
    expect(set.title.zh).not.toMatch(/国家标准/);
    expect(set.title.en).not.toMatch(/national/i);
    expect(set.noLocalPlan?.zh).toContain("既不是国家标准文件的条文");
    // and what it leaves out, the sub-centres' 15 km first (the user trial, s54 L10: said only in small print): every
    // rule of the comparison set one plan alone states, by its subject
    expect(set.noLocalPlan?.zh).toContain(
      "不核查的有：县域医疗卫生次中心的数量及“城区之外、距县域医疗中心 15 公里以上”",
    );
    expect(set.noLocalPlan?.en).toContain("Not checked: the number of county sub-centres");
    const all = RuleSetSchema.parse(readJson("ruleset-all.json"));
    const own = new Set(set.rules.map((r) => r.id));
    const single = all.rules.filter((r) => !own.has(r.id) && new Set(r.provenance.map((p) => p.doc)).size === 1);
    const subjects: Record<string, string> = {
      "SUB-15KM": "15 公里",
      "SUB-COUNT": "次中心的数量",
      "EMS-TIME": "平均急救反应时间",
    };
    for (const r of single.filter((x) => subjects[x.id])) expect(set.noLocalPlan?.zh, r.id).toContain(subjects[r.id]);
    expect(single.map((r) => r.id)).toEqual(expect.arrayContaining(Object.keys(subjects)));
    expect(set.scope).toBeUndefined();
    expect(set.comparison).toBeUndefined();
    for (const rule of set.rules) expect(new Set(rule.provenance.map((p) => p.doc)).size, rule.id).toBeGreaterThan(1);
  });

  it("each city's set reads exactly that city's plans (geodata/cities.json) and binds that city", () => {
    const cities = JSON.parse(readFileSync(join(root, "geodata/cities.json"), "utf8")) as Array<{
      id: string;
      plans: string[];
      focusCounty: string | null;
    }>;
    for (const c of cities) {
      const set = RuleSetSchema.parse(readJson(`ruleset-${c.id}.json`));
      expect(set.documents.map((d) => d.file).sort()).toEqual([...c.plans].sort());
      expect(set.scope?.city).toBe(c.id);
      expect(set.comparison).toBeUndefined();
      // 002 binds 南宫市 (130581) alone: the plan is 《南宫市“十四五”医疗卫生服务体系规划》
      expect(set.scope?.counties).toEqual(c.focusCounty ? [c.focusCounty] : undefined);
    }
    const all = RuleSetSchema.parse(readJson("ruleset-all.json"));
    expect(all.comparison).toBe(true);
    expect(all.scope).toBeUndefined();
    expect(all.title).toEqual({ zh: "全部五份规划（对比用）", en: "All five plans, for comparison" });
  });

  it.each(rulesetFiles)("%s validates against the zod schema", (file) => {
    const r = RuleSetSchema.safeParse(readJson(file));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(rulesetFiles)("%s equals the generator's output (no hand drift)", (file) => {
    expect(readJson(file)).toEqual(JSON.parse(JSON.stringify(buildSeedRuleSets()[file])));
  });

  it("the committed JSON Schema equals the one generated from zod", () => {
    expect(readJson("ruleset.schema.json")).toEqual(JSON.parse(JSON.stringify(ruleSetJsonSchema())));
  });

  it("the comparison set carries every rule id", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-all.json"));
    expect(set.rules.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it("every indicator target cites lines of its provenance, and its nature is the table's 约束性/预期性 cell", () => {
    const problems: string[] = [];
    for (const file of rulesetFiles) {
      const set = RuleSetSchema.parse(readJson(file));
      for (const rule of set.rules) {
        if (rule.kind !== "indicator") continue;
        const lines = new Set(rule.provenance.map((pv) => `${pv.doc}:${pv.line}`));
        const targets = [
          rule.params.target,
          ...(rule.params.alsoStated ?? []),
          ...Object.values(rule.params.byCity ?? {}).flatMap((c) => [c, ...(c.alsoStated ?? [])]),
        ];
        for (const tg of targets) {
          for (const c of tg.cites) if (!lines.has(c)) problems.push(`${file} ${rule.id}: ${c} not in provenance`);
          const marks = tg.cites.flatMap((c) => {
            const [doc, n] = c.split(":");
            const line = planLines(doc)[Number(n) - 1] ?? "";
            return line.includes("约束性") ? ["binding"] : line.includes("预期性") ? ["expected"] : [];
          });
          // 002:747 (3 GPs per 10,000, a project box) has no nature cell: it is shown beside the table's 3.93
          if (marks.length > 0 && !marks.every((m) => m === tg.nature))
            problems.push(`${file} ${rule.id}: nature ${tg.nature} but the table says ${marks.join(",")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("key thresholds read from the plans (hand-checked) with their bounds", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-all.json"));
    const byId = Object.fromEntries(set.rules.map((r) => [r.id, r]));
    const urban = byId["EMS-URBAN"];
    const rural = byId["EMS-RURAL"];
    const sub = byId["SUB-15KM"];
    const bands = byId["SUB-COUNT"];
    if (urban.kind !== "radius-coverage" || rural.kind !== "radius-coverage") throw new Error("kind");
    if (sub.kind !== "min-distance-outside-urban" || bands.kind !== "count-by-population-band") throw new Error("kind");
    // 不超过5公里 → r ≤ 5 (inclusive); 不超过10-20公里 → range [10, 20]; 15公里以上 → d ≥ 15.
    expect(urban.params.radiusKm).toMatchObject({ value: 5, unit: "km", bound: "inclusive" });
    expect(rural.params.radiusKm).toMatchObject({ min: 10, max: 20, bound: "inclusive" });
    expect(sub.params.minDistanceKm).toMatchObject({ value: 15, unit: "km", bound: "inclusive" });
    // 100万人以上 → ≥ 1,000,000 gets 3–4; 50万人至100万人 → 2–3; 20万人至50万人 → 1–2; 003:143 → 1–2 per county.
    expect(bands.params.bands.map((b) => [b.populationMin.value, b.countMin, b.countMax])).toEqual([
      [1_000_000, 3, 4],
      [500_000, 2, 3],
      [200_000, 1, 2],
    ]);
    expect(bands.params.perCounty).toEqual({ countMin: 1, countMax: 2 });
    // 「可规划布局选建」 (003:213) and 「规划建设1~2所…逐步」 (003:143): a shortfall is for review in both (the audit, s50 L-2)
    expect([bands.params.bandsShortfall, bands.params.perCountyShortfall]).toEqual(["review", "review"]);
    // 000:142 「＞4.3」 and 001:134 「>4.3」: nurses per 1,000 must exceed 4.3 (exclusive)
    const nurses = byId["NURSES-PER-1000"];
    if (nurses.kind !== "indicator") throw new Error("kind");
    expect(nurses.params.byCity?.nanyang.target).toMatchObject({ value: 4.3, bound: "exclusive" });
    expect(nurses.params.byCity?.pingdingshan.target).toMatchObject({ value: 4.3, bound: "exclusive" });
    // GPs per 10,000: the only binding resource indicator: 3.93 (000, 001, 002), 3.2 (004); 002:747 says 3
    const gp = byId["GP-PER-10000"];
    if (gp.kind !== "indicator") throw new Error("kind");
    expect(
      Object.fromEntries(Object.entries(gp.params.byCity ?? {}).map(([c, x]) => [c, [x.target.value, x.nature]])),
    ).toEqual({
      nanyang: [3.93, "binding"],
      pingdingshan: [3.93, "binding"],
      nangong: [3.93, "binding"],
      yichun: [3.2, "binding"],
    });
    expect(gp.params.byCity?.nangong.alsoStated?.map((a) => [a.target.value, a.cites])).toEqual([[3, ["002:747"]]]);
  });

  it("every provenance quote is a verbatim substring of the cited line", () => {
    const problems: string[] = [];
    const cache = new Map<string, string[]>();
    for (const file of rulesetFiles) {
      const set = RuleSetSchema.parse(readJson(file));
      const docs = new Set(set.documents.map((d) => d.file));
      // the clauses said not to be tested quote their lines as the rules do
      const untested = (set.untested ?? []).map((u, i) => ({ id: `untested[${i}]`, provenance: [u.provenance] }));
      for (const rule of [...set.rules, ...untested]) {
        for (const pv of rule.provenance) {
          if (!docs.has(pv.doc)) problems.push(`${file} ${rule.id}: doc ${pv.doc} not listed in documents`);
          if (!cache.has(pv.doc)) cache.set(pv.doc, planLines(pv.doc));
          const line = cache.get(pv.doc)?.[pv.line - 1] ?? "";
          if (!line.includes(pv.quote)) problems.push(`${file} ${rule.id}: ${pv.doc}:${pv.line} lacks «${pv.quote}»`);
        }
      }
    }
    expect(problems).toEqual([]);
    // and there are some: 宜春's 护理院或康复医院 per county (004:404), 平顶山's city 「四所医院」 (001:293)
    const cites = (name: string) =>
      (RuleSetSchema.parse(readJson(rulesetFiles.find((f) => f.includes(name)) as string)).untested ?? []).map(
        (u) => `${u.provenance.doc}:${u.provenance.line}`,
      );
    expect(cites("yichun")).toContain("004:404");
    expect(cites("pingdingshan")).toContain("001:293");
    // the reviewer's list (trial s41-a): 004's 三级中医医院 and 中医馆, its TCM-doctor and public-health-staff rows;
    // 001's 二级甲等妇幼保健院 aim and its public-health-staff and childcare rows
    expect(cites("yichun")).toEqual(expect.arrayContaining(["004:444", "004:159", "004:187"]));
    expect(cites("pingdingshan")).toEqual(expect.arrayContaining(["001:213", "001:137", "001:138"]));
    // 南阳's of the same kinds (the reviewer trial, s43-a #7: 南阳 listed none): its TCM-doctor, public-health-staff
    // and childcare rows, the departments, the city's 「四所医院」, and 003's per-county duties without a facility type
    expect(cites("nanyang")).toEqual(
      expect.arrayContaining(["000:133", "000:161", "000:168", "000:297", "000:309", "003:63", "003:71", "003:147"]),
    );
    // 003:219's fixed service site of a village 「不适宜单设卫生室」: an allowance no list shows (the audit, s50 M-3)
    const nanyang = RuleSetSchema.parse(readJson(rulesetFiles.find((f) => f.includes("nanyang")) as string));
    expect(
      nanyang.untested?.find((u) => u.provenance.line === 219 && u.provenance.doc === "003")?.provenance.quote,
    ).toBe("不适宜单设卫生室的行政村应当保留固定服务场所");
    // …and 南宫's EMS hub rule, a county-level city's, says nothing of districts it has none of (the audit, s50 L-4)
    const tiers = RuleSetSchema.parse(readJson(rulesetFiles.find((f) => f.includes("nangong")) as string)).rules.find(
      (r) => r.id === "EMS-TIERS",
    );
    expect(tiers?.kind === "tiers" && tiers.params.cityHubServesDistricts).toBe(false);
    expect(tiers?.description.zh).not.toContain("市辖区");
    expect(tiers?.description.zh).toContain("南宫市人民医院");
    // 南宫's (the trial, s44-a #2: 002 listed none): the rows the trial named, 急诊科, the bed parts, 15 % specialty
    // beds, village doctors and public-health staff
    expect(cites("nangong")).toEqual(
      expect.arrayContaining(["002:49", "002:178", "002:201", "002:208", "002:209", "002:408", "002:409"]),
    );
  });

  it("no rule cites one quote twice, and two quotes of one line are told apart (the violation detail keys its citations by document, line and quote)", () => {
    const twice: string[] = [];
    let sameLine = 0;
    for (const file of rulesetFiles) {
      for (const rule of RuleSetSchema.parse(readJson(file)).rules) {
        const keys = rule.provenance.map((pv) => `${pv.doc}:${pv.line}:${pv.quote}`);
        for (const k of keys) if (keys.indexOf(k) !== keys.lastIndexOf(k)) twice.push(`${file} ${rule.id} ${k}`);
        const lines = rule.provenance.map((pv) => `${pv.doc}:${pv.line}`);
        sameLine += lines.filter((l, i) => lines.indexOf(l) !== i).length;
      }
    }
    expect(twice).toEqual([]);
    // 南宫's rules quote 002:193 twice: keyed by line alone, React's list lost one of them
    expect(sameLine).toBeGreaterThan(0);
  });
});

describe("a rule cited to two plans says which one sets what (the reviewer trial, s41-a #9)", () => {
  it("EMS-RURAL of the national and comparison sets: 10–20 km is 000:232's, 004:439 says 20 km", () => {
    for (const id of ["national", "all"]) {
      const sets = buildSeedRuleSets() as Record<string, { rules: Array<{ id: string; description: { zh: string } }> }>;
      const rule = sets[`ruleset-${id}.json`].rules.find((r) => r.id === "EMS-RURAL");
      expect(rule?.description.zh, id).toContain("10–20 公里，出自 000:232；004:439 为 20 公里");
    }
  });
});
