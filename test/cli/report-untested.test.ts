import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { parseReportArgs, REPORT_FILES, runReport } from "../../src/cli/report";
import { ROOT, workDir } from "./run";

/**
 * The review report lists the plan's clauses the tool does not test, with their lines and why, under 五、规划依据
 * (the reviewer trial: 004:404's 护理院或康复医院 per county and 001:293's city hospitals were never said to be
 * untested, so a county's ✔ read as the whole plan met).
 */
const work = workDir("report-untested-");

describe("the plan's untested clauses in the review report", () => {
  it("宜春's report names 004:404, 004:367 and 004:406 with why, in the print view and the Word file", async () => {
    const out = join(work, "yichun");
    const r = await runReport(
      parseReportArgs([
        "--facilities",
        join(ROOT, "geodata/scenario-yichun.geojson"),
        "--city",
        "yichun",
        "--county",
        "360902",
        "--out",
        out,
      ]),
    );
    expect(r.exitCode).toBe(0);
    const html = readFileSync(join(out, REPORT_FILES.html), "utf8").replace(/<[^>]+>/g, "\n");
    expect(html).toContain("本工具未核查的规划条款（已知的，非全部；达标不代表这些条款已满足）");
    expect(html).toContain(
      "第 404 行：「市级有1所老年医院，各县（市、区）均有1所护理院或康复医院」（本工具的设施类型中没有这类机构，无法按清单核查）",
    );
    expect(html).toContain("第 367 行：「各县（市、区）至少在1所符合条件的综合性医院设立精神科」");
    const zip = await JSZip.loadAsync(readFileSync(join(out, REPORT_FILES.docx)));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("本工具未核查的规划条款");
    expect(xml).toContain("各县（市、区）至少设置1家职业健康检查机构");
  }, 120_000);
});
