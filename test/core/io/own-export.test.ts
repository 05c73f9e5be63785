import { describe, expect, it } from "vitest";
import { exportFacilitiesCsv, isOwnFacilityCsv } from "../../../src/core";

describe("the tool's own facility CSV is told from another table (read in WGS84 whatever was chosen before)", () => {
  it("its headers are the export's; a county's Amap sheet's are not, nor one missing an export column", () => {
    const csv = exportFacilitiesCsv([{ id: "a", name: "某卫生院", type: "thc", lon: 112.1, lat: 33.1 }]);
    const headers = csv
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)[0]
      .split(",");
    expect(isOwnFacilityCsv(headers)).toBe(true);
    expect(isOwnFacilityCsv(["名称", "类型", "经度", "纬度"])).toBe(false);
    expect(isOwnFacilityCsv(headers.filter((h) => h !== "invented"))).toBe(false);
  });
});
