import { useState } from "react";
import type { ColumnMapping, CrsId, FacilityImport, RowIssue, TypeOverrides } from "../../core";
import { type CountyPopulation, FACILITY_TYPE_LABELS, FACILITY_TYPES, type FacilityType } from "../../core";
import { useI18n } from "../i18n";
import { FileInput } from "./FileInput";

export interface PendingImport {
  fileName: string;
  bytes: Uint8Array;
  result: FacilityImport;
  /** Column headers of a tabular file (empty for GeoJSON, KML, Shapefile). */
  headers: string[];
  crs: CrsId | undefined;
  typeOverrides?: TypeOverrides;
}

/** Issues whose facility type the user can choose: unknown types (rejected) and types guessed from the name. */
const TYPE_FIXABLE = new Set(["unknown-type", "type-from-name"]);

/** The fields a planner may map, with the plans' Chinese wording. */
const MAPPED_FIELDS: Array<{ key: keyof ColumnMapping; zh: string; en: string; required?: boolean }> = [
  { key: "name", zh: "名称", en: "Name", required: true },
  { key: "type", zh: "类型", en: "Type" },
  { key: "lon", zh: "经度", en: "Longitude", required: true },
  { key: "lat", zh: "纬度", en: "Latitude", required: true },
  { key: "county", zh: "所属县区", en: "County" },
  { key: "township", zh: "乡镇", en: "Township" },
  { key: "village", zh: "村", en: "Village" },
  { key: "beds", zh: "床位数", en: "Beds" },
  { key: "grade", zh: "等级", en: "Grade" },
  { key: "ownership", zh: "性质", en: "Ownership" },
  { key: "id", zh: "编号", en: "ID" },
];

export interface DataPanelProps {
  datasetName: string | null;
  pending: PendingImport | null;
  importing: { done: number; total: number } | null;
  onFile: (file: File, crs: CrsId | undefined) => void;
  onReparse: (crs: CrsId | undefined, mapping?: Partial<ColumnMapping>) => void;
  /** The user picked a facility type for a row with an unknown or guessed type. */
  onTypeFix: (issue: RowIssue, type: FacilityType) => void;
  onApply: (dropWarnedRows: Set<number>) => void;
  onCancel: () => void;
  onClearDataset: () => void;
  boundariesName: string | null;
  boundaryIssues: RowIssue[];
  onBoundariesFile: (file: File) => void;
  onClearBoundaries: () => void;
  demand: { fileName: string; count: number } | null;
  demandIssues: RowIssue[];
  onDemandFile: (file: File) => void;
  onClearDemand: () => void;
  population: CountyPopulation[];
  populationIssues: RowIssue[];
  onPopulationFile: (file: File) => void;
  onExport: (what: ExportKind) => void;
  onSaveProject: () => void;
  onOpenProject: (file: File) => void;
  projectErrors: RowIssue[];
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
}

export type ExportKind =
  | "facilities-geojson"
  | "facilities-geojson-gcj02"
  | "gaps-geojson"
  | "violations-geojson"
  | "coverage-geojson"
  | "county-csv"
  | "violations-csv"
  | "facilities-shp"
  | "gaps-shp"
  | "violations-shp"
  | "map-png"
  | "map-png-a3"
  | "report-docx"
  | "report-html";

const CRS_CHOICES: Array<{ id: CrsId | ""; zh: string; en: string }> = [
  { id: "", zh: "自动（按文件 .prj / 内容判断，否则 WGS84）", en: "Auto (from the file's .prj / content, else WGS84)" },
  { id: "wgs84", zh: "WGS84 / CGCS2000 经纬度", en: "WGS84 / CGCS2000 lon/lat" },
  { id: "gcj02", zh: "GCJ-02（高德、腾讯）", en: "GCJ-02 (Amap, Tencent)" },
  { id: "bd09", zh: "BD-09（百度）", en: "BD-09 (Baidu)" },
  ...[37, 38, 39].map((zone) => ({
    id: `EPSG:${4488 + zone}` as CrsId,
    zh: `CGCS2000 3度带高斯投影 ${zone} 带（带号前缀，EPSG:${4488 + zone}）`,
    en: `CGCS2000 3° Gauss–Krüger zone ${zone} (with prefix, EPSG:${4488 + zone})`,
  })),
  ...[111, 114, 117].map((cm) => ({
    id: `EPSG:${4545 + (cm - 108) / 3}` as CrsId,
    zh: `CGCS2000 3度带高斯投影 中央经线 ${cm}°E（EPSG:${4545 + (cm - 108) / 3}）`,
    en: `CGCS2000 3° Gauss–Krüger CM ${cm}°E (EPSG:${4545 + (cm - 108) / 3})`,
  })),
];

function IssueTable({
  issues,
  drop,
  onToggle,
  onType,
}: {
  issues: RowIssue[];
  drop?: Set<number>;
  onToggle?: (row: number) => void;
  onType?: (issue: RowIssue, type: FacilityType) => void;
}) {
  const { pick, lang } = useI18n();
  const zh = lang === "zh";
  return (
    <table className="issues" data-testid="import-issues">
      <thead>
        <tr>
          <th>{zh ? "文件" : "File"}</th>
          <th>{zh ? "行" : "Row"}</th>
          <th>{zh ? "字段" : "Field"}</th>
          <th>{zh ? "问题" : "Issue"}</th>
          {onType && <th>{zh ? "更正类型" : "Set type"}</th>}
          {onToggle && <th>{zh ? "剔除" : "Drop"}</th>}
        </tr>
      </thead>
      <tbody>
        {issues.slice(0, 300).map((i) => (
          <tr
            key={`${i.row}-${i.field}-${i.code}`}
            className={i.severity}
            data-row={i.row}
            data-field={i.field}
            data-code={i.code}
          >
            <td>{i.file}</td>
            <td>{i.row}</td>
            <td>{i.field}</td>
            <td>
              {i.severity === "error" ? (zh ? "【拒收】" : "[rejected] ") : zh ? "【存疑】" : "[doubtful] "}
              {pick(i.message)}
              {i.value !== undefined && i.value !== "" ? ` (${i.value})` : ""}
            </td>
            {onType && (
              <td>
                {TYPE_FIXABLE.has(i.code) && (
                  <select
                    aria-label={`type row ${i.row}`}
                    defaultValue=""
                    onChange={(e) => e.target.value && onType(i, e.target.value as FacilityType)}
                  >
                    <option value="">—</option>
                    {FACILITY_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {pick(FACILITY_TYPE_LABELS[t])}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            )}
            {onToggle && (
              <td>
                {i.severity === "warning" && i.row > 0 && (
                  <input
                    type="checkbox"
                    checked={drop?.has(i.row) ?? false}
                    onChange={() => onToggle(i.row)}
                    aria-label={`drop row ${i.row}`}
                  />
                )}
              </td>
            )}
          </tr>
        ))}
        {issues.length > 300 && (
          <tr>
            <td colSpan={5}>… {issues.length - 300}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function DataPanel(props: DataPanelProps) {
  const { lang } = useI18n();
  const zh = lang === "zh";
  const [crs, setCrs] = useState<CrsId | "">("");
  const [drop, setDrop] = useState<Set<number>>(new Set());
  const p = props.pending;
  const maybeGcj = p?.result.issues.some((i) => i.code === "maybe-gcj02" || i.code === "maybe-bd09");
  const errors = p?.result.issues.filter((i) => i.severity === "error").length ?? 0;
  const warnings = p?.result.issues.filter((i) => i.severity === "warning").length ?? 0;
  const exportButton = (kind: ExportKind, zhLabel: string, enLabel: string) => (
    <button type="button" onClick={() => props.onExport(kind)} data-testid={`export-${kind}`}>
      {zh ? zhLabel : enLabel}
    </button>
  );
  return (
    <div className="data">
      <section>
        <h3>{zh ? "导入设施清单" : "Import facilities"}</h3>
        <p className="hint">
          {zh
            ? "支持 CSV（UTF-8/GBK）、XLSX、GeoJSON、KML、压缩的 Shapefile（.zip）。导入的清单替换本市示例数据；数据只在本机处理。"
            : "CSV (UTF-8/GBK), XLSX, GeoJSON, KML, zipped Shapefile. An imported list replaces this city's sample data; nothing leaves this computer."}
        </p>
        <label className="row">
          {zh ? "坐标系" : "Coordinates"}
          <select value={crs} onChange={(e) => setCrs(e.target.value as CrsId | "")} data-testid="import-crs">
            {CRS_CHOICES.map((c) => (
              <option key={c.id} value={c.id}>
                {zh ? c.zh : c.en}
              </option>
            ))}
          </select>
        </label>
        <FileInput
          accept=".csv,.txt,.xlsx,.geojson,.json,.kml,.zip"
          testId="import-facilities"
          onFile={(f) => {
            setDrop(new Set());
            props.onFile(f, crs || undefined);
          }}
        />
        {props.importing && (
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={props.importing.done}
            aria-valuemax={props.importing.total}
          >
            {zh ? "正在读取" : "Reading"} {props.importing.done.toLocaleString()} /{" "}
            {props.importing.total.toLocaleString()}
            <progress value={props.importing.done} max={Math.max(1, props.importing.total)} />
          </div>
        )}
        {props.datasetName && !p && (
          <p>
            {zh ? "当前使用导入清单：" : "Using imported list: "}
            <b>{props.datasetName}</b>{" "}
            <button type="button" onClick={props.onClearDataset}>
              {zh ? "恢复示例数据" : "Back to sample data"}
            </button>
          </p>
        )}
        {p && (
          <div className="pending" data-testid="import-summary">
            <p>
              <b>{p.fileName}</b>: {zh ? "共" : "rows"} {p.result.totalRows}, {zh ? "可用" : "usable"}{" "}
              {p.result.facilities.length},{" "}
              <span className="bad">
                {zh ? "拒收" : "rejected"} {p.result.rejectedRows}
              </span>
              , {zh ? "存疑" : "doubtful"} {warnings}
              {p.result.encoding ? ` · ${p.result.encoding}` : ""} · {p.result.crs}
            </p>
            {p.headers.length > 0 && (
              <details className="mapping" data-testid="column-mapping" open={p.result.rejectedRows > 0}>
                <summary>{zh ? "列对应（可更正）" : "Column mapping (correct if needed)"}</summary>
                <div className="grid-form">
                  {MAPPED_FIELDS.map((f) => (
                    <label key={f.key}>
                      {zh ? f.zh : f.en}
                      {f.required ? " *" : ""}
                      <select
                        value={p.result.mapping[f.key] ?? ""}
                        data-testid={`map-${f.key}`}
                        onChange={(e) =>
                          props.onReparse(p.crs, { ...p.result.mapping, [f.key]: e.target.value || undefined })
                        }
                      >
                        <option value="">{zh ? "（无）" : "(none)"}</option>
                        {p.headers.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                </div>
              </details>
            )}
            {maybeGcj && (
              <p className="warn">
                {zh ? "坐标可能来自高德/百度（GCJ-02/BD-09）：" : "Coordinates may be from Amap/Baidu (GCJ-02/BD-09): "}
                <button type="button" onClick={() => props.onReparse("gcj02", p.result.mapping)}>
                  {zh ? "按 GCJ-02 转换" : "Convert from GCJ-02"}
                </button>{" "}
                <button type="button" onClick={() => props.onReparse("bd09", p.result.mapping)}>
                  {zh ? "按 BD-09 转换" : "Convert from BD-09"}
                </button>
              </p>
            )}
            {(errors > 0 || warnings > 0) && (
              <IssueTable
                issues={p.result.issues}
                onType={props.onTypeFix}
                drop={drop}
                onToggle={(row) =>
                  setDrop((prev) => {
                    const next = new Set(prev);
                    if (next.has(row)) next.delete(row);
                    else next.add(row);
                    return next;
                  })
                }
              />
            )}
            <button
              type="button"
              className="primary"
              onClick={() => props.onApply(drop)}
              disabled={p.result.facilities.length - drop.size === 0}
              data-testid="import-apply"
            >
              {zh
                ? `使用 ${p.result.facilities.length - drop.size} 条`
                : `Use ${p.result.facilities.length - drop.size} rows`}
            </button>{" "}
            <button type="button" onClick={props.onCancel}>
              {zh ? "取消" : "Cancel"}
            </button>
          </div>
        )}
      </section>
      <section>
        <h3>{zh ? "县区边界（其他地区）" : "County boundaries (another region)"}</h3>
        <p className="hint">
          {zh
            ? "GeoJSON、KML 或压缩的 Shapefile，每个县区一个面，带 6 位县级代码与名称；替换本市内置边界。"
            : "GeoJSON, KML or zipped Shapefile: one polygon per county with its 6-digit code and name; replaces this city's embedded boundaries."}
        </p>
        <FileInput accept=".geojson,.json,.kml,.zip" testId="import-boundaries" onFile={props.onBoundariesFile} />
        {props.boundariesName && (
          <p data-testid="boundaries-in-use">
            {zh ? "当前使用导入边界：" : "Using imported boundaries: "}
            <b>{props.boundariesName}</b>{" "}
            <button type="button" onClick={props.onClearBoundaries}>
              {zh ? "恢复内置边界" : "Back to embedded boundaries"}
            </button>
          </p>
        )}
        {props.boundaryIssues.length > 0 && <IssueTable issues={props.boundaryIssues} />}
      </section>
      <section>
        <h3>{zh ? "需求点（人口加权）" : "Demand points (weighted)"}</h3>
        <p className="hint">
          {zh
            ? "CSV 或 GeoJSON：经度、纬度、人口（如各村常住人口）。导入后，急救半径核查另报覆盖人口，选址按人口而非面积。"
            : "CSV or GeoJSON: lon, lat, weight/population (e.g. each village's residents). The EMS radius checks then also report covered population, and siting weighs population instead of area."}
        </p>
        <FileInput accept=".csv,.txt,.geojson,.json" testId="import-demand" onFile={props.onDemandFile} />
        {props.demand && (
          <p data-testid="demand-in-use">
            {zh ? "当前需求点：" : "Demand points: "}
            <b>{props.demand.fileName}</b> ({props.demand.count}){" "}
            <button type="button" onClick={props.onClearDemand}>
              {zh ? "清除" : "Clear"}
            </button>
          </p>
        )}
        {props.demandIssues.length > 0 && <IssueTable issues={props.demandIssues} />}
      </section>
      <section>
        <h3>{zh ? "县区人口" : "County population"}</h3>
        <p className="hint">
          {zh
            ? "CSV 或 XLSX：县区代码或名称、人口、口径（常住/户籍）。"
            : "CSV or XLSX: county code or name, population, kind (常住 resident / 户籍 registered)."}
        </p>
        <FileInput accept=".csv,.txt,.xlsx" testId="import-population" onFile={props.onPopulationFile} />
        {props.population.length > 0 && (
          <p>
            {zh ? "已有人口数据的县区：" : "Counties with population: "}
            {props.population.length}
          </p>
        )}
        {props.populationIssues.length > 0 && <IssueTable issues={props.populationIssues} />}
      </section>
      <section>
        <h3>{zh ? "导出" : "Export"}</h3>
        <div className="buttons">
          {exportButton("facilities-geojson", "设施 GeoJSON（含新增）", "Facilities GeoJSON (with proposed)")}
          {exportButton(
            "facilities-geojson-gcj02",
            "设施 GeoJSON（GCJ-02，叠加高德用）",
            "Facilities GeoJSON (GCJ-02 for Amap)",
          )}
          {exportButton("coverage-geojson", "服务半径 GeoJSON", "Service radius GeoJSON")}
          {exportButton("gaps-geojson", "覆盖缺口 GeoJSON", "Gaps GeoJSON")}
          {exportButton("violations-geojson", "违规 GeoJSON", "Violations GeoJSON")}
          {exportButton("county-csv", "县区核查表 CSV", "County table CSV")}
          {exportButton("violations-csv", "违规清单 CSV", "Violation list CSV")}
          {exportButton("facilities-shp", "设施 Shapefile（.zip）", "Facilities Shapefile (.zip)")}
          {exportButton("gaps-shp", "覆盖缺口 Shapefile（.zip）", "Gaps Shapefile (.zip)")}
          {exportButton("violations-shp", "违规 Shapefile（.zip）", "Violations Shapefile (.zip)")}
          {exportButton(
            "map-png",
            "地图 PNG · A4 300dpi（图例、指北针、比例尺）",
            "Map PNG · A4 300 dpi (legend, north arrow, scale)",
          )}
          {exportButton("map-png-a3", "地图 PNG · A3 300dpi", "Map PNG · A3 300 dpi")}
          {exportButton("report-docx", "审查报告 Word（.docx）", "Review report, Word (.docx)")}
          {exportButton("report-html", "审查报告 打印版（另存为 PDF）", "Review report, print view (save as PDF)")}
        </div>
      </section>
      <section>
        <h3>{zh ? "项目" : "Project"}</h3>
        <p className="hint">
          {zh
            ? "工作自动保存在本机浏览器中，刷新后恢复。"
            : "Work is saved in this browser as you go and restored on reload."}
        </p>
        <div className="buttons">
          <button type="button" onClick={props.onUndo} disabled={!props.canUndo} data-testid="undo">
            {zh ? "撤销" : "Undo"}
          </button>
          <button type="button" onClick={props.onRedo} disabled={!props.canRedo} data-testid="redo">
            {zh ? "重做" : "Redo"}
          </button>
          <button type="button" onClick={props.onSaveProject} data-testid="save-project">
            {zh ? "保存项目文件" : "Save project file"}
          </button>
          <label className="file-button">
            {zh ? "打开项目文件" : "Open project file"}
            <FileInput accept=".json,.hfp.json" testId="open-project" onFile={props.onOpenProject} />
          </label>
        </div>
        {props.projectErrors.length > 0 && <IssueTable issues={props.projectErrors} />}
      </section>
    </div>
  );
}
