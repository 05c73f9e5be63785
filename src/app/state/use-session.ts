import { useCallback, useEffect, useRef, useState } from "react";
import type { RowIssue } from "../../core";
import { commit, commitFrom, type History, initHistory, redo, replace, undo } from "./history";
import {
  describeStep,
  INITIAL_SESSION,
  reduceSession,
  type SessionAction,
  type SessionState,
  type StepDescription,
} from "./session";
import {
  checkRevision,
  flushSession,
  keepThisTabsSession,
  listenToOtherTabs,
  onSaveConflict,
  type SaveConflict,
  saveConflict,
  saveSessionNow,
  saveSessionSoon,
  sessionAtStart,
} from "./store";

export interface SessionStore {
  /** The planner's work now (null until restored from the browser's storage). */
  session: SessionState | null;
  /** The session as of the latest dispatch, for handlers that must not wait for a render. */
  current: () => SessionState | null;
  canUndo: boolean;
  canRedo: boolean;
  /** What undo would take back and redo would do again (null: nothing to undo or redo). */
  undoStep: StepDescription | null;
  redoStep: StepDescription | null;
  /**
   * Makes another city the current one. Not an undo step: each city keeps its own undo and redo stacks, so undo
   * never changes a city that is not on screen.
   */
  switchCity: (cityId: string) => void;
  /** Applies an action: `commit` records an undo step, `replace` does not (steps of a gesture). */
  dispatch: (action: SessionAction, mode?: "commit" | "replace") => void;
  undo: () => void;
  redo: () => void;
  /** Starts a gesture (a slider or a site drag) whose steps are dispatched with `replace`; idempotent. */
  beginGesture: () => void;
  /** Ends the gesture: its steps become one undo step (nothing when it ended where it began). */
  endGesture: () => void;
  /** Cancels the gesture: the state it began from comes back, and no undo step is made. */
  cancelGesture: () => void;
  /** Whether a gesture is under way. */
  inGesture: () => boolean;
  /** Why the saved session could not be loaded (it was set aside and the app started afresh), until dismissed. */
  sessionSetAside: RowIssue[] | null;
  /** Parameter values of the saved session set aside (outside their rule set's ranges), until dismissed. */
  paramsSetAside: RowIssue[] | null;
  /** Why the saved undo and redo steps were set aside (the session loaded without them), until dismissed. */
  stepsSetAside: RowIssue[] | null;
  dismissSetAside: (which: "session" | "params" | "steps") => void;
  /**
   * Another tab of the app has saved the session (or started a new one) since this tab loaded or saved it: this tab
   * saves nothing until the user chooses (null: no such conflict).
   */
  saveConflict: SaveConflict | null;
  /** The user's choice in a conflict: this tab's version is saved over the other tab's. */
  keepThisTab: () => void;
}

/**
 * The session with undo and redo: restored from IndexedDB on start with the current city's undo and redo steps (the
 * last 50 each way), saved as it changes, flushed when the page is hidden.
 */
export function useSession(): SessionStore {
  const [history, setHistory] = useState<History<SessionState> | null>(null);
  const historyRef = useRef(history);
  historyRef.current = history;
  const gestureStart = useRef<SessionState | null>(null);
  /** The undo and redo stacks of the cities not on screen. */
  const stacks = useRef(new Map<string, { past: SessionState[]; future: SessionState[] }>());

  const [sessionSetAside, setSessionSetAside] = useState<RowIssue[] | null>(null);
  const [paramsSetAside, setParamsSetAside] = useState<RowIssue[] | null>(null);
  const [stepsSetAside, setStepsSetAside] = useState<RowIssue[] | null>(null);
  const dismissSetAside = useCallback((which: "session" | "params" | "steps") => {
    if (which === "session") setSessionSetAside(null);
    else if (which === "params") setParamsSetAside(null);
    else setStepsSetAside(null);
  }, []);

  const [conflict, setConflict] = useState<SaveConflict | null>(saveConflict);
  /** The history as loaded, when storage holds it as it is: not written back (another tab would take that as a save). */
  const asLoaded = useRef<History<SessionState> | null>(null);

  useEffect(() => {
    sessionAtStart().then(({ state, setAside, paramsSetAside, steps, stepsSetAside }) => {
      const present = state ? { ...INITIAL_SESSION, ...state } : INITIAL_SESSION;
      const h = steps ? { past: steps.past, present, future: steps.future } : initHistory(present);
      // not written back as it is (nothing saved yet, or a new session's, is the default); something set aside: what
      // storage holds differs from what loaded, and is saved at once as before
      if (!setAside && !paramsSetAside && !stepsSetAside) asLoaded.current = h;
      setHistory(h);
      if (setAside) setSessionSetAside(setAside);
      if (paramsSetAside) setParamsSetAside(paramsSetAside);
      if (stepsSetAside) setStepsSetAside(stepsSetAside);
    });
    const onHide = () => void flushSession();
    // another tab's save is told on a channel; a page shown again checks too (a message missed, a browser without one)
    const onShow = () => {
      if (document.visibilityState === "visible") void checkRevision();
    };
    listenToOtherTabs();
    const stop = onSaveConflict(setConflict);
    setConflict(saveConflict());
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onShow);
    return () => {
      stop();
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onShow);
    };
  }, []);
  const session = history?.present ?? null;
  // a change that records, undoes or redoes a step (new stacks) is saved at once, in one transaction with the
  // state; the intermediate states of a gesture (same stacks) are saved debounced
  const savedStacks = useRef<{ past: SessionState[]; future: SessionState[] } | null>(null);
  useEffect(() => {
    if (!history) return;
    const steps = { past: history.past, future: history.future };
    const last = savedStacks.current;
    savedStacks.current = steps;
    if (history === asLoaded.current) return;
    if (last && last.past === steps.past && last.future === steps.future) saveSessionSoon(history.present, steps);
    else void saveSessionNow(history.present, steps);
  }, [history]);

  const dispatch = useCallback((action: SessionAction, mode: "commit" | "replace" = "commit") => {
    setHistory((h) => {
      if (!h) return h;
      const next = reduceSession(h.present, action);
      const out = mode === "commit" ? commit(h, next) : replace(h, next);
      historyRef.current = out;
      return out;
    });
  }, []);
  const beginGesture = useCallback(() => {
    if (!gestureStart.current && historyRef.current) gestureStart.current = historyRef.current.present;
  }, []);
  const cancelGesture = useCallback(() => {
    const start = gestureStart.current;
    gestureStart.current = null;
    if (start) setHistory((h) => (h ? { ...h, present: start } : h));
  }, []);
  const endGesture = useCallback(() => {
    const start = gestureStart.current;
    gestureStart.current = null;
    if (start) setHistory((h) => (h ? commitFrom(h, start) : h));
  }, []);
  const switchCity = useCallback((cityId: string) => {
    const h = historyRef.current;
    if (!h || h.present.cityId === cityId) return;
    stacks.current.set(h.present.cityId, { past: h.past, future: h.future });
    const kept = stacks.current.get(cityId) ?? { past: [], future: [] };
    stacks.current.delete(cityId);
    const out = { ...kept, present: reduceSession(h.present, { type: "city", cityId }) };
    historyRef.current = out;
    setHistory(out);
  }, []);
  return {
    session,
    switchCity,
    current: useCallback(() => historyRef.current?.present ?? null, []),
    canUndo: (history?.past.length ?? 0) > 0,
    canRedo: (history?.future.length ?? 0) > 0,
    undoStep: history?.past.length ? describeStep(history.past[history.past.length - 1], history.present) : null,
    redoStep: history?.future.length ? describeStep(history.present, history.future[0]) : null,
    dispatch,
    undo: useCallback(() => setHistory((h) => (h ? undo(h) : h)), []),
    redo: useCallback(() => setHistory((h) => (h ? redo(h) : h)), []),
    beginGesture,
    endGesture,
    cancelGesture,
    inGesture: useCallback(() => gestureStart.current !== null, []),
    sessionSetAside,
    paramsSetAside,
    stepsSetAside,
    dismissSetAside,
    saveConflict: conflict,
    keepThisTab: useCallback(() => void keepThisTabsSession(), []),
  };
}
