import { Unzip, UnzipInflate, unzipSync, zipSync } from "fflate";
import { counted } from "../plural";
import { FileProblem } from "./errors";
import { fileExt, fileStem } from "./text";

/** Limits on a zip archive (a zipped Shapefile or an XLSX workbook), checked before anything is inflated for use. */
export interface ArchiveLimits {
  /** Total uncompressed size, bytes, declared or actual. */
  maxExpandedBytes: number;
  /** Number of entries. */
  maxEntries: number;
}

/** 512 MiB expanded, 10,000 entries: well above any county's Shapefile or facility workbook (see docs/reliability.md). */
export const ARCHIVE_LIMITS: ArchiveLimits = { maxExpandedBytes: 512 * 1024 * 1024, maxEntries: 10_000 };

function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
}

/** A size for a message: bytes below 1 MiB, else MiB. */
function size(n: number): string {
  return n < 1024 * 1024 ? `${n} B` : `${mib(n)} MiB`;
}

function tooLarge(what: { zh: string; en: string }, limits: ArchiveLimits): FileProblem {
  return new FileProblem("archive-too-large", {
    zh: `压缩包解压后过大，拒绝读取：${what.zh}（上限 ${mib(limits.maxExpandedBytes)} MiB、${limits.maxEntries} 个文件）`,
    en: `the archive expands too far and was refused: ${what.en} (limit ${mib(limits.maxExpandedBytes)} MiB, ${limits.maxEntries} entries)`,
  });
}

/**
 * Refuses a zip whose declared expansion (central directory) or actual expansion (counted while inflating, nothing
 * kept) passes `limits`, or that inflates to more than it declares. Returns the names of entries with an unsafe path
 * (absolute, or with a ".." part) for a warning, and the names of all entries; nothing is ever extracted to disk, so
 * unsafe names can do no harm here.
 * Throws {@link FileProblem} ("archive-too-large") or the zip library's error for a damaged archive.
 */
export function checkArchive(
  data: Uint8Array,
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): { unsafeNames: string[]; names: string[] } {
  let declared = 0;
  let entries = 0;
  const unsafeNames: string[] = [];
  const names: string[] = [];
  unzipSync(data, {
    filter(f) {
      entries++;
      names.push(f.name);
      declared += f.originalSize;
      if (/^[\\/]|^[a-z]:|(^|[\\/])\.\.([\\/]|$)/i.test(f.name)) unsafeNames.push(f.name);
      return false;
    },
  });
  if (entries > limits.maxEntries)
    throw tooLarge({ zh: `含 ${entries} 个文件`, en: `it holds ${counted(entries, "entry", "entries")}` }, limits);
  if (declared > limits.maxExpandedBytes)
    throw tooLarge({ zh: `声明解压后 ${size(declared)}`, en: `it declares ${size(declared)} expanded` }, limits);
  // Count what the entries really inflate to; stop as soon as it passes the declared size or the limit.
  const cap = Math.min(limits.maxExpandedBytes, declared + 1024);
  let actual = 0;
  let over = false;
  const uz = new Unzip((file) => {
    file.ondata = (err, chunk) => {
      if (err || over) return;
      actual += chunk.length;
      if (actual > cap) {
        over = true;
        file.terminate();
      }
    };
    file.start();
  });
  uz.register(UnzipInflate);
  const step = 1 << 16;
  for (let i = 0; i < data.length && !over; i += step) uz.push(data.subarray(i, i + step), i + step >= data.length);
  if (over)
    throw tooLarge(
      {
        zh: `声明解压后 ${size(declared)}，实际超过 ${size(cap)}`,
        en: `it declares ${size(declared)} but inflates to more than ${size(cap)}`,
      },
      limits,
    );
  return { unsafeNames, names };
}

/** The files of a Shapefile set, by extension (lower case): the shapes, their index, attributes, CRS and code page. */
export const SHAPEFILE_PARTS: readonly string[] = ["shp", "shx", "dbf", "prj", "cpg"];

/**
 * A Shapefile given as loose files (chosen together in the app, or a `.shp` path on the command line whose siblings
 * are read from its folder) as the zip every Shapefile reader here takes: the `.shp` and each part of the same base
 * name (case-insensitive extension), stored uncompressed. A file of another name or kind is left out and named in
 * `ignored`. Null when no `.shp` is among the files, or when several are (which layer is meant cannot be told).
 * Read it with the `.shp`'s own name: {@link isShapefileSet} tells it from a real `.shp` (the GIS trial: a bare .shp
 * was refused with the advice to zip the set, which a planner without a zip tool cannot follow).
 */
export function shapefileSet(
  files: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
): { name: string; bytes: Uint8Array; parts: string[]; ignored: string[] } | null {
  const split = (name: string) => ({
    stem: fileStem(name),
    ext: fileExt(name),
    base: name.split(/[\\/]/).pop() ?? name,
  });
  const shps = files.filter((f) => split(f.name).ext === "shp");
  if (shps.length !== 1) return null;
  const stem = split(shps[0].name).stem;
  const entries: Record<string, Uint8Array> = {};
  const parts: string[] = [];
  const ignored: string[] = [];
  for (const f of files) {
    const s = split(f.name);
    if (s.stem === stem && SHAPEFILE_PARTS.includes(s.ext) && !(s.base in entries)) {
      entries[s.base] = f.bytes;
      parts.push(s.base);
    } else ignored.push(s.base);
  }
  return { name: split(shps[0].name).base, bytes: zipSync(entries, { level: 0 }), parts, ignored };
}

/** Whether bytes named `.shp` are a set made by {@link shapefileSet} (a zip) rather than a real `.shp` file. */
export function isShapefileSet(data: Uint8Array, fileName: string): boolean {
  return (
    /\.shp$/i.test(fileName) &&
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    data[2] === 3 &&
    data[3] === 4
  );
}
