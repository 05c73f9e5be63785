/// <reference path="../geo/polylabel.d.ts" />
import type { MultiPolygon, Polygon, Position } from "geojson";
import polylabel from "polylabel";
import { polygonInteriorPoint } from "../geo/interior";
import {
  FACILITY_TYPE_LABELS,
  FACILITY_TYPES,
  type Facility,
  type FacilityType,
  gradeLabel,
  HOSPITAL_KIND_LABELS,
  HOSPITAL_LEVEL_LABELS,
  hospitalLevel,
  type LocalizedText,
  type Ownership,
  type RefusedAttributes,
  type RejectedFacility,
  typeChoiceText,
} from "../model";
import { counted, plural } from "../plural";
import { classifyLonLat, inChinaBbox, SWAP_MESSAGE } from "./checks";
import { bareTypeTerm, gradeInTypeCell, guessFacilityType, ownershipInTypeCell, readTypeCell } from "./classify";
import { isProjected, toWgs84 } from "./crs";
import { FACILITY_CSV_COLUMNS } from "./export";
import type { FeatureProblem } from "./georead";
import {
  cellTooLong,
  excelScientific,
  isSexagesimal,
  notANumber as numberMessage,
  parseCoordinate,
  shortValue,
} from "./numbers";
import { normCountyName, readOptionalFields } from "./optional-fields";
import { dbfFieldName } from "./shapefile";
import { fileStem } from "./text";
import type { ColumnMapping, CrsId, Message, RowIssue, TypeOverrides } from "./types";
import type { UnitNameCells } from "./unit-names";

/** How often onProgress is called, rows. */
export const PROGRESS_EVERY = 5000;

/** A county to resolve county names to codes. */
export interface CountyRef {
  code: string;
  name: string;
}

/** A name that says its health centre is a central one: 「…中心卫生院」, 「…中心乡镇卫生院」. */
const CENTRAL_NAME = /中心(乡镇)?卫生院/;

/**
 * The rows whose type cell says 乡镇卫生院 while the name says 中心卫生院: counted as plain ones, as the cell says,
 * said in one note for the file naming them (the planner trial, s54d L5: 南宫's 「…中心卫生院」 rows typed 乡镇卫生院
 * read CTHC-THIRD 「0/11」 with no word of why). Undefined when there are none.
 */
function centralNamedNote(
  file: string,
  typeField: string,
  facilities: readonly Facility[],
  rows: readonly number[],
): RowIssue | undefined {
  const at = facilities.flatMap((f, k) =>
    f.type === "thc" && !f.typeByHand && !f.typeGuessed && !f.proposed && CENTRAL_NAME.test(f.name) ? [rows[k]] : [],
  );
  if (at.length === 0) return undefined;
  const shown = at.slice(0, 20);
  const more = at.length > shown.length;
  return {
    file,
    row: 0,
    field: typeField,
    severity: "note",
    code: "central-in-name",
    message: {
      zh: `${at.length} 行名称为“中心卫生院”而类型为“乡镇卫生院”（第 ${shown.join("、")}${more ? " 等" : ""} 行）：按乡镇卫生院计；如为中心乡镇卫生院，请把类型改为“中心乡镇卫生院”（核查中心乡镇卫生院数量的规则按其计数）`,
      en: `${at.length === 1 ? "1 row is" : `${at.length} rows are`} named a 中心卫生院 but typed 乡镇卫生院 (${at.length === 1 ? "row" : "rows"} ${shown.join(", ")}${more ? " …" : ""}): counted as township health centres; if ${at.length === 1 ? "it is a central one" : "they are central ones"}, set the type to 中心乡镇卫生院 (the checks counting central ones count by it)`,
    },
  };
}

/** The number columns whose full-width digits are read as ASCII and said ({@link fullWidthNote}). */
const FULL_WIDTH_COLUMNS = [
  "unitCode",
  "lon",
  "lat",
  "beds",
  "infectiousBeds",
  "doctors",
  "nurses",
  "pharmacists",
  "gps",
] as const satisfies ReadonlyArray<keyof ColumnMapping>;
const FULL_WIDTH_DIGIT = /[０-９．]/;

/** The file's number cells in full-width digits, read as ASCII: one note naming the rows and a first example. */
function fullWidthNote(file: string, cells: ReadonlyArray<{ row: number; column: string; text: string }>): RowIssue {
  const rows = [...new Set(cells.map((c) => c.row))];
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? `等 ${rows.length} 行` : "";
  const moreEn = rows.length > shown.length ? ` (${rows.length} rows in all)` : "";
  const first = cells[0];
  return {
    file,
    row: 0,
    field: [...new Set(cells.map((c) => c.column))].join("/"),
    value: first.text,
    severity: "note",
    code: "full-width-digits",
    message: {
      zh: `第 ${shown.join("、")} 行${more}的数字为全角（如「${first.text}」），已按半角读取`,
      en: `${plural(rows.length, "row", "rows")} ${shown.join(", ")}${moreEn} ${plural(rows.length, "has", "have")} numbers in full-width digits (such as 「${first.text}」), read as ASCII`,
    },
  };
}

/**
 * One whole-file note of the rows whose coordinates are written in degrees, minutes and seconds, with one as read
 * (「114°17'59.2"」 → 114.288111), so the planner can check which rows were read so (the EMS planner trial, s53 L2:
 * read right, and said nowhere).
 */
function sexagesimalNote(
  file: string,
  field: string,
  cells: ReadonlyArray<{ row: number; text: string; value: number }>,
): RowIssue {
  const rows = [...new Set(cells.map((c) => c.row))];
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? `等 ${rows.length} 行` : "";
  const moreEn = rows.length > shown.length ? ` (${rows.length} rows in all)` : "";
  const first = cells[0];
  const value = first.value.toFixed(6);
  return {
    file,
    row: 0,
    field,
    value: first.text,
    severity: "note",
    code: "coordinates-sexagesimal",
    message: {
      zh: `第 ${shown.join("、")} 行${more}的经纬度为度分秒（如「${first.text}」读作 ${value}），已换算为十进制度；请核对`,
      en: `${plural(rows.length, "row", "rows")} ${shown.join(", ")}${moreEn} ${plural(rows.length, "gives", "give")} coordinates in degrees, minutes and seconds (such as 「${first.text}」, read as ${value}), converted to decimal degrees; check them`,
    },
  };
}

/** One input record: a spreadsheet row or a vector feature, with its cells as text. */
export interface SourceRecord {
  row: number;
  get(column: string | undefined): string;
  /** Point geometry in the file's CRS, for vector formats. */
  point?: [number, number];
  /** Geometry type when it is neither a point nor an area (→ error). */
  otherGeometry?: string;
  /** An area (a building's or a campus's footprint) in the file's CRS: read as a point inside it, said. */
  area?: Polygon | MultiPolygon;
  /** Why the record cannot be read at all (→ error). */
  problem?: FeatureProblem;
}

/** The row-level message for a file without a longitude and/or latitude column (and no point geometry). */
function missingCoordinateColumns(noLon: boolean, noLat: boolean): Message {
  if (noLon && noLat)
    return message("没有坐标（缺少经度列和纬度列）", "no coordinates (no longitude or latitude column)");
  if (noLon) return message("没有坐标（缺少经度列）", "no coordinates (no longitude column)");
  return message("没有坐标（缺少纬度列）", "no coordinates (no latitude column)");
}

/** A type's English label inside a sentence: "township health centre", but "EMS station" as written. */
export function typeWords(type: FacilityType): string {
  const label = FACILITY_TYPE_LABELS[type].en;
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

function message(zh: string, en: string): Message {
  return { zh, en };
}

/** "longitude "…" is not a number", saying so when the text is too long to be one. */
function notANumber(zh: string, en: string, text: string): Message {
  return numberMessage({ zh, en }, text);
}

/**
 * The columns the tool's own facility exports write from a facility's fields (FACILITY_CSV_COLUMNS, and the county's
 * name): on reading such an export again they are its fields, not other columns to keep.
 */
const TOOL_COLUMNS: ReadonlySet<string> = new Set([
  ...FACILITY_CSV_COLUMNS.map((c) => c.header),
  // the GeoJSON export's members beside the CSV's columns (Facility fields the CSV does not write)
  "countyName",
  "infectiousBeds",
  "typeAsRead",
  "staff",
  "servesVillages",
  // a proposed site's effect, measured at the export: derived, measured again at the next
  "planEffectZh",
  "planEffectEn",
]);

/**
 * The same columns under the DBF names the tool's Shapefile export gives them (HOSP_KIND, CNTY_NAME, TWP_NAME,
 * VIL_NAME, TYPE_HAND…): read back as the fields they hold, not kept as other columns (the GIS trial: each round trip
 * through a Shapefile added HOSP_KIN_1, CNTY_NAM_1… to the next export).
 */
const TOOL_DBF_FIELDS: ReadonlyMap<string, string> = new Map(
  [...TOOL_COLUMNS].map((p) => [dbfFieldName(p, new Set()), p] as const),
);

/** Whether a header is one of the tool's own export columns, by its property name or its DBF name. */
function isToolColumn(header: string): boolean {
  return TOOL_COLUMNS.has(header) || TOOL_DBF_FIELDS.has(header);
}

/** The file's header holding one of the tool's own columns (`replaces`, `staff`), by either name. */
function toolColumn(headers: readonly string[], property: string): string | undefined {
  return headers.find((h) => h === property || TOOL_DBF_FIELDS.get(h) === property);
}

/** Outpatient departments, private clinics and infirmaries: not among the plans' facility types. */
const OUTPATIENT = /门诊部|诊所|医务室|门诊$/;

/** The error codes of a row refused for its position alone (no coordinates, or none that can be read as a place). */
const POSITION_ERRORS: ReadonlySet<string> = new Set([
  "missing-coordinate",
  "not-a-number",
  "out-of-range",
  "outside-china",
]);

/** A row refused for its position: its name, type, and county, township and village cells (codes, or names to match). */
function refusedRow(
  rec: SourceRecord,
  o: {
    file: string;
    name: string;
    type: FacilityType;
    reason: string;
    mapping: ColumnMapping;
    countyByName: Map<string, string>;
    /** The file's columns no field is read from, kept as the row's `extra`. */
    extraColumns: readonly string[];
  },
): RejectedFacility {
  const f: Facility = { id: "", name: o.name, type: o.type, lon: Number.NaN, lat: Number.NaN };
  const id = rec.get(o.mapping.id).trim();
  const extra: Record<string, string> = {};
  for (const h of o.extraColumns) {
    const v = rec.get(h).trim();
    if (v !== "") extra[h] = v;
  }
  const names = new Map<number, UnitNameCells>();
  // the cells read as an imported row's are (codes kept, names collected); their warnings are not the row's news
  readOptionalFields(rec, f, {
    typeCell: "",
    mapping: o.mapping,
    countyByName: o.countyByName,
    warn: () => {},
    unitNames: names,
  });
  const cells = names.get(rec.row);
  const attributes: RefusedAttributes = {};
  for (const k of REFUSED_ATTRIBUTES) if (f[k] !== undefined) Object.assign(attributes, { [k]: f[k] });
  if (Object.keys(extra).length > 0) attributes.extra = extra;
  return {
    file: o.file,
    row: rec.row,
    name: o.name,
    type: o.type,
    ...(f.county ? { county: f.county } : {}),
    ...(f.township ? { township: f.township } : {}),
    ...(f.village ? { village: f.village } : {}),
    ...(cells?.township ? { townshipName: cells.township.text } : {}),
    ...(cells?.village ? { villageName: cells.village.text } : {}),
    reason: o.reason,
    ...(id !== "" ? { id } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

/** The fields {@link readOptionalFields} reads that a refused row keeps ({@link RefusedAttributes}, but `extra`). */
const REFUSED_ATTRIBUTES = [
  "grade",
  "hospitalKind",
  "ownership",
  "beds",
  "infectiousBeds",
  "staff",
  "servesVillages",
] as const satisfies ReadonlyArray<keyof RefusedAttributes>;

/** What {@link convertRecords} needs beyond the records: the file, its CRS and column mapping, the counties. */
export interface ConvertContext {
  file: string;
  crs: CrsId;
  customToWgs84?: (x: number, y: number) => [number, number];
  mapping: ColumnMapping;
  headers: string[];
  counties?: CountyRef[];
  onProgress?: (done: number, total: number) => void;
  /** Field name used for the geometry in issues (vector formats). */
  geometryField?: string;
  /** The one column both coordinates were read from (「坐标」 "112.5,33.0"): read, not one of the other columns. */
  coordinatesColumn?: string;
  typeOverrides?: TypeOverrides;
  /** Collects the township and village cells that are names, by row, for {@link matchUnitNames}. */
  unitNames?: Map<number, UnitNameCells>;
  /** Collects the county cells that are not the code read from them (a name, 镇平县), by row: what the file said. */
  countyCells?: Map<number, string>;
}

/**
 * Facilities from input records: coordinates read (numbers, DMS, projected) and converted to WGS84, the type from
 * the type cell or the name (or the user's choice), the optional fields checked. A record with an error is left out
 * and counted in `rejected`; every problem is an issue naming file, row and field. Calls `onProgress` every
 * {@link PROGRESS_EVERY} records.
 */
export function convertRecords(
  records: SourceRecord[],
  ctx: ConvertContext,
): {
  facilities: Facility[];
  rows: number[];
  issues: RowIssue[];
  rejected: number;
  /** Positions rejected as out of range that read like projected metres (easting, northing): see {@link looksLikeMetres}. */
  metres: Array<[number, number]>;
  /** Rows refused for their position alone whose type is known ({@link RejectedFacility}), in row order. */
  positionRefused: RejectedFacility[];
} {
  const { file, mapping } = ctx;
  const metres: Array<[number, number]> = [];
  const issues: RowIssue[] = [];
  const facilities: Facility[] = [];
  const rows: number[] = [];
  const positionRefused: RejectedFacility[] = [];
  let rejected = 0;
  const stem = fileStem(file);
  const ids = new Set<string>();
  // name, type and position to 6 decimals → the first row with them: a second is likely the same facility twice
  const seen = new Map<string, number>();
  const projected = isProjected(ctx.crs) || ctx.customToWgs84 !== undefined;
  const convert = ctx.customToWgs84 ?? ((x: number, y: number) => toWgs84(x, y, ctx.crs));
  // a converted position to 7 decimals (1 cm), not the 14 a numerical inversion gives (the GIS trial: exported
  // points read 111.48000035797268); WGS84 input is kept as written
  const same =
    ctx.customToWgs84 === undefined && (ctx.crs === "wgs84" || ctx.crs === "EPSG:4326" || ctx.crs === "EPSG:4490");
  const toWgs = (x: number, y: number): [number, number] => {
    if (same) return [x, y];
    const [lon, lat] = convert(x, y);
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
  };
  const countyByName = new Map<string, string>();
  const countyNameOf = new Map<string, string>();
  for (const c of ctx.counties ?? []) {
    countyNameOf.set(c.code, c.name);
    const n = normCountyName(c.name);
    countyByName.set(n, c.code);
    const short = n.replace(/(自治县|县|区|市)$/, "");
    if (short.length >= 2 && !countyByName.has(short)) countyByName.set(short, c.code);
  }
  const lonField = mapping.lon ?? "lon";
  const latField = mapping.lat ?? "lat";
  const total = records.length;
  // the columns no field is read from, kept on each facility as they are (Facility.extra); not the tool's own export
  // columns, which it writes again from its fields, nor the geometry
  const mapped = new Set(Object.values(mapping).filter((c): c is string => c !== undefined));
  const extraColumns = ctx.headers.filter(
    (h) => h !== "" && !mapped.has(h) && !isToolColumn(h) && h !== ctx.geometryField && h !== ctx.coordinatesColumn,
  );
  const replacesColumn = toolColumn(ctx.headers, "replaces");
  // the tool's own export of a type chosen by hand or guessed: TYPE_HAND, TYPE_GUESS, TYPE_FILE, TYPE_READ in a
  // Shapefile
  const typeColumns = {
    byHand: toolColumn(ctx.headers, "typeByHand"),
    guessed: toolColumn(ctx.headers, "typeGuessed"),
    inFile: toolColumn(ctx.headers, "typeInFile"),
    asRead: toolColumn(ctx.headers, "typeAsRead"),
  };
  // …and of a name made up for an empty name cell (NAME_GIVEN)
  const nameGivenColumn = toolColumn(ctx.headers, "nameGiven");
  // the GeoJSON and Shapefile exports' staff counts, as one JSON object, when no staff column is mapped
  const staffColumn =
    (mapping.doctors ?? mapping.nurses ?? mapping.pharmacists ?? mapping.gps)
      ? undefined
      : toolColumn(ctx.headers, "staff");
  const textColumns = [
    ...new Set(
      Object.entries(mapping)
        .filter(([key, col]) => key !== "lon" && key !== "lat" && col !== undefined)
        .map(([, col]) => col as string),
    ),
  ];

  /** Type cells read as a type under another word than the tool's own, with their rows (see typeReadingsNote). */
  const readings = new Map<string, { word: string; label: LocalizedText; rows: number[] }>();
  // number cells written in full-width digits (「７１９」): read as ASCII, and said once for the file with their rows, so
  // that the reviewer knows the file's text was read differently from how it looks (the reviewer trial, s45-a #8)
  const numberColumns = FULL_WIDTH_COLUMNS.map((k) => mapping[k]).filter((c): c is string => c !== undefined);
  const fullWidth: Array<{ row: number; column: string; text: string }> = [];
  /** Coordinates written in degrees, minutes and seconds, as read ({@link sexagesimalNote}). */
  const sexagesimalCells: Array<{ row: number; text: string; value: number }> = [];
  records.forEach((rec, index) => {
    if (ctx.onProgress && index > 0 && index % PROGRESS_EVERY === 0) ctx.onProgress(index, total);
    const row = rec.row;
    for (const column of numberColumns) {
      const text = rec.get(column);
      if (FULL_WIDTH_DIGIT.test(text)) fullWidth.push({ row, column, text });
    }
    if (rec.problem) {
      issues.push({
        file,
        row,
        field: ctx.geometryField ?? "geometry",
        message: rec.problem.message,
        severity: "error",
        code: rec.problem.code,
      });
      rejected++;
      return;
    }
    const rowIssues: RowIssue[] = [];
    /** Adds an issue of the row's at one severity: err, warn and note below. */
    const say =
      (severity: RowIssue["severity"]) =>
      (field: string, code: string, msg: Message, value?: string): void => {
        rowIssues.push({ file, row, field, ...(value !== undefined ? { value } : {}), message: msg, severity, code });
      };
    const err = say("error");
    const warn = say("warning");

    // A text cell over MAX_CELL_CHARS refuses the row (coordinates have their own bound)
    for (const col of textColumns) {
      const long = cellTooLong(rec.get(col));
      if (long) err(col, "cell-too-long", long, shortValue(rec.get(col)));
    }
    if (rowIssues.length > 0) {
      for (const i of rowIssues) issues.push(i);
      rejected++;
      return;
    }

    // Coordinates in the file's CRS.
    let x = Number.NaN;
    let y = Number.NaN;
    let coordField = `${lonField}/${latField}`;
    let coordValue = "";
    if (rec.otherGeometry) {
      err(
        ctx.geometryField ?? "geometry",
        "not-a-point",
        message(
          `几何类型为 ${rec.otherGeometry}，不是单个点`,
          `the geometry is a ${rec.otherGeometry}, not a single point`,
        ),
        rec.otherGeometry,
      );
    } else if (rec.area) {
      // a footprint (OSM's and Amap's hospitals are areas): the point inside it farthest from its edge, said (the
      // bad-files trial, s56b L: refused outright, one more GIS step)
      coordField = ctx.geometryField ?? "geometry";
      const inside = areaPoint(rec.area, projected);
      if (inside) {
        [x, y] = inside;
        coordValue = pointText(x, y);
        warn(
          coordField,
          "area-as-point",
          message(
            `几何为面（${rec.area.type}），按面内一点 ${pointText(x, y)}${projected ? "（文件坐标系，米）" : ""} 读取；如需入口等准确位置，请改为点后重新导入`,
            `the geometry is an area (${rec.area.type}): read as the point ${pointText(x, y)}${projected ? " (the file's coordinate system, metres)" : ""} inside it; for an exact position (an entrance), make it a point and import again`,
          ),
          rec.area.type,
        );
      } else
        err(
          coordField,
          "not-a-point",
          message("面几何没有有效的坐标", "the area has no valid coordinates"),
          rec.area.type,
        );
    } else if (rec.point) {
      [x, y] = rec.point;
      coordField = ctx.geometryField ?? "geometry";
      coordValue = pointText(x, y);
    } else if (mapping.lon === undefined || mapping.lat === undefined) {
      if (ctx.geometryField)
        err(
          "geometry",
          "missing-coordinate",
          message(
            "没有坐标（缺少经度/纬度列或点几何）",
            "no coordinates (no longitude/latitude column or point geometry)",
          ),
        );
      // a missing column has no header in the file: the field is its logical name (lon, lat), the message names it
      else {
        const noLon = mapping.lon === undefined;
        const noLat = mapping.lat === undefined;
        err(
          noLon && noLat ? `${lonField}/${latField}` : noLon ? lonField : latField,
          "missing-coordinate",
          missingCoordinateColumns(noLon, noLat),
        );
      }
    } else {
      const lonText = rec.get(mapping.lon).trim();
      const latText = rec.get(mapping.lat).trim();
      coordValue = `${shortValue(lonText)}, ${shortValue(latText)}`;
      x = lonText === "" ? Number.NaN : parseCoordinate(lonText);
      y = latText === "" ? Number.NaN : parseCoordinate(latText);
      for (const [text, v] of [
        [lonText, x],
        [latText, y],
      ] as const)
        if (Number.isFinite(v) && isSexagesimal(text)) sexagesimalCells.push({ row, text, value: v });
      if (lonText === "") err(lonField, "missing-coordinate", message("经度为空", "longitude is empty"));
      else if (Number.isNaN(x))
        err(lonField, "not-a-number", notANumber("经度", "longitude", lonText), shortValue(lonText));
      if (latText === "") err(latField, "missing-coordinate", message("纬度为空", "latitude is empty"));
      else if (Number.isNaN(y))
        err(latField, "not-a-number", notANumber("纬度", "latitude", latText), shortValue(latText));
    }

    let lon = Number.NaN;
    let lat = Number.NaN;
    if (Number.isFinite(x) && Number.isFinite(y) && !rowIssues.some((i) => i.severity === "error")) {
      if (!projected) {
        const c = classifyLonLat(x, y);
        if (c.kind === "error" && looksLikeMetres(x, y)) metres.push([x, y]);
        if (c.kind === "error") {
          const field = rec.point
            ? coordField
            : c.code === "out-of-range"
              ? Math.abs(y) > 90
                ? latField
                : lonField
              : !inChinaLon(x)
                ? lonField
                : latField;
          err(
            field,
            c.code,
            c.message,
            rec.point
              ? coordValue
              : field === latField
                ? String(rec.get(mapping.lat).trim())
                : String(rec.get(mapping.lon).trim()),
          );
        } else {
          if (c.kind === "swapped") {
            [x, y] = [y, x];
            warn(coordField, "swapped-lat-lon", SWAP_MESSAGE, coordValue);
          }
          [lon, lat] = toWgs(x, y);
        }
      } else {
        const direct = toWgs(x, y);
        if (inChinaBbox(direct[0], direct[1])) [lon, lat] = direct;
        else {
          const swapped = toWgs(y, x);
          if (inChinaBbox(swapped[0], swapped[1])) {
            [lon, lat] = swapped;
            warn(
              coordField,
              "swapped-x-y",
              message("X/Y（北坐标/东坐标）疑似填反，已交换", "easting and northing look swapped; swapped back"),
              coordValue,
            );
          } else {
            err(
              coordField,
              "outside-china",
              message(
                `投影坐标 (${pointText(x, y)}) 在 ${ctx.crs} 下不在中国范围内：坐标系选错了吗？`,
                `projected coordinate (${pointText(x, y)}) is outside China in ${ctx.crs}: wrong CRS?`,
              ),
              coordValue,
            );
          }
        }
      }
    }

    // Name and type.
    let name = rec.get(mapping.name).trim();
    const typeCell = rec.get(mapping.type).trim();
    const byRow = ctx.typeOverrides?.byRow;
    const byValue = ctx.typeOverrides?.byValue;
    const chosen =
      (byRow && Object.hasOwn(byRow, row) ? byRow[row] : undefined) ??
      (typeCell !== "" && byValue && Object.hasOwn(byValue, typeCell) ? byValue[typeCell] : undefined);
    const asRead = guessFacilityType(name, typeCell);
    const type = chosen ?? asRead;
    // a type cell that only contains a category's word (「火星医院」 read as a hospital for its 医院): a guess to check
    const read = chosen || typeCell === "" ? undefined : readTypeCell(typeCell);
    // the type the tool guessed (from the name, or a category word in a cell that is no category): carried by the
    // facility, as the row's warning is not by the exports (the reviewer trial: 「火星卫生院」 went out as a plain 乡镇卫生院)
    let guessed = read !== undefined && read.type === type && !read.known;
    if (chosen) {
      // the user's choice: a note, so that the table keeps saying what was chosen and from what
      const by = { name, type: chosen, ...(typeCell !== "" ? { typeInFile: typeCell } : {}) };
      rowIssues.push({
        file,
        row,
        field: mapping.type ?? mapping.name ?? "type",
        value: typeCell !== "" ? typeCell : name,
        message: typeChoiceText(by),
        severity: "note",
        code: "type-chosen",
      });
    } else if (!type) {
      if (typeCell !== "")
        err(
          mapping.type ?? "type",
          "unknown-type",
          // an outpatient department or private clinic is none of the plans' types: said, so that it is not set to
          // 村卫生室 in haste (the trial, s46-a #12: 门诊部 refused as an unknown type, one click from 村卫生室)
          OUTPATIENT.test(typeCell) || OUTPATIENT.test(name)
            ? message(
                `机构类型“${typeCell}”不属规划所列机构：门诊部、诊所、医务室不计为村卫生室（一村一室）或乡镇卫生院；确为其一的才指定类型，否则本行不计入`,
                `facility type "${typeCell}" is none of the plans' types: an outpatient department, clinic or infirmary does not count as a village clinic (one per village) or a township health centre; set a type only where it is one; otherwise the row is not counted`,
              )
            : message(`无法识别机构类型“${typeCell}”`, `unknown facility type "${typeCell}"`),
          typeCell,
        );
      else
        err(
          mapping.type ?? mapping.name ?? "type",
          "unknown-type",
          name === ""
            ? message("名称和类型都为空，无法判断机构类型", "both the name and the type are empty: no facility type")
            : message(`无法从名称“${name}”判断机构类型`, `cannot tell the facility type from the name "${name}"`),
          // the type column's own (empty) cell when there is one: the name is in the message; none when the
          // message already says both are empty (an empty value would be shown as 「（空）」 after it)
          name === "" ? undefined : mapping.type !== undefined ? typeCell : name,
        );
    } else if (typeCell !== "" && guessFacilityType("", typeCell) === undefined) {
      warn(
        mapping.type ?? "type",
        "type-from-name",
        message(
          `类型“${typeCell}”无法识别，已按名称判断为${FACILITY_TYPE_LABELS[type].zh}（推测）`,
          `type "${typeCell}" not recognised; took ${typeWords(type)} from the name (a guess)`,
        ),
        typeCell,
      );
      guessed = true;
    } else if (typeCell === "") {
      // no type in the file: the name decided, which is a guess the user should see (and can correct)
      guessed = true;
      warn(
        mapping.type ?? mapping.name ?? "type",
        "type-from-name",
        message(
          `无类型，按名称“${name}”推测为${FACILITY_TYPE_LABELS[type].zh}`,
          `no type given; guessed ${typeWords(type)} from the name "${name}"`,
        ),
        // the type column's own cell (empty), not the name: a value shown against the type field is the type's
        mapping.type !== undefined ? typeCell : name,
      );
    }
    const nameGiven = name === "" && type !== undefined;
    if (nameGiven) {
      name = `${FACILITY_TYPE_LABELS[type].zh}（第${row}行）`;
      warn(
        mapping.name ?? "name",
        "missing-name",
        message(`名称为空，暂命名为“${name}”`, `name is empty; named "${name}"`),
      );
    }

    if (rowIssues.some((i) => i.severity === "error") || !type) {
      issues.push(...rowIssues);
      rejected++;
      // refused for its position alone: what it is and where it says it stands, for the unit checks
      const errors = rowIssues.filter((i) => i.severity === "error");
      if (type && errors.every((i) => POSITION_ERRORS.has(i.code)))
        positionRefused.push(
          refusedRow(rec, { file, name, type, reason: errors[0].code, mapping, countyByName, extraColumns }),
        );
      return;
    }

    const f: Facility = {
      id: "",
      name,
      type,
      lon,
      lat,
      ...(chosen
        ? {
            typeByHand: true,
            ...(typeCell !== "" ? { typeInFile: typeCell } : {}),
            ...(asRead ? { typeAsRead: asRead } : {}),
          }
        : guessed
          ? { typeGuessed: true, ...(typeCell !== "" ? { typeInFile: typeCell } : {}) }
          : {}),
      ...(nameGiven ? { nameGiven: true } : {}),
    };
    // Id.
    let id = rec.get(mapping.id).trim();
    if (id === "") id = `${stem}-${row}`;
    const lost = excelScientific(id);
    if (lost) warn(mapping.id ?? "id", "excel-scientific", lost, id);
    if (ids.has(id)) {
      const newId = `${id}~${row}`;
      warn(
        mapping.id ?? "id",
        "duplicate-id",
        message(`编号“${id}”重复，改为“${newId}”`, `duplicate id "${id}"; renamed "${newId}"`),
        id,
      );
      id = newId;
    }
    ids.add(id);
    f.id = id;
    // the tool's own export of an upgrade: the id of the facility it raises (read for a proposed site only)
    const replaces = replacesColumn !== undefined ? rec.get(replacesColumn).trim() : "";
    if (replaces !== "") f.replaces = replaces;
    // a type set by hand or guessed on an earlier import, as the tool's export wrote it: the trace read back (it was
    // lost on re-import, the GIS trial), unless the type is chosen or guessed again now, which leaves its own
    if (!chosen && !guessed) Object.assign(f, typeTraceBefore(rec, typeColumns));
    if (nameGivenColumn !== undefined && isTrue(rec.get(nameGivenColumn))) f.nameGiven = true;
    const extra: Record<string, string> = {};
    for (const h of extraColumns) {
      const v = rec.get(h).trim();
      if (v !== "") extra[h] = v;
    }
    if (Object.keys(extra).length > 0) f.extra = extra;

    const before = rowIssues.length;
    readOptionalFields(rec, f, {
      typeCell,
      mapping,
      countyByName,
      countyNameOf,
      warn,
      note: say("note"),
      unitNames: ctx.unitNames,
      countyCells: ctx.countyCells,
    });
    // a cell the field could not use (「约40」 beds, an ownership not recognised) is kept as written, beside the field,
    // so that the exports do not drop what the county sent (the re-trial, s51b: the values lived in the issue list alone)
    for (const i of rowIssues.slice(before))
      if (UNREAD_CODES.has(i.code ?? "") && i.field !== "") {
        const raw = rec.get(i.field).trim();
        if (raw !== "") f.extra = { ...f.extra, [unreadKey(i.field)]: raw };
      }
    if (staffColumn !== undefined) {
      const staff = staffCounts(rec.get(staffColumn));
      if (staff) f.staff = staff;
    }
    // the same facility entered twice counts twice in every check (the GIS trial: three identical rows, three
    // stations, no word): said, so that the copy can be dropped; kept, as two facilities may share a building
    const same = `${name}|${type}|${lon.toFixed(6)}|${lat.toFixed(6)}`;
    const first = seen.get(same);
    if (first === undefined) seen.set(same, row);
    else
      warn(
        mapping.name ?? "name",
        "duplicate-row",
        message(
          // (read in the app's import panel and on the command line alike: each finds its own way named, the panel's
          // first; the user trial, s52 L4 read 「应用的导入面板中可直接勾除」 inside that panel as a pointer elsewhere)
          `与第 ${first} 行名称、类型、位置相同，可能重复录入；如是，勾选本行的“剔除”（命令行加 --drop-rows ${row}），或在文件中删去本行`,
          `same name, type and position as row ${first}: likely entered twice; if so, tick Drop (剔除) on this row (on the command line, add --drop-rows ${row}), or delete it from the file`,
        ),
        name,
      );
    // a grade or an ownership in the type cell (「二级医院」, 「民营医院」) is the row's when its own cell is empty, and
    // said in the type readings (read as an ungraded hospital, 一级及未定级, without a word; 「民营医院」 named
    // 万载县妇幼保健院 passed COUNTY-MCH's 「政府举办」 unsaid: the trial, s51 #1); the column wins, and one that
    // disagrees is said
    const fromType = <T>(o: {
      value: T | undefined;
      column: string | undefined;
      field: "grade" | "ownership";
      disagrees: (cell: T) => boolean;
      words: (v: T) => { zh: string; en: string };
      columnZh: string;
    }): T | undefined => {
      if (chosen || o.value === undefined) return undefined;
      const text = rec.get(o.column).trim();
      if (text === "") return o.value;
      if (o.disagrees(o.value))
        warn(
          o.column ?? o.field,
          `${o.field}-disagrees`,
          message(
            `${o.columnZh}“${text}”与类型“${typeCell}”中的${o.words(o.value).zh}不一致，按${o.columnZh}列计，请核对`,
            `${o.field} "${text}" disagrees with the ${o.words(o.value).en} in the type "${typeCell}": the ${o.field} column is used; please check`,
          ),
          text,
        );
      return undefined;
    };
    const gradeFromType = fromType({
      value: gradeInTypeCell(typeCell),
      column: mapping.grade,
      field: "grade",
      disagrees: (g) => f.grade !== g,
      words: gradeLabel,
      columnZh: "等级",
    });
    if (gradeFromType) f.grade = gradeFromType;
    const ownershipFromType = fromType<Ownership>({
      value: ownershipInTypeCell(typeCell),
      column: mapping.ownership,
      field: "ownership",
      disagrees: (o) => f.ownership !== undefined && (f.ownership === "private") !== (o === "private"),
      words: (o) => OWNERSHIP_WORDS[o],
      columnZh: "性质",
    });
    if (ownershipFromType) f.ownership = ownershipFromType;
    if (read && read.type === type && !read.known) {
      const as = takenAs(f);
      warn(
        mapping.type ?? "type",
        "unknown-category",
        read.doubt
          ? message(
              `类型「${typeCell}」未必是${as.zh}：${read.doubt.zh}；暂作${as.zh}，请核对`,
              `type "${typeCell}" is not surely a ${as.en}: ${read.doubt.en}; taken as a ${as.en} for now; please check`,
            )
          : message(
              `类型「${typeCell}」不是已知机构类别，按「${read.term}」暂作${as.zh}，请核对`,
              `type "${typeCell}" is not a known facility category; taken as "${as.en}" for the "${read.term}" in it; please check`,
            ),
        typeCell,
      );
    } else if (read && read.type === type && (gradeFromType || ownershipFromType || !sameAsLabel(typeCell, type))) {
      // a known term that is not the tool's own (「卫生院」, 「急救分站」): read unsaid before (the planner trial, s41-b #7)
      // (a hospital's kind, from its name, is part of the key: 「民营医院」 named 妇幼保健院 reads apart from a general one)
      const kind =
        f.type === "hospital" && f.hospitalKind ? HOSPITAL_KIND_LABELS[f.hospitalKind] : FACILITY_TYPE_LABELS[type];
      const key = [typeCell, gradeFromType ?? "", ownershipFromType ?? "", kind.zh].join("\u0000");
      const extras = [
        ...(gradeFromType
          ? [
              {
                zh: `${gradeLabel(gradeFromType).zh}（等级取自类型）`,
                en: `${gradeLabel(gradeFromType).en} (grade from the type)`,
              },
            ]
          : []),
        ...(ownershipFromType
          ? [
              {
                zh: `${OWNERSHIP_WORDS[ownershipFromType].zh}（所有制取自类型）`,
                en: `${OWNERSHIP_WORDS[ownershipFromType].en} (ownership from the type)`,
              },
            ]
          : []),
      ];
      const seen = readings.get(key) ?? {
        word: typeCell,
        label: {
          zh: [kind.zh, ...extras.map((e) => e.zh)].join("，"),
          en: [kind.en, ...extras.map((e) => e.en)].join(", "),
        },
        rows: [],
      };
      seen.rows.push(row);
      readings.set(key, seen);
    }
    issues.push(...rowIssues);
    facilities.push(f);
    rows.push(row);
  });
  if (readings.size > 0) issues.unshift(typeReadingsNote(file, mapping.type ?? "type", readings));
  // a column no field is read from is said, once for the file: kept and written back, but read by no check (the
  // planner trial, s46-b #3: a 医生 column was dropped from the doctors figure without a word)
  if (extraColumns.length > 0 && records.length > 0) issues.unshift(unusedColumnsNote(file, extraColumns));
  if (fullWidth.length > 0) issues.unshift(fullWidthNote(file, fullWidth));
  const central = centralNamedNote(file, mapping.type ?? "type", facilities, rows);
  if (central) issues.unshift(central);
  if (sexagesimalCells.length > 0)
    issues.unshift(sexagesimalNote(file, `${mapping.lon ?? "lon"}/${mapping.lat ?? "lat"}`, sexagesimalCells));
  ctx.onProgress?.(total, total);
  const upgrades = upgradeIssues(facilities, rows, file, ctx.mapping.id ?? "id");
  if (upgrades.length > 0) {
    issues.push(...upgrades);
    issues.sort((a, b) => a.row - b.row);
  }
  return { facilities, rows, issues, rejected, metres, positionRefused };
}

/**
 * An upgrade in the list (the app's export of a plan: a proposed site that `replaces` a facility) counts in the place
 * of what it raises (`withoutReplaced`): said on the raised facility's row, so that a count one short of the rows is
 * explained (the CLI printed 「设施 438 条已分析，0 行被拒绝」 for 439 rows), and an upgrade naming no row of the list is
 * said on its own row.
 */
function upgradeIssues(
  facilities: readonly Facility[],
  rows: readonly number[],
  file: string,
  idField: string,
): RowIssue[] {
  if (!facilities.some((f) => f.proposed && f.replaces)) return [];
  const rowOf = new Map(facilities.map((f, k) => [f.id, rows[k]]));
  const nameOf = new Map(facilities.map((f) => [f.id, f.name]));
  const out: RowIssue[] = [];
  for (const [k, f] of facilities.entries()) {
    if (!f.proposed || !f.replaces) continue;
    const at = rowOf.get(f.replaces);
    if (at !== undefined)
      out.push({
        file,
        row: at,
        field: idField,
        value: f.replaces,
        severity: "note",
        code: "replaced-by-upgrade",
        message: message(
          `「${nameOf.get(f.replaces) ?? f.replaces}」由第 ${rows[k]} 行的规划升级「${f.name}」代替：核查、地图和导出按升级后的机构计，本行不重复计数`,
          `"${nameOf.get(f.replaces) ?? f.replaces}" is replaced by the planned upgrade on row ${rows[k]} ("${f.name}"): the checks, the map and the exports count it as upgraded, not twice`,
        ),
      });
    else
      out.push({
        file,
        row: rows[k],
        field: "replaces",
        value: f.replaces,
        // the tool's own export of a plan leaves the raised centre out (it counts as upgraded): a note, not a doubt
        // (the re-trial: the app's export read back warned that the original 「仍会计入」)
        severity: "note",
        code: "upgrade-of-unknown",
        message: message(
          `所升级的机构（编号“${f.replaces}”）不在本清单中（本工具导出的规划已以升级后的机构代替它）：本行按升级后的机构计`,
          `the upgraded facility (id "${f.replaces}") is not in this list (the tool's export of a plan puts the upgrade in its place): this row counts as the upgraded facility`,
        ),
      });
  }
  return out;
}

/**
 * Whether a type cell is the type's own key or label (「乡镇卫生院」, 「thc」, "Township health centre"), or for a
 * hospital one of its kinds' (「中医医院」), qualifiers aside (「二级综合医院」).
 */
function sameAsLabel(cell: string, type: FacilityType): boolean {
  const labels = [FACILITY_TYPE_LABELS[type], ...(type === "hospital" ? Object.values(HOSPITAL_KIND_LABELS) : [])];
  return [cell.trim().toLowerCase(), bareTypeTerm(cell.trim()).toLowerCase()].some(
    (c) => c === type || labels.some((l) => c === l.zh || c === l.en.toLowerCase()),
  );
}

/** Warnings on an optional field's cell whose value was not used: the cell is kept as written ({@link unreadKey}). */
const UNREAD_CODES: ReadonlySet<string> = new Set([
  "not-a-number",
  "below-zero",
  "not-a-whole-number",
  "implausible-count",
  "unknown-grade",
  "unknown-ownership",
  "not-a-boolean",
]);

/**
 * The key a cell not used is kept under in the facility's `extra`: its header and 「（原文）」 (「床位数（原文）」), so that
 * the exports write it back and a re-import reads the field from its own column, not this one.
 */
export function unreadKey(header: string): string {
  return `${header}（原文）`;
}

/** An ownership as the import's notes word it. */
const OWNERSHIP_WORDS: Record<Ownership, { zh: string; en: string }> = {
  government: { zh: "政府办", en: "government-run" },
  public: { zh: "公立", en: "public" },
  private: { zh: "民营", en: "private" },
};

/** One whole-file note naming the columns no field is read from, kept as the rows' other columns. */
function unusedColumnsNote(file: string, columns: readonly string[]): RowIssue {
  const shown = columns.slice(0, 20);
  const more = columns.length - shown.length;
  return {
    file,
    row: 0,
    field: "",
    value: columns.join("、"),
    severity: "note",
    code: "unused-columns",
    message: message(
      `未使用的列：${shown.join("、")}${more > 0 ? ` 等 ${columns.length} 列` : ""}（保留为附加列，随导出写出；如其中有应读的字段，请在“列对应”中指定）`,
      `${counted(columns.length, "column", "columns")} not read: ${shown.join(", ")}${more > 0 ? ` (${columns.length} in all)` : ""} (kept as other columns and written with the exports; if one holds a field to read, set it in the column mapping)`,
    ),
  };
}

/**
 * One whole-file note of how type cells in other words were read (「类型读法：卫生院 → 乡镇卫生院（第 18 行）」), so
 * that the planner can check the reading; up to 12 words, 5 rows each.
 */
function typeReadingsNote(
  file: string,
  field: string,
  readings: ReadonlyMap<string, { word: string; label: LocalizedText; rows: number[] }>,
): RowIssue {
  const list = [...readings.values()].map((x) => [x.word, x] as const).slice(0, 12);
  const more = readings.size - list.length;
  const rowsZh = (r: number[]) => `第 ${r.slice(0, 5).join("、")}${r.length > 5 ? ` 等 ${r.length}` : ""} 行`;
  const rowsEn = (r: number[]) =>
    `${r.length === 1 ? "row" : "rows"} ${r.slice(0, 5).join(", ")}${r.length > 5 ? ` (${r.length} in all)` : ""}`;
  return {
    file,
    row: 0,
    field,
    severity: "note",
    code: "type-readings",
    message: message(
      `类型按以下读法计入，请核对：${list.map(([w, x]) => `${w} → ${x.label.zh}（${rowsZh(x.rows)}）`).join("；")}${more > 0 ? `；另 ${more} 种` : ""}`,
      `types were read as follows; please check: ${list.map(([w, x]) => `${w} → ${x.label.en} (${x.label.zh}; ${rowsEn(x.rows)})`).join("; ")}${more > 0 ? `; ${more} more` : ""}`,
    ),
  };
}

/** Whether a flag cell of the tool's export says true (`true`; a DBF logical's `T`; 1, yes, 是). */
function isTrue(cell: string): boolean {
  return /^(true|t|1|yes|y|是)$/i.test(cell.trim());
}

/**
 * What the tool's own export says of a type set by hand or guessed on an earlier import (`typeByHand`, `typeGuessed`,
 * `typeInFile`, `typeAsRead`; in a Shapefile TYPE_HAND, TYPE_GUESS, TYPE_FILE, TYPE_READ): read back only where
 * `typeByHand` or `typeGuessed` is true, as the export writes the others only then (`typeAsRead` with `typeByHand`
 * only); a `typeAsRead` that is no facility type is left out.
 */
function typeTraceBefore(
  rec: SourceRecord,
  columns: { byHand?: string; guessed?: string; inFile?: string; asRead?: string },
): Pick<Facility, "typeByHand" | "typeGuessed" | "typeInFile" | "typeAsRead"> {
  const byHand = columns.byHand !== undefined && isTrue(rec.get(columns.byHand));
  if (!byHand && (columns.guessed === undefined || !isTrue(rec.get(columns.guessed)))) return {};
  const inFile = columns.inFile !== undefined ? rec.get(columns.inFile).trim() : "";
  const asRead = byHand && columns.asRead !== undefined ? rec.get(columns.asRead).trim() : "";
  return {
    ...(byHand ? { typeByHand: true } : { typeGuessed: true }),
    ...(inFile !== "" ? { typeInFile: inFile } : {}),
    ...((FACILITY_TYPES as readonly string[]).includes(asRead) ? { typeAsRead: asRead as FacilityType } : {}),
  };
}

/** Staff counts written as the tool's exports write them (`{"doctors":50,"nurses":80}`); undefined for anything else. */
function staffCounts(cell: string): Facility["staff"] | undefined {
  if (!cell.trim().startsWith("{")) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(cell);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const out: NonNullable<Facility["staff"]> = {};
  for (const key of ["doctors", "nurses", "pharmacists", "gps"] as const) {
    const n = (v as Record<string, unknown>)[key];
    if (typeof n === "number" && Number.isInteger(n) && n >= 0) out[key] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function inChinaLon(lon: number): boolean {
  return lon >= 73 && lon <= 136;
}

/** What a facility is shown as: a hospital by its level (as the map's legend splits them), else its type. */
function takenAs(f: Facility): LocalizedText {
  return f.type === "hospital" ? HOSPITAL_LEVEL_LABELS[hospitalLevel(f.grade)] : FACILITY_TYPE_LABELS[f.type];
}

/**
 * Whether an easting and northing read like projected metres in China: a Gauss–Krüger or UTM easting (100–900 km,
 * or with its zone number before it, 13–45 × 10⁶ m more) and a northing of 1,000–6,500 km (latitude about 9–58°).
 */
export function looksLikeMetres(x: number, y: number): boolean {
  const e = x >= 1e7 ? x % 1e6 : x;
  const zone = Math.floor(x / 1e6);
  return e >= 1e5 && e < 9e5 && (x < 1e6 || (zone >= 13 && zone <= 45)) && y >= 1e6 && y <= 6.5e6;
}

/**
 * A file's point as a message shows it: metres to the millimetre, degrees to the 10⁻⁷ (about a centimetre), not a
 * double's 17 digits (the GIS trial, s55 L2: 「(3747677.6124672843, 398289.8051377756)」 from a Shapefile).
 */
export function pointText(x: number, y: number): string {
  const one = (v: number) => (Number.isFinite(v) ? String(Number(v.toFixed(Math.abs(v) >= 1000 ? 3 : 7))) : String(v));
  return `${one(x)}, ${one(y)}`;
}

/**
 * A point inside an area of a facility file, in the file's CRS: the pole of inaccessibility of its largest polygon
 * (polylabel; on a local equirectangular frame for degrees, directly for projected metres). Undefined when no polygon
 * has a ring of three or more finite positions.
 */
function areaPoint(area: Polygon | MultiPolygon, projected: boolean): [number, number] | undefined {
  const polygons = (area.type === "Polygon" ? [area.coordinates] : area.coordinates).filter(
    (p) => p[0]?.length >= 4 && p.every((ring) => ring.every((q) => Number.isFinite(q[0]) && Number.isFinite(q[1]))),
  );
  if (polygons.length === 0) return undefined;
  const shoelace = (ring: Position[]) => {
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
      a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    return Math.abs(a) / 2;
  };
  const largest = polygons.reduce((best, p) => (shoelace(p[0]) > shoelace(best[0]) ? p : best));
  if (projected) {
    const pole = polylabel(largest, 1);
    return [pole[0], pole[1]];
  }
  return polygonInteriorPoint({ type: "Polygon", coordinates: largest }, undefined, 0.005).point;
}
