import { describe, expect, it } from "vitest";
import { unitFromViolation } from "../../src/app/proposed-unit";

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

  it("gives nothing where the rule does not count the type, the site lies elsewhere or no unit is selected", () => {
    expect(unitFromViolation("ems-station", township, "410422")).toEqual({});
    expect(unitFromViolation("village-clinic", township, "410422")).toEqual({});
    expect(unitFromViolation("thc", village, "410422")).toEqual({});
    expect(unitFromViolation("thc", township, "410423")).toEqual({});
    expect(unitFromViolation("thc", township, null)).toEqual({});
    expect(unitFromViolation("thc", { rule: "EMS-RURAL", county: "410422" }, "410422")).toEqual({});
    expect(unitFromViolation("thc", undefined, "410422")).toEqual({});
  });
});
