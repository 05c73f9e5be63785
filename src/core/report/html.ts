import type { CheckStatus } from "../rules";
import { legendGlyph } from "./map-image";
import type { CheckRow, ReviewDocument, SectionMap } from "./review";
import {
  PLAN_EFFECT_HEADING,
  reviewReasons,
  STATUS_MARK,
  statusLegend,
  TOWNSHIP_HEADER,
  tallyText,
  UNTESTED_HEADING,
  urbanLine,
} from "./review";

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 of bytes (no platform API: core runs in Node, the page and a worker alike). */
export function base64(bytes: Uint8Array): string {
  const code = new Uint8Array(B64.length);
  for (let i = 0; i < B64.length; i++) code[i] = B64.charCodeAt(i);
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = code[(n >> 18) & 63];
    out[o++] = code[(n >> 12) & 63];
    out[o++] = i + 1 < bytes.length ? code[(n >> 6) & 63] : 61;
    out[o++] = i + 2 < bytes.length ? code[n & 63] : 61;
  }
  return new TextDecoder("ascii").decode(out);
}

function table(header: string[], rows: string[][], cls = "", rowClasses?: Array<Array<string | undefined>>): string {
  const head = `<thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr>${r.map((c, j) => `<td${rowClasses?.[i]?.[j] ? ` class="${rowClasses[i][j]}"` : ""}>${esc(c).replace(/\n/g, "<br>")}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table class="${cls}">${head}<tbody>${body}</tbody></table>`;
}

/** Every check with its verdict, figure, limit and citation: the city's 全市指标 and each county's. */
function checksTable(checks: CheckRow[]): string {
  return (
    table(
      ["规则", "内容", "结论", "实测", "限值", "依据"],
      checks.map((k) => [k.rule, k.description, k.statusLabel, k.measured, k.limit, k.citation]),
      "checks",
      checks.map((k) => [undefined, undefined, STATUS_CLASS[k.status]]),
    ) +
    reviewReasons(checks)
      .map((l) => `<p class="review-reason">${esc(l)}</p>`)
      .join("")
  );
}

function mapFigure(map: SectionMap, name: string): string {
  const legend = (map.legend ?? [])
    .map((l) => {
      const mark = legendGlyph(l.shape);
      return `<span><b style="color:rgb(${l.color.join(",")})">${mark}</b> ${esc(l.label)}</span>`;
    })
    .join("");
  return `<figure><img alt="${esc(name)}地图" src="data:image/png;base64,${base64(map.png)}" width="${map.width}" height="${map.height}">${legend ? `<div class="legend">图例：${legend}</div>` : ""}${map.caption ? `<figcaption>${esc(map.caption)}</figcaption>` : ""}</figure>`;
}

const STATUS_CLASS: Record<CheckStatus, string> = {
  pass: "pass",
  fail: "fail",
  review: "review",
  info: "info",
  "not-applicable": "na",
  "needs-data": "nd",
  "out-of-scope": "oos",
};

const CSS = `
@page { size: A4; margin: 18mm 16mm; }
@page summary { size: A4 landscape; }
body { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 10.5pt; color: #111; max-width: 180mm; margin: 0 auto; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #17324d; }
h1.title { text-align: center; font-size: 20pt; margin-bottom: 4pt; }
p.sub { text-align: center; margin-top: 0; }
p.notice { border: 1.5pt solid #9c2a00; color: #9c2a00; font-weight: bold; padding: 4pt 8pt; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 8.5pt; }
th, td { border: 0.5pt solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #dce6f0; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
td.pass { background: #e3f1df; } td.fail { background: #f9d7d5; } td.na { background: #f2f2f2; } td.nd { background: #fff4ce; }
table.checks td:nth-child(3), table.violations td:nth-child(2) { min-width: 3.3em; }
table.summary td, table.summary th { text-align: center; font-size: 7.5pt; }
table.summary td:first-child { white-space: nowrap; text-align: left; }
table.summary th:not(:first-child) { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 3pt 1pt; vertical-align: bottom; }
section.summary { page: summary; }
section.county { break-before: page; }
figure { margin: 6pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; max-height: 150mm; width: auto; height: auto; border: 0.5pt solid #999; box-sizing: border-box; }
.legend { font-size: 8.5pt; margin-top: 3pt; } .legend span { margin-right: 10pt; white-space: nowrap; }
figcaption, .placeholder { font-size: 9pt; color: #444; }
.placeholder { border: 1pt dashed #999; padding: 24pt; text-align: center; }
@media screen { body { padding: 12mm 0; } .print { position: fixed; top: 8px; right: 8px; } section.summary { overflow-x: auto; } }
@media print { .print { display: none; } body { max-width: none; } }
`;

/**
 * The review report as one HTML page with print CSS (A4, the summary on a landscape page where the browser supports
 * named pages, each county from a new page), from the same content as the Word file. Maps are embedded as data URLs,
 * so the page needs nothing else: the app opens it in a new window and the user prints it to PDF.
 */
export function reviewHtml(doc: ReviewDocument): string {
  const parts: string[] = [];
  parts.push(`<h1 class="title">${esc(doc.title)}</h1><p class="sub">${esc(doc.scope)} · ${esc(doc.date)}</p>`);
  if (doc.notice) parts.push(`<p class="notice">【示例数据】${esc(doc.notice)}</p>`);
  if (doc.listScope) parts.push(`<p class="notice list-scope">【清单范围】${esc(doc.listScope)}</p>`);
  if (doc.planNotice) parts.push(`<p class="notice plan">【规划方案】${esc(doc.planNotice)}</p>`);
  parts.push(
    `<h2>一、规则集与参数</h2><p>${esc(doc.ruleSet.line)}</p><p>${esc(doc.ruleSet.noLocalPlan ?? `依据文件：${doc.ruleSet.documents.join("；")}`)}</p>`,
    doc.ruleSet.period ? `<p class="period">${esc(doc.ruleSet.period)}</p>` : "",
    doc.context ? `<p class="context">【规划范围】${esc(doc.context)}</p>` : "",
    doc.unplaced ? `<p class="notice unplaced">【未核查单位】${esc(doc.unplaced)}</p>` : "",
    table(["参数", "取值"], doc.params),
    `<p>${esc(urbanLine(doc.urbanDefinition))}</p>`,
    `<h2>二、计算说明</h2>${doc.methodNotes.map((n) => `<p>${esc(n)}</p>`).join("")}`,
  );
  parts.push(
    `<section class="summary"><h2>三、汇总表（县区 × 规则）</h2><p>${statusLegend()}</p>`,
    doc.city ? `<h3>${esc(doc.city.heading)}</h3>${checksTable(doc.city.checks)}<h3>各县区</h3>` : "",
    table(
      ["县区", ...doc.summary.rules.map((r) => r.id)],
      doc.summary.rows.map((r) => [
        r.notInList ? `${r.name}（清单未含）` : r.name,
        ...r.cells.map((s) => STATUS_MARK[s]),
      ]),
      "summary",
      doc.summary.rows.map((r) => [undefined, ...r.cells.map((s) => STATUS_CLASS[s])]),
    ),
    table(
      ["规则", "内容"],
      doc.summary.rules.map((r) => [r.id, r.description]),
    ),
    doc.planEffect
      ? `<h3>${PLAN_EFFECT_HEADING}</h3>${doc.planEffect.rows.length ? table(doc.planEffect.header, doc.planEffect.rows) : ""}${doc.planEffect.checks.map((c) => `<p>${esc(c)}</p>`).join("")}`
      : "",
    "</section>",
  );
  doc.counties.forEach((c, i) => {
    parts.push(
      `<section class="county">${i === 0 ? "<h2>四、分县审查</h2>" : ""}<h3>${esc(c.name)}（${esc(c.code)}，${esc(c.kind)}）</h3>`,
      `<p>面积 ${c.areaKm2.toFixed(1)} km²，城区（所用口径）${c.urbanAreaKm2.toFixed(1)} km²${c.population !== undefined ? `，人口 ${c.population.toLocaleString("en-US")} 人` : "，人口数据未提供"}。检查结果：${tallyText(c.tally)}。</p>`,
      c.listNote ? `<p class="notice list-note">${esc(c.listNote)}</p>` : "",
      c.map ? mapFigure(c.map, c.name) : `<div class="placeholder">${esc(c.mapNote)}</div>`,
      "<h3>逐项检查</h3>",
      checksTable(c.checks),
      ...(c.subCentre ?? []).map((l) => `<p class="sub-centre">${esc(l)}</p>`),
      // the township table, as the app's 乡镇（街道）一览 (the re-trial, s49b #3)
      c.townships
        ? `<h3>乡镇（街道）一览（${c.townships.length} 个）</h3>${table([...TOWNSHIP_HEADER], c.townships, "townships")}`
        : "",
      `<h3>违规与待核查（${c.violationCount} 条）</h3>`,
      c.violations.length
        ? table(
            ["规则", "级别", "对象", "说明", "实测 / 限值", "位置（经度, 纬度）", "依据"],
            c.violations.map((v) => [v.rule, v.severity, v.where, v.text, v.figure, v.place, v.citation]),
            "violations",
          )
        : "<p>无。</p>",
      "</section>",
    );
  });
  parts.push(
    `<section class="county"><h2>五、规划依据（原文）</h2>${doc.citations
      .map(
        (c) =>
          `<p><b>${esc(c.rule)}　${esc(c.description)}</b></p>${c.entries.map((e) => `<p class="quote">${esc(e.text)}</p>`).join("")}`,
      )
      .join("")}${
      doc.untested.length
        ? `<p><b>${esc(UNTESTED_HEADING)}</b></p>${doc.untested.map((u) => `<p class="quote">${esc(u.text)}（${esc(u.why)}）</p>`).join("")}`
        : ""
    }`,
    `<h2>六、数据来源与说明</h2>${doc.sources.map((s) => `<p>${esc(s.title)}${s.caveat ? `：${esc(s.caveat)}` : ""}</p>`).join("")}</section>`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${CSS}</style></head>
<body><button class="print" onclick="window.print()">打印 / 另存为 PDF</button>
${parts.join("\n")}
</body></html>
`;
}
