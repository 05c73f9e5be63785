import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, TWO_COUNTIES, workDir } from "./run";

const work = workDir("cli-unknown-category-");

describe("cli: a type text that is not a known facility category (issue 11: 「火星医院」)", () => {
  it("keeps the row, warns naming file, row and field, and counts it in the summary and rejected.csv", async () => {
    const file = join(work, "trial.csv");
    writeFileSync(
      file,
      [
        "id,name,type,lon,lat,county",
        "a1,甲县人民医院,county-medical-centre,112.25,33.0,990001",
        "a2,甲县火星医院,火星医院,112.2,33.05,990001",
        "a3,甲县急救站,急救站,112.4,32.9,990001",
      ].join("\n"),
    );
    const out = join(work, "out");
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", out);
    expect(r.code).toBe(0);
    const warning = r.out.split("\n").filter((l) => l.includes("火星医院") && l.startsWith("警告 warning"));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toContain("trial.csv: 第 3 行 row 3，字段 field “type”");
    expect(warning[0]).toContain("类型「火星医院」不是已知机构类别，按「医院」暂作一级及未定级医院，请核对");
    expect(r.out).toContain(
      "设施 3 条已分析，0 行被拒绝，1 行类型不是已知机构类别（存疑，按类型文字暂定） / 3 facilities analysed, 0 rows rejected, 1 row with a type that is not a known facility category",
    );
    const rejected = readFileSync(join(out, "rejected.csv"), "utf8");
    expect(rejected).toMatch(/trial\.csv,3,type,火星医院,warning,unknown-category,/);
  });

  it("says nothing more for known categories", async () => {
    const file = join(work, "known.csv");
    writeFileSync(file, ["id,name,type,lon,lat,county", "a1,甲县人民医院,综合医院,112.25,33.0,990001"].join("\n"));
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", join(work, "k"));
    expect(r.out).not.toContain("已知机构类别");
    expect(r.out).toContain("设施 1 条已分析，0 行被拒绝 / 1 facility analysed, 0 rows rejected\n");
  });

  it("reads a grade in brackets after a known category into the facility (the user trial, s47)", async () => {
    const file = join(work, "graded.csv");
    writeFileSync(
      file,
      ["id,name,type,lon,lat,county", "a1,甲县人民医院,县级综合医院（二级甲等）,112.25,33.0,990001"].join("\n"),
    );
    const out = join(work, "g");
    const r = await cli("analyze", "--facilities", file, "--boundaries", TWO_COUNTIES, "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("已知机构类别");
    expect(r.out).toContain("县级综合医院（二级甲等） → 综合医院，二级甲等（等级取自类型）（第 2 行）");
    const written = JSON.parse(readFileSync(join(out, "facilities.geojson"), "utf8"));
    expect(written.features[0].properties).toMatchObject({ name: "甲县人民医院", type: "hospital", grade: "2A" });
  });
});
