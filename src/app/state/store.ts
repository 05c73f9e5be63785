import { del, get, set } from "idb-keyval";
import type { SessionState } from "./session";

const KEY = "hfp-session-v1";

/** Loads the saved session from IndexedDB (null when none or unreadable). */
export async function loadSession(): Promise<SessionState | null> {
  try {
    const v = await get<SessionState>(KEY);
    return v && typeof v === "object" && "cityId" in v ? v : null;
  } catch {
    return null;
  }
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
