import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RuleSet } from "../core";
import { type ParamSpec, paramSpec, SITING_RADIUS_KM } from "../core/params";
import { REPO_ROOT } from "./paths";

/**
 * The help texts. The parameter options (their names, labels, ranges and defaults) come from the parameter spec of
 * the bundled rule set, the same spec that drives the app's Plan tab and validates the options. Loaded for
 * `--help` only, so it reads the rule set without validating it (the tests validate the bundled file).
 */

function bundledSpec(): Record<string, ParamSpec> {
  const ruleSet = JSON.parse(readFileSync(join(REPO_ROOT, "seeds", "ruleset-nanyang.json"), "utf8")) as RuleSet;
  return paramSpec(ruleSet, "nanyang");
}

/** The `--drop-rows` lines (analyze, report, suggest): the app's 剔除 on the command line. */
const DROP_HELP = `  --drop-rows LIST        剔除设施文件中的这些行（导入报告的行号，如 11,15 或 11-13），同应用导入面板的“剔除”；
                          剔除的行记入 rejected.csv / strike these rows of the facility file out (the import report's
                          row numbers, e.g. 11,15 or 11-13), as the app's import panel does; listed in rejected.csv
  --sheet NAME|N          设施文件为 .xlsx 工作簿时读取的工作表（名称或序号，默认第一个）
                          the sheet of an .xlsx facility file to read (its name or number; default the first)`;

/** The `--add-facilities` lines (analyze, report): the app's 追加到当前清单 on the command line. */
const ADD_HELP = `  --add-facilities FILE   另一份设施文件，追加到 --facilities 的清单中合并核查（同应用的“追加到该清单”）：编号重复的改为
                          “编号~2”，同名同类且相距 100 米内的行标为存疑 / a second facility file joined to the first and
                          checked as one list (the app's "append to that list"): an id the first has becomes "id~2", a
                          row of the same name and type within 100 m of one of the first's is doubtful
  --add-sheet NAME|N      追加文件为工作簿时读取的工作表（可与 --facilities 为同一工作簿）/ the added workbook's sheet
                          (the --facilities workbook's other sheet too)
  --add-drop-rows LIST    剔除追加文件中的这些行 / strike these rows of the added file out`;

/** The `--rules` lines (every command): the city's own plans by default, `all` for the comparison set. */
const RULES_HELP = `  --rules NAME|FILE       规则集：默认为所选城市自己的规划（nanyang = 000+003，pingdingshan = 001，nangong = 002，
                          yichun = 004）；--rules all 为“全部五份规划（对比用）”；也可给 JSON 文件路径
                          rule set: by default the city's own plans (nanyang = 000+003, pingdingshan = 001,
                          nangong = 002, yichun = 004); --rules all picks "all five plans, for comparison";
                          or a JSON file path`;

/** The analysis options shared by `analyze` and `suggest` beyond the numeric parameters. */
const ANALYSIS_HELP = `  --cross-border          急救覆盖计入邻县急救点（默认不计：县按本县网络、市辖区按全市市辖区网络核查）
                          count neighbouring counties' EMS points (default off: a county its own network, a
                          district the city's)
  --urban FILE            城区多边形（中心城区/城镇开发边界；GeoJSON/KML/zip），替代默认的建成区圆
                          urban polygons (GeoJSON/KML/zipped Shapefile), replacing the default built-up discs
  --sub-count-variant V   SUB-COUNT 以哪种读法为准：bands（003:213 按人口分档，默认）| per-county（003:143 每县 1–2 所）；
                          两种读法都显示 / which SUB-COUNT reading governs (both are shown)`;

/** One help line per numeric parameter: option, label, range (the plan's or the tool's), default. */
function paramLines(spec: ParamSpec[]): string {
  return spec
    .map((p) => {
      const range = `[${p.min}, ${p.max}]`;
      // the spec is 南阳's: its plan's range is 南阳's (宜春's rural radius is one limit, 20 km: the re-trial)
      const from =
        p.rangeFrom === "plan" ? { zh: "南阳规划范围", en: "Nanyang's plan range" } : { zh: "范围", en: "range" };
      const opt = `--${p.option} N`;
      // an option too long for the column starts its label on the next line
      const head = opt.length < 24 ? opt.padEnd(24) : `${opt}\n${" ".repeat(26)}`;
      return `  ${head}${p.label.zh}，公里，${from.zh} ${range}（默认 default ${p.default}；其他城市按其规划）
                          ${p.label.en}, km, ${from.en} ${range} (other cities: their plans')`;
    })
    .join("\n");
}

/** The exit codes (exit-codes.ts), the same for every command. */
const EXIT_HELP = `退出码 / Exit codes（各命令相同 the same for every command）:
  0  完成，全部行已分析（发现违规也是 0）/ done, every row analysed (violations found are still 0)
  3  完成，但有被拒绝的行：其余行已分析、结果已写入，被拒绝的行逐行列出并写入 DIR/rejected.csv
     done with rejected rows: the rest analysed and the outputs written; each rejected row listed (DIR/rejected.csv)
  2  用法或输入有误（参数、整个文件不可用或其行全部被拒绝），未分析、未写入 / bad usage or input (an option, a
     whole file, a file whose every row is rejected): nothing analysed, nothing written
  1  内部错误（程序缺陷，请报告）/ internal error (a defect of ours; please report it)`;

const COMMANDS = `命令 / Commands:
  analyze   按规划规则核查设施布局 / check facilities against the plans' rules
  suggest   新站点建议（最大覆盖 / 最少站点）、中心乡镇卫生院与次中心 / site suggestions, central THCs, sub-centres
            （hfp suggest --help 查看用法 for its options）
  report    审查报告（Word 与打印版网页）/ review report (Word and a print view)
            （hfp report --help 查看用法 for its options）`;

/** `hfp --help` and `hfp analyze --help`. */
export function analyzeUsage(): string {
  const s = bundledSpec();
  return `用法 / Usage:
  hfp analyze --facilities 文件FILE --out 目录DIR [选项 options]
  （源码中 from the sources: npm run --silent cli -- analyze …）

${COMMANDS}

选项 / Options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/Shapefile：.zip 或 .shp，同目录的 .dbf、.prj 一并读取）；必需
                          facility file (CSV columns id,name,type,lon,lat[,county,township,village,grade,ownership,beds],
                          GeoJSON points, or a Shapefile as .zip or .shp with its parts beside it); required. type: English key or Chinese name (乡镇卫生院, 急救站 …)
  --out DIR               输出目录，写入 report.json、facilities.geojson、gaps.geojson、violations.geojson、
                          rejected.csv（全部被拒或存疑的行）；整组写入，失败时保留原有结果；必需。其他城市、省、全国
                          的分析按下文写逐行文件
                          output directory for report.json, facilities.geojson, gaps.geojson, violations.geojson and
                          rejected.csv (every rejected or doubtful row), written as one set (a failed write keeps the
                          previous set); required. Runs for other cities, provinces and China write the line files
                          below
  --city NAME             城市 city: nanyang | pingdingshan | nangong | yichun（默认 default nanyang；其他城市见下
                          other cities below）
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries (default from geodata)
${RULES_HELP}
  --crs CRS               设施与需求点坐标系 coordinate system of facilities and demand points:
                          wgs84 | gcj02 | bd09 | EPSG:4513–4554（CGCS2000 3 度带高斯投影，米）| EPSG:326NN（UTM）
                          （默认：Shapefile 按其 .prj，否则 wgs84 / default: a Shapefile's .prj, else wgs84）
${DROP_HELP}
${ADD_HELP}
${paramLines([s.urbanRadiusKm, s.ruralRadiusKm, s.subCentreMinKm, s.centralCityRadiusKm, s.countySeatRadiusKm])}
                          （范围与默认值取自规则集与城市，此处为南阳 ranges and defaults come from the rule set and the
                          city; shown for Nanyang. 建成区半径 = √(建成区面积/π)，见 docs/rules.md）
${ANALYSIS_HELP}
  --population FILE       各县人口表（CSV/XLSX：代码或名称、人口）/ county population table (code or name, population)
  --unit-population FILE  乡镇/街道（9 位代码）与行政村（12 位代码）人口表（代码、人口）：THC-BEDS、小街道（002:191）、
                          800 人以上的村（004:437）/ township (9-digit) and village (12-digit) populations
  --staffing FILE         县人员表（代码或县区；医师、护士、药师、全科医生）/ county staffing table (doctors, nurses,
                          pharmacists, GPs)
  --demand FILE           需求点（CSV：id（可选）、lon/经度、lat/纬度、weight/人口/population（可选，默认 1）；
                          或 GeoJSON 点，属性同上；坐标系同 --crs）：急救半径规则另报告覆盖的需求点数与加权比例
                          demand points (CSV columns id (optional), lon/经度, lat/纬度, weight/人口/population
                          (optional, default 1), or GeoJSON points with these properties; in --crs): the EMS radius
                          checks also report covered demand points and the covered share of their weight
  --roads FILE            路网（GeoJSON、Shapefile 压缩包、.osm 或 .osm.pbf，读取时裁剪到各县外 10 km）：EMS-TIME
                          按行车时间估算平均急救反应时间、30 分钟内比例与超时区域，写出 isochrones.geojson（等时圈）
                          road network (GeoJSON, zipped Shapefile, .osm or .osm.pbf; clipped to 10 km around the
                          counties while reading): EMS-TIME gets its mean travel time, share within 30 min and the
                          places beyond; isochrone bands go to isochrones.geojson
  --roads-crs CRS         路网坐标系 wgs84 | gcj02 | bd09（默认 wgs84，Shapefile 按 .prj）/ road CRS (default wgs84, or the .prj)
  --speeds FILE           速度表 JSON {"classes": {"县道": 30, …}, "offroadKmh": 5}（默认表见 docs/travel-time.md）
                          speed table (default table and its sources in docs/travel-time.md)
  --offroad-kmh N         路外速度 km/h（道路到地点之间，默认 5）/ off-road speed between road and place (default 5)
  --population-raster FILE
                          人口栅格 GeoTIFF（WorldPop、GHS-POP 等，地理或投影坐标）：各覆盖检查报告覆盖人口，
                          EMS-TIME 按人口加权 / population GeoTIFF (WorldPop, GHS-POP, …): every coverage check
                          reports people covered, EMS-TIME is weighted by population
  -h, --help              显示本帮助 / show this help

全国任一城市、全省、全国 / any city, a province, all of China（逐市分析，按县流式输出 analysed city by city,
streamed per county）:
  --city CITY             城市 id、6 位代码、中文名或拼音（--city 410100、--city 郑州市、--city zhengzhou）；重名或
                          找不到时列出候选并以 2 退出 / id, 6-digit code, Chinese name or pinyin; ambiguous or unknown
                          names exit 2 with the candidates
                          四个规划城市（平顶山、410400 等）按单市分析，输出同 --city pingdingshan；加 --stream 则按县流式输出
                          / one of the four plan cities (平顶山, 410400 …) is a city run, its files those of --city
                          pingdingshan; with --stream the streamed files instead
  --stream                单个规划城市也按县流式输出（report.ndjson 等）/ the streamed files for one plan city too
  --province P            全省各市（代码 41 或 410000、名称 河南、拼音 henan）/ every city of a province
  --china                 全国各县级单位 / every county-level unit of China
  --counties LIST         只输出这些县（逗号分隔的 6 位代码；按所在城市整体分析）/ only these counties (comma-separated
                          codes; each is analysed with its whole city)
  --shard I/N             只运行第 I 个分片（共 N 个，按城市划分、无共享状态；各分片输出按序拼接即为整体结果）
                          run shard I of N (cities split by cost, no shared state; the shards' files concatenated in
                          order are the single run's)
  --exact-gaps            缺口按精确边界输出（县界减去各站的测地圆，同单市分析与网页版；全国约多用一倍 CPU）；
                          只选一个城市时默认如此，多个城市时默认按 250 米网格 / gaps drawn exactly (the county less the
                          stations' geodesic discs, as a city run and the app write them; about twice the CPU for the
                          whole country): the default for one city, their 250 m cells for more
  --cell-gaps             缺口按 250 米网格输出（只选一个城市时亦然）/ gaps as their 250 m cells (one city too)
  --population、--demand、--unit-population、--staffing、--urban、--roads、--population-raster 同单市分析：文件读一次，
  各市取其县的行、其范围内的点与路网；其他城市县区的行计为“不在本次范围”/ the inputs of a city run work here too:
  each file is read once and each city takes its counties' rows and the points and roads over it; rows of counties
  outside the run are counted as such
  无本地规划的城市按各规划共有的规则核查（seeds/ruleset-national.json）/ a city without a local plan is
  checked against the rules the plans share (seeds/ruleset-national.json)
  输出 writes: DIR/report.ndjson（每县一行 one line per county）, facilities.geojsonl（清洗后的设施 the cleaned
  facilities）, gaps.geojsonl, violations.geojsonl（每行一个要素 one GeoJSON feature per line）, summary.json（合计
  totals）, rejected.csv；全部写完后一并改名 renamed together when complete

${EXIT_HELP}`;
}

/** `hfp suggest --help`. */
export function suggestUsage(): string {
  const s = bundledSpec();
  const r = SITING_RADIUS_KM;
  return `用法 / Usage:
  hfp suggest --facilities FILE --type TYPE --radius-km N (--add K | --target-share S) --out DIR [选项 options]
  hfp suggest --central-thc --facilities FILE --out DIR [--radius-km N] [选项 options]
  hfp suggest --sub-centres --facilities FILE --out DIR [--min-km ${s.subCentreMinKm.default}] [选项 options]
  （源码中 from the sources: npm run --silent cli -- suggest …）

新站点建议 / site suggestions (每县单独求解 solved per county):
  --type TYPE             设施类型，如 ems-station（急救站）/ facility type to site, e.g. ems-station
  --radius-km N           服务半径，公里（测地线，含边界），范围 [${r.min}, ${r.max}] / service radius, km (geodesic,
                          inclusive), range [${r.min}, ${r.max}]
  --minutes N             按行车时间选址（代替 --radius-km，需 --roads）：候选点 N 分钟内可达的 1 km 网格为其覆盖，
                          与 EMS-TIME 用同一路网与时间 / site on travel time instead of a radius (needs --roads): a
                          candidate covers the 1 km cells it reaches within N min, on the same network as EMS-TIME
  --roads FILE            路网（GeoJSON、Shapefile 压缩包、.osm、.osm.pbf）；--speeds FILE、--offroad-kmh N、
                          --roads-crs CRS 同 analyze / road network; --speeds, --offroad-kmh, --roads-crs as for analyze
  --population-raster FILE
                          人口栅格 GeoTIFF：需求按人口计，选址使覆盖人口最大 / population GeoTIFF: demand is people, so
                          siting maximises people covered
  --add K                 每县新增 K 个站点，最大覆盖（MCLP）/ add K sites per county, maximal covering
  --target-share S        目标覆盖率 (0, 1]，最少新站点（LSCP）/ target covered share, fewest new sites
  --candidates FILE       候选点文件（CSV/GeoJSON 点，格式同设施文件）/ candidate points (same format as facilities)
  --candidates-crs CRS    候选点文件的坐标系（默认同 --crs）：如高德坐标的候选点配 WGS84 的设施文件 / the candidate file's
                          own CRS (default: --crs's), e.g. Amap candidates beside a WGS84 facility file
  --candidates-type TYPE  以各县现有该类设施为候选点（升级，如 central-thc → 次中心）/ candidates = the county's
                          existing facilities of TYPE (upgrades, e.g. central THCs to sub-centres)
  --grid-km N             无候选文件时按 N 公里网格生成候选点（默认 2）/ candidate grid spacing, km (default 2)
  --method M              auto | exact | greedy（默认 auto：HiGHS 精确求解）/ solver (default auto)
  --time-limit SEC        每县求解时限，秒（默认 30）/ time limit per county, s (default 30)
  --min-separation-km N   新站点最小间距，公里（跨县亦然，按县依次求解）/ minimum distance between new sites, km
                          (also across county borders: counties are solved in turn)
  --type sub-centre       次中心选址：候选点须在城区外且距县域医疗中心 ≥ --min-km（SUB-15KM），每县新增数量受
                          SUB-COUNT 人口档位限制（需 --population）/ siting sub-centres: candidates outside the urban area
                          and ≥ --min-km from the county medical centre; new sites per county capped by SUB-COUNT
  --demand FILE           需求点（CSV/GeoJSON：lon/经度、lat/纬度、weight/人口，如各村人口）；替代面积网格作为需求
                          weighted demand points (e.g. villages with population) instead of the area cells
  --population FILE       各县人口表（CSV/XLSX：代码或名称、人口）/ county population table (code or name, population)
  需求 demand: 县域 250 m 网格聚合为 1 km 块，权重 = 面积 km² / county 250 m grid in 1 km blocks, weight = area km²
  输出 writes: DIR/suggestions.geojson, DIR/suggest-report.json, DIR/rejected.csv

规划模式 / plan modes:
  --central-thc           每县从乡镇卫生院（含中心卫生院）中选约 1/3 为中心乡镇卫生院，使覆盖最大（CTHC-THIRD, 002:187）；
                          --radius-km 默认 10（规划未给数值）/ choose ≈ 1/3 of each county's THCs as central THCs covering
                          the county best; --radius-km default 10 (the plan gives no figure). Writes central-thc.json/.geojson
  --sub-centres           列出各县符合次中心条件的中心乡镇卫生院与次中心（城区外且距县域医疗中心 ≥ --min-km，SUB-15KM, 003:213）
                          list central THCs and sub-centres qualifying as county sub-centres (outside the urban area,
                          ≥ --min-km from the county medical centre). Writes sub-centres.json/.geojson
${paramLines([s.subCentreMinKm])}

共同选项 / common options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/zip）；必需 / facility file; required
  --out DIR               输出目录；各模式的文件与 rejected.csv（全部被拒或存疑的行）整组写入，失败时保留原有结果；
                          必需 / output directory; each mode's files and rejected.csv (every rejected or doubtful
                          row) are written as one set (a failed write keeps the previous set); required
  --city NAME             城市 city: nanyang | pingdingshan | nangong | yichun（默认 default nanyang），或任一地级市的
                          6 位代码、中文名、拼音（--city 410300、--city 洛阳市），无本地规划者按各规划共有的规则 / or any
                          prefecture-level city by code, Chinese name or pinyin, on the rules the plans share
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries
  --county CODE           只计算该县（6 位代码）/ only this county (6-digit code)
${RULES_HELP}
                          （SUB-15KM 距离与 SUB-COUNT 档位取自其中 / the SUB-15KM distance and SUB-COUNT bands come from it）
${paramLines([s.centralCityRadiusKm, s.countySeatRadiusKm])}
${ANALYSIS_HELP}
  --crs CRS               wgs84 | gcj02 | bd09 | EPSG:4513–4554 | EPSG:326NN（默认：Shapefile 按其 .prj，否则
                          wgs84 / default: a Shapefile's .prj, else wgs84）
${DROP_HELP}

${EXIT_HELP}`;
}

/** `hfp report --help`. */
export function reportUsage(): string {
  const s = bundledSpec();
  return `用法 / Usage:
  hfp report --facilities 文件FILE --out 目录DIR [选项 options]
  （源码中 from the sources: npm run --silent cli -- report …）

生成审查报告：可编辑的 Word 文件（审查报告.docx，Word / WPS 均可打开）和打印版网页（report.html，浏览器打印为 PDF）。
Writes the review report: an editable Word file (审查报告.docx) and a print view (report.html, print it to PDF).

选项 / Options:
  --facilities FILE       设施文件（CSV/XLSX/GeoJSON/KML/Shapefile：.zip 或 .shp）；必需 / facility file; required
  --out DIR               输出目录，写入 审查报告.docx、report.html、rejected.csv（全部被拒或存疑的行）；整组写入，
                          失败时保留原有结果；必需 / output directory for 审查报告.docx, report.html and rejected.csv
                          (every rejected or doubtful row), written as one set (a failed write keeps the previous
                          set); required
  --city NAME             城市 city: nanyang | pingdingshan | nangong | yichun（默认 default nanyang），或任一地级市的
                          6 位代码、中文名、拼音（--city 410100、--city 郑州市），无本地规划者按各规划共有的规则 / or any
                          prefecture-level city by code, Chinese name or pinyin, on the rules the plans share
  --county CODE           只出该县区（6 位代码）的报告；默认全市 / one county (6-digit code); default the whole city
  --boundaries FILE       县级边界（默认 geodata/counties-<city>.geojson）/ county boundaries
${RULES_HELP}
  --crs CRS               设施坐标系 wgs84 | gcj02 | bd09 | EPSG:4513–4554 | EPSG:326NN（默认：Shapefile 按其
                          .prj，否则 wgs84 / default: a Shapefile's .prj, else wgs84）
${DROP_HELP}
${ADD_HELP}
${paramLines([s.urbanRadiusKm, s.ruralRadiusKm, s.subCentreMinKm, s.centralCityRadiusKm, s.countySeatRadiusKm])}
${ANALYSIS_HELP}
  --population FILE       各县人口表（CSV/XLSX）/ county population table
  --unit-population FILE  乡镇/街道与行政村人口表，同 analyze / township and village populations, as for analyze
  --staffing FILE         县人员表，同 analyze：报告中的全市人员指标 / county staffing table, as for analyze: the
                          report's staff indicators
  --demand FILE           需求点，同 analyze / demand points, as for analyze
  --roads FILE            路网（GeoJSON、Shapefile 压缩包、.osm、.osm.pbf）：报告中的急救到达时间（EMS-TIME）按路网计算；
                          --speeds FILE、--offroad-kmh N、--roads-crs CRS 同 analyze / road network: the report's EMS-TIME
                          check from the roads; --speeds, --offroad-kmh, --roads-crs as for analyze
  --population-raster FILE
                          人口栅格 GeoTIFF，同 analyze / population raster (GeoTIFF), as for analyze
  -h, --help              显示本帮助 / show this help

${EXIT_HELP}`;
}
