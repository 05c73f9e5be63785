import { describe, expect, it } from "vitest";
import type { Facility } from "../../../src/core/model";
import { siteEffects } from "../../../src/core/report/site-effects";
import { analyze } from "../../../src/core/rules";
import { nanyang, nanyangInputs } from "./nanyang";

/**
 * Each proposed site's own effect (the trial, s51: the sites went out with no word of what each is for): the analysis
 * with every site against the analysis without that one, whose reference here is a whole fresh analysis without it.
 */
describe("each proposed site's own effect (Nanyang sample)", () => {
  const base = nanyang();
  const inputs = nanyangInputs();
  // a station inside 西峡县's largest rural gap, and a 卫生院 for a township that lacks one
  const gap = base.report.violations.find((v) => v.rule === "EMS-RURAL" && v.county === "411323");
  const lacking = base.report.violations.find((v) => v.rule === "THC-PER-TOWNSHIP" && v.severity === "error");
  if (!gap?.lon || !gap.lat || !lacking?.unitCode) throw new Error("sample changed");
  const seat = inputs.facilities.find((f) => f.county === lacking.county && f.type === "county-medical-centre");
  if (!seat) throw new Error("no county medical centre");
  const station: Facility = {
    id: "P1",
    name: "规划急救站 P1",
    type: "ems-station",
    lon: gap.lon,
    lat: gap.lat,
    proposed: true,
  };
  const centre: Facility = {
    id: "P2",
    name: "规划乡镇卫生院 P2",
    type: "thc",
    lon: seat.lon + 0.02,
    lat: seat.lat + 0.02,
    county: lacking.county,
    township: lacking.unitCode,
    proposed: true,
  };
  // and a second station on top of the first: taking either away alone changes nothing
  const twin: Facility = { ...station, id: "P3", name: "规划急救站 P3" };
  const plan = { ...inputs, facilities: [...inputs.facilities, station, centre, twin] };
  const effects = siteEffects(plan);
  const without = (id: string) => analyze({ ...plan, facilities: plan.facilities.filter((f) => f.id !== id) });
  const withAll = analyze(plan);
  const share = (r: typeof withAll, code: string, rule: string) =>
    r.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === rule);

  it("gives one effect per proposed site, in list order", () => {
    expect(effects.map((e) => e.id)).toEqual(["P1", "P2", "P3"]);
  });

  it("a station's doubled by another: taking it alone away changes nothing, and it names the other and what it does without it", () => {
    const [p1, , p3] = effects;
    for (const [e, other] of [
      [p1, twin],
      [p3, station],
    ] as const) {
      expect(e.coverage).toEqual([]);
      expect(e.resolves).toEqual([]);
      expect(e.ifNotBuilt?.id).toBe(other.id);
      // what it does without the other: a fresh analysis without the other against one without both
      const ref = analyze({ ...plan, facilities: plan.facilities.filter((f) => f.id !== other.id) });
      const refBoth = analyze({ ...plan, facilities: plan.facilities.filter((f) => f.id !== "P1" && f.id !== "P3") });
      const row = e.ifNotBuilt?.effect.coverage.find((c) => c.county === "411323" && c.rule === "EMS-RURAL");
      expect(row?.with).toBe(share(ref, "411323", "EMS-RURAL")?.coveredShare);
      expect(row?.without).toBe(share(refBoth, "411323", "EMS-RURAL")?.coveredShare);
      expect(row!.km2).toBeGreaterThan(0);
      expect(e.summary.zh).toMatch(
        new RegExp(
          `^单独去掉本站点，各项核查结果不变：其作用与「${other.name}」重叠；若「${other.name}」不建，本站点使西峡县农村急救覆盖 \\d+(\\.\\d)?% → \\d+(\\.\\d)?%（\\+\\d+\\.\\d km²(，仍不达标|，不达标 → 达标)?）`,
        ),
      );
      expect(e.summary.en).toContain(`if 「${other.name}」 is not built, this site raises `);
    }
  });

  it("two stations on an existing one: neither matters alone or with the other, and each names the other as nearest (the re-trial, s52b M3)", () => {
    const existing = inputs.facilities.find((f) => f.type === "ems-station" && !f.proposed && f.county === "411323");
    if (!existing) throw new Error("no station in 西峡县");
    const a: Facility = { ...station, id: "P7", name: "规划急救站 P7", lon: existing.lon, lat: existing.lat };
    const b: Facility = { ...a, id: "P8", name: "规划急救站 P8" };
    const [e7, e8] = siteEffects({ ...inputs, facilities: [...inputs.facilities, a, b] });
    expect(e7.ifNotBuilt).toBeUndefined();
    expect(e7.summary.zh).toBe(
      "单独去掉本站点，各项核查结果不变（其作用与其他站点或现有设施重叠）；最近的同类规划站点「规划急救站 P8」相距 0.0 km",
    );
    expect(e8.summary.zh).toContain("最近的同类规划站点「规划急救站 P7」相距 0.0 km");
  });

  it("an EMS station under a rule set that checks no EMS cover: its place affects no check, said as the reason (the re-trial, s52b M1)", () => {
    const ruleSet = {
      ...inputs.ruleSet,
      rules: inputs.ruleSet.rules.filter((r) => r.kind !== "radius-coverage" && r.kind !== "travel-time"),
    };
    const [e] = siteEffects({ ...inputs, ruleSet, facilities: [...inputs.facilities, station] });
    expect(e.coverage).toEqual([]);
    expect(e.summary.zh).toMatch(
      /^单独去掉本站点，各项核查结果不变：本规则集（[\d、]+）未设急救服务半径或急救行车时间，急救站点的位置不影响任何核查$/,
    );
    expect(e.summary.zh).not.toContain("重叠");
    expect(e.summary.en).toMatch(
      /^taking this site alone away changes no finding: this rule set \([\d, ]+\) sets no EMS/,
    );
  });

  it("a site whose removal changes nothing, with no other proposed site making a difference to it, says only that", () => {
    // a station on an existing one (the farthest from 西峡县's gap), and another in that gap: the second's own effect
    // is no reason to name it beside the first
    const existing = inputs.facilities
      .filter((f) => f.type === "ems-station" && !f.proposed)
      .sort(
        (a, b) => Math.hypot(b.lon - gap.lon!, b.lat - gap.lat!) - Math.hypot(a.lon - gap.lon!, a.lat - gap.lat!),
      )[0];
    const covered: Facility = { ...station, id: "P5", name: "规划急救站 P5", lon: existing.lon, lat: existing.lat };
    const [e5, e1] = siteEffects({ ...inputs, facilities: [...inputs.facilities, covered, station] });
    expect(e1.coverage.length).toBeGreaterThan(0);
    expect(e5.coverage).toEqual([]);
    expect(e5.ifNotBuilt).toBeUndefined();
    expect(e5.summary.zh).toBe("单独去掉本站点，各项核查结果不变（其作用与其他站点或现有设施重叠）");
  });

  it("a designated sub-centre whose removal changes no verdict names the counts it changes (the planner trial, s53d M4)", () => {
    const cthc = inputs.facilities.find((f) => f.id === "nanyang-thc-411323105");
    if (!cthc) throw new Error("sample changed");
    const up: Facility = {
      ...cthc,
      id: "U1",
      name: `${cthc.name}（升级为县域医疗卫生次中心）`,
      type: "sub-centre",
      proposed: true,
      replaces: cthc.id,
    };
    const [e] = siteEffects(
      { ...inputs, facilities: [...inputs.facilities.filter((f) => f.id !== cthc.id), up] },
      { listed: inputs.facilities },
    );
    expect(e.coverage).toEqual([]);
    expect(e.summary.zh).toBe(
      "单独去掉本站点，各项核查结论不变，但计数改变：SUB-15KM（西峡县） 2 → 1；SUB-COUNT（西峡县） 2 → 1",
    );
    expect(e.summary.en).toBe(
      "taking this site alone away changes no verdict, but changes counts: SUB-15KM (西峡县) 2 → 1; SUB-COUNT (西峡县) 2 → 1",
    );
  });

  it("a single station raises its county's rural cover by what a fresh analysis without it loses", () => {
    const alone = siteEffects({ ...inputs, facilities: [...inputs.facilities, station, centre] });
    const e = alone[0];
    const ref = analyze({ ...inputs, facilities: [...inputs.facilities, centre] });
    const refWith = analyze({ ...inputs, facilities: [...inputs.facilities, station, centre] });
    const row = e.coverage.find((c) => c.county === "411323" && c.rule === "EMS-RURAL");
    expect(row).toBeDefined();
    expect(row?.without).toBe(share(ref, "411323", "EMS-RURAL")?.coveredShare);
    expect(row?.with).toBe(share(refWith, "411323", "EMS-RURAL")?.coveredShare);
    expect(row?.km2).toBeCloseTo(
      (share(ref, "411323", "EMS-RURAL")?.uncoveredAreaKm2 ?? 0) -
        (share(refWith, "411323", "EMS-RURAL")?.uncoveredAreaKm2 ?? 0),
      9,
    );
    expect(row?.km2).toBeGreaterThan(0);
    // with whether the county then passes, as the fresh analyses say (the re-trial, s52b M3)
    const verdict =
      share(ref, "411323", "EMS-RURAL")?.status === "fail"
        ? share(refWith, "411323", "EMS-RURAL")?.status === "pass"
          ? "，不达标 → 达标"
          : "，仍不达标"
        : "";
    expect(e.summary.zh).toMatch(
      new RegExp(`^使西峡县农村急救覆盖 \\d+(\\.\\d)?% → \\d+(\\.\\d)?%（\\+\\d+\\.\\d km²${verdict}）`),
    );
  });

  it("a 卫生院 resolves its township's missing centre, as the analysis without it has it", () => {
    const e = effects[1];
    expect(e.resolves.map((r) => [r.rule, r.county])).toContainEqual(["THC-PER-TOWNSHIP", lacking.county]);
    // the reference: the finding is in the fresh analysis without P2, and not with it
    const has = (r: typeof withAll) =>
      r.violations.some((v) => v.rule === "THC-PER-TOWNSHIP" && v.unitCode === lacking.unitCode);
    expect(has(without("P2"))).toBe(true);
    expect(has(withAll)).toBe(false);
    expect(e.summary.zh).toContain("解决 ");
    expect(e.summary.zh).toContain("（THC-PER-TOWNSHIP）");
    expect(e.summary.en).toContain("resolves ");
  });

  it("leaves the input alone", () => {
    expect(plan.facilities.slice(-3)).toEqual([station, centre, twin]);
  });
});
