import { promisifyRequest } from "idb-keyval";
import type { ColumnMapping, CrsId, TypeOverrides } from "../../core";
import { PENDING_IMPORT_KEY, sessionDb } from "./store";
import { KEEP_MAX_BYTES } from "./travel-store";

/**
 * A facility file chosen on the Data tab and not yet used (使用) or cancelled, as kept for a reload: the city it was
 * read in, the file, and the planner's choices on it (the coordinate system, the column mapping, the types set by hand,
 * the rows ticked 剔除). The trial of s46-a: a reload before 使用 lost the preview, the GCJ-02 choice and the ticks,
 * without a word. A file over {@link KEEP_MAX_BYTES} is kept by name only (`bytes` absent), and said after a reload.
 */
export interface KeptPending {
  cityId: string;
  fileName: string;
  bytes?: Uint8Array;
  crs?: CrsId;
  mapping?: Partial<ColumnMapping>;
  typeOverrides?: TypeOverrides;
  /** The workbook's sheet chosen (the first when absent). */
  sheet?: string;
  /** To be appended to the list in use (追加到当前清单), not to replace it. */
  append?: boolean;
  drop: number[];
}

/** A stored value as a {@link KeptPending}, or undefined when it is not one (an older build, a hand-edited store). */
export function readKeptPending(v: unknown): KeptPending | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const k = v as Partial<KeptPending>;
  if (typeof k.cityId !== "string" || k.cityId === "" || typeof k.fileName !== "string" || k.fileName === "")
    return undefined;
  const plain = (x: unknown) => typeof x === "object" && x !== null && !Array.isArray(x);
  return {
    cityId: k.cityId,
    fileName: k.fileName,
    ...(k.bytes instanceof Uint8Array ? { bytes: k.bytes } : {}),
    ...(typeof k.crs === "string" && k.crs ? { crs: k.crs } : {}),
    ...(plain(k.mapping) ? { mapping: k.mapping } : {}),
    ...(plain(k.typeOverrides) ? { typeOverrides: k.typeOverrides } : {}),
    ...(typeof k.sheet === "string" && k.sheet ? { sheet: k.sheet } : {}),
    ...(k.append === true ? { append: true } : {}),
    drop: Array.isArray(k.drop) ? k.drop.filter((r): r is number => Number.isInteger(r) && r > 0) : [],
  };
}

/** Where the pending file's bytes are kept, apart from its choices: a tick of 剔除 does not write the file again. */
const BYTES_KEY = `${PENDING_IMPORT_KEY}:bytes`;

/** The pending import kept by the last page, if any (undefined when none, or storage cannot be read). */
export async function loadKeptPending(): Promise<KeptPending | undefined> {
  try {
    const [meta, bytes] = await sessionDb()("readonly", (store) =>
      Promise.all([promisifyRequest(store.get(PENDING_IMPORT_KEY)), promisifyRequest(store.get(BYTES_KEY))]),
    );
    return readKeptPending(typeof meta === "object" && meta !== null ? { ...meta, bytes } : meta);
  } catch {
    return undefined;
  }
}

/** The bytes last written under {@link BYTES_KEY} (by identity): the same file's choices change, not its bytes. */
let keptBytes: Uint8Array | null = null;

/**
 * Keeps the pending import for a reload (its bytes only up to {@link KEEP_MAX_BYTES}, written once per file), or
 * forgets it (`null`: used, cancelled, or none). Storage refused: not kept, as a reload then finds none.
 */
export function keepPending(p: KeptPending | null): Promise<void> {
  // one write after another, the last choice last: a 剔除 tick's write is not overtaken by an earlier one
  lastKeep = lastKeep.then(() => writePending(p));
  return lastKeep;
}

/**
 * Resolves when every pending-import write asked for so far is in IndexedDB (the test hook's `__hfpWhenSaved` waits
 * for it beside the session's: a reload straight after a 剔除 tick found the tick unsaved in one whole browser run).
 */
export function whenPendingKept(): Promise<void> {
  return lastKeep;
}

let lastKeep: Promise<void> = Promise.resolve();

async function writePending(p: KeptPending | null): Promise<void> {
  try {
    await sessionDb()("readwrite", (store) => {
      if (!p) {
        store.delete(PENDING_IMPORT_KEY);
        store.delete(BYTES_KEY);
        keptBytes = null;
      } else {
        const { bytes, ...rest } = p;
        store.put(rest, PENDING_IMPORT_KEY);
        const keep = bytes && bytes.length <= KEEP_MAX_BYTES ? bytes : null;
        if (keep !== keptBytes) {
          if (keep) store.put(keep, BYTES_KEY);
          else store.delete(BYTES_KEY);
          keptBytes = keep;
        }
      }
      return promisifyRequest(store.transaction);
    });
  } catch {
    // storage disabled or full: the pending import is simply not kept
    keptBytes = null;
  }
}
