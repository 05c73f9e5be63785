import { counted } from "../plural";
import type { Instance } from "./prepare";

/** Why a siting problem cannot be solved, found before solving, and its constraints in words (for messages). */

/**
 * A share as a percentage with one decimal, for messages; never rounded onto 0 % or 100 % when it is neither (a site
 * adding 0.035 % read 「新增覆盖 0%」 beside the list's 「< 0.1%」).
 */
export function pct(x: number): string {
  const r = Math.round(x * 1000) / 10;
  if (r === 0 && x > 0) return "<0.1%";
  if (r === 100 && x < 1) return ">99.9%";
  // one decimal always, as every other share beside it (the user trial, s50 L4: 「新增覆盖 11%」 beside 86.4 → 97.5 %)
  return x === 0 || x === 1 ? `${r}%` : `${r.toFixed(1)}%`;
}

export interface Msg {
  zh: string;
  en: string;
}

/** Reasons the constraints or target make the problem infeasible, found without solving. */
export function precheck(inst: Instance): Msg | null {
  const p = inst.problem;
  const cons = p.constraints ?? {};
  const minBy = cons.perCountyMin ?? {};
  const maxBy = cons.perCountyMax ?? {};
  let sumMin = 0;
  for (const [c, m] of Object.entries(minBy)) {
    sumMin += m;
    if (maxBy[c] !== undefined && maxBy[c] < m)
      return {
        zh: `县 ${c} 的新增站点下限 ${m} 大于上限 ${maxBy[c]}`,
        en: `county ${c}: the minimum of ${counted(m, "new site", "new sites")} exceeds its maximum of ${maxBy[c]}`,
      };
    const avail = inst.county.filter((x) => x === c).length;
    if (avail < m)
      return {
        zh: `县 ${c} 至少需要 ${m} 个新站点，但只有 ${avail} 个可用候选点`,
        en: `county ${c} needs at least ${counted(m, "new site", "new sites")} but only ${counted(avail, "allowed candidate lies", "allowed candidates lie")} in it`,
      };
  }
  if (p.objective.kind === "mclp" && sumMin > p.objective.k)
    return {
      zh: `各县新增站点下限合计 ${sumMin} 个，超过允许新增的 ${p.objective.k} 个`,
      en: `per-county minimums add up to ${counted(sumMin, "new site", "new sites")} but only ${p.objective.k} may be added`,
    };
  if (p.objective.kind === "lscp") {
    const W = inst.totalWeight;
    const reachable = W > 0 ? (inst.weightBefore + inst.coverableWeight) / W : 1;
    if (p.objective.targetShare > reachable + 1e-12) {
      const t = pct(p.objective.targetShare);
      const ex =
        inst.excluded.length > 0
          ? `; ${counted(inst.excluded.length, "candidate was", "candidates were")} excluded`
          : "";
      const exZh = inst.excluded.length > 0 ? `；另有 ${inst.excluded.length} 个候选点被排除` : "";
      const far = p.coverage
        ? { zh: `${p.coverage.limitMinutes} 分钟车程`, en: `${p.coverage.limitMinutes} min of travel` }
        : { zh: `${p.radiusKm} 公里`, en: `${p.radiusKm} km` };
      return {
        zh: `目标 ${t} 无法达到：${inst.unreachableCount} 个需求点（占权重 ${pct(inst.unreachableWeight / W)}）距所有可用候选点和现有设施均超过 ${far.zh}，最多只能覆盖 ${pct(reachable)}${exZh}`,
        en: `target ${t} cannot be reached: ${inst.unreachableCount} demand points (${pct(inst.unreachableWeight / W)} of the weight) are farther than ${far.en} from every allowed candidate and existing site; at most ${pct(reachable)} can be covered${ex}`,
      };
    }
  }
  return null;
}

export function constraintWords(inst: Instance): Msg {
  const c = inst.problem.constraints ?? {};
  const zh: string[] = [];
  const en: string[] = [];
  if ((c.minSeparationKm ?? 0) > 0) {
    zh.push(`站点间距 ≥ ${c.minSeparationKm} 公里`);
    en.push(`a separation of ≥ ${c.minSeparationKm} km`);
  }
  if (c.perCountyMax && Object.keys(c.perCountyMax).length > 0) {
    zh.push("各县数量上限");
    en.push("the per-county maximums");
  }
  if (c.perCountyMin && Object.keys(c.perCountyMin).length > 0) {
    zh.push("各县数量下限");
    en.push("the per-county minimums");
  }
  return { zh: zh.join("、") || "约束条件", en: en.join(" and ") || "the constraints" };
}
