import { describe, expect, it } from "vitest";
import { failedModuleUrl, retryModuleUrl } from "../../src/app/use-pinyin";

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
