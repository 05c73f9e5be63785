import { proxy } from "comlink";
import { useCallback, useEffect, useState } from "react";
import {
  type AnalysisReport,
  type CrsId,
  DEFAULT_SPEEDS,
  emptyFileIssue,
  type RowIssue,
  type SpeedTable,
} from "../../core";
import type { Decorated, RoadsLoaded } from "../../worker/api";
import type { CityData } from "../data";
import { analysisWorker } from "./analysis-client";

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
}

type Result = { current: Decorated; baseline: AnalysisReport };

/** A road layer's coordinate system as the Data tab offers it: "" reads WGS84 (or the .prj). */
export type RoadsCrs = "" | Extract<CrsId, "wgs84" | "gcj02" | "bd09">;

/**
 * Road file, speed table and population raster: files are read in the worker (large OSM extracts clipped to the city
 * while reading, with progress), and each change re-scores EMS-TIME and the coverage checks there. Nothing is
 * fetched: the planner brings the files. A new city starts without them.
 */
export function useTravel(
  data: CityData | null,
  apply: (r: Result) => void,
  onError: (m: string) => void,
): TravelState {
  const [roads, setRoads] = useState<RoadsLoaded | null>(null);
  const [roadIssues, setRoadIssues] = useState<RowIssue[]>([]);
  const [roadsCrs, setRoadsCrs] = useState<RoadsCrs>("");
  const [lastRoadFile, setLastRoadFile] = useState<File | null>(null);
  const [reading, setReading] = useState<TravelState["reading"]>(null);
  const [speeds, setSpeedsState] = useState<SpeedTable>(DEFAULT_SPEEDS);
  const [speedIssues, setSpeedIssues] = useState<RowIssue[]>([]);
  const [raster, setRaster] = useState<RasterLoaded | null>(null);
  const [rasterIssues, setRasterIssues] = useState<RowIssue[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new city drops the last one's roads and raster
  useEffect(() => {
    setRoads(null);
    setLastRoadFile(null);
    setRaster(null);
    setRasterIssues([]);
    setSpeedIssues([]);
  }, [data]);

  const readRoads = useCallback(
    (file: File, crs: RoadsCrs) => {
      void (async () => {
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const empty = emptyFileIssue(bytes, file.name);
          setRoadIssues(empty ? [empty] : []);
          if (empty) return;
          setReading({ phase: "parse", done: 0, total: bytes.length });
          const r = await analysisWorker().loadRoads(
            bytes,
            file.name,
            crs ? { crs } : {},
            proxy((p: { phase: string; done: number; total: number }) => setReading(p)),
          );
          // refused (no road with a usable speed, or an unreadable file): the reasons shown, the roads in use kept
          if (!r.ok) {
            setRoadIssues(r.issues);
            return;
          }
          setRoads(r.loaded);
          setLastRoadFile(file);
          apply(r);
        } catch (e) {
          onError(String(e));
        } finally {
          setReading(null);
        }
      })();
    },
    [apply, onError],
  );

  const onRoadFile = useCallback((file: File) => readRoads(file, roadsCrs), [readRoads, roadsCrs]);

  const onRereadRoads = useCallback(
    (crs: RoadsCrs) => {
      setRoadsCrs(crs);
      if (lastRoadFile) readRoads(lastRoadFile, crs);
    },
    [readRoads, lastRoadFile],
  );

  const onClearRoads = useCallback(() => {
    setRoads(null);
    setLastRoadFile(null);
    void analysisWorker()
      .clearRoads()
      .then(apply, (e) => onError(String(e)));
  }, [apply, onError]);

  const onSpeeds = useCallback(
    (next: SpeedTable) => {
      setSpeedsState(next);
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
    [apply, onError],
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
          const r = await analysisWorker().loadPopulationRaster(bytes, file.name);
          if (!r.ok) {
            setRasterIssues(r.errors);
            return;
          }
          setRasterIssues(r.issues);
          setRaster(r.raster);
          apply(r);
        } catch (e) {
          onError(String(e));
        }
      })();
    },
    [apply, onError],
  );

  const onClearRaster = useCallback(() => {
    setRaster(null);
    void analysisWorker()
      .clearPopulationRaster()
      .then(apply, (e) => onError(String(e)));
  }, [apply, onError]);

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
  };
}
