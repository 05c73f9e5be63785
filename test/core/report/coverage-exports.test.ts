import geographiclib from "geographiclib-geodesic";
import type { Geometry } from "geojson";
import JSZip from "jszip";
import { parseDbf, parseShp } from "shpjs";
import { describe, expect, it } from "vitest";
import { exportShapefileZip } from "../../../src/core/io/shapefile";
import { reviewDocx } from "../../../src/core/report/docx";
import { reviewHtml } from "../../../src/core/report/html";
import { buildReview } from "../../../src/core/report/review";
import { coveredPct, uncoveredKm2 } from "../../../src/core/report/rounding";
import { violationsCsv } from "../../../src/core/report/tables";
import { violationFlatProps } from "../../../src/core/report/violations";
import { nanyang, nanyangPlaced, nanyangReviewBase } from "./nanyang";

/** A CSV of our exports (BOM, CRLF, quoted fields with "" for a quote) as rows of cells. */
function parseCsv(text: string): string[][] {
  const s = text.replace(/^\ufeff/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && s[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("西峡县's EMS-RURAL coverage failure in every export, read back field by field", async () => {
  const c = nanyang();
  const placed = nanyangPlaced();
  const i = c.report.violations.findIndex((v) => v.rule === "EMS-RURAL" && v.county === "411323");
  const v = c.report.violations[i];
  const check = c.report.counties.find((k) => k.code === "411323")?.checks.find((k) => k.rule === "EMS-RURAL");
  const gaps = c.report.gaps.filter((g) => g.properties.county === "411323" && g.properties.rule === "EMS-RURAL");
  // the reference figures, from the check and the gap polygons (not from the violation)
  const km2 = uncoveredKm2(check?.uncoveredAreaKm2 as number);
  const pct = coveredPct(check?.coveredShare as number, false);
  const largest = gaps.reduce((a, g) => (g.properties.areaKm2 > a.properties.areaKm2 ? g : a));
  const largestKm2 = uncoveredKm2(largest.properties.areaKm2);
  const quote = "农村地区服务半径不超过10-20公里";
  // the EMS point nearest to the row's point, by geographiclib over 西峡县's own EMS points (a county counts its own
  // network, docs/rules.md §3), not by the engine's coverage layers
  const G = geographiclib.Geodesic.WGS84;
  const near = c.facilities
    .filter((f) => f.county === "411323" && (f.type === "ems-station" || f.type === "ems-centre"))
    .map((f) => ({ f, km: (G.Inverse(v.lat as number, v.lon as number, f.lat, f.lon).s12 as number) / 1000 }))
    .reduce((a, b) => (b.km < a.km ? b : a));
  const nearKm = Math.round(near.km * 100) / 100;
  // and the nearest EMS point of another county within 20 km of it (the audit, s50 LOW-3: 内乡县's, 7.48 km)
  const other = c.facilities
    .filter((f) => f.county !== "411323" && (f.type === "ems-station" || f.type === "ems-centre"))
    .map((f) => ({ f, km: (G.Inverse(v.lat as number, v.lon as number, f.lat, f.lon).s12 as number) / 1000 }))
    .reduce((a, b) => (b.km < a.km ? b : a));
  const otherKm = Math.round(other.km * 100) / 100;

  it("violations.geojson: a Point at the largest gap's interior point, with its figures, kind and citation", () => {
    expect(i).toBeGreaterThanOrEqual(0);
    const fc = JSON.parse(JSON.stringify({ type: "FeatureCollection", features: placed }));
    const f = fc.features[i];
    expect(f.geometry).toEqual({ type: "Point", coordinates: [v.lon, v.lat] });
    const p = f.properties;
    expect(p.rule).toBe("EMS-RURAL");
    expect(p.county).toBe("411323");
    expect(p.countyName).toBe("西峡县");
    expect(p.severity).toBe("error");
    expect(p.geometryKind).toBe("gap-interior");
    expect(p.uncoveredKm2).toBe(km2);
    expect(p.coveredPct).toBe(pct);
    expect(p.coveredPct).toBeLessThan(100);
    expect(p.limitKm).toBe(20);
    expect(p.gapCount).toBe(gaps.length);
    expect(p.largestGapKm2).toBe(largestKm2);
    expect(p.largestGapId).toBe(largest.properties.gapId);
    // where the gap lies relative to the network: the point is inside the gap, so beyond the 20 km radius
    expect(p.nearestPointId).toBe(near.f.id);
    expect(p.nearestPointName).toBe(near.f.name);
    expect(p.nearestPointKm).toBe(nearKm);
    expect(p.nearestPointKm).toBeGreaterThan(20);
    // the point another county's network has within the radius: 西峡县 counts its own network only
    expect(other.km).toBeLessThanOrEqual(20);
    expect(p.neighbourPointId).toBe(other.f.id);
    expect(p.neighbourPointName).toBe(other.f.name);
    expect(p.neighbourPointCounty).toBe(other.f.county);
    expect(p.neighbourPointCountyName).toBe("内乡县");
    expect(p.neighbourPointKm).toBe(otherKm);
    expect(p.citation).toBe("000:232");
    expect(p.provenance).toEqual([expect.objectContaining({ doc: "000", line: 232, quote })]);
    expect(p.messageZh).toContain(`西峡县 农村地区 20 公里急救服务半径外尚有 ${km2.toFixed(1)} km²`);
  });

  it("violations CSV (zh and en): one row with the same figures, the point, its kind and the plan text", () => {
    for (const lang of ["zh", "en"] as const) {
      const [head, ...rows] = parseCsv(violationsCsv(placed, lang));
      const col = (name: string) => {
        const k = head.indexOf(name);
        expect(k, name).toBeGreaterThanOrEqual(0);
        return k;
      };
      const zh = lang === "zh";
      const mine = rows.filter(
        (r) => r[col(zh ? "县区代码" : "county")] === "411323" && r[col(zh ? "规则" : "rule")] === "EMS-RURAL",
      );
      expect(mine).toHaveLength(1);
      const r = mine[0];
      expect(Number(r[col(zh ? "未覆盖面积_km2" : "uncovered_km2")])).toBe(km2);
      expect(Number(r[col(zh ? "覆盖率_%" : "covered_pct")])).toBe(pct);
      expect(Number(r[col(zh ? "限值_km" : "limit_km")])).toBe(20);
      expect(Number(r[col(zh ? "缺口数" : "gap_count")])).toBe(gaps.length);
      expect(Number(r[col(zh ? "最大缺口_km2" : "largest_gap_km2")])).toBe(largestKm2);
      expect(r[col(zh ? "最大缺口编号" : "largest_gap_id")]).toBe(largest.properties.gapId);
      expect(r[col(zh ? "最近急救点" : "nearest_ems_point")]).toBe(near.f.name);
      expect(Number(r[col(zh ? "距最近急救点_km" : "nearest_ems_km")])).toBe(nearKm);
      expect(r[col(zh ? "网络外可达急救点" : "outside_network_ems_point")]).toBe(other.f.name);
      expect(r[col(zh ? "其所在县区" : "outside_network_ems_county")]).toBe("内乡县");
      expect(Number(r[col(zh ? "距网络外急救点_km" : "outside_network_ems_km")])).toBe(otherKm);
      expect(Number(r[col(zh ? "经度" : "lon")])).toBeCloseTo(v.lon as number, 7);
      expect(Number(r[col(zh ? "纬度" : "lat")])).toBeCloseTo(v.lat as number, 7);
      // every coordinate to 1e-7° at most, no float tail (the EMS planner trial, s53 L5: 「114.25097500000001」)
      const coords = [col(zh ? "经度" : "lon"), col(zh ? "纬度" : "lat")];
      const tails = rows.flatMap((x) => coords.map((k) => x[k])).filter((c) => /\.\d{8,}/.test(c));
      expect(tails).toEqual([]);
      expect(rows.some((x) => /\.\d{5,7}$/.test(x[coords[0]]))).toBe(true);
      expect(r[col(zh ? "位置来源" : "geometry_kind")]).toBe(zh ? "最大缺口内点" : "a point inside the largest gap");
      expect(r[col(zh ? "依据" : "citation")]).toBe("000:232");
      expect(r[col(zh ? "规划原文" : "plan_text")]).toContain(quote);
      expect(r[col(zh ? "实测距离_km" : "distance_km")]).toBe("");
    }
  });

  it("zipped Shapefile: the point and every field under its DBF name", async () => {
    const out = await exportShapefileZip(
      [{ name: "violations", features: placed.map((p) => ({ ...p, properties: violationFlatProps(p.properties) })) }],
      { date: new Date(Date.UTC(2026, 11, 2)) },
    );
    const zip = await JSZip.loadAsync(out.zip);
    const get = async (ext: string) => (await zip.file(`violations.${ext}`)?.async("uint8array")) as Uint8Array;
    const dbf = await get("dbf");
    const records = parseDbf(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength), "UTF-8") as Array<
      Record<string, string | number>
    >;
    const shapes = parseShp(await get("shp")) as Geometry[];
    const k = records.findIndex((r) => r.RULE === "EMS-RURAL" && r.COUNTY === "411323");
    expect(k).toBeGreaterThanOrEqual(0);
    const r = records[k];
    expect(shapes[k]).toEqual({ type: "Point", coordinates: [v.lon, v.lat] });
    expect(r.GEOM_KIND).toBe("gap-interior");
    expect(r.UNCOV_KM2).toBe(km2);
    expect(r.COVER_PCT).toBe(pct);
    expect(r.LIMIT_KM).toBe(20);
    expect(r.GAP_COUNT).toBe(gaps.length);
    expect(r.MAXGAP_KM2).toBe(largestKm2);
    expect(r.MAXGAP_ID).toBe(largest.properties.gapId);
    expect(r.NEAR_ID).toBe(near.f.id);
    expect(r.NEAR_NAME).toBe(near.f.name);
    expect(r.NEAR_KM).toBe(nearKm);
    expect(r.NBR_NAME).toBe(other.f.name);
    expect(r.NBR_CNTYNM).toBe("内乡县");
    expect(r.NBR_KM).toBe(otherKm);
    expect(r.CITATION).toBe("000:232");
    expect(r.CITE_DOC).toBe("000");
    expect(r.CITE_LINE).toBe(232);
    expect(r.CITE_QUOTE).toBe(quote);
    expect(String(r.MSG_ZH)).toContain(`尚有 ${km2.toFixed(1)} km²`);
    // the field list written beside them names the new fields with their properties
    const fields = (await zip.file("fields.csv")?.async("string")) ?? "";
    for (const [prop, dbfName] of [
      ["uncoveredKm2", "UNCOV_KM2"],
      ["coveredPct", "COVER_PCT"],
      ["gapCount", "GAP_COUNT"],
      ["largestGapKm2", "MAXGAP_KM2"],
      ["nearestPointName", "NEAR_NAME"],
      ["nearestPointKm", "NEAR_KM"],
      ["neighbourPointName", "NBR_NAME"],
      ["neighbourPointKm", "NBR_KM"],
    ])
      expect(fields).toMatch(new RegExp(`${dbfName}.*${prop}|${prop}.*${dbfName}`));
  });

  it("the review report (Word and print HTML): 西峡县's violations table has the row with figure, place and citation", async () => {
    const doc = buildReview({
      ...nanyangReviewBase(),
      county: "411323",
      sources: [],
      invented: true,
    });
    const rows = doc.counties[0].violations.filter((x) => x.rule === "EMS-RURAL");
    expect(rows).toHaveLength(1);
    expect(doc.counties[0].violations).toHaveLength(c.report.violations.filter((x) => x.county === "411323").length);
    const row = rows[0];
    expect(row.text).toContain(`尚有 ${km2.toFixed(1)} km²（覆盖 ${pct.toFixed(1)}%）`);
    expect(row.place).toBe(`${(v.lon as number).toFixed(5)}, ${(v.lat as number).toFixed(5)}（最大缺口内点）`);
    expect(row.text).toContain(`；标注点距最近急救点 ${near.f.name} ${nearKm.toFixed(2)} km`);
    expect(row.text).toContain(
      `；标注点在网络外急救点 ${other.f.name}（内乡县） ${otherKm.toFixed(2)} km 处，在其 20 km 半径内，未计跨县覆盖`,
    );
    expect(row.citation).toBe("000:232");
    const zip = await JSZip.loadAsync(await reviewDocx(doc));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const trs = [...xml.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((m) =>
      [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("|"),
    );
    const tr = trs.find((t) => t.startsWith("EMS-RURAL|违规"));
    expect(tr).toBeDefined();
    expect(tr).toContain(`${km2.toFixed(1)} km²`);
    expect(tr).toContain("最大缺口内点");
    expect(tr).toContain(`标注点距最近急救点 ${near.f.name} ${nearKm.toFixed(2)} km`);
    expect(tr).toContain("000:232");
    const html = reviewHtml(doc);
    expect(html).toContain(row.place);
    expect(html).toContain(`尚有 ${km2.toFixed(1)} km²`);
  });
});
