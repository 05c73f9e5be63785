import type { FacilityType, LocalizedText } from "../model";
import { counted, fmtSide, msg, STATUS_WORD, typesEn, typesZh, wan } from "./messages-common";
import type { Measure } from "./schema";

/** Messages of the per-centre beds norm and the city-wide indicators, shares and minimums. */

export const PER_CENTRE_BEDS = {
  noCentres: () =>
    msg("本县无公立乡镇卫生院或社区卫生服务中心", "No public township health centre or CHC in this county"),
  /**
   * A centre below the norm. The population is the unit-population table's, whose kind (常住/户籍) the table does not
   * say (the audit, s50 H-2: 「常住」 was printed for a column headed 「人口」). `sizing`: the norm sizes a centre
   * (003:215 「核定规模」), so the figure is what the norm would approve, for review.
   */
  below: (name: string, beds: number, pop: number, norm: number, need: number, shared: boolean, sizing: boolean) =>
    msg(
      `${name}：床位 ${beds} 张，所在乡镇（街道）人口 ${pop.toLocaleString("en-US")} 人，按每千服务人口 ${norm} 张${sizing ? "核定规模约" : "应为"} ${fmtSide(need, 0.1, (x) => x > beds)} 张${shared ? "（该乡镇有多所机构，服务人口需分摊，待核）" : ""}`,
      `${name}: ${counted(beds, "bed", "beds")}; its township (street) has ${pop.toLocaleString("en-US")} people, so ${norm} per 1,000 ${sizing ? "would size it at about" : "calls for"} ${fmtSide(need, 0.1, (x) => x > beds)}${shared ? " (several centres share the township: for review)" : ""}`,
    ),
  summary: (s: { centres: number; judged: number; below: number; lacking: number; norm: number }) =>
    msg(
      `每所机构按其服务人口（所在乡镇/街道人口）每千人 ${s.norm} 张核定：${s.centres} 所中 ${s.judged} 所可核，${s.below} 所低于核定标准${s.lacking ? `；${s.lacking} 所缺乡镇代码、乡镇人口或床位数（不以全县人口代替）` : ""}`,
      `Each centre against ${s.norm} beds per 1,000 of its own service population (its township's or street's): ${s.judged} of ${s.centres} judged, ${s.below} below${s.lacking ? `; ${s.lacking} ${s.lacking === 1 ? "lacks" : "lack"} a township code, township population or bed count (the county population is not used instead)` : ""}`,
    ),
};

const MEASURE: Record<Measure, { zh: string; en: string; unitZh: string }> = {
  beds: { zh: "医疗卫生机构床位数", en: "beds", unitZh: "张" },
  "infectious-beds": { zh: "传染病救治床位", en: "infectious-disease beds", unitZh: "张" },
  doctors: { zh: "执业（助理）医师数", en: "doctors", unitZh: "人" },
  nurses: { zh: "注册护士数", en: "nurses", unitZh: "人" },
  pharmacists: { zh: "药师（士）数", en: "pharmacists", unitZh: "人" },
  gps: { zh: "全科医生数", en: "general practitioners", unitZh: "人" },
};

const NATURE = {
  binding: { zh: "约束性", en: "binding (约束性)" },
  expected: { zh: "预期性", en: "expected (预期性)" },
} as const;

type Target = { value: number; bound: "inclusive" | "exclusive" };

const boundText = (t: Target) => (t.bound === "inclusive" ? `≥ ${t.value}` : `> ${t.value}`);
const meets = (v: number, t: Target) => (t.bound === "inclusive" ? v >= t.value : v > t.value);
/** A ratio to 0.01 on its verdict's side of the target (never rounded onto it). */
const ratioText = (v: number, t: Target) => fmtSide(v, 0.01, (x) => meets(x, t));
/** A share as a percentage to 0.1 on its verdict's side of the target share. */
const shareText = (share: number, t: Target) => `${fmtSide(share * 100, 0.1, (x) => meets(x / 100, t))}%`;

/** Up to five names, then 「等」 / "…". */
function someNames(list: readonly LocalizedText[]): LocalizedText {
  const head = list.slice(0, 5);
  return msg(
    head.map((n) => n.zh).join("、") + (list.length > 5 ? " 等" : ""),
    head.map((n) => n.en).join(", ") + (list.length > 5 ? " …" : ""),
  );
}

/**
 * What a city-wide figure rests on when an imported list has no facility in some counties: 「全市数值只据清单所含 1 个县区
 * （镇平县）的设施计，其余 12 个县区（…）在清单中没有任何设施，未计入」.
 */
export function listOnly(list: {
  covered: readonly LocalizedText[];
  missing: readonly LocalizedText[];
}): LocalizedText {
  const covered = someNames(list.covered);
  const missing = someNames(list.missing);
  return msg(
    `全市数值只据清单所含 ${list.covered.length} 个县区（${covered.zh}）的设施计，其余 ${list.missing.length} 个县区（${missing.zh}）在清单中没有任何设施，未计入`,
    `the city figure rests on the list's ${counted(list.covered.length, "county", "counties")} only (${covered.en}); ${list.missing.length === 1 ? "the other county" : `the other ${list.missing.length}`} (${missing.en}) ${list.missing.length === 1 ? "has" : "have"} no facility in the list and ${list.missing.length === 1 ? "is" : "are"} not counted`,
  );
}

export const CITY_LEVEL = {
  needsPopulation: (missing: LocalizedText[]) =>
    msg(
      `需要人口数据${missing.length ? `（缺：${missing.map((m) => m.zh).join("、")}）` : ""}`,
      `Needs population figures${missing.length ? ` (missing: ${missing.map((m) => m.en).join(", ")})` : ""}`,
    ),
  needsMeasure: (m: Measure) =>
    msg(
      `数据中无${MEASURE[m].zh}（设施表${m === "beds" || m === "infectious-beds" ? "" : "的人员列或县人员表"}）`,
      `No ${MEASURE[m].en} in the data (facility ${m === "beds" || m === "infectious-beds" ? "columns" : "staff columns or a county staffing table"})`,
    ),
  indicator(x: {
    measure: Measure;
    per: number;
    ratio: number;
    target: { value: number; bound: "inclusive" | "exclusive" };
    nature: "binding" | "expected";
    cites: string[];
    ok: boolean;
    judged: boolean;
    populationKind: "resident" | "registered" | "mixed";
    resident: boolean;
    without: number;
    /** Staff counted from the facilities' columns: the facilities that leave the figure blank. */
    facilitiesWithout?: number;
    /** Some facilities or counties have no figure: the ratio is at least this. */
    lowerBound?: boolean;
    staff: boolean;
    alsoStated: LocalizedText[];
    /** An imported list leaves some counties out: the figure counts the covered ones only. */
    list?: { covered: readonly LocalizedText[]; missing: readonly LocalizedText[] };
  }): LocalizedText {
    const m = MEASURE[x.measure];
    const perZh = x.per === 10000 ? "每万" : "每千";
    const perEn = x.per === 10000 ? "per 10,000" : "per 1,000";
    const pk =
      x.populationKind === "registered"
        ? msg("户籍", "registered")
        : x.populationKind === "mixed"
          ? msg("常住/户籍混合", "mixed resident/registered")
          : msg("常住", "resident");
    const v = ratioText(x.ratio, x.target);
    const atLeast = x.lowerBound ? msg("至少 ", "at least ") : msg("", "");
    const short = x.lowerBound;
    const verdictZh = x.judged
      ? x.ok
        ? "，达标"
        : short
          ? "，已计数值未达标，缺数值者补齐前不能判定（缺数据）"
          : "，未达标"
      : "（县级数值仅供参考，按全市核查）";
    const verdictEn = x.judged
      ? x.ok
        ? ": met"
        : short
          ? ": short on the figures given; cannot be judged until the missing ones are supplied (needs data)"
          : ": not met"
      : " (a county figure, for information; judged for the city)";
    // the plan's 「每千人口」 without 常住 (002:93, 004:145): the measure in its words, the population used said apart
    // (the audit, s50 M-2: 「每千常住人口」 was printed beside a line that does not say it)
    const kindNote = x.resident
      ? x.populationKind !== "resident"
        ? msg(
            "；规划按常住人口计算，所给为户籍人口",
            "; the plan divides by resident population, the figure given is not",
          )
        : msg("", "")
      : msg(
          `；规划写“${perZh}人口”，未注明常住或户籍，此处按所给${pk.zh}人口计算`,
          `; the plan says 「${perZh}人口」 without saying resident or registered: the ${pk.en} population given is used`,
        );
    const pkShown = x.resident ? pk : msg("", "");
    const countiesWithout = x.without
      ? x.staff
        ? msg(`；${x.without} 个县无人员数据`, `; ${counted(x.without, "county", "counties")} without staff figures`)
        : msg(`；${x.without} 所设施无数值`, `; ${counted(x.without, "facility", "facilities")} without a figure`)
      : msg("", "");
    const facilitiesWithout = x.facilitiesWithout
      ? msg(
          `；${x.facilitiesWithout} 所设施未填人员数`,
          `; ${counted(x.facilitiesWithout, "facility", "facilities")} without a staff figure`,
        )
      : msg("", "");
    const without = msg(countiesWithout.zh + facilitiesWithout.zh, countiesWithout.en + facilitiesWithout.en);
    const also = x.alsoStated.length
      ? msg(`；${x.alsoStated.map((a) => a.zh).join("；")}`, `; ${x.alsoStated.map((a) => a.en).join("; ")}`)
      : msg("", "");
    const listed = x.list ? listOnly(x.list) : undefined;
    const list = listed ? msg(`；${listed.zh}`, `; ${listed.en}`) : msg("", "");
    return msg(
      `${perZh}${pkShown.zh}人口${m.zh} ${atLeast.zh}${v}${m.unitZh}，目标 ${boundText(x.target)}（${NATURE[x.nature].zh}，${x.cites.join("、")}）${verdictZh}${kindNote.zh}${without.zh}${list.zh}${also.zh}`,
      `${atLeast.en}${v} ${m.en} ${perEn} ${x.resident ? `${pk.en} population` : "people"} against ${boundText(x.target)} (${NATURE[x.nature].en}, ${x.cites.join(", ")})${verdictEn}${kindNote.en}${without.en}${list.en}${also.en}`,
    );
  },
  alsoStated: (
    label: LocalizedText,
    ratio: number,
    t: { value: number; bound: "inclusive" | "exclusive" },
    ok: boolean,
    cites: string[],
  ) =>
    msg(
      `${label.zh}（${cites.join("、")}）目标 ${boundText(t)}：${ratioText(ratio, t)}${ok ? "，达到" : "，未达到"}`,
      `${label.en} (${cites.join(", ")}) target ${boundText(t)}: ${ratioText(ratio, t)}${ok ? ", met" : ", not met"}`,
    ),
  noneOfType: (types: readonly FacilityType[]) => msg(`无${typesZh(types)}`, `No ${typesEn(types)}`),
  share: (
    counts: "public" | "government",
    types: readonly FacilityType[],
    s: {
      yes: number;
      all: number;
      unknown: number;
      target: { value: number; bound: "inclusive" | "exclusive" };
      judged: boolean;
      verdict: string;
    },
  ) => {
    const what = counts === "government" ? msg("政府办", "government-run") : msg("公有产权（公立）", "publicly owned");
    const pct = shareText(s.yes / s.all, s.target);
    const unknown = s.unknown
      ? msg(
          `；${s.unknown} 所性质不明${counts === "government" ? "或仅注明公立" : ""}，比例在 ${pct}–${shareText((s.yes + s.unknown) / s.all, s.target)} 之间`,
          `; ${s.unknown} of unknown${counts === "government" ? " or only 'public'" : ""} ownership, so the share lies in ${pct}–${shareText((s.yes + s.unknown) / s.all, s.target)}`,
        )
      : msg("", "");
    // short of a direction (「推动…达到」): the note after it says why that is for review
    const v =
      s.verdict === "review" ? msg("未达到", "not reached") : (STATUS_WORD[s.verdict] ?? msg(s.verdict, s.verdict));
    return msg(
      `${what.zh}${typesZh(types)} ${s.yes} / ${s.all} 所，${pct}，目标 ${s.target.bound === "inclusive" ? "≥" : ">"} ${s.target.value * 100}%${unknown.zh}：${s.judged ? v.zh : "县级数值仅供参考，按全市核查"}`,
      `${counts === "government" ? "Government-run" : "Publicly owned"}: ${s.yes} of ${s.all} ${typesEn(types)}${s.all === 1 ? "" : "s"}, ${pct}, against ${s.target.bound === "inclusive" ? "≥" : ">"} ${s.target.value * 100}%${unknown.en}: ${s.judged ? v.en : "a county figure, for information; judged for the city"}`,
    );
  },
  bandNotStated: (pop: number, lo: number, hi: number) =>
    msg(
      `人口 ${pop.toLocaleString("en-US")} 人，不在规划所述 ${wan(lo)}–${wan(hi)} 之内，规划未给出该人口的数量`,
      `Population ${pop.toLocaleString("en-US")} is outside the plan's ${lo.toLocaleString("en-US")}–${hi.toLocaleString("en-US")}; the plan states no figure for it`,
    ),
  minimum: (m: Measure, value: number, min: number, pop: number, ok: boolean, judged: boolean, lowerBound = false) =>
    msg(
      `${MEASURE[m].zh} ${lowerBound ? "至少 " : ""}${value} ${MEASURE[m].unitZh}，人口 ${pop.toLocaleString("en-US")} 人应不低于 ${min} ${MEASURE[m].unitZh}${judged ? (ok ? "，达标" : lowerBound ? "，已计数值未达标，不能判定（缺数据）" : "，未达标") : "（仅供参考）"}`,
      `${lowerBound ? "at least " : ""}${value} ${MEASURE[m].en} for ${pop.toLocaleString("en-US")} people against at least ${min}${judged ? (ok ? ": met" : lowerBound ? ": short on what is counted; cannot be judged (needs data)" : ": not met") : " (for information)"}`,
    ),
};
