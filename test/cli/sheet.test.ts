import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT, workDir } from "./run";

/**
 * `--sheet` reads a workbook's other sheet on the command line, as the app's 工作表 choice does (the CLI trial, s54b
 * H2: a two-sheet .xlsx lost its 村卫生室 sheet with exit 0, and --sheet was an unknown option).
 */
const BOOK = join(ROOT, "test/fixtures/io/facilities.xlsx");
const features = (dir: string) =>
  (
    JSON.parse(readFileSync(join(dir, "facilities.geojson"), "utf8")) as {
      features: Array<{ properties: { name: string } }>;
    }
  ).features;

describe("--sheet", () => {
  it("reads the sheet named, and the first by default, which says the other is not read", async () => {
    const first = join(workDir("sheet-"), "first");
    const a = await cli("analyze", "--facilities", BOOK, "--out", first);
    expect(a.code, a.err).toBe(0);
    expect(features(first)).toHaveLength(13);
    expect(a.out + a.err).toContain("未读取：「第二页」（约 1 行）");
    expect(a.out + a.err).toContain("--sheet");
    const second = join(workDir("sheet-"), "second");
    const b = await cli("analyze", "--facilities", BOOK, "--sheet", "第二页", "--out", second);
    expect(b.code, b.err).toBe(0);
    expect(features(second).map((f) => f.properties.name)).toEqual(["南召县人民医院"]);
    expect(b.out + b.err).toContain("只读取了「第二页」；未读取：「机构」（约 13 行）");
    // by number, in report and suggest too
    const r = await cli("report", "--facilities", BOOK, "--sheet", "2", "--out", join(workDir("sheet-"), "r"));
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).toContain("只读取了「第二页」");
  });

  it("a sheet the workbook lacks names the sheets it has; a file that is no workbook is refused", async () => {
    const a = await cli("analyze", "--facilities", BOOK, "--sheet", "村卫生室", "--out", join(workDir("sheet-"), "x"));
    expect(a.code).toBe(2);
    expect(a.err).toContain("工作表“村卫生室”不存在；现有工作表：机构、第二页");
    const csv = join(ROOT, "test/fixtures/io/bad-rows.csv");
    const b = await cli("analyze", "--facilities", csv, "--sheet", "1", "--out", join(workDir("sheet-"), "y"));
    expect(b.code).toBe(2);
    expect(b.err).toContain(
      "bad-rows.csv: 参数 --sheet 只用于 .xlsx 工作簿，本文件不是工作簿 / option --sheet is for an .xlsx workbook, and this file is not one",
    );
  });
});
