import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { gapFeaturesForExport, nestQuotes, violationsCsv } from "../../../src/core/report/tables";
import { placeViolations } from "../../../src/core/report/violations";
import { nanyang, nanyangPlaced } from "./nanyang";

describe("violation list CSV, read back", () => {
  const c = nanyang();
  const placed = nanyangPlaced();

  it("has one row per violation with every field as exported (Chinese headers)", () => {
    const text = violationsCsv(placed, "zh");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(placed.length);
    parsed.data.forEach((row, i) => {
      const p = placed[i].properties;
      const [lon, lat] = placed[i].geometry?.coordinates ?? [];
      expect(row.县区代码).toBe(p.county);
      expect(row.县区).toBe(p.countyName);
      expect(row.规则).toBe(p.rule);
      expect(row.规则内容).toBe(p.ruleDescZh);
      expect(row.级别).toBe(p.severity === "error" ? "违规" : "待核查");
      expect(row.设施名称).toBe(p.facilityName ?? "");
      expect(row.单元代码).toBe(p.unitCode ?? "");
      expect(row.单元名称).toBe(p.unitName ?? "");
      expect(row.实测距离_km).toBe(p.distanceKm === undefined ? "" : String(p.distanceKm));
      expect(row.限值_km).toBe(p.limitKm === undefined ? "" : String(p.limitKm));
      if (p.geometryKind === "city") {
        // the city row's violation has no single place: empty coordinates, said in 位置来源
        expect([row.经度, row.纬度]).toEqual(["", ""]);
        expect(row.位置来源).toBe("全市性指标，无单一位置");
      } else {
        expect(Number(row.经度)).toBe(lon);
        expect(Number(row.纬度)).toBe(lat);
      }
      expect(row.依据).toBe(p.citation);
      // how the point was chosen, in words without brackets (the review report brackets it after the coordinates)
      expect(row.位置来源).not.toMatch(/[（）()]/);
      if (p.geometryKind === "county-interior") expect(row.位置来源).toBe("代位：县域内代表点");
      for (const q of p.provenance) expect(row.规划原文).toContain(`第 ${q.line} 行：「${q.quote}」`);
      expect(row.说明).toBe(p.messageZh);
    });
  });

  it("writes each county's English name beside the Chinese one in English (county_name_en), none in Chinese", () => {
    // the published English names of Nanyang's units (reference, not the app's table)
    const published: Record<string, string> = {
      "411302": "Wancheng District",
      "411303": "Wolong District",
      "411321": "Nanzhao County",
      "411322": "Fangcheng County",
      "411323": "Xixia County",
      "411324": "Zhenping County",
      "411325": "Neixiang County",
      "411326": "Xichuan County",
      "411327": "Sheqi County",
      "411328": "Tanghe County",
      "411329": "Xinye County",
      "411330": "Tongbai County",
      "411381": "Dengzhou City",
    };
    const named = placeViolations({
      violations: c.report.violations,
      ruleSet: c.ruleSet,
      counties: c.counties.features,
      divisions: c.divisions,
      facilities: c.facilities,
      countyNamesEn: published,
    });
    const en = Papa.parse<Record<string, string>>(violationsCsv(named, "en").slice(1), { header: true });
    const fields = en.meta.fields ?? [];
    expect(fields.indexOf("county_name_en")).toBe(fields.indexOf("county_name") + 1);
    expect(en.data.filter((r) => r.county).length).toBe(named.length);
    for (const r of en.data.filter((x) => x.county)) {
      // the city row's violations (003:143's share): 全市 / Whole city under the city's code
      expect(r.county_name_en).toBe(r.county === "411300" ? "Whole city" : published[r.county]);
      expect(r.county_name).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    const zh = Papa.parse<Record<string, string>>(violationsCsv(named, "zh").slice(1), { header: true });
    expect((zh.meta.fields ?? []).some((f) => /en/.test(f))).toBe(false);
    // the gap polygons too
    const gaps = gapFeaturesForExport(c.report.gaps, c.counties.features, published);
    for (const g of gaps) expect(g.properties.countyNameEn).toBe(published[g.properties.county]);
  });

  it("has English headers in English", () => {
    const parsed = Papa.parse<Record<string, string>>(violationsCsv(placed, "en").slice(1), { header: true });
    expect(parsed.meta.fields).toContain("distance_km");
    expect(parsed.meta.fields).toContain("citation");
    expect(parsed.data[0].message).toBe(placed[0].properties.messageEn);
  });
});

describe("gap polygons for export", () => {
  const c = nanyang();
  it("round areas to 0.1 km², never to 0, and name the county", () => {
    const out = gapFeaturesForExport(c.report.gaps, c.counties.features);
    expect(out).toHaveLength(c.report.gaps.length);
    out.forEach((g, i) => {
      const raw = c.report.gaps[i].properties.areaKm2;
      expect(g.properties.areaKm2).toBeGreaterThan(0);
      expect(Math.abs(g.properties.areaKm2 - raw)).toBeLessThanOrEqual(raw < 0.05 ? 0.1 : 0.05 + 1e-9);
      expect(Number.isInteger(Math.round(g.properties.areaKm2 * 10 * 1e6) / 1e6)).toBe(true);
      expect(g.properties.countyName).toBe(
        c.counties.features.find((f) => f.properties.code === g.properties.county)?.properties.name,
      );
      expect(g.geometry).toBe(c.report.gaps[i].geometry);
    });
  });
});

describe("quotes inside quotes", () => {
  it("makes a text's double quotes single and its single quotes double, for setting it in double quotes", () => {
    expect(nestQuotes("南阳市“十四五”公共卫生体系和全民健康规划")).toBe("南阳市‘十四五’公共卫生体系和全民健康规划");
    expect(nestQuotes("“a ‘b’ c”")).toBe("‘a “b” c’");
    expect(nestQuotes("无引号的文字 (plain)")).toBe("无引号的文字 (plain)");
    // twice gives the text back
    const t = "县级“120”急救指挥中心‘x’";
    expect(nestQuotes(nestQuotes(t))).toBe(t);
  });
});
