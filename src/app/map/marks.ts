import type { Feature, FeatureCollection } from "geojson";
import { type Check, type Facility, type GapFeature, geodesicCircle, type PlacedViolation } from "../../core";
import { LAYER_STYLES, layerKeyOf } from "./symbology";

/**
 * What the map marks beside the facilities: the facility a violation is about (redrawn on top, in its own colour),
 * the reference point it was measured from and the rule's ring around it, a stand-in point for a violation placed
 * by its township or county, and suggested sites.
 */
export type MarkKind = "subject" | "reference" | "ring" | "link" | "stand-in" | "gap" | "suggested";

/** Where the map should go for a selection. */
export type CameraTarget =
  | { kind: "fly"; center: [number, number]; zoom: number }
  | { kind: "fit"; bbox: [number, number, number, number] };

function mark(kind: MarkKind, geometry: Feature["geometry"], props: Record<string, unknown> = {}): Feature {
  return { type: "Feature", geometry, properties: { kind, ...props } };
}

/** How close the map goes for each kind of place: a facility or seat closer than a stand-in. */
const ZOOM: Record<string, number> = {
  facility: 11,
  "unit-seat": 12,
  "unit-facility": 12,
  "township-health-centre": 11,
  "township-facility": 11,
};

/**
 * The marks and camera for a selected violation, at the most precise place known (see core's placeViolations):
 * a facility or unit is flown to, a county-wide one fits the county. A SUB-15KM-like violation (a distance limit
 * measured from a reference point) also marks the reference (the county medical centre the check used) and the
 * ring of the limit around it, and the view fits the facility and the whole ring. A coverage failure (placed inside
 * its largest gap) outlines the county's gaps of that rule, the largest drawn stronger, and the view fits the largest
 * gap (at least 10 km across).
 */
export function violationFocus(
  placed: PlacedViolation,
  opts: {
    facility?: Facility;
    /** The check's reference point (e.g. SUB-15KM's county medical centre). */
    reference?: Check["reference"];
    countyBbox?: [number, number, number, number];
    /** The county's gaps of the violation's rule (a coverage failure's). */
    gaps?: readonly GapFeature[];
  },
): { marks: FeatureCollection; camera: CameraTarget | null } {
  const p = placed.properties;
  const features: Feature[] = [];
  const point = placed.geometry?.coordinates as [number, number] | undefined;
  if (point && p.geometryKind === "facility") {
    const f = opts.facility;
    const color = f ? LAYER_STYLES[layerKeyOf(f)].color : "#ffffff";
    features.push(mark("subject", { type: "Point", coordinates: point }, { rule: p.rule, color }));
  } else if (point && p.geometryKind !== "county-interior" && p.geometryKind !== "none") {
    features.push(mark("stand-in", { type: "Point", coordinates: point }, { rule: p.rule }));
  }
  let around: [number, number, number, number] | null = null;
  if (p.geometryKind === "gap-interior" && opts.gaps?.length) {
    const largest = opts.gaps.find((g) => g.properties.gapId === p.largestGapId) ?? opts.gaps[0];
    for (const g of opts.gaps)
      features.unshift(mark("gap", g.geometry, { rule: p.rule, gapId: g.properties.gapId, largest: g === largest }));
    const ring = largest.geometry.coordinates[0];
    const xs = ring.map((c) => c[0]);
    const ys = ring.map((c) => c[1]);
    const [cx, cy] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    // half-spans of at least 5 km (0.045° of latitude; longitude scaled by the cosine of the latitude)
    const hy = Math.max((Math.max(...ys) - Math.min(...ys)) / 2, 0.045);
    const hx = Math.max((Math.max(...xs) - Math.min(...xs)) / 2, 0.045 / Math.cos((cy * Math.PI) / 180));
    around = [cx - hx, cy - hy, cx + hx, cy + hy];
  }
  const ref = opts.reference;
  // a distance limit from a reference point: the view fits what the violation is about, the facility, the reference
  // and the whole ring of the limit (the map's padding keeps them clear of its controls and notice)
  if (ref && point && p.limitKm !== undefined && p.geometryKind === "facility") {
    const ring = geodesicCircle(ref.lon, ref.lat, p.limitKm, 128).coordinates[0];
    features.push(mark("ring", { type: "LineString", coordinates: ring }, { limitKm: p.limitKm }));
    features.push(mark("link", { type: "LineString", coordinates: [[ref.lon, ref.lat], point] }));
    features.push(mark("reference", { type: "Point", coordinates: [ref.lon, ref.lat] }, { name: ref.name }));
    const xs = [...ring.map((c) => c[0]), point[0]];
    const ys = [...ring.map((c) => c[1]), point[1]];
    around = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  }
  const camera: CameraTarget | null = around
    ? { kind: "fit", bbox: around }
    : point && ZOOM[p.geometryKind] !== undefined
      ? { kind: "fly", center: point, zoom: ZOOM[p.geometryKind] }
      : opts.countyBbox
        ? { kind: "fit", bbox: opts.countyBbox }
        : null;
  return { marks: { type: "FeatureCollection", features }, camera };
}

/** Suggested sites as marks, numbered in the order the solver lists them. */
export function suggestedMarks(points: ReadonlyArray<[number, number]>): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: points.map((p, i) => mark("suggested", { type: "Point", coordinates: p }, { rank: i + 1 })),
  };
}
