/**
 * Import limits on this machine: runs each measurement of scripts/measure-import.ts in its own Node process and
 * prints the results (recorded in docs/reliability.md and docs/benchmarks.md). `npx tsx scripts/bench-io.ts`
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const script = join(import.meta.dirname, "measure-import.ts");
for (const kind of ["long-number", "zip-bomb", "csv-1m", "geojson-200mb"]) {
  const out = execFileSync(process.execPath, ["--import", "tsx", script, kind], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  process.stdout.write(out);
}
