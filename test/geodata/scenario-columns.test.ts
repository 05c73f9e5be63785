import { describe, expect, it } from "vitest";
import { type FacilityColumns, facilitiesFromColumns } from "../../src/core/cities";
import { CITY_IDS, fileSize, readText, scenario } from "./load";

// The app ships the sample scenarios in columns (scripts/build-scenarios.ts writes both forms from the same
// facilities); the CLI, the tests and anyone reading the data use the GeoJSON. The two must hold the same facilities.
describe.each(CITY_IDS)("scenario-%s.cols.json", (id) => {
  const fc = scenario(id);
  const cols = JSON.parse(readText(`scenario-${id}.cols.json`)) as FacilityColumns;

  it("decodes to exactly the GeoJSON's facilities, in order, with the same fields and coordinates", () => {
    // the expectation straight from the GeoJSON: each feature's properties, its position from the geometry
    const expected = fc.features.map((f) => {
      const p: Record<string, unknown> = { ...f.properties };
      p.lon = f.geometry.coordinates[0];
      p.lat = f.geometry.coordinates[1];
      return p;
    });
    const decoded = facilitiesFromColumns(cols);
    expect(decoded.length).toBe(fc.features.length);
    for (let i = 0; i < expected.length; i++) {
      // toStrictEqual: a field absent in the GeoJSON must be absent (not undefined) after decoding
      expect(decoded[i], expected[i].id as string).toStrictEqual(expected[i]);
      // coordinates bit for bit, not within a tolerance
      expect(Object.is(decoded[i].lon, expected[i].lon) && Object.is(decoded[i].lat, expected[i].lat)).toBe(true);
    }
  });

  it("carries the scenario's notice and marks, and is under 40 % of the GeoJSON", () => {
    expect(cols.invented).toBe(true);
    expect(cols.notice).toStrictEqual(fc.notice);
    expect(cols.generator).toStrictEqual(fc.generator);
    expect(fileSize(`scenario-${id}.cols.json`)).toBeLessThan(0.4 * fileSize(`scenario-${id}.geojson`));
  });
});
