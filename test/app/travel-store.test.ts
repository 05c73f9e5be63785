import type { UseStore } from "idb-keyval";
import { afterEach, describe, expect, it } from "vitest";
import { clearSession, setSessionDbForTests, TRAVEL_KEY } from "../../src/app/state/store";
import {
  fromBase64,
  KEEP_MAX_BYTES,
  keepTravel,
  keptFile,
  loadKeptTravel,
  readKeptTravel,
  toBase64,
} from "../../src/app/state/travel-store";

/**
 * A stand-in for idb-keyval's store: each transaction's requests answered in order in later tasks, then the
 * transaction completes; `refuse` makes a transaction whose put holds bytes fail, as a browser over its quota does.
 */
function fakeStore(data: Map<string, unknown>, refuse = false): UseStore {
  return <T>(_mode: IDBTransactionMode, callback: (store: IDBObjectStore) => T | PromiseLike<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const requests: Array<() => void> = [];
      let failed = false;
      const transaction = { oncomplete: null, onerror: null, onabort: null, commit() {} } as unknown as IDBTransaction;
      const request = (f: () => unknown) => {
        const req = { result: undefined as unknown, onsuccess: null as null | (() => void), transaction };
        requests.push(() => {
          req.result = structuredClone(f());
          req.onsuccess?.();
        });
        return req as unknown as IDBRequest;
      };
      const holdsBytes = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? "BYTES" : x));
      const store = {
        transaction,
        get: (k: string) => request(() => data.get(k)),
        put: (v: unknown, k: string) =>
          request(() => {
            if (refuse && holdsBytes(v).includes("BYTES")) failed = true;
            else data.set(k, structuredClone(v));
          }),
        delete: (k: string) => request(() => data.delete(k)),
      } as unknown as IDBObjectStore;
      const t = transaction as unknown as Record<string, null | ((e?: unknown) => void)>;
      const next = () =>
        setTimeout(() => {
          const r = requests.shift();
          if (r) {
            r();
            next();
          } else if (failed) {
            (t.onabort ?? t.onerror)?.(new Error("QuotaExceededError"));
          } else t.oncomplete?.();
        });
      let out: T | PromiseLike<T>;
      try {
        out = callback(store);
      } catch (e) {
        reject(e);
        return;
      }
      next();
      Promise.resolve(out).then(resolve, reject);
    });
}

afterEach(() => setSessionDbForTests(fakeStore(new Map())));

const bytes = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');

describe("the road file and raster are kept beside the session for a reload (the trial: lost on reload)", () => {
  it("a city's files and speeds are kept and read back; another city's stay; null removes one", async () => {
    const data = new Map<string, unknown>();
    setSessionDbForTests(fakeStore(data));
    const speeds = { classes: { 县道: 45 }, offroadKmh: 7 };
    expect(await keepTravel("nanyang", { roads: keptFile("roads.geojson", bytes, "EPSG:4547"), speeds })).toEqual({});
    await keepTravel("nanyang", { raster: keptFile("pop.tif", bytes) });
    await keepTravel("yichun", { roads: keptFile("yc.geojson", bytes) });
    const kept = await loadKeptTravel("nanyang");
    expect(kept.roads).toEqual({ fileName: "roads.geojson", size: bytes.length, crs: "EPSG:4547", bytes });
    expect(kept.raster?.fileName).toBe("pop.tif");
    expect(kept.speeds).toEqual(speeds);
    await keepTravel("nanyang", { roads: null });
    expect((await loadKeptTravel("nanyang")).roads).toBeUndefined();
    expect((await loadKeptTravel("yichun")).roads?.fileName).toBe("yc.geojson");
  });

  it("a file over the limit is named with its size, not kept, and the answer says so", async () => {
    setSessionDbForTests(fakeStore(new Map()));
    const big = new Uint8Array(KEEP_MAX_BYTES + 1);
    const f = keptFile("province.osm.pbf", big);
    expect(f).toEqual({ fileName: "province.osm.pbf", size: KEEP_MAX_BYTES + 1, notKept: "too-large" });
    expect(await keepTravel("nanyang", { roads: f })).toEqual({ roads: "too-large" });
    expect((await loadKeptTravel("nanyang")).roads).toEqual(f);
  });

  it("a write the browser refuses (quota) keeps the names, marked, and says which file was not kept", async () => {
    const data = new Map<string, unknown>();
    setSessionDbForTests(fakeStore(data, true));
    expect(await keepTravel("nanyang", { raster: keptFile("pop.tif", bytes) })).toEqual({ raster: "storage" });
    expect((await loadKeptTravel("nanyang")).raster).toEqual({
      fileName: "pop.tif",
      size: bytes.length,
      notKept: "storage",
    });
  });

  it("a stored value of the wrong shape is left out, part by part", () => {
    const stored = {
      nanyang: {
        roads: { fileName: "r.geojson", size: 3 },
        raster: { fileName: "p.tif", size: 3, bytes },
        speeds: { classes: { 县道: 900 }, offroadKmh: 5 },
      },
    };
    expect(readKeptTravel(stored, "nanyang")).toEqual({ raster: { fileName: "p.tif", size: 3, bytes } });
    for (const junk of [null, 3, "x", { nanyang: 5 }]) expect(readKeptTravel(junk, "nanyang")).toEqual({});
  });

  it("a new session forgets them", async () => {
    const data = new Map<string, unknown>();
    setSessionDbForTests(fakeStore(data));
    await keepTravel("nanyang", { roads: keptFile("roads.geojson", bytes) });
    expect(data.has(TRAVEL_KEY)).toBe(true);
    await clearSession();
    expect(data.has(TRAVEL_KEY)).toBe(false);
    expect(await loadKeptTravel("nanyang")).toEqual({});
  });

  it("base64 round trip, as a project file carries a small file", () => {
    const all = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    expect(fromBase64(toBase64(all))).toEqual(all);
  });
});
