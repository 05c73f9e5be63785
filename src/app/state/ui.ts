import type { FeatureCollection } from "geojson";
import { useEffect, useReducer } from "react";
import type { FacilityType } from "../../core";
import { type CameraTarget, suggestedMarks } from "../map/marks";
import { loadPref, PLACE_PREFS, savePref } from "../persist";

export type Tab = "review" | "plan" | "suggest" | "data";

/** [west, south, east, north], degrees. */
type BBox = [number, number, number, number];

export const TABS: readonly Tab[] = ["review", "plan", "suggest", "data"];

/** Where the map should look next; `seq` makes a repeat of the same request a new one. */
export type CameraRequest =
  | { kind: "fit"; bbox: [number, number, number, number]; animate: boolean; seq: number }
  | { kind: "fly"; center: [number, number]; zoom: number; seq: number };

/**
 * The violation list's filters: rule, county (a code, 「listed」 for an imported list's counties, or all), the search
 * text and the grouping. Kept here, not in the list, so that leaving the 审查 tab to site a facility and coming back
 * finds the list as it was left (the list is unmounted with its tab).
 */
export interface ViolationFilters {
  rule: string;
  county: string;
  query: string;
  groupBy: "rule" | "county";
}

export const NO_VIOLATION_FILTERS: ViolationFilters = { rule: "", county: "", query: "", groupBy: "rule" };

/** What the interface shows and how it is being used; none of it is the planner's work (that is the session). */
export interface UiState {
  tab: Tab;
  selectedCounty: string | null;
  /** The selected violation by its stable key (see core's violationKeys), not by list position. */
  selectedViolation: string | null;
  /** Add mode: the facility type a map click places, or null. */
  addType: FacilityType | null;
  /**
   * The type the Plan tab's 「新增类型」 shows, kept here so that it survives leaving the tab (a trial found it back at
   * 急救站 each time); add mode on takes this type.
   */
  addChoice: FacilityType;
  showSettings: boolean;
  toast: string | null;
  error: string | null;
  camera: CameraRequest | null;
  /** Points marked on the map: the selected violation's place or suggested sites. */
  marks: FeatureCollection;
  /** The violation list's filters, over tab switches; a new city starts without them. */
  violationFilters: ViolationFilters;
}

export type UiAction =
  | { type: "tab"; tab: Tab }
  | { type: "selectCounty"; code: string | null; bbox?: BBox }
  | { type: "selectViolation"; key: string; county: string; marks: FeatureCollection; camera: CameraTarget | null }
  | { type: "clearViolation" }
  /** The selected violation's marks drawn again from a new report (its gaps moved with an edit); the camera stays. */
  | { type: "refreshViolationMarks"; key: string; marks: FeatureCollection }
  /** `keepView`: marked without moving the map (a suggestion restored after a reload keeps the view left). */
  | { type: "showPoints"; points: Array<[number, number]>; keepView?: boolean }
  | { type: "addMode"; addType: FacilityType | null }
  | { type: "addChoice"; addType: FacilityType }
  | { type: "toggleSettings" }
  | { type: "toast"; text: string | null }
  | { type: "error"; text: string | null }
  | { type: "fit"; bbox: BBox; animate?: boolean }
  | { type: "fly"; center: [number, number]; zoom?: number }
  | { type: "marks"; marks: FeatureCollection }
  | { type: "violationFilters"; filters: Partial<ViolationFilters> }
  | { type: "cityChanged" };

export const EMPTY_FC: FeatureCollection = { type: "FeatureCollection", features: [] };

export const INITIAL_UI: UiState = {
  tab: "review",
  selectedCounty: null,
  selectedViolation: null,
  addType: null,
  addChoice: "ems-station",
  showSettings: false,
  toast: null,
  error: null,
  camera: null,
  marks: EMPTY_FC,
  violationFilters: NO_VIOLATION_FILTERS,
};

/** Pure reducer of the interface state; returns the same object when nothing changes. */
export function reduceUi(s: UiState, a: UiAction): UiState {
  const seq = (s.camera?.seq ?? 0) + 1;
  switch (a.type) {
    case "tab":
      if (a.tab === s.tab) return s;
      // the Suggest tab's sites take the map's marks: a selected violation is given up there (see App)
      return a.tab === "suggest" && s.selectedViolation !== null
        ? { ...s, tab: a.tab, selectedViolation: null, marks: EMPTY_FC }
        : { ...s, tab: a.tab };
    case "selectCounty":
      return {
        ...s,
        selectedCounty: a.code,
        ...(a.bbox ? { camera: { kind: "fit", bbox: a.bbox, animate: true, seq } } : {}),
      };
    case "selectViolation":
      return {
        ...s,
        selectedViolation: a.key,
        selectedCounty: a.county,
        marks: a.marks,
        camera: a.camera ? { ...a.camera, ...(a.camera.kind === "fit" ? { animate: true } : {}), seq } : s.camera,
      } as UiState;
    case "clearViolation":
      return { ...s, selectedViolation: null, marks: EMPTY_FC };
    case "refreshViolationMarks":
      return s.selectedViolation === a.key ? { ...s, marks: a.marks } : s;
    case "showPoints": {
      // no points: the suggested sites' marks go (accepted or dismissed); a selected violation's marks stay
      if (a.points.length === 0)
        return s.marks.features.some((f) => f.properties?.kind === "suggested") ? { ...s, marks: EMPTY_FC } : s;
      // restored, it does not take a selected violation's marks
      if (a.keepView) return s.selectedViolation ? s : { ...s, marks: suggestedMarks(a.points) };
      const xs = a.points.map((p) => p[0]);
      const ys = a.points.map((p) => p[1]);
      const bbox: BBox = [
        Math.min(...xs) - 0.15,
        Math.min(...ys) - 0.12,
        Math.max(...xs) + 0.15,
        Math.max(...ys) + 0.12,
      ];
      return {
        ...s,
        selectedViolation: null,
        marks: suggestedMarks(a.points),
        camera: { kind: "fit", bbox, animate: true, seq },
      };
    }
    case "addMode":
      if (a.addType === s.addType) return s;
      return a.addType ? { ...s, addType: a.addType, addChoice: a.addType } : { ...s, addType: null };
    case "addChoice":
      // a new choice while adding: the clicks place the new type
      if (a.addType === s.addChoice) return s;
      return { ...s, addChoice: a.addType, ...(s.addType ? { addType: a.addType } : {}) };
    case "toggleSettings":
      return { ...s, showSettings: !s.showSettings };
    case "toast":
      return a.text === s.toast ? s : { ...s, toast: a.text };
    case "error":
      return a.text === s.error ? s : { ...s, error: a.text };
    case "fit":
      return { ...s, camera: { kind: "fit", bbox: a.bbox, animate: a.animate ?? true, seq } };
    case "fly":
      return { ...s, camera: { kind: "fly", center: a.center, zoom: a.zoom ?? 11, seq } };
    case "marks":
      return { ...s, marks: a.marks };
    case "violationFilters": {
      const next = { ...s.violationFilters, ...a.filters };
      const same = (Object.keys(next) as Array<keyof ViolationFilters>).every((k) => next[k] === s.violationFilters[k]);
      return same ? s : { ...s, violationFilters: next };
    }
    case "cityChanged":
      // another city's counties and rules: the list's county and rule filters would name none of them
      return {
        ...s,
        selectedCounty: null,
        selectedViolation: null,
        marks: EMPTY_FC,
        violationFilters: NO_VIOLATION_FILTERS,
      };
  }
}

/** The tab the app opened on last, kept over a reload (the planner trial: every reload went back to 审查). */
function savedTab(): Tab {
  return loadPref<Tab>(PLACE_PREFS.tab, "review", (v) => TABS.includes(v as Tab));
}

/** Keeps the tab in use for the next start. */
function useTabMemory(tab: Tab) {
  useEffect(() => savePref(PLACE_PREFS.tab, tab), [tab]);
}

/** The interface store: one reducer for tab, selection, modes, messages and map requests. */
export function useUi() {
  // the tab of the last visit (a reload kept the work but went back to 审查)
  const [ui, dispatch] = useReducer(reduceUi, INITIAL_UI, (s) => ({ ...s, tab: savedTab() }));
  useTabMemory(ui.tab);
  // a toast goes after 4 s
  useEffect(() => {
    if (!ui.toast) return;
    const id = setTimeout(() => dispatch({ type: "toast", text: null }), 4000);
    return () => clearTimeout(id);
  }, [ui.toast]);
  return [ui, dispatch] as const;
}
