import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main";

/**
 * Runs the command line in this process, as `hfp ...args` would: the exit code and what it would print on stdout
 * and stderr (one line per printed line). Much faster than a child process with a TypeScript loader.
 */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(`${l}\n`), err: (l) => err.push(`${l}\n`) });
  return { code, out: out.join(""), err: err.join("") };
}

/** The repository's root. */
export const ROOT = resolve(import.meta.dirname, "../..");
/** The command line's fixture files. */
export const FIXTURES = join(ROOT, "test/fixtures/cli");
/** The two made-up counties the command-line tests run on: 甲县 (990001) and 乙区 (990002). */
export const TWO_COUNTIES = join(ROOT, "test/fixtures/rules/two-counties.geojson");

/** EMS stations in 甲县 of the two counties, from the good facility fixture: what most `suggest` tests site. */
export const EMS_IN_990001 = {
  facilities: join(FIXTURES, "facilities-good.csv"),
  boundaries: TWO_COUNTIES,
  county: "990001",
  type: "ems-station",
} as const;

/** A temporary folder for one test file's outputs, removed after its tests. */
export function workDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function readJson(file: string) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** What a `suggest` run is asked for; each option given becomes its command-line option. */
export interface SuggestOptions {
  facilities: string;
  /** Absent: the city's bundled boundaries. */
  boundaries?: string;
  /** Absent: every county. */
  county?: string;
  type?: string;
  radiusKm?: number;
  add?: number;
  gridKm?: number;
  method?: "exact" | "greedy";
  out: string;
}

/** The arguments of `hfp suggest` for `o`, then `extra` (options the helper does not name). */
export function suggestArgs(o: SuggestOptions, ...extra: string[]): string[] {
  const opt = (flag: string, v: string | number | undefined) => (v === undefined ? [] : [flag, String(v)]);
  return [
    "suggest",
    ...opt("--facilities", o.facilities),
    ...opt("--boundaries", o.boundaries),
    ...opt("--county", o.county),
    ...opt("--type", o.type),
    ...opt("--radius-km", o.radiusKm),
    ...opt("--add", o.add),
    ...opt("--grid-km", o.gridKm),
    ...opt("--method", o.method),
    ...extra,
    "--out",
    o.out,
  ];
}
