import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPORT_FILES } from "../../src/cli/report";
import { docxParagraphs } from "../docx-text";
import { cli, ROOT } from "./run";

/**
 * `--add-facilities`: a second facility file joined to the first and checked as one list, as the app's 追加到当前清单
 * joins them (the CLI trial, s54b H1: a second --facilities replaced the first; then it was refused, with no way on
 * the command line to check two departments' files as one).
 */
const work = mkdtempSync(join(tmpdir(), "cli-add-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEAD = "编号,名称,类型,经度,纬度";
const A = [`${HEAD}`, "1,小杨营镇卫生院,乡镇卫生院,112.0631,32.5906", "2,桑庄镇卫生院,乡镇卫生院,112.1902,32.6577"];
const A_MORE = ["3,邓州市人民医院,综合医院,112.0853,32.6874"];
// row 3 repeats 桑庄镇卫生院 about 14 m away; ids 1 and 2 are the first file's too
const B = [
  `${HEAD}`,
  "1,小杨营村卫生室,村卫生室,112.0631,32.5825",
  "2,桑庄镇卫生院,乡镇卫生院,112.1903,32.6578",
  "7,桑庄村卫生室,村卫生室,112.2062,32.6577",
];
const file = (name: string, lines: string[]) => {
  const path = join(work, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};
const a = file("a.csv", [...A, ...A_MORE]);
const b = file("b.csv", B);
const features = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, "facilities.geojson"), "utf8")) as {
      features: Array<{ properties: { id: string; name: string } }>;
    }
  ).features.map((f) => f.properties);

describe("analyze --add-facilities", () => {
  it("checks both files as one list: every row kept, a repeated id renamed, a repeat within 100 m doubtful", async () => {
    const out = join(work, "joined");
    const r = await cli("analyze", "--city", "nanyang", "--facilities", a, "--add-facilities", b, "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(features(out).map((f) => f.id)).toEqual(["1", "2", "3", "1~2", "2~2", "7"]);
    const said = r.err + r.out;
    expect(said).toContain(
      "b.csv: 第 3 行 row 3，字段 field “名称”（值 value “桑庄镇卫生院”）: [警告 warning] 疑似重复：当前清单（a.csv）",
    );
    expect(said).toContain(
      "若本文件是当前清单的新版本，请只用 --facilities 给出该文件；否则请用 --add-drop-rows 剔除重复的行",
    );
    expect(said).toContain("1 行的编号在当前清单（a.csv）中已有，已改为不重复的编号：第 2 行“1”→“1~2”");
    // each file's CRS, and the list's whole-file warnings once, of both
    expect(said).toMatch(/^a\.csv: 坐标系 CRS wgs84/m);
    expect(said).toMatch(/^b\.csv: 坐标系 CRS wgs84/m);
    expect(said).toContain("a.csv + b.csv: 整个文件 whole file");
    expect(said).toContain("设施 6 条已分析");
    // the issues file names each row's own file
    const rejected = readFileSync(join(out, "rejected.csv"), "utf8");
    expect(rejected).toMatch(/^b\.csv,3,名称,.*append-repeats/m);
  }, 120_000);

  it("gives the verdicts of the two files' rows in one file, and --add-drop-rows strikes the repeat out", async () => {
    // the same rows in one file (the second's ids as the joining renamed them, its repeat struck out)
    const one = file("one.csv", [
      ...A,
      ...A_MORE,
      "1~2,小杨营村卫生室,村卫生室,112.0631,32.5825",
      "7,桑庄村卫生室,村卫生室,112.2062,32.6577",
    ]);
    const [joined, single] = [join(work, "struck"), join(work, "single")];
    const r = await cli(
      ...["analyze", "--city", "nanyang", "--facilities", a, "--add-facilities", b, "--add-drop-rows", "3"],
      ...["--out", joined],
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err + r.out).not.toContain("疑似重复");
    // the row's note names the option that struck it (the re-check, s55e N3)
    expect(r.err + r.out).toContain("b.csv: 第 3 行 row 3: [说明 note] 按 --add-drop-rows 剔除");
    expect(r.out).toContain("1 行按 --add-drop-rows 剔除");
    expect((await cli("analyze", "--city", "nanyang", "--facilities", one, "--out", single)).code).toBe(0);
    const verdicts = (dir: string) => {
      const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
        counties: Array<{ code: string; checks: Array<{ rule: string; status: string; message: { zh: string } }> }>;
        violations: unknown[];
      };
      return {
        checks: report.counties.flatMap((c) => c.checks.map((k) => `${c.code} ${k.rule} ${k.status}`)),
        violations: report.violations.length,
      };
    };
    expect(verdicts(joined)).toEqual(verdicts(single));
    expect(features(joined).map((f) => f.name)).toEqual(features(single).map((f) => f.name));
  }, 120_000);

  it("refuses --add-sheet or --add-drop-rows without --add-facilities, naming the option", async () => {
    const r = await cli("analyze", "--facilities", a, "--add-drop-rows", "3", "--out", join(work, "no"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("--add-drop-rows");
    expect(r.err).toContain("须与 --add-facilities 一起使用");
  });

  it("appends a workbook's other sheet: neither sheet is said to be left unread", async () => {
    const xlsx = join(ROOT, "test/fixtures/io/facilities.xlsx");
    const only = await cli(
      "analyze",
      "--boundaries",
      join(ROOT, "test/fixtures/rules/two-counties.geojson"),
      "--facilities",
      xlsx,
      "--out",
      join(work, "x1"),
    );
    expect(only.err + only.out).toContain("未读取：「第二页」");
    const r = await cli(
      ...["analyze", "--boundaries", join(ROOT, "test/fixtures/rules/two-counties.geojson")],
      ...["--facilities", xlsx, "--add-facilities", xlsx, "--add-sheet", "第二页", "--out", join(work, "x2")],
    );
    expect(r.err + r.out).not.toContain("未读取");
    expect(r.err + r.out).toMatch(/facilities\.xlsx（第二页）: 坐标系/);
    // the first sheet, read by default, named by its sheet too (the re-check, s55e N3)
    expect(r.err + r.out).toMatch(/facilities\.xlsx（机构）: 坐标系/);
  }, 60_000);
});

describe("report --add-facilities", () => {
  it("says each file's rows in 数据来源, one import note a file, as the app's report of a joined list", async () => {
    const out = join(work, "report");
    const r = await cli(
      "report",
      "--city",
      "nanyang",
      "--county",
      "411381",
      "--facilities",
      a,
      "--add-facilities",
      b,
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const text = (await docxParagraphs(readFileSync(join(out, REPORT_FILES.docx)))).join("\n");
    expect(text).toContain("设施数据：用户提供文件 a.csv + b.csv，现有设施 6 条");
    expect(text).toContain("设施导入：文件 a.csv 共 3 行，采用 3 行");
    expect(text).toMatch(/设施导入：文件 b\.csv 共 3 行，采用 3 行，存疑仍计入 1 行（第 3 行）/);
    expect(text).toContain("第 2 行“1”→“1~2”");
    // the doubtful row with its reason (the re-check, s55e N2: only its number, beside another row's renamed id)
    expect(text).toMatch(/存疑仍计入的行：第 3 行：疑似重复：当前清单（a\.csv）已有同名同类的「桑庄镇卫生院」/);
  }, 120_000);
});
