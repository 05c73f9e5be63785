import { del, get, set } from "idb-keyval";
import { parseSavedSession, type RowIssue, type SavedSession } from "../../core";
import { ruleSetFor } from "../rulesets";
import type { SessionState } from "./session";

const KEY = "hfp-session-v1";

// Every member of SessionState must be in the schema too, or loading would silently drop it: a member added to
// SessionState without adding it to savedSessionSchema fails to compile here.
type Unchecked = Exclude<keyof SessionState, keyof SavedSession>;
const everyMemberChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyMemberChecked;
/** Where a saved session that no longer loads is kept, with the reasons, instead of being loaded or lost. */
export const SET_ASIDE_KEY = "hfp-session-v1-set-aside";

/**
 * What {@link loadSession} found: the session to use (null: start fresh); if one was set aside, why; and the
 * parameter values set aside from a session that loaded (outside its rule set's ranges), each named.
 */
export interface LoadedSession {
  state: SessionState | null;
  setAside?: RowIssue[];
  paramsSetAside?: RowIssue[];
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
    v = await get(KEY);
  } catch {
    return { state: null };
  }
  if (v === undefined || v === null) return { state: null };
  const r = parseSavedSession(v, ruleSetFor);
  // the schema's type and SessionState describe the same data; the assignment below checks they stay in step
  if (r.ok)
    return { state: r.state satisfies SessionState, ...(r.warnings.length ? { paramsSetAside: r.warnings } : {}) };
  try {
    await set(SET_ASIDE_KEY, { setAsideAt: new Date().toISOString(), errors: r.errors, value: v });
    await del(KEY);
  } catch {
    // storage refuses writes: the session is still not loaded
  }
  return { state: null, setAside: r.errors };
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
let pending: SessionState | undefined;

/** Saves the session soon (debounced); the last state always wins. */
export function saveSessionSoon(state: SessionState, delayMs = 300) {
  pending = state;
  clearTimeout(timer);
  timer = setTimeout(() => {
    const s = pending;
    pending = undefined;
    if (s) set(KEY, s).catch((e) => console.warn("session not saved", e));
  }, delayMs);
}

/** Writes any pending save now (e.g. on page hide). */
export async function flushSession() {
  clearTimeout(timer);
  const s = pending;
  pending = undefined;
  if (s) await set(KEY, s);
}

export async function clearSession() {
  await del(KEY);
}
