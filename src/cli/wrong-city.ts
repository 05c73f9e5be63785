import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { CountyLocator, type CountyProps, citiesOfPoints, counted, type Facility, OTHER_CITY_SHARE } from "../core";
import { InputError } from "./common";

/** Share of a file's facilities that may lie outside the chosen city's counties before the run is refused. */
export const OUTSIDE_LIMIT = OTHER_CITY_SHARE;

/**
 * Refuses an analysis whose facilities mostly lie outside the chosen city's counties (issue 11: Yichun's data
 * analysed as Nanyang's gave a report full of violations): more than {@link OUTSIDE_LIMIT} of them outside every
 * loaded county is bad input. The message says which cities the points lie in (looked up among every
 * prefecture-level city's boundaries, only those whose box holds a point are read) and how to choose one.
 */
export async function refuseWrongCity(
  file: string,
  facilities: readonly Facility[],
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
  /** The chosen city's id (its bundled boundaries are `counties`). */
  cityId: string,
  /**
   * A siting run in a county the user named (`suggest --county`): a list of several cities is taken when the chosen
   * city holds some of it, the rest left out and said in the returned line (the national analyst's trial, s56d M2: a
   * 河南 list was refused for 南阳's 淅川县, with 「请改用 --city xinyang」).
   */
  siting = false,
): Promise<string[]> {
  if (facilities.length === 0) return [];
  const here = new CountyLocator(counties.features);
  const outside = facilities.filter((f) => here.locate(f.lon, f.lat) < 0);
  if (outside.length <= OUTSIDE_LIMIT * facilities.length) return [];

  const { loadChinaIndex } = await import("./region");
  const chosen = (await loadChinaIndex()).cities.find((c) => c.id === cityId);
  const cityName = chosen ? chosen.name : "所加载边界 the loaded boundaries";
  const name = basename(file);
  const inside = facilities.length - outside.length;
  if (siting && inside > 0)
    return [
      `${name}: 清单含多个城市，${facilities.length} 个设施中 ${inside} 个在${cityName}的县区内，用于选址；其余 ${outside.length} 个不在其内，未用（填了他市县区代码的行列为被拒绝）/ the list spans several cities: ${inside} of ${counted(facilities.length, "facility", "facilities")} lie in the counties of ${chosen ? chosen.nameEn : "the loaded boundaries"} and are used for siting; the other ${outside.length} are not (rows giving another city's county code are listed as rejected)`,
    ];
  throw new InputError([
    `${name}: ${facilities.length} 个设施中有 ${outside.length} 个不在${cityName}的县区内，不予分析 / ${outside.length} of ${counted(facilities.length, "facility", "facilities")} ${outside.length === 1 ? "lies" : "lie"} outside the counties of ${chosen ? chosen.nameEn : "the loaded boundaries"}; not analysed`,
    ...(await whereTheyLie(file, outside)),
  ]);
}

/**
 * Where some points lie among every prefecture-level city (the national boundaries, read only for the cities whose box
 * holds one of them), as lines of a refusal: the cities with their counts, and the `--city` to use.
 */
export async function whereTheyLie(
  file: string,
  points: ReadonlyArray<{ lon: number; lat: number }>,
): Promise<string[]> {
  const { loadChinaIndex, readGeodata } = await import("./region");
  const index = await loadChinaIndex();
  const { byCity, nowhere } = await citiesOfPoints(points, index.cities, readGeodata);
  const where = byCity.map(({ city, count }) => `${city.name}（${count} 个）`).join("、");
  const whereEn = byCity.map(({ city, count }) => `${city.nameEn}: ${count}`).join(", ");
  const best = byCity[0]?.city;
  const name = basename(file);
  const lines =
    byCity.length > 0
      ? [
          `${name}: 这些点位于${where}${nowhere ? `；${nowhere} 个不在任何地级市内` : ""} / these points lie in ${whereEn}${nowhere ? `; ${nowhere} in no prefecture-level city` : ""}`,
        ]
      : [
          `${name}: 这些点不在任何地级市内 / these points lie in no prefecture-level city (check the coordinates and --crs)`,
        ];
  if (best) lines.push(`请改用 use: --city ${best.id}（${best.name}）`);
  return lines;
}
