import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type BrowserServer, chromium } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import type { TestProject } from "vitest/node";
import { CHROME_ARGS } from "./chrome-args";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The app is built here for the tests when dist/ is missing or older than its sources. */
const OUT_DIR = "test-output/e2e-app";
/** What `npm run build` writes (the app, and the CLI under dist/cli). */
const DIST = "dist";
/** Everything the app's build reads: sources, assets, the geodata and seeds it bundles, and the build's settings. */
const BUILD_INPUTS = [
  "src",
  "public",
  "geodata",
  "seeds",
  "index.html",
  "vite.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

/** The newest modification time among the files under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/**
 * The directory to serve: dist/ when `npm run build` wrote it after the last change to any build input (as in
 * `npm run check`, which builds just before the browser tests), else a fresh build of the app into OUT_DIR.
 * E2E_REBUILD=1 always builds.
 */
function appDir(): string {
  const index = join(DIST, "index.html");
  if (!process.env.E2E_REBUILD && existsSync(index)) {
    const built = statSync(index).mtimeMs;
    const changed = Math.max(...BUILD_INPUTS.map(newest));
    if (built > changed) {
      console.log(`[e2e] serving ${DIST}/ (built after its sources last changed)`);
      return DIST;
    }
  }
  // NODE_ENV=production: Vitest sets it to "test", and Vite then bundled React's development build (its checks, and
  // StrictMode mounting every effect twice), not what users get and `npm run check`'s dist/ serves
  const build = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--outDir", OUT_DIR, "--emptyOutDir", "--logLevel", "warn"],
    { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (build.status !== 0) throw new Error("vite build failed");
  return OUT_DIR;
}

/**
 * Builds the app once (or reuses dist/), serves it, and starts one headless Chromium that every test file
 * connects to (no network needed), and a second that draws scrollbars as a desktop browser does (Playwright's
 * headless default hides them) for the tests that measure widths: they share its page (`openAppWithScrollbars`).
 */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: browser tests are required under CI`);
    console.warn(`[e2e] Chromium not found at ${CHROMIUM}: browser tests will be skipped`);
    project.provide("baseUrl", "");
    project.provide("browserWs", "");
    project.provide("scrollbarsWs", "");
    return;
  }
  let server: PreviewServer | undefined;
  let browser: BrowserServer | undefined;
  let scrollbars: BrowserServer | undefined;
  const teardown = async () => {
    await Promise.all([browser?.close(), scrollbars?.close()]);
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  };
  try {
    const outDir = appDir();
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: "127.0.0.1", strictPort: false },
      logLevel: "warn",
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error("preview server has no URL");
    browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROME_ARGS });
    scrollbars = await chromium.launchServer({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROME_ARGS,
      ignoreDefaultArgs: ["--hide-scrollbars"],
    });
    project.provide("baseUrl", url);
    project.provide("browserWs", browser.wsEndpoint());
    project.provide("scrollbarsWs", scrollbars.wsEndpoint());
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The shared Chromium's endpoint for `chromium.connect`. */
    browserWs: string;
    /** The endpoint of the shared Chromium that draws scrollbars (launched without --hide-scrollbars). */
    scrollbarsWs: string;
  }
}
