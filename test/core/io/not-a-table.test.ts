import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  parseCsvBytes,
  parseDemandFile,
  parseFacilityFile,
  parsePopulationTable,
  parseUnitPopulationTable,
} from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);

/** The first bytes of a PNG image, then noise: what a user picks by mistake. */
function png(): Uint8Array {
  const b = new Uint8Array(4000);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  let x = 12345;
  for (let i = 16; i < b.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** An Office 97–2003 file: the OLE2 signature and a sector of its header. */
function xls(): Uint8Array {
  const b = new Uint8Array(1536);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff], 24);
  return b;
}

const docx = () =>
  zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") });
const shapeZip = () => zipSync({ "sites.shp": new Uint8Array(100), "sites.dbf": new Uint8Array(40) });

/** Every issue of an import, as [row, code, Chinese]. */
const codes = (issues: Array<{ row: number; code: string; message: { zh: string } }>) =>
  issues.map((i) => [i.row, i.code]);

describe("files that are not tables get one message the user can act on", () => {
  it("binary bytes given as a CSV: one not-a-table issue, no row of noise", async () => {
    const r = await parseFacilityFile(png(), "照片.csv");
    expect(codes(r.issues)).toEqual([[0, "not-a-table"]]);
    expect(r.issues[0].message.zh).toMatch(/^文件不是文本表格/);
    expect(r.issues[0].message.zh).not.toMatch(/binary|table|image/);
    expect(r.totalRows).toBe(0);
    expect(() => parseCsvBytes(png())).toThrow(/not a text table/);
  });

  it("text with a few control characters is still read as a table", async () => {
    const csv = `名称,类型,经度,纬度\n南召县人民医院\u0007,医院,112.43,33.49\n${"南召县城郊乡卫生院,乡镇卫生院,112.40,33.45\n".repeat(5)}`;
    const r = await parseFacilityFile(enc(csv), "bell.csv");
    expect(r.facilities).toHaveLength(6);
  });

  it("an .xls (Office 97–2003) is named as such, whatever its name says", async () => {
    for (const name of ["机构.xls", "机构.xlsx", "机构.csv"]) {
      const r = await parseFacilityFile(xls(), name);
      expect(codes(r.issues), name).toEqual([[0, "old-office-file"]]);
      expect(r.issues[0].message.zh).toContain("另存为 .xlsx 或 CSV");
    }
  });

  it("a ZIP that holds no workbook says what it is", async () => {
    const word = await parseFacilityFile(docx(), "机构.xlsx");
    expect(codes(word.issues)).toEqual([[0, "not-a-workbook"]]);
    expect(word.issues[0].message.zh).toBe(
      "文件是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）：请另存为 .xlsx 或 CSV 后再导入",
    );
    const shp = await parseFacilityFile(shapeZip(), "机构.xlsx");
    expect(shp.issues[0].code).toBe("not-a-workbook");
    expect(shp.issues[0].message.en).toContain("a zipped Shapefile");
    expect(shp.issues[0].message.en).toContain("import the Shapefile with a .zip extension");
  });

  it("a PDF of plain text (no binary byte to give it away) is named as a PDF, not read as rows", async () => {
    const pdf = enc("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n名称,类型,经度,纬度\n%%EOF\n");
    const r = await parseFacilityFile(pdf, "机构.csv");
    expect(codes(r.issues)).toEqual([[0, "not-a-table"]]);
    expect(r.issues[0].message.zh).toBe("文件是 PDF 文档，不是表格：请导入 CSV（UTF-8 或 GBK）或 .xlsx");
    expect(r.totalRows).toBe(0);
    // a CSV whose first cell happens to start with "%PDF" would need its header to be named so: not a real risk
  });

  it("the demand import, which reads no workbook, tells the user to save as CSV, never to import .xlsx", () => {
    const book = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
    const cases: Array<[Uint8Array, string, string, string]> = [
      [book, "需求点.xlsx", "not-a-table", "文件是 Excel 工作簿（.xlsx），不是 CSV 表格"],
      [docx(), "需求点.csv", "not-a-table", "文件是 Word 文档（.docx），不是 CSV 表格"],
      [xls(), "需求点.xls", "old-office-file", "另存为 CSV（UTF-8）后再导入"],
      [png(), "需求点.csv", "not-a-table", "文件不是文本表格"],
    ];
    for (const [bytes, name, code, text] of cases) {
      const r = parseDemandFile(bytes, name);
      expect(codes(r.issues), name).toEqual([[0, code]]);
      expect(r.issues[0].message.zh, name).toContain(text);
      expect(r.issues[0].message.zh, name).not.toContain(".xlsx 或");
      expect(r.issues[0].message.zh, name).not.toContain("或 .xlsx");
      expect(r.issues[0].message.en, name).toMatch(/save it as CSV \(UTF-8\)/);
    }
  });

  it("UTF-16 without a byte-order mark is read", async () => {
    const text = "名称,类型,经度,纬度\r\n南召县人民医院,医院,112.43,33.49\r\n";
    const le = new Uint8Array(text.length * 2);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 * i] = c & 0xff;
      le[2 * i + 1] = c >> 8;
      be[2 * i] = c >> 8;
      be[2 * i + 1] = c & 0xff;
    }
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const r = await parseFacilityFile(bytes, "u16.csv");
      expect(r.encoding).toBe(encoding);
      expect(r.facilities.map((f) => f.name)).toEqual(["南召县人民医院"]);
    }
  });

  it("every other table reader says the same, in the user's language", async () => {
    const demand = parseDemandFile(png(), "demand.csv");
    expect(codes(demand.issues)).toEqual([[0, "not-a-table"]]);
    const pop = await parsePopulationTable(xls(), "人口.xls");
    expect(pop.issues.map((i) => i.code)).toEqual(["old-office-file"]);
    const units = await parseUnitPopulationTable(png(), "乡镇人口.csv");
    expect(units.issues.map((i) => i.code)).toEqual(["not-a-table"]);
    // the Chinese message is Chinese: before, the library's English text was put into it
    expect(units.issues[0].message.zh).toMatch(/^无法读取.*：文件不是文本表格/);
    expect(units.issues[0].message.zh).not.toContain("not a text table");
  });
});
