import { readFileSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon } from "@turf/turf";
import geographiclib from "geographiclib-geodesic";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CountyProps, Facility } from "../../../src/core/model";
import { placeViolations } from "../../../src/core/report/violations";
import { analyze, type Violation } from "../../../src/core/rules";
import { RuleSetSchema } from "../../../src/core/rules/schema";
import { violationKeys } from "../../../src/core/rules/status";
import { nanyang, nanyangInputs, nanyangPlaced } from "./nanyang";

const geod = geographiclib.Geodesic.WGS84;

describe("placed violations on the Nanyang scenario", () => {
  const c = nanyang();
  const placed = nanyangPlaced();
  const byId = new Map(c.facilities.map((f) => [f.id, f]));
  const countyOf = new Map(c.counties.features.map((f) => [f.properties.code, f]));

  it("keeps every violation, in order, and gives each one a point but the city row's, which has no single place", () => {
    expect(placed).toHaveLength(c.report.violations.length);
    // 003:143 asks for a village clinic in every village, public or not (public ownership is VC-PUBLIC-SHARE), so
    // since issue 9 a village with only a private clinic is no longer a violation: about 100 remain, not 300+
    expect(placed.length).toBeGreaterThan(90);
    placed.forEach((p, i) => {
      expect(p.properties.rule).toBe(c.report.violations[i].rule);
      if (p.properties.geometryKind === "city") expect(p.geometry).toBeNull();
      else expect(p.geometry?.type).toBe("Point");
    });
    // the reviewer trial: 003:143's 公有产权村卫生室 share failing in the city row is listed, citation and all
    const city = placed.filter((p) => p.properties.geometryKind === "city");
    expect(c.report.city?.checks.filter((k) => k.status === "fail").map((k) => k.rule)).toEqual(
      city.map((p) => p.properties.rule),
    );
    expect(city.map((p) => p.properties.rule)).toContain("VC-PUBLIC-SHARE");
    for (const p of city) {
      expect(p.properties).toMatchObject({ county: "411300", countyName: "全市", severity: "error" });
      expect(p.properties.messageZh).toMatch(/^全市：/);
    }
    expect(city.find((p) => p.properties.rule === "VC-PUBLIC-SHARE")?.properties.citation).toContain("003:143");
  });

  it("a township's or village's row carries its own figures, beside its check's (the reviewer trial, s41-a #5)", () => {
    const units = placed.filter((p) => p.properties.unitCode !== undefined);
    expect(units.length).toBeGreaterThan(0);
    for (const p of units) {
      expect(p.properties.unitNeeds, p.properties.violationId).toBe(1);
      expect(p.properties.unitHas, p.properties.violationId).toBeTypeOf("number");
      // a unit lacking its facility has none of those the rule counts
      if (/：无/.test(p.properties.messageZh)) expect(p.properties.unitHas).toBe(0);
    }
  });

  it("puts each point where its geometryKind says", () => {
    const kinds = new Map<string, number>();
    for (const p of placed) {
      const pr = p.properties;
      kinds.set(pr.geometryKind, (kinds.get(pr.geometryKind) ?? 0) + 1);
      const [lon, lat] = p.geometry?.coordinates ?? [];
      const county = countyOf.get(pr.county) as Feature<Polygon | MultiPolygon, CountyProps>;
      switch (pr.geometryKind) {
        case "facility": {
          const f = byId.get(pr.facilityId as string) as Facility;
          expect([lon, lat]).toEqual([f.lon, f.lat]);
          break;
        }
        case "township-health-centre": {
          const centres = c.facilities.filter(
            (f) => f.township === pr.unitCode?.slice(0, 9) && ["thc", "central-thc", "sub-centre"].includes(f.type),
          );
          expect(centres.some((f) => f.lon === lon && f.lat === lat)).toBe(true);
          break;
        }
        case "unit-facility": {
          const own = c.facilities.filter((f) => f.township === pr.unitCode || f.village === pr.unitCode);
          expect(own.some((f) => f.lon === lon && f.lat === lat && f.name === pr.placeName)).toBe(true);
          break;
        }
        case "township-facility": {
          // a village of a township with no health centre: a facility of that township, named
          const township = pr.unitCode?.slice(0, 9);
          const own = c.facilities.filter((f) => f.township === township);
          expect(own.some((f) => ["thc", "central-thc", "sub-centre"].includes(f.type))).toBe(false);
          expect(own.some((f) => f.lon === lon && f.lat === lat && f.name === pr.placeName)).toBe(true);
          break;
        }
        case "gap-interior": {
          // a failing coverage check: inside its largest gap (and the county)
          const gap = c.report.gaps.find(
            (g) => g.properties.county === pr.county && g.properties.gapId === pr.largestGapId,
          );
          expect(booleanPointInPolygon([lon, lat], gap as Feature<Polygon>)).toBe(true);
          expect(booleanPointInPolygon([lon, lat], county)).toBe(true);
          break;
        }
        case "county-interior":
          expect(pr.unitCode === undefined || pr.unitLevel !== undefined).toBe(true);
          expect(booleanPointInPolygon([lon, lat], county)).toBe(true);
          break;
        case "city":
          expect(p.geometry).toBeNull();
          break;
        default:
          throw new Error(`unexpected kind ${pr.geometryKind}`);
      }
    }
    // villages without a clinic sit at their township's health centre, not piled on the county's middle
    expect((kinds.get("township-health-centre") ?? 0) + (kinds.get("unit-facility") ?? 0)).toBeGreaterThan(85);
    expect(kinds.get("county-interior") ?? 0).toBeLessThan(20);
  });

  it("carries the citation of the plans that bind Nanyang, quoted from the rule set", () => {
    for (const p of placed) {
      const rule = c.ruleSet.rules.find((r) => r.id === p.properties.rule);
      const nanyangProv = rule?.provenance.filter((q) => q.doc === "000" || q.doc === "003") ?? [];
      // 000:337 (private facilities set aside) is cited only where the county has a private one of the rule's types
      const setAside = c.facilities.some(
        (f) => f.county === p.properties.county && f.ownership === "private" && rule?.appliesTo.includes(f.type),
      );
      const expected = (nanyangProv.length ? nanyangProv : (rule?.provenance ?? [])).filter(
        (q) => q.role !== "exemption" || setAside,
      );
      expect(p.properties.provenance).toEqual(expected);
      expect(p.properties.citation).toBe(
        [...new Set(p.properties.provenance.map((q) => `${q.doc}:${q.line}`))].join("；"),
      );
      expect(p.properties.ruleDescZh).toBe(rule?.description.zh);
      expect(p.properties.countyName).toBe(
        p.properties.geometryKind === "city" ? "全市" : countyOf.get(p.properties.county)?.properties.name,
      );
    }
    const vc = placed.find((p) => p.properties.rule === "VC-PER-VILLAGE");
    // 003:143 (one clinic per village) and 003:219 (the shared clinic of adjacent villages, read with it)
    expect(vc?.properties.citation).toBe("003:143；003:219");
    const townships = c.divisions.counties.flatMap((x) => x.townships);
    expect(vc?.properties.townshipName).toBe(
      townships.find((t) => t.code === vc?.properties.unitCode?.slice(0, 9))?.name,
    );
  });

  it("reports the SUB-15KM distance to 0.01 km below the limit, measured independently", () => {
    const sub = placed.filter((p) => p.properties.rule === "SUB-15KM");
    expect(sub.length).toBeGreaterThan(0);
    for (const p of sub) {
      const f = byId.get(p.properties.facilityId as string) as Facility;
      const check = c.report.counties
        .find((k) => k.code === p.properties.county)
        ?.checks.find((k) => k.rule === "SUB-15KM");
      const ref = check?.reference as { lon: number; lat: number };
      const km = (geod.Inverse(f.lat, f.lon, ref.lat, ref.lon).s12 as number) / 1000;
      expect(p.properties.limitKm).toBe(15);
      const nearest = Math.round(km * 100) / 100;
      expect(p.properties.distanceKm).toBe(nearest < 15 ? nearest : Math.floor(km * 100) / 100);
      expect(p.properties.distanceKm as number).toBeLessThan(15);
      // the point it was measured from, and the facility's township, in fields a GIS can draw and filter by (the GIS
      // trial, s45 #6: only the message named them)
      const refFull = check?.reference as { name: string; facilityId?: string; lon: number; lat: number };
      expect(p.properties).toMatchObject({
        measuredFromName: refFull.name,
        measuredFromLon: refFull.lon,
        measuredFromLat: refFull.lat,
      });
      if (refFull.facilityId) expect(p.properties.measuredFromId).toBe(refFull.facilityId);
      expect(p.properties.townshipCode).toBe(f.township);
      expect(p.properties.townshipName?.length).toBeGreaterThan(0);
    }
  });
});

describe("violation ids and the figures of their checks", () => {
  const c = nanyang();
  const placed = nanyangPlaced();
  const check = (county: string, rule: string) =>
    c.report.counties.find((k) => k.code === county)?.checks.find((k) => k.rule === rule);

  it("gives every violation an id, unique in the report, the key the app selects by, the same in another run", () => {
    const ids = placed.map((p) => p.properties.violationId);
    expect(new Set(ids).size).toBe(placed.length);
    expect(ids).toEqual(violationKeys(c.report.violations));
    expect(ids).toContain("EMS-RURAL|411323|coverage");
    expect(ids).toContain("VC-PUBLIC-SHARE|411300|city");
    const again = placeViolations({
      violations: analyze(nanyangInputs()).violations,
      ruleSet: c.ruleSet,
      counties: c.counties.features,
    });
    expect(again.map((p) => p.properties.violationId)).toEqual(ids);
  });

  it("carries the county check's count, expected and measured on the counting rules' rows", () => {
    const village = placed.find((p) => p.properties.rule === "VC-PER-VILLAGE" && p.properties.county === "411302");
    const k = check("411302", "VC-PER-VILLAGE");
    expect(k?.count).toBeGreaterThan(0);
    expect(village?.properties).toMatchObject({ count: k?.count, expected: k?.expected, measured: k?.measured });
    // the villages without one: this village among them
    expect(village?.properties.measured).toBe((k?.expected as number) - (k?.count as number));
    const township = placed.find((p) => p.properties.rule === "THC-PER-TOWNSHIP");
    const kt = check(township?.properties.county ?? "", "THC-PER-TOWNSHIP");
    expect(township?.properties).toMatchObject({ count: kt?.count, expected: kt?.expected, measured: kt?.measured });
    const hospitals = placed.find((p) => p.properties.rule === "COUNTY-3-HOSPITALS");
    expect(hospitals?.properties).toMatchObject({ count: 1, expected: 3 });
    // the city row: 5740 of 6383 public clinics, 0.8993 against 0.9, never rounded onto the target
    const city = placed.find((p) => p.properties.rule === "VC-PUBLIC-SHARE");
    expect(city?.properties).toMatchObject({ count: 5740, total: 6383, expected: 0.9, measured: 0.8993 });
    // the coverage and distance rows keep their own figures and get none of these
    for (const p of placed.filter((x) => x.properties.rule === "EMS-RURAL" || x.properties.rule === "SUB-15KM"))
      expect([p.properties.count, p.properties.measured, p.properties.expected]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
  });

  it("gives a range's ends (SUB-COUNT's band) and rounds a measure to 0.0001 without crossing the expected figure", () => {
    const v: Violation = { rule: "SUB-COUNT", severity: "error", county: "411323", message: { zh: "甲", en: "a" } };
    const share: Violation = {
      rule: "VC-PUBLIC-SHARE",
      severity: "error",
      county: "411300",
      scope: "city",
      message: { zh: "乙", en: "b" },
    };
    const [sub, city] = placeViolations({
      violations: [v, share],
      ruleSet: c.ruleSet,
      counties: c.counties.features,
      report: {
        counties: [
          {
            ...c.report.counties[0],
            code: "411323",
            checks: [
              {
                rule: "SUB-COUNT",
                status: "fail",
                count: 1,
                expected: [2, 4],
                measured: 456789,
                message: { zh: "", en: "" },
              },
            ],
          },
        ],
        city: {
          city: "nanyang",
          counties: [],
          checks: [
            {
              rule: "VC-PUBLIC-SHARE",
              status: "fail",
              count: 1,
              total: 2,
              expected: 0.9,
              measured: 0.899996,
              message: { zh: "", en: "" },
            },
          ],
        },
      },
    });
    expect(sub.properties).toMatchObject({ count: 1, expectedMin: 2, expectedMax: 4, measured: 456789 });
    expect(sub.properties.expected).toBeUndefined();
    expect(city.properties.measured).toBe(0.8999);
  });
});

describe("placing one violation", () => {
  const county: Feature<Polygon, CountyProps> = {
    type: "Feature",
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [112, 33],
          [112.4, 33],
          [112.4, 33.1],
          [112.1, 33.1],
          [112.1, 33.3],
          [112, 33.3],
          [112, 33],
        ],
      ],
    },
    properties: { code: "411323", name: "西峡县", kind: "county", seat: [112.05, 33.05], city: "nanyang" },
  };
  const { ruleSet } = nanyang();
  const base: Violation = { rule: "SUB-15KM", severity: "error", county: "411323", message: { zh: "甲", en: "a" } };

  it("never rounds a failing distance onto the limit", () => {
    const [p] = placeViolations({
      violations: [{ ...base, distanceKm: 14.9961, limitKm: 15, lon: 112.01, lat: 33.01 }],
      ruleSet,
      counties: [county],
    });
    expect(p.properties.distanceKm).toBe(14.99);
    const [q] = placeViolations({
      violations: [{ ...base, distanceKm: 15.0049, limitKm: 15, lon: 112.01, lat: 33.01 }],
      ruleSet,
      counties: [county],
    });
    expect(q.properties.distanceKm).toBe(15);
  });

  it("uses the unit's seat when given, the county's inside otherwise, and keeps an unknown county without geometry", () => {
    const v: Violation = { ...base, rule: "VC-PER-VILLAGE", unitCode: "411323100201", unitName: "某村" };
    const [seat] = placeViolations({
      violations: [v],
      ruleSet,
      counties: [county],
      unitSeats: { "411323100201": [112.2, 33.05] },
    });
    expect(seat.geometry?.coordinates).toEqual([112.2, 33.05]);
    expect(seat.properties.geometryKind).toBe("unit-seat");
    expect(seat.properties.unitLevel).toBe("village");
    const [inside] = placeViolations({ violations: [v], ruleSet, counties: [county] });
    expect(inside.properties.geometryKind).toBe("county-interior");
    // the bounding-box centre (112.2, 33.15) lies outside this L-shaped county
    expect(booleanPointInPolygon(inside.geometry?.coordinates as number[], county)).toBe(true);
    const [none] = placeViolations({ violations: [{ ...v, county: "999999" }], ruleSet, counties: [county] });
    expect(none.geometry).toBeNull();
    expect(none.properties.geometryKind).toBe("none");
    expect(none.properties.provenance.length).toBeGreaterThan(0);
  });
});

describe("the line that sets private facilities aside (004:500, 000:337)", () => {
  const yichun = RuleSetSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, "../../../seeds/ruleset-yichun.json"), "utf8")),
  );
  const county: Feature<Polygon, CountyProps> = {
    type: "Feature",
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [114, 28],
          [114.2, 28],
          [114.2, 28.2],
          [114, 28.2],
          [114, 28],
        ],
      ],
    },
    properties: { code: "360982", name: "樟树市", kind: "city", seat: [114.1, 28.1], city: "yichun" },
  };
  const v: Violation = {
    rule: "THC-PER-TOWNSHIP",
    severity: "error",
    county: "360982",
    unitCode: "360982101",
    unitName: "某镇",
    message: { zh: "某镇：无政府办乡镇卫生院", en: "no centre" },
  };
  const clinic = (ownership: Facility["ownership"]): Facility => ({
    id: "f1",
    name: "某镇卫生院",
    type: "thc",
    lon: 114.1,
    lat: 28.1,
    county: "360982",
    township: "360982101",
    ownership,
  });
  const cite = (facilities: Facility[]) =>
    placeViolations({ violations: [v], ruleSet: yichun, counties: [county], facilities })[0].properties.citation;

  it("is cited only where a private facility of the rule's types is set aside", () => {
    // the rule lists both lines; a township with no centre at all is answered by 004:437 alone
    expect(yichun.rules.find((r) => r.id === "THC-PER-TOWNSHIP")?.provenance.map((p) => p.line)).toEqual([437, 500]);
    expect(cite([])).toBe("004:437");
    expect(cite([clinic("public")])).toBe("004:437");
    // a private hospital in the township is not a health centre the rule sets aside
    expect(cite([{ ...clinic("private"), type: "hospital" }])).toBe("004:437");
    expect(cite([clinic("private")])).toBe("004:437；004:500");
  });

  it("is cited for a county's missing hospital only where the county has a private hospital (000:337)", () => {
    const { ruleSet } = nanyang();
    const wolong = { ...county, properties: { ...county.properties, code: "411303", name: "卧龙区", city: "nanyang" } };
    const missing: Violation = {
      rule: "COUNTY-3-HOSPITALS",
      severity: "error",
      county: "411303",
      message: { zh: "缺中医医院", en: "no TCM hospital" },
    };
    const hospital: Facility = { ...clinic("private"), type: "hospital", county: "411303", township: undefined };
    const at = (facilities: Facility[]) =>
      placeViolations({ violations: [missing], ruleSet, counties: [wolong], facilities })[0].properties.citation;
    expect(at([])).toBe("000:310");
    expect(at([{ ...hospital, ownership: "public" }])).toBe("000:310");
    expect(at([{ ...hospital, county: "411321" }])).toBe("000:310");
    expect(at([hospital])).toBe("000:310；000:337");
  });
});
