import { describe, expect, it } from "vitest";
import { rejectedFile } from "../../../src/cli/output";
import { parseFacilityFile } from "../../../src/core/io";

const enc = (s: string) => new TextEncoder().encode(s);

describe("a row with an empty type cell (issue #11)", () => {
  it("shows the type cell's value (empty), not the row's name, against the type field", async () => {
    const csv = "name,type,lon,lat\n缺类型站,,112.43,33.49\n皇路店镇卫生院,,112.40,33.50\n";
    const r = await parseFacilityFile(enc(csv), "t.csv");
    // 缺类型站: no type, and the name does not tell one (rejected)
    const rejected = r.issues.find((i) => i.row === 2);
    expect([rejected?.field, rejected?.value, rejected?.code, rejected?.severity]).toEqual([
      "type",
      "",
      "unknown-type",
      "error",
    ]);
    expect(rejected?.message.zh).toContain("缺类型站");
    // 皇路店镇卫生院: no type, guessed from the name (kept, a warning)
    const guessed = r.issues.find((i) => i.row === 3);
    expect([guessed?.field, guessed?.value, guessed?.code]).toEqual(["type", "", "type-from-name"]);
  });

  it("the command line's rejected.csv has the empty type in its value column", async () => {
    const r = await parseFacilityFile(enc("name,type,lon,lat\n缺类型站,,112.43,33.49\n"), "t.csv");
    const { data } = rejectedFile(r.issues);
    const text = typeof data === "string" ? data : new TextDecoder().decode(data);
    const line = text.split(/\r?\n/).find((l) => l.startsWith("t.csv,2,"));
    expect(line?.startsWith("t.csv,2,type,,error,unknown-type,")).toBe(true);
  });

  it("without a type column the name is the field and the value, as before", async () => {
    const r = await parseFacilityFile(enc("name,lon,lat\n缺类型站,112.43,33.49\n"), "t.csv");
    const i = r.issues.find((x) => x.row === 2);
    expect([i?.field, i?.value]).toEqual(["name", "缺类型站"]);
  });
});

describe("what a row's type message says (the #13 trials)", () => {
  it("a row with neither a name nor a type says both are empty, not 「无法从名称“”判断」", async () => {
    const r = await parseFacilityFile(enc("name,type,lon,lat\n,,112.43,33.49\n"), "t.csv");
    expect(r.issues.find((i) => i.row === 2)?.message).toEqual({
      zh: "名称和类型都为空，无法判断机构类型",
      en: "both the name and the type are empty: no facility type",
    });
    // no empty value after it: the table would show 「…都为空…（空）」
    expect(r.issues.find((i) => i.row === 2)?.value).toBeUndefined();
  });

  it("a row typed by hand with no name says so, not 「名称“”」", async () => {
    const r = await parseFacilityFile(enc("name,type,lon,lat\n,,112.43,33.49\n"), "t.csv", {
      typeOverrides: { byRow: { 2: "ems-station" } },
    });
    const note = r.issues.find((i) => i.code === "type-chosen");
    expect(note?.message.zh).toBe("类型：（无，名称也为空）→ 急救站（人工指定）");
    expect(note?.message.en).not.toContain('""');
    expect(r.facilities[0].name).toBe("急救站（第2行）");
  });

  it("a type guessed from the name is named in English words, not by its code", async () => {
    const r = await parseFacilityFile(
      enc("name,type,lon,lat\n皇路店镇卫生院,,112.40,33.50\n城郊急救站,站点,112.41,33.51\n"),
      "t.csv",
    );
    expect(r.issues.find((i) => i.row === 2)?.message.en).toBe(
      'no type given; guessed township health centre from the name "皇路店镇卫生院"',
    );
    expect(r.issues.find((i) => i.row === 3)?.message.en).toBe(
      'type "站点" not recognised; took EMS station from the name (a guess)',
    );
  });
});

describe("an outpatient department or private clinic is said to be none of the plans' types (the trial, s46-a #12)", () => {
  it("refuses it saying it does not count as a village clinic, other unknown types as before", async () => {
    const csv =
      "名称,类型,经度,纬度\n某某门诊部,门诊部,112.5,33.0\n张三诊所,诊所,112.5,33.01\n火星站,火星,112.5,33.02\n";
    const r = await parseFacilityFile(enc(csv), "t.csv");
    const msg = (row: number) => r.issues.find((i) => i.row === row && i.code === "unknown-type")?.message.zh;
    expect(msg(2)).toBe(
      "机构类型“门诊部”不属规划所列机构：门诊部、诊所、医务室不计为村卫生室（一村一室）或乡镇卫生院；确为其一的才指定类型，否则本行不计入",
    );
    expect(msg(3)).toContain("不计为村卫生室");
    expect(msg(4)).toBe("无法识别机构类型“火星”");
    expect(r.facilities).toHaveLength(0);
  });
});
