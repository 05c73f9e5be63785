import { createContext, type ReactNode, useContext, useMemo } from "react";

export type Lang = "zh" | "en";

const zh = {
  appTitle: "医疗卫生设施布局核查",
  appSubtitle: "县域医疗卫生服务体系规划规则核查与选址",
  city: "城市",
  language: "语言",
  layers: "图层",
  legend: "图例",
  counties: "县级行政区",
  facilities: "医疗卫生设施",
  count: "数量",
  sampleNotice: "示例数据：设施位置与属性为程序生成，并非真实机构。边界为近似边界。",
  boundarySource: "边界来源",
  settings: "设置",
  basemapUrl: "底图瓦片地址（可选）",
  basemapHint: "例如 OSM 栅格瓦片 https://…/{z}/{x}/{y}.png，或天地图（需自备密钥）。留空则不加载底图，完全离线。",
  apply: "应用",
  clear: "清除",
  close: "关闭",
  name: "名称",
  type: "类型",
  county: "所属县区",
  township: "乡镇",
  village: "村",
  grade: "等级",
  ownership: "性质",
  beds: "床位数",
  public: "公立",
  private: "民营",
  invented: "示例（虚构）",
  proposed: "规划新增",
  coordinates: "坐标",
  loading: "加载中…",
  hospitalsByGrade: "医院（按等级）",
  grade3: "三级医院",
  grade2: "二级医院",
  grade1: "一级及以下医院",
  focusCounty: "重点县",
  districts: "市辖区",
  showAll: "全部显示",
  hideAll: "全部隐藏",
  code: "代码",
  kind: "类别",
  kindDistrict: "市辖区",
  kindCounty: "县",
  kindCity: "县级市",
  seat: "驻地",
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: "Health facility layout check",
  appSubtitle: "Checking county health-service plans and siting facilities",
  city: "City",
  language: "Language",
  layers: "Layers",
  legend: "Legend",
  counties: "County-level units",
  facilities: "Health facilities",
  count: "Count",
  sampleNotice:
    "Sample data: facility positions and attributes are generated, not real facilities. Boundaries are approximate.",
  boundarySource: "Boundary source",
  settings: "Settings",
  basemapUrl: "Basemap tile URL (optional)",
  basemapHint:
    "E.g. an OSM raster tile server https://…/{z}/{x}/{y}.png, or Tianditu with your own key. Leave empty for no basemap, fully offline.",
  apply: "Apply",
  clear: "Clear",
  close: "Close",
  name: "Name",
  type: "Type",
  county: "County",
  township: "Township",
  village: "Village",
  grade: "Grade",
  ownership: "Ownership",
  beds: "Beds",
  public: "Public",
  private: "Private",
  invented: "Sample (invented)",
  proposed: "Proposed",
  coordinates: "Coordinates",
  loading: "Loading…",
  hospitalsByGrade: "Hospitals (by grade)",
  grade3: "Grade III hospital",
  grade2: "Grade II hospital",
  grade1: "Grade I / ungraded hospital",
  focusCounty: "Focus county",
  districts: "Districts",
  showAll: "Show all",
  hideAll: "Hide all",
  code: "Code",
  kind: "Kind",
  kindDistrict: "District",
  kindCounty: "County",
  kindCity: "County-level city",
  seat: "Seat",
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export interface I18n {
  lang: Lang;
  t: (key: MessageKey) => string;
  /** Picks the string of the current language from a {zh, en} pair. */
  pick: (text: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18n>(makeI18n("zh"));

export function makeI18n(lang: Lang): I18n {
  const table = MESSAGES[lang];
  return { lang, t: (key) => table[key], pick: (text) => text[lang] };
}

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
