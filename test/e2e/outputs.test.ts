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

/** The text of each table in a Word document.xml, as rows of cell texts. */
function docxTables(xml: string): string[][][] {
  const text = (frag: string) =>
    [...frag.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join("")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1])),
    ),
  );
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

  it("writes one county's review report in one click from the county detail, its tables matching the app's", async () => {
    const { page, consoleErrors } = await openApp(browser());
    // the county with the most failing checks, as the county table shows it
    const rows = await page
      .getByTestId("county-table")
      .locator("tbody tr[data-in-scope=true]")
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          code: tr.getAttribute("data-county-code") ?? "",
          fails: Number(tr.getAttribute("data-fails")),
          name: tr.querySelector("td")?.textContent?.trim() ?? "",
          rural: tr.querySelector('td[data-rule="EMS-RURAL"]')?.textContent?.trim() ?? "",
        })),
      );
    const target = rows.reduce((a, b) => (b.fails > a.fails ? b : a));
    expect(target.fails).toBeGreaterThan(0);
    await page.locator(`tr[data-county-code="${target.code}"]`).click();
    // every check of the county as its detail lists it: rule and verdict
    const detail = page.getByTestId("county-detail");
    const checks = await detail.locator("li.check").evaluateAll((lis) =>
      lis.map((li) => ({
        rule: li.getAttribute("data-rule") ?? "",
        status:
          li
            .querySelector(".status")
            ?.textContent?.replace(/^\S+\s/, "")
            .trim() ?? "",
      })),
    );
    expect(checks.length).toBeGreaterThan(3);
    // the county's violations, as the list counts them when filtered to the county
    await page.getByTestId("violation-county-filter").selectOption(target.code);
    const shown = (await page.getByTestId("violation-count").textContent()) ?? "";
    const violations = Number(/(\d+)\s*\/\s*\d+/.exec(shown)?.[1]);
    expect(violations).toBeGreaterThan(0);

    const { name, bytes } = await downloadBytes(page, "county-report-docx", 120_000);
    expect(name).toBe(`审查报告-${target.name}-${target.code}-${new Date().toISOString().slice(0, 10)}.docx`);
    save("32-county-review-report.docx", bytes);
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    // the paragraphs' text (a failing assertion then prints text, not 100 kB of XML)
    const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
      [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""),
    );
    expect(paras[0]).toBe(`${target.name}医疗卫生设施布局审查报告`);
    expect(paras[1]).toMatch(new RegExp(`^南阳市${target.name} · `));
    // this county alone: its section, its one map
    const sections = paras.filter((t) => /^\S+（\d{6}，(市辖区|县|县级市)）$/.test(t));
    expect(sections).toEqual([sections.find((t) => t.startsWith(`${target.name}（${target.code}，`))]);
    expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/"))).toHaveLength(1);
    const tables = docxTables(xml);
    // the summary table has the county's row only
    const summary = tables.find((t) => t[0][0] === "县区");
    expect(summary?.slice(1).map((r) => r[0])).toEqual([target.name]);
    // the checks table: every check the app lists, with its verdict; the rural share as the county table shows it
    const checkTable = tables.find((t) => t[0].join("|") === "规则|内容|结论|实测|限值|依据");
    expect(checkTable).toBeDefined();
    const byRule = new Map(checkTable!.slice(1).map((r) => [r[0], r]));
    expect([...byRule.keys()].sort()).toEqual(checks.map((c) => c.rule).sort());
    for (const c of checks) expect(byRule.get(c.rule)?.[2].startsWith(c.status), c.rule).toBe(true);
    const ruralShare = /\d+\.\d%/.exec(target.rural)?.[0];
    expect(ruralShare).toBeDefined();
    expect(byRule.get("EMS-RURAL")?.[3]).toContain(`覆盖 ${ruralShare}`);
    // the violations: the heading's count and one table row each
    expect(paras).toContain(`违规与待核查（${violations} 条）`);
    const vTable = tables.find((t) => t[0].join("|") === "规则|级别|对象|说明|位置（经度, 纬度）|依据");
    expect(vTable?.length).toBe(violations + 1);
    expect(consoleErrors).toEqual([]);
  });
});
