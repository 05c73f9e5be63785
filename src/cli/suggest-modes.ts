import type { Feature, Point } from "geojson";
import {
  centralThcPlan,
  chooseCentralThcs,
  describeUrban,
  type SitingResult,
  subCentreVerdicts,
  worseStatus,
} from "../core";
import {
  jsonFile,
  pct,
  pointFeature,
  STATUS_WORDS,
  type SuggestContext,
  type SuggestOutput,
  solveOptions,
} from "./suggest-sites";

/**
 * CTHC-THIRD (002:187): about a third of each county's township health centres as central ones, covering the county
 * best within `--radius-km` (default 10; the plan gives no figure). Gives central-thc.json / .geojson.
 */
export async function runCentralThc(ctx: SuggestContext): Promise<SuggestOutput> {
  const { opts } = ctx;
  const radiusKm = opts.radiusKm ?? 10;
  const solveOpts = await solveOptions(opts);
  const lines: string[] = [];
  const out: unknown[] = [];
  const features: Feature<Point>[] = [];
  let status: SitingResult["status"] = "optimal";
  for (const county of ctx.counties) {
    const { code, name } = county.properties;
    const { thcs, demand } = centralThcPlan({
      counties: ctx.all,
      county: code,
      facilities: ctx.facilities,
      params: ctx.params,
    });
    if (thcs.length === 0) {
      out.push({
        code,
        name,
        thcCount: 0,
        k: 0,
        chosen: [],
        note: { zh: "本县无乡镇卫生院", en: "no township health centre in this county" },
      });
      lines.push(`${code} ${name}: 无乡镇卫生院 / no township health centre`);
      continue;
    }
    const result = await chooseCentralThcs(thcs, demand, radiusKm, 1 / 3, solveOpts);
    status = worseStatus(status, result.status);
    const byId = new Map(thcs.map((f) => [f.id, f]));
    const chosen = result.sites.map((s, i) => {
      const f = byId.get(s.candidateId) as (typeof thcs)[number];
      return {
        rank: i + 1,
        id: f.id,
        name: f.name,
        currentType: f.type,
        lon: f.lon,
        lat: f.lat,
        gain: s.gain,
        gainShare: s.gainShare,
      };
    });
    for (const c of chosen) features.push(pointFeature(c.lon, c.lat, { ...c, county: code, countyName: name }));
    // the central THCs and sub-centres there are stay; the chosen ones are ordinary THCs making up the third
    const currentCentral = thcs.filter((f) => f.type === "central-thc" || f.type === "sub-centre").map((f) => f.id);
    out.push({
      code,
      name,
      thcCount: thcs.length,
      k: Math.max(1, Math.round(thcs.length / 3)),
      coveredShareBefore: result.coveredShareBefore,
      status: result.status,
      statusMessage: result.statusMessage,
      method: result.method,
      coveredShare: result.coveredShareAfter,
      chosen,
      currentCentral,
      timeMs: result.timeMs,
    });
    lines.push(
      `${code} ${name}: ${thcs.length} 个乡镇卫生院（含中心、次中心 ${currentCentral.length} 个，保留）中再选 ${chosen.length} 个升为中心卫生院，${radiusKm} 公里内覆盖 ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)}（${STATUS_WORDS[result.status].zh}）/ ${currentCentral.length} central of ${thcs.length} THCs kept, ${chosen.length} more chosen as central, ${pct(result.coveredShareBefore)} → ${pct(result.coveredShareAfter)} of the area within ${radiusKm} km (${STATUS_WORDS[result.status].en})`,
    );
  }
  const params = {
    radiusKm,
    share: 1 / 3,
    method: opts.method,
    demand: { cellSizeM: ctx.params.cellSizeM, blockM: 1000, weight: "area km²" },
    city: opts.city,
  };
  const generatedAt = new Date().toISOString();
  const files = [
    jsonFile("central-thc.json", { rule: "CTHC-THIRD", status, params, generatedAt, counties: out }),
    jsonFile("central-thc.geojson", { type: "FeatureCollection", params, status, generatedAt, features }),
  ];
  return { lines, files };
}

/**
 * SUB-15KM (003:213): each county's central THCs and sub-centres, scored like the check (outside the urban area, at
 * least the distance from the county medical centre, else its people's hospital, else its seat).
 * Gives sub-centres.json / .geojson.
 */
export function runSubCentres(ctx: SuggestContext): SuggestOutput {
  const { opts, params } = ctx;
  const minKm = params.subCentreMinKm;
  const lines: string[] = [];
  const out: unknown[] = [];
  const features: Feature<Point>[] = [];
  for (const county of ctx.counties) {
    const { code, name } = county.properties;
    const { reference: ref, verdicts } = subCentreVerdicts({
      counties: ctx.all,
      county: code,
      facilities: ctx.facilities,
      params,
    });
    const rows = verdicts.map((v) => ({
      id: v.facility.id,
      name: v.facility.name,
      type: v.facility.type,
      lon: v.facility.lon,
      lat: v.facility.lat,
      distanceKm: v.distanceKm,
      insideUrban: v.insideUrban,
      qualifies: v.qualifies,
      reasons: v.reasons,
    }));
    for (const r of rows)
      if (r.qualifies) features.push(pointFeature(r.lon, r.lat, { ...r, county: code, countyName: name }));
    const q = rows.filter((r) => r.qualifies).length;
    out.push({
      code,
      name,
      medicalCentre: { kind: ref.kind, id: ref.facilityId ?? null, name: ref.name, lon: ref.lon, lat: ref.lat },
      qualifying: q,
      candidates: rows,
    });
    lines.push(
      `${code} ${name}: ${rows.length} 个中心卫生院/次中心中 ${q} 个符合次中心条件（≥ ${minKm} 公里且在城区外）/ ${q} of ${rows.length} ${q === 1 ? "qualifies" : "qualify"} (≥ ${minKm} km, outside the urban area)`,
    );
  }
  const urban = describeUrban(params.urban);
  const reportParams = { minKm, urban: params.urban, urbanDefinition: urban, city: opts.city };
  const generatedAt = new Date().toISOString();
  const files = [
    jsonFile("sub-centres.json", { rule: "SUB-15KM", params: reportParams, generatedAt, counties: out }),
    jsonFile("sub-centres.geojson", { type: "FeatureCollection", params: reportParams, generatedAt, features }),
  ];
  lines.push(`${urban.zh} / ${urban.en}`);
  return { lines, files };
}
