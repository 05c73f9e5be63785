import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as core from "../../src/core";

const coreDir = resolve(import.meta.dirname, "../../src/core");
const index = readFileSync(join(coreDir, "index.ts"), "utf8");

/** A module path as a file: "./x" is x.ts, or x/index.ts for a folder. */
function moduleFile(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, "index.ts");
}

/** Every `export { a, type B } from "./x"` / `export type { … }` of a module: [name, module file]. */
function reExports(file: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of readFileSync(file, "utf8").matchAll(/export (?:type )?\{([^}]*)\} from "(\.[^"]+)";/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().replace(/^type\s+/, "");
      if (name) out.push([name, moduleFile(file, m[2])]);
    }
  }
  return out;
}

function indexExports(): Array<[string, string]> {
  return reExports(join(coreDir, "index.ts"));
}

/**
 * Where `name` is declared, following re-exports through folder indexes, and whether a TSDoc block (`/** … *\/`)
 * stands right before the declaration.
 */
function documented(name: string, file: string, depth = 0): boolean | "not found" {
  const text = readFileSync(file, "utf8");
  const decl = new RegExp(
    `^export (?:declare )?(?:abstract )?(?:async )?(?:function\\*?|const|let|class|interface|type|enum) ${name}\\b`,
    "m",
  ).exec(text);
  if (!decl) {
    const via = reExports(file).find(([n]) => n === name);
    return via && depth < 3 ? documented(name, via[1], depth + 1) : "not found";
  }
  return /\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*$/.test(text.slice(0, decl.index));
}

describe("the core's public API (src/core/index.ts)", () => {
  const exports = indexExports();

  it("re-exports each name once, from a module that declares it", () => {
    const names = exports.map(([n]) => n);
    expect(names.length).toBeGreaterThan(100);
    expect(names.length - new Set(names).size).toBe(0);
    const missing = exports.filter(([n, f]) => documented(n, f) === "not found").map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });

  it("every exported name has a TSDoc block at its declaration", () => {
    const bare = exports
      .filter(([n, f]) => documented(n, f) === false)
      .map(([n, f]) => `${n} in ${f.slice(dirname(coreDir).length + 1)}`);
    expect(bare).toEqual([]);
  });

  it("the values it names exist at run time", () => {
    const values = [...index.matchAll(/export \{([^}]*)\} from/g)]
      .flatMap((m) => m[1].split(","))
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith("type "));
    const undefinedValues = values.filter((v) => (core as Record<string, unknown>)[v] === undefined);
    expect(undefinedValues).toEqual([]);
  });
});
