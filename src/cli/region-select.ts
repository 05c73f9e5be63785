/** Which cities a regional run covers: `--city`, `--province`, `--china`, `--counties` resolved in the national index. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ChinaIndex,
  type CityEntry,
  type CodeNote,
  continueRenamedUnits,
  type Divisions,
  loadCityDivisions,
  lookupCity,
  lookupProvince,
  parseChinaIndex,
  runOrder,
} from "../core";
import { InputError, optionError, REPO_ROOT, readJson } from "./common";
import type { RegionSelection } from "./region";

/** Reads a geodata file (path relative to geodata/) as JSON. */
export async function readGeodata(path: string): Promise<unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, "geodata", path), "utf8"));
}

/** The national city index, validated; a broken index is bad input naming the file and field. */
export async function loadChinaIndex(): Promise<ChinaIndex> {
  const parsed = parseChinaIndex(await readGeodata("china/index.json"));
  if (!parsed.ok)
    throw new InputError(parsed.errors.map((e) => `${e.file}: ${e.field}: ${e.message.zh} / ${e.message.en}`));
  return parsed.index;
}

/**
 * A city's township and village list: a national-index city's chunk, its pre-2023 units reading their successors'
 * through the boundaries' code notes (孟津县 ← 孟津区); else a plan city's bundled file; else null. One reading for
 * `report` and `suggest` (the GIS trial: `suggest` matched no township or village name that `analyze` matched).
 */
export async function cityDivisions(
  entry: CityEntry | undefined,
  cityKey: string,
  counties: { codeNotes?: CodeNote[] },
): Promise<(Divisions & { source?: string; licence?: string }) | null> {
  if (entry) return continueRenamedUnits(await loadCityDivisions(entry, readGeodata), counties.codeNotes);
  const file = join(REPO_ROOT, "geodata", `divisions-${cityKey}.json`);
  return existsSync(file)
    ? (readJson(file, { zh: "区划名录", en: "division list" }) as Divisions & { source?: string; licence?: string })
    : null;
}

function candidateLines(cands: Array<{ name: string; code: string; id?: string }>): string[] {
  return cands.map((c) =>
    `  候选 / candidate: ${c.name} ${c.id ? `--city ${c.id}` : ""} (${c.code})`.replace("  (", " ("),
  );
}

/** The city entry a county code belongs to by its code (a province-direct unit is its own entry). */
export function cityOfCode(index: ChinaIndex, code: string): CityEntry[] {
  const direct = index.cities.filter((c) => c.kind === "province-direct" && c.code === code);
  if (direct.length) return direct;
  return index.cities.filter((c) => c.kind !== "province-direct" && c.prefixes.includes(code.slice(0, 4)));
}

/** The cities a selection names, in run order; unknown or ambiguous names are InputErrors listing candidates. */
export function selectCities(index: ChinaIndex, select: RegionSelection): CityEntry[] {
  if (select.kind === "china") return runOrder(index.cities);
  if (select.kind === "city") {
    const found = lookupCity(index, select.query);
    if (found.ok) return [found.city];
    throw new InputError([
      optionError("city", found.message.zh, found.message.en),
      ...candidateLines(found.candidates.map((c) => ({ name: c.name, code: c.code, id: c.id }))),
    ]);
  }
  if (select.kind === "province") {
    const found = lookupProvince(index, select.query);
    if (found.ok) return runOrder(index.cities.filter((c) => c.province === found.province.code));
    throw new InputError([
      optionError("province", found.message.zh, found.message.en),
      ...found.candidates.map((p) => `  候选 / candidate: ${p.name} --province ${p.code}`),
    ]);
  }
  const cities = new Map<string, CityEntry>();
  const unknown: string[] = [];
  for (const code of select.codes) {
    const owners = cityOfCode(index, code);
    if (owners.length === 0) unknown.push(code);
    for (const c of owners) cities.set(c.id, c);
  }
  if (unknown.length)
    throw new InputError([
      optionError(
        "counties",
        `这些代码不属于任何城市：${unknown.join("、")}`,
        `these codes belong to no city: ${unknown.join(", ")}`,
      ),
    ]);
  return runOrder([...cities.values()]);
}
