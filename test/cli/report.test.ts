import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/cli/common";
import { parseReportArgs, REPORT_FILES, runReport } from "../../src/cli/report";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "cli-report-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("cli report", () => {
  it("writes the Word report and the print view of one county", async () => {
    const out = join(work, "xixia");
    const r = await runReport(
      parseReportArgs([
        "--facilities",
        join(root, "geodata/scenario-nanyang.geojson"),
        "--county",
        "411323",
        "--out",
        out,
      ]),
    );
    expect(r.exitCode).toBe(0);
    expect(r.lines.join("\n")).toContain("西峡县医疗卫生设施布局审查报告");
    const zip = await JSZip.loadAsync(readFileSync(join(out, REPORT_FILES.docx)));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("西峡县医疗卫生设施布局审查报告");
    expect(xml).toContain("【示例数据】");
    // one map, drawn without a browser
    expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/"))).toHaveLength(1);
    const html = readFileSync(join(out, REPORT_FILES.html), "utf8");
    expect(html).toContain("<title>西峡县医疗卫生设施布局审查报告</title>");
    expect(html.match(/data:image\/png;base64,/g)).toHaveLength(1);
    // the county's rural EMS coverage failure is a row of its violations table, with the figure, place and citation
    const rows = [...xml.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((m) =>
      [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("|"),
    );
    const ems = rows.filter((t) => t.startsWith("EMS-RURAL|违规|"));
    expect(ems).toHaveLength(1);
    expect(ems[0]).toMatch(/西峡县 农村地区 20 公里急救服务半径外尚有 \d+\.\d km²（覆盖 \d+\.\d%）/);
    expect(ems[0]).toContain("最大缺口内点");
    expect(ems[0]).toContain("000:232");
    expect(html).toMatch(/西峡县 农村地区 20 公里急救服务半径外尚有 \d+\.\d km²/);
  });

  it("gives the before → after of the list's proposed rows, as the app's report does (the user trial, s50 M1)", async () => {
    const sample = JSON.parse(readFileSync(join(root, "geodata/scenario-nanyang.geojson"), "utf8"));
    sample.features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [113.580609, 32.566885] },
      properties: { id: "P1", name: "月河北急救站（规划）", type: "ems-station", ownership: "public", proposed: true },
    });
    const file = join(work, "with-proposed.geojson");
    writeFileSync(file, JSON.stringify(sample));
    const run = async (f: string, out: string) => {
      const r = await runReport(
        parseReportArgs(["--facilities", f, "--county", "411330", "--rural-radius-km", "10", "--out", out]),
      );
      expect(r.exitCode).toBe(0);
      const zip = await JSZip.loadAsync(readFileSync(join(out, REPORT_FILES.docx)));
      return (await zip.file("word/document.xml")?.async("string")) ?? "";
    };
    const xml = await run(file, join(work, "proposed"));
    expect(xml).toContain("规划新增站点的效果（规划前 → 规划后");
    expect(xml).toMatch(/桐柏县<\/w:t>[\s\S]*?EMS-RURAL<\/w:t>[\s\S]*?\d+\.\d% → \d+\.\d%/);
    // and the list of the proposed sites says what the site alone does (the trial, s51)
    expect(xml).toMatch(
      /P1 月河北急救站（规划）（急救站，桐柏县，113\.58061, 32\.5668\d）——单独作用：使桐柏县农村急救覆盖 \d+(\.\d)?% → \d+(\.\d)?%（\+\d+\.\d km²(，仍不达标|，不达标 → 达标)?）/,
    );
    // as analyze's facilities.geojson says it on the site
    const a = await cli(
      "analyze",
      "--facilities",
      file,
      "--rural-radius-km",
      "10",
      "--out",
      join(work, "analyze-proposed"),
    );
    expect(a.code).toBe(0);
    const fc = JSON.parse(readFileSync(join(work, "analyze-proposed", "facilities.geojson"), "utf8"));
    const p1 = fc.features.find((f: { properties: { id: string } }) => f.properties.id === "P1").properties;
    expect(p1.planEffectZh).toMatch(/^使桐柏县农村急救覆盖 /);
    // the county in English in the English sentence, as the violations name it
    expect(p1.planEffectEn).toMatch(/^raises Tongbai County's rural EMS cover /);
    expect(
      fc.features.filter((f: { properties: { planEffectZh?: string } }) => f.properties.planEffectZh),
    ).toHaveLength(1);
    // and the results files say they judge the plan, naming the site (the user trial, s52 M3)
    for (const name of ["violations.geojson", "gaps.geojson", "facilities.geojson"]) {
      const out = JSON.parse(readFileSync(join(work, "analyze-proposed", name), "utf8"));
      expect(
        out.plan?.proposedSites.map((p: { id: string }) => p.id),
        name,
      ).toEqual(["P1"]);
      expect(out.plan.note.zh).toBe(
        "本文件的核查结果已计入 1 处规划新增站点（尚未建成）：月河北急救站（规划）；据此判定的是规划方案，不是现状",
      );
      expect(out.plan.scenario, name).toBeUndefined();
    }
    // the sample alone has no proposed row: no such table
    expect(await run(join(root, "geodata/scenario-nanyang.geojson"), join(work, "no-proposed"))).not.toContain(
      "规划新增站点的效果",
    );
  });

  it("refuses a county that is not in the boundaries and bad options, naming them", async () => {
    await expect(
      runReport(
        parseReportArgs([
          "--facilities",
          join(root, "geodata/scenario-nanyang.geojson"),
          "--county",
          "411399",
          "--out",
          work,
        ]),
      ),
    ).rejects.toThrow(/411399/);
    expect(() => parseReportArgs(["--facilities", "x", "--out", "y", "--county", "41"])).toThrow(InputError);
    expect(() => parseReportArgs(["--out", "y"])).toThrow(/--facilities/);
  });

  it("counts in English with the right number: 1 facility, 1 row, 1 county (Chinese unchanged)", async () => {
    const file = join(work, "one-good-one-bad.csv");
    writeFileSync(
      file,
      [
        "id,name,type,lon,lat,county",
        "e1,西峡县急救站,ems-station,111.49,33.31,411323",
        "x1,坏行,ems-station,abc,33.3,411323",
      ].join("\n"),
    );
    const r = await cli("report", "--facilities", file, "--county", "411323", "--out", join(work, "one"));
    expect(r.code).toBe(3);
    expect(r.out).toContain("设施 1 条已分析，1 行被拒绝 / 1 facility analysed, 1 row rejected");
    expect(r.out).toMatch(/：1 个县区，违规 (\d+) 条 \/ 1 county, \1 violations?\n/);
    expect(r.out).not.toMatch(/\b1 (rows|counties|facilities|issues)\b/);
    // the report itself says the file's other row was refused, and why (the GIS trial, s40-b #2)
    const html = readFileSync(join(work, "one", REPORT_FILES.html), "utf8");
    expect(html).toContain("设施导入：文件 one-good-one-bad.csv 共 2 行，采用 1 行，拒收 1 行");
    expect(html).toMatch(/拒收的行：第 3 行：[^<]*abc/);
    const two = await cli(
      "report",
      "--facilities",
      join(root, "test/fixtures/cli/facilities-bad.csv"),
      "--out",
      join(work, "two"),
      "--boundaries",
      join(root, "test/fixtures/rules/two-counties.geojson"),
    );
    expect(two.out).toContain("3 facilities analysed, 4 rows rejected");
    expect(two.out).toMatch(/2 个县区，违规 (\d+) 条 \/ 2 counties, \1 violations?/);
  });

  it("a city report counts the city row's violations as analyze does (the GIS trial, s45-b #9: 113 beside 114)", async () => {
    const facilities = join(root, "geodata/scenario-nanyang.geojson");
    const a = await cli("analyze", "--city", "nanyang", "--facilities", facilities, "--out", join(work, "city-a"));
    const total = JSON.parse(readFileSync(join(work, "city-a", "report.json"), "utf8")).violations.length as number;
    const r = await cli("report", "--city", "nanyang", "--facilities", facilities, "--out", join(work, "city-r"));
    expect(a.out).toContain(`违规 violations ${total}`);
    expect(r.out).toMatch(
      new RegExp(
        `13 个县区，违规 ${total} 条（其中全市指标 1 条） / 13 counties, ${total} violations \\(1 of them the city's\\)`,
      ),
    );
  }, 120_000);

  it("counts every row where a county the list leaves out has its rows summed up (the GIS trial, s55 M1: 36 for 124)", async () => {
    // a list of one county: the others' township and village rows are summed by rule in the city report's sections
    const facilities = join(work, "one-county.csv");
    writeFileSync(
      facilities,
      "名称,类型,经度,纬度\n西峡县人民医院,综合医院,111.4740,33.3070\n西峡县急救站,急救站,111.4830,33.2950\n",
    );
    const a = await cli("analyze", "--city", "nanyang", "--facilities", facilities, "--out", join(work, "one-a"));
    const total = JSON.parse(readFileSync(join(work, "one-a", "report.json"), "utf8")).violations.length as number;
    const r = await cli("report", "--city", "nanyang", "--facilities", facilities, "--out", join(work, "one-r"));
    expect(a.out).toContain(`违规 violations ${total}`);
    expect(r.out).toMatch(new RegExp(`13 个县区，违规 ${total} 条.* / 13 counties, ${total} violations`));
  }, 120_000);

  it("takes the inputs analyze takes for its verdicts: --staffing gives the staff indicators (the re-trial, s45 #5)", async () => {
    const pop = join(work, "pop2.csv");
    const staff = join(work, "staff2.csv");
    writeFileSync(pop, "代码,人口\n990001,300000\n990002,200000\n");
    writeFileSync(staff, "代码,全科医生\n990001,120\n990002,80\n");
    const base = [
      ...["report", "--facilities", join(root, "test/fixtures/cli/facilities-bad.csv")],
      ...["--boundaries", join(root, "test/fixtures/rules/two-counties.geojson"), "--population", pop],
    ];
    const gpRow = (dir: string) => {
      const text = readFileSync(join(work, dir, REPORT_FILES.html), "utf8").replace(/<[^>]+>/g, " ");
      const i = text.indexOf("GP-PER-10000");
      return text.slice(i, i + 120);
    };
    await cli(...base, "--out", join(work, "staff-none"));
    expect(gpRow("staff-none")).toContain("缺数据");
    const r = await cli(...base, "--staffing", staff, "--cross-border", "--out", join(work, "staff-in"));
    expect(r.err).not.toContain("未知参数");
    // (120 + 80) / 500,000 × 10,000 = 4.00 ≥ 3.93
    expect(gpRow("staff-in")).toContain("达标  4.00 /万人");
  }, 120_000);

  it("--help prints its usage", async () => {
    const r = await cli("report", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("审查报告.docx");
    expect(r.out).toContain("--county CODE");
  });
});
