import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SuggestForm } from "../../src/app/components/SuggestPanel";
import { forgetPlace, isSavedView, loadPref } from "../../src/app/persist";
import { defaultSuggestForm, formToRun, restoredForm } from "../../src/app/state/suggest-form";

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
    key: (i: number) => [...store.keys()][i] ?? null,
    get length() {
      return store.size;
    },
  };
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe("damaged preferences never break the page", () => {
  it.each([
    ["not JSON", "{oops"],
    ["the wrong kind", '"layers"'],
    ["null", "null"],
    ["an array", "[1,2]"],
  ])("%s gives the fallback", (_label, raw) => {
    store.set("hfp:layers", raw);
    expect(loadPref("layers", { thc: true })).toEqual({ thc: true });
  });

  it("a value the check refuses gives the fallback; a good one is kept", () => {
    store.set("hfp:lang", '"fr"');
    expect(loadPref("lang", "zh", (v) => v === "zh" || v === "en")).toBe("zh");
    store.set("hfp:lang", '"en"');
    expect(loadPref("lang", "zh", (v) => v === "zh" || v === "en")).toBe("en");
  });
});

describe("where the planner was (tab, county, Suggest form) is kept over a reload", () => {
  const defaults: SuggestForm = defaultSuggestForm("411328", 15);

  it("the Suggest form comes back as it was left", () => {
    const left: SuggestForm = {
      county: "411323",
      type: "sub-centre",
      radiusKm: 20,
      radiusFollowsPlan: false,
      mode: "lscp",
      k: 5,
      targetPct: 95,
      gridKm: 1,
      minSeparationKm: 3,
      method: "exact",
      candidateSource: "central-thc",
      minutes: 30,
    };
    expect(restoredForm(defaults, JSON.parse(JSON.stringify(left)))).toEqual(left);
  });

  it("kept minutes are used only while roads are loaded (a run before they are back is by the radius, not an error)", () => {
    const kept = restoredForm(defaults, { ...defaults, minutes: 25 });
    expect(kept.minutes).toBe(25);
    expect(formToRun(kept, true).minutes).toBe(25);
    expect(formToRun(kept, false)).toEqual({ ...kept, minutes: 0 });
  });

  it("a saved field of the wrong kind or out of range gives that field's default, and the others are kept", () => {
    const saved = { county: "", type: "hospital-ish", radiusKm: 500, mode: "pmedian", k: 2.5, targetPct: 0, gridKm: 1 };
    expect(restoredForm(defaults, saved)).toEqual({ ...defaults, gridKm: 1 });
    for (const junk of [null, "form", 3, [1, 2]]) expect(restoredForm(defaults, junk)).toEqual(defaults);
  });

  it("a new session forgets it, and keeps the reader's preferences", () => {
    for (const [k, v] of [
      ["hfp:tab", '"suggest"'],
      ["hfp:county:nanyang", '"411323"'],
      ["hfp:county:yichun", '"360902"'],
      ["hfp:suggest-forms", "{}"],
      ["hfp:view:nanyang", '{"center":[111.5,33.3],"zoom":10}'],
      ["hfp:lang", '"en"'],
      ["hfp:layers", "{}"],
    ])
      store.set(k, v);
    forgetPlace();
    expect([...store.keys()].sort()).toEqual(["hfp:lang", "hfp:layers"]);
  });

  it("a saved map view is taken only when its centre and zoom are in range", () => {
    expect(isSavedView({ center: [111.5, 33.3], zoom: 10 })).toBe(true);
    for (const bad of [
      null,
      {},
      { center: [200, 33], zoom: 10 },
      { center: [111, 33], zoom: 40 },
      { center: "x", zoom: 1 },
    ])
      expect(isSavedView(bad)).toBe(false);
  });
});
