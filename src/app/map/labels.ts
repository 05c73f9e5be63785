/// <reference path="../../core/geo/polylabel.d.ts" />
import type { MultiPolygon, Polygon } from "geojson";
import polylabel from "polylabel";
import { type CountyProps, countyKindEn } from "../../core";
import { lazyModule } from "../lazy-module";

const importCountyNamesEn = lazyModule(() => import("../../../geodata/china/county-names-en.json"));

/**
 * The pinyin name of every shipped county by code (`geodata/china/county-names-en.json`, made by
 * `scripts/build-county-names.ts` with pinyin-pro), fetched the first time the interface is English.
 */
export async function loadCountyNamesEn(): Promise<Record<string, string>> {
  const file = await importCountyNamesEn();
  return file.names as Record<string, string>;
}

/**
 * A county's map label: its Chinese name; in the English interface its pinyin name and kind above the Chinese
 * (西峡县 → "Xixia County" / "西峡县"), or the Chinese alone for a county the table does not know (own boundaries).
 */
export function countyLabel(
  p: Pick<CountyProps, "code" | "name" | "kind" | "nowNamed">,
  namesEn: Record<string, string> | null,
) {
  const en = namesEn?.[p.code];
  return en ? `${en} ${countyKindEn(p)}\n${p.name}` : p.name;
}

/** Kilometres per degree of latitude (mean Earth radius 6,371.0088 km). */
const KM_PER_DEG = (Math.PI * 6371.0088) / 180;

/**
 * Where a county's name goes: the pole of inaccessibility of its largest part (polylabel), the point inside it
 * farthest from its edge, found in a local equirectangular frame (x scaled by the cosine of the part's latitude) to
 * 0.1 km; and that distance in km, the room the label has. A county seat can sit near the edge (two districts'
 * seats a few km apart in one city proper), so names placed there collide; the poles are as far apart as the
 * counties allow.
 */
export function labelPoint(geom: Polygon | MultiPolygon): { lngLat: [number, number]; roomKm: number } {
  const parts = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let best = { lngLat: [0, 0] as [number, number], roomKm: -1 };
  for (const part of parts) {
    let [y0, y1] = [Infinity, -Infinity];
    for (const q of part[0]) {
      if (q[1] < y0) y0 = q[1];
      if (q[1] > y1) y1 = q[1];
    }
    const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
    const local = part.map((ring) => ring.map((q) => [q[0] * k * KM_PER_DEG, q[1] * KM_PER_DEG]));
    const p = polylabel(local, 0.1);
    if (p.distance > best.roomKm) best = { lngLat: [p[0] / k / KM_PER_DEG, p[1] / KM_PER_DEG], roomKm: p.distance };
  }
  return best;
}

/**
 * A county's area in km² for ranking its label (larger counties' names win collisions): each part's shoelace area in
 * a local equirectangular frame (x scaled by the cosine of the part's mid-latitude), holes subtracted. Within a few
 * tenths of a percent of the geodesic area for a county-sized polygon, and a thousand times cheaper on the page's
 * main thread than geographiclib's polygon area, which it replaces here only for the ordering of labels.
 */
export function rankAreaKm2(geom: Polygon | MultiPolygon): number {
  const parts = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  let total = 0;
  for (const part of parts) {
    let [y0, y1] = [Infinity, -Infinity];
    for (const q of part[0]) {
      if (q[1] < y0) y0 = q[1];
      if (q[1] > y1) y1 = q[1];
    }
    const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180) * KM_PER_DEG * KM_PER_DEG;
    part.forEach((ring, i) => {
      let twice = 0;
      for (let j = 0, n = ring.length, prev = ring[n - 1]; j < n; prev = ring[j++])
        twice += prev[0] * ring[j][1] - ring[j][0] * prev[1];
      total += (i === 0 ? 1 : -1) * Math.abs(twice / 2) * k;
    });
  }
  return total;
}
