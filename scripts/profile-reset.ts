/**
 * What the browser tests' reset between tests costs (openApp in test/e2e/flows.ts): the built app in the tests'
 * Chromium (their switches, test/e2e/chrome-args.ts) at 1366×768, a cold load, then N resets done as the tests do
 * them (storage emptied, Escape, 「新建会话」 and its confirm, the new session published, the map ready). For the load and
 * each reset: the wall time, the map's frames, and the CPU seconds of this process's tree by kind of process (read
 * from /proc: `browser`, `gpu-process` — WebGL drawn by SwiftShader —, `renderer`/`zygote` — the page, its workers —,
 * `utility`, `node`). CPU seconds move less with the machine's load than wall times do, but they grow under it too.
 * With --click the two buttons are clicked as a user does (Playwright's click(): it waits for each to be visible,
 * stable over two animation frames and hit), else sent a click event (dispatchEvent), as openApp does.
 * Usage: npx tsx scripts/profile-reset.ts [--dist DIR] [--runs N] [--click] [-- EXTRA_CHROMIUM_SWITCHES...]
 */
import { loadavg } from "node:os";
import { CHROME_ARGS } from "../test/e2e/chrome-args";
import { flag, option } from "./lib/args";
import { openBuiltApp } from "./lib/built-app";
import { byKind, treeCpu } from "./lib/proc-cpu";

const args = process.argv.slice(2);
const dist = option("--dist") ?? "dist";
const runs = Number(option("--runs") ?? 5);
const extra = args.includes("--") ? args.slice(args.indexOf("--") + 1) : [];
const click = flag("--click");

/** CPU seconds (user + system) of this process's tree, summed by kind of process. */
function cpuByKind(): Record<string, number> {
  const cpu = treeCpu();
  return cpu ? byKind(cpu) : {};
}
const spent = (a: Record<string, number>, b: Record<string, number>) => {
  const kinds = Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)] as const);
  const sum = kinds.reduce((s, [, v]) => s + v, 0);
  return { sum, text: kinds.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ") };
};

const { server, url, browser, context } = await openBuiltApp(dist, [...CHROME_ARGS, ...extra]);
try {
  const page = await context.newPage();
  const ready = () =>
    page.waitForFunction(
      () => {
        const h = window.__hfp;
        return !!h && h.ready && h.cityId === "nanyang" && h.analysisSeq > -1 && h.map.loaded() && !h.map.isMoving();
      },
      null,
      { timeout: 180_000, polling: 50 },
    );
  console.log(`switches: ${[...CHROME_ARGS, ...extra].join(" ")}; buttons ${click ? "clicked" : "sent a click event"}`);
  let c0 = cpuByKind();
  let t0 = performance.now();
  await page.goto(url);
  await ready();
  let cpu = spent(c0, cpuByKind());
  console.log(
    `cold load: ${((performance.now() - t0) / 1000).toFixed(2)} s, CPU ${cpu.sum.toFixed(1)} s (${cpu.text}); load ${loadavg()[0]}`,
  );
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number };
    w.__frames = 0;
    window.__hfp!.map.on("render", () => w.__frames++); // the map is kept over a new session
  });
  let wall = 0;
  let cpuAll = 0;
  for (let r = 0; r < runs; r++) {
    c0 = cpuByKind();
    t0 = performance.now();
    await page.evaluate(async () => {
      const w = window as unknown as { __frames: number; __old: number };
      w.__frames = 0;
      w.__old = window.__hfp!.session;
      localStorage.clear();
      sessionStorage.clear();
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("keyval-store");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("keyval", "readwrite");
          tx.objectStore("keyval").clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      });
    });
    await page.keyboard.press("Escape");
    for (const id of ["new-session", "new-session-confirm"])
      await (click ? page.getByTestId(id).click() : page.getByTestId(id).dispatchEvent("click"));
    const clicked = performance.now() - t0;
    await page.waitForFunction(
      () => (window.__hfp?.session ?? -1) > (window as unknown as { __old: number }).__old,
      null,
      { timeout: 180_000, polling: 50 },
    );
    const published = performance.now() - t0;
    await ready();
    const done = performance.now() - t0;
    const frames = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
    cpu = spent(c0, cpuByKind());
    wall += done;
    cpuAll += cpu.sum;
    console.log(
      `reset ${r + 1}: confirmed ${(clicked / 1000).toFixed(2)} s, published ${(published / 1000).toFixed(2)} s, ` +
        `ready ${(done / 1000).toFixed(2)} s; ${frames} map frames; CPU ${cpu.sum.toFixed(1)} s (${cpu.text}); ` +
        `load ${loadavg()[0]}`,
    );
  }
  console.log(`mean reset ${(wall / runs / 1000).toFixed(2)} s, CPU ${(cpuAll / runs).toFixed(1)} s`);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
