import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportCsv, exportFacilitiesCsv, parseFacilityFile } from "../../../src/core/io";

/** Excel-style payloads (OWASP CSV injection): cells that spreadsheet programs would run as formulas. */
const PAYLOADS = [
  '=HYPERLINK("http://example.invalid/x","点击")',
  "=cmd|' /C calc'!A0",
  "+SUM(1,1)",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=1+1",
];

function cells(csv: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
}

describe("CSV exports neutralise formulas (OWASP)", () => {
  it("every cell starting with = + - @ tab or CR gets a leading single quote; the text after it is unchanged", () => {
    const rows = PAYLOADS.map((p, i) => ({ name: p, n: -i }));
    const got = cells(
      exportCsv(rows, [
        { header: "name", value: "name" },
        { header: "n", value: "n" },
      ]),
    );
    expect(got[0]).toEqual(["name", "n"]);
    got.slice(1).forEach(([name, n], i) => {
      expect(name).toBe(`'${PAYLOADS[i]}`);
      // numbers are numbers, not formulas: a negative number stays as it is
      expect(n).toBe(String(-i));
    });
  });

  it("ordinary names, codes and Chinese text are untouched", () => {
    const got = cells(
      exportCsv(
        [{ a: "卫生院", b: "411302", c: "a=b" }],
        [
          { header: "a", value: "a" },
          { header: "b", value: "b" },
          { header: "c", value: "c" },
        ],
      ),
    );
    expect(got[1]).toEqual(["卫生院", "411302", "a=b"]);
  });

  it("a facility named like a formula survives an export and re-import as the same name", async () => {
    const csv = exportFacilitiesCsv([
      { id: "=1", name: '=HYPERLINK("x")卫生院', type: "thc", lon: 112.1, lat: 33 },
      { id: "b", name: "-阳光卫生院", type: "thc", lon: 112.2, lat: 33 },
    ]);
    expect(csv).not.toMatch(/(^|,|\r\n)[=+\-@]/);
    const r = await parseFacilityFile(new TextEncoder().encode(csv), "roundtrip.csv");
    expect(r.facilities.map((f) => [f.id, f.name])).toEqual([
      ["=1", '=HYPERLINK("x")卫生院'],
      ["b", "-阳光卫生院"],
    ]);
  });
});
