import { proxy } from "comlink";
import { useCallback, useEffect, useState } from "react";
import { type AnalysisReport, DEFAULT_SPEEDS, emptyFileIssue, type RowIssue, type SpeedTable } from "../../core";
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
  onRoadFile: (file: File) => void;
  onClearRoads: () => void;
  onSpeeds: (speeds: SpeedTable) => void;
  onRasterFile: (file: File) => void;
  onClearRaster: () => void;
}

type Result = { current: Decorated; baseline: AnalysisReport };

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
  const [reading, setReading] = useState<TravelState["reading"]>(null);
  const [speeds, setSpeedsState] = useState<SpeedTable>(DEFAULT_SPEEDS);
  const [speedIssues, setSpeedIssues] = useState<RowIssue[]>([]);
  const [raster, setRaster] = useState<RasterLoaded | null>(null);
  const [rasterIssues, setRasterIssues] = useState<RowIssue[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new city drops the last one's roads and raster
  useEffect(() => {
    setRoads(null);
    setRaster(null);
    setRasterIssues([]);
    setSpeedIssues([]);
  }, [data]);

  const onRoadFile = useCallback(
    (file: File) => {
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
            {},
            proxy((p: { phase: string; done: number; total: number }) => setReading(p)),
          );
          // refused (no road with a usable speed, or an unreadable file): the reasons shown, the roads in use kept
          if (!r.ok) {
            setRoadIssues(r.issues);
            return;
          }
          setRoads(r.loaded);
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

  const onClearRoads = useCallback(() => {
    setRoads(null);
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
          setRasterIssues([]);
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
