import { describe, expect, it } from "vitest";
import { projectFromSession, sessionFromProject } from "../../src/app/state/project";
import { INITIAL_SESSION, type SessionState } from "../../src/app/state/session";
import { parseProject, serializeProject } from "../../src/core";

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
    expect(s.proposed.yichun).toEqual([clinic]);
  });

  it("an unknown rule set falls back to the city's own plans (an empty id), and an empty list means the sample data", () => {
    const project = JSON.parse(serializeProject({ ...projectFromSession(INITIAL_SESSION, "nanyang") }));
    project.ruleSetId = "999";
    const s = sessionFromProject(INITIAL_SESSION, project, "p.json", ["nanyang", "all"]);
    expect(s.ruleSetId).toBe("");
    expect(s.datasets.nanyang).toBeUndefined();
  });
});
