import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { afterAll, describe, expect, it } from "vitest";
import { buildCorpus } from "../../scripts/lib/hostile-corpus";
import { parseAnalyzeArgs, runAnalyze } from "../../src/cli/analyze";
import { InputError } from "../../src/cli/common";
import { parseBoundaryFile, parseDemandFile, parseFacilityFile, parsePopulationTable } from "../../src/core/io";

const root = resolve(import.meta.dirname, "../..");
const twoCounties = join(root, "test/fixtures/rules/two-counties.geojson");
const boundaries = JSON.parse(readFileSync(twoCounties, "utf8")) as FeatureCollection<Polygon | MultiPolygon>;
const work = mkdtempSync(join(tmpdir(), "hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const okCsv = join(work, "ok-stations.csv");
writeFileSync(
  okCsv,
  "id,name,type,lon,lat,county\nA,急救站A,ems-station,112.1,33,990001\nB,急救站B,ems-station,112.3,33,990001\n",
);

/** The CLI's analyze command run in this process: exit code as main() gives it, and every output line. */
async function analyzeInProcess(argv: string[]): Promise<{ code: number; text: string }> {
  try {
    const r = await runAnalyze(parseAnalyzeArgs(argv));
    return { code: r.exitCode, text: r.lines.join("\n") };
  } catch (e) {
    if (e instanceof InputError) return { code: 2, text: e.lines.join("\n") };
    return { code: 1, text: String((e as Error).stack ?? e) };
  }
}

const cases = buildCorpus(root);

describe("hostile-input corpus", () => {
  it("covers every class the issue lists", () => {
    const classes = new Set(cases.map((c) => c.cls));
    for (const cls of [
      "stray quote",
      "many bad rows",
      "header only",
      "encoding damage",
      "numbers",
      "binary garbage",
      "GeoJSON features",
      "KML entities",
      "zip bomb",
      "zip path traversal",
      "truncated .shp",
      "Shapefile .prj",
      "boundaries",
      "prototype keys",
      "stated county",
      "population",
      "rule set",
    ])
      expect(classes.has(cls)).toBe(true);
  });

  it.each(cases.map((c) => [`${c.cls}: ${c.file}`, c] as const))("%s", async (_name, c) => {
    const path = join(work, c.file);
    writeFileSync(path, c.bytes);
    const out = join(work, "out", c.file.replace(/\W/g, "_"));
    mkdirSync(join(work, "out"), { recursive: true });
    const argv = [
      "--facilities",
      c.role === "facilities" ? path : okCsv,
      "--boundaries",
      c.role === "boundaries" ? path : twoCounties,
      ...(c.role === "population" ? ["--population", path] : []),
      ...(c.role === "demand" ? ["--demand", path] : []),
      ...(c.role === "rules" ? ["--rules", path] : []),
      "--out",
      out,
    ];
    // through the CLI: the exit code of the contract, never 1; the named places in what it says
    const r = await analyzeInProcess(argv);
    expect(r.code, r.text).toBe(c.exit);
    for (const m of c.mentions ?? []) expect(r.text).toMatch(m);
    const tally = /(\d+) facilities analysed, (\d+) rows rejected/.exec(r.text);
    if (c.rows !== undefined && tally) {
      // every input row is either analysed or listed
      expect(Number(tally[1]) + Number(tally[2])).toBe(c.rows);
      const listed = readFileSync(join(out, "rejected.csv"), "utf8")
        .trim()
        .split("\r\n")
        .slice(1)
        .filter((l) => l.includes(",error,") && l.startsWith(`${c.file},`))
        .map((l) => Number(l.split(",")[1]))
        .filter((row) => row > 0);
      expect(new Set(listed).size).toBe(Number(tally[2]));
    }

    // through the import functions the app's worker calls: nothing lost, every message bilingual
    const bytes = c.bytes;
    const issues =
      c.role === "facilities"
        ? await parseFacilityFile(bytes, c.file, { boundaries }).then((f) => {
            expect(f.facilities.length + f.rejectedRows).toBe(f.totalRows);
            if (c.rows !== undefined && f.totalRows > 0) expect(f.totalRows).toBe(c.rows);
            const rejectedRows = new Set(f.issues.filter((i) => i.severity === "error" && i.row > 0).map((i) => i.row));
            expect(rejectedRows.size).toBe(f.rejectedRows);
            return f.issues;
          })
        : c.role === "boundaries"
          ? (await parseBoundaryFile(bytes, c.file)).issues
          : c.role === "population"
            ? (await parsePopulationTable(bytes, c.file, { counties: [{ code: "990001", name: "甲县" }] })).issues
            : c.role === "demand"
              ? parseDemandFile(bytes, c.file).issues
              : [];
    for (const i of issues) {
      expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(i.message.en.length).toBeGreaterThan(0);
      expect(i.message.zh).not.toMatch(/[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/);
    }
  });
});
