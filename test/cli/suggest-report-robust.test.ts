import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

/**
 * What robust-io gave `analyze`, for `suggest` and `report` too: a long issue list is summarised on screen and kept
 * whole in DIR/rejected.csv, a Shapefile's .prj is honoured unless --crs is given (and the CRS used is said), --out
 * is checked before anything is read or solved, and a run into a DIR another live run holds is refused.
 */

const root = resolve(import.meta.dirname, "../..");
const boundaries = join(root, "test/fixtures/rules/two-counties.geojson");
const gkZip = join(root, "test/fixtures/io/facilities-gk4546.zip");
const work = mkdtempSync(join(tmpdir(), "cli-suggest-report-robust-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A CSV of n EMS stations inside 甲县 (990001), with every k-th row given the latitude "x". */
function stations(n: number, badEvery = 0): string {
  const lines = ["id,name,type,lon,lat,county"];
  for (let i = 0; i < n; i++)
    lines.push(
      `S${i},急救站${i},ems-station,${(112.05 + (i % 400) * 0.001).toFixed(3)},${badEvery && i % badEvery === 0 ? "x" : "33.0"},990001`,
    );
  return `${lines.join("\n")}\n`;
}

function file(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

const suggestSubCentres = (facilities: string, out: string, ...more: string[]) =>
  cli("suggest", "--sub-centres", "--facilities", facilities, "--boundaries", boundaries, "--out", out, ...more);
const report = (facilities: string, out: string, ...more: string[]) =>
  cli("report", "--facilities", facilities, "--boundaries", boundaries, "--out", out, ...more);

describe("suggest and report: a long issue list", () => {
  const csv = () =>
    existsSync(join(work, "many-bad.csv"))
      ? join(work, "many-bad.csv")
      : file("many-bad.csv", `${stations(200_000, 1)}G1,急救站G1,ems-station,112.05,33.0,990001\n`);

  it("suggest, 200,000 bad rows and a good one: exit 3, a short summary on screen, the full list in DIR/rejected.csv", async () => {
    const out = join(work, "suggest-many");
    const r = await suggestSubCentres(csv(), out);
    expect(r.err).not.toContain("Maximum call stack");
    expect(r.code).toBe(3);
    expect(r.err.split("\n").length).toBeLessThan(200);
    expect(r.err).toContain(join(out, "rejected.csv"));
    expect(r.out).toContain("1 facility read, 200000 rows rejected");
    const rejected = readFileSync(join(out, "rejected.csv"), "utf8").trim().split("\r\n");
    // the header, then each row's own
    expect(rejected.length).toBe(1 + 200_000);
    expect(rejected[1]).toContain("many-bad.csv,2,lat,x,error,not-a-number");
    expect(rejected[200_000]).toContain("many-bad.csv,200001,lat,x,error,not-a-number");
  }, 180_000);

  it("report, 200,000 bad rows and a good one: exit 3, a short summary on screen, the full list in DIR/rejected.csv", async () => {
    const out = join(work, "report-many");
    const r = await report(csv(), out);
    expect(r.code).toBe(3);
    expect(r.err.split("\n").length + r.out.split("\n").length).toBeLessThan(250);
    expect(r.err).toContain(join(out, "rejected.csv"));
    expect(r.out).toContain("1 facility analysed, 200000 rows rejected");
    // the header, the list's scope (one of the two counties), that it has no hospital (s46-a #6), each row's own
    expect(readFileSync(join(out, "rejected.csv"), "utf8").trim().split("\r\n").length).toBe(1 + 2 + 200_000);
    expect(existsSync(join(out, "审查报告.docx"))).toBe(true);
  }, 180_000);
});

describe("suggest and report: a Shapefile's .prj", () => {
  it("suggest reads the project's Gauss–Krüger zip by its .prj and says so; --crs wgs84 given explicitly wins (no row usable: exit 2)", async () => {
    const r = await cli("suggest", "--sub-centres", "--facilities", gkZip, "--out", join(work, "s-gk"));
    expect(r.err).not.toContain("out of range");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EPSG:4546.*\.prj/);
    const forced = await cli(
      "suggest",
      "--sub-centres",
      "--facilities",
      gkZip,
      "--crs",
      "wgs84",
      "--out",
      join(work, "s-gk-wgs"),
    );
    expect(forced.code).toBe(2);
    expect(forced.err).toContain("按 EPSG:4546");
  });

  it("report reads it by its .prj too", async () => {
    const r = await cli("report", "--facilities", gkZip, "--county", "411321", "--out", join(work, "r-gk"));
    expect(r.err).not.toContain("out of range");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EPSG:4546.*\.prj/);
  }, 120_000);
});

describe("suggest and report: --out", () => {
  it("an --out that is a file is refused before anything is read or solved", async () => {
    const asFile = file("not-a-dir", "x");
    const missing = join(work, "no-such-facilities.csv");
    for (const r of [
      await suggestSubCentres(missing, asFile),
      await cli(
        "suggest",
        "--facilities",
        missing,
        "--boundaries",
        boundaries,
        "--type",
        "ems-station",
        "--radius-km",
        "10",
        "--add",
        "1",
        "--out",
        asFile,
      ),
      await report(missing, asFile),
    ]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--out ${asFile}`);
      // the facility file was never opened
      expect(r.err).not.toContain("no-such-facilities.csv");
    }
  });

  it("a DIR another live run holds is refused, and what is there is left alone", async () => {
    const ok = file("ok.csv", stations(3));
    for (const [name, run] of [
      ["suggest", (out: string) => suggestSubCentres(ok, out)],
      ["report", (out: string) => report(ok, out)],
    ] as const) {
      const out = join(work, `held-${name}`);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, "previous.txt"), "previous");
      // the parent of this test process is alive and is not this process (a lock holding our own id is stale)
      writeFileSync(join(out, ".hfp-run.lock"), String(process.ppid));
      const held = await run(out);
      expect(held.code, name).toBe(2);
      expect(held.err, name).toContain(String(process.ppid));
      expect(readdirSync(out).sort(), name).toEqual([".hfp-run.lock", "previous.txt"]);
      rmSync(join(out, ".hfp-run.lock"));
      const free = await run(out);
      expect(free.code, name).toBe(0);
      expect(readdirSync(out), name).toContain("rejected.csv");
      expect(readdirSync(out), name).not.toContain(".hfp-run.lock");
      expect(
        readdirSync(out).filter((f) => f.endsWith(".tmp")),
        name,
      ).toEqual([]);
    }
  }, 120_000);
});
