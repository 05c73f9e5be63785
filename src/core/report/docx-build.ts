import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
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

/** Body font: 宋体 (SimSun) for Chinese, Times New Roman for Latin text; headings in 黑体 (SimHei). */
const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
const HEADING_FONT = { ascii: "Arial", hAnsi: "Arial", eastAsia: "黑体", cs: "Arial" };

const STATUS_FILL: Record<CheckStatus, string> = {
  pass: "E3F1DF",
  fail: "F9D7D5",
  review: "FCE8C3",
  info: "EAF1F8",
  "not-applicable": "F2F2F2",
  "needs-data": "FFF4CE",
  "out-of-scope": "FFFFFF",
};

/** A4 portrait text width in twentieths of a point (21 cm less 2 × 2.2 cm margins). */
export const TEXT_WIDTH_TWIP = 9412;
const MARGIN_TWIP = 1247;

function p(text: string, opts: { bold?: boolean; size?: number; align?: "center" | "left"; color?: string } = {}) {
  return new Paragraph({
    alignment: opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 80 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size, color: opts.color })],
  });
}

function heading(text: string, level: 1 | 2 | 3) {
  const h = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }[level];
  return new Paragraph({ heading: h, spacing: { before: 240, after: 120 }, children: [new TextRun({ text })] });
}

function cell(text: string, opts: { bold?: boolean; fill?: string; size?: number; widthPct?: number } = {}) {
  return new TableCell({
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: opts.fill } } : {}),
    ...(opts.widthPct ? { width: { size: opts.widthPct, type: WidthType.PERCENTAGE } } : {}),
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: text
      .split("\n")
      .map(
        (line) => new Paragraph({ children: [new TextRun({ text: line, bold: opts.bold, size: opts.size ?? 18 })] }),
      ),
  });
}

function table(
  header: string[],
  rows: string[][],
  opts: { widths?: number[]; fills?: Array<Array<string | undefined>>; size?: number } = {},
) {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) =>
          cell(h, { bold: true, fill: "DCE6F0", widthPct: opts.widths?.[i], size: opts.size }),
        ),
      }),
      ...rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, i) =>
              cell(t, { fill: opts.fills?.[ri]?.[i], widthPct: opts.widths?.[i], size: opts.size }),
            ),
          }),
      ),
    ],
  });
}

function mapImage(map: SectionMap): Paragraph {
  // fit the image in the text width (pixels at 96 dpi as the docx package expects)
  const maxW = (TEXT_WIDTH_TWIP / 1440) * 96;
  const maxH = 8.6 * 96;
  const k = Math.min(maxW / map.width, maxH / map.height);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: "png",
        data: map.png,
        transformation: { width: Math.round(map.width * k), height: Math.round(map.height * k) },
        altText: { name: "map", title: "县区地图", description: map.caption ?? "县区地图" },
      }),
    ],
  });
}

function legendParagraph(map: SectionMap): Paragraph | undefined {
  if (!map.legend?.length) return undefined;
  const runs: TextRun[] = [new TextRun({ text: "图例：", size: 18, bold: true })];
  for (const l of map.legend) {
    const hex = l.color.map((c) => c.toString(16).padStart(2, "0")).join("");
    const mark = legendGlyph(l.shape);
    runs.push(new TextRun({ text: mark, color: hex, size: 18 }), new TextRun({ text: ` ${l.label}　`, size: 18 }));
  }
  return new Paragraph({ children: runs, spacing: { after: 120 } });
}

/**
 * The review report as an editable Word file (.docx, opens in Word and WPS): A4, 宋体/黑体 set as the East-Asian
 * fonts, the summary table on a landscape page, one section per county with its map, checks and violations. Runs in
 * Node and the browser (the docx package zips with fflate); returns the file's bytes.
 */
export async function reviewDocx(doc: ReviewDocument): Promise<Uint8Array> {
  const cover = [
    p(doc.title, { bold: true, size: 40, align: "center" }),
    p(`${doc.scope} · ${doc.date}`, { align: "center" }),
    ...(doc.notice ? [p(`【示例数据】${doc.notice}`, { bold: true, color: "9C2A00", align: "center" })] : []),
    ...(doc.listScope ? [p(`【清单范围】${doc.listScope}`, { bold: true, color: "9C2A00" })] : []),
    ...(doc.planNotice ? [p(`【规划方案】${doc.planNotice}`, { bold: true, color: "1F4E9C" })] : []),
    heading("一、规则集与参数", 1),
    p(doc.ruleSet.line),
    p(doc.ruleSet.noLocalPlan ?? `依据文件：${doc.ruleSet.documents.join("；")}`),
    ...(doc.ruleSet.period ? [p(doc.ruleSet.period)] : []),
    ...(doc.context ? [p(`【规划范围】${doc.context}`)] : []),
    ...(doc.unplaced ? [p(`【未核查单位】${doc.unplaced}`, { bold: true, color: "9C2A00" })] : []),
    table(
      ["参数", "取值"],
      doc.params.map(([k, v]) => [k, v]),
      { widths: [35, 65] },
    ),
    p(""),
    p(urbanLine(doc.urbanDefinition)),
    heading("二、计算说明", 1),
    ...doc.methodNotes.map((n) => p(n)),
  ];
  // every check with its verdict, figure, limit and citation: the city's 全市指标 and each county's
  const checksTable = (checks: CheckRow[]) =>
    table(
      ["规则", "内容", "结论", "实测", "限值", "依据"],
      checks.map((k) => [k.rule, k.description, k.statusLabel, k.measured, k.limit, k.citation]),
      {
        // 结论 wide enough for 「不在规划范围」 on one line at 8 pt (8 % broke 「待核查」 and longer verdicts char by char)
        widths: [13, 24, 12, 21, 20, 10],
        fills: checks.map((k) => [undefined, undefined, STATUS_FILL[k.status]]),
        size: 16,
      },
    );
  const summaryRows = doc.summary.rows.map((r) => [
    r.notInList ? `${r.name}（清单未含）` : r.name,
    ...r.cells.map((s) => STATUS_MARK[s]),
  ]);
  const summaryFills = doc.summary.rows.map((r) => [undefined, ...r.cells.map((s) => STATUS_FILL[s])]);
  const summary = [
    heading("三、汇总表（县区 × 规则）", 1),
    p(statusLegend(), { size: 18 }),
    ...(doc.listScope ? [p(`【清单范围】${doc.listScope}`, { size: 18 })] : []),
    ...(doc.city
      ? [
          heading(doc.city.heading, 2),
          checksTable(doc.city.checks),
          ...reviewReasons(doc.city.checks).map((l) => p(l, { size: 18 })),
          p(""),
          heading("各县区", 2),
        ]
      : []),
    // the rules by number, each with its id and words in the key below: 19 ids in a row of 7 pt columns broke
    // 「PHARMACISTS-PER-1000」 mid-word (the re-trial, s48 #10); the HTML report sets them upright instead
    p("表头数字为规则序号，对应的规则代码与内容见下表。", { size: 16 }),
    table(["县区", ...doc.summary.rules.map((_, i) => String(i + 1))], summaryRows, { fills: summaryFills, size: 14 }),
    p(""),
    table(
      ["序号", "规则", "内容"],
      doc.summary.rules.map((r, i) => [String(i + 1), r.id, r.description]),
      { widths: [7, 23, 70], size: 16 },
    ),
    ...planEffectBlock(doc),
  ];
  const countyBlocks = doc.counties.flatMap((c, i) => {
    const legend = c.map ? legendParagraph(c.map) : undefined;
    return [
      ...(i === 0 ? [heading("四、分县审查", 1)] : []),
      heading(`${c.name}（${c.code}，${c.kind}）`, 2),
      p(
        `面积 ${c.areaKm2.toFixed(1)} km²，城区（所用口径）${c.urbanAreaKm2.toFixed(1)} km²${c.population !== undefined ? `，人口 ${c.population.toLocaleString("en-US")} 人` : "，人口数据未提供"}。检查结果：${tallyText(c.tally)}。`,
      ),
      ...(c.listNote ? [p(c.listNote, { bold: true, color: "9C2A00" })] : []),
      ...(c.map ? [mapImage(c.map), ...(legend ? [legend] : [])] : []),
      ...(c.mapNote ? [p(c.mapNote, { size: 18, align: "center" })] : []),
      heading("逐项检查", 3),
      checksTable(c.checks),
      ...reviewReasons(c.checks).map((l) => p(l, { size: 18 })),
      ...(c.subCentre ?? []).map((l) => p(l)),
      // the township table, as the app's 乡镇（街道）一览 (the re-trial, s49b #3)
      ...(c.townships
        ? [
            heading(`乡镇（街道）一览（${c.townships.length} 个）`, 3),
            table([...TOWNSHIP_HEADER], c.townships, { widths: [16, 8, 32, 12, 10, 10, 12], size: 16 }),
          ]
        : []),
      heading(`违规与待核查（${c.violationCount} 条）`, 3),
      ...(c.violations.length
        ? [
            table(
              ["规则", "级别", "对象", "说明", "实测 / 限值", "位置（经度, 纬度）", "依据"],
              c.violations.map((v) => [v.rule, v.severity, v.where, v.text, v.figure, v.place, v.citation]),
              // 级别 wide enough for 「待核查」 on one line, 「违规（仅作对比）」 on two (6 % broke both)
              { widths: [12, 9, 14, 27, 12, 16, 10], size: 15 },
            ),
          ]
        : [p("无。")]),
    ];
  });
  const tail = [
    heading("五、规划依据（原文）", 1),
    ...doc.citations.flatMap((c) => [
      p(`${c.rule}　${c.description}`, { bold: true }),
      ...c.entries.map((e) => p(e.text, { size: 18 })),
    ]),
    ...(doc.untested.length
      ? [p(UNTESTED_HEADING, { bold: true }), ...doc.untested.map((u) => p(`${u.text}（${u.why}）`, { size: 18 }))]
      : []),
    heading("六、数据来源与说明", 1),
    ...doc.sources.map((s) => p(`${s.title}${s.caveat ? `：${s.caveat}` : ""}`)),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${doc.title} · 第 `, size: 16 }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
          new TextRun({ text: " 页", size: 16 }),
        ],
      }),
    ],
  });
  const page = { margin: { top: MARGIN_TWIP, bottom: MARGIN_TWIP, left: MARGIN_TWIP, right: MARGIN_TWIP } };
  const document = new Document({
    creator: "医疗卫生设施布局核查",
    title: doc.title,
    description: `${doc.ruleSet.title} · ${doc.date}`,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 21, language: { value: "en-US", eastAsia: "zh-CN" } } },
        heading1: { run: { font: HEADING_FONT, size: 30, bold: true, color: "17324D" } },
        heading2: { run: { font: HEADING_FONT, size: 26, bold: true, color: "17324D" } },
        heading3: { run: { font: HEADING_FONT, size: 22, bold: true, color: "17324D" } },
      },
    },
    sections: [
      { properties: { page }, footers: { default: footer }, children: cover },
      {
        properties: { page: { ...page, size: { orientation: PageOrientation.LANDSCAPE } } },
        footers: { default: footer },
        children: summary,
      },
      { properties: { page }, footers: { default: footer }, children: [...countyBlocks, ...tail] },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** What the plan's proposed sites change, before → after ({@link ReviewDocument.planEffect}), under the summary. */
function planEffectBlock(doc: ReviewDocument) {
  const e = doc.planEffect;
  if (!e) return [];
  return [
    heading(PLAN_EFFECT_HEADING, 2),
    ...(e.rows.length ? [table(e.header, e.rows, { widths: [16, 14, 26, 24, 20], size: 18 })] : []),
    ...e.checks.map((c) => p(c, { size: 18 })),
  ];
}
