import {
  gradeLabel as coreGradeLabel,
  FACILITY_TYPE_LABELS,
  type Facility,
  type FacilityStatus,
  HOSPITAL_KIND_LABELS,
  type Violation,
} from "../../core";
import type { I18n } from "../i18n";

/** Chinese / English wording of a hospital grade code like "3A" (三级甲等 / Grade III A); see core's gradeLabel. */
export function gradeLabel(grade: string | undefined, lang: "zh" | "en"): string {
  return grade ? coreGradeLabel(grade)[lang] : "";
}

/** Builds the DOM content of a facility popup (text only, never HTML injection). */
export function facilityPopup(f: Facility, i18n: I18n, countyName?: string): HTMLElement {
  const root = document.createElement("div");
  root.className = "facility-popup";
  root.dataset.testid = "facility-popup";
  const title = document.createElement("h3");
  title.textContent = f.name;
  root.append(title);
  const typeLabel =
    f.type === "hospital" && f.hospitalKind
      ? i18n.pick(HOSPITAL_KIND_LABELS[f.hospitalKind])
      : i18n.pick(FACILITY_TYPE_LABELS[f.type]);
  const rows: Array<[string, string]> = [[i18n.t("type"), typeLabel]];
  if (f.grade) rows.push([i18n.t("grade"), gradeLabel(f.grade, i18n.lang)]);
  if (countyName || f.county) rows.push([i18n.t("county"), `${countyName ?? ""} ${f.county ?? ""}`.trim()]);
  if (f.township) rows.push([i18n.t("township"), f.township]);
  if (f.village) rows.push([i18n.t("village"), f.village]);
  if (f.beds !== undefined) rows.push([i18n.t("beds"), String(f.beds)]);
  if (f.ownership) rows.push([i18n.t("ownership"), i18n.t(f.ownership === "private" ? "private" : "public")]);
  rows.push([i18n.t("coordinates"), `${f.lon.toFixed(5)}, ${f.lat.toFixed(5)}`]);
  const table = document.createElement("table");
  for (const [k, v] of rows) {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.textContent = k;
    const td = document.createElement("td");
    td.textContent = v;
    tr.append(th, td);
    table.append(tr);
  }
  root.append(table);
  const tags: string[] = [];
  if (f.proposed) tags.push(i18n.t("proposed"));
  if (f.invented) tags.push(i18n.t("invented"));
  if (tags.length) {
    const p = document.createElement("p");
    p.className = "popup-tags";
    p.textContent = tags.join(" · ");
    root.append(p);
  }
  return root;
}

/** A facility popup with the violations that name it and its status against the rule set. */
export function facilityVerdictPopup(
  f: Facility,
  i18n: I18n,
  countyName: string | undefined,
  violations: readonly Violation[],
  status: FacilityStatus | undefined,
): HTMLElement {
  const el = facilityPopup(f, i18n, countyName);
  for (const v of violations) {
    const p = document.createElement("p");
    p.className = "popup-violation";
    p.textContent = `${v.rule}: ${i18n.pick(v.message)}`;
    el.append(p);
  }
  if (status === "passes" || status === "violates") {
    const p = document.createElement("p");
    p.className = `popup-status ${status}`;
    p.textContent = i18n.t(status === "violates" ? "popupViolates" : "popupPasses");
    el.append(p);
  }
  return el;
}
