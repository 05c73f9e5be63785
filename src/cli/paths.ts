import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Repository root, where geodata/ and seeds/ are: two levels above this file, both in the sources (src/cli/) and in
 * the built CLI (dist/cli/, every chunk of the bundle sits there).
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
