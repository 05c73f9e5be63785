import { describe, expect, it } from "vitest";
import { projectFromSession, sessionFromProject } from "../../src/app/state/project";
import { INITIAL_SESSION, type SessionState } from "../../src/app/state/session";
import { parseProject, parseSavedSession, serializeProject } from "../../src/core";

const station = { id: "P1", name: "新急救站", type: "ems-station" as const, lon: 112.5, lat: 33.0, proposed: true };
const clinic = { id: "F9", name: "某村卫生室", type: "village-clinic" as const, lon: 112.1, lat: 33.2 };

const nanyang: SessionState = {
  ...INITIAL_SESSION,
  ruleSetId: "all",
  params: { ruralRadiusKm: 15, countySeatRadiusKm: 4 },
  datasets: { nanyang: { fileName: "list.csv", importedAt: "2026-01-01T00:00:00Z", facilities: [clinic] } },
  proposed: { nanyang: [station], yichun: [{ ...station, id: "P7" }] },
  population: { nanyang: [{ code: "411323", population: 450000, kind: "resident" }] },
  demand: { nanyang: { fileName: "villages.csv", points: [{ id: "v1", lon: 111.5, lat: 33.3, weight: 800 }] } },
  urban: {
    nanyang: {
      fileName: "中心城区.geojson",
      polygons: [
        {
          type: "Polygon",
          coordinates: [
            [
              [112.5, 33.0],
              [112.6, 33.0],
              [112.6, 33.1],
              [112.5, 33.0],
            ],
          ],
        },
      ],
    },
  },
  unitPopulation: {
    nanyang: {
      fileName: "towns.csv",
      rows: [
        { code: "411323101", population: 52000 },
        { code: "411323101201", population: 900 },
      ],
    },
  },
  staffing: { nanyang: { fileName: "staff.csv", rows: [{ code: "411323", doctors: 900, gps: 130 }] } },
};

describe("project files and the session", () => {
  it("a city's work survives saving and opening a project file, other cities' work is kept", () => {
    const text = serializeProject(projectFromSession(nanyang, "nanyang"));
    const parsed = parseProject(text, "p.hfp.json");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const other: SessionState = { ...INITIAL_SESSION, cityId: "yichun", proposed: { yichun: [clinic] } };
    const s = sessionFromProject(other, parsed.project, "p.hfp.json", ["nanyang", "all"]);
    expect(s.cityId).toBe("nanyang");
    expect(s.ruleSetId).toBe("all");
    expect(s.params).toEqual({ ruralRadiusKm: 15, countySeatRadiusKm: 4 });
    expect(s.datasets.nanyang?.facilities).toEqual([clinic]);
    expect(s.proposed.nanyang).toEqual([station]);
    expect(s.population.nanyang).toEqual(nanyang.population.nanyang);
    expect(s.demand?.nanyang).toEqual(nanyang.demand?.nanyang);
    expect(s.boundaries?.nanyang).toBeUndefined();
    expect(s.urban?.nanyang).toEqual(nanyang.urban?.nanyang);
    expect(s.unitPopulation?.nanyang).toEqual(nanyang.unitPopulation?.nanyang);
    expect(s.staffing?.nanyang).toEqual(nanyang.staffing?.nanyang);
    expect(s.proposed.yichun).toEqual([clinic]);
  });

  it("the saved session keeps the per-city urban polygons, unit populations and staffing, and refuses a bad code", () => {
    const ok = parseSavedSession(structuredClone(nanyang));
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.state.urban?.nanyang).toEqual(nanyang.urban?.nanyang);
    expect(ok.state.unitPopulation?.nanyang).toEqual(nanyang.unitPopulation?.nanyang);
    expect(ok.state.staffing?.nanyang).toEqual(nanyang.staffing?.nanyang);
    const bad = structuredClone(nanyang);
    bad.unitPopulation!.nanyang!.rows[0].code = "4113";
    const r = parseSavedSession(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.field.includes("unitPopulation") && e.field.includes("code"))).toBe(true);
  });

  it("an unknown rule set falls back to the city's own plans (an empty id), and an empty list means the sample data", () => {
    const project = JSON.parse(serializeProject({ ...projectFromSession(INITIAL_SESSION, "nanyang") }));
    project.ruleSetId = "999";
    const s = sessionFromProject(INITIAL_SESSION, project, "p.json", ["nanyang", "all"]);
    expect(s.ruleSetId).toBe("");
    expect(s.datasets.nanyang).toBeUndefined();
  });
});
