/** Undo/redo over an immutable value: past and future stacks of whole states (they share structure). */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

export const HISTORY_LIMIT = 200;

export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records a new present; a change that returns the same object records nothing. */
export function commit<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

/** Replaces the present without recording (e.g. intermediate positions while dragging). */
export function replace<T>(h: History<T>, next: T): History<T> {
  return next === h.present ? h : { ...h, present: next };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const prev = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [next, ...rest] = h.future;
  return { past: [...h.past, h.present], present: next, future: rest };
}

/**
 * Records one undo step for a gesture (a slider drag, a facility drag) whose intermediate states were applied with
 * {@link replace}: undo goes back to `start`, the state before the gesture. Nothing is recorded when it ended where
 * it began.
 */
export function commitFrom<T>(h: History<T>, start: T): History<T> {
  if (h.present === start) return h;
  return { past: [...h.past, start].slice(-HISTORY_LIMIT), present: h.present, future: [] };
}
