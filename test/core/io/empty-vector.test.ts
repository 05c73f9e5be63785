import { describe, expect, it } from "vitest";
import { emptyFileIssue, parseFacilityFile } from "../../../src/core";

const enc = (s: string) => new TextEncoder().encode(s);

describe("a vector file with nothing in it", () => {
  it("a GeoJSON with no features gets one message, not a second about columns it cannot have", async () => {
    const r = await parseFacilityFile(enc('{"type":"FeatureCollection","features":[]}'), "empty.geojson");
    expect(r.facilities).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.message.zh])).toEqual([["no-data-rows", "文件中没有要素"]]);
  });

  it("a CSV with a header and no rows still says which columns are missing", async () => {
    const r = await parseFacilityFile(enc("a,b\n"), "header.csv");
    expect(r.issues.map((i) => i.code)).toEqual(["no-data-rows", "missing-column", "missing-column"]);
    expect(r.issues[1].message.zh).toBe(
      "找不到经度列和纬度列：请在“列对应”中指定经度和纬度所在的列（命令行：把该列改名为“经度”“纬度”）（现有列：a、b）",
    );
  });

  it("an empty GeoJSON is not said to lack a header; an empty CSV is", () => {
    expect(emptyFileIssue(new Uint8Array(0), "x.geojson")?.message.zh).toBe(
      "文件“x.geojson”是空的（0 字节），没有可读的内容：可能选错了文件，或文件未保存完整；请打开核对后重新选择",
    );
    expect(emptyFileIssue(enc("  \n"), "x.csv")?.message.en).toBe(
      'the file "x.csv" is empty (only blank space): no header and no data. It may be the wrong file, or one not saved in full: open it, check, and choose it again',
    );
  });
});
