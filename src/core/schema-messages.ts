import type { z } from "zod";
import type { Message, RowIssue } from "./io/types";

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

/** One schema problem in our own words: its JSON path ("" for the root) and the message (zh / en). */
export interface SchemaProblem {
  /** Dotted JSON path, "" for the root; absent on the line counting problems not listed. */
  path?: string;
  message: Message;
}

/**
 * Schema problems (zod issues) in our own Chinese and English, by JSON path (zod's English is not shown); at most
 * {@link MAX_SCHEMA_ISSUES}, then one counting the rest (without a path). `data` is the value that was checked, to
 * tell a missing item from a wrong one.
 */
export function schemaProblems(issues: z.core.$ZodIssue[], data: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = issues.slice(0, MAX_SCHEMA_ISSUES).map((i) => ({
    path: i.path.map(String).join("."),
    message: schemaMessage(i, valueAt(data, i.path)),
  }));
  if (issues.length > MAX_SCHEMA_ISSUES)
    out.push({
      message: {
        zh: `另有 ${issues.length - MAX_SCHEMA_ISSUES} 处问题未列出`,
        en: `${issues.length - MAX_SCHEMA_ISSUES} more problems not listed`,
      },
    });
  return out;
}

/**
 * Schema problems as row-0 issues of `file` naming the JSON path in `field` (see {@link schemaProblems}); the message
 * starts with the path.
 */
export function schemaIssues(issues: z.core.$ZodIssue[], data: unknown, file: string, code: string): RowIssue[] {
  return schemaProblems(issues, data).map((p) => ({
    file,
    row: 0,
    field: p.path ?? "",
    message:
      p.path === undefined
        ? p.message
        : { zh: `${p.path || "（根）"}：${p.message.zh}`, en: `${p.path || "(root)"}: ${p.message.en}` },
    severity: "error" as const,
    code,
  }));
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
  // our own schemas word their messages "中文 / English"; zod's defaults are English only
  const [zh, en] = i.message.split(" / ");
  if (en && /[\u4e00-\u9fff]/.test(zh)) return { zh, en };
  switch (i.code) {
    case "invalid_type":
      return given === undefined
        ? { zh: "缺少此项", en: "missing" }
        : {
            zh: `应为${TYPE_NAMES[i.expected] ?? i.expected}`,
            en: `must be ${/^[aeiou]/.test(i.expected) ? "an" : "a"} ${i.expected}`,
          };
    case "too_small":
      if (i.origin === "array" || i.origin === "string")
        return { zh: `至少需要 ${String(i.minimum)} 项`, en: `needs at least ${String(i.minimum)} items` };
      return i.inclusive === false
        ? { zh: `应大于 ${String(i.minimum)}`, en: `must be more than ${String(i.minimum)}` }
        : { zh: `应不小于 ${String(i.minimum)}`, en: `must be at least ${String(i.minimum)}` };
    case "too_big":
      if (i.origin === "array" || i.origin === "string")
        return { zh: `最多 ${String(i.maximum)} 项`, en: `at most ${String(i.maximum)} items` };
      return i.inclusive === false
        ? { zh: `应小于 ${String(i.maximum)}`, en: `must be less than ${String(i.maximum)}` }
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
    case "custom":
      return { zh: "不符合要求", en: i.message };
    default:
      return { zh: "无效", en: "invalid" };
  }
}
