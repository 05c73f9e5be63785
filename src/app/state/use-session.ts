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
import { flushSession, saveSessionNow, saveSessionSoon, sessionAtStart } from "./store";

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
  /** Whether a gesture is under way. */
  inGesture: () => boolean;
  /** Why the saved session could not be loaded (it was set aside and the app started afresh), until dismissed. */
  sessionSetAside: RowIssue[] | null;
  /** Parameter values of the saved session set aside (outside their rule set's ranges), until dismissed. */
  paramsSetAside: RowIssue[] | null;
  /** Why the saved undo and redo steps were set aside (the session loaded without them), until dismissed. */
  stepsSetAside: RowIssue[] | null;
  dismissSetAside: (which: "session" | "params" | "steps") => void;
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

  useEffect(() => {
    sessionAtStart().then(({ state, setAside, paramsSetAside, steps, stepsSetAside }) => {
      const present = state ? { ...INITIAL_SESSION, ...state } : INITIAL_SESSION;
      setHistory(steps ? { past: steps.past, present, future: steps.future } : initHistory(present));
      if (setAside) setSessionSetAside(setAside);
      if (paramsSetAside) setParamsSetAside(paramsSetAside);
      if (stepsSetAside) setStepsSetAside(stepsSetAside);
    });
    const onHide = () => void flushSession();
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
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
    inGesture: useCallback(() => gestureStart.current !== null, []),
    sessionSetAside,
    paramsSetAside,
    stepsSetAside,
    dismissSetAside,
  };
}
