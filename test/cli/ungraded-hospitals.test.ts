import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { REPORT_FILES } from "../../src/cli/report";
import { cli, workDir } from "./run";

/**
 * `analyze` and `report` say, as the app's import does, that a list's hospitals give no grade where the plan counts
 * hospitals from a grade up (004:439 「二级以上医院为支撑」; the EMS planner trial, s53 H1).
 */
const work = workDir("cli-ungraded-");
const csv = join(work, "yichun.csv");
writeFileSync(
  csv,
  [
    "名称,类型,经度,纬度,所属县区",
    "袁州区人民医院,综合医院,114.428,27.797,360902",
    "宜春市人民医院,综合医院,114.43,27.80,360902",
    "袁州急救站,急救站,114.30,27.90,360902",
  ].join("\n"),
);

describe("hospitals with no grade, on the command line", () => {
  it("analyze --city yichun warns naming the rows and EMS-URBAN's grade, and writes it to rejected.csv", async () => {
    const out = join(work, "analyze");
    const r = await cli("analyze", "--city", "yichun", "--facilities", csv, "--out", out);
    const text = `${r.out}${r.err}`;
    expect(text).toContain(
      "2 所医院未填等级（第 2、3 行）：按未定级计，以下检查不计入或无法判定：EMS-URBAN（须二级及以上，004:439）",
    );
    expect(readFileSync(join(out, "rejected.csv"), "utf8")).toContain("hospitals-ungraded");
  });

  it("report says it too, and says under the checks why EMS-URBAN is 待核 (the re-trial, s53b M-a)", async () => {
    const out = join(work, "report");
    const r = await cli("report", "--city", "yichun", "--facilities", csv, "--county", "360902", "--out", out);
    expect(`${r.out}${r.err}`).toContain("2 所医院未填等级（第 2、3 行）");
    const html = readFileSync(join(out, REPORT_FILES.html), "utf8");
    expect(html).toMatch(
      /<p class="review-reason">待核 EMS-URBAN：城区急救 5 km 覆盖率 [^<]*本县区医院 2 所未填等级（袁州区人民医院、宜春市人民医院）[^<]*若其达二级即达标，待核，请补填等级/,
    );
    const zip = await JSZip.loadAsync(readFileSync(join(out, REPORT_FILES.docx)));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("待核 EMS-URBAN：城区急救 5 km 覆盖率");
  });

  it("a regional analyze says it as report does, for a city checked by the national set (the CLI trial, s54b H3)", async () => {
    const file = join(work, "zhengzhou.csv");
    writeFileSync(
      file,
      [
        "名称,类型,经度,纬度,所属县区",
        "登封市人民医院,综合医院,113.040,34.456,410185",
        "登封市中医院,中医医院,113.052,34.460,410185",
        "登封急救站,急救站,113.03,34.45,410185",
      ].join("\n"),
    );
    const line =
      "2 所医院未填等级（第 2、3 行）：按未定级计，以下检查不计入或无法判定：COUNTY-3-HOSPITALS（须二级及以上，000:310、001:295）";
    const report = await cli(
      "report",
      "--city",
      "郑州市",
      "--county",
      "410185",
      "--facilities",
      file,
      "--out",
      join(work, "zr"),
    );
    expect(`${report.out}${report.err}`).toContain(line);
    const out = join(work, "zhengzhou");
    const r = await cli("analyze", "--city", "郑州市", "--facilities", file, "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(`${r.out}${r.err}`).toContain(line);
    expect(readFileSync(join(out, "rejected.csv"), "utf8")).toContain("hospitals-ungraded");
    // the lines joined the English way in the English half (the re-trial, s54e: 「000:310、001:295」)
    expect(`${r.out}${r.err}`).toContain("COUNTY-3-HOSPITALS (Grade II or above, 000:310, 001:295)");
  });
});
