import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, EMS_IN_990001, FIXTURES, TWO_COUNTIES } from "./run";

/**
 * Every command's argument errors in one voice (issue 11: 「--facilities: 必需 is required」 mixed the languages): a
 * line in Chinese, then 「 / 」, then the same in English, each half naming the option it is about.
 */

const work = mkdtempSync(join(tmpdir(), "cli-args-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const facilities = join(FIXTURES, "facilities-good.csv");
const out = join(work, "out");

const CJK = /[\u3400-\u9fff]/;

/**
 * Checks one error line: Chinese first (with Chinese in it), then the English after the first 「 / 」 with no Chinese
 * outside a quoted value, and every option the line names (`--x`) named in both halves.
 */
function expectBilingual(line: string): void {
  // 「…必需）/ missing…」 or 「…不是数字 / option…」: the first slash between a Chinese half and an English one
  const m = /^(.*?[\u3400-\u9fff）”][^/]*?) ?\/ (?=[a-z"(])(.*)$/.exec(line);
  expect(m, line).not.toBeNull();
  const zh = m?.[1] ?? "";
  const en = m?.[2] ?? "";
  expect(zh, line).toMatch(CJK);
  // a value the user typed is quoted as typed (it may be Chinese); the rest of the English half has no Chinese
  expect(en.replace(/"[^"]*"/g, ""), line).not.toMatch(CJK);
  expect(en, line).toMatch(/[a-z]{3,}/);
  const options = (s: string) => [...s.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).sort();
  expect(options(en), line).toEqual(options(zh));
}

/** The error lines a run printed before its closing 「输入有误…」 line, each checked; and that closing line. */
async function errors(...args: string[]): Promise<string[]> {
  const r = await cli(...args);
  expect(r.code, r.err).toBe(2);
  const lines = r.err.trim().split("\n");
  expect(lines.at(-1)).toBe("输入有误，未进行分析（用法见 --help）/ bad input, nothing analysed (usage: --help)");
  const own = lines.slice(0, -1);
  expect(own.length).toBeGreaterThan(0);
  for (const l of own) if (!l.startsWith("  候选")) expectBilingual(l);
  return own;
}

describe("command-line argument errors: Chinese, then English, naming the option (issue 11)", () => {
  it("a required option left out, in every command", async () => {
    expect(await errors("report", "--out", out)).toEqual([
      "缺少参数 --facilities（必需）/ missing required option --facilities",
    ]);
    expect(await errors("analyze", "--facilities", facilities)).toEqual([
      "缺少参数 --out（必需）/ missing required option --out",
    ]);
    expect(await errors("suggest", "--out", out, "--add", "1", "--radius-km", "10")).toEqual([
      "缺少参数 --facilities（必需）/ missing required option --facilities",
      "缺少参数 --type（必需，如 --type ems-station）/ missing required option --type (e.g. --type ems-station)",
    ]);
    // a regional run (any city other than the four plan cities)
    expect(await errors("analyze", "--city", "郑州", "--facilities", facilities)).toEqual([
      "缺少参数 --out（必需）/ missing required option --out",
    ]);
  });

  it("an unknown option, a stray word and an option without its value", async () => {
    // an unknown option names the options it may have meant, and its value is not reported again as a stray word
    const [radius] = await errors("report", "--facilities", facilities, "--out", out, "--radius", "10");
    expect(radius).toMatch(
      /^未知参数 --radius（是否指 --[a-z-]*radius[a-z-]*(、--[a-z-]*radius[a-z-]*)*？）\/ unknown option --radius \(did you mean --/,
    );
    expect(radius).toContain("--rural-radius-km");
    expect(await errors("analyze", "--facilities", facilities, "--out", out, "--radius-km", "abc")).toEqual([
      expect.stringMatching(
        /^未知参数 --radius-km（是否指 .*--rural-radius-km.*？）\/ unknown option --radius-km \(did you mean .*--rural-radius-km.*\?\)$/,
      ),
    ]);
    expect(await errors("analyze", "--facilites", facilities, "--out", out)).toEqual([
      "未知参数 --facilites（是否指 --facilities？）/ unknown option --facilites (did you mean --facilities?)",
      "缺少参数 --facilities（必需）/ missing required option --facilities",
    ]);
    expect(await errors("analyze", "--facilities", facilities, "--out", out, "--zzz", "1")).toEqual([
      "未知参数 --zzz / unknown option --zzz",
    ]);
    expect(await errors("analyze", "--facilities", facilities, "--out", out, "stray")).toEqual([
      '多余的参数 “stray”（参数写作 --name 值）/ unexpected argument "stray" (options are written --name value)',
    ]);
    expect(await errors("analyze", "--facilities", facilities, "--out")).toEqual([
      "参数 --out 缺少取值 / option --out needs a value",
    ]);
    expect(await errors("suggest", ...suggestArgs(), "--bogus=1")).toEqual([
      "未知参数 --bogus=1 / unknown option --bogus=1",
    ]);
  });

  it("an option given twice is refused, not the last one taken unsaid (the CLI trial, s54b H1)", async () => {
    // a second --facilities replaced the first, whose rows went unanalysed, exit 0
    const other = join(FIXTURES, "bad-rows.csv");
    expect(await errors("analyze", "--facilities", facilities, "--facilities", other, "--out", out)).toEqual([
      `参数 --facilities 给了两次（“${facilities}”与“${other}”），只能取一个值；第二份设施清单请用 --add-facilities 追加（或先合并为一个文件） / option --facilities is given twice ("${facilities}" and "${other}") and takes one value; give a second facility list with --add-facilities (or join them in one file first)`,
    ]);
    expect(
      await errors("report", "--facilities", facilities, "--out", out, "--county", "411321", "--county=411323"),
    ).toEqual([
      '参数 --county 给了两次（“411321”与“411323”），只能取一个值 / option --county is given twice ("411321" and "411323") and takes one value',
    ]);
    // the same value twice is one value
    expect(await errors("analyze", "--facilities", facilities, "--facilities", facilities)).toEqual([
      "缺少参数 --out（必需）/ missing required option --out",
    ]);
  });

  it("a bad value: not a number, out of range, not one of a list", async () => {
    const [radius] = await errors("suggest", ...suggestArgs({ "--radius-km": "abc" }));
    expect(radius).toBe(
      '参数 --radius-km：“abc” 不是[0.5, 50] 公里内的数 / option --radius-km: "abc" is not a number of km in [0.5, 50]',
    );
    expect(await errors("analyze", "--facilities", facilities, "--out", out, "--rural-radius-km", "abc")).toEqual([
      '参数 --rural-radius-km：“abc” 不是数字 / option --rural-radius-km: "abc" is not a number',
    ]);
    expect(await errors("analyze", "--facilities", facilities, "--out", out, "--crs", "utm")).toEqual([
      '参数 --crs：“utm” 不是 wgs84、gcj02、bd09 或 EPSG:4513–4554（CGCS2000 3 度带高斯投影）、EPSG:32601–32660（UTM）之一 / option --crs: "utm" is not one of wgs84, gcj02, bd09, EPSG:4513–4554 (CGCS2000 3° Gauss–Krüger) or EPSG:32601–32660 (UTM)',
    ]);
    expect(await errors("report", "--facilities", facilities, "--out", out, "--county", "41")).toEqual([
      '参数 --county：“41” 不是 6 位县级代码 / option --county: "41" is not a 6-digit county code',
    ]);
    const [type] = await errors("suggest", ...suggestArgs({ "--type": "火星站" }));
    expect(type).toMatch(
      /^参数 --type：未知设施类型“火星站”（可用 .*ems-station.*）\/ option --type: unknown facility type "火星站"/,
    );
    expect(
      await errors("analyze", "--facilities", facilities, "--out", out, "--offroad-kmh", "0", "--roads", "x"),
    ).toEqual([
      '参数 --offroad-kmh：“0” 应为大于 0 且不超过 200 的数（km/h）/ option --offroad-kmh: "0" must be a number > 0 and ≤ 200 (km/h)',
    ]);
    const [shard] = await errors(
      "analyze",
      "--city",
      "郑州",
      "--facilities",
      facilities,
      "--out",
      out,
      "--shard",
      "9/8",
    );
    expect(shard).toContain("参数 --shard：“9/8” 应为 I/N");
    const [range] = await errors(
      "analyze",
      "--facilities",
      facilities,
      "--boundaries",
      TWO_COUNTIES,
      "--out",
      out,
      "--rural-radius-km",
      "9.5",
    );
    expect(range).toMatch(/^参数 --rural-radius-km：.* \/ option --rural-radius-km: Rural EMS radius 9\.5 is outside/);
  });

  it("an unknown city, in the plan-city commands and the national ones", async () => {
    const [report] = await errors("report", "--facilities", facilities, "--out", out, "--city", "火星市");
    expect(report).toMatch(/^参数 --city：.*火星市.* \/ option --city: .*火星市/);
    const [region] = await errors("analyze", "--city", "火星市", "--facilities", facilities, "--out", out);
    expect(region).toMatch(/^参数 --city：.*火星市.* \/ option --city: .*火星市/);
    const [plan] = await errors("suggest", ...suggestArgs({ "--city": "mars" }));
    // suggest takes any city as analyze does, so an unknown one reads as analyze's
    expect(plan).toMatch(/^参数 --city：.*mars.* \/ option --city: .*mars/);
    // a mistyped name lists the nearest names as candidates: a character off, a pinyin letter off, a province
    for (const q of ["郑洲市", "zhengzou"]) {
      const lines = await errors("analyze", "--city", q, "--facilities", facilities, "--out", out);
      expect(lines[0]).toMatch(new RegExp(`^参数 --city：找不到城市“${q}”；相近的有：郑州市 \\(zhengzhou\\)`));
      expect(lines[0]).toContain(`/ option --city: no city matches "${q}"; close matches: Zhengzhou (zhengzhou)`);
      expect(lines[1]).toBe("  候选 / candidate: 郑州市 --city zhengzhou (410100)");
    }
    expect(await errors("analyze", "--province", "河难", "--facilities", facilities, "--out", out)).toEqual([
      '参数 --province：找不到省级单位“河难”；相近的有：河北省 (13), 河南省 (41) / option --province: no province matches "河难"; close: Hebei (13), Henan (41)',
      "  候选 / candidate: 河北省 --province 13",
      "  候选 / candidate: 河南省 --province 41",
    ]);
    // nothing close: the message as before, no candidates
    expect(await errors("analyze", "--city", "火星市", "--facilities", facilities, "--out", out)).toEqual([
      '参数 --city：找不到城市“火星市” / option --city: no city matches "火星市"',
    ]);
    // an unknown command says which there are
    const r = await cli("analyse");
    expect(r.code).toBe(2);
    const first = r.err.split("\n")[0];
    expect(first).toBe(
      "未知命令 analyse（可用 analyze、suggest、report）/ unknown command analyse (one of analyze, suggest, report)",
    );
    expectBilingual(first);
  });
});

/** A `suggest` command line that is right but for `change` (option → value). */
function suggestArgs(change: Record<string, string> = {}): string[] {
  const args: Record<string, string> = {
    "--facilities": EMS_IN_990001.facilities,
    "--boundaries": EMS_IN_990001.boundaries,
    "--county": EMS_IN_990001.county,
    "--type": EMS_IN_990001.type,
    "--radius-km": "10",
    "--add": "1",
    "--out": out,
    ...change,
  };
  return Object.entries(args).flat();
}

describe("a file option naming a file that does not exist (issue 11)", () => {
  // 「无法读取设施文件 facility file / cannot read 设施文件 facility file: ENOENT …」 crossed the languages
  const missing = join(work, "no-such.csv");
  const good = ["--facilities", facilities, "--boundaries", TWO_COUNTIES, "--out", out];
  const line = (zh: string, en: string) =>
    `无法读取${zh} ${missing}（文件不存在）/ cannot read the ${en} ${missing} (no such file)`;
  const suggest = ["--type", "ems-station", "--radius-km", "5", "--add", "1"];
  const cases: Array<[string[], string, string]> = [
    [["analyze", "--facilities", missing, "--out", out], "设施文件", "facility file"],
    [["analyze", "--facilities", facilities, "--boundaries", missing, "--out", out], "边界文件", "boundary file"],
    [["analyze", ...good, "--rules", missing], "规则集文件", "rule set file"],
    [["analyze", ...good, "--population", missing], "人口表", "population table"],
    [["analyze", ...good, "--demand", missing], "需求点文件", "demand point file"],
    [["analyze", ...good, "--unit-population", missing], "乡镇/村人口表", "township/village population table"],
    [["analyze", ...good, "--staffing", missing], "县人员表", "county staffing table"],
    [["analyze", ...good, "--urban", missing], "城区多边形文件", "urban polygon file"],
    [["analyze", ...good, "--roads", missing], "路网文件", "road file"],
    [["analyze", ...good, "--population-raster", missing], "人口栅格", "population raster"],
    [["analyze", "--province", "41", "--facilities", missing, "--out", out], "设施文件", "facility file"],
    [["report", "--facilities", missing, "--out", out], "设施文件", "facility file"],
    [["report", ...good, "--population", missing], "人口表", "population table"],
    [
      ["suggest", "--facilities", missing, "--boundaries", TWO_COUNTIES, "--out", out, ...suggest],
      "设施文件",
      "facility file",
    ],
    [["suggest", ...good, ...suggest, "--candidates", missing], "候选点文件", "candidate file"],
  ];
  it.each(cases)("%j", async (args, zh, en) => {
    expect(await errors(...args)).toEqual([line(zh, en)]);
  });
});
