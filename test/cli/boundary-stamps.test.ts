import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { isStamped, readStamps, STAMP_FILE, sha256Hex, validatesUnchanged } from "../../src/cli/boundary-stamps";
import { loadCountyBoundaries } from "../../src/cli/common";
import { type CountyProps, validateBoundaries } from "../../src/core";

const GEODATA = join(__dirname, "..", "..", "geodata");
const CITIES = ["nanyang", "nangong", "pingdingshan", "yichun"] as const;

describe("stamped boundary files (validated once, when geodata is built)", () => {
  it("records the digest of every shipped counties file, and each still validates with no issue and no change", () => {
    const stamps = readStamps(GEODATA);
    for (const city of CITIES) {
      const name = `counties-${city}.geojson`;
      const bytes = readFileSync(join(GEODATA, name));
      expect(stamps[name], `${name} in ${STAMP_FILE}`).toBe(sha256Hex(bytes));
      expect(isStamped(GEODATA, name, bytes)).toBe(true);
      expect(validatesUnchanged(name, bytes.toString("utf8"))).toBe(true);
    }
  });

  it("does not vouch for edited bytes or unknown names", () => {
    const bytes = new Uint8Array(readFileSync(join(GEODATA, "counties-nanyang.geojson")));
    const edited = bytes.slice();
    const k = edited.indexOf(0x35); // a digit '5' somewhere in the coordinates
    edited[k] = 0x36;
    expect(isStamped(GEODATA, "counties-nanyang.geojson", edited)).toBe(false);
    expect(isStamped(GEODATA, "counties-elsewhere.geojson", bytes)).toBe(false);
    expect(isStamped(join(GEODATA, "no-such-dir"), "counties-nanyang.geojson", bytes)).toBe(false);
  });

  it("would never stamp a file that validation repairs or rejects (a bow-tie, a repeated code)", () => {
    const fc = JSON.parse(readFileSync(join(GEODATA, "counties-nanyang.geojson"), "utf8")) as FeatureCollection;
    const repeated = { ...fc, features: [...fc.features, fc.features[0]] };
    expect(validatesUnchanged("x.geojson", JSON.stringify(repeated))).toBe(false);
    const bowTie: Feature = {
      type: "Feature",
      properties: { ...fc.features[1].properties },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [112.0, 33.0],
            [112.2, 33.2],
            [112.2, 33.0],
            [112.0, 33.2],
            [112.0, 33.0],
          ],
        ],
      },
    };
    const withBowTie = { ...fc, features: [fc.features[0], bowTie] };
    expect(validatesUnchanged("x.geojson", JSON.stringify(withBowTie))).toBe(false);
  });

  it("gives the CLI the same counties, and no warning, as validating the shipped file would", async () => {
    for (const city of CITIES) {
      const warnings: string[] = [];
      const loaded = await loadCountyBoundaries({ city }, warnings);
      const fc = JSON.parse(readFileSync(join(GEODATA, `counties-${city}.geojson`), "utf8")) as FeatureCollection<
        Geometry | null,
        CountyProps
      >;
      const checked = validateBoundaries(fc.features as Array<Feature<Geometry | null, CountyProps>>, {
        file: `counties-${city}.geojson`,
      });
      expect(warnings).toEqual([]);
      expect(checked.issues).toEqual([]);
      expect(loaded.features).toEqual(checked.features);
    }
  });
});
