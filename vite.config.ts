/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * `<link rel="preload">` in index.html for the default city's counties, sample scenario and divisions (the first
 * city of geodata/cities.json, the session's default): their fetches start with the page's script instead of after
 * it has been parsed and run. A session saved on another city fetches its own; these are then left unused.
 */
function preloadFirstCity(): Plugin {
  return {
    name: "hfp-preload-first-city",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const [first] = JSON.parse(readFileSync("geodata/cities.json", "utf8")) as Array<Record<string, string>>;
        const files = [first.counties, first.scenario, first.divisions].map((f) => `geodata/${f}`);
        const tags = [];
        for (const out of Object.values(ctx.bundle ?? {})) {
          if (out.type !== "asset") continue;
          if (!out.originalFileNames.some((n) => files.some((f) => n.endsWith(f)))) continue;
          tags.push({
            tag: "link",
            attrs: { rel: "preload", href: `./${out.fileName}`, as: "fetch", crossorigin: "anonymous" },
            injectTo: "head" as const,
          });
        }
        return tags;
      },
    },
  };
}

/** The unit tests (Node): every test file outside test/e2e. */
const UNIT_TESTS = ["test/**/*.test.ts", "test/**/*.test.tsx"];
/** Unit test files that replace a module with vi.mock (they need a process of their own). */
const MOCKING_TESTS = ["test/cli/disk-full.test.ts", "test/app/township-table.test.ts"];

/**
 * A start script in index.html's head that creates the analysis worker (`window.__hfpWorker`, taken by
 * `analysisWorker()`) and has it fetch and parse the default city's counties, sample scenario and divisions, so the
 * worker's script loads and its first analysis's data is read while the app's 1.8 MB first chunk is still being
 * fetched and run, not after it; with no session saved, the worker starts that city's first analysis itself
 * (analysis.worker.ts). A session saved on another city leaves the prefetched files unused.
 */
function startWorker(): Plugin {
  return {
    name: "hfp-start-worker",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const outputs = Object.values(ctx.bundle ?? {});
        const worker = outputs.find((o) => /(^|\/)analysis\.worker-[^/]*\.js$/.test(o.fileName));
        if (!worker) throw new Error("hfp-start-worker: the analysis worker's chunk is not in the bundle");
        const [first] = JSON.parse(readFileSync("geodata/cities.json", "utf8")) as Array<Record<string, string>>;
        const urls = [first.counties, first.scenario, first.divisions].map((f) => {
          const out = outputs.find((o) => o.type === "asset" && o.originalFileNames.some((n) => n.endsWith(`geodata/${f}`)));
          if (!out) throw new Error(`hfp-start-worker: geodata/${f} is not in the bundle`);
          return `./${out.fileName}`;
        });
        // the files go in the worker's URL, so the worker requests them from its first line (src/worker/prefetch.ts)
        const children = [
          "{",
          `  const files = ${JSON.stringify(urls)}.map((u) => new URL(u, document.baseURI).href);`,
          // in the worker's name, not its URL: see src/worker/prefetch.ts
          `  const name = "prefetch=" + encodeURIComponent(JSON.stringify(files)) + "&city=" + ${JSON.stringify(encodeURIComponent(first.id))};`,
          `  window.__hfpWorker = new Worker(${JSON.stringify(`./${worker.fileName}`)}, { type: "module", name });`,
          "}",
        ].join("\n");
        return [{ tag: "script", children, injectTo: "head" as const }];
      },
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [react(), preloadFirstCity(), startWorker()],
  worker: { format: "es" },
  // No gzip size report: it compresses each of the 740-odd assets (mostly geodata) only to print their sizes.
  build: { chunkSizeWarningLimit: 4000, sourcemap: false, reportCompressedSize: false },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: UNIT_TESTS,
          exclude: ["test/e2e/**", "node_modules/**", ...MOCKING_TESTS],
          environment: "node",
          testTimeout: 60_000,
          // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine, while the
          // main process mostly waits. Two keep both cores busy.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // The files of a worker share the modules it has loaded instead of each loading the core, the geodata
          // readers and the CLI anew: about half of the files' summed time went to importing.
          isolate: false,
        },
      },
      {
        // Files that replace a module with vi.mock run each in a fresh process, as every file did before: without
        // isolation a file that ran earlier in the same worker may have loaded the real module.
        extends: true,
        test: {
          name: "unit-isolated",
          include: MOCKING_TESTS,
          environment: "node",
          testTimeout: 60_000,
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // The files of a worker share its modules, so the page openApp keeps (test/e2e/flows.ts) goes on from one
          // file to the next, reset through 新建会话, instead of each file opening a new page first.
          isolate: false,
          // One file at a time. E2E_WORKERS=2 runs two files at once on the one shared Chromium, to measure whether
          // a 2-core machine gains from it (docs/testing.md: not yet measured on a quiet machine).
          fileParallelism: !!process.env.E2E_WORKERS,
          ...(process.env.E2E_WORKERS ? { maxWorkers: Number(process.env.E2E_WORKERS) } : {}),
        },
      },
    ],
  },
});
