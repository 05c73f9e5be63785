import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { Facility, FacilityType, RejectedFacility } from "../model";
import type { Divisions } from "../rules/types";
import type { UnitNameCells } from "./unit-names";

/** A bilingual message. */
export interface Message {
  zh: string;
  en: string;
}

/**
 * Coordinate reference system of input or output coordinates.
 * - "wgs84": WGS84 / CGCS2000 (EPSG:4490) longitude, latitude in degrees (the two differ by < 0.1 mm here).
 * - "gcj02": the Chinese obfuscated datum used by Amap / Tencent / Google China (degrees).
 * - "bd09": Baidu's datum (degrees).
 * - "EPSG:4513".."EPSG:4533": CGCS2000 3-degree Gauss–Krüger zones 25–45, easting prefixed by the zone number (metres).
 * - "EPSG:4534".."EPSG:4554": CGCS2000 3-degree Gauss–Krüger CM 75°E–135°E, easting without zone prefix (metres).
 * - "EPSG:32601".."EPSG:32660": WGS84 / UTM north zones (metres).
 */
export type CrsId = "wgs84" | "gcj02" | "bd09" | `EPSG:${number}`;

/** One problem found in an input file. */
export interface RowIssue {
  /** File name as given by the caller. */
  file: string;
  /**
   * Row number as a spreadsheet shows it: for CSV/XLSX the header is row 1 and the first data row is row 2
   * (records, not physical lines, when a quoted cell spans lines). For GeoJSON, KML and Shapefile it is the
   * 1-based feature index. 0 means the whole file.
   */
  row: number;
  /** Column header (or property name / logical field such as "lon") the issue is about; "" for the whole row. */
  field: string;
  /** The offending cell text, if any. */
  value?: string;
  message: Message;
  /**
   * "error": the row is not imported. "warning": the row is imported, possibly corrected (【存疑】). "note": the row is
   * imported as the user said (a type chosen by hand), kept in the list so that the choice stays in view.
   */
  severity: "error" | "warning" | "note";
  /** Stable machine code, e.g. "missing-coordinate", "not-a-number", "out-of-range", "unknown-type", "swapped-lat-lon". */
  code: string;
}

/** Which input column (header text or property name) feeds each facility field; undefined = not present. */
export interface ColumnMapping {
  id?: string;
  name?: string;
  type?: string;
  lon?: string;
  lat?: string;
  county?: string;
  township?: string;
  village?: string;
  /**
   * A statistical division code column (行政区划代码, 区划代码, 统计用区划代码, 代码): per row a 12-digit village, 9-digit
   * township or 6-digit county code, used where the row's own county, township and village columns give no code, and
   * checked against their names.
   */
  unitCode?: string;
  beds?: string;
  /** Infectious-disease treatment beds (传染病床位, 002:209). */
  infectiousBeds?: string;
  /** Staff: 执业（助理）医师, 注册护士, 药师（士）, 全科医生 (persons). */
  doctors?: string;
  nurses?: string;
  pharmacists?: string;
  gps?: string;
  /** Codes of the administrative villages a (shared) village clinic serves (服务行政村, 003:219). */
  servesVillages?: string;
  grade?: string;
  ownership?: string;
  hospitalKind?: string;
  proposed?: string;
  invented?: string;
}

/** Result of importing a facility file. `rejectedRows + facilities.length === totalRows` always holds. */
export interface FacilityImport {
  facilities: Facility[];
  issues: RowIssue[];
  /** Rows with at least one "error" issue (not in `facilities`). */
  rejectedRows: number;
  /**
   * The refused rows whose position alone was wrong (none, or unreadable) and whose type is known, with the county,
   * township and village they name: the analysis says a unit's facility is among them rather than missing
   * (`AnalysisInput.rejectedFacilities`). Absent or empty when there are none.
   */
  rejectedFacilities?: RejectedFacility[];
  /** Source row of each facility, in the same order (CSV/XLSX: header = row 1; other formats: feature number). */
  rows: number[];
  /** Data rows (CSV/XLSX, header excluded) or features in the file. */
  totalRows: number;
  mapping: ColumnMapping;
  /** Text encoding detected for CSV ("utf-8" or "gb18030") or Shapefile DBF. */
  encoding?: string;
  /** CRS the input coordinates were read in (facilities are always WGS84). */
  crs: CrsId;
  /**
   * The name of a Shapefile's .prj that no CRS id stands for (Xian 1980, Beijing 1954 Gauss–Krüger), whose own
   * parameters converted the positions: `crs` is then "wgs84", the system they were converted to.
   */
  crsName?: string;
  /**
   * The coordinate columns' headers named the datum (「高德经度」: GCJ-02) and the positions were read in it, with no
   * CRS given: `crs` is that datum. A whole-file note says so and how to read the file as WGS84 instead.
   */
  crsFromColumns?: boolean;
  /**
   * The file stated its system (a Shapefile's .prj, a GeoJSON `crs` member, the tool's own export marker) and the
   * positions were read in it, with no CRS given: WGS84 so stated is not the default (the trial s41: a WGS84 .prj
   * was reported as 「wgs84（默认）」 with the hint to convert Amap positions).
   */
  crsFromFile?: boolean;
  /** XLSX sheet that was read. */
  sheet?: string;
  /** All sheet names of an XLSX workbook. */
  sheets?: string[];
  /**
   * With `unitNamesLater`: the township and village cells that are names, by row, for the caller to match city by city
   * ({@link matchUnitNames}); none are matched or warned here.
   */
  unitNames?: Map<number, UnitNameCells>;
  /**
   * With `unitNamesLater`: the county cells that are not the code read from them (a name, 镇平县), by row, for the
   * caller's own {@link checkStatedCounty}, whose issues then give the cell as the file wrote it. Absent: none.
   */
  countyCells?: Map<number, string>;
}

/** Options of {@link parseFacilityFile}. */
export interface ParseFacilityOptions {
  /** CRS of the coordinates in the file; default "wgs84", or the .prj's CRS for a Shapefile. */
  crs?: CrsId;
  /** Overrides of the guessed column mapping. */
  mapping?: Partial<ColumnMapping>;
  /** XLSX sheet name or 1-based index; default the first sheet. */
  sheet?: string;
  /** Called about every 5,000 rows with (rows done, total rows). */
  onProgress?: (done: number, total: number) => void;
  /** Polygons of the study area; points outside all of them get a warning. */
  boundaries?: FeatureCollection<Polygon | MultiPolygon>;
  /** The user's corrections of facility types: by type-cell value (all rows with it), or by source row. */
  typeOverrides?: TypeOverrides;
  /**
   * The city's township and village list: township and village cells that are names, not codes, are matched to their
   * codes in it (null: the city has none, so names are set aside as before). Left out, names are not looked up.
   */
  divisions?: Divisions | null;
  /**
   * Township and village names are collected in the result's `unitNames`, not matched: a regional run reads the file
   * once and matches each city's rows in that city's list.
   */
  unitNamesLater?: boolean;
}

/** Facility types the user chose where the file's type was not recognised or was guessed from the name. */
export interface TypeOverrides {
  byValue?: Record<string, FacilityType>;
  byRow?: Record<number, FacilityType>;
}

/** Expected-failure result. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: RowIssue[] };
