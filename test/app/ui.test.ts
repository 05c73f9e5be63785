import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { INITIAL_UI, reduceUi, type UiState } from "../../src/app/state/ui";

function pointMarks(): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: [{ type: "Feature", geometry: { type: "Point", coordinates: [111.5, 33.4] }, properties: {} }],
  };
}

describe("the interface store", () => {
  it("selecting a violation takes its marks and camera, selects its county; clearing removes the marks", () => {
    const marks = pointMarks();
    let s = reduceUi(INITIAL_UI, {
      type: "selectViolation",
      key: "SUB-15KM|411323|f:F1",
      county: "411323",
      marks,
      camera: { kind: "fly", center: [111.5, 33.4], zoom: 11 },
    });
    expect(s.selectedViolation).toBe("SUB-15KM|411323|f:F1");
    expect(s.selectedCounty).toBe("411323");
    expect(s.marks).toBe(marks);
    expect(s.camera).toMatchObject({ kind: "fly", center: [111.5, 33.4], zoom: 11, seq: 1 });
    s = reduceUi(s, {
      type: "selectViolation",
      key: "COUNTY-3-HOSPITALS|411323|t:x",
      county: "411323",
      marks,
      camera: { kind: "fit", bbox: [111, 33, 112, 34] },
    });
    expect(s.camera).toMatchObject({ kind: "fit", bbox: [111, 33, 112, 34], animate: true, seq: 2 });
    s = reduceUi(s, { type: "clearViolation" });
    expect(s.selectedViolation).toBeNull();
    expect(s.marks.features).toEqual([]);
  });

  it("numbers camera requests so that the same place asked twice moves the map twice", () => {
    const a = reduceUi(INITIAL_UI, { type: "fly", center: [112, 33] });
    const b = reduceUi(a, { type: "fly", center: [112, 33] });
    expect(b.camera?.seq).toBe((a.camera?.seq ?? 0) + 1);
  });

  it("shows points with a margin around them, and ignores an empty list", () => {
    const s = reduceUi(INITIAL_UI, {
      type: "showPoints",
      points: [
        [112, 33],
        [112.5, 33.2],
      ],
    });
    expect(s.camera).toMatchObject({ kind: "fit", bbox: [111.85, 32.88, 112.65, 33.32] });
    // suggested sites have their own mark, numbered in the solver's order
    expect(s.marks.features.map((f) => f.properties)).toEqual([
      { kind: "suggested", rank: 1 },
      { kind: "suggested", rank: 2 },
    ]);
    // an empty list (the suggestions accepted) takes the suggested marks away, the camera stays
    const cleared = reduceUi(s, { type: "showPoints", points: [] });
    expect(cleared.marks.features).toEqual([]);
    expect(cleared.camera).toBe(s.camera);
    expect(reduceUi(cleared, { type: "showPoints", points: [] })).toBe(cleared);
  });

  it("an empty list of points leaves a selected violation's marks alone", () => {
    const marks = {
      type: "FeatureCollection" as const,
      features: [
        {
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [112, 33] },
          properties: { kind: "facility" },
        },
      ],
    };
    const s = reduceUi(INITIAL_UI, { type: "selectViolation", key: "k", county: "411323", marks, camera: null });
    expect(reduceUi(s, { type: "showPoints", points: [] })).toBe(s);
  });

  it("a selected violation's marks are drawn again from a new report; another key's, or none selected, change nothing", () => {
    const old = pointMarks();
    const fresh = pointMarks();
    const s = reduceUi(INITIAL_UI, { type: "selectViolation", key: "k", county: "411323", marks: old, camera: null });
    const r = reduceUi(s, { type: "refreshViolationMarks", key: "k", marks: fresh });
    expect(r.marks).toBe(fresh);
    expect(r.camera).toBe(s.camera);
    expect(reduceUi(s, { type: "refreshViolationMarks", key: "other", marks: fresh })).toBe(s);
    const none = reduceUi(s, { type: "clearViolation" });
    expect(reduceUi(none, { type: "refreshViolationMarks", key: "k", marks: fresh })).toBe(none);
  });

  it("a new city clears the selection and the marks; unchanged values return the same state", () => {
    let s: UiState = reduceUi(INITIAL_UI, { type: "selectCounty", code: "411323" });
    s = reduceUi(s, { type: "showPoints", points: [[112, 33]] });
    s = reduceUi(s, { type: "cityChanged" });
    expect(s.selectedCounty).toBeNull();
    expect(s.marks.features).toEqual([]);
    expect(reduceUi(s, { type: "tab", tab: s.tab })).toBe(s);
    expect(reduceUi(s, { type: "addMode", addType: null })).toBe(s);
  });
  it("keeps the type to add over tab changes; a new choice while adding places the new type, add mode on takes its type", () => {
    let s = reduceUi(INITIAL_UI, { type: "tab", tab: "plan" });
    s = reduceUi(s, { type: "addChoice", addType: "village-clinic" });
    expect([s.addChoice, s.addType]).toEqual(["village-clinic", null]);
    s = reduceUi(reduceUi(s, { type: "tab", tab: "review" }), { type: "tab", tab: "plan" });
    expect(s.addChoice).toBe("village-clinic");
    s = reduceUi(s, { type: "addMode", addType: s.addChoice });
    s = reduceUi(s, { type: "addChoice", addType: "thc" });
    expect([s.addChoice, s.addType]).toEqual(["thc", "thc"]);
    s = reduceUi(s, { type: "addMode", addType: null });
    expect([s.addChoice, s.addType]).toEqual(["thc", null]);
    expect(reduceUi(s, { type: "addChoice", addType: "thc" })).toBe(s);
  });

  it("a selected violation stays on the Plan and Data tabs and goes, with its marks, on the Suggest tab or when suggested sites are shown", () => {
    const marks = pointMarks();
    const selected = reduceUi(INITIAL_UI, { type: "selectViolation", key: "k", county: "411323", marks, camera: null });
    for (const tab of ["plan", "data", "review"] as const) {
      const s = reduceUi(reduceUi(selected, { type: "tab", tab: tab === "review" ? "plan" : tab }), {
        type: "tab",
        tab,
      });
      expect(s.selectedViolation, tab).toBe("k");
      expect(s.marks, tab).toBe(marks);
    }
    const suggest = reduceUi(selected, { type: "tab", tab: "suggest" });
    expect(suggest.selectedViolation).toBeNull();
    expect(suggest.marks.features).toEqual([]);
    expect(suggest.selectedCounty).toBe("411323");
    const shown = reduceUi(selected, { type: "showPoints", points: [[112, 33]] });
    expect(shown.selectedViolation).toBeNull();
    expect(shown.marks.features.every((f) => f.properties?.kind === "suggested")).toBe(true);
  });

  it("keeps the violation list's filters over tab switches and drops them with the city (the re-trial, s48 #9)", () => {
    let s = reduceUi(INITIAL_UI, { type: "violationFilters", filters: { county: "411303", query: "村" } });
    s = reduceUi(s, { type: "violationFilters", filters: { rule: "VC-PER-VILLAGE" } });
    for (const tab of ["plan", "suggest", "data", "review"] as const) s = reduceUi(s, { type: "tab", tab });
    expect(s.violationFilters).toEqual({ rule: "VC-PER-VILLAGE", county: "411303", query: "村", groupBy: "rule" });
    expect(reduceUi(s, { type: "violationFilters", filters: { query: "村" } })).toBe(s);
    expect(reduceUi(s, { type: "cityChanged" }).violationFilters).toEqual(INITIAL_UI.violationFilters);
  });
});
