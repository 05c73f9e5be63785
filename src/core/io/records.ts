import { FACILITY_TYPE_LABELS, type Facility } from "../model";
import { classifyLonLat, inChinaBbox, SWAP_MESSAGE } from "./checks";
import { guessFacilityType, guessHospitalKind, parseGrade, parseOwnership } from "./classify";
import { isProjected, toWgs84 } from "./crs";
import { fileStem } from "./text";
import type { ColumnMapping, CrsId, Message, RowIssue, TypeOverrides } from "./types";

/**
 * From source records to facilities: one record (a spreadsheet row or a vector feature, its cells as text) becomes
 * a facility or a row issue naming file, row and field. The readers that make records from each format are in
 * facilities.ts.
 */

/** How often onProgress is called, rows. */
export const PROGRESS_EVERY = 5000;

/** Staff columns and how their values are named in messages. */
const STAFF_FIELDS: Array<["doctors" | "nurses" | "pharmacists" | "gps", Message]> = [
  ["doctors", { zh: "执业（助理）医师数", en: "doctors" }],
  ["nurses", { zh: "注册护士数", en: "nurses" }],
  ["pharmacists", { zh: "药师（士）数", en: "pharmacists" }],
  ["gps", { zh: "全科医生数", en: "general practitioners" }],
];

/** A county to resolve county names to codes. */
export interface CountyRef {
  code: string;
  name: string;
}

/** One input record: a spreadsheet row or a vector feature, with its cells as text. */
export interface SourceRecord {
  row: number;
  get(column: string | undefined): string;
  /** Point geometry in the file's CRS, for vector formats. */
  point?: [number, number];
  /** Geometry type when it is not a point (→ error). */
  otherGeometry?: string;
}

function message(zh: string, en: string): Message {
  return { zh, en };
}

function parseNumber(text: string): number {
  const s = text
    .trim()
    .replace(/[，,]/g, ".")
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  // degrees-minutes-seconds: 112°30'15.5"E, 112度30分15秒, N33°0'0"
  const dms =
    /^([NSEW东西南北])?\s*(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″秒]|'')\s*)?([NSEW东西南北])?$/i.exec(
      s,
    );
  if (dms) {
    const hemi = (dms[1] ?? dms[5] ?? "").toUpperCase();
    const v = Number(dms[2]) + Number(dms[3] ?? 0) / 60 + Number(dms[4] ?? 0) / 3600;
    return hemi === "S" || hemi === "W" || hemi === "西" || hemi === "南" ? -v : v;
  }
  const deg = /^([NSEW东西南北])?\s*(-?\d+(?:\.\d+)?)\s*°?\s*([NSEW东西南北])?$/i.exec(s);
  if (deg) {
    const hemi = (deg[1] ?? deg[3] ?? "").toUpperCase();
    const v = Number(deg[2]);
    return hemi === "S" || hemi === "W" || hemi === "西" || hemi === "南" ? -v : v;
  }
  return Number.NaN;
}

function parseBool(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (["true", "1", "yes", "y", "是", "t"].includes(s)) return true;
  if (["false", "0", "no", "n", "否", "f", ""].includes(s)) return false;
  return undefined;
}

function normCountyName(s: string): string {
  return s.trim().replace(/\s+/g, "");
}

/** Options for {@link rowsToFacilities} beyond {@link ParseFacilityOptions}. */
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
  typeOverrides?: TypeOverrides;
}

export function convertRecords(
  records: SourceRecord[],
  ctx: ConvertContext,
): { facilities: Facility[]; rows: number[]; issues: RowIssue[]; rejected: number } {
  const { file, mapping } = ctx;
  const issues: RowIssue[] = [];
  const facilities: Facility[] = [];
  const rows: number[] = [];
  let rejected = 0;
  const stem = fileStem(file);
  const ids = new Set<string>();
  const projected = isProjected(ctx.crs) || ctx.customToWgs84 !== undefined;
  const toWgs = ctx.customToWgs84 ?? ((x: number, y: number) => toWgs84(x, y, ctx.crs));
  const countyByName = new Map<string, string>();
  for (const c of ctx.counties ?? []) {
    const n = normCountyName(c.name);
    countyByName.set(n, c.code);
    const short = n.replace(/(自治县|县|区|市)$/, "");
    if (short.length >= 2 && !countyByName.has(short)) countyByName.set(short, c.code);
  }
  const lonField = mapping.lon ?? "lon";
  const latField = mapping.lat ?? "lat";
  const total = records.length;

  records.forEach((rec, index) => {
    if (ctx.onProgress && index > 0 && index % PROGRESS_EVERY === 0) ctx.onProgress(index, total);
    const row = rec.row;
    const rowIssues: RowIssue[] = [];
    const err = (field: string, code: string, msg: Message, value?: string) =>
      rowIssues.push({
        file,
        row,
        field,
        ...(value !== undefined ? { value } : {}),
        message: msg,
        severity: "error",
        code,
      });
    const warn = (field: string, code: string, msg: Message, value?: string) =>
      rowIssues.push({
        file,
        row,
        field,
        ...(value !== undefined ? { value } : {}),
        message: msg,
        severity: "warning",
        code,
      });

    // Coordinates in the file's CRS.
    let x = Number.NaN;
    let y = Number.NaN;
    let coordField = `${lonField}/${latField}`;
    let coordValue = "";
    if (rec.otherGeometry) {
      err(
        ctx.geometryField ?? "geometry",
        "not-a-point",
        message(`几何类型为 ${rec.otherGeometry}，不是点`, `geometry is a ${rec.otherGeometry}, not a point`),
        rec.otherGeometry,
      );
    } else if (rec.point) {
      [x, y] = rec.point;
      coordField = ctx.geometryField ?? "geometry";
      coordValue = `${x}, ${y}`;
    } else if (mapping.lon === undefined || mapping.lat === undefined) {
      err(
        ctx.geometryField ? "geometry" : `${lonField}/${latField}`,
        "missing-coordinate",
        message(
          "没有坐标（缺少经度/纬度列或点几何）",
          "no coordinates (no longitude/latitude column or point geometry)",
        ),
      );
    } else {
      const lonText = rec.get(mapping.lon).trim();
      const latText = rec.get(mapping.lat).trim();
      coordValue = `${lonText}, ${latText}`;
      x = lonText === "" ? Number.NaN : parseNumber(lonText);
      y = latText === "" ? Number.NaN : parseNumber(latText);
      if (lonText === "") err(lonField, "missing-coordinate", message("经度为空", "longitude is empty"));
      else if (Number.isNaN(x))
        err(
          lonField,
          "not-a-number",
          message(`经度“${lonText}”不是数字`, `longitude "${lonText}" is not a number`),
          lonText,
        );
      if (latText === "") err(latField, "missing-coordinate", message("纬度为空", "latitude is empty"));
      else if (Number.isNaN(y))
        err(
          latField,
          "not-a-number",
          message(`纬度“${latText}”不是数字`, `latitude "${latText}" is not a number`),
          latText,
        );
    }

    let lon = Number.NaN;
    let lat = Number.NaN;
    if (Number.isFinite(x) && Number.isFinite(y) && rowIssues.length === 0) {
      if (!projected) {
        const c = classifyLonLat(x, y);
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
                `投影坐标 (${x}, ${y}) 在 ${ctx.crs} 下不在中国范围内：坐标系选错了吗？`,
                `projected coordinate (${x}, ${y}) is outside China in ${ctx.crs}: wrong CRS?`,
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
    const chosen =
      ctx.typeOverrides?.byRow?.[row] ?? (typeCell !== "" ? ctx.typeOverrides?.byValue?.[typeCell] : undefined);
    const type = chosen ?? guessFacilityType(name, typeCell);
    if (chosen) {
      // the user's choice: nothing to report
    } else if (!type) {
      if (typeCell !== "")
        err(
          mapping.type ?? "type",
          "unknown-type",
          message(`无法识别机构类型“${typeCell}”`, `unknown facility type "${typeCell}"`),
          typeCell,
        );
      else
        err(
          mapping.type ?? mapping.name ?? "type",
          "unknown-type",
          message(`无法从名称“${name}”判断机构类型`, `cannot tell the facility type from the name "${name}"`),
          name,
        );
    } else if (typeCell !== "" && guessFacilityType("", typeCell) === undefined) {
      warn(
        mapping.type ?? "type",
        "type-from-name",
        message(
          `类型“${typeCell}”无法识别，已按名称判断为${FACILITY_TYPE_LABELS[type].zh}（推测）`,
          `type "${typeCell}" not recognised; took ${type} from the name (a guess)`,
        ),
        typeCell,
      );
    } else if (typeCell === "") {
      // no type in the file: the name decided, which is a guess the user should see (and can correct)
      warn(
        mapping.type ?? mapping.name ?? "type",
        "type-from-name",
        message(
          `无类型，按名称“${name}”推测为${FACILITY_TYPE_LABELS[type].zh}`,
          `no type given; guessed ${type} from the name "${name}"`,
        ),
        name,
      );
    }
    if (name === "" && type) {
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
      return;
    }

    const f: Facility = { id: "", name, type, lon, lat };
    // Id.
    let id = rec.get(mapping.id).trim();
    if (id === "") id = `${stem}-${row}`;
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

    // "missing-optional" warnings only where a rule needs the field: county for all, township for
    // township health centres, village for village clinics.
    if (mapping.county) {
      const c = rec.get(mapping.county).trim();
      if (c === "") warn(mapping.county, "missing-optional", message("所属县区为空", "county is empty"));
      else if (/^\d{6}$/.test(c)) f.county = c;
      else if (/^\d{6}0{6}$/.test(c) || /^\d{6}0{3}$/.test(c)) f.county = c.slice(0, 6);
      else {
        const code =
          countyByName.get(normCountyName(c)) ?? countyByName.get(normCountyName(c).replace(/(自治县|县|区|市)$/, ""));
        if (code) f.county = code;
        else
          warn(
            mapping.county,
            "unresolved-county",
            message(
              `所属县区“${c}”不是 6 位代码且无法按名称匹配`,
              `county "${c}" is not a 6-digit code and matches no county name`,
            ),
            c,
          );
      }
    }
    if (mapping.township) {
      const t = rec.get(mapping.township).trim();
      if (t === "") {
        if (type === "thc" || type === "central-thc" || type === "sub-centre")
          warn(mapping.township, "missing-optional", message("乡镇为空", "township is empty"));
      } else if (/^\d{9}$/.test(t)) f.township = t;
      else if (/^\d{9}000$/.test(t)) f.township = t.slice(0, 9);
      else
        warn(
          mapping.township,
          "not-a-code",
          message(`乡镇“${t}”不是 9 位统计代码，未使用`, `township "${t}" is not a 9-digit code; not used`),
          t,
        );
    }
    if (mapping.village) {
      const v = rec.get(mapping.village).trim();
      if (v === "") {
        if (type === "village-clinic")
          warn(mapping.village, "missing-optional", message("行政村为空", "village is empty"));
      } else if (/^\d{12}$/.test(v)) f.village = v;
      else
        warn(
          mapping.village,
          "not-a-code",
          message(`行政村“${v}”不是 12 位统计代码，未使用`, `village "${v}" is not a 12-digit code; not used`),
          v,
        );
    }
    if (mapping.beds) {
      const b = rec.get(mapping.beds).trim();
      if (b !== "") {
        const n = parseNumber(b);
        if (Number.isFinite(n) && n >= 0) f.beds = n;
        else
          warn(
            mapping.beds,
            "not-a-number",
            message(`床位数“${b}”不是非负数，未使用`, `beds "${b}" is not a non-negative number; not used`),
            b,
          );
      }
    }
    const count = (col: string | undefined, what: Message): number | undefined => {
      if (!col) return undefined;
      const b = rec.get(col).trim();
      if (b === "") return undefined;
      const n = parseNumber(b);
      if (Number.isFinite(n) && n >= 0) return n;
      warn(
        col,
        "not-a-number",
        message(`${what.zh}“${b}”不是非负数，未使用`, `${what.en} "${b}" is not a non-negative number; not used`),
        b,
      );
      return undefined;
    };
    const infectious = count(mapping.infectiousBeds, message("传染病床位数", "infectious-disease beds"));
    if (infectious !== undefined) f.infectiousBeds = infectious;
    const staff: NonNullable<Facility["staff"]> = {};
    for (const [key, what] of STAFF_FIELDS) {
      const n = count(mapping[key], what);
      if (n !== undefined) staff[key] = n;
    }
    if (Object.keys(staff).length > 0) f.staff = staff;
    if (mapping.servesVillages) {
      const cell = rec.get(mapping.servesVillages).trim();
      if (cell !== "") {
        const parts = cell.split(/[\s,，;；、/|]+/).filter((x) => x !== "");
        const codes = parts.filter((x) => /^\d{12}$/.test(x));
        const bad = parts.filter((x) => !/^\d{12}$/.test(x));
        if (codes.length > 0) f.servesVillages = codes;
        if (bad.length > 0)
          warn(
            mapping.servesVillages,
            "not-a-code",
            message(
              `服务行政村中“${bad.join("、")}”不是 12 位统计代码，未使用`,
              `served villages "${bad.join(", ")}" are not 12-digit codes; not used`,
            ),
            cell,
          );
      }
    }
    if (mapping.grade) {
      const g = rec.get(mapping.grade).trim();
      if (g !== "") {
        const grade = parseGrade(g);
        if (grade) f.grade = grade;
        else if (!/未定级|无|^-$/.test(g))
          warn(mapping.grade, "unknown-grade", message(`等级“${g}”无法识别`, `grade "${g}" not recognised`), g);
      }
    }
    if (type === "hospital" || mapping.hospitalKind) {
      const kindCell = rec.get(mapping.hospitalKind).trim();
      if (type === "hospital") f.hospitalKind = guessHospitalKind(name, kindCell || typeCell);
    }
    if (mapping.ownership) {
      const o = rec.get(mapping.ownership).trim();
      if (o !== "") {
        const own = parseOwnership(o);
        if (own) f.ownership = own;
        else
          warn(
            mapping.ownership,
            "unknown-ownership",
            message(`性质“${o}”无法识别`, `ownership "${o}" not recognised`),
            o,
          );
      }
    }
    for (const key of ["proposed", "invented"] as const) {
      const col = mapping[key];
      if (!col) continue;
      const cell = rec.get(col);
      const b = parseBool(cell);
      if (b === true) f[key] = true;
      else if (b === undefined)
        warn(col, "not-a-boolean", message(`“${cell}”不是是/否`, `"${cell}" is not a yes/no value`), cell);
    }
    issues.push(...rowIssues);
    facilities.push(f);
    rows.push(row);
  });
  ctx.onProgress?.(total, total);
  return { facilities, rows, issues, rejected };
}

function inChinaLon(lon: number): boolean {
  return lon >= 73 && lon <= 136;
}
