import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../../src/app/i18n";
import {
  type CountyProps,
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  type Facility,
  HOSPITAL_KIND_LABELS,
  type HospitalKind,
  type LocalizedText,
} from "../../../src/core/model";
import { analyze, type Divisions, RuleSetSchema } from "../../../src/core/rules";
import { ONE_PER_UNIT, REQUIRED_SET, SITING_NETWORK, TIERS, UNITS, wordingEn } from "../../../src/core/rules/messages";
import { CITY_LEVEL } from "../../../src/core/rules/messages-indicators";

/**
 * Every English message the engine writes (the plan cities' sample data through their own rule sets and the national
 * set, and each message that names facility types or hospital kinds, for every type and kind) and every message of
 * the interface, read for case, abbreviations and number: "no Village clinic", "No public tcm hospital", "1 rows".
 */

const root = resolve(import.meta.dirname, "../../..");
const json = <T>(p: string) => JSON.parse(readFileSync(join(root, p), "utf8")) as T;
const KINDS = Object.keys(HOSPITAL_KIND_LABELS) as HospitalKind[];

/** What is wrong with an English sentence, if anything. */
function englishSlips(text: string): string[] {
  const out: string[] = [];
  // abbreviations are written in capitals, whatever their place
  for (const m of text.matchAll(/\b(tcm|ems|chc|thc|thcs|chcs|gp|gps|mch)\b/g)) out.push(`lower-case "${m[1]}"`);
  // a kind label mid-sentence reads in lower case (labels that start with an abbreviation keep it)
  const labels = [...Object.values(FACILITY_TYPE_LABELS), ...Object.values(HOSPITAL_KIND_LABELS)].map((l) => l.en);
  for (const label of labels) {
    if (/^[A-Z0-9]{2,}\b/.test(label)) continue;
    for (let i = text.indexOf(label); i >= 0; i = text.indexOf(label, i + 1)) {
      const before = text.slice(0, i);
      if (before === "" || /([.!?:;]\s+|\n|\(|“|")$/.test(before)) continue;
      out.push(`"${label}" capitalised mid-sentence`);
    }
  }
  // a count of one with a plural noun, or "(s)" instead of the number's own form
  for (const m of text.matchAll(/(?<![\d.,/–-])\b1 ([a-z]+s)\b/g))
    if (!["km", "pixels", "sets", "lacks", "lies", "qualifies", "fails", "needs", "has", "is"].includes(m[1]))
      out.push(`"1 ${m[1]}"`);
  if (/\w\(s\)/.test(text)) out.push('"(s)"');
  // "a EMS station", "a urban area"
  for (const m of text.matchAll(/\ba (EMS|[aeio]\w*)\b/g)) out.push(`"a ${m[1]}"`);
  return out;
}

function cityMessages(city: string, ruleSetFile = `seeds/ruleset-${city}.json`): LocalizedText[] {
  const ruleSet = RuleSetSchema.parse(json(ruleSetFile));
  const counties = json<FeatureCollection<Polygon | MultiPolygon, CountyProps>>(`geodata/counties-${city}.geojson`);
  const divisions = json<Divisions>(`geodata/divisions-${city}.json`);
  const scenario = json<FeatureCollection<Point, Facility>>(`geodata/scenario-${city}.geojson`);
  const facilities = scenario.features.map((f: Feature<Point, Facility>) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  const r = analyze({ counties, facilities, ruleSet, divisions });
  return [
    ...r.counties.flatMap((c) => c.checks.map((k) => k.message)),
    ...(r.city?.checks.map((k) => k.message) ?? []),
    ...r.violations.map((v) => v.message),
  ];
}

describe("English messages", () => {
  it("the checks' and violations' messages read right in English, and the Chinese carry no English label", () => {
    const all = [
      ...cityMessages("nanyang"),
      ...cityMessages("nanyang", "seeds/ruleset-national.json"),
      ...cityMessages("pingdingshan"),
      ...cityMessages("yichun"),
      ...cityMessages("nangong"),
    ];
    for (const t of FACILITY_TYPES) {
      all.push(ONE_PER_UNIT.missing("某村", [t]), ONE_PER_UNIT.several("某村", [t], ["甲", "乙"]));
      all.push(
        TIERS.missing({ zh: "某县", en: "Mou County" }, [t]),
        TIERS.noCityHub({ zh: "某县", en: "Mou County" }, [t]),
        CITY_LEVEL.noneOfType([t]),
      );
      all.push(TIERS.own("某中心", 1, [t]));
    }
    for (const k of KINDS) all.push(REQUIRED_SET.missingKind(k));
    all.push(REQUIRED_SET.summary(KINDS, "2A", 1));
    expect(all.length).toBeGreaterThan(1000);
    const slips = [...new Set(all.flatMap((m) => englishSlips(m.en).map((s) => `${s}: ${m.en}`)))];
    expect(slips).toEqual([]);
    const labels = [...Object.values(FACILITY_TYPE_LABELS), ...Object.values(HOSPITAL_KIND_LABELS)].map((l) => l.en);
    expect(all.filter((m) => labels.some((l) => m.zh.includes(l))).map((m) => m.zh)).toEqual([]);
  }, 120_000);

  it("the ones the new-user trial found read right", () => {
    expect(ONE_PER_UNIT.missing("某村", ["village-clinic"]).en).toBe("某村: no village clinic");
    expect(REQUIRED_SET.missingKind("tcm").en).toBe("No public TCM hospital");
    expect(REQUIRED_SET.missingKind("maternal-child").en).toBe("No public maternal and child health hospital");
    expect(CITY_LEVEL.noneOfType(["ems-station"]).en).toBe("No EMS station");
  });

  it("the interface's English messages, filled with 1 and with 2, read right", () => {
    const slips: string[] = [];
    for (const [k, v] of Object.entries(MESSAGES.en as Record<string, unknown>)) {
      const texts =
        typeof v === "function"
          ? [1, 2].map((n) => String((v as (...a: unknown[]) => unknown)(...Array.from({ length: v.length }, () => n))))
          : [String(v)];
      for (const text of texts) for (const s of englishSlips(text)) slips.push(`${k}: ${s}: ${text}`);
    }
    expect(slips).toEqual([]);
  });
  it("where each rule applies (its units, its population bands) reads in English for every shipped rule set", () => {
    const files = ["all", "national", "nanyang", "pingdingshan", "yichun", "nangong"].map(
      (c) => `seeds/ruleset-${c}.json`,
    );
    const wordings = new Set<string>();
    for (const f of files) {
      const ruleSet = RuleSetSchema.parse(json(f));
      // every "wording" in a rule: its units, its population bands wherever the rule's kind keeps them
      const walk = (o: unknown): void => {
        if (Array.isArray(o)) o.forEach(walk);
        else if (o && typeof o === "object")
          for (const [k, v] of Object.entries(o)) {
            if (k === "wording" && typeof v === "string") wordings.add(v);
            else walk(v);
          }
      };
      walk(ruleSet.rules);
    }
    // every scope the six rule sets use, 城市地区（全市） and the 南宫 ones among them
    expect(wordings.size).toBeGreaterThanOrEqual(20);
    const untranslated = [...wordings].filter((w) => /\p{Script=Han}/u.test(wordingEn(w)));
    expect(untranslated).toEqual([]);
    // with the plan's own words beside the translation (the reviewer trial, s41-a #10: the English dropped them)
    expect(UNITS.label({ wording: "城市地区（全市）", districts: true }).en).toBe(
      "applies to: urban areas (the whole city) (「城市地区（全市）」)",
    );
    expect(UNITS.label({ wording: "每个县（市）", districts: false }).en).toBe(
      "applies to: every county (county-level city) (「每个县（市）」), city districts excluded",
    );
    expect(UNITS.label({ wording: "某新用语", districts: true }).en).toBe("applies to: 「某新用语」");
    // the Chinese keeps the plan's words; a wording not yet translated is quoted, not dropped
    expect(UNITS.label({ wording: "城市地区（全市）", districts: true }).zh).toBe("适用：城市地区（全市）");
    expect(wordingEn("某新用语")).toBe("「某新用语」");
  });
});

describe("counts of none read in words (the trial, s51 #5)", () => {
  const base = {
    units: 1,
    satisfied: 0,
    missing: 1,
    unassigned: 0,
    surelyMissing: 1,
    exemptUnits: 0,
    shared: 0,
    reviews: 0,
    needPopulation: 0,
    noneAtAll: false,
  };
  it("「0 of 1 sub-district have」 is 「None of the 1 sub-district has」; a count above none as before", () => {
    const none = ONE_PER_UNIT.summary("street", ["chc"], { ...base, publicOnly: true });
    expect(none.en).toMatch(/^None of the 1 sub-district has a public community health service centre, 1 lacks one/);
    const noneOf3 = ONE_PER_UNIT.summary("township", ["thc"], { ...base, units: 3, missing: 3, surelyMissing: 3 });
    expect(noneOf3.en).toMatch(/^None of the 3 townships have a township health centre, 3 lack one/);
    const some = ONE_PER_UNIT.summary("township", ["thc"], { ...base, units: 3, satisfied: 1, missing: 2 });
    expect(some.en).toMatch(/^1 of 3 townships has a township health centre, 2 lack one/);
    expect(none.zh).toMatch(/^1 个街道中 0 个有公立/);
    // a THC's village exempt, said as a sentence (the re-trial, s51c: 「1 village hosting a THC exempt」)
    const exempt = ONE_PER_UNIT.summary("village", ["village-clinic"], { ...base, units: 3, exemptUnits: 1 });
    expect(exempt.en).toContain("1 village hosting a THC is exempt");
    const two = ONE_PER_UNIT.summary("village", ["village-clinic"], { ...base, units: 3, exemptUnits: 2 });
    expect(two.en).toContain("2 villages hosting a THC are exempt");
  });
  it("a siting's coverage before, with proposed sites in it, 「includes its cover」, not 「includes its」 (the re-trial, s51b)", () => {
    expect(SITING_NETWORK.existing(3, ["ems-station"], undefined, 1).en).toContain(
      "1 of them is a proposed site of the plan, not yet built, so the coverage before includes its cover and is not today's",
    );
    expect(SITING_NETWORK.existing(3, ["ems-station"], undefined, 2).en).toContain("includes their cover");
  });
});
