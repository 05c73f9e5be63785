import type { MultiPolygon, Polygon } from "geojson";
import { geodesicDistanceKm } from "../geo";
import type { CountyProps } from "../model";
import { geodesicCircle, pointInPolygon } from "./helpers";
import type { LocalizedText } from "./schema";
import type { UrbanAreaFeature, UrbanDefinition } from "./types";

type CountyFeatureLike = { geometry: Polygon | MultiPolygon; properties: CountyProps };

/** The urban-area parts (district polygons, seat discs, user polygons) as display features. */
export function urbanAreaFeatures(counties: CountyFeatureLike[], urban: UrbanDefinition): UrbanAreaFeature[] {
  const out: UrbanAreaFeature[] = [];
  for (const c of counties) {
    const p = c.properties;
    if (urban.districts && p.kind === "district") {
      out.push({ type: "Feature", geometry: c.geometry, properties: { county: p.code, source: "district" } });
    } else if (urban.seatRadiusKm && urban.seatRadiusKm > 0) {
      out.push({
        type: "Feature",
        geometry: geodesicCircle(p.seat[0], p.seat[1], urban.seatRadiusKm),
        properties: { county: p.code, source: "seat", radiusKm: urban.seatRadiusKm },
      });
    }
  }
  (urban.polygons ?? []).forEach((g) => {
    out.push({ type: "Feature", geometry: g, properties: { county: "", source: "user" } });
  });
  return out;
}

/**
 * Whether a point lies in the urban area: inside a district (when districts count), within
 * `seatRadiusKm` (geodesic, inclusive) of any non-district county seat, or inside a user polygon.
 * `countyOfPoint` is the county containing the point (undefined outside all counties).
 */
export function isUrbanPoint(
  lon: number,
  lat: number,
  countyOfPoint: CountyProps | undefined,
  counties: CountyFeatureLike[],
  urban: UrbanDefinition,
): boolean {
  if (urban.districts && countyOfPoint?.kind === "district") return true;
  const r = urban.seatRadiusKm;
  if (r && r > 0) {
    for (const c of counties) {
      const p = c.properties;
      if (urban.districts && p.kind === "district") continue;
      if (geodesicDistanceKm(lon, lat, p.seat[0], p.seat[1]) <= r) return true;
    }
  }
  return (urban.polygons ?? []).some((g) => pointInPolygon(lon, lat, g));
}

/** Human-readable statement of the urban definition in force. */
export function describeUrban(urban: UrbanDefinition): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (urban.districts) {
    zh.push("市辖区（区）全域");
    en.push("every district (区) in full");
  }
  if (urban.seatRadiusKm && urban.seatRadiusKm > 0) {
    zh.push(`各县（市）政府驻地周围 ${urban.seatRadiusKm} km 范围`);
    en.push(`the ${urban.seatRadiusKm} km disc around each county seat`);
  }
  const n = urban.polygons?.length ?? 0;
  if (n > 0) {
    zh.push(`用户提供的 ${n} 个城区多边形`);
    en.push(`${n} user-supplied urban polygon${n > 1 ? "s" : ""}`);
  }
  if (zh.length === 0)
    return { zh: "未定义城区（全部按农村计）", en: "No urban area defined (everything counts as rural)" };
  return { zh: `城区 = ${zh.join(" + ")}`, en: `Urban area = ${en.join(" + ")}` };
}
