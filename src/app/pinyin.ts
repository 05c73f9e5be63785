import { pinyin } from "pinyin-pro";
import { type NamePinyin, tonelessPinyin } from "./violation-search";

/**
 * pinyin-pro's dictionary (≈ 300 kB): this module is only ever imported dynamically (see use-pinyin.ts), so the
 * page's first chunk stays without it; it is fetched the first time the violation search holds Latin letters.
 */

const cache = new Map<string, NamePinyin>();

/**
 * A name's pinyin for search (see {@link NamePinyin}): 遮山镇 → joined "zheshanzhen"; each character's readings,
 * toneless, ü as v, the reading pinyin-pro picks from the words around it first (单 dan, shan, chan; 堡 bao, bu, pu),
 * so a village read otherwise locally is still found. Characters other than Chinese stay as they are, lower case.
 */
export function namePinyin(name: string): NamePinyin {
  let out = cache.get(name);
  if (out === undefined) {
    const readings = pinyin(name, { toneType: "none", type: "all", v: true })
      .filter((c) => c.origin.trim() !== "")
      .map((c) => {
        if (!c.isZh) return [c.origin.toLowerCase()];
        const all = [c.pinyin, ...c.polyphonic].map(tonelessPinyin).filter(Boolean);
        return [...new Set(all.flatMap((r) => (r.includes("v") ? [r, r.replace(/v/g, "u")] : [r])))];
      });
    out = { joined: readings.map((r) => r[0]).join(""), readings };
    cache.set(name, out);
  }
  return out;
}
