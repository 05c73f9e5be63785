import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { counted, exportIssuesCsv, type RowIssue } from "../core";
import { capLines, InputError, MAX_ERRORS_SHOWN, warningLines } from "./common";

/** One file of an output set: its name inside DIR and its contents (text, or bytes such as a .docx). */
export interface OutputFile {
  name: string;
  data: string | Uint8Array;
}

/** Name of the file, in every command's output set, that lists every rejected or doubtful row. */
export const REJECTED_FILE = "rejected.csv";

/** DIR/rejected.csv of an output set: every issue of the inputs (the header alone when there is none). */
export function rejectedFile(issues: readonly RowIssue[]): OutputFile {
  // file by file in the order first met, each file's rows in order (a regional run notes them city by city: the GIS
  // trial found its rejected.csv out of row order)
  const fileOrder = new Map<string, number>();
  for (const i of issues) if (!fileOrder.has(i.file)) fileOrder.set(i.file, fileOrder.size);
  const sorted = [...issues].sort(
    (a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.row - b.row,
  );
  return { name: REJECTED_FILE, data: exportIssuesCsv(sorted) };
}

/**
 * What a command prints about its inputs' issues: the first warnings, the first {@link MAX_ERRORS_SHOWN} error lines
 * and, past that, a count pointing to DIR/rejected.csv, where the full list is. Never spreads a list into a call, so
 * any number of issues is fine.
 */
export function issueLines(dir: string, warnings: readonly string[], errorLines: readonly string[]): string[] {
  const rejectedCsv = join(dir, REJECTED_FILE);
  const lines = warningLines(warnings, rejectedCsv);
  for (const l of capLines(errorLines, MAX_ERRORS_SHOWN, rejectedCsv)) lines.push(l);
  if (errorLines.length > MAX_ERRORS_SHOWN)
    lines.push(
      `[错误 error] 共 ${errorLines.length} 条错误，见 ${rejectedCsv} / ${counted(errorLines.length, "error", "errors")} in all, listed in ${rejectedCsv}`,
    );
  return lines;
}

/** The "written" line of an output set: the first file with its path, then the others' names. */
export function writtenLine(dir: string, files: readonly OutputFile[]): string {
  return `已写入 written: ${files.map((f, i) => (i === 0 ? join(dir, f.name) : f.name)).join(", ")}`;
}

/** Lock file that marks a run writing into DIR (holds the writer's process id). */
export const LOCK_NAME = ".hfp-run.lock";

function explain(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: "磁盘已满 / no space left on the disk",
    EDQUOT: "超出磁盘配额 / disk quota exceeded",
    EACCES: "没有写权限 / permission denied",
    EPERM: "不允许写入 / operation not permitted",
    EROFS: "只读文件系统 / read-only file system",
    ENOENT: "路径不存在 / no such directory",
    ENOTDIR: "路径中有一段是文件而不是目录 / a part of the path is a file, not a directory",
    EEXIST: "已存在 / already exists",
  };
  return err?.code && why[err.code] ? `${why[err.code]} (${err.code})` : String(err?.message ?? e);
}

/**
 * Checks `--out DIR` before anything is read or analysed, without creating it: DIR must be a directory if it exists,
 * and otherwise its nearest existing ancestor must be a writable directory. Throws InputError naming DIR.
 */
export function checkOutDir(dir: string): void {
  const abs = resolve(dir);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory())
      throw new InputError([`--out ${dir}: 已存在且是文件，不是目录 / exists and is a file, not a directory`]);
    try {
      accessSync(abs, constants.W_OK);
    } catch (e) {
      throw new InputError([`--out ${dir}: 无法写入 / cannot be written: ${explain(e)}`]);
    }
    return;
  }
  let up = dirname(abs);
  while (!existsSync(up) && dirname(up) !== up) up = dirname(up);
  if (!statSync(up).isDirectory())
    throw new InputError([`--out ${dir}: ${up} 是文件，无法在其下建目录 / is a file; cannot create a directory in it`]);
  try {
    accessSync(up, constants.W_OK);
  } catch (e) {
    throw new InputError([`--out ${dir}: 无法在 ${up} 下创建 / cannot be created in ${up}: ${explain(e)}`]);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Creates DIR and takes its run lock, so that two runs never write into one DIR at once. A lock left by a run that
 * is no longer alive is taken over. Returns the function that releases it. Throws InputError naming DIR (and the
 * other run's process id) when it cannot.
 */
export function lockOutDir(dir: string): () => void {
  // the directories this run creates: left empty (a run refused after the lock, 「未写入任何结果」), they go again on
  // release (the re-trial: a refused run left an empty folder behind)
  const missing: string[] = [];
  try {
    // level by level: a recursive mkdir never returns for some paths (under /proc, in Node 20)
    for (let d = resolve(dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
    for (const d of missing) mkdirSync(d);
  } catch (e) {
    throw new InputError([`--out ${dir}: 无法创建目录 / cannot create the directory: ${explain(e)}`]);
  }
  const lock = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lock);
        } catch {
          // already gone
        }
        for (const d of [...missing].reverse()) {
          try {
            rmdirSync(d);
          } catch {
            break; // not empty: the run wrote into it
          }
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST")
        throw new InputError([`--out ${dir}: 无法写入 / cannot be written: ${explain(e)}`]);
      const pid = Number(readFileSync(lock, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new InputError([
          `--out ${dir}: 另一个运行（进程 ${pid}）正在写入该目录，请换一个目录或等它结束 / another run (process ${pid}) is writing into this directory; use another or wait for it to finish`,
        ]);
      unlinkSync(lock); // left by a run that ended without releasing it
    }
  }
  throw new InputError([`--out ${dir}: 无法取得目录锁 / cannot lock the directory`]);
}

/** File operations used by {@link writeOutputSet} (replaceable in tests). */
export interface OutputIo {
  writeFile(path: string, data: string | Uint8Array): void;
}

const nodeIo: OutputIo = {
  writeFile(path, data) {
    const fd = openSync(path, "w");
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
};

/**
 * Writes an output set as one: every file first to a temporary name in DIR (written and flushed to disk), and only
 * when all are written are they renamed over the final names. A write error (disk full, no permission) removes the
 * temporary files, leaves the previous set untouched and throws InputError naming the file.
 */
export function writeOutputSet(dir: string, files: OutputFile[], io: OutputIo = nodeIo): void {
  const temps: string[] = [];
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  try {
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.${tag}.tmp`);
      temps.push(tmp);
      io.writeFile(tmp, f.data);
    }
  } catch (e) {
    for (const t of temps) {
      try {
        unlinkSync(t);
      } catch {
        // not created
      }
    }
    const failed = files[temps.length - 1]?.name ?? "";
    throw new InputError([
      `${join(dir, failed)}: 写入失败，未改动原有结果 / could not be written, the previous results are untouched: ${explain(e)}`,
    ]);
  }
  files.forEach((f, i) => {
    renameSync(temps[i], join(dir, f.name));
  });
}

/**
 * Produces an output set and writes it as one into DIR under DIR's run lock (see {@link lockOutDir} and
 * {@link writeOutputSet}): `produce` runs with the lock held, so a second run into the same DIR is refused before it
 * does the work. Returns the value `produce` gave with the files.
 */
export async function withOutputSet<T>(
  dir: string,
  produce: () => Promise<{ files: OutputFile[]; value: T }> | { files: OutputFile[]; value: T },
): Promise<T> {
  const release = lockOutDir(dir);
  try {
    const { files, value } = await produce();
    writeOutputSet(dir, files);
    return value;
  } finally {
    release();
  }
}
