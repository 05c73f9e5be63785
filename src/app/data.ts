import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import planCities from "../../geodata/cities.json";
import {
  type ChinaIndex,
  type CityDivisions,
  type CityEntry,
  type CompactDivisions,
  type CountyProps,
  continueRenamedUnits,
  type Divisions,
  divisionsFromCompact,
  type Facility,
  type FacilityColumns,
  facilitiesFromColumns,
  type LocalizedText,
  loadCityCounties,
  type PointsWhere,
  parseChinaIndex,
  placeOutsideRows,
  type RowIssue,
} from "../core";
import { lazyModule } from "./lazy-module";
import { markOnce } from "./perf";

/**
 * One city the app can show: a plan city of geodata/cities.json (its plans, sample scenario and files), or any
 * other city of the national index (no plan, no scenario: `plans` is empty and `entry` names its chunks).
 */
export interface CityInfo {
  id: string;
  name: string;
  nameEn: string;
  province: string;
  plans: string[];
  focusCounty: string | null;
  bbox: [number, number, number, number];
  center: [number, number];
  counties: string;
  divisions: string;
  /** The sample scenario's file; null for a city without a local plan (it starts with no facilities). */
  scenario: string | null;
  /** The national index's entry, for a city that is not one of the plan cities. */
  entry?: CityEntry;
  /**
   * The plan city's id when a local plan is loaded for the city, as in the national index (core's `hasLocalPlan`
   * reads it): set for the plan cities, absent for the others.
   */
  plan?: string;
}

/** A city of the national index as the app shows it (no plan, no sample scenario). */
export function cityInfoFromEntry(entry: CityEntry, index: ChinaIndex): CityInfo {
  const [w, s, e, n] = entry.bbox;
  return {
    id: entry.id,
    name: entry.name,
    nameEn: entry.nameEn,
    province: index.provinces.find((p) => p.code === entry.province)?.name ?? entry.province,
    plans: [],
    focusCounty: null,
    bbox: entry.bbox,
    center: [(w + e) / 2, (s + n) / 2],
    counties: entry.files.counties,
    divisions: entry.files.divisions,
    scenario: null,
    entry,
    ...(entry.plan !== undefined ? { plan: entry.plan } : {}),
  };
}

export type CountyCollection = FeatureCollection<Polygon | MultiPolygon, CountyProps> & {
  source?: string;
  licence?: string;
  note?: string;
  /** The user's file name, for boundaries the user imported in place of the shipped ones. */
  importedFrom?: string;
};

/** What the app keeps of a sample scenario besides its facilities: whether it is invented, and its notice. */
export interface ScenarioInfo {
  invented?: boolean;
  notice?: LocalizedText;
}

export interface CityData {
  city: CityInfo;
  counties: CountyCollection;
  scenario: ScenarioInfo;
  facilities: Facility[];
  divisions: Divisions | null;
}

const PLAN_CITIES = (planCities as unknown as CityInfo[]).map((c) => ({ ...c, plan: c.id }));

// Every geodata file is bundled as a static asset: the app needs no network. The sample scenarios ship in columns
// (scenario-<city>.cols.json); their GeoJSON form is for the CLI and for reading, not for the app.
const ASSET_URLS = import.meta.glob(["../../geodata/*.{json,geojson}", "!../../geodata/scenario-*.geojson"], {
  query: "?url",
  import: "default",
  eager: true,
}) as Record<string, string>;

function assetUrl(file: string): string {
  const url = ASSET_URLS[`../../geodata/${file}`];
  if (!url) throw new Error(`embedded data file missing: geodata/${file}`);
  return url;
}

/**
 * A plan city's shipped files as absolute URLs (the analysis worker fetches them itself for the first analysis:
 * `loadShipped`); null for a city of the national index, which has no sample scenario.
 */
export function shippedFiles(city: CityInfo): { counties: string; scenario: string; divisions: string } | null {
  if (city.scenario === null || city.entry) return null;
  const abs = (file: string) => new URL(assetUrl(file), document.baseURI).href;
  return { counties: abs(city.counties), scenario: abs(city.scenario), divisions: abs(city.divisions) };
}

async function fetchJson<T>(file: string): Promise<T> {
  const res = await fetch(assetUrl(file));
  if (!res.ok) throw new Error(`geodata/${file}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The plan cities (geodata/cities.json, 1 kB gzipped): part of the first chunk, so no round trip waits for it. */
export function loadCities(): Promise<CityInfo[]> {
  return Promise.resolve(PLAN_CITIES);
}

/** An empty scenario: a city without a local plan starts with no facilities until the planner imports some. */
const NO_SCENARIO: ScenarioInfo = {
  invented: false,
  notice: { zh: "无示例设施（未加载本地规划）", en: "no sample facilities (no local plan loaded)" },
};

const cityData = new Map<string, Promise<CityData>>();

/**
 * A city's data: the plan city's files, or a national-index city's chunks (fetched in parallel, code-split). Kept
 * once fetched (switching back costs nothing; the start can fetch the first city before React asks for it).
 */
export function loadCityData(city: CityInfo): Promise<CityData> {
  let p = cityData.get(city.id);
  if (!p) {
    p = fetchCityData(city);
    cityData.set(city.id, p);
    p.catch(() => cityData.delete(city.id)); // a failed fetch is tried again next time
  }
  return p;
}

async function fetchCityData(city: CityInfo): Promise<CityData> {
  if (city.scenario === null) {
    if (!city.entry) throw new Error(`${city.id}: no files`);
    const { counties, divisions } = await loadChinaCity(city.entry);
    return { city, counties, scenario: NO_SCENARIO, facilities: [], divisions };
  }
  const [counties, scenario, divisions] = await Promise.all([
    fetchJson<CountyCollection>(city.counties),
    fetchJson<FacilityColumns>(city.scenario),
    fetchJson<Divisions>(city.divisions).catch(() => null),
  ]);
  markOnce("data-parsed");
  const info: ScenarioInfo = {
    ...(scenario.invented !== undefined ? { invented: scenario.invented } : {}),
    ...(scenario.notice ? { notice: scenario.notice } : {}),
  };
  return { city, counties, scenario: info, facilities: facilitiesFromColumns(scenario), divisions };
}

/** china-data.ts, a chunk of its own (fetched again after a failure). */
const importChinaData = lazyModule(() => import("./china-data"));

/** Reads a geodata file of either layout: the plan cities' files at the top, the others under china/. */
async function readGeodata(file: string): Promise<unknown> {
  if (file.startsWith("china/")) return (await importChinaData()).fetchChinaFile(file);
  return fetchJson<unknown>(file);
}

/**
 * The national index of every city (geodata/china/index.json, about 30 kB gzipped), fetched when a city picker
 * or a national view needs it, never on the first load. Throws with the bilingual messages if it fails its schema.
 */
export function loadChinaIndex(): Promise<ChinaIndex> {
  chinaIndex ??= readGeodata("china/index.json").then((data) => {
    const r = parseChinaIndex(data);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.message.zh} / ${e.message.en}`).join("\n"));
    return r.index;
  });
  chinaIndex.catch(() => {
    chinaIndex = null; // a failed fetch may be retried
  });
  return chinaIndex;
}
let chinaIndex: Promise<ChinaIndex> | null = null;

/** One city's counties and divisions, fetched in parallel when it is chosen (a few kB to 100 kB gzipped). */
export async function loadChinaCity(
  entry: CityEntry,
): Promise<{ counties: CountyCollection; divisions: CityDivisions }> {
  const [counties, divisions] = await Promise.all([
    loadCityCounties(entry, readGeodata),
    readGeodata(entry.files.divisions).then((d) =>
      entry.files.divisionsFormat === "compact" ? divisionsFromCompact(d as CompactDivisions) : (d as CityDivisions),
    ),
  ]);
  // a pre-2023 unit of the boundaries reads its 2023 successor's townships (孟津县 ← 孟津区)
  return { counties, divisions: continueRenamedUnits(divisions, counties.codeNotes) };
}

/**
 * An imported list's rows outside the loaded boundaries, placed among every prefecture-level city (core's
 * placeOutsideRows: each warning names the city and county its point lies in), and where those points lie (an
 * imported list that is mostly outside the chosen city is said to be another city's): the index, then the boundaries
 * of only the cities whose box holds one of them.
 */
export async function placeOutside(
  file: string,
  result: Parameters<typeof placeOutsideRows>[1],
): Promise<{ issues: RowIssue[]; where: PointsWhere | undefined }> {
  if (!result.issues.some((i) => i.code === "outside-boundaries"))
    return { issues: [...result.issues], where: undefined };
  return placeOutsideRows(file, result, (await loadChinaIndex()).cities, readGeodata);
}
