// The per-city files of geodata/china/ as static assets. This module is imported on demand (by
// loadChinaIndex/loadChinaCity in data.ts), so its table of ~730 asset URLs is a chunk of its own, not part of
// the first load.
const CHINA_URLS = import.meta.glob("../../geodata/china/*.json", {
  query: "?url",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Fetches geodata/<file> (a path under china/) as JSON. */
export async function fetchChinaFile(file: string): Promise<unknown> {
  const url = CHINA_URLS[`../../geodata/${file}`];
  if (!url) throw new Error(`embedded data file missing: geodata/${file}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`geodata/${file}: HTTP ${res.status}`);
  return res.json();
}
