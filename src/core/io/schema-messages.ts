import type { z } from "zod";
import type { Message, RowIssue } from "./types";

/** At most this many schema problems are listed (a broken file can have thousands). */
const MAX_SCHEMA_ISSUES = 50;

/** The value at a JSON path, or undefined (own keys only). */
function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Schema problems (zod issues) as row-0 issues naming the JSON path in `field`, in our own Chinese and English
 * (zod's English is not shown); `data` is the value that was checked, to tell a missing item from a wrong one.
 */
export function schemaIssues(issues: z.core.$ZodIssue[], data: unknown, file: string, code: string): RowIssue[] {
  const out: RowIssue[] = issues.slice(0, MAX_SCHEMA_ISSUES).map((i) => {
    const path = i.path.map(String).join(".");
    const m = schemaMessage(i, valueAt(data, i.path));
    return {
      file,
      row: 0,
      field: path,
      message: { zh: `${path || "（根）"}：${m.zh}`, en: `${path || "(root)"}: ${m.en}` },
      severity: "error" as const,
      code,
    };
  });
  if (issues.length > MAX_SCHEMA_ISSUES)
    out.push({
      file,
      row: 0,
      field: "",
      message: {
        zh: `另有 ${issues.length - MAX_SCHEMA_ISSUES} 处问题未列出`,
        en: `${issues.length - MAX_SCHEMA_ISSUES} more problems not listed`,
      },
      severity: "error",
      code,
    });
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  boolean: "是/否",
  object: "对象",
  array: "数组",
  tuple: "数组",
  undefined: "空",
  null: "null",
};

/** A schema problem in our own words, Chinese and English (zod's own text is not shown). */
function schemaMessage(i: z.core.$ZodIssue, given: unknown): Message {
  switch (i.code) {
    case "invalid_type":
      return given === undefined
        ? { zh: "缺少此项", en: "missing" }
        : {
            zh: `应为${TYPE_NAMES[i.expected] ?? i.expected}`,
            en: `must be ${/^[aeiou]/.test(i.expected) ? "an" : "a"} ${i.expected}`,
          };
    case "too_small":
      return i.origin === "array" || i.origin === "string"
        ? { zh: `至少需要 ${String(i.minimum)} 项`, en: `needs at least ${String(i.minimum)} items` }
        : { zh: `应不小于 ${String(i.minimum)}`, en: `must be at least ${String(i.minimum)}` };
    case "too_big":
      return i.origin === "array" || i.origin === "string"
        ? { zh: `最多 ${String(i.maximum)} 项`, en: `at most ${String(i.maximum)} items` }
        : { zh: `应不大于 ${String(i.maximum)}`, en: `must be at most ${String(i.maximum)}` };
    case "invalid_format":
      return { zh: "格式不对", en: "wrong format" };
    case "invalid_value":
      return {
        zh: `应为 ${i.values.map(String).join(" / ")} 之一`,
        en: `must be one of ${i.values.map(String).join(", ")}`,
      };
    case "unrecognized_keys":
      return { zh: `不认识的项：${i.keys.join("、")}`, en: `unknown keys: ${i.keys.join(", ")}` };
    case "invalid_union":
      return {
        zh: "不符合任何允许的形式（如面几何须为 Polygon 或 MultiPolygon）",
        en: "matches none of the allowed forms (e.g. a polygon geometry must be a Polygon or MultiPolygon)",
      };
    case "custom": {
      // our own refinements word their message "中文 / English"
      const [zh, en] = i.message.split(" / ");
      return en ? { zh, en } : { zh: "不符合要求", en: i.message };
    }
    default:
      return { zh: "无效", en: "invalid" };
  }
}
