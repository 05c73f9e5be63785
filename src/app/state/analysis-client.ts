import { type Remote, wrap } from "comlink";
import type { AnalysisApi, Decorated, MovedAnswer, RingFeature } from "../../worker/api";
import type { SitingApi } from "../../worker/siting.worker";

let remote: Remote<AnalysisApi> | null = null;

/** The one analysis worker of the page (the core runs there; the page never freezes). */
export function analysisWorker(): Remote<AnalysisApi> {
  if (!remote) {
    // a built page starts the worker from index.html before this chunk has loaded (vite.config.ts, startWorker)
    const started = (globalThis as { __hfpWorker?: Worker }).__hfpWorker;
    const worker =
      started ?? new Worker(new URL("../../worker/analysis.worker.ts", import.meta.url), { type: "module" });
    remote = wrap<AnalysisApi>(worker);
  }
  return remote;
}

/** The siting worker while it runs or idles (started on the first run, ended to stop one). */
let siting: { worker: Worker; remote: Remote<SitingApi> } | null = null;
/** The rejections of the siting runs in flight, called when the worker is ended under them (or fails). */
const inFlight = new Set<(e?: unknown) => void>();

/** A siting run ended by {@link stopSiting}: its answer never comes. */
export class SitingStopped extends Error {
  constructor() {
    super("siting stopped");
    this.name = "SitingStopped";
  }
}

/**
 * Runs a siting job on the siting worker (siting.worker.ts), apart from the analysis worker: an exact run of up to
 * 20 s keeps neither a city switch nor an edit waiting (the re-check, s55e N1). {@link stopSiting} ends it: the promise
 * then rejects with {@link SitingStopped}.
 */
export function onSitingWorker<T>(job: (api: Remote<SitingApi>) => Promise<T>): Promise<T> {
  if (!siting) {
    const worker = new Worker(new URL("../../worker/siting.worker.ts", import.meta.url), {
      type: "module",
      name: "siting",
    });
    // a worker that cannot start (its script not loaded) fails the runs waiting on it, which would wait for ever
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (siting?.worker !== worker) return;
      worker.terminate();
      siting = null;
      const fail = [...inFlight];
      inFlight.clear();
      for (const f of fail)
        f(new Error(`选址计算进程未能启动 / the siting worker failed to start: ${event.message ?? ""}`));
    });
    siting = { worker, remote: wrap<SitingApi>(worker) };
  }
  const { remote } = siting;
  return new Promise<T>((resolve, reject) => {
    const stop = (e?: unknown) => reject(e ?? new SitingStopped());
    inFlight.add(stop);
    job(remote)
      .then(resolve, reject)
      .finally(() => inFlight.delete(stop));
  });
}

/**
 * Stops the siting runs in flight by ending their worker (a solver cannot be interrupted from outside, its worker
 * can); the next run starts a new one. Returns whether a run was stopped.
 */
export function stopSiting(): boolean {
  if (!siting || inFlight.size === 0) return false;
  siting.worker.terminate();
  siting = null;
  const stops = [...inFlight];
  inFlight.clear();
  for (const stop of stops) stop();
  return true;
}

/**
 * Runs async jobs so that at most one is in flight and only the newest waiting one runs next: while a planner
 * drags, intermediate positions are skipped instead of queueing up.
 */
export class LatestOnly<T> {
  private running = false;
  private next: (() => Promise<T>) | null = null;
  /** Counts {@link supersede} calls: a job started before the last one has its answer dropped. */
  private generation = 0;

  /** `onResult` learns whether a newer job is already waiting (so the page can stay "busy" until the last one). */
  constructor(
    private readonly onResult: (value: T, morePending: boolean) => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  submit(job: () => Promise<T>) {
    this.next = job;
    if (!this.running) void this.drain();
  }

  /**
   * The state went to the worker another way (a full load, sent past this queue): the waiting job is dropped, for it
   * would reach the worker after that load and put an edit of the state before it over it, and the answer (or error)
   * of the job in flight, sent before the load, is not delivered. Jobs submitted afterwards run as usual.
   */
  supersede() {
    this.next = null;
    this.generation++;
  }

  private async drain() {
    this.running = true;
    while (this.next) {
      const job = this.next;
      this.next = null;
      const at = this.generation;
      try {
        const value = await job();
        if (at === this.generation) this.onResult(value, this.next !== null);
      } catch (e) {
        if (at === this.generation) this.onError(e);
      }
    }
    this.running = false;
  }
}

/** The service rings of the worker's last answer the page has read, by facility, and that answer's number. */
let rings: { version: number; byId: Map<string, RingFeature> } = { version: -1, byId: new Map() };

/** Keeps an answer's rings (every whole answer passes here, shown or not), so that a move's can be filled in. */
export function keepRings<T extends Decorated>(d: T): T {
  rings = { version: d.ringsVersion, byId: new Map(d.rings.map((r) => [r.properties.facilityId, r])) };
  return d;
}

/**
 * A move's answer with all its rings: the ones it sent (those that changed) and the others from the answer it was
 * sent against; when the page did not read that one, the worker's current rings are asked for.
 */
export async function withAllRings(m: MovedAnswer): Promise<Decorated> {
  const { ringIds, ringsBase, ...rest } = m;
  if (rings.version !== ringsBase) {
    const all = await analysisWorker().currentRings();
    return keepRings({ ...rest, rings: all.rings, ringsVersion: all.ringsVersion });
  }
  const sent = new Map(m.rings.map((r) => [r.properties.facilityId, r]));
  const byId = rings.byId;
  const all: RingFeature[] = [];
  for (const id of ringIds) {
    const r = sent.get(id) ?? byId.get(id);
    if (r) all.push(r);
  }
  return keepRings({ ...rest, rings: all });
}
