import { describe, expect, it } from "vitest";
import { pct } from "../../../src/core/siting/feasibility";

describe("a share in the siting messages", () => {
  it("has one decimal, and is never rounded onto 0 % or 100 % when it is neither (新野县: 「新增覆盖 0%」 for 0.035 %)", () => {
    expect(pct(0.1234)).toBe("12.3%");
    expect(pct(0)).toBe("0%");
    expect(pct(1)).toBe("100%");
    expect(pct(0.00035)).toBe("<0.1%");
    expect(pct(0.0005)).toBe("0.1%");
    expect(pct(0.99951)).toBe(">99.9%");
    expect(pct(0.999)).toBe("99.9%");
  });
});
