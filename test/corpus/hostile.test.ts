import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { afterAll, describe, expect, it } from "vitest";
import { buildCorpus, type CorpusCase } from "../../scripts/lib/hostile-corpus";
import { parseBoundaryFile, parseDemandFile, parseFacilityFile, parsePopulationTable } from "../../src/core/io";
import { cli } from "../cli/run";

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

const cases = buildCorpus(root);

type Command = "analyze" | "suggest" | "report";

/**
 * The command line for a corpus file given to `command`: the file in its role, the project's small two-county
 * boundaries and two good stations otherwise. `suggest` runs --sub-centres (no solver), or new EMS sites (greedy) when
 * the file is a demand or candidate file, which only that mode reads. Null when the command takes no such file.
 */
function argvFor(command: Command, c: CorpusCase, path: string, out: string): string[] | null {
  if ((c.role === "demand" && command === "report") || (c.role === "candidates" && command !== "suggest")) return null;
  const sites = c.role === "demand" || c.role === "candidates";
  return [
    command,
    ...(command === "suggest"
      ? sites
        ? ["--type", "ems-station", "--radius-km", "10", "--add", "1", "--grid-km", "5", "--method", "greedy"]
        : ["--sub-centres"]
      : []),
    "--facilities",
    c.role === "facilities" ? path : okCsv,
    "--boundaries",
    c.role === "boundaries" ? path : twoCounties,
    ...(c.role === "population" ? ["--population", path] : []),
    ...(c.role === "demand" ? ["--demand", path] : []),
    ...(c.role === "rules" ? ["--rules", path] : []),
    ...(c.role === "candidates" ? ["--candidates", path] : []),
    "--out",
    out,
  ];
}

/** Distinct data rows of `file` that DIR/rejected.csv lists with an error. */
function listedRows(out: string, file: string): Set<number> {
  return new Set(
    readFileSync(join(out, "rejected.csv"), "utf8")
      .trim()
      .split("\r\n")
      .slice(1)
      .filter((l) => l.includes(",error,") && l.startsWith(`${file},`))
      .map((l) => Number(l.split(",")[1]))
      .filter((row) => row > 0),
  );
}

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
      "candidates",
    ])
      expect(classes.has(cls)).toBe(true);
  });

  const runs = cases.flatMap((c) =>
    (["analyze", "suggest", "report"] as const)
      .filter((command) => argvFor(command, c, "", "") !== null)
      .map((command) => [`${command} · ${c.cls}: ${c.file}`, command, c] as const),
  );

  it.each(runs)("%s", async (_name, command, c) => {
    const path = join(work, c.file);
    writeFileSync(path, c.bytes);
    const out = join(work, "out", command, c.file.replace(/\W/g, "_"));
    mkdirSync(join(work, "out", command), { recursive: true });
    // through the command line, in process: the exit code of the contract, never 1; the named places in what it says
    const r = await cli(...(argvFor(command, c, path, out) as string[]));
    const text = `${r.out}${r.err}`;
    expect(r.code, text).toBe(c.exit);
    for (const m of c.mentions ?? []) expect(text).toMatch(m);
    const tally =
      /(\d+) facilit(?:y|ies) (?:analysed|read)(?:, (\d+) facilit(?:y lies|ies lie) in no county \([^)]*\))?, (\d+) rows? rejected/.exec(
        text,
      );
    // a candidate file's rows are counted on a line of their own (the siting trial, s55d L3)
    const candidateTally = /(\d+) candidates? read, (\d+) rows? rejected/.exec(text);
    if (c.role === "candidates" && c.rows !== undefined && candidateTally) {
      expect(Number(candidateTally[1]) + Number(candidateTally[2])).toBe(c.rows);
      expect(listedRows(out, c.file).size).toBe(Number(candidateTally[2]));
    } else if (c.rows !== undefined && tally) {
      // every input row is either analysed, in no county (kept, counted apart) or listed, and every rejected one is
      // in DIR/rejected.csv
      const listed = listedRows(out, c.file);
      const outside = Number(tally[2] ?? 0);
      if (c.role === "facilities") expect(Number(tally[1]) + outside + Number(tally[3])).toBe(c.rows);
      expect(listed.size).toBe(Number(tally[3]));
    }
  });

  // through the import functions the app's worker calls: nothing lost, every message bilingual
  it.each(cases.map((c) => [`import · ${c.cls}: ${c.file}`, c] as const))("%s", async (_name, c) => {
    const bytes = c.bytes;
    const points = c.role === "facilities" || c.role === "candidates";
    const issues = points
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
