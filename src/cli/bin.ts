#!/usr/bin/env node
import { main } from "./main";

// the `hfp` command (built to dist/cli/hfp.mjs by `npm run build`; `npm run cli` runs it from the sources)
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
