import { proxy } from "comlink";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type AnalysisReport,
  type CrsId,
  DEFAULT_SPEEDS,
  emptyFileIssue,
  normalizeCrs,
  PROJECT_EMBED_MAX_BYTES,
  type ProjectTravel,
  type RowIssue,
  type SpeedTable,
} from "../../core";
import type { Decorated, RoadsLoaded } from "../../worker/api";
import type { CityData } from "../data";
import { analysisWorker } from "./analysis-client";
import {
  fromBase64,
  type KeptFile,
  keepTravel,
  keptFile,
  loadKeptTravel,
  type NotKept,
  type TravelNotKept,
  toBase64,
} from "./travel-store";

/** A population raster read into the worker. */
export interface RasterLoaded {
  file: string;
  width: number;
  height: number;
  crsLabel: string;
}

/** Roads, speeds and population raster of the current city, as the Data tab shows and edits them. */
export interface TravelState {
  roads: RoadsLoaded | null;
  /** Why the last road file was not loaded (an empty file, no road with a usable speed); the roads in use stay. */
  roadIssues: RowIssue[];
  /** Reading progress of a road file (features or bytes). */
  reading: { phase: string; done: number; total: number } | null;
  speeds: SpeedTable;
  speedIssues: RowIssue[];
  raster: RasterLoaded | null;
  rasterIssues: RowIssue[];
  /** The coordinate system the next road file is read in ("": WGS84, or what a Shapefile's .prj says). */
  roadsCrs: RoadsCrs;
  onRoadsCrs: (crs: RoadsCrs) => void;
  /** Reads the road file in use again in `crs` (the convert offered beside a GCJ-02 / BD-09 warning). */
  onRereadRoads: (crs: RoadsCrs) => void;
  onRoadFile: (file: File) => void;
  onClearRoads: () => void;
  onSpeeds: (speeds: SpeedTable) => void;
  onRasterFile: (file: File) => void;
  onClearRaster: () => void;
  /** The file just loaded that the browser does not keep (too large, storage refused), with its size. */
  notKept: { [K in keyof TravelNotKept]?: { why: NotKept; size: number } };
  /**
   * Files recorded for the city (before a reload, or in a project opened) that are not in use: to be loaded again.
   * Each goes once loaded again or cleared.
   */
  missing: Array<{ kind: "roads" | "raster"; file: KeptFile }>;
  onDismissMissing: () => void;
  /** What a project file records of the city's roads, raster and speeds (small files embedded). */
  projectTravel: (cityId: string) => Promise<ProjectTravel | undefined>;
  /** Takes a project's record for its city (before the project's session is loaded): kept, then used. */
  openProjectTravel: (cityId: string, travel: ProjectTravel | undefined) => Promise<void>;
}

type Result = { current: Decorated; baseline: AnalysisReport };

/** A road layer's coordinate system as the Data tab offers it: "" reads WGS84 (or the .prj). */
export type RoadsCrs = "" | Extract<CrsId, "wgs84" | "gcj02" | "bd09">;

/** The Data tab's choice showing a kept or recorded road CRS: one of its own, else "" (the file's .prj, or WGS84). */
function roadsCrsOf(kept: string | undefined): RoadsCrs {
  const crs = kept ? normalizeCrs(kept) : undefined;
  return crs === "wgs84" || crs === "gcj02" || crs === "bd09" ? crs : "";
}

/**
 * The CRS a road file is kept (and a project records it) with: the one chosen in the Data tab (WGS84 chosen too, which
 * reads without the GCJ-02 / BD-09 check), else the file's own when not WGS84.
 */
function keptRoadsCrs(chosen: RoadsCrs, loaded: RoadsLoaded): string | undefined {
  return chosen || (loaded.crs === "wgs84" ? undefined : loaded.crs);
}

/**
 * Road file, speed table and population raster: files are read in the worker (large OSM extracts clipped to the city
 * while reading, with progress), and each change re-scores EMS-TIME and the coverage checks there. Nothing is
 * fetched: the planner brings the files. Each city's files and speeds are kept in the browser beside the session
 * (travel-store.ts) and used again once the city's first analysis is in (`ready`): after a reload, on coming back to
 * the city, after a project is opened. A file too large to keep is named, and the panel says it must be loaded again.
 */
export function useTravel(
  data: CityData | null,
  ready: boolean,
  apply: (r: Result) => void,
  onError: (m: string) => void,
): TravelState {
  const [roads, setRoads] = useState<RoadsLoaded | null>(null);
  const [roadIssues, setRoadIssues] = useState<RowIssue[]>([]);
  const [roadsCrs, setRoadsCrs] = useState<RoadsCrs>("");
  /** The road file in use, to be read again in another CRS (the convert beside a GCJ-02 / BD-09 warning). */
  const [lastRoad, setLastRoad] = useState<{ bytes: Uint8Array; fileName: string } | null>(null);
  const [reading, setReading] = useState<TravelState["reading"]>(null);
  const [speeds, setSpeedsState] = useState<SpeedTable>(DEFAULT_SPEEDS);
  const [speedIssues, setSpeedIssues] = useState<RowIssue[]>([]);
  const [raster, setRaster] = useState<RasterLoaded | null>(null);
  const [rasterIssues, setRasterIssues] = useState<RowIssue[]>([]);
  const [notKept, setNotKept] = useState<TravelState["notKept"]>({});
  const [missing, setMissing] = useState<TravelState["missing"]>([]);
  const cityId = data?.city.id;
  const cityNow = useRef(cityId);
  cityNow.current = cityId;
  const inUse = useRef({ roads, raster });
  inUse.current = { roads, raster };
  /** The city data whose kept files were last used, and how many times a project asked for them again. */
  const restoredFor = useRef<{ data: CityData; tick: number } | null>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new city drops the last one's roads and raster
  useEffect(() => {
    setRoads(null);
    setLastRoad(null);
    setRaster(null);
    setRasterIssues([]);
    setSpeedIssues([]);
    setNotKept({});
    setMissing([]);
  }, [data]);

  /** Keeps a change of the city's files; a file the browser does not keep is said at once. */
  const keep = useCallback((city: string, patch: Parameters<typeof keepTravel>[1]) => {
    void keepTravel(city, patch).then((r) => {
      if (cityNow.current !== city) return;
      setNotKept((prev) => {
        const next = { ...prev };
        for (const k of ["roads", "raster"] as const) {
          const f = patch[k];
          if (f === undefined) continue;
          const why = r[k];
          if (f && why) next[k] = { why, size: f.size };
          else delete next[k];
        }
        return next;
      });
    });
  }, []);

  /**
   * Reads road bytes in the worker, in `kept` when given (a choice in the Data tab, or a kept or recorded CRS; one this
   * build does not read is left to the file, its .prj). A refused file (no road with a usable speed, unreadable) gives
   * null, its reasons shown, and the roads in use stay.
   */
  const readRoads = useCallback(
    async (bytes: Uint8Array, fileName: string, kept?: string): Promise<RoadsLoaded | null> => {
      const crs = kept ? normalizeCrs(kept) : undefined;
      setReading({ phase: "parse", done: 0, total: bytes.length });
      try {
        const r = await analysisWorker().loadRoads(
          bytes,
          fileName,
          crs ? { crs } : {},
          proxy((p: { phase: string; done: number; total: number }) => setReading(p)),
        );
        if (!r.ok) {
          setRoadIssues(r.issues);
          return null;
        }
        setRoadIssues([]);
        setRoads(r.loaded);
        setLastRoad({ bytes, fileName });
        setMissing((m) => m.filter((x) => x.kind !== "roads"));
        apply(r);
        return r.loaded;
      } finally {
        setReading(null);
      }
    },
    [apply],
  );

  const readRaster = useCallback(
    async (bytes: Uint8Array, fileName: string) => {
      const r = await analysisWorker().loadPopulationRaster(bytes, fileName);
      if (!r.ok) {
        setRasterIssues(r.errors);
        return false;
      }
      setRasterIssues(r.issues);
      setRaster(r.raster);
      setMissing((m) => m.filter((x) => x.kind !== "raster"));
      apply(r);
      return true;
    },
    [apply],
  );

  /** Stops using the roads and/or the raster in the worker (not the kept files), the analysis following. */
  const dropInUse = useCallback(
    async (which: { roads: boolean; raster: boolean }) => {
      if (which.roads) {
        setRoads(null);
        setLastRoad(null);
        apply(await analysisWorker().clearRoads());
      }
      if (which.raster) {
        setRaster(null);
        apply(await analysisWorker().clearPopulationRaster());
      }
    },
    [apply],
  );

  // the city's kept files and speeds, once its first analysis is in the worker (a reload, a return to the city, a
  // project opened): each file kept is read again, in the CRS it was read in (a GCJ-02 file converted stays so, and
  // the road CRS choice shows it); one only named (too large, or a project's) is listed as missing
  useEffect(() => {
    if (!data || !ready) return;
    const last = restoredFor.current;
    if (last && last.data === data && last.tick === tick) return;
    restoredFor.current = { data, tick };
    const city = data.city.id;
    void (async () => {
      const kept = await loadKeptTravel(city);
      if (cityNow.current !== city) return;
      const gone: TravelState["missing"] = [];
      const usedRoads = inUse.current.roads?.file;
      const usedRaster = inUse.current.raster?.file;
      if (kept.roads) setRoadsCrs(roadsCrsOf(kept.roads.crs));
      try {
        // a project naming other roads or another raster, or none: those in use go first, before the speeds are set,
        // so that no travel time is computed on roads about to go (a project opened over loaded roads took 7 s to say
        // its files were missing: every county's travel times on the old roads, for the new speeds, then cleared)
        await dropInUse({
          roads: !kept.roads?.bytes && !!usedRoads && usedRoads !== kept.roads?.fileName,
          raster: !kept.raster?.bytes && !!usedRaster && usedRaster !== kept.raster?.fileName,
        });
        if (cityNow.current !== city) return;
        if (kept.speeds) {
          setSpeedsState(kept.speeds);
          const r = await analysisWorker().setSpeeds(kept.speeds);
          setSpeedIssues(r.issues);
          apply(r);
        }
        if (kept.roads?.bytes) {
          const loaded = await readRoads(kept.roads.bytes, kept.roads.fileName, kept.roads.crs).catch(() => null);
          if (!loaded) gone.push({ kind: "roads", file: { ...kept.roads, bytes: undefined, notKept: "storage" } });
        }
        // named only (too large to keep, a project's): listed to be loaded again, unless that file is in use here
        if (kept.roads && !kept.roads.bytes && usedRoads !== kept.roads.fileName)
          gone.push({ kind: "roads", file: kept.roads });
        if (cityNow.current !== city) return;
        if (kept.raster?.bytes) {
          const ok = await readRaster(kept.raster.bytes, kept.raster.fileName).catch(() => false);
          if (!ok) gone.push({ kind: "raster", file: { ...kept.raster, bytes: undefined, notKept: "storage" } });
        }
        if (kept.raster && !kept.raster.bytes && usedRaster !== kept.raster.fileName)
          gone.push({ kind: "raster", file: kept.raster });
      } catch (e) {
        onError(String(e));
      }
      if (cityNow.current === city) setMissing(gone);
    })();
  }, [data, ready, tick, apply, onError, readRoads, readRaster, dropInUse]);

  /** Reads road bytes in `crs` and, once in use, keeps them for the city with the CRS they were read in. */
  const loadRoads = useCallback(
    async (bytes: Uint8Array, fileName: string, crs: RoadsCrs) => {
      const city = cityNow.current;
      const loaded = await readRoads(bytes, fileName, crs || undefined);
      if (loaded && city) keep(city, { roads: keptFile(fileName, bytes, keptRoadsCrs(crs, loaded)) });
    },
    [keep, readRoads],
  );

  const onRoadFile = useCallback(
    (file: File) => {
      void (async () => {
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const empty = emptyFileIssue(bytes, file.name);
          setRoadIssues(empty ? [empty] : []);
          if (empty) return;
          await loadRoads(bytes, file.name, roadsCrs);
        } catch (e) {
          onError(String(e));
        }
      })();
    },
    [loadRoads, onError, roadsCrs],
  );

  const onRereadRoads = useCallback(
    (crs: RoadsCrs) => {
      setRoadsCrs(crs);
      if (lastRoad) loadRoads(lastRoad.bytes, lastRoad.fileName, crs).catch((e) => onError(String(e)));
    },
    [loadRoads, lastRoad, onError],
  );

  const onClearRoads = useCallback(() => {
    setRoads(null);
    setLastRoad(null);
    setMissing((m) => m.filter((x) => x.kind !== "roads"));
    if (cityNow.current) keep(cityNow.current, { roads: null });
    void analysisWorker()
      .clearRoads()
      .then(apply, (e) => onError(String(e)));
  }, [apply, keep, onError]);

  const onSpeeds = useCallback(
    (next: SpeedTable) => {
      setSpeedsState(next);
      if (cityNow.current) keep(cityNow.current, { speeds: next });
      void analysisWorker()
        .setSpeeds(next)
        .then(
          (r) => {
            setSpeedIssues(r.issues);
            apply(r);
          },
          (e) => onError(String(e)),
        );
    },
    [apply, keep, onError],
  );

  const onRasterFile = useCallback(
    (file: File) => {
      void (async () => {
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const empty = emptyFileIssue(bytes, file.name);
          if (empty) {
            setRasterIssues([empty]);
            return;
          }
          const city = cityNow.current;
          if ((await readRaster(bytes, file.name)) && city) keep(city, { raster: keptFile(file.name, bytes) });
        } catch (e) {
          onError(String(e));
        }
      })();
    },
    [keep, onError, readRaster],
  );

  const onClearRaster = useCallback(() => {
    setRaster(null);
    setMissing((m) => m.filter((x) => x.kind !== "raster"));
    if (cityNow.current) keep(cityNow.current, { raster: null });
    void analysisWorker()
      .clearPopulationRaster()
      .then(apply, (e) => onError(String(e)));
  }, [apply, keep, onError]);

  const onDismissMissing = useCallback(() => setMissing([]), []);

  const projectTravel = useCallback(async (city: string): Promise<ProjectTravel | undefined> => {
    const kept = await loadKeptTravel(city);
    const now = city === cityNow.current ? inUse.current : { roads: null, raster: null };
    const entry = (k: "roads" | "raster", name: string | undefined) => {
      const f = kept[k];
      const fileName = name ?? f?.fileName;
      if (!fileName) return undefined;
      const same = f && f.fileName === fileName ? f : undefined;
      return {
        fileName,
        ...(same ? { size: same.size } : {}),
        ...(same?.crs ? { crs: same.crs } : {}),
        ...(same?.bytes && same.bytes.length <= PROJECT_EMBED_MAX_BYTES ? { data: toBase64(same.bytes) } : {}),
      };
    };
    const r = entry("roads", now.roads?.file);
    const p = entry("raster", now.raster?.file);
    const travel: ProjectTravel = {
      ...(r ? { roads: r } : {}),
      ...(p ? { raster: p } : {}),
      ...(kept.speeds ? { speeds: kept.speeds } : {}),
    };
    return Object.keys(travel).length ? travel : undefined;
  }, []);

  const openProjectTravel = useCallback(
    async (city: string, travel: ProjectTravel | undefined) => {
      // a project saved before files were recorded says nothing of them: the roads and raster in use stay
      if (!travel) return;
      const kept = await loadKeptTravel(city);
      const fromProject = (k: "roads" | "raster"): KeptFile | null => {
        const f = travel[k];
        if (!f) return null;
        if (f.data) {
          try {
            return keptFile(f.fileName, fromBase64(f.data), f.crs);
          } catch {
            // not readable: named only, as a larger file is
          }
        }
        // the same file already kept here (the planner's own project opened again) is used as it is
        const here = kept[k];
        if (here?.bytes && here.fileName === f.fileName) return here;
        return { fileName: f.fileName, size: f.size ?? 0, ...(f.crs ? { crs: f.crs } : {}), notKept: "project" };
      };
      const roadsNext = fromProject("roads");
      const rasterNext = fromProject("raster");
      await keepTravel(city, { roads: roadsNext, raster: rasterNext, speeds: travel.speeds ?? null });
      // the roads or raster in use that the project does not carry (another file, one named only, or none) go now,
      // before the project's session is analysed: else its first analysis computed every county's travel times on
      // them, only to clear them after (a project opened over loaded roads took 7 s to say its files were missing)
      if (city === cityNow.current) {
        const stays = (next: KeptFile | null, used: string | undefined) =>
          !used || (!!next?.bytes && next.fileName === used);
        await dropInUse({
          roads: !stays(roadsNext, inUse.current.roads?.file),
          raster: !stays(rasterNext, inUse.current.raster?.file),
        });
      }
      if (!travel.speeds) {
        setSpeedsState(DEFAULT_SPEEDS);
        void analysisWorker()
          .setSpeeds(null)
          .then(apply, () => {});
      }
      setTick((t) => t + 1);
    },
    [apply, dropInUse],
  );

  return {
    roads,
    roadIssues,
    roadsCrs,
    onRoadsCrs: setRoadsCrs,
    onRereadRoads,
    reading,
    speeds,
    speedIssues,
    raster,
    rasterIssues,
    onRoadFile,
    onClearRoads,
    onSpeeds,
    onRasterFile,
    onClearRaster,
    notKept,
    missing,
    onDismissMissing,
    projectTravel,
    openProjectTravel,
  };
}
