import type { Table } from "./tabular";

type Convert = (text: string) => string;
let loading: Promise<Convert> | undefined;

/** OpenCC's traditional → mainland simplified conversion, loaded on first use (only a Big5 file needs it). */
function converter(): Promise<Convert> {
  loading ??= import("opencc-js/t2cn").then((m) => m.Converter({ from: "t", to: "cn" }));
  return loading;
}

/** The traditional → simplified conversion, counting the texts it changed. */
async function countingConverter(): Promise<{ conv: (s: string) => string; changed: () => number }> {
  const t2s = await converter();
  let changed = 0;
  return {
    conv: (s) => {
      const out = t2s(s);
      if (out !== s) changed++;
      return out;
    },
    changed: () => changed,
  };
}

/**
 * A table read from Big5 bytes with its header and cells in simplified characters, so that column names (名稱 →
 * 名称), facility types (鄉鎮衛生院 → 乡镇卫生院) and township and village names (丹水鎮 → 丹水镇) match what the
 * guesser, the classifier and the division lists know; a note says how many cells were changed. Any other table is
 * returned as it is. The conversion is OpenCC's (opencc-js), word by word, not a character table.
 */
export async function simplifiedTable(table: Table): Promise<Table> {
  if (table.encoding !== "big5") return table;
  const { conv, changed } = await countingConverter();
  const headers = table.headers.map(conv);
  const rows = table.rows.map((r) => ({ ...r, cells: r.cells.map(conv) }));
  return {
    ...table,
    headers,
    rows,
    notes: [
      ...(table.notes ?? []),
      {
        row: 0,
        code: "traditional-converted",
        severity: "note",
        message: {
          zh: `繁体字已转为简体（${changed()} 个单元格），以便对应列名、设施类型与乡镇、行政村名称；所有单元格（名称、备注、地址等）均以简体保存与导出`,
          en: `traditional characters were converted to simplified (${changed()} cells) so that column names, facility types and township and village names match; every cell (names, notes, addresses) is kept and exported in simplified form`,
        },
      },
    ],
  };
}

/**
 * Features read from a Big5 .dbf with their attribute names and text in simplified characters, as
 * {@link simplifiedTable} does for a table, and the note saying how many values were changed; any other read is
 * returned as it is.
 */
export async function simplifiedFeatures<F extends { properties: Record<string, unknown> | null }>(
  features: F[],
  encoding: string | undefined,
): Promise<{ features: F[]; note?: { zh: string; en: string } }> {
  if (encoding !== "big5") return { features };
  const { conv, changed } = await countingConverter();
  const out = features.map((f) => {
    if (!f.properties) return f;
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties)) props[conv(k)] = typeof v === "string" ? conv(v) : v;
    return { ...f, properties: props };
  });
  return {
    features: out,
    note: {
      zh: `繁体字已转为简体（${changed()} 个字段名或属性值），以便对应字段名、设施类型与乡镇、行政村名称；所有属性（名称、备注、地址等）均以简体保存与导出`,
      en: `traditional characters were converted to simplified (${changed()} field names or values) so that field names, facility types and township and village names match; every attribute (names, notes, addresses) is kept and exported in simplified form`,
    },
  };
}
