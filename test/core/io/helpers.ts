import { readFileSync } from "node:fs";
import { parseFacilityFile } from "../../../src/core/io/facilities";
import { parseSavedSession } from "../../../src/core/io/project";
import type { Facility, RejectedFacility } from "../../../src/core/model";
import { nanyangInputs } from "../report/nanyang";

/** Bytes of a fixture under test/fixtures/io. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/io/${name}`, import.meta.url)));
}

/**
 * A session holding one imported list for `cityId`, saved as JSON and read back as the app reads a saved session (the
 * project schema): the dataset read back, or the schema's refusal thrown.
 */
export function savedDatasetRoundTrip(
  cityId: string,
  dataset: { fileName: string; importedAt: string; facilities: Facility[]; rejectedFacilities?: RejectedFacility[] },
) {
  const saved = { cityId, ruleSetId: "", params: {}, datasets: { [cityId]: dataset }, proposed: {}, population: {} };
  const back = parseSavedSession(JSON.parse(JSON.stringify(saved)));
  if (!back.ok) throw new Error(`the saved session was refused: ${JSON.stringify(back)}`);
  return back.state.datasets[cityId];
}

/**
 * A CSV list read as the app reads it for 南阳: its counties by name, their boundaries and the division list, under the
 * file name given.
 */
export function parseNanyangCsv(csv: string, file: string) {
  const { counties, divisions } = nanyangInputs();
  return parseFacilityFile(new TextEncoder().encode(csv), file, {
    counties: counties.features.map((f) => ({ code: f.properties.code, name: f.properties.name })),
    boundaries: counties,
    divisions,
  });
}
