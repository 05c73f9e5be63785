import { createStore, del, get, promisifyRequest, set } from "idb-keyval";
import {
  parseSavedHistory,
  parseSavedSession,
  type RowIssue,
  SAVED_HISTORY_STEPS,
  type SavedSession,
} from "../../core";
import { ruleSetFor } from "../rulesets";
import { HFP_SAVED } from "../test-hook";
import { SAVED_SESSION, type SessionState } from "./session";

const KEY = SAVED_SESSION.key;

/** idb-keyval's default database and store ("keyval-store"/"keyval"), one connection for every read and write here. */
let keyval: ReturnType<typeof createStore> | undefined;
function db() {
  keyval ??= createStore(SAVED_SESSION.db, SAVED_SESSION.store);
  return keyval;
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
  let v: unknown;
  try {
    v = await get(KEY, db());
  } catch {
    return { state: null };
  }
  if (v === undefined || v === null) return { state: null };
  const r = parseSavedSession(v, ruleSetFor);
  // the schema's type and SessionState describe the same data; the assignment below checks they stay in step
  if (r.ok)
    return {
      state: r.state satisfies SessionState,
      ...(r.warnings.length ? { paramsSetAside: r.warnings } : {}),
      ...(await loadSteps(r.state.cityId)),
    };
  try {
    await set(SET_ASIDE_KEY, { setAsideAt: new Date().toISOString(), errors: r.errors, value: v }, db());
    await del(KEY, db());
  } catch {
    // storage refuses writes: the session is still not loaded
  }
  return { state: null, setAside: r.errors };
}

/** The saved undo and redo steps of `cityId`, validated in full; ones that fail are set aside with the reasons. */
async function loadSteps(cityId: string): Promise<Pick<LoadedSession, "steps" | "stepsSetAside">> {
  let v: unknown;
  try {
    v = await get(HISTORY_KEY, db());
  } catch {
    return {};
  }
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
let pending: { state: SessionState; steps?: Steps } | undefined;

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
 * never got that far), and asks IndexedDB to commit at once rather than when this task ends.
 */
function write(p: { state: SessionState; steps?: Steps }): Promise<void> {
  return tracked(
    db()("readwrite", (store) => {
      store.put(p.state, KEY);
      if (p.steps) store.put(storedSteps(p.state, p.steps), HISTORY_KEY);
      store.transaction.commit?.();
      return promisifyRequest(store.transaction);
    }),
  );
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
 * Resolves once every change handed to the store so far is in IndexedDB (or its write failed): no save is waiting
 * for its debounce and none is under way. What a reload straight after a change can wait on, instead of a pause.
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
  return write({ state, ...(steps ? { steps } : {}) }).catch((e) => console.warn("session not saved", e));
}

/** Writes any pending save now (e.g. on page hide). */
export async function flushSession() {
  clearTimeout(timer);
  const p = pending;
  pending = undefined;
  if (p) await write(p);
}

/**
 * Forgets the saved session and its undo and redo steps (a new session): a save still waiting is dropped, both keys
 * are deleted in one transaction, and the session read at the page's start is forgotten too, so the app built next
 * starts from INITIAL_SESSION's default city. What was set aside (SET_ASIDE_KEY, HISTORY_SET_ASIDE_KEY) stays.
 */
export async function clearSession(): Promise<void> {
  clearTimeout(timer);
  pending = undefined;
  atStart = Promise.resolve({ state: null });
  await tracked(
    db()("readwrite", (store) => {
      store.delete(KEY);
      store.delete(HISTORY_KEY);
      store.transaction.commit?.();
      return promisifyRequest(store.transaction);
    }),
  );
}
