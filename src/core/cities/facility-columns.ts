import type { Facility, LocalizedText } from "../model";

/**
 * A facility list in columns: one array per field instead of one object per facility, the way the app ships the
 * plan cities' sample scenarios (geodata/scenario-<city>.cols.json, written by scripts/build-scenarios.ts from the
 * same facilities as scenario-<city>.geojson). A 6,800-facility scenario is about a third of its GeoJSON and parses
 * faster, with the same content: every field of every facility, absent fields absent.
 *
 * - `coords`: longitude and latitude as whole millionths of a degree, each column delta-coded (the sample data is
 *   rounded to 6 decimals; a list with a finer coordinate is refused by {@link facilityColumns}).
 * - A field every facility has with one and the same value is stored once (`same`); a text field with few distinct
 *   values (type, county, grade, …) is a dictionary and one index per facility; other fields are one value per
 *   facility. An absent value is -1 in an index and null in a value list.
 */
export interface FacilityColumns {
  format: "hfp-facility-columns";
  version: 1;
  count: number;
  invented?: boolean;
  notice?: LocalizedText;
  generator?: unknown;
  coords: { lon: number[]; lat: number[] };
  fields: Record<string, FacilityColumn>;
}

/** One field of {@link FacilityColumns}: one value for all, dictionary-coded text, or plain values (null = absent). */
export type FacilityColumn =
  | { dict: string[]; index: number[] }
  | { values: ValueList }
  | { same: string | number | boolean };
type ValueList = Array<string | number | boolean | string[] | Record<string, number> | null>;

const MICRO = 1e6;

/** Whole millionths of a degree, or null where the value is not exactly a 6-decimal number. */
function micro(x: number): number | null {
  const m = Math.round(x * MICRO);
  return m / MICRO === x ? m : null;
}

function deltas(xs: number[]): number[] {
  const out = new Array<number>(xs.length);
  let prev = 0;
  for (let i = 0; i < xs.length; i++) {
    out[i] = xs[i] - prev;
    prev = xs[i];
  }
  return out;
}

/**
 * The columnar form of facilities (see {@link FacilityColumns}); `meta` is carried as is. Throws if a coordinate
 * has more than 6 decimals (the form would change it) or a field is not a plain value.
 */
export function facilityColumns(
  facilities: readonly Facility[],
  meta: { invented?: boolean; notice?: LocalizedText; generator?: unknown } = {},
): FacilityColumns {
  const lon: number[] = [];
  const lat: number[] = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  facilities.forEach((f, i) => {
    const x = micro(f.lon);
    const y = micro(f.lat);
    if (x === null || y === null) throw new Error(`facility ${i} (${f.id}): coordinate with more than 6 decimals`);
    lon.push(x);
    lat.push(y);
    for (const k of Object.keys(f))
      if (k !== "lon" && k !== "lat" && !seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
  });
  const fields: Record<string, FacilityColumn> = {};
  for (const k of keys) {
    const raw = facilities.map((f) => (f as unknown as Record<string, unknown>)[k]);
    const present = raw.filter((v) => v !== undefined);
    const texts = new Set(present as string[]);
    if (present.length === facilities.length && texts.size === 1 && typeof present[0] !== "object") {
      fields[k] = { same: present[0] as string | number | boolean };
    } else if (present.every((v) => typeof v === "string") && texts.size <= 256) {
      const dict = [...texts];
      const at = new Map(dict.map((v, i) => [v, i]));
      fields[k] = { dict, index: raw.map((v) => (v === undefined ? -1 : (at.get(v as string) as number))) };
    } else {
      for (const v of present)
        if (v === null || !["string", "number", "boolean", "object"].includes(typeof v))
          throw new Error(`field ${k}: value ${String(v)} cannot be stored`);
      fields[k] = { values: raw.map((v) => (v === undefined ? null : v)) as ValueList };
    }
  }
  return {
    format: "hfp-facility-columns",
    version: 1,
    count: facilities.length,
    ...(meta.invented !== undefined ? { invented: meta.invented } : {}),
    ...(meta.notice !== undefined ? { notice: meta.notice } : {}),
    ...(meta.generator !== undefined ? { generator: meta.generator } : {}),
    coords: { lon: deltas(lon), lat: deltas(lat) },
    fields,
  };
}

/**
 * The facilities of a {@link FacilityColumns} file, in order, each with exactly the fields it had (the order of the
 * keys within a facility is not kept). Throws on a malformed file (wrong format tag or version, a column of the
 * wrong length, an index outside its dictionary).
 */
export function facilitiesFromColumns(c: FacilityColumns): Facility[] {
  if (c?.format !== "hfp-facility-columns" || c.version !== 1)
    throw new Error(`not a facility-columns file (format ${String(c?.format)}, version ${String(c?.version)})`);
  const n = c.count;
  if (c.coords.lon.length !== n || c.coords.lat.length !== n)
    throw new Error(`coordinates: ${c.coords.lon.length}/${c.coords.lat.length} values for ${n} facilities`);
  const entries = Object.entries(c.fields);
  for (const [k, col] of entries) {
    const len = "same" in col ? n : "dict" in col ? col.index.length : col.values.length;
    if (len !== n) throw new Error(`field ${k}: ${len} values for ${n} facilities`);
  }
  const out = new Array<Facility>(n);
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += c.coords.lon[i];
    y += c.coords.lat[i];
    const f: Record<string, unknown> = {};
    for (const [k, col] of entries) {
      if ("same" in col) f[k] = col.same;
      else if ("dict" in col) {
        const j = col.index[i];
        if (j === -1) continue;
        const v = col.dict[j];
        if (v === undefined) throw new Error(`field ${k}, facility ${i}: index ${j} outside its dictionary`);
        f[k] = v;
      } else {
        const v = col.values[i];
        if (v !== null) f[k] = v;
      }
    }
    f.lon = x / MICRO;
    f.lat = y / MICRO;
    out[i] = f as unknown as Facility;
  }
  return out;
}
