import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon, bbox as turfBbox } from "@turf/turf";
import geodesic from "geographiclib-geodesic";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { CountyProps, Facility, HospitalKind } from "../src/core";
import { applySite, buildCountyGrid, coverageStats, coverCounts, facilityColumns } from "../src/core";
import { CITIES, type CityConfig, CODE_CHANGES } from "./lib/cities";
import { areaKm2, roundTo } from "./lib/geom";
import { seededRandom } from "./lib/rng";

const GEODATA = "geodata";
const SEED = 20240601;
const SCRIPT = "scripts/build-scenarios.ts";
const geod = geodesic.Geodesic.WGS84;

/**
 * Village-clinic totals from the plans, used to add second clinics in large villages:
 * Nanyang 6,384 village clinics in 2020 (000:9) over the whole city; Nangong 656 (002:9) in 130581 only.
 * Ratios for the other places are scaled from these (see README).
 */
const VC_TARGET_TOTAL: Record<string, number> = { nanyang: 6384 };
const VC_TARGET_COUNTY: Record<string, number> = { "130581": 656 };
const VC_RATIO_DEFAULT: Record<string, number> = {
  nanyang: 1,
  pingdingshan: 6384 / 4440,
  nangong: 656 / 440,
  yichun: 1,
};

type CountyFeature = Feature<Polygon | MultiPolygon, CountyProps>;
interface Village {
  code: string;
  name: string;
  kind: "village" | "community";
}
interface Township {
  code: string;
  name: string;
  kind: "镇" | "乡" | "街道" | "other";
  villages: Village[];
}
interface DivCounty {
  code: string;
  name: string;
  townships: Township[];
}

/** mulberry32: small deterministic PRNG returning floats in [0, 1). */
function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Geodesic distance in km (WGS84). */
function distKm(a: [number, number], b: [number, number]): number {
  return (geod.Inverse(a[1], a[0], b[1], b[0]).s12 as number) / 1000;
}

class CountySampler {
  readonly bbox: number[];
  constructor(
    readonly feature: CountyFeature,
    readonly rng: () => number,
  ) {
    this.bbox = turfBbox(feature);
  }
  inside(p: [number, number]): boolean {
    return booleanPointInPolygon(p, this.feature);
  }
  uniform(): [number, number] {
    const [w, s, e, n] = this.bbox;
    for (let i = 0; i < 10000; i++) {
      const p: [number, number] = [roundTo(w + this.rng() * (e - w), 6), roundTo(s + this.rng() * (n - s), 6)];
      if (this.inside(p)) return p;
    }
    throw new Error(`no point found inside county ${this.feature.properties.code}`);
  }
  /** Uniform point in the disc of radius `rKm` (and at least `minKm`) around `c`, inside the county. */
  near(c: [number, number], rKm: number, minKm = 0, tries = 200): [number, number] | null {
    const kx = 111.32 * Math.cos((c[1] * Math.PI) / 180);
    const ky = 110.57;
    for (let i = 0; i < tries; i++) {
      const r = Math.sqrt(minKm * minKm + this.rng() * (rKm * rKm - minKm * minKm));
      const t = this.rng() * 2 * Math.PI;
      const p: [number, number] = [
        roundTo(c[0] + (r * Math.cos(t)) / kx, 6),
        roundTo(c[1] + (r * Math.sin(t)) / ky, 6),
      ];
      if (this.inside(p)) return p;
    }
    return null;
  }
  nearOrUniform(c: [number, number], rKm: number): [number, number] {
    return this.near(c, rKm) ?? this.uniform();
  }
  /** Mitchell's best candidate: of k uniform points, the one farthest from all `existing` points. */
  spread(existing: [number, number][], k = 12): [number, number] {
    let best: [number, number] | null = null;
    let bestD = -1;
    for (let i = 0; i < k; i++) {
      const p = this.uniform();
      let d = Infinity;
      for (const q of existing) {
        const dx = (p[0] - q[0]) * Math.cos((p[1] * Math.PI) / 180);
        const dy = p[1] - q[1];
        d = Math.min(d, dx * dx + dy * dy);
      }
      if (d > bestD) {
        bestD = d;
        best = p;
      }
    }
    return best as [number, number];
  }
}

function pick<T>(rng: () => number, arr: T[]): T {
  return arr[Math.floor(rng() * arr.length)];
}

function shuffle<T>(rng: () => number, arr: T[]): T[] {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function intBetween(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Village name without the committee suffix ("张庄村委会" → "张庄村"). */
function villageShortName(name: string): string {
  const m = name.match(/^(.*?村)(民委员会.*|委会.*|民员委会|员委员会)?$/);
  if (m) return m[1];
  return name.replace(/(社区)?(居民委员会|居委会)$/, "$1");
}

interface ScenarioFile extends FeatureCollection<Point, Facility> {
  invented: boolean;
  notice: { zh: string; en: string };
  generator: unknown;
}

function buildCity(city: CityConfig): { fc: ScenarioFile; summary: Record<string, number> } {
  const rng = seededRandom(hashString(`${SEED}:${city.id}`));
  const counties = (JSON.parse(readFileSync(join(GEODATA, `counties-${city.id}.geojson`), "utf8")) as FeatureCollection)
    .features as CountyFeature[];
  const divisions = JSON.parse(readFileSync(join(GEODATA, `divisions-${city.id}.json`), "utf8")) as {
    counties: DivCounty[];
  };
  const divByCode = new Map(divisions.counties.map((c) => [c.code, c]));
  const facilities: Facility[] = [];
  const add = (f: Omit<Facility, "invented" | "lon" | "lat">, p: [number, number]) => {
    facilities.push({ ...f, lon: p[0], lat: p[1], invented: true });
  };
  const samplers = new Map(counties.map((c) => [c.properties.code, new CountySampler(c, rng)]));
  const seatPoint = (c: CountyFeature): [number, number] => {
    const s = samplers.get(c.properties.code) as CountySampler;
    const seat = c.properties.seat;
    if (s.inside(seat)) return [roundTo(seat[0], 6), roundTo(seat[1], 6)];
    return s.nearOrUniform(seat, 1.5);
  };

  // Which counties lose a TCM or a maternal-child hospital (for COUNTY-3-HOSPITALS), which are EMS-sparse.
  const countyUnits = counties.filter((c) => c.properties.kind !== "district");
  const shuffled = shuffle(rng, countyUnits);
  const noTcm = new Set(shuffled.slice(0, 1).map((c) => c.properties.code));
  const noMch = new Set(shuffled.slice(1, countyUnits.length > 6 ? 2 : 1).map((c) => c.properties.code));
  const emsSparse = new Set(
    shuffle(
      rng,
      countyUnits.filter((c) => c.properties.kind === "county"),
    )
      .slice(0, Math.max(1, Math.round(countyUnits.length / 3)))
      .map((c) => c.properties.code),
  );

  // City-level institutions in the main district.
  const main = counties.find((c) => c.properties.code === city.mainDistrict) as CountyFeature;
  const mainSampler = samplers.get(city.mainDistrict) as CountySampler;
  const mainSeat = seatPoint(main);
  const cityHospitals: [string, HospitalKind, string][] = [
    ["第一人民医院", "general", "c1"],
    ["中心医院", "general", "c2"],
    ["中医院", "tcm", "c3"],
    ["妇幼保健院", "maternal-child", "c4"],
  ];
  for (const [suffix, kind, id] of cityHospitals) {
    add(
      {
        id: `${city.id}-hosp-${id}`,
        name: `${city.name}${suffix}`,
        type: "hospital",
        county: city.mainDistrict,
        grade: "3A",
        hospitalKind: kind,
        ownership: "public",
        beds: kind === "general" ? intBetween(rng, 1500, 3000) : intBetween(rng, 600, 1200),
      },
      mainSampler.nearOrUniform(mainSeat, 4),
    );
  }
  add(
    {
      id: `${city.id}-ems-centre`,
      name: `${city.name}紧急医疗救援中心`,
      type: "ems-centre",
      county: city.mainDistrict,
      ownership: "public",
    },
    mainSampler.nearOrUniform(mainSeat, 3),
  );

  // Private hospitals in two random counties.
  const privateNames = ["仁和医院", "博爱医院"];
  shuffle(rng, counties)
    .slice(0, 2)
    .forEach((c, i) => {
      const s = samplers.get(c.properties.code) as CountySampler;
      add(
        {
          id: `${city.id}-hosp-p${i + 1}`,
          name: `${c.properties.name}${privateNames[i]}`,
          type: "hospital",
          county: c.properties.code,
          grade: pick(rng, ["1", "2B"]),
          hospitalKind: "general",
          ownership: "private",
          beds: intBetween(rng, 50, 200),
        },
        s.nearOrUniform(seatPoint(c), 5),
      );
    });

  // Townships without THC, and the one township with two.
  const allTownships: { county: string; t: Township }[] = [];
  for (const c of counties) {
    if (CODE_CHANGES[c.properties.code]) continue;
    for (const t of divByCode.get(c.properties.code)?.townships ?? []) {
      if (t.kind === "镇" || t.kind === "乡") allTownships.push({ county: c.properties.code, t });
    }
  }
  const thcPool = shuffle(rng, allTownships);
  const focusFirst = city.focusCounty
    ? [...thcPool.filter((x) => x.county === city.focusCounty), ...thcPool.filter((x) => x.county !== city.focusCounty)]
    : thcPool;
  const noThc = new Set([focusFirst[0]?.t.code, thcPool.find((x) => x.t.code !== focusFirst[0]?.t.code)?.t.code]);
  const twoThc = thcPool.find((x) => !noThc.has(x.t.code))?.t.code;

  // VC extras: number of second clinics per county.
  const vcExtras = new Map<string, number>();
  const villageCount = (code: string) =>
    (CODE_CHANGES[code] ? [] : (divByCode.get(code)?.townships ?? [])).reduce(
      (s, t) => s + t.villages.filter((v) => v.kind === "village").length,
      0,
    );
  const cityVillages = counties.reduce((s, c) => s + villageCount(c.properties.code), 0);
  for (const c of counties) {
    const n = villageCount(c.properties.code);
    let target = Math.round(n * (VC_RATIO_DEFAULT[city.id] ?? 1));
    if (VC_TARGET_TOTAL[city.id]) target = Math.round((n / cityVillages) * VC_TARGET_TOTAL[city.id]);
    const exact = VC_TARGET_TOTAL[city.id] !== undefined || VC_TARGET_COUNTY[c.properties.code] !== undefined;
    if (VC_TARGET_COUNTY[c.properties.code]) target = VC_TARGET_COUNTY[c.properties.code];
    // Where the plan gives a figure, the ~2 % skipped villages are made up by second clinics elsewhere.
    vcExtras.set(c.properties.code, Math.max(0, target - (exact ? Math.round(n * 0.98) : n)));
  }

  const subCentreCandidates: { county: CountyFeature; idx: number; d: number }[] = [];
  for (const c of counties) {
    const code = c.properties.code;
    const name = c.properties.name;
    const s = samplers.get(code) as CountySampler;
    const seat = seatPoint(c);
    const isDistrict = c.properties.kind === "district";
    const cmcPoint = seat;
    // County-level hospitals.
    if (isDistrict) {
      add(
        {
          id: `${city.id}-hosp-${code}-gen`,
          name: `${name}人民医院`,
          type: "hospital",
          county: code,
          grade: "2A",
          hospitalKind: "general",
          ownership: "public",
          beds: intBetween(rng, 200, 500),
        },
        code === city.mainDistrict ? s.nearOrUniform(seat, 3) : cmcPoint,
      );
    } else {
      add(
        {
          id: `${city.id}-cmc-${code}`,
          name: `${name}人民医院`,
          type: "county-medical-centre",
          county: code,
          grade: rng() < 0.3 ? "3B" : "2A",
          hospitalKind: "general",
          ownership: "public",
          beds: intBetween(rng, 500, 1200),
        },
        cmcPoint,
      );
      if (!noTcm.has(code)) {
        add(
          {
            id: `${city.id}-hosp-${code}-tcm`,
            name: `${name}中医院`,
            type: "hospital",
            county: code,
            grade: "2A",
            hospitalKind: "tcm",
            ownership: "public",
            beds: intBetween(rng, 200, 500),
          },
          s.nearOrUniform(seat, 3),
        );
      }
      if (!noMch.has(code)) {
        add(
          {
            id: `${city.id}-hosp-${code}-mch`,
            name: `${name}妇幼保健院`,
            type: "hospital",
            county: code,
            grade: "2A",
            hospitalKind: "maternal-child",
            ownership: "public",
            beds: intBetween(rng, 80, 300),
          },
          s.nearOrUniform(seat, 3),
        );
      }
      add(
        {
          id: `${city.id}-dispatch-${code}`,
          name: `${name}120急救指挥中心`,
          type: "ems-dispatch",
          county: code,
          ownership: "public",
        },
        cmcPoint,
      );
    }
    add(
      {
        id: `${city.id}-ems-${code}-seat`,
        name: `${name}${isDistrict ? "" : "人民医院"}急救站`,
        type: "ems-station",
        county: code,
        ownership: "public",
      },
      cmcPoint,
    );

    // Townships.
    // Units whose code changed meaning in 2020 (Xingtai) get no township or village facilities: the
    // 2023 township lists do not fit the pre-2020 polygons.
    const div = CODE_CHANGES[code] ? undefined : divByCode.get(code);
    const townships = div?.townships ?? [];
    const rural = townships.filter((t) => t.kind === "镇" || t.kind === "乡");
    const anchors: [number, number][] = [seat];
    const anchorOf = new Map<string, [number, number]>();
    const catchKm = Math.sqrt(areaKm2(c.geometry) / Math.max(1, rural.length) / Math.PI) * 1.3;
    const centralIdx: number[] = [];
    const ordinaryIdx: number[] = [];
    for (const t of townships) {
      if (t.kind === "街道") {
        const p = s.nearOrUniform(seat, isDistrict ? 6 : 4);
        anchorOf.set(t.code, p);
        add(
          {
            id: `${city.id}-chc-${t.code}`,
            name: `${t.name}社区卫生服务中心`,
            type: "chc",
            county: code,
            township: t.code,
            ownership: "public",
            beds: intBetween(rng, 0, 40),
          },
          p,
        );
      } else if (t.kind === "镇" || t.kind === "乡") {
        const p = s.spread(anchors);
        anchors.push(p);
        anchorOf.set(t.code, p);
        if (noThc.has(t.code)) continue;
        const central = rng() < 1 / 3;
        if (central) centralIdx.push(facilities.length);
        else ordinaryIdx.push(facilities.length);
        add(
          {
            id: `${city.id}-thc-${t.code}`,
            name: `${t.name}${central ? "中心卫生院" : "卫生院"}`,
            type: central ? "central-thc" : "thc",
            county: code,
            township: t.code,
            ownership: "public",
            beds: central ? intBetween(rng, 60, 150) : intBetween(rng, 15, 60),
          },
          p,
        );
        if (t.code === twoThc) {
          add(
            {
              id: `${city.id}-thc-${t.code}-2`,
              name: `${t.name}第二卫生院`,
              type: "thc",
              county: code,
              township: t.code,
              ownership: "public",
              beds: intBetween(rng, 10, 30),
            },
            s.nearOrUniform(p, catchKm),
          );
        }
      } else {
        anchorOf.set(t.code, s.uniform());
      }
    }
    // EMS stations: at the seat (above), at central THCs, then at further THCs chosen greedily (with the
    // project's own coverage engine) until the 15 km share reaches a target: all of it in most counties, 90 % in the
    // "sparse" ones, so that some counties fail the rural radius rule with gaps that a couple of new stations
    // can close. Districts get theirs the same way (a district is not urban in full: its towns are rural, issue 9),
    // from a random stream of their own so that the counties' facilities stay as they were.
    const emsAt = new Set<number>();
    {
      const grid = buildCountyGrid(c, { cellSizeM: 500 });
      const seatSite = { id: "seat", lon: cmcPoint[0], lat: cmcPoint[1], radiusKm: 15 };
      const counts = coverCounts(grid, [seatSite]);
      const target = emsSparse.has(code) ? 0.9 : 1;
      const pool = shuffle(isDistrict ? seededRandom(hashString(`${code}:ems`)) : rng, [...centralIdx, ...ordinaryIdx]);
      const siteOf = (i: number) => ({ id: String(i), lon: facilities[i].lon, lat: facilities[i].lat, radiusKm: 15 });
      for (const i of centralIdx) {
        if (coverageStats(grid, counts).coveredShare >= target) break;
        emsAt.add(i);
        applySite(grid, counts, siteOf(i), 1);
      }
      while (coverageStats(grid, counts).coveredShare < target) {
        let best = -1;
        let bestShare = coverageStats(grid, counts).coveredShare;
        for (const i of pool) {
          if (emsAt.has(i)) continue;
          applySite(grid, counts, siteOf(i), 1);
          const share = coverageStats(grid, counts).coveredShare;
          applySite(grid, counts, siteOf(i), -1);
          if (share > bestShare + 1e-9) {
            bestShare = share;
            best = i;
          }
        }
        if (best < 0) break;
        emsAt.add(best);
        applySite(grid, counts, siteOf(best), 1);
      }
    }
    for (const i of [...emsAt].sort((a, b) => a - b)) {
      const f = facilities[i];
      add(
        {
          id: `${city.id}-ems-${f.township}`,
          name: `${f.name}急救站`,
          type: "ems-station",
          county: code,
          township: f.township,
          ownership: "public",
        },
        [f.lon, f.lat],
      );
    }
    if (!isDistrict) {
      for (const i of centralIdx)
        subCentreCandidates.push({ county: c, idx: i, d: distKm([facilities[i].lon, facilities[i].lat], cmcPoint) });
    }

    // Village clinics.
    const villages: { t: Township; v: Village }[] = [];
    for (const t of townships) for (const v of t.villages) if (v.kind === "village") villages.push({ t, v });
    const order = shuffle(rng, villages);
    const skip = new Set(order.slice(0, Math.round(villages.length * 0.02)).map((x) => x.v.code));
    const extra = new Set(order.slice(skip.size, skip.size + (vcExtras.get(code) ?? 0)).map((x) => x.v.code));
    for (const { t, v } of villages) {
      if (skip.has(v.code)) continue;
      const anchor = anchorOf.get(t.code) ?? seat;
      const short = villageShortName(v.name);
      const owner = rng() < 0.08 ? "private" : "public";
      add(
        {
          id: `${city.id}-vc-${v.code}`,
          name: `${short}卫生室`,
          type: "village-clinic",
          county: code,
          township: t.code,
          village: v.code,
          ownership: owner,
        },
        s.nearOrUniform(anchor, catchKm),
      );
      if (extra.has(v.code)) {
        add(
          {
            id: `${city.id}-vc-${v.code}-2`,
            name: `${short}第二卫生室`,
            type: "village-clinic",
            county: code,
            township: t.code,
            village: v.code,
            ownership: rng() < 0.15 ? "private" : "public",
          },
          s.nearOrUniform(anchor, catchKm),
        );
      }
    }
  }

  // Sub-centres: two compliant (≥ 18 km from the county medical centre), one violation (< 15 km).
  const isFocus = (x: { county: CountyFeature }) => x.county.properties.code === city.focusCounty;
  const farAll = shuffle(
    rng,
    subCentreCandidates.filter((x) => x.d >= 18),
  );
  const far = [...farAll.filter(isFocus), ...farAll.filter((x) => !isFocus(x))];
  const usedCounties = new Set<string>();
  let nSub = 0;
  for (const x of far) {
    if (nSub >= 2 || usedCounties.has(x.county.properties.code)) continue;
    facilities[x.idx].type = "sub-centre";
    usedCounties.add(x.county.properties.code);
    nSub++;
  }
  const nearCand = shuffle(
    rng,
    subCentreCandidates.filter(
      (x) => !usedCounties.has(x.county.properties.code) && facilities[x.idx].type === "central-thc",
    ),
  );
  let violation: { name: string; d: number } | null = null;
  for (const x of nearCand) {
    const s = samplers.get(x.county.properties.code) as CountySampler;
    const f = facilities[x.idx];
    let p: [number, number] | null = [f.lon, f.lat];
    if (x.d >= 13) p = s.near(seatPoint(x.county), 12, 6);
    if (!p) continue;
    // Move the THC, its EMS station and keep its village clinics where they are.
    for (const g of facilities) {
      if (g.township === f.township && g.type === "ems-station") {
        g.lon = p[0];
        g.lat = p[1];
      }
    }
    f.lon = p[0];
    f.lat = p[1];
    f.type = "sub-centre";
    violation = { name: f.name, d: distKm(p, seatPoint(x.county)) };
    break;
  }
  if (violation) console.log(`  ${city.id}: sub-centre violation ${violation.name} at ${violation.d.toFixed(1)} km`);

  const features: Feature<Point, Facility>[] = facilities.map((f) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [f.lon, f.lat] },
    properties: f,
  }));
  const summary: Record<string, number> = {};
  for (const f of facilities) summary[f.type] = (summary[f.type] ?? 0) + 1;
  return {
    fc: {
      type: "FeatureCollection",
      invented: true,
      notice: {
        zh: "示例数据：设施位置与属性为程序生成，并非真实机构。",
        en: "Sample data: facility positions and attributes are generated, not real.",
      },
      generator: { script: SCRIPT, seed: SEED, city: city.id },
      features,
    },
    summary,
  };
}

for (const city of CITIES) {
  const { fc, summary } = buildCity(city);
  const file = join(GEODATA, `scenario-${city.id}.geojson`);
  writeFileSync(file, `${JSON.stringify(fc)}\n`);
  // the same facilities in columns, what the app fetches (about a third of the GeoJSON; test/geodata checks that
  // it decodes to the GeoJSON's facilities)
  const columns = facilityColumns(
    fc.features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })),
    { invented: fc.invented, notice: fc.notice, generator: fc.generator },
  );
  writeFileSync(join(GEODATA, `scenario-${city.id}.cols.json`), `${JSON.stringify(columns)}\n`);
  console.log(`${city.id}: ${JSON.stringify(summary)}`);
}
