import type { Feature, FeatureCollection, Point } from "geojson";
import type { AnalysisReport, CountyTint, Facility, FacilityStatus } from "../../core";
import type { CityData } from "../data";
import { LAYER_DRAW_ORDER, LAYER_STYLES, type LayerKey, layerKeyOf, strokePx } from "./symbology";

/**
 * Facilities closer than this (metres) share a site on the map: a county medical centre with its 120 dispatch centre
 * and its hospital's EMS station, a sub-centre or a township health centre with its EMS station. At the print's
 * scale (about 110 m a CSS pixel for a city on A4) and on screen they would be one marker, the top one hiding the
 * others.
 */
export const STACK_DISTANCE_M = 150;

/** The width (CSS px) of the ring a marker under another at its site shows around it. */
export const STACK_RING_PX = 3;

/**
 * How a facility's marker is drawn when other markers share its site: nested rings, the marker drawn on top whole in
 * the middle and each one under it as a ring around the ones above, STACK_RING_PX wide (its own colour and outline).
 * `r`: the top marker's base radius (the layers scale it with the zoom); `px`: what the ring adds to it, in CSS px
 * (the outlines of the markers above and a ring width for each); `i`: its place from the top (1 = just under it).
 */
export interface StackPlace {
  r: number;
  px: number;
  i: number;
}

/** Where a marker is in the draw order: proposed sites above every existing facility, then by layer (symbology z). */
function drawRank(f: Facility, key: LayerKey): number {
  return (f.proposed ? LAYER_DRAW_ORDER.length : 0) + LAYER_DRAW_ORDER.indexOf(key);
}

/**
 * The markers drawn under another at their site, by facility id, with their place in its stack (StackPlace); the
 * top marker of a stack and a facility alone are not in it. Sites are found on a grid of about STACK_DISTANCE_M and
 * joined transitively (a chain of close facilities is one site). Village clinics (a dot of 1.8 px) are left out: a
 * ring of one around a township centre would be noise, and there are thousands.
 */
export function facilityStacks(
  facilities: readonly Facility[],
  status: ReadonlyMap<string, FacilityStatus>,
): Map<string, StackPlace> {
  const out = new Map<string, StackPlace>();
  const pts = facilities.filter((f) => f.type !== "village-clinic" && Number.isFinite(f.lon) && Number.isFinite(f.lat));
  if (pts.length < 2) return out;
  const mPerDegLat = 110_574;
  const cell = STACK_DISTANCE_M / mPerDegLat;
  const grid = new Map<string, number[]>();
  const cellOf = (f: Facility) => [Math.floor(f.lon / cell), Math.floor(f.lat / cell)];
  pts.forEach((f, i) => {
    const [cx, cy] = cellOf(f);
    const k = `${cx},${cy}`;
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  // union–find over the pairs closer than the distance (equirectangular: exact enough at 150 m)
  const parent = pts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  let joined = false;
  pts.forEach((f, i) => {
    const [cx, cy] = cellOf(f);
    const mPerDegLon = mPerDegLat * Math.cos((f.lat * Math.PI) / 180);
    // a degree of longitude is shorter than one of latitude: the cells it may reach across
    const spanX = Math.ceil(mPerDegLat / Math.max(1, mPerDegLon));
    for (let dx = -spanX; dx <= spanX; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (j <= i) continue;
          const g = pts[j];
          const d = Math.hypot((g.lon - f.lon) * mPerDegLon, (g.lat - f.lat) * mPerDegLat);
          if (d <= STACK_DISTANCE_M && find(i) !== find(j)) {
            parent[find(i)] = find(j);
            joined = true;
          }
        }
  });
  if (!joined) return out;
  const groups = new Map<number, number[]>();
  pts.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    // top first: the marker drawn last; in one layer the id decides (the layers sort the rings under it, layers.ts)
    const members = g
      .map((i) => ({ f: pts[i], key: layerKeyOf(pts[i]) }))
      .sort((a, b) => drawRank(b.f, b.key) - drawRank(a.f, a.key) || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
    const top = members[0];
    let px = 0;
    members.forEach((m, i) => {
      if (i === 0) return;
      const above = members[i - 1];
      px += strokePx(above.key, { proposed: !!above.f.proposed, status: status.get(above.f.id) }) + STACK_RING_PX;
      out.set(m.f.id, { r: LAYER_STYLES[top.key].radius, px, i });
    });
  }
  return out;
}

/** Each facility's feature, made once per facility object and status (a drag moves one site: the others are reused). */
const facilityFeatures = new WeakMap<Facility, Feature<Point>>();

/**
 * Facilities as map features: id, legend layer, proposed flag and status (see core's facilityStatuses), and for a
 * marker under another at its site its ring (`stackR`, `stackPx`, `stack`: facilityStacks), what the layers draw and
 * a click looks up. Names and types stay in the app (the popup reads them there): 6,800 features of
 * a city's sample are serialised to MapLibre's worker and tiled, and those two made up about a third of it.
 */
export function facilityCollection(
  facilities: readonly Facility[],
  status: ReadonlyMap<string, FacilityStatus>,
): FeatureCollection<Point> {
  const stacks = facilityStacks(facilities, status);
  return {
    type: "FeatureCollection",
    features: facilities.map((f): Feature<Point> => {
      const s = status.get(f.id) ?? "not-checked";
      const st = stacks.get(f.id);
      const kept = facilityFeatures.get(f);
      const p = kept?.properties;
      if (p && p.status === s && p.stack === st?.i && p.stackR === st?.r && p.stackPx === st?.px) return kept;
      const made: Feature<Point> = {
        type: "Feature",
        id: f.id,
        geometry: { type: "Point", coordinates: [f.lon, f.lat] },
        properties: {
          id: f.id,
          layer: layerKeyOf(f),
          proposed: !!f.proposed,
          status: s,
          ...(st ? { stack: st.i, stackR: st.r, stackPx: st.px } : {}),
        },
      };
      facilityFeatures.set(f, made);
      return made;
    }),
  };
}

/**
 * County polygons as map features with the focus flag, the tint (see core's countyTints), whether the county is
 * context only (the rule set's plan does not bind it: report.scope.context), drawn grey, and whether the imported list
 * has no facility in it (report.listScope.missing: `unlisted`), drawn grey and hatched, not checked.
 */
export function countyCollection(
  counties: CityData["counties"],
  focus: string | null,
  tints: ReadonlyMap<string, CountyTint>,
  context: ReadonlySet<string> = new Set(),
  unlisted: ReadonlySet<string> = new Set(),
): FeatureCollection {
  return {
    ...counties,
    features: counties.features.map((f) => ({
      ...f,
      id: f.properties.code, // ids let a change of tint go to the map as a diff of the counties that changed
      properties: {
        ...f.properties,
        focus: f.properties.code === focus,
        status: tints.get(f.properties.code) ?? "none",
        context: context.has(f.properties.code),
        unlisted: unlisted.has(f.properties.code),
      },
    })),
  } as FeatureCollection;
}

/**
 * The gaps the map draws: none in a county the imported list has no facility in (listScope.missing). Its gap is the
 * whole county, a fact of the list, not of the county: the county is drawn grey and hatched as not checked
 * (layers.ts COUNTY_UNLISTED), on the screen and the print. The report and its exports keep every gap.
 */
export function mapGaps(report: Pick<AnalysisReport, "gaps" | "listScope">): AnalysisReport["gaps"] {
  const missing = new Set(report.listScope?.missing ?? []);
  return missing.size === 0 ? report.gaps : report.gaps.filter((g) => !missing.has(g.properties.county));
}
