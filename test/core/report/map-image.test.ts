import { convertIndexedToRgb, decode } from "fast-png";
import geographiclib from "geographiclib-geodesic";
import type { Feature, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { localTransverseMercator } from "../../../src/core/geo";
import type { CountyProps, Facility } from "../../../src/core/model";
import { MAP_SYMBOLS, renderCountyMap, reviewMaps } from "../../../src/core/report/map-image";
import { nanyang, nanyangPlaced } from "./nanyang";

const geod = geographiclib.Geodesic.WGS84;

const county: Feature<Polygon, CountyProps> = {
  type: "Feature",
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [112, 33],
        [112.4, 33],
        [112.4, 33.3],
        [112, 33.3],
        [112, 33],
      ],
    ],
  },
  properties: { code: "990001", name: "甲县", kind: "county", seat: [112.2, 33.15], city: "test" },
};
const station: Facility = { id: "E1", name: "急救站", type: "ems-station", lon: 112.1, lat: 33.1 };
const gap: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [112.3, 33.2],
      [112.38, 33.2],
      [112.38, 33.28],
      [112.3, 33.28],
      [112.3, 33.2],
    ],
  ],
};

/**
 * A PNG's pixel reader, [r, g, b] at (x, y) rounded: an indexed PNG (one byte a pixel, with its palette) or RGB, read
 * as RGB either way.
 */
function pixels(bytes: Uint8Array): (x: number, y: number) => number[] {
  const png = decode(bytes);
  const rgb = png.palette ? convertIndexedToRgb(png) : png.data;
  const channels = png.palette ? png.palette[0].length : png.channels;
  return (x, y) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * channels;
    return [rgb[i], rgb[i + 1], rgb[i + 2]];
  };
}

describe("county map image without a browser", () => {
  const img = renderCountyMap({
    county,
    facilities: [station],
    gaps: [gap],
    violations: [[112.2, 33.05]],
    widthPx: 800,
  });
  const png = decode(img.png);
  const at = pixels(img.png);
  // pixel of a lon/lat, from the image's own scale: the square is centred and north is up
  const x0 = img.width / 2;
  const y0 = img.height / 2;
  const kmPerPxE = (lon: number, lat: number) => {
    const dir = lon >= 112.2 ? 1 : -1;
    return (dir * (geod.Inverse(lat, 112.2, lat, lon).s12 as number)) / img.metresPerPx;
  };
  const pixel = (lon: number, lat: number) => {
    const dy = ((lat >= 33.15 ? -1 : 1) * (geod.Inverse(33.15, lon, lat, lon).s12 as number)) / img.metresPerPx;
    return [x0 + kmPerPxE(lon, lat), y0 + dy];
  };

  it("is a PNG of the asked width, with a height from the county's shape", () => {
    expect(png.width).toBe(800);
    expect(png.height).toBe(img.height);
    expect(img.height).toBeGreaterThanOrEqual(0.6 * 800);
  });

  it("has a true scale: the county's width in pixels matches its geodesic width", () => {
    const widthM = geod.Inverse(33.15, 112, 33.15, 112.4).s12 as number;
    // the frame leaves 6 % on each side of the wider (east-west) span
    expect(widthM / img.metresPerPx / (800 / 1.12)).toBeCloseTo(1, 2);
    expect([1, 2, 5, 10, 20, 50].includes(img.scaleBarKm)).toBe(true);
  });

  it("draws the station, the gap and the violation where they are", () => {
    const [sx, sy] = pixel(112.1, 33.1);
    expect(at(sx, sy)).toEqual([...MAP_SYMBOLS.ems.color]);
    const [gx, gy] = pixel(112.34, 33.24);
    const g = at(gx, gy);
    expect(g[0]).toBeGreaterThan(200);
    expect(g[1]).toBeLessThan(180);
    const [vx, vy] = pixel(112.2, 33.05);
    expect(at(vx, vy)).toEqual([0, 0, 0]);
    // inside the county, away from symbols: the county's fill; outside: white
    const [ix, iy] = pixel(112.25, 33.15);
    expect(at(ix, iy)).toEqual([250, 250, 246]);
    expect(at(2, img.height / 2)).toEqual([255, 255, 255]);
    expect(img.legend.map((l) => l.zh)).toEqual([
      MAP_SYMBOLS.county.zh,
      MAP_SYMBOLS.gap.zh,
      MAP_SYMBOLS.ems.zh,
      MAP_SYMBOLS.violation.zh,
    ]);
  });
});

describe("a proposed site is boxed in blue, as on the app's map (the planner trial, s40-a #3)", () => {
  it("draws the box around the site and names it in the legend; no box, no entry", () => {
    const proposed: Facility = { ...station, id: "P1", proposed: true };
    const img = renderCountyMap({ county, facilities: [proposed], widthPx: 800 });
    const at = pixels(img.png);
    const dx = -(geod.Inverse(33.1, 112.2, 33.1, 112.1).s12 as number) / img.metresPerPx;
    const dy = (geod.Inverse(33.15, 112.1, 33.1, 112.1).s12 as number) / img.metresPerPx;
    const [x, y] = [img.width / 2 + dx, img.height / 2 + dy];
    expect(at(x, y)).toEqual([...MAP_SYMBOLS.ems.color]);
    // the box's top edge, 13.5 px above the site
    expect(at(x, y - 13.5)).toEqual([...MAP_SYMBOLS.proposed.color]);
    expect(img.legend.map((l) => l.zh)).toContain("蓝框：规划新增（尚未建成）");
    const plain = renderCountyMap({ county, facilities: [station], widthPx: 800 });
    expect(plain.legend.map((l) => l.zh)).not.toContain("蓝框：规划新增（尚未建成）");
  });
});

describe("a crowded county map keeps every symbol's own colour", () => {
  // 3,000 clinics (their anti-aliased edges over the county fill and the gap make many mixed colours), then one
  // facility of each other kind in clear space: each centre pixel must be its symbol's exact colour
  const clinics: Facility[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `C${i}`,
    name: "村卫生室",
    type: "village-clinic",
    lon: 112.01 + ((i * 0.6180339887) % 1) * 0.18,
    lat: 33.01 + ((i * 0.4142135623) % 1) * 0.28,
  }));
  const kinds: Array<[Facility["type"], keyof typeof MAP_SYMBOLS, number]> = [
    ["thc", "thc", 33.05],
    ["hospital", "hospital", 33.1],
    ["county-medical-centre", "centre", 33.15],
    ["ems-station", "ems", 33.2],
  ];
  const others: Facility[] = kinds.map(([type, , lat], i) => ({ id: `K${i}`, name: type, type, lon: 112.3, lat }));
  const img = renderCountyMap({ county, facilities: [...clinics, ...others], gaps: [gap], widthPx: 800 });
  const png = decode(img.png);

  it("is an indexed PNG whose palette holds each symbol colour, drawn at each facility", () => {
    expect(png.palette?.length).toBeLessThanOrEqual(256);
    const rgb = png.palette ? convertIndexedToRgb(png) : png.data;
    const ch = png.palette ? png.palette[0].length : png.channels;
    for (const [, key, lat] of kinds) {
      // the facility's pixel, from the image's scale (north up, centred on the square)
      const dx = (geod.Inverse(lat, 112.2, lat, 112.3).s12 as number) / img.metresPerPx;
      const sign = lat >= 33.15 ? -1 : 1;
      const dy = (sign * (geod.Inverse(33.15, 112.3, lat, 112.3).s12 as number)) / img.metresPerPx;
      const i = (Math.round(img.height / 2 + dy) * png.width + Math.round(img.width / 2 + dx)) * ch;
      expect([rgb[i], rgb[i + 1], rgb[i + 2]], key).toEqual([...MAP_SYMBOLS[key].color]);
    }
  });
});

// The reviewer trial: the report's county map drew a ✕ (「违规位置」) on the health centres and EMS stations, hundreds of
// them: VC-PER-VILLAGE rows placed at a stand-in (代位: the township's health centre, a facility of the unit). A place
// that is not the violation's own is a hollow ring under the symbol, with its own legend entry; a ✕ stays for a
// violation's own place.
describe("a violation placed at a stand-in never hides the facility standing in", () => {
  const thc: Facility = { id: "T1", name: "某某镇卫生院", type: "thc", lon: 112.1, lat: 33.1 };
  const img = renderCountyMap({
    county,
    facilities: [thc],
    violations: [[112.3, 33.2]],
    standIns: [
      [112.1, 33.1],
      [112.1, 33.1],
    ],
    widthPx: 800,
  });
  const at = pixels(img.png);
  const dx = -(geod.Inverse(33.1, 112.2, 33.1, 112.1).s12 as number) / img.metresPerPx;
  const dy = (geod.Inverse(33.15, 112.1, 33.1, 112.1).s12 as number) / img.metresPerPx;
  const [x, y] = [img.width / 2 + dx, img.height / 2 + dy];

  it("draws the facility's own symbol at its place, a ring around it, and a ✕ only where a violation is", () => {
    expect(at(x, y)).toEqual([...MAP_SYMBOLS.thc.color]);
    // the ring, 12 px out, in its own colour on each side
    for (const [ox, oy] of [
      [12, 0],
      [-12, 0],
      [0, 12],
      [0, -12],
    ])
      expect(at(x + ox, y + oy)).toEqual([96, 96, 110]);
    const vx = img.width / 2 + (geod.Inverse(33.2, 112.2, 33.2, 112.3).s12 as number) / img.metresPerPx;
    const vy = img.height / 2 - (geod.Inverse(33.15, 112.3, 33.2, 112.3).s12 as number) / img.metresPerPx;
    expect(at(vx, vy)).toEqual([0, 0, 0]);
    expect(img.legend.map((l) => [l.zh, l.shape])).toEqual([
      [MAP_SYMBOLS.county.zh, "line"],
      [MAP_SYMBOLS.thc.zh, "dot"],
      ["违规位置", "cross"],
      ["代位（无确切位置）", "ring"],
    ]);
  });

  it("in the review report's maps: no ✕ on a health centre standing in for its villages (Nanyang, 镇平县)", () => {
    const c = nanyang();
    const code = "411324";
    const feature = c.counties.features.find((f) => f.properties.code === code) as Feature<
      Polygon | MultiPolygon,
      CountyProps
    >;
    const map = reviewMaps({
      report: c.report,
      ruleSet: c.ruleSet,
      counties: c.counties.features,
      facilities: c.facilities,
      divisions: c.divisions,
      county: code,
      widthPx: 1200,
    })[code];
    // the places a facility stands in at, as the exports place them
    const standIns = nanyangPlaced(c).filter(
      (p) =>
        p.properties.county === code &&
        (p.properties.geometryKind === "township-health-centre" || p.properties.geometryKind === "unit-facility"),
    );
    expect(standIns.length).toBeGreaterThan(3);
    // the image's projection, as it states it: transverse Mercator centred on the county's box, 6 % margins
    const all = (feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates)
      .flat()
      .flat();
    const lon0 = (Math.min(...all.map((p) => p[0])) + Math.max(...all.map((p) => p[0]))) / 2;
    const lat0 = (Math.min(...all.map((p) => p[1])) + Math.max(...all.map((p) => p[1]))) / 2;
    const tm = localTransverseMercator(lon0, lat0);
    const xy = all.map((p) => tm.forward(p[0], p[1]));
    const [minX, maxX] = [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0]))];
    const [minY, maxY] = [Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
    const mPerPx = Math.max(((maxX - minX) * 1.12) / map.width, ((maxY - minY) * 1.12) / map.height);
    const at = pixels(map.png);
    const place = (lon: number, lat: number) => {
      const [px, py] = tm.forward(lon, lat);
      return [map.width / 2 + (px - (minX + maxX) / 2) / mPerPx, map.height / 2 - (py - (minY + maxY) / 2) / mPerPx];
    };
    const centres = c.facilities.filter((f) => f.county === code && f.type === "thc");
    let checked = 0;
    for (const p of standIns) {
      const [lon, lat] = (p.geometry as Point).coordinates;
      const f = centres.find((g) => g.lon === lon && g.lat === lat);
      if (!f) continue;
      const [x, y] = place(lon, lat);
      // the centre's own green, not the ✕'s black (a symbol drawn later at the same place may cover it: not black)
      expect(at(x, y), f.name).not.toEqual([0, 0, 0]);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
    expect(map.legend?.map((l) => l.label)).toContain("代位（无确切位置）");
  });
});

describe("the review report's map of a county the imported list has no facility in", () => {
  it("draws no whole-county gap and says why, where a county the list covers keeps its gaps (the print helper, s45)", () => {
    const c = nanyang();
    const missing = "411323";
    const covered = "411324";
    expect(c.report.gaps.some((g) => g.properties.county === missing)).toBe(true);
    const maps = (listed: boolean) =>
      reviewMaps({
        report: listed ? { ...c.report, listScope: { covered: [covered], missing: [missing] } } : c.report,
        ruleSet: c.ruleSet,
        counties: c.counties.features,
        facilities: c.facilities,
        divisions: c.divisions,
        widthPx: 600,
      });
    const gapLabel = (m: ReturnType<typeof maps>[string]) => m.legend?.some((l) => /缺口/.test(l.label));
    const plain = maps(false);
    const scoped = maps(true);
    expect(gapLabel(plain[missing])).toBe(true);
    expect(gapLabel(scoped[missing])).toBe(false);
    expect(scoped[missing].caption).toContain("西峡县：清单未含本县区设施，不作缺口图");
    expect(scoped[covered].caption).toBe(plain[covered].caption);
  });
});

describe("each facility type has its own symbol on the report map (the trial, s46-a #7)", () => {
  it("draws a 社区卫生服务站 as one, not as an EMS station, and names it in the legend", () => {
    const chcStation: Facility = { id: "S1", name: "某社区卫生服务站", type: "chc-station", lon: 112.1, lat: 33.1 };
    const img = renderCountyMap({ county, facilities: [chcStation], gaps: [], violations: [], widthPx: 600 });
    expect(img.legend.map((l) => l.zh)).toEqual([MAP_SYMBOLS.county.zh, MAP_SYMBOLS.station.zh]);
    expect(img.legend.map((l) => l.zh)).not.toContain(MAP_SYMBOLS.ems.zh);
    // at its place: its colour, not the EMS red
    const at = pixels(img.png);
    const near = (a: number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 1);
    const x0 = img.width / 2;
    const y0 = img.height / 2;
    const east = (geod.Inverse(33.15, 112.2, 33.15, 112.1).s12 as number) / img.metresPerPx;
    const south = (geod.Inverse(33.15, 112.1, 33.1, 112.1).s12 as number) / img.metresPerPx;
    expect(near(at(x0 - east, y0 + south), MAP_SYMBOLS.station.color)).toBe(true);
  });
});
