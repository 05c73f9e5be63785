import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadChinaIndex, readGeodata, selectCities } from "../../src/cli/region-select";
import { parseReportArgs, REPORT_FILES, runReport } from "../../src/cli/report";
import { loadCityCounties } from "../../src/core";

/**
 * `report --city` takes any prefecture-level city, as `analyze` does (new-user trial: `report --city 郑州市` was
 * refused while the app makes that report in one click): by Chinese name or 6-digit code, with the national-standard
 * rules and a 依据文件 that says no local plan is loaded; facilities of another city are refused, naming it.
 */

const work = mkdtempSync(join(tmpdir(), "report-any-city-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// points placed by hand in 郑州's districts and counties (WGS84)
const ZHENGZHOU = [
  "机构编码,机构名称,机构类别,经度,纬度",
  "Z1,郑州市急救中心,急救中心,113.6650,34.7570",
  "Z2,巩义市急救站,急救站,113.0220,34.7480",
  "Z3,新郑市急救站,急救站,113.7400,34.3950",
  "Z4,登封市人民医院,县级综合医院,113.0500,34.4600",
].join("\n");
const facilities = join(work, "zhengzhou.csv");
writeFileSync(facilities, ZHENGZHOU);

const text = (dir: string) => readFileSync(join(dir, REPORT_FILES.html), "utf8").replace(/<[^>]+>/g, "");

describe("report --city for a city without a local plan", () => {
  it("writes 郑州's report by Chinese name and by code, on the national-standard rules, every county in it", async () => {
    const index = await loadChinaIndex();
    const [entry] = selectCities(index, { kind: "city", query: "郑州市" });
    const counties = await loadCityCounties(entry, readGeodata);
    for (const city of ["郑州市", entry.code]) {
      const out = join(work, `out-${city}`);
      const r = await runReport(parseReportArgs(["--facilities", facilities, "--city", city, "--out", out]));
      expect(r.exitCode).toBe(0);
      expect(existsSync(join(out, REPORT_FILES.docx))).toBe(true);
      const t = text(out);
      expect(t).toContain("郑州市医疗卫生设施布局审查报告");
      expect(t).toContain("郑州市未加载本地规划");
      expect(t).toContain("不表示这些规划适用于郑州市");
      expect(t).toContain("各规划共有的规则（未加载本地规划；条文引自各市规划）");
      // not called a national standard: every rule quotes city plans (the user trial, s52 M6)
      expect(t).not.toContain("国家标准规则");
      for (const f of counties.features) expect(t).toContain(f.properties.name);
      expect(r.lines.join("\n")).toContain(`${counties.features.length} 个县区`);
    }
  }, 120_000);

  it("refuses facilities that lie in another city, naming it", async () => {
    const out = join(work, "out-wrong");
    await expect(
      runReport(parseReportArgs(["--facilities", facilities, "--city", "洛阳市", "--out", out])),
    ).rejects.toThrow(/郑州市/);
    expect(existsSync(join(out, REPORT_FILES.docx))).toBe(false);
  }, 120_000);

  it("refuses a city it cannot find, with candidates or the reason", async () => {
    await expect(
      runReport(parseReportArgs(["--facilities", facilities, "--city", "不存在市", "--out", join(work, "x")])),
    ).rejects.toThrow(/--city/);
  });
});
