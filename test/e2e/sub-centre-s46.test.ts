import geodesic from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { distanceKm } from "../../src/core/report/rounding";
import { baseUrl, screenshot } from "./browser";
import { getReport, openApp, openCity, useBrowser, waitForAnalysis, waitMapStill } from "./flows";

const url = baseUrl();
const G = geodesic.Geodesic.WGS84;

/**
 * The user trial s46-b: 鲁山县 (平顶山市) plans its 县域医疗卫生次中心 from a list whose centre is a 「县人民医院」 (no
 * 县域医疗中心), with central THCs either side of the 15 km line. Positions WGS84; distances by geographiclib.
 */
const HOSPITAL: [number, number] = [112.906, 33.74];
const at = (az: number, km: number): [number, number] => {
  const r = G.Direct(HOSPITAL[1], HOSPITAL[0], az, km * 1000);
  return [r.lon2 as number, r.lat2 as number];
};
const ROWS: Array<[string, string, string, [number, number]]> = [
  ["鲁山县人民医院", "县人民医院", "鲁阳街道", HOSPITAL],
  ["张良镇中心卫生院", "中心卫生院", "张良镇", at(100, 14.9)],
  ["马楼乡中心卫生院", "中心卫生院", "马楼乡", at(160, 15.05)],
  ["下汤镇中心卫生院", "中心卫生院", "下汤镇", at(270, 26)],
];
const CSV = `名称,类型,乡镇,经度,纬度\n${ROWS.map(([n, t, town, [lon, lat]]) => `${n},${t},${town},${lon.toFixed(7)},${lat.toFixed(7)}`).join("\n")}\n`;
const LUSHAN = "410423";

describe.skipIf(!url)("鲁山县's sub-centres under 001 and under the comparison set (the user trial s46-b)", () => {
  const browser = useBrowser();

  it("the 15 km ring is drawn round the people's hospital SUB-15KM measures from, and the legend says so; 001's county detail says it sets no sub-centre rule", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await openCity(page, "平顶山", "pingdingshan");
    let seq = await waitForAnalysis(page);
    await page.getByTestId("tab-data").click();
    await page
      .getByTestId("import-facilities")
      .setInputFiles({ name: "鲁山.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    await page.getByTestId("import-apply").click();
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("tab-review").click();
    await page.locator(`[data-testid=county-table] tbody tr[data-county-code="${LUSHAN}"]`).click();
    const detail = page.getByTestId("county-detail");
    await detail.waitFor();
    // 001: no sub-centre rule, said; the township note points at no 15 km check
    expect(await page.getByTestId("no-sub-centre-rule").textContent()).toContain(
      "本规划（001）未规定县域医疗卫生次中心的数量与选址条件",
    );
    const from = (await page.getByTestId("township-distance-from").textContent()) ?? "";
    expect(from).toContain("鲁山县人民医院");
    expect(from).not.toContain("15 公里");
    await screenshot(page, "s46-01-lushan-001");

    // the comparison set: SUB-15KM measures from the hospital, and the ring is drawn round it
    await page.getByTestId("ruleset-picker").selectOption("all");
    seq = await waitForAnalysis(page, seq);
    const report = await getReport(page);
    const ref = report.counties.find((c) => c.code === LUSHAN)!.checks.find((k) => k.rule === "SUB-15KM")!.reference!;
    expect(ref).toMatchObject({ kind: "peoples-hospital", name: "鲁山县人民医院" });
    const rings = await page.evaluate(async () => {
      const src = window.__hfp!.map.getSource("ring15") as unknown as { getData(): Promise<GeoJSON.FeatureCollection> };
      return (await src.getData()).features.map((f) => (f.geometry as GeoJSON.Polygon).coordinates[0]);
    });
    const mine = rings.filter((ring) =>
      ring.every(([lon, lat]) => {
        const d = (G.Inverse(HOSPITAL[1], HOSPITAL[0], lat, lon).s12 as number) / 1000;
        return Math.abs(d - 15) < 0.05;
      }),
    );
    expect(mine, "a ring 15 km round 鲁山县人民医院").toHaveLength(1);
    // ticked, the layer draws it on the map
    const box = page.getByTestId("overlay-ring15");
    if (!(await box.isChecked())) await box.check();
    await waitMapStill(page);
    expect(
      await page.evaluate(() => window.__hfp!.map.queryRenderedFeatures({ layers: ["ring15-line"] }).length),
    ).toBeGreaterThan(0);
    expect(Number(await page.getByTestId("count-ring15").textContent())).toBe(rings.length);
    expect(await page.getByTestId("ring15-from").textContent()).toContain("县人民医院，代县域医疗中心");
    expect(await page.getByTestId("ring15-from").textContent()).not.toContain("仅作参考");
    expect(await page.getByTestId("no-sub-centre-rule").count()).toBe(0);
    expect((await page.getByTestId("township-distance-from").textContent()) ?? "").toContain("次中心 15 公里核查");
    // SUB-COUNT: 003 is 南阳's plan, said before the count it asks for
    const subCount = detail.locator("li.check[data-rule=SUB-COUNT] > .measured").first();
    expect(await subCount.textContent()).toContain("（003 为南阳市规划，对平顶山市仅作对比，不具约束力）");
    // SUB-15KM before any sub-centre exists: not applicable, its citation shown as on a verdict (s46-b #8)
    expect(await detail.locator("li.check[data-rule=SUB-15KM]").getAttribute("data-status")).toBe("not-applicable");
    expect(await page.getByTestId("cite-SUB-15KM").textContent()).toContain("003:213");
    // every central THC with its distance to 0.01 km and whether it qualifies (s46-b #7)
    const items = detail.locator("[data-testid=candidates-SUB-15KM] li");
    expect(await items.allTextContents()).toEqual([
      // under their own heading, not read as the sub-centres (the re-trial, s49b #2)
      "中心乡镇卫生院对照次中心选建条件（城区之外、距县域医疗中心 15 公里以上）：",
      "✘ 张良镇中心卫生院 14.90 km，不符合（不足 15 km）",
      "✔ 马楼乡中心卫生院 15.05 km，符合",
      "✔ 下汤镇中心卫生院 26.00 km，符合",
    ]);
    await screenshot(page, "s46-02-lushan-all");
    // the township table gives the same distances to 0.01 km (it gave 14.9, and would have given 15.0 for 14.996 km)
    const kmCells = await page
      .locator("[data-testid=township-table] tbody tr[data-township-code] td[data-km]")
      .evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute("data-km")), td.textContent ?? ""] as const));
    expect(kmCells.length).toBeGreaterThan(0);
    for (const [km, text] of kmCells) expect(text).toBe(distanceKm(km, 15).toFixed(2));
    expect(kmCells.map(([, text]) => text)).toContain("14.90");
    // each violation row of a rule 001 does not state is tagged as a comparison, its note in the row's title; a rule
    // 001 states (the three county hospitals) is not
    await page.getByTestId("violation-county-filter").selectOption(LUSHAN);
    await page.getByTestId("violation-filter").selectOption("EMS-TIERS");
    const tiers = page.locator(`[data-testid=violation-list] li[data-rule=EMS-TIERS][data-county="${LUSHAN}"]`);
    await tiers.first().waitFor();
    const tag = tiers.first().getByTestId("violation-not-binding");
    expect(await tag.textContent()).toBe("仅作对比");
    expect(await tag.getAttribute("title")).toContain("对平顶山市仅作对比，不具约束力");
    expect(await tiers.first().locator("button").getAttribute("title")).toContain("对平顶山市仅作对比，不具约束力");
    await tiers.first().scrollIntoViewIfNeeded();
    await screenshot(page, "s46-03-lushan-not-binding-tag");
    // 001 states the three county hospitals as 二级, the set as 000's 二级甲等: a comparison too (the user trial, s47)
    await page.getByTestId("violation-filter").selectOption("COUNTY-3-HOSPITALS");
    const three = page.locator(
      `[data-testid=violation-list] li[data-rule=COUNTY-3-HOSPITALS][data-county="${LUSHAN}"]`,
    );
    await three.first().waitFor();
    expect(await three.first().getByTestId("violation-not-binding").getAttribute("title")).toContain(
      "与平顶山市规划 001 的规定不同",
    );
    // one-THC-per-township reads as 001:301 does: it binds, untagged
    await page.getByTestId("violation-filter").selectOption("THC-PER-TOWNSHIP");
    const thc = page.locator(`[data-testid=violation-list] li[data-rule=THC-PER-TOWNSHIP][data-county="${LUSHAN}"]`);
    await thc.first().waitFor();
    expect(await thc.getByTestId("violation-not-binding").count()).toBe(0);
    await page.getByTestId("violation-filter").selectOption("");
    await page.getByTestId("violation-county-filter").selectOption("");
    // the Suggest tab lists the qualifying ones at the same precision (the re-trial, s46: 「马楼乡中心卫生院 · 15.0 km」)
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption("410423");
    const listed = await page.locator("[data-testid=subcentre-candidates] li").allTextContents();
    expect(listed).toContain("马楼乡中心卫生院 · 15.05 km");
    expect(listed).toContain("下汤镇中心卫生院 · 26.00 km");
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
