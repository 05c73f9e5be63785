import { parseAnalyzeArgs, runAnalyze, USAGE } from "./analyze";
import { InputError } from "./common";
import { parseReportArgs, REPORT_USAGE, runReport } from "./report";
import { parseSuggestArgs, runSuggest, SUGGEST_USAGE } from "./suggest";

const COMMANDS_HELP = `
  suggest   新站点建议（最大覆盖 / 最少站点）、中心乡镇卫生院与次中心 / site suggestions, central THCs, sub-centres
            （npm run --silent cli -- suggest --help 查看用法 for its options）
  report    审查报告（Word 与打印版网页）/ review report (Word and a print view)
            （npm run --silent cli -- report --help 查看用法 for its options）`;

/** Entry point of `npm run cli -- <command> ...`; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "suggest" && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(SUGGEST_USAGE);
    return 0;
  }
  if (command === "report" && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(REPORT_USAGE);
    return 0;
  }
  if (!command || command === "-h" || command === "--help" || rest.includes("--help") || rest.includes("-h")) {
    console.log(USAGE.replace(/(\n {2}analyze [^\n]*)/, `$1${COMMANDS_HELP}`));
    return command && command !== "-h" && command !== "--help" && command !== "analyze" ? 2 : 0;
  }
  if (command !== "analyze" && command !== "suggest" && command !== "report") {
    console.error(`未知命令 unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    const result =
      command === "suggest"
        ? await runSuggest(parseSuggestArgs(rest))
        : command === "report"
          ? await runReport(parseReportArgs(rest))
          : await runAnalyze(parseAnalyzeArgs(rest));
    for (const line of result.lines) (line.includes("[错误 error]") ? console.error : console.log)(line);
    return result.exitCode;
  } catch (e) {
    if (e instanceof InputError) {
      for (const line of e.lines) console.error(line);
      console.error("输入有误，未进行分析 / bad input, nothing analysed (--help 查看用法 for usage)");
      return 2;
    }
    console.error(`内部错误 internal error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
