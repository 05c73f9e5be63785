import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run";

/** Bad parameters, on the command line or in a rule set, are input errors (exit 2) naming what and where. */

const root = resolve(import.meta.dirname, "../..");
const facilities = join(root, "test/fixtures/cli/facilities-good.csv");
const boundaries = join(root, "test/fixtures/rules/two-counties.geojson");
const work = mkdtempSync(join(tmpdir(), "cli-validation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const analyze = (...args: string[]) =>
  cli("analyze", "--facilities", facilities, "--boundaries", boundaries, "--out", join(work, "out"), ...args);

/** The bundled rule set with the radius of one rule replaced, written to a file of its own. */
function ruleSetWith(id: string, value: number): string {
  const set = JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8"));
  set.rules.find((r: { id: string }) => r.id === id).params.radiusKm.value = value;
  const file = join(work, `rules-${id}-${value}.json`);
  writeFileSync(file, JSON.stringify(set));
  return file;
}

describe("parameters out of range are bad input, not defects", () => {
  it("--urban-radius-km 1000 names the option, the value and the allowed range", async () => {
    const r = await analyze("--urban-radius-km", "1000");
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "参数 --urban-radius-km：城区急救服务半径 1000 超出允许范围 [0.5, 10] 公里 / option --urban-radius-km: Urban EMS radius 1000 is outside the allowed range [0.5, 10] km",
    );
    expect(r.err).not.toMatch(/internal error|内部错误|at .*\.ts:\d+/);
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  it("--rural-radius-km names the plan's range; --min-km and --county-seat-radius-km are checked too", async () => {
    const a = await analyze("--rural-radius-km", "9.5");
    expect(a.code).toBe(2);
    expect(a.err).toContain("Rural EMS radius 9.5 is outside the plan's range [10, 20] km");
    const b = await analyze("--min-km", "0", "--county-seat-radius-km", "16");
    expect(b.code).toBe(2);
    expect(b.err).toContain("参数 --min-km：");
    expect(b.err).toContain("参数 --county-seat-radius-km：");
    expect(b.err).toContain("[0, 10]"); // the county-seat radius range (tool): 0–10 km
  });

  it("the range ends are allowed (inclusive) and reach the report", async () => {
    const r = await analyze("--urban-radius-km", "10", "--rural-radius-km", "10", "--min-km", "50");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(work, "out", "report.json"), "utf8"));
    expect(report.params).toMatchObject({ urbanRadiusKm: 10, ruralRadiusKm: 10, subCentreMinKm: 50 });
  });

  it.each([
    -5, 0, 10_000,
  ])("a rule set with an EMS-URBAN radius of %s km exits 2 naming the file and JSON path", async (v) => {
    const r = await analyze("--rules", ruleSetWith("EMS-URBAN", v));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `rules-EMS-URBAN-${v}.json: rules.0.params.radiusKm.value: 半径须大于 0 公里且不超过 300 公里 / a radius must be > 0 and ≤ 300 km`,
    );
    expect(r.err).not.toMatch(/internal error|内部错误/);
  });

  it("suggest --radius-km 10000 exits 2 with the allowed range; --min-km out of the spec too", async () => {
    const base = ["suggest", "--facilities", facilities, "--boundaries", boundaries, "--out", join(work, "s")];
    const r = await cli(...base, "--type", "ems-station", "--radius-km", "10000", "--add", "1");
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '参数 --radius-km：“10000” 不是[0.5, 50] 公里内的数 / option --radius-km: "10000" is not a number of km in [0.5, 50]',
    );
    const m = await cli(...base, "--sub-centres", "--min-km", "60");
    expect(m.code).toBe(2);
    expect(m.err).toContain("参数 --min-km：次中心距县域医疗中心 60 超出允许范围 [0.5, 50] 公里");
  });
});
