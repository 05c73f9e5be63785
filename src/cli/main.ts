/**
 * The command line: `hfp analyze …`, `hfp suggest …`, `hfp report …`, `hfp --help`. Commands are loaded when they
 * run, so that `--help` reads only the usage texts; the analysis core comes in with the command that needs it.
 */

import { EXIT } from "./exit-codes";

/** Where a run's output lines go: stdout and stderr for the real command, arrays for tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const CONSOLE: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

const COMMANDS = ["analyze", "suggest", "report"] as const;

/**
 * Runs one command line (without `node` and the script); returns the exit code ({@link EXIT}): 0 analysed, 3 analysed
 * with rejected rows (outputs written), 2 bad usage or input (nothing written), 1 a defect of ours.
 */
export async function main(argv: string[], io: CliIo = CONSOLE): Promise<number> {
  const [command, ...rest] = argv;
  const help = rest.includes("--help") || rest.includes("-h");
  if (command === "suggest" && help) {
    io.out((await import("./usage")).suggestUsage());
    return EXIT.ok;
  }
  if (command === "report" && help) {
    io.out((await import("./usage")).reportUsage());
    return EXIT.ok;
  }
  if (!command || command === "-h" || command === "--help" || help) {
    io.out((await import("./usage")).analyzeUsage());
    return command && command !== "-h" && command !== "--help" && command !== "analyze" ? EXIT.badInput : EXIT.ok;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    io.err(
      `未知命令 ${command}（可用 ${COMMANDS.join("、")}）/ unknown command ${command} (one of ${COMMANDS.join(", ")})\n\n${(await import("./usage")).analyzeUsage()}`,
    );
    return EXIT.badInput;
  }
  try {
    const result =
      command === "suggest"
        ? await import("./suggest").then((m) => m.runSuggest(m.parseSuggestArgs(rest)))
        : command === "report"
          ? await import("./report").then((m) => m.runReport(m.parseReportArgs(rest)))
          : await import("./region").then(async (m) => {
              const argv = await m.planCityArgv(rest);
              return m.isRegionRun(argv)
                ? m.runRegion(m.parseRegionArgs([...argv]))
                : import("./analyze").then((a) => a.runAnalyze(a.parseAnalyzeArgs([...argv])));
            });
    for (const line of result.lines) (line.includes("[错误 error]") ? io.err : io.out)(line);
    return result.exitCode;
  } catch (e) {
    const { InputError } = await import("./common");
    if (e instanceof InputError) {
      for (const line of e.lines) io.err(line);
      io.err("输入有误，未进行分析（用法见 --help）/ bad input, nothing analysed (usage: --help)");
      return EXIT.badInput;
    }
    io.err(`内部错误 internal error: ${(e as Error).stack ?? e}`);
    return EXIT.defect;
  }
}
