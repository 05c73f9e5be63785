import { describe, expect, it } from "vitest";
import { type FacilityImport, parseFacilityFile, parsePopulationTable } from "../../../src/core/io";
import { FIXTURE_FACILITIES } from "./fixture-data";
import { fixture } from "./helpers";

/** The file-level issues of an import (row 0), as [code, severity]. */
const fileLevel = (r: Pick<FacilityImport, "issues">) =>
  r.issues.filter((i) => i.row === 0).map((i) => [i.code, i.severity]);

/** An Office 97–2003 file: the OLE2 signature and a sector of its header. */
function xls(): Uint8Array {
  const b = new Uint8Array(1536);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff], 24);
  return b;
}

describe("a table whose extension says another format than its bytes", () => {
  it("a GBK CSV named .xlsx is read as CSV (GBK detected), with a warning naming the file", async () => {
    const csv = await parseFacilityFile(fixture("facilities-gbk.csv"), "facilities-gbk.csv");
    const r = await parseFacilityFile(fixture("facilities-gbk.csv"), "机构名录.xlsx");
    expect(r.encoding).toBe(csv.encoding);
    expect(r.facilities).toHaveLength(FIXTURE_FACILITIES.length);
    expect(r.facilities).toEqual(csv.facilities);
    expect(fileLevel(r)).toEqual([["extension-mismatch", "warning"]]);
    const w = r.issues.find((i) => i.code === "extension-mismatch")!;
    expect(w.file).toBe("机构名录.xlsx");
    expect(w.message.zh).toBe(
      "文件“机构名录.xlsx”的扩展名为 .xlsx，但内容是 CSV 文本，已按 CSV 读取；请核对并改用 .csv 扩展名",
    );
    expect(w.message.en).toContain("has the extension .xlsx but holds CSV text");
    expect(w.message.zh).not.toContain("zip");
  });

  it("a UTF-8 CSV named .xlsx is read as CSV too", async () => {
    const r = await parseFacilityFile(fixture("facilities-utf8-bom.csv"), "facilities.xlsx");
    expect(r.encoding).toBe("utf-8");
    expect(r.facilities).toHaveLength(FIXTURE_FACILITIES.length);
    expect(fileLevel(r)).toEqual([["extension-mismatch", "warning"]]);
  });

  it("a workbook named .csv is read as a workbook, with a warning naming the file", async () => {
    const xlsx = await parseFacilityFile(fixture("facilities.xlsx"), "facilities.xlsx");
    const r = await parseFacilityFile(fixture("facilities.xlsx"), "机构名录.csv");
    expect(r.facilities).toEqual(xlsx.facilities);
    expect(r.sheet).toBe(xlsx.sheet);
    // (and its second sheet, not read, said as for a workbook named .xlsx)
    expect(fileLevel(r)).toEqual([
      ["extension-mismatch", "warning"],
      ["other-sheets-not-read", "warning"],
    ]);
    expect(r.issues.find((i) => i.code === "extension-mismatch")!.message.zh).toBe(
      "文件“机构名录.csv”的扩展名为 .csv，但内容是 Excel 工作簿（.xlsx），已按 .xlsx 读取；请核对并改用 .xlsx 扩展名",
    );
  });

  it("bytes that are neither a zip nor a table, named .xlsx, are still refused as not a zip", async () => {
    const r = await parseFacilityFile(new TextEncoder().encode("只有一行说明文字，没有分隔符\n"), "机构.xlsx");
    expect(fileLevel(r)).toEqual([["invalid-zip", "error"]]);
    expect(r.facilities).toHaveLength(0);
  });

  it("an .xls named .xlsx is refused with the advice to save it as .xlsx or CSV", async () => {
    const r = await parseFacilityFile(xls(), "机构.xlsx");
    expect(fileLevel(r)).toEqual([["old-office-file", "error"]]);
    expect(r.issues[0].message.zh).toContain("另存为 .xlsx 或 CSV");
  });

  it("a population CSV named .xlsx is read, with the same warning", async () => {
    const counties = [{ code: "411323", name: "西峡县" }];
    const csv = await parsePopulationTable(fixture("population-xixia.csv"), "population-xixia.csv", { counties });
    const r = await parsePopulationTable(fixture("population-xixia.csv"), "人口.xlsx", { counties });
    expect(r.population).toEqual(csv.population.map((p) => ({ ...p, source: "人口.xlsx" })));
    expect(r.population.length).toBeGreaterThan(0);
    expect(r.issues.filter((i) => i.code === "extension-mismatch").map((i) => i.severity)).toEqual(["warning"]);
  });
});
