import { promisifyRequest } from "idb-keyval";
import { MAX_SPEED_KMH, type SpeedTable } from "../../core";
import { sessionDb, TRAVEL_KEY } from "./store";

/**
 * Largest road file or raster kept in the browser for a reload: 64 MiB each. A 50,000-segment road file is 10–20 MB,
 * a county's clipped WorldPop raster a few MB; a province's OSM extract or a national raster can be hundreds, which
 * the browser's quota may refuse and which would slow every page start. A larger file is named, with its size, and
 * the panel says at once that it has to be loaded again after a reload.
 */
export const KEEP_MAX_BYTES = 64 * 1024 * 1024;

/** Why a file the planner loaded is not in the browser's storage (it has to be loaded again). */
export type NotKept =
  /** Over {@link KEEP_MAX_BYTES}. */
  | "too-large"
  /** The browser refused to store it (quota, private mode). */
  | "storage"
  /** A project file opened names it without carrying it. */
  | "project";

/** A road file or population raster as kept: its name and size, and its bytes unless `notKept` says why not. */
export interface KeptFile {
  fileName: string;
  size: number;
  /**
   * The coordinate system a road file was read in: the one chosen in the Data tab (GCJ-02, BD-09, WGS84), else its
   * .prj's when not WGS84. It is read in it again after a reload.
   */
  crs?: string;
  bytes?: Uint8Array;
  notKept?: NotKept;
}

/** A city's road file, raster and speed table, kept beside the session so that a reload uses them again. */
export interface KeptTravel {
  roads?: KeptFile;
  raster?: KeptFile;
  /** The speed table as edited (absent: the defaults). */
  speeds?: SpeedTable;
}

/** Every city's {@link KeptTravel}, as stored under {@link TRAVEL_KEY}. */
type Stored = Record<string, KeptTravel | undefined>;

/** The file as it is kept: with its bytes when at most {@link KEEP_MAX_BYTES}, else named, with its size, only. */
export function keptFile(fileName: string, bytes: Uint8Array, crs?: string): KeptFile {
  const base = { fileName, size: bytes.length, ...(crs ? { crs } : {}) };
  return bytes.length > KEEP_MAX_BYTES ? { ...base, notKept: "too-large" } : { ...base, bytes };
}

function validFile(v: unknown): KeptFile | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const f = v as Partial<KeptFile>;
  if (typeof f.fileName !== "string" || f.fileName === "" || typeof f.size !== "number") return undefined;
  const bytes = f.bytes instanceof Uint8Array ? f.bytes : undefined;
  const notKept = f.notKept === "too-large" || f.notKept === "storage" || f.notKept === "project" ? f.notKept : null;
  if (!bytes && !notKept) return undefined;
  return {
    fileName: f.fileName,
    size: f.size,
    ...(typeof f.crs === "string" && f.crs ? { crs: f.crs } : {}),
    ...(bytes ? { bytes } : { notKept: notKept ?? "storage" }),
  };
}

function validSpeeds(v: unknown): SpeedTable | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const s = v as Partial<SpeedTable>;
  const ok = (x: unknown) => typeof x === "number" && Number.isFinite(x) && x > 0 && x <= MAX_SPEED_KMH;
  if (!ok(s.offroadKmh) || typeof s.classes !== "object" || s.classes === null) return undefined;
  if (!Object.values(s.classes).every(ok)) return undefined;
  return { classes: { ...s.classes }, offroadKmh: s.offroadKmh as number };
}

/**
 * What a stored value holds for `cityId`, each part checked: a part of the wrong shape (an older build, a hand-edited
 * store) is left out, never loaded.
 */
export function readKeptTravel(stored: unknown, cityId: string): KeptTravel {
  if (typeof stored !== "object" || stored === null) return {};
  const v = (stored as Stored)[cityId];
  if (typeof v !== "object" || v === null) return {};
  const roads = validFile(v.roads);
  const raster = validFile(v.raster);
  const speeds = validSpeeds(v.speeds);
  return { ...(roads ? { roads } : {}), ...(raster ? { raster } : {}), ...(speeds ? { speeds } : {}) };
}

/** The road file, raster and speeds kept for `cityId` ({} when none, or storage cannot be read). */
export async function loadKeptTravel(cityId: string): Promise<KeptTravel> {
  try {
    const stored = await sessionDb()("readonly", (store) => promisifyRequest(store.get(TRAVEL_KEY)));
    return readKeptTravel(stored, cityId);
  } catch {
    return {};
  }
}

/** A change to a city's kept travel inputs: a part given replaces it, `null` removes it, absent leaves it. */
export type TravelPatch = { [K in keyof KeptTravel]?: KeptTravel[K] | null };

function patched(prev: KeptTravel, patch: TravelPatch): KeptTravel {
  const next: KeptTravel = { ...prev };
  for (const k of ["roads", "raster", "speeds"] as const) {
    const v = patch[k];
    if (v === null) delete next[k];
    else if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  return next;
}

function write(cityId: string, patch: TravelPatch): Promise<void> {
  return sessionDb()("readwrite", (store) => {
    const done = promisifyRequest(store.transaction);
    const req = store.get(TRAVEL_KEY);
    req.onsuccess = () => {
      const all: Stored = typeof req.result === "object" && req.result !== null ? { ...req.result } : {};
      const next = patched(all[cityId] ?? {}, patch);
      all[cityId] = Object.keys(next).length ? next : undefined;
      store.put(all, TRAVEL_KEY);
    };
    return done;
  });
}

/** Which of a patch's files are not kept, and why. */
function notKeptIn(patch: TravelPatch): TravelNotKept {
  const out: TravelNotKept = {};
  for (const k of ["roads", "raster"] as const) {
    const why = patch[k]?.notKept;
    if (why) out[k] = why;
  }
  return out;
}

/** Which of the files just handed to {@link keepTravel} are not kept, and why. */
export type TravelNotKept = { roads?: NotKept; raster?: NotKept };

/**
 * Changes what is kept for `cityId` (one transaction: the other cities' files stay). A write the browser refuses
 * (quota) is tried again with each new file named only, marked `storage`; the answer says which files were not kept,
 * so that the panel can say so at once.
 */
export async function keepTravel(cityId: string, patch: TravelPatch): Promise<TravelNotKept> {
  try {
    await write(cityId, patch);
    return notKeptIn(patch);
  } catch {
    const named: TravelPatch = { ...patch };
    for (const k of ["roads", "raster"] as const) {
      const f = patch[k];
      if (f?.bytes) {
        const { bytes: _b, ...rest } = f;
        named[k] = { ...rest, notKept: "storage" };
      }
    }
    try {
      await write(cityId, named);
    } catch {
      // storage refuses every write: nothing is kept
    }
    return notKeptIn(named);
  }
}

/** Bytes as base64 (a project file carries a small road file or raster so). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The bytes of base64 text (throws on text that is not base64). */
export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A size in MB as the panel says it: one decimal below 10 MB. */
export function megabytes(size: number): string {
  const mb = size / 1024 / 1024;
  return mb < 10 ? mb.toFixed(1) : String(Math.round(mb));
}
