/** Export precision: distances to 0.01 km, areas to 0.1 km², shares to 0.1 percentage point. */
export const STEP = { km: 0.01, km2: 0.1, pct: 0.1, ratio: 0.01 } as const;

function decimalsOf(step: number): number {
  const s = String(step);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

function onGrid(k: number, step: number): number {
  return Number((k * step).toFixed(decimalsOf(step)));
}

/** Rounds half away from zero to a multiple of `step` (e.g. 0.01), without binary-fraction noise (0.1 + 0.2 → 0.3). */
export function roundTo(value: number, step: number): number {
  const q = value / step;
  // 1e-9 absorbs representation error so that 2.675 / 0.01 = 267.49999… still rounds up
  const k = Math.sign(q) * Math.floor(Math.abs(q) + 0.5 + 1e-9);
  return onGrid(k, step);
}

/**
 * Rounds `value` to a multiple of `step` without moving it across the rule's limit: `passes` is the rule's test
 * (e.g. `d => d >= 15`, `share => share >= 100`). When plain rounding would change the verdict (14.996 km → 15.00
 * against "≥ 15 km", a covered share of 99.96 % → 100.0 %, 0.04 km² uncovered → 0.0, 7.698 beds → 7.70 against
 * 7.7), the value is rounded toward its own side instead: down for a figure that falls short of a minimum, up for
 * one that exceeds a maximum. So a failing figure never reads as the limit (a failing share is never shown as
 * 100 %) and a passing one never reads as failing. Non-finite values are returned unchanged.
 */
export function roundKeepingSide(value: number, step: number, passes: (x: number) => boolean): number {
  if (!Number.isFinite(value)) return value;
  const plain = roundTo(value, step);
  const verdict = passes(value);
  if (passes(plain) === verdict) return plain;
  const q = value / step;
  const down = onGrid(Math.floor(q + 1e-9), step);
  const up = onGrid(Math.ceil(q - 1e-9), step);
  if (passes(down) === verdict) return down;
  if (passes(up) === verdict) return up;
  // no multiple of step on the value's side (the side is narrower than one step): show more digits
  return Number(value.toPrecision(12));
}

/** A covered share in [0, 1] as a percentage to 0.1, below 100 unless the whole area is covered (`complete`). */
export function coveredPct(share: number, complete: boolean): number {
  return roundKeepingSide(share * 100, STEP.pct, (x) => (complete ? x >= 100 : x < 100));
}

/** An uncovered area in km² to 0.1, never 0.0 when some area is uncovered. */
export function uncoveredKm2(areaKm2: number): number {
  return roundKeepingSide(areaKm2, STEP.km2, (x) => x <= 0);
}

/** An area in km² to 0.1. */
export function areaKm2(value: number): number {
  return roundTo(value, STEP.km2);
}

/** A distance in km to 0.01, on the same side of `limitKm` as the measured distance (for a "≥ limit" rule). */
export function distanceKm(value: number, limitKm?: number): number {
  if (limitKm === undefined) return roundTo(value, STEP.km);
  // distances within 1e-9 km of the limit count as equal to it, as in the rules (DISTANCE_EPS_KM)
  return roundKeepingSide(value, STEP.km, (x) => x >= limitKm - 1e-9);
}
