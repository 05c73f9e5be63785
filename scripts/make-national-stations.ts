/**
 * Writes the national test input: N invented EMS stations (急救站) spread uniformly by area over every county-level
 * unit of geodata/china, as a CSV (id,name,type,lon,lat; no county column, so the CLI places each station through
 * its spatial index). Deterministic: the same N and seed give the same file. Not committed; regenerate it.
 *
 *   npx tsx scripts/make-national-stations.ts [--count 20000] [--seed 13] [--province 41] --out FILE
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CityEntry, loadCityCounties, parseChinaIndex, polygonLocator } from "../src/core";
import { seededRandom } from "./lib/rng";

const ROOT = join(import.meta.dirname, "..");

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
const count = Number(arg("count", "20000"));
const seed = Number(arg("seed", "13"));
const province = arg("province");
const out = arg("out");
if (!out || !Number.isInteger(count) || count < 1) {
  console.error("usage: tsx scripts/make-national-stations.ts [--count N] [--seed S] [--province CODE] --out FILE");
  process.exit(2);
}
const read = async (f: string) => JSON.parse(readFileSync(join(ROOT, "geodata", f), "utf8"));
const parsed = parseChinaIndex(await read("china/index.json"));
if (!parsed.ok) throw new Error("geodata/china/index.json does not validate");
const cities = parsed.index.cities
  .filter((c) => !province || c.province === province)
  .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));

// each city gets its share of N by area (largest remainder), then points uniform by area inside its counties
const total = cities.reduce((s, c) => s + c.areaKm2, 0);
const exact = cities.map((c) => (count * c.areaKm2) / total);
const share = exact.map(Math.floor);
const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
const missing = count - share.reduce((s, n) => s + n, 0);
for (let k = 0; k < missing; k++) share[order[k][1]]++;

const random = seededRandom(seed);
const rows = ["id,name,type,lon,lat"];
let n = 0;
for (const [i, city] of cities.entries()) {
  if (share[i] === 0) continue;
  const tests = (await loadCityCounties(city as CityEntry, read)).features.map((f) => polygonLocator(f.geometry));
  const [w, s, e, nn] = city.bbox;
  const cosMax = Math.max(Math.cos((s * Math.PI) / 180), Math.cos((nn * Math.PI) / 180));
  for (let k = 0; k < share[i]; ) {
    const lon = w + (e - w) * random();
    const lat = s + (nn - s) * random();
    // uniform by area: accept in proportion to cos(latitude)
    if (random() * cosMax > Math.cos((lat * Math.PI) / 180)) continue;
    if (!tests.some((t) => t(lon, lat))) continue;
    n++;
    k++;
    rows.push(
      `S${String(n).padStart(6, "0")},${city.shortName}急救站${k},ems-station,${lon.toFixed(6)},${lat.toFixed(6)}`,
    );
  }
}
writeFileSync(out, `${rows.join("\n")}\n`);
console.log(`${n} stations in ${cities.length} cities written to ${out}`);
