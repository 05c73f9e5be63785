import { FACILITY_TYPES, type FacilityType, SITING_RADIUS_KM } from "../../core";
import type { SuggestForm } from "../components/SuggestPanel";

const MODES: ReadonlySet<string> = new Set(["mclp", "lscp"]);
const METHODS: ReadonlySet<string> = new Set(["auto", "exact", "greedy"]);

/** The Suggest tab's form on a first visit: EMS stations in `county` at the plan's rural `radiusKm`, 3 sites on a grid. */
export function defaultSuggestForm(county: string, radiusKm: number): SuggestForm {
  return {
    county,
    type: "ems-station",
    radiusKm,
    radiusFollowsPlan: true,
    mode: "mclp",
    k: 3,
    targetPct: 100,
    gridKm: 2,
    minSeparationKm: 0,
    method: "auto",
    candidateSource: "grid",
    minutes: 0,
  };
}

/**
 * The Suggest tab's form as it was last left (kept per city over a reload and a change of tab), on top of the
 * defaults: each saved field is taken only when it is of the right kind and in range, so that a stored value of an
 * older build or a hand-edited store cannot break the form.
 */
export function restoredForm(defaults: SuggestForm, saved: unknown): SuggestForm {
  if (typeof saved !== "object" || saved === null) return defaults;
  const s = saved as Record<string, unknown>;
  const num = (k: keyof SuggestForm, min: number, max: number) => {
    const v = s[k];
    return typeof v === "number" && Number.isFinite(v) && v >= min && v <= max ? { [k]: v } : {};
  };
  const isType = (v: unknown): v is FacilityType => typeof v === "string" && FACILITY_TYPES.includes(v as FacilityType);
  return {
    ...defaults,
    ...(typeof s.county === "string" && s.county !== "" ? { county: s.county } : {}),
    ...(isType(s.type) ? { type: s.type } : {}),
    ...num("radiusKm", SITING_RADIUS_KM.min, SITING_RADIUS_KM.max),
    // a form saved before the flag was kept its radius as set
    ...(typeof s.radiusFollowsPlan === "boolean"
      ? { radiusFollowsPlan: s.radiusFollowsPlan }
      : "radiusKm" in num("radiusKm", SITING_RADIUS_KM.min, SITING_RADIUS_KM.max)
        ? { radiusFollowsPlan: false }
        : {}),
    ...(typeof s.mode === "string" && MODES.has(s.mode) ? { mode: s.mode as SuggestForm["mode"] } : {}),
    ...(Number.isInteger(s.k) ? num("k", 1, 30) : {}),
    ...num("targetPct", 1, 100),
    ...num("gridKm", 0.5, 10),
    ...num("minSeparationKm", 0, 50),
    ...(typeof s.method === "string" && METHODS.has(s.method) ? { method: s.method as SuggestForm["method"] } : {}),
    ...(s.candidateSource === "grid" || isType(s.candidateSource)
      ? { candidateSource: s.candidateSource as SuggestForm["candidateSource"] }
      : {}),
    ...num("minutes", 0, 240),
  };
}

/**
 * The form a run sites by: its minutes only while roads are loaded. The minutes are kept in the form over a reload
 * (restoredForm), but the field is shown only with roads: a form kept at 25 minutes, run before the roads were there
 * again, asked the worker for travel time and failed with 「按行车时间选址需先导入路网」 beside no minutes field at all.
 */
export function formToRun(form: SuggestForm, roadsLoaded: boolean): SuggestForm {
  return roadsLoaded || form.minutes === 0 ? form : { ...form, minutes: 0 };
}
