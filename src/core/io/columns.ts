import type { ColumnMapping } from "./types";

const PATTERNS: Array<[keyof ColumnMapping, RegExp[]]> = [
  // a code the provincial list joins on before a row number (the GIS trial: 序号 was taken over 组织机构代码)
  ["id", [/^(id|fid|编号|机构代码|机构编码|机构编号|组织机构代码|统一社会信用代码|code)$/i, /^(序号|no\.?)$/i]],
  ["name", [/^(名称|机构名称|单位名称|医疗机构名称|机构|单位|name|facility|facility[_ ]?name)$/i, /名称$/]],
  ["type", [/^(类型|机构类别|机构类型|类别|机构分类|type|category|kind|facility[_ ]?type)$/i, /(类别|类型)$/]],
  ["lon", [/^(经度|lon|lng|long|longitude|x|东经|x坐标|经度坐标|横坐标)$/i, /经度/]],
  // 「经纬度」 holds both, not the latitude (the GIS trial): see combinedCoordinateColumn
  ["lat", [/^(纬度|lat|latitude|y|北纬|y坐标|纬度坐标|纵坐标)$/i, /(?<!经)纬度/]],
  ["county", [/^(所属县区|县区|区县|县市区|所属区县|县|区|县级|county|district|county[_ ]?code)$/i, /(县区|区县)/]],
  ["township", [/^(乡镇|乡镇街道|所属乡镇|乡镇\/街道|街道|乡|镇|township|town|street)$/i, /乡镇/]],
  ["village", [/^(村|行政村|所属村|村居|村社区|社区|village|community)$/i, /行政村/]],
  // 12-, 9- or 6-digit codes, row by row (the 基层卫生信息系统's export: the user trial, s46-a #5, left it unread)
  [
    "unitCode",
    [
      /^(行政区划代码|区划代码|统计用区划代码|行政区划编码|区划编码|行政代码|代码|adcode|division[_ ]?code|xzqdm)$/i,
      /区划代码|区划编码/,
    ],
  ],
  [
    "servesVillages",
    [/^(服务行政村|服务村|覆盖行政村|服务村代码|合建村|serves[_ ]?villages|served[_ ]?villages|serves_vil)$/i],
  ],
  ["infectiousBeds", [/^(传染病床位(数)?|传染病救治床位(数)?|infectious[_ ]?beds|inf_beds)$/i, /传染病.*床位/]],
  ["beds", [/^(床位数|编制床位|床位|开放床位|实有床位|核定床位|beds?|bed[_ ]?count)$/i, /床位/]],
  ["gps", [/^(全科医生(数)?|全科医师(数)?|gps?|general[_ ]?practitioners)$/i, /全科/]],
  [
    "doctors",
    [
      // 医生 is the office word for them (the planner trial, s46-b #3: a 医生 column was left unread, unsaid); not
      // 乡村医生 nor 全科医生, which are not 执业（助理）医师 (the latter is the gps field's)
      /^(执业（助理）医师(数|人数)?|执业\(助理\)医师(数|人数)?|执业医师(数|人数)?|医师(数|人数)?|医生(数|人数)?|doctors?|physicians?)$/i,
      /医师/,
    ],
  ],
  ["nurses", [/^(注册护士(数)?|护士(数)?|nurses?)$/i, /护士/]],
  ["pharmacists", [/^(药师（士）(数)?|药师\(士\)(数)?|药师(数)?|pharmacists?)$/i, /药师/]],
  ["grade", [/^(等级|医院等级|级别|机构等级|grade|level)$/i, /等级/]],
  ["ownership", [/^(性质|所有制|经济类型|所有制形式|举办主体|公立民营|ownership|owner)$/i, /(所有制|经济类型)/]],
  ["hospitalKind", [/^(医院类别|医院类型|hospitalkind|hospital[_ ]?kind|hosp_kind)$/i]],
  ["proposed", [/^(proposed|拟建|规划新建)$/i]],
  ["invented", [/^(invented|虚构)$/i]],
];

function norm(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/\s+/g, " ");
}

/**
 * Guesses which header feeds each facility field, from Chinese and English header names.
 * Exact matches win over partial ones; a header is used for at most one field.
 * @example guessColumns(["机构名称", "经度", "纬度"]) // { name: "机构名称", lon: "经度", lat: "纬度" }
 */
export function guessColumns(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const pass of [0, 1] as const) {
    for (const [field, patterns] of PATTERNS) {
      if (mapping[field] !== undefined) continue;
      const re = patterns[pass];
      if (!re) continue;
      const hit = headers.find((h) => !used.has(h) && re.test(norm(h)));
      if (hit !== undefined) {
        mapping[field] = hit;
        used.add(hit);
      }
    }
  }
  // a DBF's longitude and latitude columns whose names were cut to its 10 bytes (「百度经」「百度纬」), when they are the
  // only such pair
  if (mapping.lon === undefined && mapping.lat === undefined) {
    const cut = truncatedCoordinatePairs(headers.filter((h) => !used.has(h)));
    if (cut.length === 1) {
      mapping.lon = cut[0].lon;
      mapping.lat = cut[0].lat;
    }
  }
  return mapping;
}

/**
 * A header as a DBF may have cut it at its 10 bytes: spaces trimmed, and a character cut in two at the end (decoded
 * as U+FFFD, as a writer that cuts between bytes leaves it) left off.
 */
function cutHeader(h: string): string {
  return norm(h).replace(/\uFFFD+$/, "");
}

/**
 * Longitude and latitude columns whose names a DBF cut to the 10 bytes a field name has: 「百度经度」「百度纬度」 are 12
 * bytes each in UTF-8 and become 「百度经」「百度纬」 (the tool's own Shapefile export cuts them so, and so do other
 * writers), 「高德经度」 「高德经」, 「百度地图经度」 in GBK 「百度地图经」. A pair is two headers that are one stem followed by 经
 * and by 纬, each the only header with its name, so that which is the longitude and which the latitude, and that they
 * belong together, is unambiguous; a lone 「百度经」 (a cut 「百度经纬度」 too) is none. The stem keeps the datum's word,
 * which datumOfColumns reads. Every such pair, in the headers' order.
 */
export function truncatedCoordinatePairs(headers: readonly string[]): Array<{ lon: string; lat: string }> {
  const byName = new Map<string, string[]>();
  for (const h of headers) {
    const k = cutHeader(h);
    byName.set(k, [...(byName.get(k) ?? []), h]);
  }
  const pairs: Array<{ lon: string; lat: string }> = [];
  for (const [name, [lon, ...more]] of byName) {
    if (!name.endsWith("经") || more.length > 0) continue;
    const lats = byName.get(`${name.slice(0, -1)}纬`);
    if (lats?.length === 1) pairs.push({ lon, lat: lats[0] });
  }
  return pairs;
}

/** Header names of one column holding a point's longitude and latitude together. */
const COMBINED =
  /^(经纬度|经纬度坐标|坐标|坐标点|位置坐标|gps坐标|经纬坐标|lnglat|lonlat|lng[_ ,]?lat|lon[_ ,]?lat|location|coordinates?|xy)$/i;

/** A cell's two coordinates: split on a comma or semicolon (ASCII or full-width), else on spaces; undefined if not two. */
export function splitCoordinatePair(cell: string): [string, string] | undefined {
  const t = cell.trim();
  const parts = /[,，;；]/.test(t) ? t.split(/\s*[,，;；]\s*/) : t.split(/\s+/);
  return parts.length === 2 && parts[0] !== "" && parts[1] !== "" ? [parts[0], parts[1]] : undefined;
}

/**
 * The column holding both coordinates in one cell (「经纬度」 "114.348267,34.773957"), when no longitude and latitude
 * columns are found and at least half of its first 50 filled cells split into two: a very common export (the GIS
 * trial: it was rejected, or its 「经纬度」 taken for the latitude).
 */
export function combinedCoordinateColumn(
  headers: readonly string[],
  cellsOf: (header: string) => readonly string[],
): string | undefined {
  for (const h of headers) {
    if (!COMBINED.test(norm(h))) continue;
    const filled = cellsOf(h)
      .filter((c) => c.trim() !== "")
      .slice(0, 50);
    if (filled.length > 0 && filled.filter((c) => splitCoordinatePair(c)).length * 2 >= filled.length) return h;
  }
  return undefined;
}
