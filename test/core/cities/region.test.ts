import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type ChinaIndex,
  cityCost,
  hasLocalPlan,
  lookupCity,
  lookupProvince,
  nearCities,
  nearProvinces,
  parseChinaIndex,
  runOrder,
  shardRange,
} from "../../../src/core/cities";

const file = fileURLToPath(new URL("../../../geodata/china/index.json", import.meta.url));
const parsed = parseChinaIndex(JSON.parse(readFileSync(file, "utf8")));
if (!parsed.ok) throw new Error("index does not validate");
const index: ChinaIndex = parsed.index;

describe("lookupCity", () => {
  it("finds 郑州 by id, by its 6-digit code, by its name in full and short, and by pinyin", () => {
    for (const q of ["zhengzhou", "410100", "郑州市", "郑州", " Zhengzhou ", "410102".replace("02", "00")]) {
      const r = lookupCity(index, q);
      expect(r.ok ? r.city.name : r.message.en).toBe("郑州市");
    }
  });

  it("keeps the plan cities' ids: nangong is 邢台市 (which holds 南宫市), yichun is 宜春市", () => {
    const nangong = lookupCity(index, "nangong");
    const yichun = lookupCity(index, "yichun");
    expect(nangong.ok && nangong.city.name).toBe("邢台市");
    expect(yichun.ok && yichun.city.name).toBe("宜春市");
    expect(nangong.ok && hasLocalPlan(nangong.city)).toBe(true);
    const zz = lookupCity(index, "zhengzhou");
    expect(zz.ok && hasLocalPlan(zz.city)).toBe(false);
  });

  it("answers an ambiguous pinyin with every city it names, not a guess", () => {
    const r = lookupCity(index, "suzhou");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => c.name).sort()).toEqual(["宿州市", "苏州市"]);
    expect(r.message.zh).toContain("对应多个城市");
    expect(r.message.en).toContain("matches several cities");
  });

  it("answers an unknown name with its near matches, and nonsense with none", () => {
    const r = lookupCity(index, "zhengz");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => c.name)).toContain("郑州市");
    expect(r.message.en).toMatch(/^no city matches "zhengz"; close matches: .*Zhengzhou \(zhengzhou\)/);
    const none = lookupCity(index, "qqqqqq");
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.candidates).toEqual([]);
  });

  it("answers a mistyped name with the cities nearest it: a character off (郑洲市), a letter off (zhengzou)", () => {
    for (const q of ["郑洲市", "郑洲", "zhengzou"]) {
      const r = lookupCity(index, q);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.candidates[0]?.name, q).toBe("郑州市");
      expect(r.message.zh).toContain(`找不到城市“${q}”；相近的有：郑州市 (zhengzhou)`);
      expect(r.message.en).toContain(`no city matches "${q}"; close matches: Zhengzhou (zhengzhou)`);
    }
    expect(nearCities(index, "郑洲市").map((c) => c.name)).toEqual(["郑州市", "株洲市"]);
    expect(nearCities(index, "呼和浩待")[0]?.name).toBe("呼和浩特市");
    for (const q of ["火星市", "mars", "qqqqqq", "123"]) expect(nearCities(index, q), q).toEqual([]);
    // closest first (漳州 zhangzhou is two letters off, though its code comes before 郑州's), ties by code, five at most
    expect(nearCities(index, "zhengzou").map((c) => c.name)).toEqual(["郑州市", "漳州市"]);
    expect(nearCities(index, "洲州").map((c) => c.name)).toEqual(["沧州市", "朔州市", "忻州市", "锦州市", "徐州市"]);
  });

  it("finds a province-direct unit by its own county code (济源市 419001)", () => {
    const r = lookupCity(index, "419001");
    expect(r.ok && r.city.name).toBe("济源市");
  });
});

describe("lookupProvince", () => {
  it("finds 河南 by 2- and 6-digit code, full and short name, pinyin and English name", () => {
    for (const q of ["41", "410000", "河南省", "河南", "henan", "Henan"]) {
      const r = lookupProvince(index, q);
      expect(r.ok ? r.province.code : r.message.en).toBe("41");
    }
  });

  it("lists both provinces for shanxi (山西 and 陕西 share a toneless pinyin); shaanxi is 陕西", () => {
    const r = lookupProvince(index, "shanxi");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.candidates.map((p) => p.name).sort()).toEqual(["山西省", "陕西省"]);
    const s = lookupProvince(index, "Shaanxi");
    expect(s.ok && s.province.name).toBe("陕西省");
  });

  it("answers a mistyped province with the provinces nearest it (河难 → 河南省), nonsense with none", () => {
    const r = lookupProvince(index, "河难");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.candidates.map((p) => p.name)).toEqual(["河北省", "河南省"]);
      expect(r.message.en).toBe('no province matches "河难"; close: Hebei (13), Henan (41)');
    }
    expect(nearProvinces(index, "新僵").map((p) => p.name)).toEqual(["新疆维吾尔自治区"]);
    expect(nearProvinces(index, "hunen").map((p) => p.name)).toEqual(["湖南省"]);
    const none = lookupProvince(index, "火星");
    expect(!none.ok && none.candidates).toEqual([]);
    expect(!none.ok && none.message.en).toBe('no province matches "火星"');
  });

  it("answers an unknown province with close names", () => {
    const r = lookupProvince(index, "he");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.candidates.map((p) => p.name)).toEqual(expect.arrayContaining(["河北省", "河南省", "黑龙江省"]));
  });
});

describe("runOrder and shardRange", () => {
  it("orders cities by code", () => {
    const order = runOrder(index.cities);
    for (let i = 1; i < order.length; i++) expect(order[i - 1].code <= order[i].code).toBe(true);
    expect(order[0].name).toBe("北京市");
  });

  it("cuts a run into contiguous shards that cover every item once, in order, for any count", () => {
    const costs = runOrder(index.cities).map(cityCost);
    for (const n of [1, 2, 3, 7, 16, 50, 366, 400]) {
      let next = 0;
      for (let i = 1; i <= n; i++) {
        const { start, end } = shardRange(costs, i, n);
        expect(start).toBe(next);
        expect(end).toBeGreaterThanOrEqual(start);
        next = end;
      }
      expect(next).toBe(costs.length);
    }
  });

  it("balances the shards: each holds its share of the cost to within the largest item", () => {
    const costs = runOrder(index.cities).map(cityCost);
    const total = costs.reduce((a, b) => a + b, 0);
    const largest = Math.max(...costs);
    for (const n of [2, 4, 8]) {
      for (let i = 1; i <= n; i++) {
        const { start, end } = shardRange(costs, i, n);
        const share = costs.slice(start, end).reduce((a, b) => a + b, 0);
        expect(Math.abs(share - total / n)).toBeLessThanOrEqual(largest);
      }
    }
  });

  it("refuses a shard outside 1..N and costs that are not positive", () => {
    expect(() => shardRange([1, 2], 0, 2)).toThrow(RangeError);
    expect(() => shardRange([1, 2], 3, 2)).toThrow(RangeError);
    expect(() => shardRange([1, 2], 1, 0)).toThrow(RangeError);
    expect(() => shardRange([1, 0], 1, 2)).toThrow(RangeError);
  });

  it("hand-checked cut: costs 1,1,1,1 into 2 shards is 2 + 2; 5,1,1,1 puts the 5 alone", () => {
    expect([shardRange([1, 1, 1, 1], 1, 2), shardRange([1, 1, 1, 1], 2, 2)]).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    // midpoints 2.5, 5.5, 6.5, 7.5 of a total of 8: 2.5 < 4 goes to shard 1, the rest to shard 2
    expect([shardRange([5, 1, 1, 1], 1, 2), shardRange([5, 1, 1, 1], 2, 2)]).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 4 },
    ]);
  });
});
