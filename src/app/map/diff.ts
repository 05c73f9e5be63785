import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from "geojson";

/** Features to remove (by id) and to add so that `prev` becomes `next`. */
export interface FeatureDiff {
  remove: Array<string | number>;
  add: Feature[];
}

function sameProps(a: GeoJsonProperties, b: GeoJsonProperties): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function sameGeometry(a: Geometry, b: Geometry): boolean {
  if (a.type !== "Point" || b.type !== "Point") return a === b;
  return a.coordinates[0] === b.coordinates[0] && a.coordinates[1] === b.coordinates[1];
}

/**
 * The change between two collections of features with ids, or null when it is not small (more than
 * `maxChanges` features differ) or a feature has no id; then the whole collection should be sent instead.
 * Point geometries and flat properties are compared by value.
 */
export function featureDiff(prev: FeatureCollection, next: FeatureCollection, maxChanges = 200): FeatureDiff | null {
  // the common case of a drag's steps: every feature the same object, in the same order (no map of the ids needed)
  if (prev.features.length === next.features.length && prev.features.every((f, i) => f === next.features[i]))
    return prev.features.every((f) => f.id !== undefined) ? { remove: [], add: [] } : null;
  const before = new Map<string | number, Feature>();
  for (const f of prev.features) {
    if (f.id === undefined) return null;
    before.set(f.id, f);
  }
  const diff: FeatureDiff = { remove: [], add: [] };
  const seen = new Set<string | number>();
  for (const f of next.features) {
    if (f.id === undefined) return null;
    seen.add(f.id);
    const old = before.get(f.id);
    if (old === f) continue;
    if (old && sameGeometry(old.geometry, f.geometry) && sameProps(old.properties, f.properties)) continue;
    if (old) diff.remove.push(f.id);
    diff.add.push(f);
    if (diff.add.length > maxChanges) return null;
  }
  for (const id of before.keys()) {
    if (!seen.has(id)) diff.remove.push(id);
    if (diff.remove.length > maxChanges) return null;
  }
  return diff;
}
