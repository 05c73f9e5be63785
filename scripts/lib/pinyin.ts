import { pinyin } from "pinyin-pro";

/** The 55 recognised minority nationalities, longest first, as they appear in autonomous-prefecture names. */
const ETHNIC = [
  "乌孜别克",
  "柯尔克孜",
  "达斡尔",
  "鄂伦春",
  "鄂温克",
  "塔吉克",
  "塔塔尔",
  "哈萨克",
  "维吾尔",
  "俄罗斯",
  "土家",
  "哈尼",
  "傈僳",
  "拉祜",
  "纳西",
  "景颇",
  "仫佬",
  "布朗",
  "撒拉",
  "毛南",
  "仡佬",
  "锡伯",
  "阿昌",
  "普米",
  "德昂",
  "保安",
  "裕固",
  "独龙",
  "赫哲",
  "门巴",
  "珞巴",
  "基诺",
  "布依",
  "朝鲜",
  "蒙古",
  "东乡",
  "高山",
  "回",
  "藏",
  "苗",
  "彝",
  "壮",
  "满",
  "侗",
  "瑶",
  "白",
  "傣",
  "黎",
  "佤",
  "畲",
  "水",
  "土",
  "羌",
  "怒",
  "京",
].sort((a, b) => b.length - a.length);

/**
 * The name without its administrative suffix and ethnic designation: 郑州市 → 郑州, 延边朝鲜族自治州 → 延边,
 * 克孜勒苏柯尔克孜自治州 → 克孜勒苏, 大兴安岭地区 → 大兴安岭, 神农架林区 → 神农架, 北京市 → 北京.
 */
export function shortName(name: string): string {
  let s = name;
  const suffix = ["自治州", "自治县", "地区", "林区", "市", "盟", "省", "自治区", "特别行政区"].find(
    (x) => s.endsWith(x) && s.length > x.length + 1,
  );
  if (suffix) s = s.slice(0, -suffix.length);
  if (suffix === "自治州" || suffix === "自治县" || suffix === "自治区") {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of ETHNIC) {
        for (const t of [`${e}族`, e]) {
          if (s.endsWith(t) && s.length > t.length + 1) {
            s = s.slice(0, -t.length);
            changed = true;
          }
        }
      }
    }
  }
  if (name.endsWith("自治区")) s = s.replace(/(壮族|回族|维吾尔)$/, "");
  return s;
}

/** Toneless pinyin syllables, ü written v (吕梁 → ["lv", "liang"]). */
export function syllables(text: string): string[] {
  return pinyin(text, { toneType: "none", type: "array", v: true }).map((s) => s.toLowerCase());
}

/**
 * English names that are not the pinyin of the short name, by the division's full Chinese name: the forms in use (the
 * user trial, s49 #8: 「Huhehaote」, 「Haerbin」; 陕西 and 山西 were both 「Shanxi」, 喀什 was read 「Kashen」). Only the
 * English label: ids and search keys stay the pinyin's (saved sessions name cities by id).
 */
export const CONVENTIONAL_EN: Readonly<Record<string, string>> = {
  陕西省: "Shaanxi",
  内蒙古自治区: "Inner Mongolia",
  呼和浩特市: "Hohhot",
  鄂尔多斯市: "Ordos",
  呼伦贝尔市: "Hulunbuir",
  巴彦淖尔市: "Bayannur",
  乌兰察布市: "Ulanqab",
  兴安盟: "Hinggan",
  锡林郭勒盟: "Xilingol",
  阿拉善盟: "Alxa",
  哈尔滨市: "Harbin",
  齐齐哈尔市: "Qiqihar",
  大兴安岭地区: "Da Hinggan Ling",
  西安市: "Xi'an",
  拉萨市: "Lhasa",
  日喀则市: "Shigatse",
  昌都市: "Qamdo",
  林芝市: "Nyingchi",
  那曲市: "Nagqu",
  阿里地区: "Ngari",
  乌鲁木齐市: "Urumqi",
  克拉玛依市: "Karamay",
  吐鲁番市: "Turpan",
  博尔塔拉蒙古自治州: "Bortala",
  巴音郭楞蒙古自治州: "Bayingolin",
  阿克苏地区: "Aksu",
  克孜勒苏柯尔克孜自治州: "Kizilsu",
  喀什地区: "Kashgar",
  和田地区: "Hotan",
  伊犁哈萨克自治州: "Ili",
  阿勒泰地区: "Altay",
  阿拉尔市: "Aral",
  果洛藏族自治州: "Golog",
  阿坝藏族羌族自治州: "Ngawa",
  甘孜藏族自治州: "Garze",
};

/**
 * Prefecture-level names pinyin-pro reads wrong, by full name: the syllables of the short name (喀什 is kā shí, not
 * 「kashen」; 昌都 chāng dū, not 「changdou」: 「kashi」 found nothing, the user trial s49). Checked by hand against
 * every city's key (test/geodata/china-index.test.ts holds the list).
 */
export const CITY_READINGS: Readonly<Record<string, readonly string[]>> = {
  喀什地区: ["ka", "shi"],
  昌都市: ["chang", "du"],
};

/**
 * Ids made from a reading corrected since (CITY_READINGS): kept, since saved sessions, `--city kashen` and the
 * shipped files' names use them. The search keys are the corrected reading's.
 */
export const KEPT_IDS: Readonly<Record<string, string>> = {
  喀什地区: "kashen",
  昌都市: "changdou",
};

/** Search keys of a name: pinyin of the short name without spaces, its initials and an English form. */
export function searchKeys(name: string): { shortName: string; pinyin: string; initials: string; nameEn: string } {
  const short = shortName(name);
  const syl = CITY_READINGS[name] ? [...CITY_READINGS[name]] : syllables(short);
  const joined = syl.join("");
  const en = syl.join("").replace(/v/g, "ü");
  return {
    shortName: short,
    pinyin: joined,
    initials: syl.map((s) => s[0]).join(""),
    nameEn: CONVENTIONAL_EN[name] ?? en.charAt(0).toUpperCase() + en.slice(1),
  };
}

/**
 * A county-level unit's name without its administrative suffix, as its English name takes it: 西峡县 → 西峡,
 * 宛城区 → 宛城, 邓州市 → 邓州, 息县 → 息, 长阳土家族自治县 → 长阳, 科尔沁左翼中旗 → 科尔沁左翼中, 龙胜各族自治县 → 龙胜;
 * a place named for its people keeps the name without 族 (东乡族自治县 → 东乡, 鄂温克族自治旗 → 鄂温克: 「Dongxiangzu」).
 */
export function countyShortName(name: string): string {
  let s = name;
  const suffix = ["自治县", "自治旗", "林区", "特区", "新区", "县", "区", "市", "旗"].find(
    (x) => s.endsWith(x) && s.length > x.length,
  );
  if (!suffix) return s;
  s = s.slice(0, -suffix.length);
  if (suffix.startsWith("自治")) {
    if (s.endsWith("各族") && s.length > 2) s = s.slice(0, -2);
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of ETHNIC)
        for (const t of [`${e}族`, e])
          if (s.endsWith(t) && s.length > t.length) {
            s = s.slice(0, -t.length);
            changed = true;
          }
    }
    // the people's name is the place's (东乡族自治县): the name without 族
    if (s.endsWith("族") && ETHNIC.includes(s.slice(0, -1))) s = s.slice(0, -1);
  }
  return s;
}

/**
 * Place-name readings pinyin-pro's general dictionary gets wrong (checked by hand against the names' established
 * romanisations; add to this list as they are found).
 */
const PLACE_READINGS: Record<string, string> = {
  蔚县: "Yu",
  乐亭县: "Laoting",
  单县: "Shan",
  涡阳县: "Guoyang",
  六合区: "Luhe",
  洪洞县: "Hongtong",
  繁峙县: "Fanshi",
  大埔县: "Dabu",
  浚县: "Xun",
  筠连县: "Junlian",
  乐清市: "Yueqing",
  泌阳县: "Biyang",
  // districts named with their people (回族区, 达斡尔族区) and a unit directly under its prefecture, by the place's own
  // name, one word as every label is (the Chinese name beside it says the rest; the user trial, s49 #8:
  // 「Guanchenghuizu District」)
  管城回族区: "Guancheng",
  顺河回族区: "Shunhe",
  瀍河回族区: "Chanhe",
  梅里斯达斡尔族区: "Meilisi",
  海西蒙古族藏族自治州直辖: "Haixi",
};

/**
 * Syllables written as one word, with the apostrophe pinyin puts before a syllable beginning with a, o or e that
 * follows another (静安 → Jing'an, 高安 → Gao'an, 西安 → Xi'an): without it Jingan reads jin-gan (the reviewer trial,
 * s45-a #8).
 */
export function joinSyllables(syl: readonly string[]): string {
  return syl.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x)).join("");
}

/** A county's pinyin as its English name writes it, capitalised, ü as ü: 西峡 → Xixia, 吕 → Lü, 靖安 → Jing'an. */
export function countyPinyin(name: string): string {
  const known = PLACE_READINGS[name];
  if (known) return known;
  const en = joinSyllables(syllables(countyShortName(name))).replace(/v/g, "ü");
  return en.charAt(0).toUpperCase() + en.slice(1);
}
