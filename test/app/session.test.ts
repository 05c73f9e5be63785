import { describe, expect, it } from "vitest";
import { commit, initHistory, redo, replace, undo } from "../../src/app/state/history";
import {
  analysisParams,
  describeStep,
  INITIAL_SESSION,
  newProposedId,
  reduceSession,
  type SessionState,
  toAnalysisParams,
} from "../../src/app/state/session";

const station = { id: "P1", name: "新急救站", type: "ems-station" as const, lon: 112.5, lat: 33.0 };

describe("session reducer", () => {
  it("a list's proposed rows join the city's proposed sites, a clashing id taking the next free one (re-trial s50b M1)", () => {
    // a plan exported and imported on another computer: its proposed rows were counted as existing in the legend and
    // were in no Plan tab, so nothing could be moved or deleted
    const own = reduceSession(INITIAL_SESSION, { type: "addProposed", facility: station });
    const clinic = { id: "P1", name: "规划村卫生室 P1", type: "village-clinic" as const, lon: 112.76, lat: 32.35 };
    const dataset = { fileName: "plan.csv", importedAt: "2026-12-07T09:00:00Z", facilities: [] };
    const s = reduceSession(own, {
      type: "importDataset",
      dataset,
      proposed: [
        { ...clinic, proposed: true },
        { ...clinic, id: "P9", proposed: true },
      ],
    });
    expect(s.datasets.nanyang).toEqual(dataset);
    expect(s.proposed.nanyang?.map((f) => [f.id, f.name, f.proposed])).toEqual([
      ["P1", "新急救站", true],
      ["P2", "规划村卫生室 P1", true],
      ["P9", "规划村卫生室 P1", true],
    ]);
    // a list without proposed rows leaves the sites as they were
    expect(reduceSession(own, { type: "importDataset", dataset }).proposed).toBe(own.proposed);
  });

  it("adds, moves, retypes and removes proposed sites of the current city only", () => {
    let s: SessionState = reduceSession(INITIAL_SESSION, { type: "addProposed", facility: station });
    expect(s.proposed.nanyang).toEqual([{ ...station, proposed: true }]);
    s = reduceSession(s, { type: "moveProposed", id: "P1", lon: 112.6, lat: 33.1 });
    expect(s.proposed.nanyang?.[0]).toMatchObject({ lon: 112.6, lat: 33.1 });
    s = reduceSession(s, { type: "updateProposed", id: "P1", patch: { type: "thc", id: "X" } });
    expect(s.proposed.nanyang?.[0]).toMatchObject({ id: "P1", type: "thc", proposed: true });
    s = reduceSession(s, { type: "city", cityId: "yichun" });
    expect(s.proposed.yichun).toBeUndefined();
    s = reduceSession(s, { type: "city", cityId: "nanyang" });
    s = reduceSession(s, { type: "removeProposed", id: "P1" });
    expect(s.proposed.nanyang).toEqual([]);
  });

  it("a moved site counts where it stands: the county it was accepted for goes with a move, not with a retype", () => {
    let s = reduceSession(INITIAL_SESSION, {
      type: "acceptMany",
      facilities: [
        { ...station, county: "411323" },
        { ...station, id: "P2", county: "411323" },
      ],
    });
    s = reduceSession(s, { type: "updateProposed", id: "P2", patch: { type: "thc" } });
    expect(s.proposed.nanyang?.[1].county).toBe("411323");
    s = reduceSession(s, { type: "moveProposed", id: "P1", lon: 111.9, lat: 33.3 });
    expect(s.proposed.nanyang?.[0]).not.toHaveProperty("county");
    s = reduceSession(s, { type: "updateProposed", id: "P2", patch: { lat: 33.2 } });
    expect(s.proposed.nanyang?.[1]).not.toHaveProperty("county");
  });

  it("names each step for the undo and redo tooltips (the planner trial: they said only 撤销)", () => {
    const s0 = INITIAL_SESSION;
    const s1 = reduceSession(s0, { type: "addProposed", facility: station });
    expect(describeStep(s0, s1)).toEqual({ kind: "add", id: "P1" });
    const s2 = reduceSession(s1, { type: "moveProposed", id: "P1", lon: 112.6, lat: 33.1 });
    expect(describeStep(s1, s2)).toEqual({ kind: "move", id: "P1" });
    // three suggestions accepted at once are one step, named as three (it said 「新增 P2」 alone)
    const many = reduceSession(s1, {
      type: "acceptMany",
      facilities: ["S1", "S2", "S3"].map((id, i) => ({ ...station, id, lon: 112.1 + i * 0.1 })),
    });
    const step = describeStep(s1, many);
    expect(step).toMatchObject({ kind: "add", others: 2 });
    const s3 = reduceSession(s2, { type: "updateProposed", id: "P1", patch: { type: "thc" } });
    expect(describeStep(s2, s3)).toEqual({ kind: "edit", id: "P1" });
    const s4 = reduceSession(s3, { type: "params", patch: { ruralRadiusKm: 15 } });
    expect(describeStep(s3, s4)).toEqual({ kind: "params" });
    const s5 = reduceSession(s4, { type: "removeProposed", id: "P1" });
    expect(describeStep(s4, s5)).toEqual({ kind: "remove", id: "P1" });
    const s6 = reduceSession(s5, {
      type: "importDataset",
      dataset: { fileName: "f.csv", importedAt: "2026-12-05T00:00:00Z", facilities: [] },
    });
    expect(describeStep(s5, s6)).toEqual({ kind: "import", file: "f.csv" });
  });

  it("names the step the same after a reload, when the states share no objects (the planner trial, s40-a #2)", () => {
    // as read back from storage: every state its own copy
    const reload = (x: typeof INITIAL_SESSION) => structuredClone(x);
    let s = INITIAL_SESSION;
    for (const id of ["P1", "P2", "P3", "P4"])
      s = reduceSession(s, { type: "addProposed", facility: { ...station, id } });
    const moved = reduceSession(s, { type: "moveProposed", id: "P4", lon: 111.85, lat: 33.25 });
    expect(describeStep(reload(s), reload(moved))).toEqual({ kind: "move", id: "P4" });
    const imported = reduceSession(moved, {
      type: "importDataset",
      dataset: { fileName: "bad.csv", importedAt: "2026-12-06T00:00:00Z", facilities: [] },
    });
    expect(describeStep(reload(moved), reload(imported))).toEqual({ kind: "import", file: "bad.csv" });
    const params = reduceSession(imported, { type: "params", patch: { ruralRadiusKm: 15 } });
    expect(describeStep(reload(imported), reload(params))).toEqual({ kind: "params" });
    const edited = reduceSession(params, { type: "updateProposed", id: "P2", patch: { type: "thc" } });
    expect(describeStep(reload(params), reload(edited))).toEqual({ kind: "edit", id: "P2" });
  });

  it("undoes a type chosen by hand at import: back to the tool's reading, the trace gone; a refused row's stays", () => {
    const chosen = {
      id: "A1",
      name: "某某医院",
      type: "thc" as const,
      lon: 112.5,
      lat: 33.0,
      typeByHand: true,
      typeInFile: "火星医院",
      typeAsRead: "hospital" as const,
    };
    const refused = { id: "A3", name: "某某站", type: "ems-station" as const, lon: 112.7, lat: 33.2, typeByHand: true };
    const dataset = { fileName: "trial.csv", importedAt: "2026-12-02T06:00:00Z", facilities: [chosen, refused] };
    const s = reduceSession(INITIAL_SESSION, { type: "importDataset", dataset });
    const u = reduceSession(s, { type: "undoTypeChoice", id: "A1" });
    // the tool's reading is a guess again (火星医院 read as a hospital for its 医院), with the file's type text
    expect(u.datasets.nanyang?.facilities[0]).toEqual({
      id: "A1",
      name: "某某医院",
      type: "hospital",
      lon: 112.5,
      lat: 33.0,
      typeGuessed: true,
      typeInFile: "火星医院",
    });
    // a row the tool refused has no reading to go back to: nothing changes
    expect(reduceSession(u, { type: "undoTypeChoice", id: "A3" }).datasets.nanyang?.facilities[1]).toEqual(refused);
    // an undo step of its own: the session's undo brings the choice back
    const h = commit(initHistory(s), u);
    expect(undo(h).present.datasets.nanyang?.facilities[0]).toEqual(chosen);
  });

  it("returns the same object when nothing changes, so history records nothing", () => {
    const a = reduceSession(INITIAL_SESSION, { type: "params", patch: { ruralRadiusKm: 15 } });
    expect(a.params).toEqual({ ruralRadiusKm: 15 });
    const s = reduceSession(a, { type: "params", patch: { ruralRadiusKm: 15 } });
    expect(s).toBe(a);
    const h = commit(initHistory(a), s);
    expect(h.past).toHaveLength(0);
  });

  it("never mutates its input", () => {
    const frozen = structuredClone(INITIAL_SESSION);
    Object.freeze(frozen);
    Object.freeze(frozen.params);
    Object.freeze(frozen.proposed);
    expect(() => reduceSession(frozen, { type: "addProposed", facility: station })).not.toThrow();
    expect(frozen.proposed).toEqual({});
  });

  it("keeps urban polygons, township / village populations and staffing per city; clearing one leaves the rest", () => {
    const square = {
      type: "Polygon" as const,
      coordinates: [
        [
          [112.5, 33.0],
          [112.6, 33.0],
          [112.6, 33.1],
          [112.5, 33.0],
        ],
      ],
    };
    let s = reduceSession(INITIAL_SESSION, {
      type: "importUrban",
      urban: { fileName: "zxcq.geojson", polygons: [square] },
    });
    s = reduceSession(s, {
      type: "importUnitPopulation",
      unitPopulation: { fileName: "towns.csv", rows: [{ code: "411323101", population: 52000 }] },
    });
    s = reduceSession(s, {
      type: "importStaffing",
      staffing: { fileName: "staff.csv", rows: [{ code: "411323", gps: 120 }] },
    });
    expect(s.urban?.nanyang?.fileName).toBe("zxcq.geojson");
    expect(s.unitPopulation?.nanyang?.rows).toHaveLength(1);
    expect(s.staffing?.nanyang?.rows[0].gps).toBe(120);
    // another city has none of them
    const y = reduceSession(s, { type: "city", cityId: "yichun" });
    expect(y.urban?.yichun).toBeUndefined();
    expect(reduceSession(y, { type: "clearUrban" })).toBe(y);
    // back to the default discs for Nanyang; its populations and staffing stay
    const c = reduceSession(s, { type: "clearUrban" });
    expect(c.urban?.nanyang).toBeUndefined();
    expect(c.unitPopulation?.nanyang).toBe(s.unitPopulation?.nanyang);
    expect(reduceSession(c, { type: "clearStaffing" }).staffing?.nanyang).toBeUndefined();
    expect(reduceSession(c, { type: "clearUnitPopulation" }).unitPopulation?.nanyang).toBeUndefined();
  });

  it("another city opens on its own plans: the comparison set chosen for one does not follow (the re-trial, s44)", () => {
    const all = reduceSession({ ...INITIAL_SESSION, cityId: "pingdingshan" }, { type: "ruleSet", ruleSetId: "all" });
    expect(all.ruleSetId).toBe("all");
    expect(reduceSession(all, { type: "city", cityId: "nangong" }).ruleSetId).toBe("");
    expect(reduceSession(all, { type: "city", cityId: "pingdingshan" })).toBe(all);
  });

  it("a planner's parameters stay with their city: 南阳's 10 km rural radius does not judge 宜春, and comes back", () => {
    let s = reduceSession(INITIAL_SESSION, { type: "params", patch: { ruralRadiusKm: 10, crossBorder: false } });
    expect(s.params).toEqual({ ruralRadiusKm: 10, crossBorder: false });
    s = reduceSession(s, { type: "city", cityId: "yichun" });
    expect(s.params).toEqual({});
    s = reduceSession(s, { type: "params", patch: { urbanRadiusKm: 4 } });
    s = reduceSession(s, { type: "city", cityId: "nanyang" });
    expect(s.params).toEqual({ ruralRadiusKm: 10, crossBorder: false });
    s = reduceSession(s, { type: "city", cityId: "yichun" });
    expect(s.params).toEqual({ urbanRadiusKm: 4 });
    // the current city's are in params alone, not kept twice
    expect(s.paramsByCity?.yichun).toBeUndefined();
    expect(s.paramsByCity?.nanyang).toEqual({ ruralRadiusKm: 10, crossBorder: false });
  });

  it("finds a fresh proposed id", () => {
    expect(newProposedId([])).toBe("P1");
    expect(newProposedId([{ ...station, id: "P2" }])).toBe("P3");
    // not an id of the city's list either: the analysis takes both as one list (the bad-files trial, s56b H2)
    expect(newProposedId([{ ...station, id: "P2" }], [{ id: "P3" }, { id: "P4" }, { id: "x" }])).toBe("P5");
  });
});

describe("toAnalysisParams", () => {
  it("passes only what the planner changed, the urban sizes field by field (whole districts are never urban)", () => {
    expect(toAnalysisParams({})).toEqual({});
    expect(toAnalysisParams({ ruralRadiusKm: 15, countySeatRadiusKm: 0 })).toEqual({
      ruralRadiusKm: 15,
      urban: { countySeatRadiusKm: 0 },
    });
  });
});

describe("analysisParams", () => {
  it("adds the city's imported urban polygons and their file to the planner's overrides, keeping the disc sizes", () => {
    const poly = {
      type: "Polygon" as const,
      coordinates: [
        [
          [112, 33],
          [112.1, 33],
          [112.1, 33.1],
          [112, 33],
        ],
      ],
    };
    expect(analysisParams({ ruralRadiusKm: 15 }, undefined)).toEqual({ ruralRadiusKm: 15 });
    expect(analysisParams({ countySeatRadiusKm: 3 }, { fileName: "u.kml", polygons: [poly] })).toEqual({
      urban: { countySeatRadiusKm: 3, polygons: [poly], polygonsSource: "u.kml" },
    });
  });
});

describe("history", () => {
  it("undoes and redoes; a drag's intermediate states are not recorded", () => {
    let h = initHistory(1);
    h = commit(h, 2);
    h = replace(h, 3);
    h = replace(h, 4);
    expect(h.past).toEqual([1]);
    h = commit(h, 5);
    h = undo(h);
    expect(h.present).toBe(4);
    h = undo(h);
    expect(h.present).toBe(1);
    h = redo(h);
    expect(h.present).toBe(4);
    h = commit(h, 9);
    expect(h.future).toEqual([]);
  });
});

describe("LatestOnly", () => {
  it("runs at most one job at a time, skips superseded ones, and says when more are pending", async () => {
    const { LatestOnly } = await import("../../src/app/state/analysis-client");
    const seen: Array<[number, boolean]> = [];
    let release: () => void = () => {};
    const q = new LatestOnly<number>(
      (v, more) => seen.push([v, more]),
      () => {},
    );
    const gate = new Promise<void>((r) => {
      release = r;
    });
    q.submit(async () => {
      await gate;
      return 1;
    });
    q.submit(async () => 2); // superseded before it starts
    q.submit(async () => 3);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([
      [1, true],
      [3, false],
    ]);
  });

  it("after supersede (a load sent past it), drops the waiting job and the answer in flight, and runs the next", async () => {
    const { LatestOnly } = await import("../../src/app/state/analysis-client");
    const seen: Array<[string, boolean]> = [];
    const ran: string[] = [];
    const errors: unknown[] = [];
    let release: () => void = () => {};
    const q = new LatestOnly<string>(
      (v, more) => seen.push([v, more]),
      (e) => errors.push(e),
    );
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const job = (v: string) => async () => {
      ran.push(v);
      if (v === "params of the last city") await gate;
      return v;
    };
    // a city switch: new parameters go to the last city's analysis, its empty list waits behind them
    q.submit(job("params of the last city"));
    q.submit(job("the last city's empty list"));
    // the next city's load goes to the worker directly, after them
    q.supersede();
    q.submit(job("an edit after the load"));
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(["params of the last city", "an edit after the load"]);
    expect(seen).toEqual([["an edit after the load", false]]);
    // an error of a job from before the load is not the page's either
    let fail: () => void = () => {};
    const failing = new Promise<void>((r) => {
      fail = r;
    });
    q.submit(async () => {
      await failing;
      throw new Error("stale");
    });
    q.supersede();
    fail();
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual([]);
  });
});
