import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { baseUrl, screenshot } from "./browser";
import { getReport, openApp, useBrowser, waitForAnalysis, waitMapStill } from "./flows";

const url = baseUrl();
const WGS84 = geodesic.Geodesic.WGS84;

/** 西峡县's seat (geodata/counties-nanyang.geojson) and a square of `sideKm` around it, as a GeoJSON ring. */
const XIXIA = { code: "411323", seat: [111.47353, 33.30729] };
function square(sideKm: number): number[][] {
  const corner = (az1: number, az2: number) => {
    const a = WGS84.Direct(XIXIA.seat[1], XIXIA.seat[0], az1, (sideKm / 2) * 1000);
    const b = WGS84.Direct(a.lat2 as number, a.lon2 as number, az2, (sideKm / 2) * 1000);
    return [b.lon2 as number, b.lat2 as number];
  };
  const sw = corner(180, 270);
  const se = corner(180, 90);
  const ne = corner(0, 90);
  const nw = corner(0, 270);
  return [sw, se, ne, nw, sw];
}

/** Geodesic area of a ring in km² (geographiclib), the reference for the urban area the engine measures. */
function geodesicAreaKm2(ring: number[][]): number {
  const p = WGS84.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area as number) / 1e6;
}

const file = (name: string, text: string, mimeType = "text/csv") => ({ name, mimeType, buffer: Buffer.from(text) });

describe.skipIf(!url)("issue 9 in the Data tab: urban polygons, township / village populations, staffing", () => {
  const browser = useBrowser();

  it("an imported urban polygon replaces the built-up discs (its area as geographiclib measures it), is named in the result, drawn, undone and cleared back to the discs; a point feature is listed as an issue", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    const before = await getReport(page);
    expect(before.urbanAreas.every((f) => f.properties.source !== "user")).toBe(true);
    const ring = square(6);
    const fc = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { name: "西峡中心城区" }, geometry: { type: "Polygon", coordinates: [ring] } },
        {
          type: "Feature",
          properties: { name: "not a polygon" },
          geometry: { type: "Point", coordinates: XIXIA.seat },
        },
      ],
    };
    await page.getByTestId("tab-data").click();
    await page
      .getByTestId("import-urban")
      .setInputFiles(file("中心城区.geojson", JSON.stringify(fc), "application/geo+json"));
    const seq2 = await waitForAnalysis(page, seq);
    const r = await getReport(page);
    // the definition in use names the file, here and in the Data tab
    expect(r.urbanDefinitionUsed.zh).toContain("中心城区.geojson");
    expect(await page.getByTestId("urban-definition-data").textContent()).toContain("中心城区.geojson");
    expect(await page.getByTestId("urban-in-use").textContent()).toContain("1");
    // the point is listed, not silently dropped
    const issues = page.locator("[data-testid=urban-section] [data-testid=import-issues] tbody tr");
    expect(await issues.count()).toBeGreaterThanOrEqual(1);
    // the urban area is the polygon alone: 西峡县's urban area is its geodesic area; every other county has none
    const ref = geodesicAreaKm2(ring);
    expect(ref).toBeCloseTo(36, 0);
    const xixia = r.counties.find((c) => c.code === XIXIA.code)!;
    expect(Math.abs(xixia.urbanAreaKm2 - ref) / ref).toBeLessThan(0.05);
    for (const c of r.counties) if (c.code !== XIXIA.code) expect(c.urbanAreaKm2).toBe(0);
    // the map goes to the imported polygon (issue: the view stayed on the whole city)
    await waitMapStill(page);
    const view = await page.evaluate(() => window.__hfp!.map.getBounds().toArray());
    const [west, east] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
    const [south, north] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
    expect(view[0][0]).toBeLessThanOrEqual(west);
    expect(view[0][1]).toBeLessThanOrEqual(south);
    expect(view[1][0]).toBeGreaterThanOrEqual(east);
    expect(view[1][1]).toBeGreaterThanOrEqual(north);
    // fitted, not the city view (南阳 spans about 3° of longitude; the square 0.065°)
    expect(view[1][0] - view[0][0]).toBeLessThan(10 * (east - west));
    // drawn on the map as the user's polygon
    const drawn = await page.evaluate(() =>
      window.__hfp!.map.querySourceFeatures("urban").map((f) => String(f.properties.source)),
    );
    expect(drawn.length).toBeGreaterThan(0);
    expect(new Set(drawn)).toEqual(new Set(["user"]));
    await screenshot(page, "fid-10-urban-import-zh");
    await page.getByTestId("lang-toggle").click();
    expect(await page.getByTestId("urban-in-use").textContent()).toContain(
      "Using the imported urban area: 中心城区.geojson (1 polygon)",
    );
    await screenshot(page, "fid-11-urban-import-en");
    await page.getByTestId("lang-toggle").click();

    // back to the discs, then undo brings the polygon back
    await page.getByTestId("clear-urban").click();
    const seq3 = await waitForAnalysis(page, seq2);
    const discs = await getReport(page);
    expect(discs.urbanAreas.every((f) => f.properties.source !== "user")).toBe(true);
    expect(discs.urbanDefinitionUsed.zh).not.toContain("中心城区.geojson");
    expect(await page.getByTestId("urban-in-use").count()).toBe(0);
    await page.getByTestId("undo").click();
    await waitForAnalysis(page, seq3);
    expect((await getReport(page)).urbanDefinitionUsed.zh).toContain("中心城区.geojson");
    expect(consoleErrors).toEqual([]);
  });

  it("township populations reach the per-township table; a bad code is named by row and field", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    await page.getByTestId("tab-data").click();
    const csv = ["代码,常住人口", "411323101,52000", "411323102,31000", "41132,9000"].join("\n");
    await page.getByTestId("import-unit-population").setInputFiles(file("乡镇人口.csv", csv));
    await waitForAnalysis(page, seq);
    expect(await page.getByTestId("unit-population-in-use").textContent()).toContain("乡镇/街道 2 个");
    const bad = page.locator("[data-testid=unit-population-section] [data-testid=import-issues] tbody tr");
    expect(await bad.count()).toBe(1);
    expect(await bad.first().getAttribute("data-row")).toBe("4");
    await page.getByTestId("tab-review").click();
    await page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA.code}"]`).click();
    const row = page.locator("[data-testid=township-table] tr[data-township-code='411323101']");
    expect(await row.locator("td").nth(7).textContent()).toBe("5.2万");
    await screenshot(page, "fid-12-township-population-zh");
    expect(consoleErrors).toEqual([]);
  });

  it("county populations and a staffing table give the city row's GP per 10,000 (binding), failing below 3.93 without rounding onto it", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    const report = await getReport(page);
    const codes = report.scope.judged;
    expect(codes).toHaveLength(13);
    await page.getByTestId("tab-data").click();
    // 13 counties × 750,000 residents; GPs 3,640 in all: 3,640 / 9,750,000 × 10,000 = 3.733… (< 3.93)
    const pop = ["代码,人口,口径", ...codes.map((c) => `${c},750000,常住`)].join("\n");
    await page.getByTestId("import-population").setInputFiles(file("人口.csv", pop));
    const seq2 = await waitForAnalysis(page, seq);
    const staff = ["代码,全科医生", ...codes.map((c) => `${c},280`), "999999,5"].join("\n");
    await page.getByTestId("import-staffing").setInputFiles(file("人员.csv", staff));
    await waitForAnalysis(page, seq2);
    expect(await page.getByTestId("staffing-in-use").textContent()).toContain("13");
    expect(await page.locator("[data-testid=staffing-section] [data-testid=import-issues] tbody tr").count()).toBe(1);
    await page.getByTestId("tab-review").click();
    const gp = page.locator("[data-testid=city-row] li[data-rule=GP-PER-10000]");
    expect(await gp.getAttribute("data-status")).toBe("fail");
    const text = (await gp.textContent()) ?? "";
    expect(text).toContain("3.73");
    expect(text).toContain("约束性");
    await screenshot(page, "fid-13-city-gp-zh");

    // the populations in use name their file; a file refused later changes nothing and says why; 清除 drops them
    await page.getByTestId("tab-data").click();
    const inUse = page.getByTestId("population-in-use");
    expect(await inUse.textContent()).toBe("正在使用 13 个县区的人口数据（来自 人口.csv） 清除");
    await page.getByTestId("import-population").setInputFiles(file("坏人口.csv", "代码,人口\n411321,很多\n"));
    await page.waitForFunction(() => document.body.textContent?.includes("人口“很多”不是数字"));
    expect(await inUse.textContent()).toContain("（来自 人口.csv）");
    const seq3 = await page.evaluate(() => window.__hfp!.analysisSeq);
    await page.getByTestId("clear-population").click();
    await waitForAnalysis(page, seq3);
    expect(await inUse.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
