import { mkdirSync, writeFileSync } from "node:fs";
import { decode } from "fast-png";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { parseDbf, parseShp } from "shpjs";
import { describe, expect, it } from "vitest";
import { baseUrl, OUTPUT_DIR } from "./browser";
import { getReport, openApp, useBrowser } from "./flows";

const url = baseUrl();

function save(name: string, bytes: Buffer) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  writeFileSync(`${OUTPUT_DIR}/${name}`, bytes);
}

async function downloadBytes(page: Page, testId: string, timeout = 120_000): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout }), page.getByTestId(testId).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await dl.createReadStream()) chunks.push(c as Buffer);
  return { name: dl.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe.skipIf(!url)("outputs from the app: print PNG, Shapefile, review report", () => {
  const browser = useBrowser();

  it("exports the map as an A4 and an A3 page at 300 dpi, with the map drawn and the page composed around it", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("tab-data").click();
    for (const [testId, w, h] of [
      ["export-map-png", 3508, 2480],
      ["export-map-png-a3", 4961, 3508],
    ] as const) {
      const { name, bytes } = await downloadBytes(page, testId);
      expect(name).toMatch(/\.png$/);
      save(`30-${name}`, bytes);
      // IHDR: width and height, big-endian, after the 8-byte signature and the chunk header
      expect(bytes.readUInt32BE(16)).toBe(w);
      expect(bytes.readUInt32BE(20)).toBe(h);
      const png = decode(new Uint8Array(bytes));
      const ch = png.channels;
      const px = (x: number, y: number) => {
        const i = (y * png.width + x) * ch;
        return (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
      };
      // the map frame (left 60 % of the page, mid height) is not blank: many colours, mostly not white
      const colours = new Set<number>();
      let white = 0;
      let n = 0;
      for (let y = Math.round(0.25 * h); y < 0.75 * h; y += 7)
        for (let x = Math.round(0.1 * w); x < 0.6 * w; x += 7) {
          const c = px(x, y);
          colours.add(c);
          if (c === 0xffffff) white++;
          n++;
        }
      expect(colours.size).toBeGreaterThan(40);
      expect(white / n).toBeLessThan(0.5);
      // the county names are on the page, over the map: the names' ink (#1d2733, drawn by the page at print size)
      // is used by nothing else in the frame
      let ink = 0;
      for (let y = Math.round(0.15 * h); y < 0.9 * h; y++)
        for (let x = Math.round(0.05 * w); x < 0.7 * w; x++) if (px(x, y) === 0x1d2733) ink++;
      expect(ink).toBeGreaterThan(5000 * (w / 3508) ** 2);
      // the margin is white paper
      expect(px(5, 5)).toBe(0xffffff);
      expect(px(w - 5, h - 5)).toBe(0xffffff);
    }
    expect(consoleErrors).toEqual([]);
  });

  it("exports violations as a zipped Shapefile with every violation placed, cited and in Chinese", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const report = await getReport(page);
    await page.getByTestId("tab-data").click();
    const { name, bytes } = await downloadBytes(page, "export-violations-shp");
    expect(name).toMatch(/^violations-.*-shp\.zip$/);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("violations.cpg")?.async("string")).toBe("UTF-8");
    const shp = await zip.file("violations.shp")?.async("uint8array");
    const dbf = await zip.file("violations.dbf")?.async("uint8array");
    const geoms = parseShp(shp as Uint8Array);
    const rows = parseDbf(new DataView((dbf as Uint8Array).buffer), "UTF-8");
    expect(geoms).toHaveLength(report.violations.length);
    expect(geoms.every((g) => g?.type === "Point")).toBe(true);
    rows.forEach((r, i) => {
      const v = report.violations[i];
      expect(r.RULE).toBe(v.rule);
      expect(r.COUNTY).toBe(v.county);
      expect(r.MSG_ZH).toBe(v.message.zh);
      expect(String(r.CITATION)).toMatch(/^\d{3}:\d+/);
      expect(String(r.CITE_QUOTE).length).toBeGreaterThan(0);
    });
    expect(consoleErrors).toEqual([]);
  });

  it("writes the review report as Word, with a section and a map for every analysed county", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const report = await getReport(page);
    await page.getByTestId("tab-data").click();
    const { name, bytes } = await downloadBytes(page, "export-report-docx", 170_000);
    expect(name).toMatch(/^审查报告-.*\.docx$/);
    save("31-review-report.docx", bytes);
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).toContain("南阳市医疗卫生设施布局审查报告");
    // a map per county, drawn in the worker
    expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/"))).toHaveLength(report.counties.length);
    for (const c of report.counties) expect(xml).toContain(`${c.name}（${c.code}，`);
    expect(consoleErrors).toEqual([]);
  });
});
