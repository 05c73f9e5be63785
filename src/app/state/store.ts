import { createStore, del, promisifyRequest, set, type UseStore } from "idb-keyval";
import {
  parseSavedHistory,
  parseSavedSession,
  type RowIssue,
  SAVED_HISTORY_STEPS,
  type SavedSession,
} from "../../core";
import { ruleSetFor } from "../rulesets";
import { HFP_SAVED } from "../test-hook";
import { INITIAL_SESSION, SAVED_SESSION, type SessionState } from "./session";

const KEY = SAVED_SESSION.key;

/** idb-keyval's default database and store ("keyval-store"/"keyval"), one connection for every read and write here. */
let keyval: UseStore | undefined;
function db() {
  keyval ??= createStore(SAVED_SESSION.db, SAVED_SESSION.store);
  return keyval;
}

/** The same store, for the inputs kept beside the session (travel-store.ts: the road file and the raster). */
export function sessionDb(): UseStore {
  return db();
}

// Every member of SessionState must be in the schema too, or loading would silently drop it: a member added to
// SessionState without adding it to savedSessionSchema fails to compile here.
type Unchecked = Exclude<keyof SessionState, keyof SavedSession>;
const everyMemberChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyMemberChecked;
/** Where a saved session that no longer loads is kept, with the reasons, instead of being loaded or lost. */
export const SET_ASIDE_KEY = "hfp-session-v1-set-aside";
/** The current city's undo and redo steps (the last {@link SAVED_HISTORY_STEPS} each way), saved with the session. */
const HISTORY_KEY = "hfp-history-v1";
/** Where saved steps that no longer load are kept, with the reasons. */
export const HISTORY_SET_ASIDE_KEY = "hfp-history-v1-set-aside";
/**
 * The revision of the saved session: a new token with each save and each clear, written in the same transaction. A
 * tab saves only over the revision it loaded or last saved itself (compare and set), so two tabs of the app never
 * overwrite each other's work unseen (a planner's trial: tab A added an EMS station, tab B, still on the older list,
 * added a clinic, and B's save silently dropped A's station, both numbered P8).
 */
export const REVISION_KEY = "hfp-session-v1-revision";
/**
 * A change written at once, before its compare and set: `{ state, steps, basedOn }`. A page unloaded while the stored
 * revision is being read (a reload straight after a change) never gets to write the session itself; the next load
 * takes this change when it is based on the revision stored, as the save would have, and drops it otherwise (another
 * tab saved first). Each save that is made deletes it.
 */
export const UNSAVED_KEY = "hfp-session-v1-unsaved";
/** The road files and population rasters kept for a reload, per city (travel-store.ts); a new session drops them. */
export const TRAVEL_KEY = "hfp-travel-v1";
/** A facility file chosen and not yet used (使用) or cancelled, kept for a reload (state/pending-store). */
export const PENDING_IMPORT_KEY = "hfp-pending-import-v1";
/** Each city's last Suggest result not yet all accepted, kept for a reload (state/suggest-store); a new session drops it. */
export const SUGGEST_KEY = "hfp-suggest-v1";
/** The channel on which a tab says it has saved or cleared the session, so the others learn at once. */
const CHANNEL = "hfp-session";

/** Undo and redo steps of the session's city. */
export interface Steps {
  past: SessionState[];
  future: SessionState[];
}

/**
 * What {@link loadSession} found: the session to use (null: start fresh); if one was set aside, why; and the
 * parameter values set aside from a session that loaded (outside its rule set's ranges), each named.
 */
export interface LoadedSession {
  state: SessionState | null;
  setAside?: RowIssue[];
  paramsSetAside?: RowIssue[];
  /** The undo and redo steps saved with the session (of its city), validated like it. */
  steps?: Steps;
  /** Why the saved steps were set aside (the session itself loaded; it starts with no undo steps). */
  stepsSetAside?: RowIssue[];
}

/**
 * Loads the saved session from IndexedDB and validates it in full. A session that fails (an older or damaged
 * one) is moved to {@link SET_ASIDE_KEY} with its reasons and not loaded, so it cannot break the app on every
 * reload; the caller tells the user. A parameter outside its rule set's range is set aside alone (the rule set's value
 * applies) and named. Storage that cannot be read at all gives a fresh start.
 */
export async function loadSession(): Promise<LoadedSession> {
  let read: { session: unknown; history: unknown; revision: unknown };
  try {
    // the session, its steps and its revision in one transaction: another tab's save falls before or after, whole
    read = await db()("readonly", async (store) => {
      const [session, history, revision, unsaved] = await Promise.all(
        [KEY, HISTORY_KEY, REVISION_KEY, UNSAVED_KEY].map((k) => promisifyRequest(store.get(k))),
      );
      // the last change of a page unloaded before its save was made, when no other save came after it
      const u = unsaved as { state?: unknown; steps?: unknown; basedOn?: unknown } | undefined;
      if (u && typeof u === "object" && u.state !== undefined && u.basedOn === revision)
        return { session: u.state, history: u.steps ?? history, revision };
      return { session, history, revision };
    });
  } catch {
    return { state: null };
  }
  known = read.revision;
  loaded = true;
  const v = read.session;
  if (v === undefined || v === null) return { state: null };
  const r = parseSavedSession(v, ruleSetFor);
  // the schema's type and SessionState describe the same data; the assignment below checks they stay in step
  if (r.ok)
    return {
      state: r.state satisfies SessionState,
      ...(r.warnings.length ? { paramsSetAside: r.warnings } : {}),
      ...(await loadSteps(r.state.cityId, read.history)),
    };
  try {
    await set(SET_ASIDE_KEY, { setAsideAt: new Date().toISOString(), errors: r.errors, value: v }, db());
    await del(KEY, db());
  } catch {
    // storage refuses writes: the session is still not loaded
  }
  return { state: null, setAside: r.errors };
}

/** The saved undo and redo steps (`v`) of `cityId`, validated in full; ones that fail are set aside with the reasons. */
async function loadSteps(cityId: string, v: unknown): Promise<Pick<LoadedSession, "steps" | "stepsSetAside">> {
  if (v === undefined || v === null) return {};
  const r = parseSavedHistory(v, ruleSetFor);
  if (r.ok) return r.history.cityId === cityId ? { steps: { past: r.history.past, future: r.history.future } } : {};
  try {
    await set(HISTORY_SET_ASIDE_KEY, { setAsideAt: new Date().toISOString(), errors: r.errors, value: v }, db());
    await del(HISTORY_KEY, db());
  } catch {
    // storage refuses writes: the steps are still not loaded
  }
  return { stepsSetAside: r.errors };
}

let atStart: Promise<LoadedSession> | null = null;

/**
 * The session saved before this page opened, read once: the app's start asks for it before React renders, so the
 * first city's data can be fetched while the page is still being built.
 */
export function sessionAtStart(): Promise<LoadedSession> {
  atStart ??= loadSession();
  return atStart;
}

let timer: ReturnType<typeof setTimeout> | undefined;
type Save = { state: SessionState; steps?: Steps };
let pending: Save | undefined;

/**
 * The revision (REVISION_KEY) this tab's session is based on: the one it loaded, saved or cleared last (undefined: none
 * stored yet). Read only once the session has been loaded (`loaded`).
 */
let known: unknown;
let loaded = false;
/** This tab's part of each revision token, so that two tabs never make the same one. */
const tab = Math.random().toString(36).slice(2, 10);
let made = 0;
function newRevision(): string {
  made++;
  return `${tab}-${made}-${Date.now().toString(36)}`;
}

/**
 * Another tab has saved the session (or started a new one) since this tab loaded or saved it: this tab no longer
 * saves, so as not to overwrite that work, until the user chooses (load the other version, or keep this tab's).
 */
export interface SaveConflict {
  /** This tab has changes that were not saved because of it (false: it only shows an older version). */
  unsaved: boolean;
}

let conflict: SaveConflict | null = null;
/** This tab's latest state that was not saved because of the conflict, what keeping this tab's version writes. */
let refused: Save | undefined;
const conflictListeners = new Set<(c: SaveConflict | null) => void>();

/** Whether another tab's save stops this tab from saving now (null: no). */
export function saveConflict(): SaveConflict | null {
  return conflict;
}

/** Calls `f` each time {@link saveConflict} changes; returns the function that stops it. */
export function onSaveConflict(f: (c: SaveConflict | null) => void): () => void {
  conflictListeners.add(f);
  return () => conflictListeners.delete(f);
}

function setConflict(c: SaveConflict | null) {
  if (c === conflict || (c && conflict && c.unsaved === conflict.unsaved)) return;
  conflict = c;
  for (const f of conflictListeners) f(c);
}

/** Stops saving: a save waiting for its debounce and `p` (a save refused) are kept as this tab's unsaved version. */
function enterConflict(p?: Save) {
  clearTimeout(timer);
  const latest = pending ?? p;
  pending = undefined;
  if (latest) refused = latest;
  setConflict({ unsaved: Boolean(refused) });
  settle();
}

let channel: BroadcastChannel | null | undefined;
/** The channel to the app's other tabs (null where the browser has none; the compare and set still holds). */
function tabs(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    if (channel) channel.onmessage = () => void checkRevision();
  }
  return channel;
}

/** Tells the other tabs that the session was saved or cleared (each checks the stored revision against its own). */
function announce() {
  try {
    tabs()?.postMessage({ saved: true });
  } catch {
    // a closed channel: the others learn at their next save
  }
}

/**
 * Reads the stored revision and, when another tab has saved since this one loaded or saved, stops this tab's saves
 * and says so ({@link saveConflict}): what a message from another tab, or the page shown again, asks. Nothing before
 * the session has been loaded.
 */
export async function checkRevision(): Promise<void> {
  if (!loaded || conflict) return;
  try {
    await db()("readonly", (store) => {
      const done = promisifyRequest(store.transaction);
      const req = store.get(REVISION_KEY);
      // compared in the request's callback: a save of this tab begun after this read waits for it
      req.onsuccess = () => {
        if (req.result !== known) enterConflict();
      };
      return done;
    });
  } catch {
    // storage cannot be read: the next save's compare and set still holds
  }
}

/** Opens the channel to the app's other tabs, so this tab learns at once when one of them saves. */
export function listenToOtherTabs(): void {
  tabs();
}

/**
 * The steps as stored: the last {@link SAVED_HISTORY_STEPS} undo steps and the next as many redo steps, in one value
 * (IndexedDB's structured clone keeps what the steps share, such as an unchanged facility list, once).
 */
function storedSteps(state: SessionState, steps: Steps) {
  return {
    cityId: state.cityId,
    past: steps.past.slice(-SAVED_HISTORY_STEPS),
    future: steps.future.slice(0, SAVED_HISTORY_STEPS),
  };
}

/**
 * Writes the session and its steps in one transaction, so they never disagree (a reload used to find the new session
 * beside the old steps: the steps' write began only after the session's had finished, and a page being unloaded
 * never got that far), and asks IndexedDB to commit at once rather than when this task ends. The write is a compare
 * and set: in the same transaction the stored revision is read and, unless `force`, the write is made only when it is
 * the one this tab knows; otherwise nothing is written and the tab stops saving ({@link SaveConflict}). While in
 * conflict nothing is written at all: the state is kept as this tab's unsaved version.
 */
function write(p: Save, force = false): Promise<"saved" | "conflict"> {
  if (conflict && !force) {
    enterConflict(p);
    return Promise.resolve("conflict");
  }
  // the change first, at once, with the revision it is based on, in a transaction of its own committed at once: kept
  // if the page goes before the compare and set below has read the revision (see UNSAVED_KEY; a transaction left
  // waiting on its read is not committed when the page goes)
  void db()("readwrite", (store) => {
    store.put(
      { state: p.state, ...(p.steps ? { steps: storedSteps(p.state, p.steps) } : {}), basedOn: known },
      UNSAVED_KEY,
    );
    store.transaction.commit?.();
    return promisifyRequest(store.transaction);
  }).catch(() => {});
  return tracked(
    db()("readwrite", (store) => {
      const done = promisifyRequest(store.transaction);
      const req = store.get(REVISION_KEY);
      let outcome: "saved" | "conflict" = "conflict";
      let before: unknown;
      let rev: string | undefined;
      req.onsuccess = () => {
        // a later save of this tab waits for this transaction, and reads `known` as set here
        if (!force && req.result !== known) {
          store.transaction.commit?.();
          return;
        }
        rev = newRevision();
        store.delete(UNSAVED_KEY);
        store.put(p.state, KEY);
        if (p.steps) store.put(storedSteps(p.state, p.steps), HISTORY_KEY);
        store.put(rev, REVISION_KEY);
        before = known;
        known = rev;
        outcome = "saved";
        store.transaction.commit?.();
      };
      return done.then(
        () => outcome,
        (e) => {
          if (rev !== undefined && known === rev) known = before;
          throw e;
        },
      );
    }),
  ).then((r) => {
    if (r === "conflict") enterConflict(p);
    else announce();
    return r;
  });
}

/** Writes and clears under way. */
let writing = 0;
let onSaved: Array<() => void> = [];

/** Counts a write or clear until it settles; when nothing is left to write, tells {@link whenSaved}'s callers. */
function tracked<T>(p: Promise<T>): Promise<T> {
  writing++;
  const done = () => {
    writing--;
    settle();
  };
  p.then(done, done);
  return p;
}

function settle() {
  if (writing > 0 || pending) return;
  const waiting = onSaved;
  onSaved = [];
  for (const f of waiting) f();
  if (typeof window !== "undefined") window.dispatchEvent(new Event(HFP_SAVED));
}

/**
 * Resolves once every change handed to the store so far is in IndexedDB (or its write failed, or was refused because
 * another tab saved: {@link saveConflict}): no save is waiting for its debounce and none is under way. What a reload
 * straight after a change can wait on, instead of a pause.
 */
export function whenSaved(): Promise<void> {
  if (writing === 0 && !pending) return Promise.resolve();
  return new Promise((resolve) => onSaved.push(resolve));
}

/**
 * Saves the session and, when given, its undo and redo steps soon (debounced: the intermediate states of a
 * gesture); the last state always wins.
 */
export function saveSessionSoon(state: SessionState, steps?: Steps, delayMs = 300) {
  if (conflict) {
    enterConflict({ state, ...(steps ? { steps } : {}) });
    return;
  }
  pending = { state, ...(steps ? { steps } : {}) };
  clearTimeout(timer);
  timer = setTimeout(() => {
    const p = pending;
    pending = undefined;
    if (p) write(p).catch((e) => console.warn("session not saved", e));
  }, delayMs);
}

/**
 * Saves the session and its steps now (an undo step was recorded, undone or redone): a reload straight after the
 * change finds the step, whatever the timing.
 */
export function saveSessionNow(state: SessionState, steps?: Steps): Promise<void> {
  clearTimeout(timer);
  pending = undefined;
  return write({ state, ...(steps ? { steps } : {}) }).then(
    () => {},
    (e) => console.warn("session not saved", e),
  );
}

/** Writes any pending save now (e.g. on page hide); in conflict with another tab, nothing. */
export async function flushSession() {
  clearTimeout(timer);
  const p = pending;
  pending = undefined;
  if (p) await write(p);
}

/**
 * Keeps this tab's version (the user's choice in a {@link SaveConflict}): its unsaved state is written over what
 * another tab saved, and the tab saves again as before. The other tabs are told, and show the conflict in turn.
 */
export async function keepThisTabsSession(): Promise<void> {
  const p = refused;
  if (!p) return;
  refused = undefined;
  const r = await write(p, true);
  if (r !== "saved") return;
  setConflict(null);
  // a change made while the write was under way was kept as unsaved: saved now, over the revision just written
  const later = refused;
  refused = undefined;
  if (later) await write(later);
}

/**
 * Loads the saved session again (the user's choice in a {@link SaveConflict}: another tab's version): this tab's
 * unsaved state is dropped, saving resumes from the revision read, and {@link sessionAtStart} gives the session read,
 * so the app built next starts from it.
 */
export function reloadSession(): Promise<LoadedSession> {
  clearTimeout(timer);
  pending = undefined;
  refused = undefined;
  atStart = loadSession().then((r) => {
    setConflict(null);
    return r;
  });
  return atStart;
}

/**
 * Forgets the saved session, its undo and redo steps and the road files and rasters kept (a new session): a save
 * still waiting is dropped, the session becomes INITIAL_SESSION with no steps in one transaction, and the session read at the page's start is forgotten too,
 * so the app built next starts from INITIAL_SESSION's default city (and does not write it again: another tab would
 * take that for a save of its own). What was set aside (SET_ASIDE_KEY, HISTORY_SET_ASIDE_KEY) stays. The
 * user asked for it in this tab: it is done whatever another tab saved, a conflict with one is over, and the other
 * tabs are told (a new revision), so none of them saves its older session over the new one unseen.
 */
export async function clearSession(): Promise<void> {
  clearTimeout(timer);
  pending = undefined;
  refused = undefined;
  atStart = Promise.resolve({ state: null });
  const rev = newRevision();
  await tracked(
    db()("readwrite", (store) => {
      store.delete(UNSAVED_KEY);
      store.delete(TRAVEL_KEY);
      store.delete(PENDING_IMPORT_KEY);
      store.delete(`${PENDING_IMPORT_KEY}:bytes`);
      store.delete(SUGGEST_KEY);
      store.put(INITIAL_SESSION, KEY);
      store.put(storedSteps(INITIAL_SESSION, { past: [], future: [] }), HISTORY_KEY);
      store.put(rev, REVISION_KEY);
      known = rev;
      loaded = true;
      store.transaction.commit?.();
      return promisifyRequest(store.transaction);
    }),
  );
  setConflict(null);
  announce();
}

/**
 * For tests in Node: the store to read and write instead of IndexedDB's (a fake of idb-keyval's `UseStore`), with
 * this module's state as on a page's start.
 */
export function setSessionDbForTests(store: UseStore): void {
  keyval = store;
  clearTimeout(timer);
  pending = undefined;
  refused = undefined;
  known = undefined;
  loaded = false;
  conflict = null;
  atStart = null;
  channel?.close();
  channel = undefined;
}
