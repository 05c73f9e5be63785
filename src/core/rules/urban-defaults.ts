import type { LocalizedText } from "../model";

/**
 * Published built-up areas (建成区面积) behind the default sizes of the urban area (城区). No plan defines 城区;
 * the statistical meaning (统计上划分城乡的规定) is the built-up area connected to a seat, so by default each seat gets a
 * disc of the area's size: radius = √(area / π). Sources are listed in docs/rules.md.
 */
export interface BuiltUpArea {
  km2: number;
  year: number;
  source: LocalizedText;
}

/** The prefecture central cities (中心城区) whose built-up area we have a published figure for. */
export const CENTRAL_CITY_BUILT_UP: Readonly<Record<string, BuiltUpArea>> = {
  nanyang: {
    km2: 164.75,
    year: 2021,
    source: {
      zh: "《2021年中国城市建设统计年鉴》南阳市建成区面积 164.75 平方公里",
      en: "China Urban Construction Statistical Yearbook 2021: Nanyang built-up area 164.75 km²",
    },
  },
  pingdingshan: {
    km2: 73.4,
    year: 2021,
    source: {
      zh: "《2021年中国城市建设统计年鉴》平顶山市建成区面积 73.4 平方公里",
      en: "China Urban Construction Statistical Yearbook 2021: Pingdingshan built-up area 73.4 km²",
    },
  },
};

/** A city with no figure on file: the mean built-up area of China's cities (4.79万 km² over 658 cities, 2013). */
export const GENERIC_CITY_BUILT_UP: BuiltUpArea = {
  km2: 47_900 / 658,
  year: 2013,
  source: {
    zh: "《2013年城乡建设统计公报》全国 658 个设市城市建成区面积 4.79 万平方公里，平均每市 72.8 平方公里",
    en: "2013 Urban–Rural Construction Statistical Bulletin: 658 cities, 47,900 km² built up, 72.8 km² each on average",
  },
};

/** A county seat (县城): the mean built-up area of China's county seats (1.95万 km² over 1,544 seats, 2016). */
export const COUNTY_SEAT_BUILT_UP: BuiltUpArea = {
  km2: 19_500 / 1544,
  year: 2016,
  source: {
    zh: "《2016年城乡建设统计公报》1526 个县及 4 个撤县改区的县、14 个特殊区域县城建成区面积 1.95 万平方公里，平均 12.6 平方公里",
    en: "2016 Urban–Rural Construction Statistical Bulletin: 1,544 county seats, 19,500 km² built up, 12.6 km² each on average",
  },
};

/** Radius of a disc of area `km2`, km, to 0.1 km. */
export function discRadiusKm(km2: number): number {
  return Math.round(Math.sqrt(km2 / Math.PI) * 10) / 10;
}

/** The built-up area the central-city default of `city` rests on (the generic mean where none is on file). */
export function centralCityBuiltUp(city: string | undefined): BuiltUpArea {
  return (city ? CENTRAL_CITY_BUILT_UP[city] : undefined) ?? GENERIC_CITY_BUILT_UP;
}
