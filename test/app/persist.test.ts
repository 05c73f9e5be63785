import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPref } from "../../src/app/persist";

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
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
