import { describe, expect, it } from "vitest";
import {
  emptyFileIssue,
  guessFacilityType,
  parseCsvBytes,
  parseDemandFile,
  parseFacilityFile,
  parsePopulationTable,
  recordUnit,
} from "../../../src/core/io";
import { fixture } from "./helpers";

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
/** GBK bytes of a few words (from the GB2312 table: 卫 CEC0, 生 C9FA, 院 D4BA, 阳 D1F4, 光 B9E2). */
const GBK: Record<string, number[]> = {
  卫: [0xce, 0xc0],
  生: [0xc9, 0xfa],
  院: [0xd4, 0xba],
  阳: [0xd1, 0xf4],
  光: [0xb9, 0xe2],
};
const gbk = (s: string) => new Uint8Array([...s].flatMap((c) => GBK[c] ?? [...enc(c)]));

function thcRows(n: number, special: Record<number, string> = {}): string {
  const lines = ["id,name,type,lon,lat"];
  for (let i = 0; i < n; i++)
    lines.push(`T${i},${special[i] ?? `卫生院${i}`},乡镇卫生院,${(112 + i * 1e-4).toFixed(4)},33.0`);
  return `${lines.join("\n")}\n`;
}

describe("CSV quotes", () => {
  it("a stray double quote in one name does not swallow the following rows: every row analysed or listed", async () => {
    const r = await parseFacilityFile(enc(thcRows(1000, { 5: '"阳光"卫生院' })), "quote.csv");
    expect(r.totalRows).toBe(1000);
    expect(r.facilities.length + r.rejectedRows).toBe(1000);
    expect(r.facilities.length).toBe(1000);
    const q = r.issues.filter((i) => i.code === "stray-quote");
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ file: "quote.csv", row: 7, severity: "warning" });
    expect(r.facilities.find((f) => f.id === "T5")?.name).toBe('"阳光"卫生院');
    expect(r.facilities.find((f) => f.id === "T6")?.name).toBe("卫生院6");
  });

  it("an unterminated quote at the end is named with its row and the rows before it are kept", async () => {
    const text = `${thcRows(10)}T10,"卫生院10,乡镇卫生院,112.5,33.0\n`;
    const r = await parseFacilityFile(enc(text), "open.csv");
    expect(r.totalRows).toBe(11);
    expect(r.facilities.length).toBe(11);
    expect(r.issues.find((i) => i.code === "stray-quote")).toMatchObject({ row: 12 });
  });

  it("a legitimate quoted cell spanning lines still counts as one record", async () => {
    const text = 'id,name,type,lon,lat\nA,"卫生院\n分院",乡镇卫生院,112.1,33\nB,"他说""好""",乡镇卫生院,112.2,33\n';
    const t = parseCsvBytes(enc(text));
    expect(t.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(t.rows[0].cells[1]).toBe("卫生院\n分院");
    expect(t.rows[1].cells[1]).toBe('他说"好"');
    expect(t.notes ?? []).toEqual([]);
  });
});

describe("line endings", () => {
  it("a CRLF header over LF rows, and CR, LF and CRLF mixed, give every row with its own line number (the GIS trial: 1 of 6,799 rows)", async () => {
    const [head, ...rows] = thcRows(500).trimEnd().split("\n");
    const r = await parseFacilityFile(enc(`${head}\r\n${rows.join("\n")}\n`), "appended.csv");
    expect([r.totalRows, r.facilities.length, r.rejectedRows]).toEqual([500, 500, 0]);
    expect(r.issues).toEqual([]);
    const ends = ["\r\n", "\n", "\r"];
    const mixed = [head, ...rows.slice(0, 9)].map((l, i) => l + ends[i % 3]).join("");
    const t = parseCsvBytes(enc(mixed));
    expect(t.rows.map((x) => x.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(t.rows.map((x) => x.cells[0])).toEqual(rows.slice(0, 9).map((l) => l.split(",")[0]));
    // a quoted cell keeps its CRLF, and the record after it is the next row
    const quoted = parseCsvBytes(
      enc('id,name,type,lon,lat\r\nA,"卫生院\r\n分院",乡镇卫生院,112.1,33\nB,b,乡镇卫生院,112.2,33\n'),
    );
    expect(quoted.rows.map((x) => [x.row, x.cells[1]])).toEqual([
      [2, "卫生院\r\n分院"],
      [3, "b"],
    ]);
  });
});

describe("encoding damage", () => {
  it("a UTF-8 BOM followed by GBK bytes keeps the id column and warns", async () => {
    const body = concat(
      new Uint8Array([0xef, 0xbb, 0xbf]),
      enc("id,name,type,lon,lat\nA1,"),
      gbk("卫生院"),
      enc(",thc,112.1,33\n"),
    );
    const r = await parseFacilityFile(body, "bom-gbk.csv");
    expect(r.mapping.id).toBe("id");
    expect(r.facilities[0]).toMatchObject({ id: "A1", name: "卫生院" });
    expect(r.issues.some((i) => i.code === "bom-not-utf8" && i.severity === "warning")).toBe(true);
  });

  it("mixed UTF-8 and GBK rows are each decoded right, and the GBK rows are named", async () => {
    const body = concat(
      enc("id,name,type,lon,lat\nA1,阳光卫生院,thc,112.1,33\n"),
      enc("A2,"),
      gbk("阳光卫生院"),
      enc(",thc,112.2,33\nA3,光卫生院,thc,112.3,33\n"),
    );
    const r = await parseFacilityFile(body, "mixed.csv");
    expect(r.facilities.map((f) => f.name)).toEqual(["阳光卫生院", "阳光卫生院", "光卫生院"]);
    const w = r.issues.filter((i) => i.code === "mixed-encoding");
    expect(w).toHaveLength(1);
    expect(w[0].value).toBe("3");
  });
});

describe("silent acceptances", () => {
  it("a header-only file is an error, not an empty success", async () => {
    const r = await parseFacilityFile(enc("id,name,type,lon,lat\n"), "empty.csv");
    expect(r.issues).toEqual([expect.objectContaining({ row: 0, code: "no-data-rows", severity: "error" })]);
  });

  it("header-only population and demand files are errors too", async () => {
    const pop = await parsePopulationTable(enc("代码,人口\n"), "p.csv");
    expect(pop.issues).toEqual([expect.objectContaining({ row: 0, code: "no-data-rows", severity: "error" })]);
    const d = parseDemandFile(enc("lon,lat,weight\n"), "d.csv");
    expect(d.issues).toEqual([expect.objectContaining({ row: 0, code: "no-data-rows", severity: "error" })]);
    const g = parseDemandFile(enc('{"type":"FeatureCollection","features":[]}'), "d.geojson");
    expect(g.issues).toEqual([expect.objectContaining({ row: 0, code: "no-data-rows", severity: "error" })]);
  });

  it("0x10 is not read as 16 (population or coordinates)", async () => {
    const pop = await parsePopulationTable(enc("代码,人口\n411302,0x10\n"), "p.csv");
    expect(pop.population).toEqual([]);
    expect(pop.issues[0]).toMatchObject({ row: 2, code: "not-a-number", value: "0x10" });
    const r = await parseFacilityFile(enc("name,type,lon,lat\n卫生院,thc,0x70,33\n"), "hex.csv");
    expect(r.facilities).toEqual([]);
  });

  it("a population row whose code is not among the counties is rejected and named", async () => {
    const pop = await parsePopulationTable(enc("代码,人口\n411302,100\n999999,100\n"), "p.csv", {
      counties: [{ code: "411302", name: "宛城区" }],
    });
    expect(pop.population.map((p) => p.code)).toEqual(["411302"]);
    expect(pop.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({ row: 3, code: "unknown-county", value: "999999" }),
    ]);
  });
});

describe("number parsing is linear and bounded", () => {
  it("a 40,000-digit value is refused as too long, with a short message", async () => {
    // 2.2 s before the fix on this machine (quadratic backtracking); timings are in scripts/bench-io.ts
    const big = `${"1".repeat(40_000)}x`;
    const r = await parseFacilityFile(enc(`name,type,lon,lat\n卫生院,thc,${big},33\n`), "long.csv");
    expect(r.issues[0]).toMatchObject({ row: 2, code: "not-a-number" });
    expect(r.issues[0].message.en).toContain("longer than 64 characters");
    expect(r.issues[0].message.en.length).toBeLessThan(200);
    expect((r.issues[0].value ?? "").length).toBeLessThan(100);
  });
});

describe("prototype keys", () => {
  it("a type cell such as constructor or __proto__ is an unknown type, not a function", async () => {
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(guessFacilityType("某机构", key)).toBeUndefined();
    const r = await parseFacilityFile(
      enc("name,type,lon,lat\n某机构,constructor,112.1,33\n某机构,toString,112.1,33\n"),
      "proto.csv",
      { typeOverrides: { byValue: {} } },
    );
    expect(r.facilities).toEqual([]);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([
      [2, "unknown-type"],
      [3, "unknown-type"],
    ]);
  });
});

describe("an empty facility file", () => {
  it("0 bytes, blank lines, or a BOM and spaces: one error saying the file is empty and naming it, nothing else", async () => {
    const cases: Array<[string, Uint8Array]> = [
      ["zero.csv", new Uint8Array(0)],
      ["blank.csv", enc("  \n\r\n\t\n")],
      ["bom.csv", concat(new Uint8Array([0xef, 0xbb, 0xbf]), enc(" \r\n"))],
      ["utf16.csv", new Uint8Array([0xff, 0xfe, 0x20, 0x00, 0x0a, 0x00])],
      ["zero.xlsx", new Uint8Array(0)],
    ];
    for (const [name, bytes] of cases) {
      const r = await parseFacilityFile(bytes, name);
      expect(r.issues, name).toHaveLength(1);
      const [i] = r.issues;
      expect(i, name).toMatchObject({ file: name, row: 0, severity: "error", code: "empty-file" });
      expect(i.message.zh, name).toContain(`文件“${name}”是空的`);
      expect(i.message.en, name).toContain(`the file "${name}" is empty`);
      expect(r.facilities).toEqual([]);
    }
    expect((await parseFacilityFile(new Uint8Array(0), "zero.csv")).issues[0].message.en).toContain("(0 bytes)");
  });

  it("a header without rows is still told as such, and a file starting with blank lines is read", async () => {
    const header = await parseFacilityFile(enc("id,name,type,lon,lat\n"), "header.csv");
    expect(header.issues.map((i) => i.code)).toEqual(["no-data-rows"]);
    const late = await parseFacilityFile(enc(`\n\n  \n${thcRows(3)}`), "late.csv");
    expect(late.facilities).toHaveLength(3);
  });
});

describe("an empty file of any kind, and what its items are called", () => {
  it("names any empty file (0 bytes or blank) in one whole-file error, and nothing for a file with content", () => {
    for (const name of ["p.csv", "u.xlsx", "b.geojson", "r.zip", "roads.osm", "pop.tif", "s.kml"]) {
      for (const bytes of [new Uint8Array(0), enc(" \n\t")]) {
        const i = emptyFileIssue(bytes, name);
        expect(i, name).toMatchObject({ file: name, row: 0, field: "", severity: "error", code: "empty-file" });
        expect(i?.message.zh).toContain(`文件“${name}”是空的`);
        expect(i?.message.en).toContain(`the file "${name}" is empty`);
      }
      expect(emptyFileIssue(enc("x"), name), name).toBeUndefined();
      // a binary file's bytes, zeros aside, are content
      expect(emptyFileIssue(new Uint8Array([0x49, 0x49, 0x2a, 0x00]), name), name).toBeUndefined();
    }
  });

  it("counts rows of tables, features of GeoJSON and KML, records of a Shapefile", () => {
    expect(["a.csv", "a.txt", "a.xlsx", "a"].map(recordUnit)).toEqual(["row", "row", "row", "row"]);
    expect(["a.geojson", "a.json", "a.kml"].map(recordUnit)).toEqual(["feature", "feature", "feature"]);
    expect(recordUnit("a.zip")).toBe("record");
  });
});

describe("a provincial export's shape (the GIS trial)", () => {
  const HEAD = "机构名称,机构类别,经度,纬度,所属县区";
  const ROWS = ["甲急救站,急救站,112.05,33.0,990001", "乙急救站,急救站,112.06,33.01,990001"];
  it("a title row (with or without the trailing commas Excel writes) and a blank row above the header are skipped and said", async () => {
    for (const title of ["开封市医疗卫生机构名录（2024年12月导出）,,,,", "开封市医疗卫生机构名录（2024年12月导出）"]) {
      const r = await parseFacilityFile(enc([title, "", HEAD, ...ROWS].join("\n")), "名录.csv");
      expect(r.facilities.map((f) => f.name)).toEqual(["甲急救站", "乙急救站"]);
      const note = r.issues.find((i) => i.code === "title-rows-skipped");
      expect(note).toMatchObject({ row: 0, severity: "note" });
      expect(note?.message.zh).toBe(
        "第 1–2 行是标题（“开封市医疗卫生机构名录（2024年12月导出）”），已跳过：表头取第 3 行",
      );
      // rows keep their numbers in the file
      expect(r.rows).toEqual([4, 5]);
    }
    // a one-column file is not taken for a title
    const plain = parseCsvBytes(enc("名称\n甲\n乙\n"));
    expect(plain.headers).toEqual(["名称"]);
    expect(plain.notes ?? []).toEqual([]);
  });

  it("a 填报单位 / 填报日期 line of two cells under the title is skipped too (the re-trial, s40-b #3); a two-column table keeps its header", async () => {
    const lines = [
      "宜春市袁州区医疗卫生机构名录（2024年）,,,,",
      "填报单位：袁州区卫生健康委员会（盖章）,,,填报日期：2024年6月,",
      HEAD,
      ...ROWS,
    ];
    const r = await parseFacilityFile(enc(lines.join("\n")), "名录.csv");
    expect(r.facilities.map((f) => f.name)).toEqual(["甲急救站", "乙急救站"]);
    expect(r.issues.find((i) => i.code === "title-rows-skipped")?.message.zh).toBe(
      "第 1–2 行是标题（“宜春市袁州区医疗卫生机构名录（2024年）”），已跳过：表头取第 3 行",
    );
    expect(r.rows).toEqual([4, 5]);
    // the same layout in a workbook, as a county 报表 is kept (a merged title, the 填报单位 line, the header in row 3)
    const x = await parseFacilityFile(fixture("title-two-rows.xlsx"), "title-two-rows.xlsx");
    expect(x.issues.find((i) => i.code === "title-rows-skipped")?.message.zh).toMatch(
      /^第 1–2 行是标题.*表头取第 3 行$/,
    );
    expect(x.facilities.length).toBeGreaterThan(0);
    // its 合计 row is skipped and said, not rejected as a facility (s40-b #8)
    const totals = x.issues.find((i) => i.code === "totals-rows-skipped");
    expect(totals?.message.zh).toMatch(/^第 \d+ 行是合计行/);
    expect(x.rejectedRows).toBe(0);
    expect(x.facilities.some((f) => f.name.includes("合计"))).toBe(false);
    const csvTotals = parseCsvBytes(enc([HEAD, ...ROWS, "合计,,,,", "小 计：,2,,,"].join("\n")));
    expect(csvTotals.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(csvTotals.notes?.find((n) => n.code === "totals-rows-skipped")?.message.zh).toBe(
      "第 4、5 行是合计行（首格“合计”“小计”等），不是一条记录，已跳过",
    );
    // two columns throughout: the first row is the header
    const two = parseCsvBytes(enc('名称,经纬度\n甲,"112.05,33.0"\n乙,"112.06,33.01"\n'));
    expect(two.headers).toEqual(["名称", "经纬度"]);
    expect(two.notes ?? []).toEqual([]);
  });

  it("a header name given twice is said, naming the columns, and the first is read", async () => {
    const r = await parseFacilityFile(enc([`${HEAD},经度`, `${ROWS[0]},114.35`, `${ROWS[1]},`].join("\n")), "重复.csv");
    expect(r.facilities.map((f) => f.lon)).toEqual([112.05, 112.06]);
    const dup = r.issues.find((i) => i.code === "duplicate-header");
    expect(dup).toMatchObject({ row: 0, severity: "warning", field: "经度" });
    expect(dup?.message.zh).toBe("列名“经度”出现 2 次（第 3、6 列）：只读第 3 列，其余未用");
  });
});

describe("coordinates in one cell (the GIS trial: rejected, or 「经纬度」 taken for the latitude)", () => {
  it("a 经纬度 or 坐标 column of 'lon,lat' is read as two, said once; a bad cell is named by row", async () => {
    for (const [head, a, b] of [
      ["经纬度", '"112.05,33.0"', "112.06，33.01"],
      ["坐标", "112.05 33.0", "112.06 33.01"],
    ]) {
      const r = await parseFacilityFile(
        enc(
          `机构名称,机构类别,${head},所属县区\n甲急救站,急救站,${a},990001\n乙急救站,急救站,${b},990001\n丙急救站,急救站,112.07,990001\n`,
        ),
        "合并.csv",
      );
      expect(r.mapping.lon).toBe(`${head}（经度）`);
      expect(r.facilities.map((f) => [f.lon, f.lat])).toEqual([
        [112.05, 33.0],
        [112.06, 33.01],
      ]);
      expect(r.issues.find((i) => i.code === "combined-coordinates")?.message.zh).toBe(
        `“${head}”列一格中含经度和纬度，已按“经度,纬度”拆为两列读取`,
      );
      // read, so not also among the columns not read (the bad-files trial, s56b L); nor kept as another column
      expect(r.issues.some((i) => i.code === "unused-columns")).toBe(false);
      expect(r.facilities[0].extra?.[head]).toBeUndefined();
      // the row whose cell is not a pair is rejected, named by its row and the latitude it lacks
      expect(r.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.field])).toEqual([
        [4, `${head}（纬度）`],
      ]);
    }
  });
  it("「经纬度」 is never taken for the latitude column beside real ones", async () => {
    const { guessColumns } = await import("../../../src/core/io");
    expect(guessColumns(["名称", "经纬度"]).lat).toBeUndefined();
    expect(guessColumns(["名称", "经度", "纬度"]).lat).toBe("纬度");
    expect(guessColumns(["序号", "名称", "组织机构代码"]).id).toBe("组织机构代码");
    expect(guessColumns(["序号", "名称"]).id).toBe("序号");
  });
});

describe("Excel's scientific notation in a code column (the GIS trial: unknown villages, ids renamed 「4.102E+11~3」)", () => {
  it("says the digits are lost and how to export the column, on the id and the village", async () => {
    const r = await parseFacilityFile(
      enc(
        "组织机构代码,机构名称,机构类别,经度,纬度,所属县区,行政村\n4.102E+11,甲卫生室,村卫生室,112.05,33.0,990001,4.10221E+11\n",
      ),
      "科学计数.csv",
    );
    const lost = r.issues.filter((i) => i.code === "excel-scientific");
    expect(lost.map((i) => [i.row, i.field, i.value])).toEqual([
      [2, "组织机构代码", "4.102E+11"],
      [2, "行政村", "4.10221E+11"],
    ]);
    expect(lost[1].message.zh).toBe(
      "“4.10221E+11”是 Excel 以科学计数法显示的长数字，末几位已丢失，无法还原：请把该列设为“文本”格式后重新导出",
    );
    expect(r.facilities[0].village).toBeUndefined();
  });
  it("an id column all in scientific notation beside a 序号: the 序号 is the id, and that is said once", async () => {
    const r = await parseFacilityFile(
      enc(
        "序号,组织机构代码,机构名称,机构类别,经度,纬度,所属县区\n1,4.102E+11,甲急救站,急救站,112.05,33.0,990001\n2,4.102E+11,乙急救站,急救站,112.06,33.0,990001\n",
      ),
      "科学计数.csv",
    );
    expect(r.facilities.map((f) => f.id)).toEqual(["1", "2"]);
    // the code column no longer the id is read by no field, and said so (s46-b #3)
    expect(r.issues.map((i) => [i.code, i.value])).toEqual([
      ["id-column-scientific", undefined],
      ["unused-columns", "组织机构代码"],
    ]);
    expect(r.issues[0].message.zh).toBe(
      "“组织机构代码”列多为 Excel 科学计数法（末几位已丢失），改用“序号”作编号：请把该列设为“文本”格式后重新导出",
    );
  });

  it("a workbook whose formula cells hold no saved result says so once, with the remedy, before their rows' 经度为空 (the bad-files trial, s56b M4)", async () => {
    // written by a script: D2 holds <f>112.523346+0</f> and no <v>, as openpyxl and report generators write them
    const r = await parseFacilityFile(fixture("formulas-no-values.xlsx"), "formulas-no-values.xlsx");
    const note = r.issues.find((i) => i.code === "formulas-without-values");
    expect(note).toMatchObject({ row: 0, severity: "warning", value: "40" });
    expect(note?.message.zh).toBe(
      "工作簿中有 40 个公式单元格没有保存计算结果（多见于程序或脚本生成、未在 Excel 中打开保存过的文件）：本工具不计算公式，这些单元格按空读取。请在 Excel 或 WPS 中打开该文件、保存后再导入",
    );
    expect(r.issues[0].code).toBe("formulas-without-values");
    // a workbook saved by Excel (values kept) says nothing of it
    const saved = await parseFacilityFile(fixture("facilities.xlsx"), "facilities.xlsx");
    expect(saved.issues.some((i) => i.code === "formulas-without-values")).toBe(false);
  });

  it("a header of two rows under merged cells: the lower row names the columns, the upper its empty ones (the bad-files trial, s56b M5)", async () => {
    // as Excel saves it: 「基本信息」 over A–C, 「坐标（WGS84）」 over D–E, 「所属县区」 merged down over F1:F2
    const x = await parseFacilityFile(fixture("two-row-header.xlsx"), "two-row-header.xlsx");
    expect(x.rejectedRows).toBe(0);
    expect(x.facilities).toHaveLength(20);
    expect(x.rows[0]).toBe(3);
    expect(x.issues.find((i) => i.code === "two-row-header")?.message.zh).toBe(
      "第 1–2 行是两行表头（上行为合并单元格）：列名取第 2 行，其空处取第 1 行；数据从第 3 行起",
    );
    expect(x.facilities[0].county).toBe("411302");
    // a header row over a first record with its numbers is one header, and a header over a units row too
    const one = parseCsvBytes(enc("名称,类型,,经度,纬度\n甲急救站,急救站,,112.5,33.0\n"));
    expect(one.headers).toEqual(["名称", "类型", "", "经度", "纬度"]);
    expect(one.rows.map((r) => r.row)).toEqual([2]);
    const units = parseCsvBytes(enc("名称,类型,经度,纬度,床位\n,,度,度,张\n甲急救站,急救站,112.5,33.0,10\n"));
    expect(units.headers).toEqual(["名称", "类型", "经度", "纬度", "床位"]);
  });
});
