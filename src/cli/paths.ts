import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Repository root, where geodata/ and seeds/ are: two levels above this file, both in the sources (src/cli/) and in
 * the built CLI (dist/cli/, every chunk of the bundle sits there).
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Whether a facility file is one of the sample scenarios shipped in geodata/ (the app's 本市示例数据); any other
 * `--facilities` file is an imported list (`AnalysisInput.listImported`).
 */
export function isShippedScenario(file: string): boolean {
  return /^scenario-[a-z]+\.geojson$/.test(basename(file)) && resolve(dirname(file)) === join(REPO_ROOT, "geodata");
}
