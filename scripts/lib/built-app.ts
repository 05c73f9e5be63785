import { loadavg } from "node:os";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { type PreviewServer, preview } from "vite";

/**
 * The built app served from `dist` and a headless Chromium (Debian's, or CHROMIUM_PATH) with one 1366×768 Chinese
 * context, as the profiling scripts open it; `load0` is the 1-minute load average when the browser started.
 */
export async function openBuiltApp(
  dist: string,
): Promise<{ server: PreviewServer; url: string; browser: Browser; context: BrowserContext; load0: number }> {
  const server = await preview({
    build: { outDir: dist },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  const url = server.resolvedUrls!.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--no-first-run", "--disable-background-networking", "--enable-unsafe-swiftshader"],
  });
  const load0 = loadavg()[0];
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  // tsx/esbuild's keepNames helper, referenced by functions passed to page.evaluate
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  return { server, url, browser, context, load0 };
}
