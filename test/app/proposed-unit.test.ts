import { describe, expect, it } from "vitest";
import { lackingUnits, proposedNameFromViolation, unitFromViolation } from "../../src/app/proposed-unit";

describe("the unit a site placed for a selected violation is counted in", () => {
  const township = { rule: "THC-PER-TOWNSHIP", county: "410422", unitCode: "410422206" };
  const village = { rule: "VC-PER-VILLAGE", county: "410422", unitCode: "410422206201" };
  const street = { rule: "CHC-PER-STREET", county: "410402", unitCode: "410402001" };

  it("gives a health centre the township, a clinic the village (and its township), a CHC the street", () => {
    expect(unitFromViolation("thc", township, "410422")).toEqual({ township: "410422206" });
    expect(unitFromViolation("central-thc", township, "410422")).toEqual({ township: "410422206" });
    expect(unitFromViolation("village-clinic", village, "410422")).toEqual({
      township: "410422206",
      village: "410422206201",
    });
    expect(unitFromViolation("chc", street, "410402")).toEqual({ township: "410402001" });
  });

  it("names the site for the unit it is placed for (the re-trial, s50b L6: 「规划村卫生室 P1」 for 马坡村)", () => {
    const vc = { ...village, unitName: "马坡村民委员会" };
    expect(proposedNameFromViolation("village-clinic", vc, "410422", "P1", "村卫生室")).toBe("马坡村卫生室（规划 P1）");
    const thc = { ...township, unitName: "张店镇" };
    expect(proposedNameFromViolation("thc", thc, "410422", "P2", "乡镇卫生院")).toBe("张店镇卫生院（规划 P2）");
    expect(proposedNameFromViolation("central-thc", thc, "410422", "P7", "中心乡镇卫生院")).toBe(
      "张店镇中心卫生院（规划 P7）",
    );
    const chc = { ...street, unitName: "矿工路街道" };
    expect(proposedNameFromViolation("chc", chc, "410402", "P3", "社区卫生服务中心")).toBe(
      "矿工路街道社区卫生服务中心（规划 P3）",
    );
    // not counted for the unit (another type, another county, no violation): no name of it
    expect(proposedNameFromViolation("ems-station", thc, "410422", "P4", "急救站")).toBeUndefined();
    expect(proposedNameFromViolation("village-clinic", vc, "410423", "P5", "村卫生室")).toBeUndefined();
    expect(proposedNameFromViolation("village-clinic", undefined, "410422", "P6", "村卫生室")).toBeUndefined();
  });

  it("gives nothing where the rule does not count the type, the site lies elsewhere or no unit is selected", () => {
    expect(unitFromViolation("ems-station", township, "410422")).toEqual({});
    expect(unitFromViolation("village-clinic", township, "410422")).toEqual({});
    expect(unitFromViolation("thc", village, "410422")).toEqual({});
    expect(unitFromViolation("thc", township, "410423")).toEqual({});
    expect(unitFromViolation("thc", township, null)).toEqual({});
    expect(unitFromViolation("thc", { rule: "EMS-RURAL", county: "410422" }, "410422")).toEqual({});
    expect(unitFromViolation("thc", undefined, "410422")).toEqual({});
  });

  it("marks the units a site of its type would fill: a clinic's townships by their villages lacking one (the re-trial)", () => {
    const violations = [
      { rule: "THC-PER-TOWNSHIP", unitCode: "411330100" },
      { rule: "VC-PER-VILLAGE", unitCode: "411330105201" },
      { rule: "CHC-PER-STREET", unitCode: "411330001" },
      { rule: "EMS-RURAL" },
    ];
    const clinic = lackingUnits(violations, "village-clinic");
    expect([clinic.township("411330100"), clinic.township("411330105"), clinic.village("411330105201")]).toEqual([
      false,
      true,
      true,
    ]);
    const thc = lackingUnits(violations, "thc");
    expect([thc.township("411330100"), thc.township("411330105"), thc.village("411330105201")]).toEqual([
      true,
      false,
      false,
    ]);
    expect(lackingUnits(violations, "chc").township("411330001")).toBe(true);
    expect(lackingUnits(violations, "ems-station").township("411330100")).toBe(false);
  });

  it("a township with two centres (待核) is not marked as lacking one (the planner trial, s42-b #8)", () => {
    const thc = lackingUnits(
      [
        { rule: "THC-PER-TOWNSHIP", unitCode: "411326100", unitHas: 0, unitNeeds: 1 },
        { rule: "THC-PER-TOWNSHIP", unitCode: "411326101", unitHas: 2, unitNeeds: 1 },
      ],
      "sub-centre",
    );
    expect([thc.township("411326100"), thc.township("411326101")]).toEqual([true, false]);
  });
});
