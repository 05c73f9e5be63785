import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { geodesicAreaKm2 } from "../../src/core/geo";
import { PYTHON, shapelyAvailable } from "../python-oracle";
import { type CountyFeature, chinaIndex, cityCounties, polygonsOf } from "./load";

const ORACLE = fileURLToPath(new URL("./oracle.py", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../fixtures/geodata/echarts/", import.meta.url));

const available = shapelyAvailable("geodata oracle tests");

function oracle(args: string[]): unknown {
  return JSON.parse(execFileSync(PYTHON, [ORACLE, ...args], { encoding: "utf8", maxBuffer: 1 << 26 }));
}

const index = chinaIndex();

describe.runIf(available)("GEOS (shapely) and PROJ (pyproj) as oracles", () => {
  // In chunks of cities, each its own test and oracle run, so that no one test holds all 2,858 counties' work (it
  // timed out under load as one); the last test checks that together they covered every county.
  const CHUNKS = 8;
  const checked = new Set<string>();
  const chunks = Array.from({ length: CHUNKS }, (_, k) => index.cities.filter((_, i) => i % CHUNKS === k));
  it.each(
    chunks.map((cities, k) => ({ k: k + 1, cities })),
  )("finds every shipped county of every city valid (OGC validity, GEOS): cities $k of 8", ({ cities }) => {
    // The coordinates go to GEOS as raw doubles (bit for bit those of the decoded GeoJSON) with the ring lengths
    // apart: a 90 MB JSON text of them took longer to write and parse than GEOS takes to check them.
    const dir = mkdtempSync(join(tmpdir(), "geodata-oracle-"));
    try {
      const all = new Map<string, CountyFeature["geometry"]>();
      for (const entry of cities) for (const f of cityCounties(entry).features) all.set(f.properties.code, f.geometry);
      // A list, not an object: an object's numeric-looking keys would not keep the order of the coordinates.
      const shapes: [string, string, number[][]][] = [];
      let n = 0;
      for (const [code, g] of all) {
        shapes.push([code, g.type, polygonsOf(g).map((p) => p.map((r) => r.length))]);
        for (const p of polygonsOf(g)) for (const r of p) n += r.length;
      }
      const xy = new Float64Array(2 * n);
      let at = 0;
      for (const g of all.values())
        for (const p of polygonsOf(g))
          for (const r of p)
            for (const [x, y] of r) {
              xy[at++] = x;
              xy[at++] = y;
            }
      writeFileSync(join(dir, "shapes.json"), JSON.stringify(shapes));
      // In this machine's byte order, which the oracle (on the same machine) reads.
      writeFileSync(join(dir, "coords.f64"), new Uint8Array(xy.buffer));
      const r = oracle(["validbin", join(dir, "shapes.json"), join(dir, "coords.f64")]) as {
        checked: number;
        invalid: Record<string, string>;
      };
      expect(r.checked).toBe(all.size);
      expect(r.invalid, JSON.stringify(r.invalid)).toEqual({});
      for (const code of all.keys()) checked.add(code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has checked every shipped county of every city", () => {
    expect(chunks.flat()).toHaveLength(index.cities.length);
    expect(checked.size).toBe(2858);
  });

  it("keeps each repaired county's area: shipped (geographiclib) vs the raw source made valid by GEOS (pyproj)", () => {
    const files = ["shanghai", "chongqing", "gan1_su4_jia1_yu4_guan1", "he2_nan2_ji4_yuan2"];
    const raw = oracle(["rawareas", ...files.map((f) => join(FIXTURES, `${f}.geojson`))]) as Record<
      string,
      Record<string, number>
    >;
    const shipped = new Map<string, number>();
    const byName = new Map<string, number>();
    for (const id of ["shanghai", "chongqing", "jiayuguan", "jiyuan"]) {
      const entry = index.cities.find((c) => c.id === id);
      if (!entry) throw new Error(id);
      for (const f of cityCounties(entry).features) {
        shipped.set(f.properties.code, geodesicAreaKm2(f.geometry));
        byName.set(f.properties.name, geodesicAreaKm2(f.geometry));
      }
    }
    let compared = 0;
    const worst = { rel: 0, key: "" };
    for (const [file, areas] of Object.entries(raw))
      for (const [key, km2] of Object.entries(areas)) {
        const ours = shipped.get(key) ?? byName.get(key);
        expect(ours, `${file} ${key}`).toBeDefined();
        const rel = Math.abs((ours as number) - km2) / km2;
        if (rel > worst.rel) Object.assign(worst, { rel, key });
        expect(Math.abs((ours as number) - km2), `${file} ${key}: ${ours} vs ${km2} km²`).toBeLessThan(
          Math.max(0.002 * km2, 0.05),
        );
        compared++;
      }
    expect(compared).toBe(16 + 38 + 1 + 1);
  });
});
