import { describe, expect, it } from "vitest";
import { afterCountyName, gapKm2, localError, sharePct } from "../../src/app/format";

describe("figures and errors as the interface shows them", () => {
  it("a failing share never reads 100.0 %, a complete one always does", () => {
    expect(sharePct(0.99995, 0.19)).toBe("99.9%");
    expect(sharePct(0.99995)).toBe("99.9%");
    expect(sharePct(1, 0)).toBe("100.0%");
    expect(sharePct(0.9274, 250)).toBe("92.7%");
    expect(sharePct(undefined)).toBe("–");
  });

  it("an uncovered area never reads 0.0 km²", () => {
    expect(gapKm2(0.04)).toBe("0.1");
    expect(gapKm2(0)).toBe("0.0");
    expect(gapKm2(12.34)).toBe("12.3");
  });

  it("shows the half of a 'zh / en' core message in the interface's language, other errors as they are", () => {
    const e = new Error("县 411323 已有 2 所，最多新增 0 所 / county 411323 has 2, may add 0");
    expect(localError(e, "zh")).toBe("县 411323 已有 2 所，最多新增 0 所");
    expect(localError(e, "en")).toBe("county 411323 has 2, may add 0");
    expect(localError(new Error("HTTP 404 / not found"), "zh")).toBe("HTTP 404 / not found");
  });
});

describe("afterCountyName", () => {
  const names = ["卧龙区", "Wolong District"];
  it("drops the county's name where a message starts with it and a separator", () => {
    expect(afterCountyName("卧龙区 城区 5 公里急救服务半径外尚有 65.9 km²", names)).toBe(
      "城区 5 公里急救服务半径外尚有 65.9 km²",
    );
    expect(afterCountyName("卧龙区: 65.9 km² of the urban area", names)).toBe("65.9 km² of the urban area");
    expect(afterCountyName("Wolong District: 65.9 km² of the urban area", names)).toBe("65.9 km² of the urban area");
  });
  it("keeps a facility's name that begins with its county's name, and any other message", () => {
    expect(afterCountyName("卧龙区人民医院: Grade II A, below Grade III", names)).toBe(
      "卧龙区人民医院: Grade II A, below Grade III",
    );
    expect(afterCountyName("缺公立中医医院", names)).toBe("缺公立中医医院");
    expect(afterCountyName("卧龙区", names)).toBe("卧龙区");
    expect(afterCountyName("卧龙区: x", [undefined])).toBe("卧龙区: x");
  });
});
