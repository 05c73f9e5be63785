import { type Remote, wrap } from "comlink";
import type { AnalysisApi } from "../../worker/api";

let remote: Remote<AnalysisApi> | null = null;

/** The one analysis worker of the page (the core runs there; the page never freezes). */
export function analysisWorker(): Remote<AnalysisApi> {
  if (!remote) {
    const worker = new Worker(new URL("../../worker/analysis.worker.ts", import.meta.url), { type: "module" });
    remote = wrap<AnalysisApi>(worker);
  }
  return remote;
}

/**
 * Runs async jobs so that at most one is in flight and only the newest waiting one runs next: while a planner
 * drags, intermediate positions are skipped instead of queueing up.
 */
export class LatestOnly<T> {
  private running = false;
  private next: (() => Promise<T>) | null = null;

  /** `onResult` learns whether a newer job is already waiting (so the page can stay "busy" until the last one). */
  constructor(
    private readonly onResult: (value: T, morePending: boolean) => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  submit(job: () => Promise<T>) {
    this.next = job;
    if (!this.running) void this.drain();
  }

  private async drain() {
    this.running = true;
    while (this.next) {
      const job = this.next;
      this.next = null;
      try {
        const value = await job();
        this.onResult(value, this.next !== null);
      } catch (e) {
        this.onError(e);
      }
    }
    this.running = false;
  }
}
