import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  type CompactDivisions,
  type CountyTopology,
  countiesFromTopology,
  divisionsFromCompact,
} from "../../../src/core/cities";
import type { Facility } from "../../../src/core/model";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview } from "../../../src/core/report/review";
import { analyze, countyTints, createAnalysisSession, RuleSetSchema } from "../../../src/core/rules";
import { ROOT } from "./nanyang";

const json = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as T;

/** 郑州 as the app and the CLI load it: its shipped boundaries and divisions, the national rule set (no local plan). */
const national = RuleSetSchema.parse(json("seeds/ruleset-national.json"));
const counties = countiesFromTopology(json<CountyTopology>("geodata/china/zhengzhou.topo.json"));
const divisions = divisionsFromCompact(json<CompactDivisions>("geodata/china/zhengzhou.div.json"));
const facilityRules = national.rules.map((r) => r.id);

/** A village clinic at a county's seat (an existing facility, not a proposed site). */
function clinicAt(code: string, id = `vc-${code}`, proposed = false): Facility {
  const c = counties.features.find((f) => f.properties.code === code);
  if (!c) throw new Error(code);
  const [lon, lat] = c.properties.seat;
  return { id, name: "村卫生室", type: "village-clinic", lon, lat, county: code, ...(proposed ? { proposed } : {}) };
}

describe("a city with no facility data: facility checks need data, they do not fail", () => {
  it("reads 缺数据 with what to import for every facility rule of every county, no violation, no gap, no red tint", () => {
    const report = analyze({ counties, facilities: [], ruleSet: national, divisions });
    expect(report.counties.length).toBeGreaterThan(10);
    for (const c of report.counties)
      for (const k of c.checks) {
        expect(facilityRules).toContain(k.rule);
        // a district a plan's wording excludes stays not-applicable; every other check needs data
        expect(["needs-data", "not-applicable"], `${c.name} ${k.rule}`).toContain(k.status);
        if (k.status === "needs-data" && k.rule.startsWith("EMS-")) {
          expect(k.message.zh).toMatch(/^未导入设施数据/);
          expect(k.message.zh).toContain("导入设施清单");
          expect(k.message.en).toMatch(/^No facility data imported/);
        }
      }
    // the radius rules have a verdict on data, so each county's EMS-RURAL reads 缺数据, not ✘ 0.0 %
    const rural = report.counties.map((c) => c.checks.find((k) => k.rule === "EMS-RURAL")?.status);
    expect(new Set(rural)).toEqual(new Set(["needs-data"]));
    expect(report.violations).toEqual([]);
    expect(report.gaps).toEqual([]);
    expect(new Set(countyTints(report, national).values())).toEqual(new Set(["none"]));
  });

  it("the township view says the centres and clinics are unknown, not absent (the reviewer trial: 「无卫生室 44」)", () => {
    const none = analyze({ counties, facilities: [], ruleSet: national, divisions });
    expect(none.townships.length).toBeGreaterThan(50);
    expect(none.townships.every((t) => t.noFacilityData === true)).toBe(true);
    const loaded = analyze({
      counties,
      facilities: [clinicAt(counties.features[0].properties.code)],
      ruleSet: national,
      divisions,
    });
    expect(loaded.townships.some((t) => t.noFacilityData)).toBe(false);
  });

  it("judges as before once any facility is loaded: a county without an EMS point fails, with its gap", () => {
    const report = analyze({
      counties,
      facilities: [clinicAt(counties.features[0].properties.code)],
      ruleSet: national,
      divisions,
    });
    const rural = report.counties.map((c) => c.checks.find((k) => k.rule === "EMS-RURAL"));
    // no county has an EMS centre or station: nothing covered, the whole rural area a gap
    for (const k of rural) {
      expect(k?.status).toBe("fail");
      expect(k?.coveredShare).toBe(0);
    }
    expect(report.gaps.length).toBeGreaterThan(0);
    expect(report.violations.length).toBeGreaterThan(0);
  });

  it("a session re-scores every county when the first facility comes in or the last goes", () => {
    const session = createAnalysisSession({ counties, facilities: [], ruleSet: national, divisions });
    const status = () => session.report().counties.map((c) => c.checks.find((k) => k.rule === "EMS-RURAL")?.status);
    const n = counties.features.length;
    expect(status()).toEqual(Array(n).fill("needs-data"));
    const code = counties.features[0].properties.code;
    session.addFacility(clinicAt(code));
    expect(status()).toEqual(Array(n).fill("fail"));
    expect(session.lastRescored()).toHaveLength(n);
    session.removeFacility(`vc-${code}`);
    expect(status()).toEqual(Array(n).fill("needs-data"));
  });

  it("a planner's proposed sites are facility data: the app measures them as the CLI does with the same list", () => {
    // the planner trial: in 洛阳/郑州 with no list, sites added on the map stayed 「? 缺数据」 while `analyze` on the
    // same sites judged them
    const code = counties.features[0].properties.code;
    const c = counties.features[0].properties;
    const station: Facility = {
      id: "p-ems",
      name: "拟建急救站",
      type: "ems-station",
      lon: c.seat[0],
      lat: c.seat[1],
      county: code,
      proposed: true,
    };
    const session = createAnalysisSession({ counties, facilities: [], ruleSet: national, divisions });
    session.addFacility(station);
    const inApp = session.report();
    const cli = analyze({ counties, facilities: [station], facilitiesLoaded: true, ruleSet: national, divisions });
    const rural = (r: typeof cli) => r.counties.map((k) => k.checks.find((x) => x.rule === "EMS-RURAL"));
    expect(rural(inApp).map((k) => [k?.status, k?.coveredShare])).toEqual(
      rural(cli).map((k) => [k?.status, k?.coveredShare]),
    );
    // the county with the site has part of its rural area covered; counties the site does not serve have none
    expect(rural(inApp)[0]?.coveredShare).toBeGreaterThan(0);
    expect(rural(inApp).filter((k) => k?.status === "fail" && k.coveredShare === 0).length).toBeGreaterThan(5);
    // only rules counting an EMS station are judged: the others still need data (the user trial: one proposed station
    // turned THC-PER-TOWNSHIP, VC-PER-VILLAGE and COUNTY-3-HOSPITALS 不达标 everywhere, 2,213 violations)
    for (const c of inApp.counties)
      for (const k of c.checks)
        if (["THC-PER-TOWNSHIP", "VC-PER-VILLAGE", "COUNTY-3-HOSPITALS", "CHC-PER-STREET"].includes(k.rule))
          expect(["needs-data", "not-applicable"], `${c.name} ${k.rule}`).toContain(k.status);
    expect(inApp.violations.every((v) => v.rule.startsWith("EMS-"))).toBe(true);
    expect(inApp.townships.every((t) => t.noFacilityData)).toBe(true);
    // a proposed village clinic brings VC-PER-VILLAGE in, and the township rows
    session.addFacility({ ...clinicAt(code, "p-vc", true) });
    const withClinic = session.report();
    expect(withClinic.counties[0].checks.find((k) => k.rule === "VC-PER-VILLAGE")?.status).toBe("fail");
    expect(withClinic.townships.some((t) => t.noFacilityData)).toBe(false);
    session.removeFacility("p-vc");
    session.removeFacility("p-ems");
    expect(new Set(rural(session.report()).map((k) => k?.status))).toEqual(new Set(["needs-data"]));
  });

  it("a loaded facility list with none in these counties (the CLI's --facilities) judges them: a missing kind fails", () => {
    const report = analyze({ counties, facilities: [], facilitiesLoaded: true, ruleSet: national, divisions });
    expect(new Set(report.counties.map((c) => c.checks.find((k) => k.rule === "EMS-RURAL")?.status))).toEqual(
      new Set(["fail"]),
    );
  });
});

describe("a review report for a city without a local plan (郑州, national rules)", async () => {
  const report = analyze({ counties, facilities: [], ruleSet: national, divisions });
  const doc = buildReview({
    report,
    ruleSet: national,
    counties: counties.features,
    facilities: [],
    divisions,
    cityName: "郑州市",
    sources: [],
    invented: false,
  });
  const xml = (await (await JSZip.loadAsync(await reviewDocx(doc))).file("word/document.xml")?.async("string")) ?? "";
  const paras = [...xml.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) =>
    [...p[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""),
  );
  const html = reviewHtml(doc);

  it("says no local plan is loaded and names each document as where rules are stated, not as binding the city", () => {
    // no bare list of the five plans as the city's 依据文件
    expect(paras.some((p) => p.startsWith("依据文件："))).toBe(false);
    expect(html).not.toContain("依据文件：");
    const said = paras.find((p) => p.startsWith("郑州市未加载本地规划。"));
    expect(said).toBeDefined();
    expect(html).toContain(`<p>${said}</p>`);
    expect(said).toContain("不表示这些规划适用于郑州市");
    // each document with the rules quoting it, as the rule set's provenance says (the reference)
    for (const d of national.documents) {
      const rules = national.rules.filter((r) => r.provenance.some((p) => p.doc === d.file)).map((r) => r.id);
      if (rules.length)
        expect(said).toContain(`${d.file}《${d.title}》${d.number ? `（${d.number}）` : ""}用于 ${rules.join("、")}`);
      else expect(said).not.toContain(`${d.file}《`);
    }
  });

  it("keeps 依据文件 for a city whose plan the rule set holds (南阳)", async () => {
    const { nanyang } = await import("./nanyang");
    const c = nanyang();
    const own = buildReview({
      report: c.report,
      ruleSet: c.ruleSet,
      counties: c.counties.features,
      facilities: c.facilities,
      cityName: "南阳市",
      sources: [],
      invented: true,
    });
    expect(own.ruleSet.noLocalPlan).toBeUndefined();
    expect(reviewHtml(own)).toContain("依据文件：000《");
  });

  it("reads every facility check of the summary as 缺数据 (?), none as 不达标", () => {
    const cells = doc.summary.rows.flatMap((r) => r.cells);
    expect(cells).not.toContain("fail");
    expect(cells.filter((s) => s === "needs-data").length).toBeGreaterThan(doc.summary.rows.length);
    expect(doc.counties.every((c) => c.violations.length === 0)).toBe(true);
  });
});
