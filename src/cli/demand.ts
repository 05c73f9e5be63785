import { basename } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CountyProps, DemandPoint, RowIssue } from "../core";
import { parseDemandFile } from "../core";
import { type Crs, formatIssue, InputError, readBytes } from "./common";

/** Demand points read from a file, with the issue lines that go with them. */
export interface DemandFileResult {
  /** Good points, WGS84 degrees; weight defaults to 1. */
  points: DemandPoint[];
  /** Rows (CSV) or features (GeoJSON) rejected with at least one error. */
  rejected: number;
  /** Data rows or features in the file. */
  total: number;
  /** One line per error (file, row, field). */
  errorLines: string[];
  /** Warning lines (e.g. points outside every county). */
  warnings: string[];
  /** The issues themselves (errors and warnings), for DIR/rejected.csv. */
  issues: RowIssue[];
}

/**
 * Reads demand points (see `parseDemandFile` in core/io) from a file for the CLI. Throws InputError if the file
 * cannot be read or has no coordinate columns; bad rows become error lines naming file, row and field.
 */
export function readDemandFile(
  path: string,
  crs: Crs | undefined,
  counties: FeatureCollection<Polygon | MultiPolygon, CountyProps>,
): DemandFileResult {
  const r = parseDemandFile(readBytes(path, { zh: "需求点文件", en: "demand point file" }), basename(path), {
    crs: crs ?? "wgs84",
    counties,
  });
  const whole = r.issues.filter((i) => i.severity === "error" && i.row === 0);
  if (whole.length) throw new InputError(whole.map(formatIssue));
  return {
    points: r.points,
    rejected: r.rejected,
    total: r.total,
    errorLines: r.issues.filter((i) => i.severity === "error").map(formatIssue),
    warnings: r.issues.filter((i) => i.severity === "warning").map(formatIssue),
    issues: r.issues,
  };
}
