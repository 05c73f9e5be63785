import { describe, expect, it } from "vitest";
import { analyze, countiesNotInList, type Facility } from "../../../src/core";
import { nanyangInputs } from "../report/nanyang";

/**
 * A facility list covering one county (镇平县 411324) of 南阳's 13, imported (the reviewer trial, s43): every county is
 * still judged, but the report names the counties the list has no facility in, and the city-wide shares judged on the
 * one county's facilities cannot pass.
 */
const ZHENPING = "411324";

function oneCounty(): { facilities: Facility[] } & ReturnType<typeof nanyangInputs> {
  const inputs = nanyangInputs();
  return { ...inputs, facilities: inputs.facilities.filter((f) => f.county === ZHENPING) };
}

describe("countiesNotInList", () => {
  it("an imported list of one county: that county covered, the other twelve named", () => {
    const { facilities, counties } = oneCounty();
    expect(facilities.length).toBeGreaterThan(0);
    const scope = countiesNotInList(facilities, counties.features, { imported: true });
    expect(scope?.covered).toEqual([ZHENPING]);
    expect(scope?.missing).toHaveLength(12);
    expect(scope?.missing).not.toContain(ZHENPING);
  });

  it("nothing for the sample data, a list reaching every county, or proposed sites alone", () => {
    const { facilities, counties } = oneCounty();
    expect(countiesNotInList(facilities, counties.features, { imported: false })).toBeUndefined();
    expect(countiesNotInList(nanyangInputs().facilities, counties.features, { imported: true })).toBeUndefined();
    // a proposed site is the planner's, not the list's: it does not cover its county
    const [w] = counties.features.filter((c) => c.properties.code === "411323");
    const site: Facility = {
      id: "p1",
      name: "拟建",
      type: "ems-station",
      lon: w.properties.seat[0],
      lat: w.properties.seat[1],
      proposed: true,
    };
    expect(countiesNotInList([...facilities, site], counties.features, { imported: true })?.missing).toContain(
      "411323",
    );
  });
});

describe("an imported one-county list in the analysis", () => {
  const { facilities, ...rest } = oneCounty();
  const report = analyze({ ...rest, facilities, facilitiesLoaded: true, listImported: true });

  it("the report names the counties without a facility, and still judges them", () => {
    expect(report.listScope?.covered).toEqual([ZHENPING]);
    expect(report.listScope?.missing).toHaveLength(12);
    const xixia = report.counties.find((c) => c.code === "411323");
    expect(xixia?.checks.some((k) => k.status === "fail")).toBe(true);
  });

  it("a city-wide share on one county's facilities is not a pass: needs data, saying it rests on the one county", () => {
    const share = report.city?.checks.find((k) => k.rule === "VC-PUBLIC-SHARE");
    expect(share).toBeDefined();
    expect(share?.status).toBe("needs-data");
    expect(share?.message.zh).toContain("全市数值只据清单所含 1 个县区（镇平县）的设施计，其余 12 个县区");
    expect(share?.message.en).toContain("the list's 1 county only (镇平县); the other 12 (");
    // no city-wide check passes on a share of the list's one county
    for (const k of report.city?.checks ?? []) if (k.total !== undefined) expect(k.status).not.toBe("pass");
  });

  it("the same list as sample data (not imported) is judged as before", () => {
    const plain = analyze({ ...rest, facilities, facilitiesLoaded: true });
    expect(plain.listScope).toBeUndefined();
    expect(plain.city?.checks.find((k) => k.rule === "VC-PUBLIC-SHARE")?.status).toBe("pass");
  });
});
