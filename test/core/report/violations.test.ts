import { booleanPointInPolygon } from "@turf/turf";
import geographiclib from "geographiclib-geodesic";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { CountyProps, Facility } from "../../../src/core/model";
import { placeViolations } from "../../../src/core/report/violations";
import type { Violation } from "../../../src/core/rules";
import { nanyang, nanyangPlaced } from "./nanyang";

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
          expect(own.some((f) => f.lon === lon && f.lat === lat)).toBe(true);
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
      expect(p.properties.provenance).toEqual(nanyangProv.length ? nanyangProv : rule?.provenance);
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
    }
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
