import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "@placemarkio/check-geojson";
import gcoord from "gcoord";
import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import {
  TWO_COUNTIES as boundaries,
  cli,
  EMS_IN_990001,
  FIXTURES as fixtures,
  readJson,
  ROOT as root,
  suggestArgs,
  workDir,
} from "./run";

const scenario = join(root, "geodata/scenario-nanyang.geojson");
const work = workDir("cli-suggest-");

const geod = geographiclib.Geodesic.WGS84;
/** Geodesic distance in km (geographiclib, WGS84): the reference, independent of the code under test. */
function km(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (geod.Inverse(lat1, lon1, lat2, lon2).s12 as number) / 1000;
}

type Ring = number[][];
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const counties = readJson(boundaries).features as Array<{
  properties: { code: string };
  geometry: { coordinates: Ring[] };
}>;
const ringOf = (code: string) => counties.find((c) => c.properties.code === code)?.geometry.coordinates[0] as Ring;

interface Site {
  lon: number;
  lat: number;
  gain: number;
  gainShare: number;
  county: string;
}

describe("cli suggest", () => {
  it("--help lists the suggest options in Chinese and English", async () => {
    const r = await cli("suggest", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("--target-share");
    expect(r.out).toContain("--central-thc");
    expect(r.out).toContain("最少新站点");
    const top = await cli("--help");
    expect(top.out).toContain("suggest");
  });

  it("greedy MCLP over two counties: gains non-increasing, sites inside, separation kept, coverage matches a geodesic reference", async () => {
    const out = join(work, "greedy");
    const r = await cli(
      ...suggestArgs(
        {
          facilities: join(fixtures, "facilities-good.csv"),
          boundaries,
          type: "ems-station",
          radiusKm: 8,
          add: 4,
          gridKm: 2,
          method: "greedy",
          out,
        },
        "--min-separation-km",
        "12",
      ),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/990001 甲县: 4 个新站点，全县覆盖率 [\d.]+% → [\d.]+%（启发式）/);
    const rep = readJson(join(out, "suggest-report.json"));
    expect(rep.status).toBe("heuristic");
    expect(rep.method).toBe("greedy");
    expect(rep.coveredShareAfter).toBeGreaterThanOrEqual(rep.coveredShareBefore);
    expect(rep.counties).toHaveLength(2);
    const sites = rep.sites as Site[];
    expect(sites).toHaveLength(8);
    // gainShare over the combined weight adds up to the coverage increase
    const sumShare = sites.reduce((a, s) => a + s.gainShare, 0);
    expect(sumShare).toBeCloseTo(rep.coveredShareAfter - rep.coveredShareBefore, 9);
    for (const c of rep.counties) {
      const g = (c.sites as Site[]).map((s) => s.gain);
      for (let i = 1; i < g.length; i++) expect(g[i]).toBeLessThanOrEqual(g[i - 1] + 1e-9);
      expect(c.coveredShareAfter).toBeGreaterThanOrEqual(c.coveredShareBefore);
      expect(c.curve[c.curve.length - 1].coveredShare).toBeCloseTo(c.coveredShareAfter, 12);
    }
    for (const s of sites) expect(inRing(s.lon, s.lat, ringOf(s.county))).toBe(true);
    for (let i = 0; i < sites.length; i++)
      for (let j = i + 1; j < sites.length; j++)
        expect(km(sites[i].lon, sites[i].lat, sites[j].lon, sites[j].lat)).toBeGreaterThanOrEqual(12);

    // Existing EMS stations of 甲县 (a2, a3; 8 km): area share from a fine lon/lat sample, weights ∝ cos(lat).
    const ring = ringOf("990001");
    let w = 0;
    let cov = 0;
    const n = 160;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const lon = 112.0 + ((i + 0.5) * 0.5) / n;
        const lat = 32.8 + ((j + 0.5) * 0.4) / n;
        if (!inRing(lon, lat, ring)) continue;
        const a = Math.cos((lat * Math.PI) / 180);
        w += a;
        if (km(lon, lat, 112.2, 33.05) <= 8 || km(lon, lat, 112.4, 32.9) <= 8) cov += a;
      }
    const jia = rep.counties.find((c: { code: string }) => c.code === "990001");
    expect(Math.abs(jia.coveredShareBefore - cov / w)).toBeLessThan(0.01);
    // 乙区's EMS centre (b1) is an existing site of the network, as the coverage check counts it (the GIS trial:
    // siting a station counted the stations only, and proposed one 3 km from a county's 120 centre)
    const ringB = ringOf("990002");
    let wB = 0;
    let covB = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const lon = 112.5 + ((i + 0.5) * 0.5) / n;
        const lat = 32.8 + ((j + 0.5) * 0.4) / n;
        if (!inRing(lon, lat, ringB)) continue;
        const a = Math.cos((lat * Math.PI) / 180);
        wB += a;
        if (km(lon, lat, 112.75, 33.0) <= 8) covB += a;
      }
    const yi = rep.counties.find((c: { code: string }) => c.code === "990002");
    expect(covB).toBeGreaterThan(0);
    expect(Math.abs(yi.coveredShareBefore - covB / wB)).toBeLessThan(0.01);

    const text = readFileSync(join(out, "suggestions.geojson"), "utf8");
    expect(() => check(text)).not.toThrow();
    const fc = JSON.parse(text);
    expect(fc.status).toBe("heuristic");
    expect(fc.params.radiusKm).toBe(8);
    expect(typeof fc.generatedAt).toBe("string");
    expect(fc.features.map((f: { properties: { rank: number } }) => f.properties.rank)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    for (const f of fc.features)
      expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(["rank", "gain", "gainShare", "county"]));
    // named as the app names an accepted suggestion: read back as a list, no site is nameless (the CLI trial, s54b M7)
    expect(
      fc.features.map((f: { properties: { id: string; name: string } }) => [f.properties.id, f.properties.name])[0],
    ).toEqual(["S1", "建议急救站 S1"]);
    const back = await cli(
      "analyze",
      "--facilities",
      join(out, "suggestions.geojson"),
      "--boundaries",
      boundaries,
      "--out",
      join(out, "back"),
    );
    expect(back.code, back.err).not.toBe(2);
    expect(`${back.out}${back.err}`).not.toContain("名称为空");
  });

  it("exact MCLP on one county is optimal and at least as good as greedy", async () => {
    const facilities = join(fixtures, "facilities-good.csv");
    const common = { facilities, boundaries, county: "990001", type: "急救站", radiusKm: 8, add: 3, gridKm: 3 };
    const [ex, gr] = await Promise.all([
      cli(...suggestArgs({ ...common, method: "exact", out: join(work, "exact") })),
      cli(...suggestArgs({ ...common, method: "greedy", out: join(work, "exact-greedy") })),
    ]);
    expect(ex.code).toBe(0);
    expect(gr.code).toBe(0);
    const e = readJson(join(work, "exact", "suggest-report.json"));
    const g = readJson(join(work, "exact-greedy", "suggest-report.json"));
    expect(e.status).toBe("optimal");
    expect(e.counties).toHaveLength(1);
    expect(e.sites).toHaveLength(3);
    expect(e.coveredShareAfter).toBeGreaterThanOrEqual(g.coveredShareAfter - 1e-12);
    expect(e.bound).toBeGreaterThanOrEqual(e.objective - 1e-6);
    expect(g.bound).toBeGreaterThanOrEqual(e.objective - 1e-6); // greedy's upper bound holds for the optimum
    expect(e.coveredShareBefore).toBeCloseTo(g.coveredShareBefore, 12);
    // every share on screen to 0.1 (the planner trial: the grid line printed 「37%」 beside 「37.0%」)
    const grid = ex.out.split("\n").find((l) => l.includes("核查网格"));
    expect(grid).toMatch(/全县覆盖率 \d+\.\d% → \d+\.\d%，/);
  });

  it("LSCP: reaches a feasible target; full coverage from a coarse grid with a small radius is infeasible with a reason", async () => {
    const common = {
      ...EMS_IN_990001,
    };
    const [ok, inf] = await Promise.all([
      cli(...suggestArgs({ ...common, radiusKm: 10, gridKm: 3, out: join(work, "lscp") }, "--target-share", "0.6")),
      cli(...suggestArgs({ ...common, radiusKm: 2, gridKm: 6, out: join(work, "lscp-inf") }, "--target-share", "1")),
    ]);
    expect(ok.code).toBe(0);
    const a = readJson(join(work, "lscp", "suggest-report.json"));
    expect(a.coveredShareAfter).toBeGreaterThanOrEqual(0.6);
    expect(a.objective).toBe(a.sites.length);
    expect(inf.code).toBe(0);
    expect(inf.out).toContain("无可行解");
    const b = readJson(join(work, "lscp-inf", "suggest-report.json"));
    expect(b.status).toBe("infeasible");
    expect(b.statusMessage.en).toMatch(/cannot be reached/);
    expect(b.statusMessage.zh).toMatch(/无法达到/);
    expect(b.sites).toEqual([]);
  });

  it("--candidates: picks from the file only, warns about one outside the county, matches a brute-force best pair", async () => {
    const out = join(work, "cand");
    const r = await cli(
      ...suggestArgs(
        {
          ...EMS_IN_990001,
          radiusKm: 8,
          add: 2,
          out,
        },
        "--candidates",
        join(fixtures, "suggest-candidates.csv"),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: suggest-candidates\.csv: .*outside the selected counties.*k5/);
    const rep = readJson(join(out, "suggest-report.json"));
    expect(rep.status).toBe("optimal");
    const cands: Record<string, [number, number]> = {
      k1: [112.1, 32.9],
      k2: [112.3, 33.1],
      k3: [112.45, 32.85],
      k4: [112.15, 33.15],
    };
    const chosen = rep.sites.map((s: { candidateId: string }) => s.candidateId);
    expect(chosen).toHaveLength(2);
    for (const id of chosen) expect(Object.keys(cands)).toContain(id);
    // Brute force over the 6 pairs on a fine area-weighted sample of the county (geographiclib distances).
    const existing: Array<[number, number]> = [
      [112.2, 33.05],
      [112.4, 32.9],
    ];
    const n = 100;
    const pts: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const lat = 32.8 + ((j + 0.5) * 0.4) / n;
        pts.push([112.0 + ((i + 0.5) * 0.5) / n, lat, Math.cos((lat * Math.PI) / 180)]);
      }
    const share = (sites: Array<[number, number]>) => {
      let w = 0;
      let c = 0;
      for (const [lon, lat, a] of pts) {
        w += a;
        if (sites.some(([x, y]) => km(lon, lat, x, y) <= 8)) c += a;
      }
      return c / w;
    };
    const ids = Object.keys(cands);
    let best = 0;
    for (let a = 0; a < ids.length; a++)
      for (let b = a + 1; b < ids.length; b++)
        best = Math.max(best, share([...existing, cands[ids[a]], cands[ids[b]]]));
    const mine = share([...existing, ...chosen.map((id: string) => cands[id])]);
    expect(Math.abs(mine - rep.coveredShareAfter)).toBeLessThan(0.01);
    expect(mine).toBeGreaterThan(best - 0.01);
    // each site keeps the candidate list's own name, in the files and on screen (the siting trial, s55d M3)
    const names: Record<string, string> = { k1: "候选一", k2: "候选二", k3: "候选三", k4: "候选四" };
    const fc = readJson(join(out, "suggestions.geojson"));
    fc.features.forEach(
      (f: { properties: { candidateId: string; candidateName: string; name: string } }, i: number) => {
        const own = names[f.properties.candidateId];
        expect(f.properties.candidateName).toBe(own);
        expect(f.properties.name).toBe(`${own}（建议急救站 S${i + 1}）`);
        expect(r.out).toContain(`候选点 candidate: ${own}（`);
      },
    );
    expect(rep.sites.map((s: { candidateName: string }) => s.candidateName)).toEqual(
      chosen.map((id: string) => names[id]),
    );
    // the candidate file's rows on a line of their own, not among the facility file's
    expect(r.out).toContain(
      "suggest-candidates.csv: 候选点 5 个已读入，0 行被拒绝 / 5 candidates read, 0 rows rejected",
    );
  });

  it("--candidates-crs reads an Amap candidate list apart from the WGS84 facility file (the siting trial, s55d M4)", async () => {
    // the fixture's candidates shifted to GCJ-02, as an Amap sheet gives them
    const rows = readFileSync(join(fixtures, "suggest-candidates.csv"), "utf8").trim().split("\n");
    const wgs = new Map<string, [number, number]>();
    const gcj = rows.map((line, i) => {
      if (i === 0) return line;
      const [id, name, type, lon, lat] = line.split(",");
      wgs.set(id, [Number(lon), Number(lat)]);
      const [x, y] = gcoord.transform([Number(lon), Number(lat)], gcoord.WGS84, gcoord.GCJ02) as number[];
      return [id, name, type, x.toFixed(8), y.toFixed(8)].join(",");
    });
    const file = join(work, "candidates-gcj02.csv");
    writeFileSync(file, `${gcj.join("\n")}\n`);
    const out = join(work, "cand-gcj");
    const r = await cli(
      ...suggestArgs({ ...EMS_IN_990001, radiusKm: 8, add: 2, out }, "--candidates", file, "--candidates-crs", "gcj02"),
    );
    expect(r.code, r.err).toBe(0);
    // the facility file stays WGS84; the candidates are read as GCJ-02 and converted back (< 1 m)
    expect(r.out).toMatch(/^facilities-good\.csv: 坐标系 CRS wgs84/m);
    expect(r.out).toMatch(/^candidates-gcj02\.csv: 坐标系 CRS gcj02（由 --candidates-crs 指定/m);
    const fc = readJson(join(out, "suggestions.geojson"));
    for (const f of fc.features as Array<{
      properties: { candidateId: string };
      geometry: { coordinates: number[] };
    }>) {
      const [lon, lat] = wgs.get(f.properties.candidateId) as [number, number];
      expect(km(lon, lat, f.geometry.coordinates[0], f.geometry.coordinates[1]) * 1000).toBeLessThan(1);
    }
    const bad = await cli(...suggestArgs({ ...EMS_IN_990001, radiusKm: 8, add: 2, out }, "--candidates-crs", "amapx"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--candidates-crs");
  });

  it("rejects bad rows with file, row and field and exits 3", async () => {
    const r = await cli(
      ...suggestArgs({
        facilities: join(fixtures, "facilities-bad.csv"),
        boundaries,
        county: "990001",
        type: "ems-station",
        radiusKm: 10,
        add: 1,
        gridKm: 5,
        method: "greedy",
        out: join(work, "bad"),
      }),
    );
    expect(r.code).toBe(3);
    const lines = r.err.split("\n");
    const has = (row: number, field: string) =>
      lines.some((l) => l.startsWith("facilities-bad.csv:") && l.includes(`row ${row}`) && l.includes(`“${field}”`));
    expect(has(4, "lon")).toBe(true);
    expect(has(5, "lat")).toBe(true);
    expect(has(6, "type")).toBe(true);
    expect(has(7, "county")).toBe(true);
    expect(r.out).toContain("3 facilities read, 4 rows rejected");
  });

  it("rejects bad option values naming the option", async () => {
    const base = [
      "suggest",
      "--facilities",
      join(fixtures, "facilities-good.csv"),
      "--boundaries",
      boundaries,
      "--out",
      join(work, "opt"),
    ];
    const cases: Array<[string[], RegExp]> = [
      [["--type", "ems-station", "--radius-km", "5", "--add", "0"], /--add: "0"/],
      [["--type", "ems-station", "--radius-km", "5", "--target-share", "1.5"], /--target-share: "1\.5"/],
      [["--type", "spaceport", "--radius-km", "5", "--add", "2"], /--type: .*spaceport/],
      [["--type", "ems-station", "--radius-km", "5", "--add", "2", "--county", "123456"], /--county: .*123456/],
      [
        ["--type", "ems-station", "--radius-km", "5", "--add", "2", "--target-share", "0.5"],
        /exactly one of --add and --target-share/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...base, ...args)));
    results.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(cases[i][1]);
    });
    const missing = await cli(
      ...suggestArgs({
        facilities: join(work, "no-such.csv"),
        boundaries,
        type: "ems-station",
        radiusKm: 5,
        add: 1,
        out: join(work, "opt"),
      }),
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no-such\.csv.*cannot read/);
  });

  const scen = readJson(scenario).features.map((f: { properties: Record<string, unknown> }) => f.properties) as Array<{
    id: string;
    name: string;
    type: string;
    county: string;
    lon: number;
    lat: number;
    township?: string;
    village?: string;
  }>;
  const nanyang = readJson(join(root, "geodata/counties-nanyang.geojson")).features.map(
    (f: { properties: unknown }) => f.properties,
  ) as Array<{ code: string; kind: string; seat: [number, number] }>;

  it("--central-thc keeps each county's central THCs and sub-centres and makes up round(n/3) from its other THCs", async () => {
    const r = await cli(...suggestArgs({ facilities: scenario, out: join(work, "cthc") }, "--central-thc"));
    expect(r.code).toBe(0);
    const rep = readJson(join(work, "cthc", "central-thc.json"));
    expect(rep.counties).toHaveLength(nanyang.length);
    let chosenAny = 0;
    for (const c of rep.counties) {
      const mine = scen.filter((f) => ["thc", "central-thc", "sub-centre"].includes(f.type) && f.county === c.code);
      const ordinary = mine.filter((f) => f.type === "thc").map((f) => f.id);
      expect(c.thcCount).toBe(mine.length);
      expect((c.currentCentral ?? []).length).toBe(mine.length - ordinary.length);
      const want =
        mine.length === 0 ? 0 : Math.max(0, Math.max(1, Math.round(mine.length / 3)) - (mine.length - ordinary.length));
      const ids = c.chosen.map((x: { id: string }) => x.id);
      expect(ids).toHaveLength(want);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(ordinary).toContain(id);
      chosenAny += ids.length;
    }
    expect(chosenAny).toBeGreaterThan(0);
    expect(() => check(readFileSync(join(work, "cthc", "central-thc.geojson"), "utf8"))).not.toThrow();
  });

  it("--sub-centres lists only candidates ≥ 15 km from the county medical centre and outside the urban area", async () => {
    const r = await cli(...suggestArgs({ facilities: scenario, out: join(work, "sub") }, "--sub-centres"));
    expect(r.code).toBe(0);
    const rep = readJson(join(work, "sub", "sub-centres.json"));
    let qualifying = 0;
    let districtQualifying = 0;
    for (const c of rep.counties) {
      const cands = scen.filter((f) => (f.type === "central-thc" || f.type === "sub-centre") && f.county === c.code);
      expect(c.candidates.map((x: { id: string }) => x.id).sort()).toEqual(cands.map((f) => f.id).sort());
      // the point SUB-15KM measures from: the county medical centre, else the county's own 人民医院 (in a district
      // not the city's: 南阳市第一人民医院 stands in 宛城区, the audit s50 M-1), else the seat
      const props = nanyang.find((k) => k.code === c.code) as (typeof nanyang)[number];
      const cityRun = (name: string) => props.kind === "district" && name.startsWith("南阳市");
      const cmc =
        scen.find((f) => f.type === "county-medical-centre" && f.county === c.code) ??
        scen.find((f) => f.type === "hospital" && f.county === c.code && /人民医院/.test(f.name) && !cityRun(f.name)) ??
        ({ lon: props.seat[0], lat: props.seat[1] } as (typeof scen)[number]);
      for (const row of c.candidates) {
        const f = cands.find((x) => x.id === row.id) as (typeof cands)[number];
        // the urban area as docs/rules.md defines it (issue 9): built-up discs of √(area/π) around each seat,
        // 7.2 km around Nanyang's two district seats (164.75 km²), 2.0 km around county seats (12.63 km²); a facility
        // with a 村委会 or 乡 code is rural and one with a 街道 code urban (统计用区划代码 ranges), whatever its position
        const seatKm = (k: (typeof nanyang)[number]) => (k.kind === "district" ? 7.2 : 2.0);
        const village = f.village ? Number(f.village.slice(9)) : undefined;
        const town = f.township ? Number(f.township.slice(6)) : undefined;
        const byCode =
          village !== undefined && village >= 200 && village <= 399
            ? false
            : town !== undefined && town >= 1 && town <= 99
              ? true
              : town !== undefined && town >= 200 && town <= 399
                ? false
                : undefined;
        const urban = byCode ?? nanyang.some((k) => km(f.lon, f.lat, k.seat[0], k.seat[1]) <= seatKm(k));
        const nearSeat = nanyang.some((k) => Math.abs(km(f.lon, f.lat, k.seat[0], k.seat[1]) - seatKm(k)) < 0.05);
        if (row.qualifies) {
          qualifying++;
          if (props.kind === "district") districtQualifying++;
          expect(km(f.lon, f.lat, cmc.lon, cmc.lat)).toBeGreaterThanOrEqual(15);
          expect(urban).toBe(false);
        } else {
          expect(row.reasons.length).toBeGreaterThan(0);
          if (!nearSeat && !urban) expect(km(f.lon, f.lat, cmc.lon, cmc.lat)).toBeLessThan(15);
        }
        expect(row.distanceKm).toBeCloseTo(km(f.lon, f.lat, cmc.lon, cmc.lat), 6);
      }
    }
    expect(qualifying).toBeGreaterThan(0);
    // 003:213 says 县(市、区): central THCs in the districts' rural towns qualify too (they were all "urban" before)
    expect(districtQualifying).toBeGreaterThan(0);
    const fc = readJson(join(work, "sub", "sub-centres.geojson"));
    expect(fc.features).toHaveLength(qualifying);
  });

  it("--type sub-centre: new sites obey SUB-15KM and the SUB-COUNT band of each county's population", async () => {
    const out = join(work, "sub-site");
    const r = await cli(
      ...suggestArgs(
        { facilities: scenario, type: "sub-centre", radiusKm: 10, add: 3, gridKm: 4, county: "411323", out },
        "--population",
        join(fixtures, "suggest-population.csv"),
      ),
    );
    expect(r.code).toBe(0);
    // 西峡县: 450,000 residents → 1–2 sub-centres (003:213); the scenario has one public sub-centre there
    const existing = scen.filter((f) => f.type === "sub-centre" && f.county === "411323").length;
    expect(existing).toBe(1);
    expect(r.out).toContain("1~2");
    const rep = readJson(join(out, "suggest-report.json"));
    expect(rep.sites.length).toBe(2 - existing);
    const cmc = scen.find((f) => f.type === "county-medical-centre" && f.county === "411323") as (typeof scen)[number];
    for (const site of rep.sites) {
      expect(km(site.lon, site.lat, cmc.lon, cmc.lat)).toBeGreaterThanOrEqual(15);
      for (const k of nanyang.filter((x) => x.kind !== "district"))
        expect(km(site.lon, site.lat, k.seat[0], k.seat[1])).toBeGreaterThan(3);
    }
  });

  it("--demand: weighted points replace the area cells; the optimum reaches the heavier uncovered point", async () => {
    const out = join(work, "demand");
    const r = await cli(
      ...suggestArgs(
        {
          facilities: join(fixtures, "demand-facilities.csv"),
          boundaries,
          county: "990001",
          type: "ems-station",
          radiusKm: 10,
          add: 1,
          gridKm: 2,
          method: "exact",
          out,
        },
        "--demand",
        join(fixtures, "demand-good-gbk.csv"),
      ),
    );
    expect(r.code).toBe(0);
    // reference: the fixture's points inside 990001, their weights (blank = 1), covered within 10 km of station s1
    const text = new TextDecoder("gb18030").decode(readFileSync(join(fixtures, "demand-good-gbk.csv")));
    const pts = text
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(","))
      .map(([, lon, lat, w]) => ({ lon: Number(lon), lat: Number(lat), w: w ? Number(w) : 1 }));
    const mine = pts.filter((p) => inRing(p.lon, p.lat, ringOf("990001")));
    const total = mine.reduce((t, p) => t + p.w, 0);
    const covered = mine.filter((p) => km(p.lon, p.lat, 112.2, 33.05) <= 10);
    const uncovered = mine.filter((p) => km(p.lon, p.lat, 112.2, 33.05) > 10);
    const coveredW = covered.reduce((t, p) => t + p.w, 0);
    // the uncovered points are more than 20 km apart, so one new site reaches only one: the heavier
    expect(km(uncovered[0].lon, uncovered[0].lat, uncovered[1].lon, uncovered[1].lat)).toBeGreaterThan(20);
    const best = Math.max(...uncovered.map((p) => p.w));
    const rep = readJson(join(out, "suggest-report.json"));
    expect(rep.coveredShareBefore).toBeCloseTo(coveredW / total, 6);
    expect(rep.coveredShareAfter).toBeCloseTo((coveredW + best) / total, 6);
    expect(rep.sites[0].gain).toBeCloseTo(best, 6);
  });

  it("--candidates-type: upgrades choose among the county's existing facilities of that type", async () => {
    const out = join(work, "upgrade");
    const r = await cli(
      ...suggestArgs(
        { facilities: scenario, type: "sub-centre", radiusKm: 10, add: 2, county: "411323", out },
        "--candidates-type",
        "central-thc",
      ),
    );
    expect(r.code).toBe(0);
    const rep = readJson(join(out, "suggest-report.json"));
    const central = new Set(scen.filter((f) => f.type === "central-thc" && f.county === "411323").map((f) => f.id));
    expect(rep.sites.length).toBeGreaterThan(0);
    const cmc = scen.find((f) => f.type === "county-medical-centre" && f.county === "411323") as (typeof scen)[number];
    const names = new Map(scen.map((f) => [f.id, f.name]));
    for (const site of rep.sites) {
      expect(central.has(site.candidateId)).toBe(true);
      expect(km(site.lon, site.lat, cmc.lon, cmc.lat)).toBeGreaterThanOrEqual(15);
      // the centre each site raises, named (the planner trial, s40-a #4)
      expect(site.upgrades).toBe(names.get(site.candidateId));
    }
    // and on screen (the re-trial)
    for (const site of rep.sites) expect(r.out).toContain(`升级 upgrade: ${site.upgrades}（`);
    const geo = readJson(join(out, "suggestions.geojson"));
    expect(geo.features.map((f: { properties: { upgrades: string } }) => f.properties.upgrades)).toEqual(
      rep.sites.map((x: { upgrades: string }) => x.upgrades),
    );
    const both = await cli(
      ...suggestArgs(
        { facilities: scenario, type: "ems-station", radiusKm: 10, add: 1, out },
        "--candidates-type",
        "thc",
        "--candidates",
        scenario,
      ),
    );
    expect(both.code).toBe(2);
    expect(both.err + both.out).toContain("--candidates-type");
  });
});

describe("cli suggest and analyze agree", () => {
  it("西峡县, EMS, 20 km: the fewest sites for 100 % make the county pass when analysed with them", async () => {
    const out = join(work, "xixia-full");
    const s = await cli(
      ...suggestArgs(
        { facilities: scenario, county: "411323", type: "ems-station", radiusKm: 20, out },
        "--target-share",
        "1",
      ),
    );
    expect(s.err).toBe("");
    expect(s.code).toBe(0);
    const rep = readJson(join(out, "suggest-report.json"));
    const county = rep.counties[0];
    expect(county.check.targetMet).toBe(true);
    expect(county.check.uncoveredKm2After).toBe(0);
    expect(s.out).toContain("未覆盖 0 km²");
    // the scenario with the suggested stations, analysed at the same radius
    const sc = readJson(scenario);
    const suggested = readJson(join(out, "suggestions.geojson")).features.map(
      (f: { geometry: unknown; properties: { rank: number } }, i: number) => ({
        type: "Feature",
        geometry: f.geometry,
        properties: { id: `S${i + 1}`, name: `建议急救站${f.properties.rank}`, type: "ems-station", county: "411323" },
      }),
    );
    const withSites = join(work, "xixia-with-sites.geojson");
    writeFileSync(withSites, JSON.stringify({ ...sc, features: [...sc.features, ...suggested] }));
    const a = await cli("analyze", "--facilities", withSites, "--rural-radius-km", "20", "--out", join(out, "analyze"));
    expect(a.code).toBe(0);
    const report = readJson(join(out, "analyze", "report.json"));
    const rural = report.counties
      .find((c: { code: string }) => c.code === "411323")
      .checks.find((k: { rule: string }) => k.rule === "EMS-RURAL");
    expect(rural.status).toBe("pass");
    expect(rural.uncoveredAreaKm2).toBe(0);
  });
});

describe("cli suggest under 南宫's plan 002 (no EMS radius; THCs and CHCs are 急救点 by 002:201)", () => {
  it("says the radius is the user's own, not EMS-RURAL's, and which existing points it counted", async () => {
    const out = join(work, "nangong");
    const s = await cli(
      "suggest",
      "--facilities",
      join(root, "geodata/scenario-nangong.geojson"),
      "--city",
      "nangong",
      "--county",
      "130581",
      "--type",
      "ems-station",
      "--radius-km",
      "10",
      "--add",
      "2",
      "--method",
      "greedy",
      "--out",
      out,
    );
    expect(s.code).toBe(0);
    expect(s.out).toContain(
      "本规则集未设急救服务半径：--radius-km 10 是您自己设定的假设值，不是规划的半径，选址结果不对应规划条款 / the rule set states no EMS service radius: --radius-km 10 is your own assumption",
    );
    // no rule of 002 counts the rural area alone
    expect(s.out).not.toContain("EMS-RURAL");
    const county = readJson(join(out, "suggest-report.json")).counties[0];
    expect(s.out).toContain(`  ${county.existingNetwork.note.zh} / ${county.existingNetwork.note.en}`);
    expect(county.existingNetwork.count).toBe(county.existing.length);
  });

  it("南阳's suggest keeps its EMS-RURAL note and says nothing of a radius of the user's own", async () => {
    const s = await cli(
      ...suggestArgs({
        facilities: scenario,
        county: "411323",
        type: "ems-station",
        radiusKm: 20,
        add: 1,
        method: "greedy",
        out: join(work, "xixia-note"),
      }),
    );
    expect(s.code).toBe(0);
    expect(s.out).toContain("（EMS-RURAL 只计农村地区，见 analyze）");
    expect(s.out).not.toContain("本规则集未设急救服务半径");
  });
});

describe("cli suggest on any city (the planner trial: `suggest --city 洛阳市` was refused while analyze took it)", () => {
  it("sites in 洛阳市's 新安县 on the city's shipped boundaries and the national rules; an unknown city is refused", async () => {
    const { countiesFromTopology } = await import("../../src/core/cities");
    const fc = countiesFromTopology(readJson(join(root, "geodata/china/luoyang.topo.json")));
    const file = join(work, "luoyang.csv");
    writeFileSync(
      file,
      [
        "名称,类型,经度,纬度",
        ...fc.features.slice(0, 4).map((f, i) => `急救站${i},急救站,${f.properties.seat.join(",")}`),
      ].join("\n"),
    );
    const out = join(work, "luoyang");
    const r = await cli(
      "suggest",
      ...["--city", "洛阳市", "--facilities", file, "--type", "ems-station", "--radius-km", "10", "--add", "2"],
      ...["--county", "410323", "--out", out],
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("410323 新安县: 2 个新站点");
    const sites = readJson(join(out, "suggestions.geojson")).features as Array<{
      geometry: { coordinates: [number, number] };
    }>;
    expect(sites).toHaveLength(2);
    const xin = fc.features.find((f) => f.properties.code === "410323");
    const { pointInPolygon } = await import("../../src/core");
    for (const s of sites) expect(pointInPolygon(...s.geometry.coordinates, xin!.geometry)).toBe(true);
    expect(readJson(join(out, "suggest-report.json")).params.city).toBe("luoyang");
    const bad = await cli(
      "suggest",
      ...["--city", "不存在市", "--facilities", file, "--type", "ems-station", "--radius-km", "10", "--add", "1"],
      ...["--out", join(work, "none")],
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("--city");
  });

  it("never prints a failing share as 100.0 %", async () => {
    const { pct } = await import("../../src/cli/suggest-sites");
    expect(pct(0.99987)).toBe("99.9%");
    expect(pct(1)).toBe("100.0%");
    expect(pct(0.5394)).toBe("53.9%");
  });
});
