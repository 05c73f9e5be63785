import type { UseStore } from "idb-keyval";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INITIAL_SESSION, reduceSession, type SessionState } from "../../src/app/state/session";
import {
  checkRevision,
  clearSession,
  keepThisTabsSession,
  loadSession,
  REVISION_KEY,
  reloadSession,
  saveConflict,
  saveSessionNow,
  saveSessionSoon,
  setSessionDbForTests,
  UNSAVED_KEY,
  whenSaved,
} from "../../src/app/state/store";

const KEY = "hfp-session-v1";
const HISTORY_KEY = "hfp-history-v1";

/**
 * A small stand-in for idb-keyval's store in IndexedDB: transactions run one after another, each one's requests in
 * order, each answered in a later task; a transaction completes once its last request's callback has run and none is
 * left. Enough for the store's compare and set, which is all this file tests.
 */
function fakeStore(data: Map<string, unknown>): UseStore {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(_mode: IDBTransactionMode, callback: (store: IDBObjectStore) => T | PromiseLike<T>): Promise<T> => {
    const run = () =>
      new Promise<T>((resolve, reject) => {
        const requests: Array<() => void> = [];
        const transaction = { oncomplete: null as null | (() => void), commit() {} } as unknown as IDBTransaction & {
          oncomplete: null | (() => void);
        };
        const request = (f: () => unknown) => {
          const req = { result: undefined as unknown, onsuccess: null as null | (() => void), transaction };
          requests.push(() => {
            req.result = structuredClone(f());
            req.onsuccess?.();
          });
          return req as unknown as IDBRequest;
        };
        const store = {
          transaction,
          get: (k: string) => request(() => data.get(k)),
          put: (v: unknown, k: string) => request(() => data.set(k, structuredClone(v))),
          delete: (k: string) => request(() => data.delete(k)),
        } as unknown as IDBObjectStore;
        const next = () =>
          setTimeout(() => {
            const r = requests.shift();
            if (r) {
              r();
              next();
            } else (transaction as { oncomplete: null | (() => void) }).oncomplete?.();
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
    const p = queue.then(run);
    queue = p.catch(() => {});
    return p;
  };
}

const station = { id: "P8", name: "新急救站", type: "ems-station" as const, lon: 112.5, lat: 33.0 };
const clinic = { id: "P8", name: "新村卫生室", type: "village-clinic" as const, lon: 112.6, lat: 33.1 };
const withA: SessionState = reduceSession(INITIAL_SESSION, { type: "addProposed", facility: station });
const withB: SessionState = reduceSession(INITIAL_SESSION, { type: "addProposed", facility: clinic });

/** What another tab's save leaves in storage: its session and a revision of its own. */
function otherTabSaves(data: Map<string, unknown>, state: SessionState) {
  data.set(KEY, structuredClone(state));
  data.set(HISTORY_KEY, { cityId: state.cityId, past: [INITIAL_SESSION], future: [] });
  data.set(REVISION_KEY, `other-${Math.random()}`);
}

let data: Map<string, unknown>;
beforeEach(() => {
  data = new Map();
  setSessionDbForTests(fakeStore(data));
});
afterEach(() => setSessionDbForTests(fakeStore(new Map())));

describe("two tabs of the app never overwrite each other's session unseen", () => {
  it("a tab saves over its own revision, one save after another", async () => {
    await loadSession();
    await saveSessionNow(INITIAL_SESSION);
    const first = data.get(REVISION_KEY);
    expect(first).toEqual(expect.any(String));
    saveSessionSoon(withA, undefined, 5);
    await saveSessionNow(withB); // the debounced save is replaced, not written after
    saveSessionSoon(withA, undefined, 5);
    await whenSaved();
    expect(data.get(KEY)).toEqual(withA);
    expect(data.get(REVISION_KEY)).not.toBe(first);
    expect(saveConflict()).toBeNull();
  });

  it("a change written at once survives a page gone before its compare and set answered; not after another tab's save", async () => {
    await loadSession();
    await saveSessionNow(INITIAL_SESSION);
    const rev = data.get(REVISION_KEY);
    // what a page reloaded straight after a change leaves: its change, based on the revision it knew, and no session
    data.set(UNSAVED_KEY, { state: structuredClone(withA), basedOn: rev });
    expect((await loadSession()).state).toEqual(withA);
    // the next save is made as usual and drops it
    await saveSessionNow(withA);
    expect(data.has(UNSAVED_KEY)).toBe(false);
    // another tab saved after the change was written: the change is not taken
    data.set(UNSAVED_KEY, { state: structuredClone(withB), basedOn: data.get(REVISION_KEY) });
    otherTabSaves(data, withA);
    expect((await loadSession()).state).toEqual(withA);
  });

  it("a session saved before revisions existed loads and is saved over", async () => {
    data.set(KEY, structuredClone(INITIAL_SESSION));
    expect((await loadSession()).state).toEqual(INITIAL_SESSION);
    await saveSessionNow(withA);
    expect(data.get(KEY)).toEqual(withA);
    expect(saveConflict()).toBeNull();
  });

  it("another tab's save is not overwritten: this tab's change is refused and kept, and the user is told", async () => {
    await loadSession();
    otherTabSaves(data, withA);
    await saveSessionNow(withB, { past: [INITIAL_SESSION], future: [] });
    expect(data.get(KEY)).toEqual(withA);
    expect(saveConflict()).toEqual({ unsaved: true });
    // and no later save, debounced, flushed or at once, writes either
    saveSessionSoon(withB, undefined, 1);
    await saveSessionNow(withB);
    await whenSaved();
    expect(data.get(KEY)).toEqual(withA);
    expect(saveConflict()).toEqual({ unsaved: true });
  });

  it("loading the other tab's version gives its session and steps, and saving resumes from its revision", async () => {
    await loadSession();
    otherTabSaves(data, withA);
    await saveSessionNow(withB);
    const loaded = await reloadSession();
    expect(loaded.state).toEqual(withA);
    expect(loaded.steps?.past).toEqual([INITIAL_SESSION]);
    expect(saveConflict()).toBeNull();
    const moved = reduceSession(withA, { type: "moveProposed", id: "P8", lon: 112.55, lat: 33.05 });
    await saveSessionNow(moved);
    expect(data.get(KEY)).toEqual(moved);
    expect(saveConflict()).toBeNull();
  });

  it("keeping this tab's version writes its latest unsaved state over the other's, then saves as before", async () => {
    await loadSession();
    otherTabSaves(data, withA);
    const other = data.get(REVISION_KEY);
    await saveSessionNow(withB);
    await keepThisTabsSession();
    expect(data.get(KEY)).toEqual(withB);
    expect(data.get(REVISION_KEY)).not.toBe(other);
    expect(saveConflict()).toBeNull();
    await saveSessionNow(INITIAL_SESSION);
    expect(data.get(KEY)).toEqual(INITIAL_SESSION);
  });

  it("a check of the stored revision (a message from another tab) says so before any edit, and a new session ends it", async () => {
    await loadSession();
    await checkRevision();
    expect(saveConflict()).toBeNull();
    otherTabSaves(data, withA);
    await checkRevision();
    expect(saveConflict()).toEqual({ unsaved: false });
    // 新建会话 here: the user's choice, done whatever the other tab saved; that tab will see a new revision in turn
    await clearSession();
    expect(data.get(KEY)).toEqual(INITIAL_SESSION);
    expect(data.get(HISTORY_KEY)).toEqual({ cityId: INITIAL_SESSION.cityId, past: [], future: [] });
    expect(data.get(REVISION_KEY)).toEqual(expect.any(String));
    expect(saveConflict()).toBeNull();
    await saveSessionNow(withB);
    expect(data.get(KEY)).toEqual(withB);
  });

  it("a new session in another tab stops this tab's saves too", async () => {
    data.set(KEY, structuredClone(withA));
    await loadSession();
    // the other tab's clearSession: both keys gone, a new revision
    data.delete(KEY);
    data.set(REVISION_KEY, "other-cleared");
    await saveSessionNow(withB);
    expect(data.has(KEY)).toBe(false);
    expect(saveConflict()).toEqual({ unsaved: true });
    expect((await reloadSession()).state).toBeNull();
  });
});
