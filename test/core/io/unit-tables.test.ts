import { describe, expect, it } from "vitest";
import { parseStaffingTable, parseUnitPopulationTable } from "../../../src/core";

const bytes = (text: string) => new TextEncoder().encode(text);
const counties = [
  { code: "411323", name: "西峡县" },
  { code: "411326", name: "淅川县" },
];

describe("county staffing table", () => {
  it("reads codes and names of the city's counties; a code of another city is an issue naming row and field, not a silent extra", async () => {
    const csv = ["代码,县区,全科医生,注册护士", "411323,,120,1500", ",淅川,98,", "130581,,40,300"].join("\n");
    const r = await parseStaffingTable(bytes(csv), "人员.csv", { counties });
    expect(r.staffing.map((s) => [s.code, s.gps, s.nurses])).toEqual([
      ["411323", 120, 1500],
      ["411326", 98, undefined],
    ]);
    expect(r.issues.map((i) => [i.row, i.field, i.code, i.value])).toEqual([[4, "代码", "unknown-county", "130581"]]);
  });
});

describe("township and village population table", () => {
  it("keeps 9- and 12-digit codes and names a bad code by row and field", async () => {
    const csv = ["代码,常住人口", "411323101,52000", "411323101201,900", "41132,9000"].join("\n");
    const r = await parseUnitPopulationTable(bytes(csv), "乡镇人口.csv");
    expect(r.population).toEqual([
      { code: "411323101", population: 52000 },
      { code: "411323101201", population: 900 },
    ]);
    expect(r.issues.map((i) => [i.row, i.field])).toEqual([[4, "代码"]]);
  });
});
