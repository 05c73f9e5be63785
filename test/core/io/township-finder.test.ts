import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CityDivisions,
  loadCityDivisions,
  parseChinaIndex,
  type TownshipNamed,
  townshipFinder,
  townshipsNamed,
} from "../../../src/core";
import { rng } from "../coverage/helpers";

/**
 * A run of every county looks a row's township name up in all 366 cities' lists (the stray rows of s52b M2, now in
 * `--china` too): the finder must give exactly what {@link townshipsNamed} gives list by list, by brute force.
 */
const root = resolve(import.meta.dirname, "../../..");
const read = async (f: string) => JSON.parse(readFileSync(join(root, "geodata", f), "utf8"));
let lists: CityDivisions[];
beforeAll(async () => {
  const parsed = parseChinaIndex(await read("china/index.json"));
  if (!parsed.ok) throw new Error("index");
  lists = [];
  for (const c of parsed.index.cities) lists.push(await loadCityDivisions(c, read));
}, 60_000);

const brute = (text: string) =>
  lists.flatMap((d, list) => {
    const found = townshipsNamed(d, text);
    return found.length ? [{ list, found }] : [];
  });

describe("townshipFinder over every city's list", () => {
  it("equals townshipsNamed list by list for names as planners write them, and for names of no township", () => {
    const names = lists.flatMap((d) =>
      d.counties.flatMap((c) => c.townships.map((t) => ({ county: c.name, name: t.name }))),
    );
    expect(names.length).toBeGreaterThan(40_000);
    const r = rng(13);
    const texts = new Set<string>([
      "西秀镇",
      "石山镇",
      "城关镇",
      "嵩县旧县镇",
      "旧县",
      "不存在的乡",
      "永兴",
      " 西秀 镇 ",
    ]);
    while (texts.size < 300) {
      const { county, name } = names[Math.floor(r() * names.length)];
      const variant = Math.floor(r() * 5);
      // as listed; without its kind (「田湖」); with its county before it (「嵩县田湖镇」); with an office; misspelt
      texts.add(
        variant === 0
          ? name
          : variant === 1
            ? name.replace(/(镇|乡|街道)$/, "")
            : variant === 2
              ? `${county}${name}`
              : variant === 3
                ? `${name}办事处`
                : `${name.slice(0, -1)}甲`,
      );
    }
    const find = townshipFinder(lists);
    let some = 0;
    for (const t of texts) {
      const got = find(t);
      expect(got, t).toEqual(brute(t));
      if (got.length) some++;
    }
    // the sample reaches both sides: names found (once and more) and names of no township
    expect(some).toBeGreaterThan(150);
    expect(some).toBeLessThan(texts.size);
    const one = (x: Array<{ found: TownshipNamed[] }>) => x.reduce((s, l) => s + l.found.length, 0);
    expect(one(find("西秀镇"))).toBe(1);
    expect(find("西秀镇")[0].found[0].township.code).toBe("460105101");
    expect(one(find("石山镇"))).toBe(4);
  }, 120_000);
});
