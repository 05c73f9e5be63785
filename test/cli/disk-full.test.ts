import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "./run";

/**
 * A disk that fills up in the middle of a command's output set: the previous set stays as it was, no temporary file
 * is left behind, and the command exits 2 naming the file (never 1 with a stack trace). The file system is the real
 * one except that writing a file whose name contains `failOn` fails with ENOSPC, however it is written.
 */

const fail = vi.hoisted(() => ({ on: "" }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const hit = (p: unknown) => typeof p === "string" && fail.on !== "" && p.includes(fail.on);
  const openSync = ((p: unknown, ...rest: unknown[]) => {
    if (hit(p) && rest[0] !== "r") throw enospc();
    return (fs.openSync as (...a: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync;
  const writeFileSync = ((p: unknown, ...rest: unknown[]) => {
    if (hit(p)) throw enospc();
    return (fs.writeFileSync as (...a: unknown[]) => void)(p, ...rest);
  }) as typeof fs.writeFileSync;
  return { ...fs, default: { ...fs, openSync, writeFileSync }, openSync, writeFileSync };
});

const root = resolve(import.meta.dirname, "../..");
const boundaries = join(root, "test/fixtures/rules/two-counties.geojson");
const facilities = join(root, "test/fixtures/cli/facilities-good.csv");
const work = mkdtempSync(join(tmpdir(), "cli-disk-full-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeEach(() => {
  fail.on = "";
});

/** A directory holding the previous run's files, each with the text "previous <name>". */
function previousSet(name: string, files: string[]): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f), `previous ${f}`);
  return dir;
}

function expectUntouched(dir: string, files: string[]) {
  expect(readdirSync(dir).sort()).toEqual([...files].sort());
  for (const f of files) expect(readFileSync(join(dir, f), "utf8")).toBe(`previous ${f}`);
}

describe("the disk fills up while the output set is written", () => {
  it("analyze", async () => {
    const files = ["report.json", "gaps.geojson", "violations.geojson", "rejected.csv"];
    const dir = previousSet("analyze", files);
    fail.on = "violations.geojson";
    const r = await cli("analyze", "--facilities", facilities, "--boundaries", boundaries, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/violations\.geojson.*(ENOSPC|磁盘已满)/);
    expectUntouched(dir, files);
  });

  it("suggest (new sites)", async () => {
    const files = ["suggest-report.json", "suggestions.geojson", "rejected.csv"];
    const dir = previousSet("suggest", files);
    fail.on = "suggestions.geojson";
    const r = await cli(
      ...["suggest", "--facilities", facilities, "--boundaries", boundaries, "--county", "990001"],
      ...["--type", "ems-station", "--radius-km", "10", "--add", "1", "--grid-km", "5", "--method", "greedy"],
      ...["--out", dir],
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/suggestions\.geojson.*(ENOSPC|磁盘已满)/);
    expectUntouched(dir, files);
  });

  it("suggest --sub-centres", async () => {
    const files = ["sub-centres.json", "sub-centres.geojson", "rejected.csv"];
    const dir = previousSet("sub-centres", files);
    fail.on = "sub-centres.geojson";
    const r = await cli(
      "suggest",
      "--sub-centres",
      "--facilities",
      facilities,
      "--boundaries",
      boundaries,
      "--out",
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sub-centres\.geojson.*(ENOSPC|磁盘已满)/);
    expectUntouched(dir, files);
  });

  it("report", async () => {
    const files = ["审查报告.docx", "report.html", "rejected.csv"];
    const dir = previousSet("report", files);
    fail.on = "report.html";
    const r = await cli("report", "--facilities", facilities, "--boundaries", boundaries, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/report\.html.*(ENOSPC|磁盘已满)/);
    expectUntouched(dir, files);
  }, 120_000);
});
