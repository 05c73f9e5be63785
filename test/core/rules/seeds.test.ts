import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSeedRuleSets } from "../../../scripts/build-seeds";
import { RULE_IDS, RuleSetSchema, ruleSetJsonSchema } from "../../../src/core/rules/schema";

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
  it("has one rule set per plan document plus the default", () => {
    expect(rulesetFiles.sort()).toEqual([
      "ruleset-000.json",
      "ruleset-001.json",
      "ruleset-002.json",
      "ruleset-003.json",
      "ruleset-004.json",
      "ruleset-default.json",
      "ruleset-national.json",
    ]);
  });

  it("the no-local-plan set says so, and each of its rules rests on lines of at least two plans", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-national.json"));
    expect(set.noLocalPlan?.zh).toMatch(/未加载本地规划/);
    expect(set.noLocalPlan?.en).toMatch(/no local plan/i);
    for (const rule of set.rules) expect(new Set(rule.provenance.map((p) => p.doc)).size, rule.id).toBeGreaterThan(1);
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

  it("the default rule set carries every rule id of RULES.md", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-default.json"));
    expect(set.rules.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it("key thresholds read from the plans (hand-checked) with their bounds", () => {
    const set = RuleSetSchema.parse(readJson("ruleset-default.json"));
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
  });

  it("every provenance quote is a verbatim substring of the cited line", () => {
    const problems: string[] = [];
    const cache = new Map<string, string[]>();
    for (const file of rulesetFiles) {
      const set = RuleSetSchema.parse(readJson(file));
      const docs = new Set(set.documents.map((d) => d.file));
      for (const rule of set.rules) {
        for (const pv of rule.provenance) {
          if (!docs.has(pv.doc)) problems.push(`${file} ${rule.id}: doc ${pv.doc} not listed in documents`);
          if (!cache.has(pv.doc)) cache.set(pv.doc, planLines(pv.doc));
          const line = cache.get(pv.doc)?.[pv.line - 1] ?? "";
          if (!line.includes(pv.quote)) problems.push(`${file} ${rule.id}: ${pv.doc}:${pv.line} lacks «${pv.quote}»`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
