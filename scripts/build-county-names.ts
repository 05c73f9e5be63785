/**
 * Writes `geodata/china/county-names-en.json`: the pinyin of every shipped county-level unit's name (without its
 * suffix: 西峡县 → Xixia), by code, for the map's labels in the English interface. The boundaries carry Chinese
 * names only; pinyin-pro reads them here once so the app ships no pinyin dictionary. Run:
 * `npx tsx scripts/build-county-names.ts` (after `npm run geodata`).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { countyPinyin } from "./lib/pinyin";

interface Named {
  code: string;
  name: string;
}

const names = new Map<string, string>();
const add = (p: Named) => {
  if (!/^\d{6}$/.test(p.code) || !p.name) throw new Error(`bad county ${JSON.stringify(p)}`);
  const prev = names.get(p.code);
  const en = countyPinyin(p.name);
  if (prev && prev !== en) throw new Error(`county ${p.code}: ${prev} and ${en}`);
  names.set(p.code, en);
};
for (const f of readdirSync("geodata/china").filter((n) => n.endsWith(".topo.json"))) {
  const topo = JSON.parse(readFileSync(join("geodata/china", f), "utf8")) as {
    objects: Record<string, { geometries: Array<{ properties: Named }> }>;
  };
  for (const g of topo.objects.counties.geometries) add(g.properties);
}
for (const f of readdirSync("geodata").filter((n) => /^counties-.*\.geojson$/.test(n))) {
  const fc = JSON.parse(readFileSync(join("geodata", f), "utf8")) as { features: Array<{ properties: Named }> };
  for (const x of fc.features) add(x.properties);
}
const sorted = Object.fromEntries([...names].sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(
  "geodata/china/county-names-en.json",
  `${JSON.stringify({ source: "pinyin-pro, from the shipped boundaries' Chinese names", names: sorted })}\n`,
);
console.log(`${names.size} county names`);
