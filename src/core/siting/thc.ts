import type { Feature, MultiPolygon, Polygon } from "geojson";
import { pointInPolygon } from "../geo";
import type { Facility } from "../model";
import { geodesicKm } from "./distance";
import { type SolveOptions, solveSiting } from "./solve";
import type { Candidate, DemandPoint, SitingResult } from "./types";

/**
 * CTHC-THIRD: about `share` (default ⅓, rounded, at least 1 when there are THCs) of the given township health centres
 * should be central ones (sub-centres included, as the rule counts them). The central THCs and sub-centres there are
 * stay: they are the existing sites, and the ordinary THCs to raise are chosen to make up the share, maximising the
 * demand weight within `radiusKm` (geodesic, inclusive) of the central ones (MCLP over the ordinary THCs). None is
 * chosen when the county has its share already (the planner trial: the existing central THCs were left out and the
 * answer read as new sites).
 */
export function chooseCentralThcs(
  thcs: Facility[],
  demand: DemandPoint[],
  radiusKm: number,
  share = 1 / 3,
  opts?: SolveOptions,
): Promise<SitingResult> {
  if (!(share > 0 && share <= 1)) throw new Error(`chooseCentralThcs: share must be in (0, 1], got ${share}`);
  const target = thcs.length === 0 ? 0 : Math.max(1, Math.round(share * thcs.length));
  const central = thcs.filter((f) => f.type === "central-thc" || f.type === "sub-centre");
  const k = Math.max(0, target - central.length);
  const candidates: Candidate[] = thcs
    .filter((f) => !central.includes(f))
    .map((f) => ({
      id: f.id,
      lon: f.lon,
      lat: f.lat,
      county: f.county,
      attrs: { name: f.name },
    }));
  const existing = central.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat }));
  return solveSiting({ demand, candidates, existing, radiusKm, objective: { kind: "mclp", k } }, opts);
}

/** Urban-area shapes accepted by the sub-centre checks. */
export type UrbanArea = Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>;

/** SUB-15KM verdict for one central THC. */
export interface SubCentreCheck {
  facility: Facility;
  /** The county medical centre measured against (null when none matches the THC's county). */
  medicalCentreId: string | null;
  /** Geodesic distance to that medical centre, km (null when there is none). */
  distanceKm: number | null;
  insideUrban: boolean;
  qualifies: boolean;
  /** Why it does not qualify (empty when it does). */
  reasons: Array<{ zh: string; en: string }>;
}

function geom(u: UrbanArea): Polygon | MultiPolygon {
  return u.type === "Feature" ? u.geometry : u;
}

function centreFor(f: { county?: string }, centres: Facility | Facility[]): Facility | null {
  if (!Array.isArray(centres)) return centres;
  if (centres.length === 1 && f.county === undefined) return centres[0];
  return centres.find((c) => c.county !== undefined && c.county === f.county) ?? null;
}

/**
 * SUB-15KM: a county sub-centre must be a central THC outside the urban area and at least
 * `minKm` (inclusive, 「15公里以上」) from its county's medical centre (geodesic).
 * `countyMedicalCentre` is one facility, or several matched to THCs by county code.
 */
export function qualifyingSubCentres(
  centralThcs: Facility[],
  countyMedicalCentre: Facility | Facility[],
  urbanPolygons: UrbanArea[],
  minKm = 15,
): SubCentreCheck[] {
  const urban = urbanPolygons.map(geom);
  return centralThcs.map((f) => {
    const reasons: Array<{ zh: string; en: string }> = [];
    const centre = centreFor(f, countyMedicalCentre);
    const distanceKm = centre ? geodesicKm(f.lon, f.lat, centre.lon, centre.lat) : null;
    const insideUrban = urban.some((g) => pointInPolygon(f.lon, f.lat, g));
    if (!centre)
      reasons.push({
        zh: `未找到所在县（${f.county ?? "未知"}）的县域医疗中心`,
        en: `no county medical centre found for county ${f.county ?? "(unknown)"}`,
      });
    else if ((distanceKm as number) < minKm)
      reasons.push({
        zh: `距县域医疗中心 ${(distanceKm as number).toFixed(1)} 公里，不足 ${minKm} 公里`,
        en: `${(distanceKm as number).toFixed(1)} km from the county medical centre, less than ${minKm} km`,
      });
    if (insideUrban) reasons.push({ zh: "位于城区内", en: "inside the urban area" });
    return {
      facility: f,
      medicalCentreId: centre?.id ?? null,
      distanceKm,
      insideUrban,
      qualifies: reasons.length === 0,
      reasons,
    };
  });
}

/**
 * An `exclude` predicate for sub-centre siting: rejects candidates inside an urban polygon or
 * closer than `minKm` to their county's medical centre (English reason; Chinese in the checks above).
 */
export function subCentreExclusion(
  countyMedicalCentre: Facility | Facility[],
  urbanPolygons: UrbanArea[],
  minKm = 15,
): (c: Candidate) => string | null {
  const urban = urbanPolygons.map(geom);
  return (c) => {
    if (urban.some((g) => pointInPolygon(c.lon, c.lat, g))) return "inside the urban area";
    const centre = centreFor(c, countyMedicalCentre);
    if (!centre) return `no county medical centre for county ${c.county ?? "(unknown)"}`;
    const d = geodesicKm(c.lon, c.lat, centre.lon, centre.lat);
    if (d < minKm) return `${d.toFixed(1)} km from the county medical centre, less than ${minKm} km`;
    return null;
  };
}
