import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type PreviewServer, preview } from "vite";
import type { TestProject } from "vitest/node";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let server: PreviewServer | undefined;

/** The app is built here for the tests, apart from dist/ (which `npm run build` fills with the app and the CLI). */
const OUT_DIR = "test-output/e2e-app";

/** Builds the app once and serves it for the browser tests (no network needed). */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: browser tests are required under CI`);
    console.warn(`[e2e] Chromium not found at ${CHROMIUM}: browser tests will be skipped`);
    project.provide("baseUrl", "");
    return;
  }
  const build = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--outDir", OUT_DIR, "--emptyOutDir", "--logLevel", "warn"],
    { stdio: "inherit" },
  );
  if (build.status !== 0) throw new Error("vite build failed");
  server = await preview({
    build: { outDir: OUT_DIR },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("preview server has no URL");
  project.provide("baseUrl", url);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
