import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes";
import { TWO_COUNTIES as boundaries, cli, FIXTURES as fixtures, ROOT as root, workDir } from "./run";

/**
 * The exit codes (issue 11, finding 3e), for every command: 0 all analysed; 3 analysed with rejected rows, the outputs
 * written; 2 bad usage or input, nothing written; 1 a defect (never for input).
 */
const work = workDir("cli-exit-");
const good = join(fixtures, "facilities-good.csv");
const bad = join(fixtures, "facilities-bad.csv"); // 3 good rows, 4 rejected (rows 4–7)

const commands = {
  analyze: { args: ["analyze"], writes: "report.json" },
  suggest: { args: ["suggest", "--sub-centres"], writes: "sub-centres.json" },
  report: { args: ["report"], writes: "report.html" },
} as const;

describe("exit codes: the same for every command (issue 11, 3e)", () => {
  it("the codes are 0, 1, 2, 3 as documented", () => {
    expect(EXIT).toEqual({ ok: 0, defect: 1, badInput: 2, rejectedRows: 3 });
  });

  it.each(
    Object.entries(commands),
  )("%s: 0 all rows analysed, 3 rows rejected with the outputs written, 2 nothing written", async (name, c) => {
    const run = (facilities: string, out: string, ...extra: string[]) =>
      cli(...c.args, "--facilities", facilities, "--boundaries", boundaries, "--out", join(work, name, out), ...extra);

    const ok = await run(good, "ok");
    expect(ok.code, ok.err).toBe(0);
    expect(existsSync(join(work, name, "ok", c.writes))).toBe(true);

    const some = await run(bad, "some");
    expect(some.code, some.err).toBe(3);
    // the other rows analysed and the outputs written; each rejected row named, on screen and in DIR/rejected.csv
    expect(existsSync(join(work, name, "some", c.writes))).toBe(true);
    for (const row of [4, 5, 6, 7]) expect(some.err).toMatch(new RegExp(`facilities-bad\\.csv: .*row ${row}\\b`));
    const listed = readFileSync(join(work, name, "some", "rejected.csv"), "utf8");
    for (const row of [4, 5, 6, 7]) expect(listed).toContain(`facilities-bad.csv,${row},`);

    const usage = await run(good, "usage", "--rural-radius-km", "1000");
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("--rural-radius-km");
    expect(existsSync(join(work, name, "usage")) ? readdirSync(join(work, name, "usage")) : []).toEqual([]);

    const missing = await run(join(work, "no-such.csv"), "missing");
    expect(missing.code).toBe(2);
    expect(existsSync(join(work, name, "missing")) ? readdirSync(join(work, name, "missing")) : []).toEqual([]);
  });

  it("every command's --help lists the four codes", async () => {
    for (const args of [["--help"], ["suggest", "--help"], ["report", "--help"]]) {
      const h = await cli(...args);
      expect(h.code).toBe(0);
      const lines = h.out.split("\n");
      const at = lines.findIndex((l) => l.startsWith("退出码 / Exit codes"));
      expect(at, args.join(" ")).toBeGreaterThan(0);
      const codes = lines.slice(at + 1).flatMap((l) => /^ {2}(\d) {2}/.exec(l)?.[1] ?? []);
      expect(codes, args.join(" ")).toEqual(["0", "3", "2", "1"]);
    }
  });

  it("the process itself exits 3 (npm run cli, through tsx) when rows were rejected", () => {
    const out = join(work, "spawned");
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(root, "src/cli/bin.ts"),
        "analyze",
        "--facilities",
        bad,
        "--boundaries",
        boundaries,
        "--out",
        out,
      ],
      { cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toContain("3 facilities analysed, 4 rows rejected");
    expect(existsSync(join(out, "report.json"))).toBe(true);
  }, 120_000);
});
