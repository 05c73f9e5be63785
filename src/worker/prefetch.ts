/**
 * The first city's files, fetched from the first line of the analysis worker's script, while the rest of it (the
 * analysis core) is still being evaluated: index.html's start script (vite.config.ts, startWorker) names them in the
 * worker's `name`, `prefetch=` followed by a JSON array of absolute URLs (counties, sample scenario, divisions), and
 * `&city=` the city's id. Imported first by analysis.worker.ts.
 *
 * Not in the worker's URL: the worker's lazily loaded chunks (the Word writer, the workbook reader) import shared code
 * from the worker's own chunk by its plain URL, and a URL with a query is another module, so the worker's script ran
 * a second time, exposing a second, empty analysis that answered every later async call with 「load() first」 (the
 * planner trial: every review report after the first failed).
 */
const prefetched = new Map<string, Promise<unknown>>();

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

const search = new URLSearchParams(typeof self.name === "string" ? self.name : "");
const named = search.get("prefetch");
const urls = named ? (JSON.parse(named) as unknown[]).map(String) : [];
for (const url of urls) {
  const p = fetchJson(url);
  p.catch(() => {}); // loadShipped reports it if it takes this one
  prefetched.set(url, p);
}

/** The city whose files are prefetched (`&city=`) and its counties, sample scenario and divisions; null if none. */
export function prefetchedCity(): {
  city: string;
  files: { counties: string; scenario: string; divisions: string };
} | null {
  const city = search.get("city");
  if (!city || urls.length !== 3) return null;
  const [counties, scenario, divisions] = urls;
  return { city, files: { counties, scenario, divisions } };
}

/** A prefetched file once (a later read fetches again), else a fetch. */
export function readJson(url: string): Promise<unknown> {
  const p = prefetched.get(url);
  prefetched.delete(url);
  return p ?? fetchJson(url);
}
