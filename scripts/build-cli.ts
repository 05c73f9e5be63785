/**
 * Builds the command line to plain JavaScript that runs with `node` alone: dist/cli/hfp.mjs (the `hfp` bin of
 * package.json) plus the chunks it loads when a command runs, and HiGHS's wasm beside them. `npm run build` runs it
 * after the app's build.
 *
 *   npx tsx scripts/build-cli.ts [--outdir DIR]
 *
 * The bundle reads geodata/ and seeds/ two directories above itself (see src/cli/paths.ts), so DIR sits two levels
 * below the repository root.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * zod's `z` object carries `z.locales`, the error messages of some forty languages (400 kB once bundled), which
 * esbuild keeps because the namespace object is kept whole. The project writes its own bilingual messages
 * (src/core/schema-messages.ts) and never calls `z.locales`, so the CLI bundle gets an empty namespace there:
 * less for every command to parse at start-up. zod's default English messages come from its own import of
 * locales/en.js, which stays.
 */
export const noZodLocales: Plugin = {
  name: "no-zod-locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "no-zod-locales" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "no-zod-locales" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/** Bundles the CLI into `outdir` (emptied first); returns the path of the entry file. */
export async function buildCli(outdir = join(root, "dist", "cli")): Promise<string> {
  if (relative(root, outdir).split(/[\\/]/).length !== 2)
    throw new Error(`${outdir}: the CLI must be built two levels below the repository root`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { hfp: join(root, "src/cli/bin.ts") },
    outdir,
    bundle: true,
    // commands are dynamic imports: each becomes its own chunk, loaded only when it runs
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    // some dependencies are CommonJS and require Node's built-ins
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    legalComments: "linked",
    logLevel: "warning",
    plugins: [noZodLocales],
  });
  // highs loads its wasm from beside the module that imports it (new URL("highs.wasm", import.meta.url))
  const wasm = createRequire(import.meta.url).resolve("highs/runtime");
  copyFileSync(wasm, join(outdir, "highs.wasm"));
  return join(outdir, "hfp.mjs");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--outdir");
  const out = await buildCli(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  console.log(`built ${relative(root, out)}`);
}
