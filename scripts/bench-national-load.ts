/**
 * Time and memory to assemble every county unit of China from geodata/ (what `analyze --china` will load):
 * `npx tsx scripts/bench-national-load.ts`. Run with `node --expose-gc` through tsx to get settled heap figures.
 */
import { readFile } from "node:fs/promises";
import { loadNationalCounties, parseChinaIndex } from "../src/core";

const GEODATA = new URL("../geodata/", import.meta.url);
const mb = (n: number) => (n / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const idx = parseChinaIndex(JSON.parse(await readFile(new URL("china/index.json", GEODATA), "utf8")));
  if (!idx.ok) throw new Error(idx.errors.map((e) => e.message.en).join("\n"));
  let bytes = 0;
  const all = await loadNationalCounties(idx.index, async (file) => {
    const text = await readFile(new URL(file, GEODATA), "utf8");
    bytes += Buffer.byteLength(text);
    return JSON.parse(text);
  });
  const t1 = performance.now();
  gc?.();
  const after = process.memoryUsage();
  let vertices = 0;
  for (const f of all.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) vertices += r.length;
  }
  console.log(
    `national counties: ${all.features.length} units, ${vertices} vertices, from ${idx.index.cities.length} files ` +
      `(${mb(bytes)} MB read) in ${((t1 - t0) / 1000).toFixed(2)} s; heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB` +
      `${gc ? " (after gc)" : ""}, rss ${mb(after.rss)} MB`,
  );
}

main();
