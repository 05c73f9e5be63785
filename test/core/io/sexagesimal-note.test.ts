import { describe, expect, it } from "vitest";
import { parseFacilityFile } from "../../../src/core/io";

/**
 * Coordinates in degrees, minutes and seconds are read (112°30'15.5"E, 112度30分15秒), and now said: the rows read so,
 * with one as read (the EMS planner trial, s53 L2: rows 12 and 27 were read right and named nowhere).
 */
const enc = (s: string) => new TextEncoder().encode(s);

describe("a note of the rows whose coordinates are degrees, minutes and seconds", () => {
  it("names the rows and one cell as read; decimal and 112.5°E cells are not named", async () => {
    const r = await parseFacilityFile(
      enc(
        [
          "名称,类型,经度,纬度",
          "甲卫生院,乡镇卫生院,114.3900,27.8100",
          `乙卫生院,乡镇卫生院,"114°17'59.2""",27.72701`,
          "丙卫生院,乡镇卫生院,114.5°E,27.9",
          "丁卫生院,乡镇卫生院,114度20分00秒,27度45分00秒",
        ].join("\n"),
      ),
      "设施.csv",
    );
    expect(r.facilities.map((f) => f.lon.toFixed(6))).toEqual(["114.390000", "114.299778", "114.500000", "114.333333"]);
    const notes = r.issues.filter((i) => i.code === "coordinates-sexagesimal");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ row: 0, field: "经度/纬度", severity: "note" });
    expect(notes[0].message.zh).toBe(
      "第 3、5 行的经纬度为度分秒（如「114°17'59.2\"」读作 114.299778），已换算为十进制度；请核对",
    );
    expect(notes[0].message.en).toContain(
      "rows 3, 5 give coordinates in degrees, minutes and seconds (such as 「114°17'59.2\"」, read as 114.299778)",
    );
  });

  it("a list of decimals has no such note", async () => {
    const r = await parseFacilityFile(enc("名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,114.39,27.81\n"), "设施.csv");
    expect(r.issues.filter((i) => i.code === "coordinates-sexagesimal")).toEqual([]);
  });
});
