import type { RowIssue } from "../io/types";
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
    candidates.map(async (c) => ({ c, at: new CountyLocator((await loadCityCounties(c, read)).features) })),
  );
  const tally = new Map<CityEntry, number>();
  let nowhere = 0;
  for (const p of points) {
    const hit = loaded.find(({ c, at }) => inBox(c.bbox, p) && at.locate(p.lon, p.lat) >= 0);
    if (!hit) nowhere++;
    else tally.set(hit.c, (tally.get(hit.c) ?? 0) + 1);
  }
  const byCity = [...tally.entries()].map(([city, count]) => ({ city, count })).sort((a, b) => b.count - a.count);
  return { byCity, nowhere };
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
  const zhWhere = where.byCity.map(({ city, count }) => `${city.name} ${count}`).join("、");
  const enWhere = where.byCity.map(({ city, count }) => `${city.nameEn} (${city.name}) ${count}`).join(", ");
  const zh = [
    `${total} 个设施中有 ${outside} 个不在${chosen.name}的县区内`,
    where.byCity.length
      ? `这些点位于 ${zhWhere}${where.nowhere ? `；${where.nowhere} 个不在任何地级市内` : ""}`
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
