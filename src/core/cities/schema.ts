import { z } from "../zod";

/**
 * How a city entry holds its county-level units: a prefecture-level city (地级市, 地区, 自治州, 盟), a
 * municipality (直辖市: its districts and counties), or one county-level unit administered directly by its
 * province (省直辖县级行政单位, e.g. 济源市, 仙桃市, 五指山市, 石河子市).
 */
export const CITY_KINDS = ["prefecture", "municipality", "province-direct"] as const;
/** What a city of the index is: prefecture-level city, municipality, or a province-direct county-level unit. */
export type CityKind = (typeof CITY_KINDS)[number];

const code6 = z.string().regex(/^\d{6}$/, "6 位数字代码 / 6-digit code");
const bbox = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([w, s, e, n]) => w <= e && s <= n && w >= 73 && e <= 136 && s >= 3 && n <= 54, {
    message: "bbox [w, s, e, n] 须在中国范围内 / must be [w, s, e, n] within China",
  });

/** One city of the national index (geodata/china/index.json). */
export const CityEntrySchema = z.object({
  /** Stable id: the plan cities keep theirs (nanyang, pingdingshan, nangong, yichun); others are pinyin slugs. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Full name as in the 2023 statistical codes (郑州市, 延边朝鲜族自治州); a municipality's is the province's. */
  name: z.string().min(2),
  /** Name without the administrative suffix and ethnic designation (郑州, 延边). */
  shortName: z.string().min(1),
  /** Romanised short name (Zhengzhou). */
  nameEn: z.string().min(1),
  /** Toneless pinyin of the short name, ü written v, no spaces (zhengzhou, lvliang). */
  pinyin: z.string().regex(/^[a-z]+$/),
  /** First letters of the short name's syllables (zz). */
  initials: z.string().regex(/^[a-z]+$/),
  /** 2-digit province code. */
  province: z.string().regex(/^\d{2}$/),
  kind: z.enum(CITY_KINDS),
  /**
   * 6-digit code: the city's (410100), a municipality's province code (110000), or a province-direct unit's
   * own county code (419001).
   */
  code: code6,
  /** 4-digit city codes of the 2023 statistical codes whose county-level units this entry holds. */
  prefixes: z.array(z.string().regex(/^\d{4}$/)).min(1),
  /** [w, s, e, n] of the county polygons, degrees. */
  bbox,
  /** Geodesic area of the county polygons (WGS84 ellipsoid), km². */
  areaKm2: z.number().positive(),
  /** County-level units with a boundary. */
  counties: z.number().int().positive(),
  /** County-level units in the 2023 statistical codes (including functional zones without a boundary). */
  divisionCounties: z.number().int().nonnegative(),
  townships: z.number().int().nonnegative(),
  villages: z.number().int().nonnegative(),
  /** Files relative to geodata/, and their formats. */
  files: z.object({
    counties: z.string().min(1),
    countiesFormat: z.enum(["geojson", "topojson"]),
    divisions: z.string().min(1),
    divisionsFormat: z.enum(["nested", "compact"]),
  }),
  /** Id of the plan city in geodata/cities.json when a local plan is loaded for this city. */
  plan: z.string().optional(),
});
/** One city of the national index (see {@link CityEntrySchema}). */
export type CityEntry = z.infer<typeof CityEntrySchema>;

export const ProvinceEntrySchema = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(2),
  shortName: z.string().min(1),
  nameEn: z.string().min(1),
  pinyin: z.string().regex(/^[a-z]+$/),
});
/** One province of the national index: code, names and pinyin. */
export type ProvinceEntry = z.infer<typeof ProvinceEntrySchema>;

/** A county-level unit of the 2023 codes that no city entry holds a boundary or division list for. */
export const UnplacedUnitSchema = z.object({ code: code6, name: z.string().min(1), note: z.string().min(1) });

/** Schema of the national city index (geodata): provinces, cities with their chunk files, and units not placed. */
export const ChinaIndexSchema = z
  .object({
    source: z.string().min(1),
    year: z.number().int(),
    provinces: z.array(ProvinceEntrySchema).min(1),
    cities: z.array(CityEntrySchema).min(1),
    unplaced: z.array(UnplacedUnitSchema),
  })
  .superRefine((idx, ctx) => {
    const provinces = new Set(idx.provinces.map((p) => p.code));
    const ids = new Set<string>();
    idx.cities.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: "custom", path: ["cities", i, "id"], message: `重复 id / duplicate id ${c.id}` });
      ids.add(c.id);
      if (!provinces.has(c.province))
        ctx.addIssue({
          code: "custom",
          path: ["cities", i, "province"],
          message: `省份 ${c.province} 不在 provinces 中 / province ${c.province} not listed`,
        });
      if (!c.code.startsWith(c.province) || c.prefixes.some((p) => !p.startsWith(c.province)))
        ctx.addIssue({
          code: "custom",
          path: ["cities", i, "code"],
          message: "代码不在所属省份之下 / code not under its province",
        });
    });
  });
/** The national city index (see {@link ChinaIndexSchema}); read it with {@link parseChinaIndex}. */
export type ChinaIndex = z.infer<typeof ChinaIndexSchema>;

/** An expected failure, named by file and JSON path (row is 0 for a whole JSON file). */
export interface CityDataIssue {
  file: string;
  row: number;
  field: string;
  message: { zh: string; en: string };
}

/** Validates the national index; errors name the file and JSON path, in Chinese then English. */
export function parseChinaIndex(
  data: unknown,
  file = "geodata/china/index.json",
): { ok: true; index: ChinaIndex } | { ok: false; errors: CityDataIssue[] } {
  const r = ChinaIndexSchema.safeParse(data);
  if (r.success) return { ok: true, index: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      const field = i.path.length ? i.path.join(".") : "(root)";
      return {
        file,
        row: 0,
        field,
        message: { zh: `${file}：字段 ${field} 无效：${i.message}`, en: `${file}: invalid ${field}: ${i.message}` },
      };
    }),
  };
}
