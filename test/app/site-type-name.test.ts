import { describe, expect, it } from "vitest";
import { withTypeName } from "../../src/app/state/use-editing";
import type { Facility } from "../../src/core";

/**
 * A proposed site's name follows a change of its type where the tool gave the name (the reviewer trial, s55b M4: a
 * site made a 县域医疗卫生次中心 was still 「规划急救站 P2」 on screen, in the project file and in the report).
 */
const site = (name: string, type: Facility["type"] = "ems-station"): Facility => ({
  id: "P2",
  name,
  type,
  lon: 115.2,
  lat: 28.7,
  proposed: true,
});

describe("a proposed site's type changed", () => {
  it("renames the names the tool gave: placed, suggested, upgraded", () => {
    expect(withTypeName(site("规划急救站 P2"), { type: "sub-centre" })).toEqual({
      type: "sub-centre",
      name: "规划县域医疗卫生次中心 P2",
    });
    expect(withTypeName(site("建议急救站 P2"), { type: "thc" }).name).toBe("建议乡镇卫生院 P2");
    expect(withTypeName(site("尧山镇候选（建议急救站 P2）"), { type: "thc" }).name).toBe(
      "尧山镇候选（建议乡镇卫生院 P2）",
    );
    expect(
      withTypeName(site("太平镇中心卫生院（升级为县域医疗卫生次中心）", "sub-centre"), {
        type: "county-medical-centre",
      }).name,
    ).toBe("太平镇中心卫生院（升级为县域医疗中心）");
  });

  it("keeps a name the planner wrote, a name given in the same edit, and an edit that is not of the type", () => {
    expect(withTypeName(site("奉新县城北急救站"), { type: "sub-centre" })).toEqual({ type: "sub-centre" });
    expect(withTypeName(site("规划急救站 P2"), { type: "sub-centre", name: "罗市次中心" }).name).toBe("罗市次中心");
    expect(withTypeName(site("规划急救站 P2"), { lon: 115.3 })).toEqual({ lon: 115.3 });
    // another site's id in the name: not this one's given name
    expect(withTypeName(site("规划急救站 P1"), { type: "sub-centre" })).toEqual({ type: "sub-centre" });
  });
});
