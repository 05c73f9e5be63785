import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli";
import {
  TWO_COUNTIES as boundaries,
  cli,
  EMS_IN_990001,
  FIXTURES as fixtures,
  ROOT as root,
  suggestArgs,
  workDir,
} from "./run";

/** The built command line: plain JavaScript that runs with node alone, outside the sources' TypeScript loader. */

// built two levels below the root like dist/cli, in the ignored .cache/
const outdir = join(root, ".cache", `cli-bin-test-${process.pid}`);
const work = workDir("cli-bin-");
let bin = "";

beforeAll(async () => {
  bin = await buildCli(outdir);
}, 120_000);
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

function node(...args: string[]) {
  // from another directory: the bundle finds geodata/ and seeds/ by its own location
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function report(dir: string) {
  const r = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
  return { ...r, generatedAt: "" };
}

describe("the built CLI (dist/cli/hfp.mjs)", () => {
  it("prints the help and names a bad option with exit 2", () => {
    const help = node("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("hfp analyze --facilities");
    expect(help.out).toContain("--rural-radius-km N");
    expect(node("suggest", "--help").out).toContain("--target-share");
    const bad = node("analyze", "--facilities", "x.csv", "--out", join(work, "x"), "--urban-radius-km", "1000");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--urban-radius-km: ");
  });

  it("analyze writes the same report as the command run from the sources", async () => {
    const args = ["--facilities", join(fixtures, "facilities-good.csv"), "--boundaries", boundaries];
    const built = node("analyze", ...args, "--out", join(work, "built"));
    expect(built.err).toBe("");
    expect(built.code).toBe(0);
    const src = await cli("analyze", ...args, "--out", join(work, "src"));
    expect(src.code).toBe(0);
    expect(report(join(work, "built"))).toEqual(report(join(work, "src")));
  });

  it("suggest solves exactly with HiGHS's wasm shipped beside the bundle", () => {
    const r = node(
      ...suggestArgs({
        ...EMS_IN_990001,
        radiusKm: 8,
        add: 2,
        gridKm: 4,
        method: "exact",
        out: join(work, "exact"),
      }),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(join(work, "exact", "suggest-report.json"), "utf8"));
    expect(rep.method).toBe("exact");
    expect(rep.status).toBe("optimal");
    expect(rep.sites).toHaveLength(2);
  });
});
