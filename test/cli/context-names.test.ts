import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, workDir } from "./run";

/** 南宫 under plan 002: the CLI names the context and judged counties by name and code (the re-trial, s44: codes only). */
const work = workDir("cli-context-names-");

describe("analyze under a plan that binds one county of its city", () => {
  it("names the context counties and the judged one", async () => {
    const facilities = join(ROOT, "geodata/scenario-nangong.geojson");
    const r = await cli("analyze", "--facilities", facilities, "--city", "nangong", "--out", join(work, "out"));
    expect(r.code, r.err).toBe(0);
    const line = r.out.split("\n").find((l) => l.startsWith("背景县区（不核查）")) ?? "";
    expect(line).toContain("桥东区130502");
    expect(line).toMatch(/核查 judged: 南宫市130581$/);
  }, 120_000);
});
