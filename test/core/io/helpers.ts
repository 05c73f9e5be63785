import { readFileSync } from "node:fs";

/** Bytes of a fixture under test/fixtures/io. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/io/${name}`, import.meta.url)));
}
