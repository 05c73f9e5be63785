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

  it("fill in their values", () => {
    expect(makeI18n("zh").t("acceptedSites", 2)).toBe("已采纳 2 个建议站点");
    expect(makeI18n("en").t("acceptedSites", 2)).toBe("Accepted 2 suggested sites");
    expect(makeI18n("en").t("citation", "T", "S", "003", 213, "Q")).toBe("“T”, S (file 003, line 213): “Q”");
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
