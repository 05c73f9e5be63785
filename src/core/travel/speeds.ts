import type { RowIssue } from "../io/types";
import { z } from "../zod";

/**
 * Travel speeds by road class, in km/h, and the off-road speed for the stretch between a road and a
 * point. A plain JSON-able object: the CLI reads it from a file, the app edits it.
 * Keys of `classes` are matched after {@link normalizeRoadClass} (trimmed, lower case, spaces and
 * `-` as `_`), so "Motorway" and "motorway" are the same class.
 */
export interface SpeedTable {
  classes: Record<string, number>;
  /** Speed off the road network (walking or driving across country), km/h. */
  offroadKmh: number;
}

/** Highest speed (km/h) a table or a feature may give; higher values are taken as a unit mistake. */
export const MAX_SPEED_KMH = 200;

/**
 * Default speeds (km/h). They are defaults a user should replace with local figures; see
 * docs/travel-time.md for what each number rests on (JTG B01-2014 and CJJ 37 design speeds, the OSM
 * tagging of Chinese roads, Tobler's walking speed on flat ground).
 */
export const DEFAULT_SPEEDS: SpeedTable = {
  classes: {
    高速公路: 100,
    一级公路: 80,
    二级公路: 60,
    三级公路: 30,
    四级公路: 20,
    国道: 80,
    省道: 60,
    县道: 30,
    乡道: 20,
    村道: 20,
    城市快速路: 80,
    主干路: 50,
    次干路: 40,
    支路: 30,
    motorway: 100,
    motorway_link: 60,
    trunk: 80,
    trunk_link: 40,
    primary: 60,
    primary_link: 40,
    secondary: 40,
    secondary_link: 30,
    tertiary: 30,
    tertiary_link: 20,
    unclassified: 20,
    residential: 20,
    living_street: 10,
    service: 15,
    track: 15,
    road: 20,
  },
  offroadKmh: 5,
};

/** Other spellings of the Chinese classes, mapped to the table's keys. */
const ALIASES: Record<string, string> = {
  高速: "高速公路",
  高速路: "高速公路",
  一级: "一级公路",
  二级: "二级公路",
  三级: "三级公路",
  四级: "四级公路",
  快速路: "城市快速路",
  城市主干路: "主干路",
  主干道: "主干路",
  城市次干路: "次干路",
  次干道: "次干路",
  城市支路: "支路",
};

/** The form in which class names are compared: trimmed, lower case, runs of spaces or `-` as `_`, aliases resolved. */
export function normalizeRoadClass(value: string): string {
  const s = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return ALIASES[s] ?? s;
}

const speed = z
  .number({ error: `必须是数字 / must be a number` })
  .refine((v) => Number.isFinite(v) && v > 0 && v <= MAX_SPEED_KMH, {
    error: `必须大于 0 且不超过 ${MAX_SPEED_KMH} km/h / must be > 0 and ≤ ${MAX_SPEED_KMH} km/h`,
  });

/** zod schema of a speed table file. */
export const speedTableSchema = z.strictObject({
  classes: z.record(z.string().min(1), speed),
  offroadKmh: speed,
});

function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, k) => (typeof p === "number" ? `[${p}]` : k === 0 ? String(p) : `["${String(p)}"]`)).join("");
}

/**
 * Validates a speed table read from JSON. Errors name the file and the key (e.g. `classes["国道"]`);
 * class names are normalised, and two keys that normalise to the same class are an error.
 */
export function parseSpeedTable(
  json: unknown,
  file = "speeds.json",
): { ok: true; value: SpeedTable } | { ok: false; errors: RowIssue[] } {
  const parsed = speedTableSchema.safeParse(json);
  const issue = (field: string, zh: string, en: string): RowIssue => ({
    file,
    row: 0,
    field,
    message: { zh, en },
    severity: "error",
    code: "bad-speed",
  });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const field = keyPath(i.path) || "(root)";
        const [zh, en] = i.message.includes(" / ") ? i.message.split(" / ") : [i.message, i.message];
        return issue(field, `${file} 的 ${field}：${zh}`, `${file}, ${field}: ${en}`);
      }),
    };
  }
  const classes: Record<string, number> = {};
  const from: Record<string, string> = {};
  const errors: RowIssue[] = [];
  for (const [key, v] of Object.entries(parsed.data.classes)) {
    const norm = normalizeRoadClass(key);
    if (from[norm] !== undefined) {
      errors.push(
        issue(
          `classes["${key}"]`,
          `${file} 的 classes["${key}"] 与 classes["${from[norm]}"] 是同一道路等级`,
          `${file}, classes["${key}"]: the same road class as classes["${from[norm]}"]`,
        ),
      );
      continue;
    }
    from[norm] = key;
    classes[norm] = v;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { classes, offroadKmh: parsed.data.offroadKmh } };
}

/** A table's classes keyed by their normalised names (for lookups). */
export function normalizedClasses(table: SpeedTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(table.classes)) out.set(normalizeRoadClass(k), v);
  return out;
}
