import { buildPointIndex, type Csr, coverageCsr, pointsWithin, toArrays, transpose } from "./coverage-matrix";
import { type Candidate, SitingInputError, type SitingProblem } from "./types";

/**
 * A siting problem reduced to index form. "Open" demand = weight > 0 and not covered by an
 * existing site; only open demand can be gained.
 */
export interface Instance {
  problem: SitingProblem;
  /** Candidates that passed the exclusion predicate (indices into problem.candidates). */
  allowed: number[];
  excluded: Array<{ candidateId: string; reason: string }>;
  weight: Float64Array;
  totalWeight: number;
  /** 1 when the demand point is covered by an existing site. */
  coveredBefore: Uint8Array;
  weightBefore: number;
  /** Row a = allowed[a]: open demand points it covers. */
  cover: Csr;
  /** Row i = demand point: allowed positions `a` covering it (only open demand has entries). */
  coveredBy: Csr;
  /** Total weight of open demand that at least one allowed candidate covers. */
  coverableWeight: number;
  /** Open demand points (weight > 0) that no allowed candidate covers. */
  unreachableCount: number;
  unreachableWeight: number;
  /** County code of each allowed position (undefined when the candidate has none). */
  county: Array<string | undefined>;
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Checks the problem and throws {@link SitingInputError} naming array, index and field of each defect. */
export function validateProblem(p: SitingProblem): void {
  const errs: string[] = [];
  const checkPoint = (arr: string, i: number, o: { id?: unknown; lon: unknown; lat: unknown }) => {
    if (typeof o.id !== "string" || o.id === "") errs.push(`${arr}[${i}].id: must be a non-empty string`);
    if (!finite(o.lon) || o.lon < -180 || o.lon > 180)
      errs.push(`${arr}[${i}].lon: must be a longitude in [-180, 180], got ${String(o.lon)}`);
    if (!finite(o.lat) || o.lat < -90 || o.lat > 90)
      errs.push(`${arr}[${i}].lat: must be a latitude in [-90, 90], got ${String(o.lat)}`);
  };
  p.demand.forEach((d, i) => {
    checkPoint("demand", i, d);
    if (!finite(d.weight) || d.weight < 0)
      errs.push(`demand[${i}].weight: must be a finite number ≥ 0, got ${String(d.weight)}`);
  });
  const seen = new Set<string>();
  p.candidates.forEach((c, i) => {
    checkPoint("candidates", i, c);
    if (seen.has(c.id)) errs.push(`candidates[${i}].id: duplicate id "${c.id}"`);
    seen.add(c.id);
  });
  p.existing.forEach((e, i) => {
    checkPoint("existing", i, e);
  });
  if (p.coverage) {
    const g = p.coverage;
    if (g.cover.start.length !== p.candidates.length + 1)
      errs.push(`coverage.cover: has ${g.cover.start.length - 1} rows, there are ${p.candidates.length} candidates`);
    if (g.coveredBefore.length !== p.demand.length)
      errs.push(
        `coverage.coveredBefore: has ${g.coveredBefore.length} entries, there are ${p.demand.length} demand points`,
      );
    for (let k = 0; k < g.cover.index.length; k++)
      if (!(g.cover.index[k] >= 0 && g.cover.index[k] < p.demand.length)) {
        errs.push(`coverage.cover.index[${k}]: ${g.cover.index[k]} is not a demand index`);
        break;
      }
  } else if (!finite(p.radiusKm) || p.radiusKm <= 0)
    errs.push(`radiusKm: must be a finite number > 0, got ${String(p.radiusKm)}`);
  const o = p.objective;
  if (o.kind === "mclp") {
    if (!Number.isInteger(o.k) || o.k < 0) errs.push(`objective.k: must be an integer ≥ 0, got ${String(o.k)}`);
  } else if (o.kind === "lscp") {
    if (!finite(o.targetShare) || o.targetShare < 0 || o.targetShare > 1)
      errs.push(`objective.targetShare: must be in [0, 1], got ${String(o.targetShare)}`);
  } else {
    errs.push(`objective.kind: must be "mclp" or "lscp"`);
  }
  const c = p.constraints;
  if (c?.minSeparationKm !== undefined && (!finite(c.minSeparationKm) || c.minSeparationKm < 0))
    errs.push(`constraints.minSeparationKm: must be a finite number ≥ 0, got ${String(c.minSeparationKm)}`);
  for (const key of ["perCountyMax", "perCountyMin"] as const) {
    for (const [county, v] of Object.entries(c?.[key] ?? {})) {
      if (!Number.isInteger(v) || v < 0)
        errs.push(`constraints.${key}["${county}"]: must be an integer ≥ 0, got ${String(v)}`);
    }
  }
  if (errs.length > 0) throw new SitingInputError(errs);
}

/** Validates, applies exclusions and builds the coverage matrices. */
export function prepare(problem: SitingProblem): Instance {
  validateProblem(problem);
  const { demand, candidates, existing, radiusKm } = problem;
  const nD = demand.length;
  const weight = new Float64Array(nD);
  let totalWeight = 0;
  for (let i = 0; i < nD; i++) {
    weight[i] = demand[i].weight;
    totalWeight += weight[i];
  }
  const given = problem.coverage;
  const dIndex = given ? null : buildPointIndex(toArrays(demand), radiusKm);

  const coveredBefore = given ? given.coveredBefore.slice() : new Uint8Array(nD);
  if (dIndex)
    for (const e of existing) {
      for (const i of pointsWithin(dIndex, e.lon, e.lat, radiusKm)) coveredBefore[i] = 1;
    }
  let weightBefore = 0;
  for (let i = 0; i < nD; i++) if (coveredBefore[i]) weightBefore += weight[i];

  const allowed: number[] = [];
  const excluded: Array<{ candidateId: string; reason: string }> = [];
  const exclude = problem.constraints?.exclude;
  candidates.forEach((c: Candidate, j) => {
    const reason = exclude ? exclude(c) : null;
    if (reason) excluded.push({ candidateId: c.id, reason });
    else allowed.push(j);
  });
  const open = (i: number) => !coveredBefore[i] && weight[i] > 0;
  const cover = dIndex
    ? coverageCsr(dIndex, toArrays(allowed.map((j) => candidates[j])), radiusKm, open)
    : givenRows(given as NonNullable<typeof given>, allowed, open);
  const coveredBy = transpose(cover, nD);

  let coverableWeight = 0;
  let unreachableCount = 0;
  let unreachableWeight = 0;
  for (let i = 0; i < nD; i++) {
    if (coveredBefore[i] || weight[i] <= 0) continue;
    if (coveredBy.start[i + 1] > coveredBy.start[i]) coverableWeight += weight[i];
    else {
      unreachableCount++;
      unreachableWeight += weight[i];
    }
  }
  return {
    problem,
    allowed,
    excluded,
    weight,
    totalWeight,
    coveredBefore,
    weightBefore,
    cover,
    coveredBy,
    coverableWeight,
    unreachableCount,
    unreachableWeight,
    county: allowed.map((j) => candidates[j].county),
  };
}

/** The rows of a given coverage for the allowed candidates, open demand only. */
function givenRows(
  given: NonNullable<SitingProblem["coverage"]>,
  allowed: number[],
  open: (i: number) => boolean,
): Csr {
  const start = new Int32Array(allowed.length + 1);
  const index: number[] = [];
  allowed.forEach((j, a) => {
    start[a] = index.length;
    for (let p = given.cover.start[j]; p < given.cover.start[j + 1]; p++) {
      const i = given.cover.index[p];
      if (open(i)) index.push(i);
    }
  });
  start[allowed.length] = index.length;
  return { start, index: Int32Array.from(index) };
}

/** Pairs (a, b), a < b, of allowed positions closer than `minSeparationKm` (geodesic, strict). */
export function conflictPairs(inst: Instance, minSeparationKm: number, only?: Set<number>): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  if (!(minSeparationKm > 0)) return pairs;
  const pos = only ? [...only].sort((x, y) => x - y) : inst.allowed.map((_, a) => a);
  const cands = pos.map((a) => inst.problem.candidates[inst.allowed[a]]);
  const arr = toArrays(cands);
  const idx = buildPointIndex(arr, minSeparationKm);
  for (let u = 0; u < pos.length; u++) {
    for (const v of pointsWithin(idx, arr.lon[u], arr.lat[u], minSeparationKm, true)) {
      if (v > u) pairs.push([pos[u], pos[v]]);
    }
  }
  return pairs;
}

/** Allowed positions within `minSeparationKm` (strict) of allowed position `a`, excluding `a`. */
export function conflictsOf(
  inst: Instance,
  index: ReturnType<typeof buildPointIndex>,
  a: number,
  minSeparationKm: number,
): number[] {
  const c = inst.problem.candidates[inst.allowed[a]];
  return pointsWithin(index, c.lon, c.lat, minSeparationKm, true).filter((b) => b !== a);
}
