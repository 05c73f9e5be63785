import { type Facility, type FacilityType, HOSPITAL_LEVEL_LABELS, hospitalLevel } from "../../core";

/** Legend categories: facility types, with hospitals split by grade. */
export const LAYER_KEYS = [
  "hospital-3",
  "hospital-2",
  "hospital-1",
  "county-medical-centre",
  "sub-centre",
  "central-thc",
  "thc",
  "chc",
  "chc-station",
  "village-clinic",
  "ems-centre",
  "ems-dispatch",
  "ems-station",
] as const;

export type LayerKey = (typeof LAYER_KEYS)[number];

export interface LayerStyle {
  color: string;
  radius: number;
  stroke: string;
  label: { zh: string; en: string };
  /** Higher draws on top. */
  z: number;
}

export const LAYER_STYLES: Record<LayerKey, LayerStyle> = {
  "hospital-3": {
    color: "#b2182b",
    radius: 7,
    stroke: "#fff",
    z: 9,
    label: HOSPITAL_LEVEL_LABELS[3],
  },
  "hospital-2": {
    color: "#e7298a",
    radius: 6,
    stroke: "#fff",
    z: 8,
    label: HOSPITAL_LEVEL_LABELS[2],
  },
  "hospital-1": {
    color: "#f4a6c8",
    radius: 5,
    stroke: "#fff",
    z: 7,
    label: HOSPITAL_LEVEL_LABELS[1],
  },
  "county-medical-centre": {
    color: "#7b3294",
    radius: 8,
    stroke: "#fff",
    // above the EMS markers that share its site (the 120 dispatch centre, the hospital's station): the rules are
    // about it (SUB-15KM measures from it); what sits under it is drawn as a ring around it (features.ts)
    z: 13,
    label: { zh: "县域医疗中心", en: "County medical centre" },
  },
  "sub-centre": {
    color: "#1b7837",
    radius: 7,
    stroke: "#fff",
    // above the EMS station at its site, as the county medical centre
    z: 12,
    label: { zh: "县域医疗卫生次中心", en: "County sub-centre" },
  },
  "central-thc": {
    color: "#4dac26",
    radius: 5.5,
    stroke: "#fff",
    z: 6,
    label: { zh: "中心乡镇卫生院", en: "Central township health centre" },
  },
  thc: {
    color: "#a6d96a",
    radius: 4.5,
    stroke: "#335",
    z: 5,
    label: { zh: "乡镇卫生院", en: "Township health centre" },
  },
  chc: {
    color: "#2c7fb8",
    radius: 4.5,
    stroke: "#fff",
    z: 5,
    label: { zh: "社区卫生服务中心", en: "Community health service centre" },
  },
  "chc-station": {
    color: "#9ecae1",
    radius: 3.5,
    stroke: "#2c7fb8",
    z: 4,
    label: { zh: "社区卫生服务站", en: "Community health service station" },
  },
  "village-clinic": {
    color: "#8c8c8c",
    radius: 1.8,
    stroke: "#8c8c8c",
    z: 1,
    label: { zh: "村卫生室", en: "Village clinic" },
  },
  "ems-centre": { color: "#d7301f", radius: 8, stroke: "#000", z: 11, label: { zh: "急救中心", en: "EMS centre" } },
  "ems-dispatch": {
    color: "#fc8d59",
    radius: 6.5,
    stroke: "#000",
    z: 10,
    label: { zh: "120急救指挥中心", en: "120 dispatch centre" },
  },
  "ems-station": { color: "#fdae61", radius: 5.5, stroke: "#000", z: 10, label: { zh: "急救站", en: "EMS station" } },
};

/** The legend category of a facility (hospitals by grade, others by type). */
export function layerKeyOf(f: Pick<Facility, "type" | "grade">): LayerKey {
  if (f.type === "hospital") return `hospital-${hospitalLevel(f.grade)}`;
  return f.type as Exclude<FacilityType, "hospital">;
}

/** A marker's outline width in CSS px, as the facility layers draw it (layers.ts): proposed, violating, or its own. */
export const STROKE_PX = { proposed: 3, violates: 2.5, own: 1, villageClinic: 0 } as const;

/** The outline width (CSS px) a facility's marker is drawn with. */
export function strokePx(key: LayerKey, p: { proposed?: boolean; status?: string }): number {
  if (p.proposed) return STROKE_PX.proposed;
  if (p.status === "violates") return STROKE_PX.violates;
  return key === "village-clinic" ? STROKE_PX.villageClinic : STROKE_PX.own;
}

/** Draw order: low-z first. */
export const LAYER_DRAW_ORDER: LayerKey[] = [...LAYER_KEYS].sort((a, b) => LAYER_STYLES[a].z - LAYER_STYLES[b].z);
