import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GEODATA_DIR, readText } from "./load";

const table = JSON.parse(readText("china/county-names-en.json")) as { source: string; names: Record<string, string> };

describe("geodata/china/county-names-en.json (county labels in the English interface)", () => {
  it("names every shipped county unit, by its 6-digit code", () => {
    const codes = new Set<string>();
    for (const f of readdirSync(`${GEODATA_DIR}china`).filter((n) => n.endsWith(".topo.json"))) {
      const topo = JSON.parse(readText(`china/${f}`)) as {
        objects: { counties: { geometries: Array<{ properties: { code: string } }> } };
      };
      for (const g of topo.objects.counties.geometries) codes.add(g.properties.code);
    }
    expect(codes.size).toBeGreaterThan(2800);
    for (const c of codes) expect(table.names[c], c).toMatch(/^[A-ZÜ][a-zü']*$/);
  });

  it("matches a hand-checked list of established names, the polyphonic place-name readings included", () => {
    const expected: Record<string, string> = {
      "411323": "Xixia", // 西峡县
      "411302": "Wancheng", // 宛城区
      "411381": "Dengzhou", // 邓州市
      "110101": "Dongcheng", // 东城区
      "130726": "Yu", // 蔚县
      "130225": "Laoting", // 乐亭县
      "371722": "Shan", // 单县
      "411726": "Biyang", // 泌阳县
      "330382": "Yueqing", // 乐清市
      "141024": "Hongtong", // 洪洞县
      "410621": "Xun", // 浚县
      "422828": "Hefeng", // 鹤峰县
      "500101": "Wanzhou", // 万州区
      // the apostrophe before a syllable opening with a, o or e (the reviewer trial, s45-a #8: Jingan, Gaoan)
      "360925": "Jing'an", // 靖安县
      "360983": "Gao'an", // 高安市
      // a place named for its people, a district with its people, 各族 (the user trial, s49 #8: 「Guanchenghuizu」)
      "622926": "Dongxiang", // 东乡族自治县
      "450328": "Longsheng", // 龙胜各族自治县
      "410104": "Guancheng", // 管城回族区
      "230208": "Meilisi", // 梅里斯达斡尔族区
      "500111": "Dazu", // 大足区: a 族-like syllable that is the place's own (足)
    };
    // no name keeps 「…zu」 from an ethnic designation run into it
    expect(Object.values(table.names).filter((n) => /zu$|zu[A-Z]|zizhi/.test(n))).toEqual(["Dazu"]);
    for (const [code, name] of Object.entries(expected)) expect(table.names[code], code).toBe(name);
  });
});
