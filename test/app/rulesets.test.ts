import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleSetFor, ruleSetsFor } from "../../src/app/rulesets";
import { projectFromSession } from "../../src/app/state/project";
import { INITIAL_SESSION } from "../../src/app/state/session";
import { parseProject, serializeProject } from "../../src/core";

// read from the files themselves, not from the module under test
const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { id: string };
const NATIONAL = json("seeds/ruleset-national.json").id;
const COMPARISON = json("seeds/ruleset-all.json").id;
const PLAN_CITIES = (JSON.parse(readFileSync("geodata/cities.json", "utf8")) as { id: string }[]).map((c) => c.id);
const NATIONAL_INDEX = JSON.parse(readFileSync("geodata/china/index.json", "utf8")) as {
  cities: { id: string; plan?: string }[];
};
const OTHER_CITIES = NATIONAL_INDEX.cities.filter((c) => c.plan === undefined).map((c) => c.id);

describe("the app's rule sets for a city", () => {
  it("a city without a local plan is checked by the national set, or by the comparison set when chosen (the user trial, s49 #3), never by a plan city's plans", () => {
    expect(OTHER_CITIES.length).toBe(NATIONAL_INDEX.cities.length - PLAN_CITIES.length);
    for (const city of OTHER_CITIES) {
      for (const chosen of ["", "nanyang", NATIONAL]) expect(ruleSetFor(chosen, city).id).toBe(NATIONAL);
      expect(ruleSetFor(COMPARISON, city).id).toBe(COMPARISON);
      expect(ruleSetsFor(city).map((r) => r.id)).toEqual([NATIONAL, COMPARISON]);
    }
  });

  it("a plan city gets its own plans by default, the comparison set when chosen, never the national set", () => {
    for (const city of PLAN_CITIES) {
      expect(ruleSetFor("", city).id).toBe(city);
      expect(ruleSetFor(NATIONAL, city).id).toBe(city);
      expect(ruleSetFor(COMPARISON, city).id).toBe(COMPARISON);
      expect(ruleSetsFor(city).map((r) => r.id)).toEqual([city, COMPARISON]);
    }
  });

  it("a project file of a city without a local plan opens on the national set", () => {
    const city = OTHER_CITIES.find((c) => c === "zhengzhou") ?? OTHER_CITIES[0];
    const text = serializeProject(projectFromSession({ ...INITIAL_SESSION, cityId: city, ruleSetId: "" }, city));
    const r = parseProject(text, "p.hfp.json", ruleSetFor);
    expect(r.ok).toBe(true);
    if (r.ok) expect(ruleSetFor(r.project.ruleSetId, r.project.city).id).toBe(NATIONAL);
  });
});
