import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { failedModuleUrl, lazyModule, retryModuleUrl } from "../../src/app/lazy-module";

describe("a failed pinyin chunk is fetched again at another address", () => {
  it("reads the chunk's address from Chromium's and Firefox's failures, and not from others", () => {
    const url = "http://localhost:4173/assets/pinyin-ibr8kFPf.js";
    expect(failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${url}`))).toBe(url);
    expect(failedModuleUrl(new TypeError(`error loading dynamically imported module: ${url}`))).toBe(url);
    // the dev server's source module, and an address that already has a query
    expect(
      failedModuleUrl(new TypeError("Failed to fetch dynamically imported module: http://h/src/app/pinyin.ts")),
    ).toBe("http://h/src/app/pinyin.ts");
    expect(failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${url}?retry=2`))).toBe(
      `${url}?retry=2`,
    );
    // Safari names no address
    expect(failedModuleUrl(new TypeError("Importing a module script failed."))).toBeNull();
    expect(failedModuleUrl("nothing")).toBeNull();
  });

  it("each retry asks for a new address of the same file", () => {
    const url = "http://localhost:4173/assets/pinyin-ibr8kFPf.js";
    const first = retryModuleUrl(url, 1);
    const second = retryModuleUrl(`${url}?retry=1`, 2);
    expect(first).toBe(`${url}?retry=1`);
    expect(second).toBe(`${url}?retry=2`);
    expect(new URL(first).pathname).toBe(new URL(url).pathname);
  });
});

describe("lazyModule", () => {
  it("shares one import between callers, and after a failure imports the named file at a fresh address", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lazy-module-"));
    const file = join(dir, "chunk.mjs");
    writeFileSync(file, "export const answer = 42;\n");
    const url = pathToFileURL(file).href;
    let calls = 0;
    // the first import fails as Chromium's does (the address in the message); a second plain import would fail too
    const load = lazyModule<{ answer: number }>(() => {
      calls++;
      return Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${url}`));
    });
    const [a, b] = [load(), load()];
    expect(a).toBe(b);
    await expect(a).rejects.toThrow(/Failed to fetch/);
    expect(calls).toBe(1);
    const m = await load();
    expect(m.answer).toBe(42);
    expect(calls).toBe(1);
    // once in, kept
    expect(await load()).toBe(m);
  });

  it("without an address in the failure, the plain import is tried again", async () => {
    let calls = 0;
    const load = lazyModule(() => {
      calls++;
      return calls === 1 ? Promise.reject(new TypeError("Importing a module script failed.")) : Promise.resolve(7);
    });
    await expect(load()).rejects.toThrow();
    expect(await load()).toBe(7);
    expect(calls).toBe(2);
  });
});
