import { main } from "../../src/cli/main";

/**
 * Runs the command line in this process, as `hfp ...args` would: the exit code and what it would print on stdout
 * and stderr (one line per printed line). Much faster than a child process with a TypeScript loader.
 */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(`${l}\n`), err: (l) => err.push(`${l}\n`) });
  return { code, out: out.join(""), err: err.join("") };
}
