import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { type CountyProps, validateBoundaries } from "../core";

/**
 * The boundary files shipped in geodata/ that passed validation unchanged when they were built:
 * geodata/boundaries-validated.json maps each file name to the SHA-256 of its bytes. A run on the shipped boundaries
 * whose bytes still have that digest skips re-validating them (it would find nothing and change nothing); any other
 * file, or a shipped file edited since, is validated as before.
 */
export const STAMP_FILE = "boundaries-validated.json";

interface Stamps {
  note: string;
  sha256: Record<string, string>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The recorded digests in `dir` (none when the file is missing or unreadable: then everything is validated). */
export function readStamps(dir: string): Record<string, string> {
  try {
    const s = JSON.parse(readFileSync(join(dir, STAMP_FILE), "utf8")) as Stamps;
    return s && typeof s.sha256 === "object" && s.sha256 !== null ? s.sha256 : {};
  } catch {
    return {};
  }
}

/** Whether `bytes` are the shipped file `name` of `dir` exactly as it was validated when built. */
export function isStamped(dir: string, name: string, bytes: Uint8Array): boolean {
  const want = readStamps(dir)[name];
  return typeof want === "string" && want === sha256Hex(bytes);
}

/**
 * Whether a boundary file validates with no issue at all and its features come out unchanged (so that skipping the
 * validation gives the same features and the same messages).
 */
export function validatesUnchanged(name: string, text: string): boolean {
  const fc = JSON.parse(text) as FeatureCollection<Geometry | null, CountyProps>;
  const checked = validateBoundaries(fc.features as Array<Feature<Geometry | null, CountyProps>>, { file: name });
  return checked.issues.length === 0 && JSON.stringify(checked.features) === JSON.stringify(fc.features);
}

/**
 * Validates every counties-*.geojson of `dir` and records the digests of those that pass unchanged in
 * {@link STAMP_FILE}; returns the names recorded and those left out.
 */
export function stampBoundaries(dir: string): { stamped: string[]; left: string[] } {
  const stamped: string[] = [];
  const left: string[] = [];
  const sha256: Record<string, string> = {};
  for (const name of readdirSync(dir)
    .filter((n) => /^counties-.+\.geojson$/.test(n))
    .sort()) {
    const bytes = readFileSync(join(dir, name));
    if (validatesUnchanged(name, bytes.toString("utf8"))) {
      sha256[name] = sha256Hex(bytes);
      stamped.push(name);
    } else left.push(name);
  }
  const out: Stamps = {
    note: "SHA-256 of each boundary file that passed validation unchanged when geodata was built (scripts/build-geodata.ts); a run on these exact bytes skips re-validating them",
    sha256,
  };
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(out, null, 2)}\n`);
  return { stamped, left };
}
