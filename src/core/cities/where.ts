import { outsideBoundariesMessage } from "../io/checks";
import type { RowIssue } from "../io/types";
import type { Facility } from "../model";
import { counted } from "../plural";
import { CountyLocator } from "./county-locator";
import { type GeodataReader, loadCityCounties } from "./national";
import type { CityEntry } from "./schema";

/** Share of a list's facilities that may lie outside the chosen city's counties before the list is taken for another city's. */
export const OTHER_CITY_SHARE = 0.5;

/** Which prefecture-level cities some points lie in: each city with its count, most first, and how many lie in none. */
export interface PointsWhere {
  byCity: Array<{ city: CityEntry; count: number }>;
  nowhere: number;
  /** Each point's city and county (same index as the points), undefined for a point in none. */
  at: Array<PointPlace | undefined>;
}

/** The prefecture-level city and the county-level unit a point lies in. */
export interface PointPlace {
  city: CityEntry;
  county: { code: string; name: string };
}

/**
 * The cities of the national index that `points` lie in, reading the county boundaries only of the cities whose box
 * holds one of the points (a list of another city reads one or two). The command line refuses such a list; the app
 * says where it lies and offers to switch (the planner trial: a 洛阳 list imported into 南阳 was taken row by row).
 */
export async function citiesOfPoints(
  points: ReadonlyArray<{ lon: number; lat: number }>,
  cities: readonly CityEntry[],
  read: GeodataReader,
): Promise<PointsWhere> {
  const inBox = (b: readonly number[], p: { lon: number; lat: number }) =>
    p.lon >= b[0] && p.lon <= b[2] && p.lat >= b[1] && p.lat <= b[3];
  const candidates = cities.filter((c) => points.some((p) => inBox(c.bbox, p)));
  const loaded = await Promise.all(
    candidates.map(async (c) => {
      const { features } = await loadCityCounties(c, read);
      return { c, at: new CountyLocator(features), features };
    }),
  );
  const tally = new Map<CityEntry, number>();
  let nowhere = 0;
  const places: Array<PointPlace | undefined> = [];
  for (const p of points) {
    let place: PointPlace | undefined;
    for (const { c, at, features } of loaded) {
      const k = inBox(c.bbox, p) ? at.locate(p.lon, p.lat) : -1;
      if (k < 0) continue;
      place = { city: c, county: { code: features[k].properties.code, name: features[k].properties.name } };
      break;
    }
    places.push(place);
    if (!place) nowhere++;
    else tally.set(place.city, (tally.get(place.city) ?? 0) + 1);
  }
  const byCity = [...tally.entries()].map(([city, count]) => ({ city, count })).sort((a, b) => b.count - a.count);
  return { byCity, nowhere, at: places };
}

/**
 * An import's "outside-boundaries" warnings, each naming where its point lies among every prefecture-level city
 * (「位于九江市永修县」; or in none, to check the coordinates), the other issues as they are: a reviewer read
 * 「位于已加载的行政区边界之外」 for a 靖安县 list's row and could not tell a neighbour's station from a wrong position
 * (the reviewer trial, s45-a). `where` is {@link citiesOfPoints} of the rows' points, as `facilities[k]` is row
 * `rows[k]`; only the cities whose box holds one are read.
 */
export async function placeOutsideRows(
  file: string,
  result: { facilities: readonly Facility[]; rows: readonly number[]; issues: readonly RowIssue[] },
  cities: readonly CityEntry[],
  read: GeodataReader,
): Promise<{ issues: RowIssue[]; where: PointsWhere | undefined }> {
  const outsideRows = new Set(
    result.issues.filter((i) => i.code === "outside-boundaries" && i.file === file).map((i) => i.row),
  );
  if (outsideRows.size === 0) return { issues: [...result.issues], where: undefined };
  const at = new Map<number, Facility>();
  result.facilities.forEach((f, k) => {
    if (outsideRows.has(result.rows[k])) at.set(result.rows[k], f);
  });
  const rows = [...at.keys()];
  const where = await citiesOfPoints([...at.values()], cities, read);
  const placeOf = new Map(rows.map((r, k) => [r, where.at[k]]));
  const issues = result.issues.map((i) => {
    const f = i.code === "outside-boundaries" && i.file === file ? at.get(i.row) : undefined;
    if (!f) return i;
    const p = placeOf.get(i.row);
    const place = p
      ? { zh: `${p.city.name}${p.county.name}`, en: `${p.county.name}, ${p.city.nameEn} (${p.city.name})` }
      : null;
    return { ...i, message: outsideBoundariesMessage(f.name, place) };
  });
  return { issues, where };
}

/**
 * The whole-file warning of a list most of whose facilities lie outside the chosen city (`outside` of `total`), naming
 * the cities they lie in (`value`: the id of the one holding most, which the app offers to switch to).
 */
export function otherCityIssue(
  file: string,
  total: number,
  outside: number,
  chosen: { name: string; nameEn: string },
  where: PointsWhere,
): RowIssue {
  const best = where.byCity[0]?.city;
  const zhWhere = where.byCity.map(({ city, count }) => `${city.name}（${count} 个）`).join("、");
  const enWhere = where.byCity.map(({ city, count }) => `${city.nameEn} (${city.name}): ${count}`).join(", ");
  const zh = [
    `${total} 个设施中有 ${outside} 个不在${chosen.name}的县区内`,
    where.byCity.length
      ? `这些点位于${zhWhere}${where.nowhere ? `；${where.nowhere} 个不在任何地级市内` : ""}`
      : "这些点不在任何地级市内：请核对坐标和坐标系",
    best ? `这份名单似属${best.name}：请切换到${best.name}后再导入` : "",
  ].filter(Boolean);
  const en = [
    `${outside} of ${counted(total, "facility", "facilities")} ${outside === 1 ? "lies" : "lie"} outside the counties of ${chosen.nameEn} (${chosen.name})`,
    where.byCity.length
      ? `they lie in ${enWhere}${where.nowhere ? `; ${where.nowhere} in no prefecture-level city` : ""}`
      : "they lie in no prefecture-level city: check the coordinates and their system",
    best ? `the list looks like ${best.nameEn}'s (${best.name}): switch to it and import again` : "",
  ].filter(Boolean);
  return {
    file,
    row: 0,
    field: "",
    severity: "warning",
    code: "other-city",
    ...(best ? { value: best.id } : {}),
    message: { zh: zh.join("；"), en: en.join("; ") },
  };
}
