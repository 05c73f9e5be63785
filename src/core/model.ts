/**
 * The one facility taxonomy used by every layer, rule and file format.
 * Keys are stable English identifiers; labels use the plans' own Chinese terms.
 */
export const FACILITY_TYPES = [
  "hospital",
  "county-medical-centre",
  "sub-centre",
  "central-thc",
  "thc",
  "chc",
  "village-clinic",
  "ems-centre",
  "ems-dispatch",
  "ems-station",
] as const;

export type FacilityType = (typeof FACILITY_TYPES)[number];

/** Chinese (plan wording) and English labels of each facility type. */
export const FACILITY_TYPE_LABELS: Record<FacilityType, { zh: string; en: string }> = {
  hospital: { zh: "医院", en: "Hospital" },
  "county-medical-centre": { zh: "县域医疗中心", en: "County medical centre" },
  "sub-centre": { zh: "县域医疗卫生次中心", en: "County sub-centre" },
  "central-thc": { zh: "中心乡镇卫生院", en: "Central township health centre" },
  thc: { zh: "乡镇卫生院", en: "Township health centre" },
  chc: { zh: "社区卫生服务中心", en: "Community health service centre" },
  "village-clinic": { zh: "村卫生室", en: "Village clinic" },
  "ems-centre": { zh: "急救中心", en: "EMS centre" },
  "ems-dispatch": { zh: "120急救调度指挥中心", en: "County 120 dispatch centre" },
  "ems-station": { zh: "急救站", en: "EMS station" },
};

/** Hospital kind (综合/中医/妇幼/专科). */
export type HospitalKind = "general" | "tcm" | "maternal-child" | "specialty";

export const HOSPITAL_KIND_LABELS: Record<HospitalKind, { zh: string; en: string }> = {
  general: { zh: "综合医院", en: "General hospital" },
  tcm: { zh: "中医医院", en: "TCM hospital" },
  "maternal-child": { zh: "妇幼保健院", en: "Maternal and child health hospital" },
  specialty: { zh: "专科医院", en: "Specialty hospital" },
};

/**
 * Hospital grade as written in China: level 1–3 with optional class 甲/乙/丙 (A/B/C).
 * Stored as "3A", "2A", "2B", "2", "1" etc.
 */
export type HospitalGrade = string;

export type Ownership = "public" | "private";

/** One facility. Coordinates are WGS84 / CGCS2000 longitude and latitude in degrees. */
export interface Facility {
  id: string;
  name: string;
  type: FacilityType;
  lon: number;
  lat: number;
  /** 6-digit county-level code (e.g. "411321"). */
  county?: string;
  /** 9-digit township / street code. */
  township?: string;
  /** 12-digit village / community code. */
  village?: string;
  grade?: HospitalGrade;
  hospitalKind?: HospitalKind;
  ownership?: Ownership;
  beds?: number;
  /** A site proposed by the planner (what-if), not an existing facility. */
  proposed?: boolean;
  /** Sample data whose position and attributes are invented. */
  invented?: boolean;
}

/** County-level unit (区 / 县 / 县级市) properties as carried by geodata county features. */
export interface CountyProps {
  /** 6-digit code. */
  code: string;
  name: string;
  /** 区 = district (urban by default), 县 = county, 市 = county-level city. */
  kind: "district" | "county" | "city";
  /** County seat (政府驻地) point [lon, lat], approximate. */
  seat: [number, number];
  /** City id this county belongs to. */
  city: string;
}

/** Population of a county, with the kind of figure (常住 resident vs 户籍 registered). */
export interface CountyPopulation {
  code: string;
  population: number;
  kind: "resident" | "registered";
  year?: number;
  source?: string;
}
