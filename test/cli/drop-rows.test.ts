import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, readJson, TWO_COUNTIES, workDir } from "./run";

/**
 * `--drop-rows` strikes rows out as the app's import panel does (the reviewer trial, s41-a: the CLI gave 3,039
 * violations for a file the app gave 3,038 after one 剔除, with no way to match it). A struck row stays in
 * rejected.csv as a note and the count line says so; a number that is no data row of the file is bad input.
 */
const work = workDir("cli-drop-rows-");
const file = join(work, "list.csv");
writeFileSync(
  file,
  [
    "id,name,type,lon,lat,county",
    "a1,甲县人民医院,county-medical-centre,112.25,33.0,990001",
    "a2,甲县急救站,急救站,112.4,32.9,990001",
    "a3,甲县急救站,急救站,112.4,32.9,990001",
    "a4,甲县二站,急救站,,32.95,990001",
    "a5,甲县三站,急救站,112.3,32.95,990001",
  ].join("\n"),
);
const run = (out: string, ...extra: string[]) =>
  cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", join(work, out), ...extra);

describe("cli: --drop-rows, the app's 剔除", () => {
  it("the duplicate's warning names the option with its row, and the struck row is out of the analysis", async () => {
    const all = await run("all");
    expect(all.out).toContain("命令行加 --drop-rows 4");
    // the count line names the copy too, with the option ready to paste (the user trial: a copy counted twice, unsaid)
    expect(all.out).toContain(
      "设施 4 条已分析，1 行被拒绝，1 行疑似重复录入（存疑，仍计入；核对后可加 --drop-rows 4 剔除） / 4 facilities analysed, 1 row rejected, 1 row possibly entered twice (doubtful, still counted; once checked, --drop-rows 4 strikes it out)\n",
    );
    const struck = await run("struck", "--drop-rows", "4");
    expect(struck.code).toBe(3); // row 5 is still refused
    expect(struck.out).toContain(
      "设施 3 条已分析，1 行被拒绝，1 行按 --drop-rows 剔除 / 3 facilities analysed, 1 row rejected, 1 row struck out by --drop-rows\n",
    );
    const ids = readJson(join(work, "struck", "facilities.geojson")).features.map(
      (f: { geometry: unknown; properties: { id: string } }) => [f.properties.id, f.geometry === null],
    );
    // the struck row is out; the refused row (no longitude) is kept with its own id and no geometry
    expect(ids).toEqual([
      ["a1", false],
      ["a2", false],
      ["a5", false],
      ["a4", true],
    ]);
    const rejected = readFileSync(join(work, "struck", "rejected.csv"), "utf8");
    expect(rejected).toMatch(/list\.csv,4,,,note,dropped-by-user,按 --drop-rows 剔除：不计入核查与导出/);
  });

  it("a struck-out row of a type not known is not counted among the doubtful rows kept (the re-trial)", async () => {
    const odd = join(work, "odd.csv");
    writeFileSync(
      odd,
      [
        "id,name,type,lon,lat,county",
        "a1,甲县火星医院,火星医院,112.25,33.0,990001",
        "a2,甲县急救站,急救站,112.4,32.9,990001",
      ].join("\n"),
    );
    const kept = await cli("analyze", "--facilities", odd, "--boundaries", TWO_COUNTIES, "--out", join(work, "odd1"));
    expect(kept.out).toContain("1 行类型不是已知机构类别");
    const struck = await cli(
      "analyze",
      "--facilities",
      odd,
      "--boundaries",
      TWO_COUNTIES,
      "--drop-rows",
      "2",
      "--out",
      join(work, "odd2"),
    );
    expect(struck.out).toContain("设施 1 条已分析，0 行被拒绝，1 行按 --drop-rows 剔除 / ");
    expect(struck.out).not.toContain("类型不是已知机构类别（存疑");
  });

  it("takes ranges and lists, and a refused row listed there gets a warning, not a second count", async () => {
    const r = await run("range", "--drop-rows", "3-4，5");
    expect(r.out).toContain("设施 2 条已分析，1 行被拒绝，2 行按 --drop-rows 剔除");
    expect(r.out).toContain("--drop-rows 列出了本行，但本行已被拒收，无需剔除");
  });

  it("a number that is no data row of the file, or no number, is refused and nothing is written", async () => {
    const r = await run("bad", "--drop-rows", "4,99");
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "参数 --drop-rows：第 99 行不是 list.csv 的数据行（数据行为第 2–6 行），未写入任何结果 / option --drop-rows: row 99 is not a data row of list.csv (its data rows are 2–6); nothing written",
    );
    expect(existsSync(join(work, "bad"))).toBe(false);
    const word = await run("word", "--drop-rows", "四");
    expect(word.code).toBe(2);
    expect(word.err).toContain("参数 --drop-rows：“四”不是行号或行号范围（如 11,15 或 11-13）");
  });

  it("suggest sites around the list without the struck rows", async () => {
    const r = await cli(
      "suggest",
      "--facilities",
      file,
      "--boundaries",
      TWO_COUNTIES,
      "--county",
      "990001",
      "--type",
      "ems-station",
      "--radius-km",
      "10",
      "--add",
      "1",
      "--drop-rows",
      "3,4",
      "--out",
      join(work, "suggest"),
    );
    expect(r.out).toContain("设施 2 条已读入，1 行被拒绝，2 行按 --drop-rows 剔除");
  });

  it("the review report counts the struck row as the app's does (用户剔除)", async () => {
    const out = join(work, "report");
    const r = await cli("report", "--facilities", file, "--boundaries", TWO_COUNTIES, "--drop-rows", "4", "--out", out);
    expect(r.code).toBe(3);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("共 5 行，采用 3 行，拒收 1 行，用户剔除 1 行（第 4 行）");
  });
});
