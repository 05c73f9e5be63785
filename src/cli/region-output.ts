import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "./common";
import { lockOutDir } from "./output";

/** Bytes gathered before a write to disk: lines are buffered, never the whole file. */
const FLUSH_BYTES = 1 << 20;

interface Stream {
  fd: number;
  temp: string;
  parts: string[];
  pending: number;
  lines: number;
  bytes: number;
}

/**
 * A set of output files written as streams under temporary names in the output directory, flushed to disk and
 * renamed to their names together at the end, so a run that fails leaves the previous set as it was (and no
 * half-written file under an output's name); DIR's run lock is held meanwhile, as by every command's output set
 * (./output.ts). Lines are JSON, one per record (NDJSON, GeoJSON text sequences with one feature per line).
 */
export class OutputSet {
  private readonly streams = new Map<string, Stream>();
  private done = false;

  private constructor(
    private readonly dir: string,
    names: readonly string[],
    private readonly release: () => void,
  ) {
    const tag = `${process.pid}-${Date.now().toString(36)}`;
    for (const name of names) {
      const temp = join(dir, `.${name}.${tag}.tmp`);
      this.streams.set(name, { fd: openSync(temp, "w"), temp, parts: [], pending: 0, lines: 0, bytes: 0 });
    }
  }

  /**
   * Creates DIR if needed, takes its run lock (a second run into DIR is refused) and opens a temporary file for each
   * name; a DIR that cannot be used is bad input naming it.
   */
  static open(dir: string, names: readonly string[]): OutputSet {
    const release = lockOutDir(dir);
    try {
      return new OutputSet(dir, names, release);
    } catch (e) {
      release();
      throw new InputError([
        `--out ${dir}: 无法写入输出目录 / cannot write the output directory: ${(e as Error).message}`,
      ]);
    }
  }

  private stream(name: string): Stream {
    const s = this.streams.get(name);
    if (!s || this.done) throw new Error(`output ${name} is not open`);
    return s;
  }

  private flush(s: Stream): void {
    if (s.parts.length === 0) return;
    writeSync(s.fd, s.parts.join(""));
    s.parts = [];
    s.pending = 0;
  }

  /** Appends one record as a line of JSON. */
  line(name: string, record: unknown): void {
    const s = this.stream(name);
    const text = `${JSON.stringify(record)}\n`;
    s.parts.push(text);
    s.pending += text.length;
    s.lines++;
    s.bytes += Buffer.byteLength(text);
    if (s.pending >= FLUSH_BYTES) this.flush(s);
  }

  /** Writes a whole (small) file's text or bytes. */
  whole(name: string, data: string | Uint8Array): void {
    const s = this.stream(name);
    this.flush(s);
    if (typeof data === "string") {
      s.parts.push(data);
      s.bytes += Buffer.byteLength(data);
      this.flush(s);
    } else {
      writeSync(s.fd, data);
      s.bytes += data.byteLength;
    }
  }

  /** Lines and bytes written so far to each output. */
  counts(): Record<string, { lines: number; bytes: number }> {
    const out: Record<string, { lines: number; bytes: number }> = {};
    for (const [name, s] of this.streams) out[name] = { lines: s.lines, bytes: s.bytes };
    return out;
  }

  /** Flushes every file to disk and closes it, then renames each temporary file to its name and releases DIR. */
  commit(): void {
    for (const s of this.streams.values()) {
      this.flush(s);
      fsyncSync(s.fd);
      closeSync(s.fd);
    }
    for (const [name, s] of this.streams) renameSync(s.temp, join(this.dir, name));
    this.done = true;
    this.release();
  }

  /** Closes and removes the temporary files (after a failure) and releases DIR; the previous outputs stay. */
  abort(): void {
    if (this.done) return;
    for (const s of this.streams.values()) {
      try {
        closeSync(s.fd);
      } catch {}
      rmSync(s.temp, { force: true });
    }
    this.done = true;
    this.release();
  }
}
