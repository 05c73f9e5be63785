import { describe, expect, it } from "vitest";
import {
  ChinaIndexSchema,
  citiesByProvince,
  findCity,
  findProvince,
  parseChinaIndex,
  searchCities,
  splitSyllables,
} from "../../src/core/cities";
import { chinaIndex, cities, fileSize, readText } from "./load";

const index = chinaIndex();
const byId = new Map(index.cities.map((c) => [c.id, c]));

describe("geodata/china/index.json", () => {
  it("validates with the schema and names a bad field by its JSON path, in Chinese then English", () => {
    expect(ChinaIndexSchema.safeParse(JSON.parse(readText("china/index.json"))).success).toBe(true);
    const bad = JSON.parse(readText("china/index.json"));
    bad.cities[3].code = "41010";
    bad.cities[5].id = bad.cities[4].id;
    const r = parseChinaIndex(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toContain("cities.3.code");
    expect(fields).toContain("cities.5.id");
    expect(r.errors[0].message.zh).toMatch(/^geodata\/china\/index.json：字段/);
    expect(r.errors[0].message.en).toMatch(/^geodata\/china\/index.json: invalid/);
  });

  it("holds the 333 prefecture-level divisions of 2023, the 4 municipalities and the province-direct units", () => {
    // 民政部 statistics for 2023: 333 prefecture-level divisions (293 cities, 7 地区, 30 自治州, 3 盟).
    const kinds = index.cities.map((c) => c.kind);
    expect(kinds.filter((k) => k === "prefecture").length).toBe(333);
    expect(index.cities.filter((c) => c.kind === "municipality").map((c) => c.name)).toEqual([
      "北京市",
      "天津市",
      "上海市",
      "重庆市",
    ]);
    const direct = index.cities.filter((c) => c.kind === "province-direct");
    for (const c of direct) {
      expect(c.prefixes).toEqual([`${c.code.slice(0, 2)}90`]);
      expect(c.counties).toBe(1);
    }
    expect(direct.map((c) => c.name)).toEqual(
      expect.arrayContaining(["济源市", "仙桃市", "神农架林区", "五指山市", "石河子市"]),
    );
    // 31 provincial units of the mainland; Hong Kong, Macau and Taiwan are left out (see geodata/README.md).
    expect(index.provinces.length).toBe(31);
    expect(index.provinces.map((p) => p.code)).not.toContain("71");
  });

  it("gives every city files that exist, a bbox within China, and counts that add up", () => {
    let units = 0;
    for (const c of index.cities) {
      expect(fileSize(c.files.counties), c.id).toBeGreaterThan(0);
      expect(fileSize(c.files.divisions), c.id).toBeGreaterThan(0);
      expect(c.bbox[0] < c.bbox[2] && c.bbox[1] < c.bbox[3], c.id).toBe(true);
      units += c.counties;
    }
    expect(units).toBe(2858);
    expect(new Set(index.cities.map((c) => c.code)).size).toBe(index.cities.length);
  });

  it("keeps the four plan cities on their existing files, ids and bboxes (cities.json)", () => {
    for (const plan of cities()) {
      const e = byId.get(plan.id);
      expect(e?.plan, plan.id).toBe(plan.id);
      expect(e?.name).toBe(plan.name);
      expect(e?.files.counties).toBe(plan.counties);
      expect(e?.files.divisions).toBe(plan.divisions);
      expect(e?.bbox).toEqual(plan.bbox);
    }
    expect(index.cities.filter((c) => c.plan).length).toBe(4);
  });

  it("has pinyin search keys that match a hand-checked list of the tricky readings", () => {
    const expected: Record<string, string> = {
      蚌埠市: "bengbu",
      六安市: "luan",
      丽水市: "lishui",
      长沙市: "changsha",
      长治市: "changzhi",
      重庆市: "chongqing",
      厦门市: "xiamen",
      乐山市: "leshan",
      亳州市: "bozhou",
      儋州市: "danzhou",
      吕梁市: "lvliang",
      大理白族自治州: "dali",
      延边朝鲜族自治州: "yanbian",
      克孜勒苏柯尔克孜自治州: "kezilesu",
      大兴安岭地区: "daxinganling",
      // pinyin-pro's readings corrected by the geodata script (CITY_READINGS; the user trial, s49)
      喀什地区: "kashi",
      昌都市: "changdu",
    };
    for (const [name, py] of Object.entries(expected)) {
      const c = index.cities.find((x) => x.name === name);
      expect(c?.pinyin, name).toBe(py);
    }
    for (const c of index.cities) expect(c.initials.length, c.id).toBeLessThanOrEqual(c.shortName.length);
  });
});

describe("city lookups", () => {
  it("finds a city by id, 6-digit code, Chinese name (full or short) and pinyin", () => {
    for (const q of ["zhengzhou", "410100", "郑州市", "郑州", " ZhengZhou "]) {
      const r = findCity(index, q);
      expect(r.ok && r.city.name, q).toBe("郑州市");
    }
    const bj = findCity(index, "110100");
    expect(bj.ok && bj.city.id).toBe("beijing");
    const jy = findCity(index, "419001");
    expect(jy.ok && jy.city.name).toBe("济源市");
    const xt = findCity(index, "邢台市");
    expect(xt.ok && xt.city.id).toBe("nangong");
    const cq = findCity(index, "500200");
    expect(cq.ok && cq.city.name).toBe("重庆市");
  });

  it("refuses ambiguous pinyin with the candidates, and an unknown name with a bilingual message", () => {
    const r = findCity(index, "suzhou");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.candidates.map((c) => c.name).sort()).toEqual(["宿州市", "苏州市"]);
    const y = findCity(index, "伊春市");
    expect(y.ok && y.city.id).toBe("yichun-heilongjiang");
    const none = findCity(index, "不存在市");
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.message.zh).toMatch(/找不到/);
      expect(none.message.en).toMatch(/no city/);
    }
  });

  it("searches by prefix of name, pinyin, initials or code, exact matches first", () => {
    expect(searchCities(index, "南阳")[0].id).toBe("nanyang");
    expect(searchCities(index, "nany")[0].name).toBe("南阳市");
    expect(searchCities(index, "4113")[0].id).toBe("nanyang");
    expect(searchCities(index, "xsbn").map((c) => c.name)).toContain("西双版纳傣族自治州");
    expect(searchCities(index, "").length).toBe(index.cities.length);
  });

  it("finds 邢台市 by 南宫, the unit its local plan binds, when the caller names plan units (the reviewer trial)", () => {
    const units = (c: { plan?: string }) => (c.plan === "nangong" ? ["南宫市"] : []);
    expect(searchCities(index, "南宫").map((c) => c.name)).toEqual([]);
    expect(searchCities(index, "南宫", units).map((c) => c.name)).toEqual(["邢台市"]);
    expect(searchCities(index, "南宫市", units).map((c) => c.name)).toEqual(["邢台市"]);
    // a city's own name still comes first
    expect(searchCities(index, "邢台", units)[0].name).toBe("邢台市");
  });

  it("finds pinyin typed in words syllable by syllable, in order, from the name's start (issue 11)", () => {
    const names = (q: string) => searchCities(index, q).map((c) => c.name);
    // every city's pinyin cuts into syllables, one per letter of its initials
    for (const c of index.cities) expect(splitSyllables(c.pinyin, c.initials)?.length, c.name).toBe(c.initials.length);
    expect(splitSyllables("xianyang", "xy")).toEqual(["xian", "yang"]);
    expect(splitSyllables("xian", "xa")).toEqual(["xi", "an"]);
    // 「xi an」 is 西安 (xi an), not 咸阳 (xian yang) nor 仙桃 (xian tao), which 「xian」 finds with it
    for (const q of ["xi an", "Xi An", "xi'an", "xi’an"]) {
      expect(names(q)[0], q).toBe("西安市");
      expect(names(q), q).not.toContain("咸阳市");
      expect(names(q), q).not.toContain("仙桃市");
      // 「xi」 typed whole and followed by a word is xi, not the start of xing (兴安盟)
      expect(names(q), q).toEqual(["西安市"]);
    }
    expect(names("xian")).toEqual(expect.arrayContaining(["西安市", "咸阳市", "仙桃市"]));
    // each word the start of its syllable: 「nan y」, 「n y」 (initials with a space), 「zh z」
    expect(names("nan y")).toEqual(["南阳市"]);
    expect(names("n y")).toEqual(["南阳市"]);
    expect(names("zh z")).toEqual(expect.arrayContaining(["郑州市", "漳州市", "株洲市"]));
    expect(names("zh z")).not.toContain("张家口市");
    expect(names("ping ding shan")).toEqual(["平顶山市"]);
    expect(names("lü liang")).toEqual(["吕梁市"]);
    // in order, from the start: 「yang nan」 and 「yang」 + 「zhou」 out of place find nothing
    expect(names("yang nan")).toEqual([]);
    expect(names("zhou zheng")).toEqual([]);
    // without spaces, Chinese, initials and codes as before
    expect(names("ny")[0]).toBe("南阳市");
    expect(names("南阳")[0]).toBe("南阳市");
    expect(names("pingdingshan")).toEqual(["平顶山市"]);
  });

  it("groups every city under its province, and finds provinces by code, name or pinyin", () => {
    const groups = citiesByProvince(index);
    expect(groups.reduce((s, g) => s + g.cities.length, 0)).toBe(index.cities.length);
    for (const g of groups) for (const c of g.cities) expect(c.province).toBe(g.province.code);
    const henan = groups.find((g) => g.province.name === "河南省");
    expect(henan?.cities.length).toBe(18); // 17 prefecture-level cities and 济源
    expect(findProvince(index, "410000")?.name).toBe("河南省");
    expect(findProvince(index, "河南")?.code).toBe("41");
    expect(findProvince(index, "guangxi")?.name).toBe("广西壮族自治区");
  });
});

describe("English names in their usual forms (the user trial, s49 #8)", () => {
  it("the index carries the geodata script's conventional names, ids and pinyin unchanged", async () => {
    const { CONVENTIONAL_EN } = await import("../../scripts/lib/pinyin");
    const all = [...index.provinces, ...index.cities];
    for (const [name, en] of Object.entries(CONVENTIONAL_EN))
      expect(all.find((e) => e.name === name)?.nameEn, name).toBe(en);
    // 陕西 and 山西 were both 「Shanxi」
    expect(index.provinces.find((p) => p.name === "陕西省")?.nameEn).toBe("Shaanxi");
    expect(index.provinces.find((p) => p.name === "山西省")?.nameEn).toBe("Shanxi");
    // ids and search keys stay the pinyin's: saved sessions and `--city huhehaote` keep working
    expect(byId.get("huhehaote")?.nameEn).toBe("Hohhot");
    expect(byId.get("huhehaote")?.pinyin).toBe("huhehaote");
  });

  it("keys corrected readings as the script does, keeping the ids made before (saved sessions, `--city kashen`)", async () => {
    const { CITY_READINGS, KEPT_IDS, searchKeys } = await import("../../scripts/lib/pinyin");
    for (const name of Object.keys(CITY_READINGS)) {
      const c = index.cities.find((x) => x.name === name);
      expect(c?.pinyin, name).toBe(searchKeys(name).pinyin);
      expect(c?.initials, name).toBe(searchKeys(name).initials);
      expect(c?.id, name).toBe(KEPT_IDS[name]);
    }
    for (const q of ["kashi", "喀什", "kashen", "653100"]) {
      const r = findCity(index, q);
      expect(r.ok && r.city.name, q).toBe("喀什地区");
    }
    expect(searchCities(index, "kashi")[0]?.name).toBe("喀什地区");
    expect(searchCities(index, "changdu")[0]?.name).toBe("昌都市");
  });

  it("finds a city or province by its English name where that is not its pinyin (「hohhot」 found nothing)", () => {
    const names = (q: string) => searchCities(index, q).map((c) => c.name);
    expect(names("hohhot")[0]).toBe("呼和浩特市");
    expect(names("Hohh")[0]).toBe("呼和浩特市");
    expect(names("kashgar")[0]).toBe("喀什地区");
    expect(names("Harbin")[0]).toBe("哈尔滨市");
    expect(names("urumqi")[0]).toBe("乌鲁木齐市");
    // the pinyin still finds it, and an English word that is nobody's name finds nothing
    expect(names("haerbin")[0]).toBe("哈尔滨市");
    expect(names("qwerty")).toEqual([]);
    for (const q of ["Hohhot", "kashgar", "Xi'an", "Lhasa"]) expect(findCity(index, q).ok, q).toBe(true);
    // 陕西's pinyin is 山西's: its English name tells them apart
    expect(findProvince(index, "Shaanxi")?.name).toBe("陕西省");
    expect(findProvince(index, "shanxi")?.name).toBe("山西省");
    expect(findProvince(index, "Inner Mongolia")?.name).toBe("内蒙古自治区");
  });
});
