import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  analyze,
  type CountyFeature,
  type CountyProps,
  type Divisions,
  type Facility,
  type FacilityType,
  planCountySiting,
  RuleSetSchema,
  resolveParams,
} from "../../../src/core";

/**
 * An EMS siting counts as existing coverage the points the rule set's EMS network counts, as its checks do. Under 002
 * (南宫) line 201 「各乡镇卫生院、社区服务中心设立急救点」 makes every THC and CHC of 南宫市 an 急救点, and EMS-TIERS counts them;
 * the user trial's suggestion counted the EMS stations alone and proposed 2 stations in gaps the plan's own 急救点 cover.
 * Elsewhere the network is what the radius rule counts, as before.
 */

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const load = (city: string) => {
  const counties = readJson(`geodata/counties-${city}.geojson`) as FeatureCollection<
    Polygon | MultiPolygon,
    CountyProps
  >;
  const facilities: Facility[] = (
    readJson(`geodata/scenario-${city}.geojson`) as FeatureCollection<Point, Facility>
  ).features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
  const ruleSet = RuleSetSchema.parse(readJson(`seeds/ruleset-${city}.json`));
  return { counties, facilities, ruleSet };
};

const plan = (
  c: ReturnType<typeof load>,
  county: string,
  opts: { crossBorder?: boolean; facilities?: Facility[]; type?: FacilityType } = {},
) => {
  const p = planCountySiting({
    counties: c.counties.features as CountyFeature[],
    county,
    facilities: opts.facilities ?? c.facilities,
    ruleSet: c.ruleSet,
    params: resolveParams(c.ruleSet, opts.crossBorder ? { crossBorder: true } : {}, c.ruleSet.scope?.city ?? "nanyang"),
    type: opts.type ?? "ems-station",
    radiusKm: 10,
    objective: { kind: "mclp", k: 2 },
    candidates: { kind: "grid", gridKm: 5 },
  });
  if (p.kind !== "problem") throw new Error(p.kind);
  return p;
};

describe("the existing EMS coverage a siting counts is the rule set's network", () => {
  const nangong = load("nangong");
  const inNangong = (types: string[]) =>
    nangong.facilities.filter((f) => f.county === "130581" && types.includes(f.type)).map((f) => f.id);
  const thcsAndChcs = inNangong(["thc", "central-thc", "sub-centre", "chc"]);

  it("南宫 (002:201): its THCs and CHCs are existing 急救点 beside its EMS stations and 120 centre", () => {
    expect(thcsAndChcs.length).toBeGreaterThan(10);
    const p = plan(nangong, "130581");
    // the reference: the sample file's facilities of 南宫市 by type, not the code's own sets
    const expected = inNangong([
      "ems-centre",
      "ems-dispatch",
      "ems-station",
      "thc",
      "central-thc",
      "sub-centre",
      "chc",
    ]);
    expect(p.built.problem.existing.map((e) => e.id).sort()).toEqual(expected.sort());
    expect(p.network?.count).toBe(expected.length);
    expect(p.network?.points).toEqual({
      count: thcsAndChcs.length,
      types: ["thc", "central-thc", "sub-centre", "chc"],
      cite: "002:201",
    });
    expect(p.network?.note.zh).toBe(
      `现有急救点 ${expected.length} 个计为已覆盖（含按 002:201 设立急救点的乡镇卫生院、中心乡镇卫生院、县域医疗卫生次中心、社区卫生服务中心 ${thcsAndChcs.length} 个）`,
    );
    expect(p.network?.note.en).toBe(
      `${expected.length} existing EMS points counted as covering already, including ${thcsAndChcs.length} made 急救点 by 002:201 (township health centre/central township health centre/county sub-centre/community health service centre)`,
    );
  });

  it("the same 急救点 the EMS-TIERS check counts for 南宫市", () => {
    const report = analyze({
      ...nangong,
      divisions: readJson("geodata/divisions-nangong.json") as Divisions,
    });
    const tiers = report.counties.find((c) => c.code === "130581")?.checks.find((k) => k.rule === "EMS-TIERS");
    // and the county's stations, as siting counts them (the planner trial, s54d M1: a 120 centre's 5 stations unsaid)
    const stations = inNangong(["ems-station"]);
    expect(stations.length).toBeGreaterThan(0);
    expect(tiers?.message.zh).toContain(
      `本县急救网络另有急救站 ${stations.length} 个、急救点 ${thcsAndChcs.length} 个`,
    );
    expect(tiers?.message.en).toContain(
      `the county's network also has ${stations.length} EMS stations and ${thcsAndChcs.length} 急救点`,
    );
    expect(plan(nangong, "130581").network?.points?.count).toBe(thcsAndChcs.length);
  });

  it("a neighbour's THC is no 急救点 of 南宫市 with cross-border cover: only its EMS points count", () => {
    const p = plan(nangong, "130581", { crossBorder: true });
    const ids = new Set(p.built.problem.existing.map((e) => e.id));
    const byId = new Map(nangong.facilities.map((f) => [f.id, f]));
    const foreign = [...ids].map((id) => byId.get(id)!).filter((f) => f.county !== "130581");
    expect(foreign.length).toBeGreaterThan(0);
    for (const f of foreign) expect(["ems-centre", "ems-dispatch", "ems-station"], f.id).toContain(f.type);
  });

  it("a county 002 does not bind (邢台's other units) has no 急救点 by 002:201: its EMS points alone", () => {
    // a 县 (a district's network would take in the city's other districts) with THCs
    const other = nangong.counties.features.find(
      (f) =>
        f.properties.code !== "130581" &&
        f.properties.kind === "county" &&
        nangong.facilities.some((x) => x.county === f.properties.code && x.type === "thc"),
    )!.properties.code;
    const theirs = (types: string[]) =>
      nangong.facilities.filter((f) => f.county === other && types.includes(f.type)).map((f) => f.id);
    expect(theirs(["thc", "central-thc", "chc"]).length).toBeGreaterThan(0);
    const p = plan(nangong, other);
    expect(p.built.problem.existing.map((e) => e.id).sort()).toEqual(
      theirs(["ems-centre", "ems-dispatch", "ems-station"]).sort(),
    );
    expect(p.network?.points).toBeUndefined();
  });

  it("siting another type counts that type alone, and says nothing of the EMS network", () => {
    const p = plan(nangong, "130581", { type: "thc" });
    expect(p.built.problem.existing.map((e) => e.id).sort()).toEqual(inNangong(["thc"]).sort());
    expect(p.network).toBeUndefined();
  });

  it("南阳 and 宜春: the radius rule's network as before (南阳's stations and centres; 宜春's THCs by 004:439)", () => {
    for (const [city, county, types] of [
      ["nanyang", "411323", ["ems-centre", "ems-station"]],
      ["yichun", "360922", ["ems-centre", "ems-station", "sub-centre", "central-thc", "thc"]],
    ] as const) {
      const c = load(city);
      const p = plan(c, county);
      const expected = c.facilities
        .filter((f) => f.county === county && (types as readonly string[]).includes(f.type))
        .map((f) => f.id);
      // the county has points of the network's own types (宜春's THCs among them), not only stations
      const present = new Set(expected.map((id) => c.facilities.find((f) => f.id === id)?.type));
      expect(present.has(city === "yichun" ? "thc" : "ems-station"), city).toBe(true);
      expect(p.built.problem.existing.map((e) => e.id).sort(), city).toEqual(expected.sort());
      expect(p.network?.points, city).toBeUndefined();
    }
  });
});

describe("proposed stations counted as existing are said to be unbuilt (the user trial, s50 M3)", () => {
  it("桐柏县 with two proposed stations: 11 counted, 2 of them planned, the coverage before not today's", () => {
    const nanyang = load("nanyang");
    const own = nanyang.facilities.filter(
      // the points EMS-RURAL counts: centres and stations (a 120 dispatch centre is no 急救点)
      (f) => f.county === "411330" && ["ems-centre", "ems-station"].includes(f.type),
    );
    const proposed: Facility[] = [
      {
        id: "P1",
        name: "规划急救站 P1",
        type: "ems-station",
        lon: 113.58,
        lat: 32.566,
        county: "411330",
        proposed: true,
      },
      {
        id: "P2",
        name: "规划急救站 P2",
        type: "ems-station",
        lon: 113.2,
        lat: 32.45,
        county: "411330",
        proposed: true,
      },
    ];
    const before = plan(nanyang, "411330");
    expect(before.network?.count).toBe(own.length);
    expect(before.network?.planned).toBeUndefined();
    expect(before.network?.note.zh).not.toContain("规划新增");
    const p = plan(nanyang, "411330", { facilities: [...nanyang.facilities, ...proposed] });
    expect(p.network?.count).toBe(own.length + 2);
    expect(p.network?.planned).toBe(2);
    expect(p.network?.note.zh).toMatch(new RegExp(`^现有急救点 ${own.length + 2} 个计为已覆盖（`));
    expect(p.network?.note.zh).toContain("；其中 2 个为规划新增站点（尚未建成），“选址前”的覆盖率含其覆盖，并非现状");
    expect(p.network?.note.en).toContain("2 of them are proposed sites of the plan, not yet built");
  });
});
