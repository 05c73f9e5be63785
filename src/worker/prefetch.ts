/**
 * The first city's files, fetched from the first line of the analysis worker's script, while the rest of it (the
 * analysis core) is still being evaluated: index.html's start script (vite.config.ts, startWorker) names them in the
 * worker's URL, `?prefetch=` followed by a JSON array of absolute URLs. Imported first by analysis.worker.ts.
 */
const prefetched = new Map<string, Promise<unknown>>();

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

const named = new URLSearchParams(self.location.search).get("prefetch");
if (named)
  for (const url of JSON.parse(named) as unknown[]) {
    const p = fetchJson(String(url));
    p.catch(() => {}); // loadShipped reports it if it takes this one
    prefetched.set(String(url), p);
  }

/** A prefetched file once (a later read fetches again), else a fetch. */
export function readJson(url: string): Promise<unknown> {
  const p = prefetched.get(url);
  prefetched.delete(url);
  return p ?? fetchJson(url);
}
