import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HFP_PUBLISHED } from "../../src/app/test-hook";
import { baseUrl, screenshot, waitForMapReady } from "./browser";
import {
  downloadText,
  getReport,
  openApp,
  pagePoint,
  pressSite,
  useBrowser,
  waitForAnalysis,
  waitMapStill,
  writeRaster,
  writeRoads,
} from "./flows";

const url = baseUrl();
const XIXIA = "411323";

function timeCheck(report: Awaited<ReturnType<typeof getReport>>, code: string) {
  return report.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === "EMS-TIME");
}

describe.skipIf(!url)("roads, population and travel time in the app", () => {
  const browser = useBrowser();

  it("loads a road file and a population raster, shows isochrones and population columns, and a drag changes the mean time", async () => {
    mkdirSync("test-output", { recursive: true });
    writeRoads("test-output/roads-xixia.geojson");
    writeRaster("test-output/pop-xixia.tif");
    const { page, consoleErrors, seq: firstSeq } = await openApp(browser());
    let seq = firstSeq;
    let report = await getReport(page);
    expect(timeCheck(report, XIXIA)?.status).toBe("needs-data");

    await page.getByTestId("tab-data").click();
    // a file in which no road has a class or speed_kmh is refused with the reason; nothing is in use
    await page.getByTestId("import-roads").setInputFiles({
      name: "roads-nameonly.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(
        JSON.stringify({
          type: "FeatureCollection",
          features: [
            {
              type: "Feature",
              properties: { name: "人民路", lanes: 2 },
              geometry: {
                type: "LineString",
                coordinates: [
                  [111.3, 33.3],
                  [111.5, 33.3],
                ],
              },
            },
          ],
        }),
      ),
    });
    await page.getByTestId("travel-issues").getByText("roads-nameonly.geojson：1 条道路都没有道路等级字段").waitFor();
    expect(await page.getByTestId("roads-in-use").count()).toBe(0);
    expect(timeCheck(await getReport(page), XIXIA)?.status).toBe("needs-data");
    await page.getByTestId("import-roads").setInputFiles("test-output/roads-xixia.geojson");
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("roads-in-use").waitFor();
    report = await getReport(page);
    const withRoads = timeCheck(report, XIXIA);
    expect(withRoads?.status).not.toBe("needs-data");
    expect(withRoads?.weighting).toBe("area");

    await page.getByTestId("import-raster").setInputFiles("test-output/pop-xixia.tif");
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("raster-in-use").waitFor();
    report = await getReport(page);
    const withPeople = timeCheck(report, XIXIA);
    expect(withPeople?.weighting).toBe("population");
    expect(withPeople?.population?.total).toBeGreaterThan(0);

    // the isochrone bands are on the map
    expect((report.isochrones ?? []).filter((b) => b.properties.county === XIXIA)).toHaveLength(3);
    await page.locator(`[data-testid=county-table]`).count();
    await page.getByTestId("tab-review").click();
    const row = page.locator(`[data-testid=county-table] tr[data-county-code="${XIXIA}"]`);
    await row.click();
    await waitMapStill(page);
    const drawn = await page.evaluate(() => window.__hfp!.map.querySourceFeatures("isochrones").length);
    expect(drawn).toBeGreaterThan(0);
    // the county table's EMS-TIME and people columns, sortable by people uncovered
    const mean = Number(await row.locator("td[data-rule=EMS-TIME]").getAttribute("data-mean-minutes"));
    expect(mean).toBeCloseTo(withPeople?.meanMinutes as number, 6);
    expect(await row.locator("td[data-uncovered-people]").count()).toBe(1);
    // the people column gives the raster's estimate, marked ≈, where no population figure is given (it read 「–」)
    expect(await row.getByTestId("county-population").textContent()).toBe(
      `≈${((withPeople?.population?.total as number) / 10000).toFixed(1)}万`,
    );
    await page.locator("[data-testid=county-table] th[data-sort=uncoveredPeople]").click();
    expect(
      await page.locator("[data-testid=county-table] th[data-sort=uncoveredPeople]").getAttribute("aria-sort"),
    ).toBe("descending");
    await screenshot(page, "20-travel-isochrones");

    // add an EMS station in the county, then drag it 15 km: the mean time changes
    const at: [number, number] = [111.2, 33.6];
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("add-type").selectOption("ems-station");
    await page.getByTestId("add-mode").click();
    const p = await pagePoint(page, at);
    await page.mouse.click(p.x, p.y);
    seq = await waitForAnalysis(page, seq);
    await page.keyboard.press("Escape");
    const added = timeCheck(await getReport(page), XIXIA)?.meanMinutes as number;
    expect(added).toBeLessThan(withPeople?.meanMinutes as number);
    const start = await pagePoint(page, at);
    const away = await page.evaluate(([, lat]) => {
      const m = window.__hfp!.map;
      const kmPerPx = (40075 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** m.getZoom());
      return { dx: 15 / kmPerPx };
    }, at);
    await pressSite(page, at);
    for (let i = 1; i <= 10; i++) await page.mouse.move(start.x + (away.dx * i) / 10, start.y, { steps: 2 });
    await page.mouse.up();
    seq = await waitForAnalysis(page, seq);
    const dragged = timeCheck(await getReport(page), XIXIA)?.meanMinutes as number;
    expect(Math.abs(dragged - added)).toBeGreaterThan(0.01);

    // Suggest on 30 minutes says the mean EMS-TIME will measure with the new site, and accepting it gives that mean
    // (the re-trial, s44: it claimed its 1 km cells' 100.0 % and never said the mean the rule judges)
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption(XIXIA);
    const minutes = page.getByTestId("suggest-minutes");
    await minutes.fill("30");
    await minutes.press("Enter");
    await page.getByTestId("suggest-k").fill("1");
    await page.getByTestId("suggest-run").click();
    const said = page.getByTestId("suggest-travel-check");
    await said.waitFor({ timeout: 240_000 });
    // the drag's last answer has come by now (the one read above may be a step of it)
    const now = timeCheck(await getReport(page), XIXIA)?.meanMinutes as number;
    expect(Number(await said.getAttribute("data-mean-before"))).toBeCloseTo(now, 6);
    const meanAfter = Number(await said.getAttribute("data-mean-after"));
    const shareAfter = Number(await said.getAttribute("data-share-after"));
    expect(meanAfter).toBeLessThan(now);
    await screenshot(page, "20b-travel-suggest");
    expect(await said.textContent()).toContain(`平均急救行车时间 ${now.toFixed(1)} → ${meanAfter.toFixed(1)} 分钟`);
    // the answer to the accept, not one that came during the Suggest run
    const beforeAccept = await page.evaluate(() => window.__hfp!.analysisSeq);
    await page.getByTestId("suggest-accept").click();
    seq = await waitForAnalysis(page, beforeAccept);
    const accepted = timeCheck(await getReport(page), XIXIA);
    expect(accepted?.meanMinutes).toBeCloseTo(meanAfter, 6);
    expect(accepted?.shareWithinLimit).toBeCloseTo(shareAfter, 9);
    expect(consoleErrors).toEqual([]);
    // every county's travel times are computed on loading roads and again on loading people: minutes on a busy machine
  }, 600_000);

  it("the road file, the raster, the speeds and the Suggest tab's minutes survive a reload; a project names them, and one opened without them says so", async () => {
    mkdirSync("test-output", { recursive: true });
    writeRoads("test-output/roads-kept.geojson");
    writeRaster("test-output/pop-kept.tif");
    const { page, consoleErrors, seq: firstSeq } = await openApp(browser());
    let seq = firstSeq;
    await page.getByTestId("tab-data").click();
    // read as GCJ-02 through the road coordinate-system choice: kept so, and read so again after the reload
    await page.getByTestId("roads-crs").selectOption("gcj02");
    await page.getByTestId("import-roads").setInputFiles("test-output/roads-kept.geojson");
    await page.getByTestId("roads-in-use").waitFor({ timeout: 120_000 });
    seq = await waitForAnalysis(page, seq);
    await page.getByTestId("import-raster").setInputFiles("test-output/pop-kept.tif");
    await page.getByTestId("raster-in-use").waitFor({ timeout: 120_000 });
    seq = await waitForAnalysis(page, seq);
    // small files: kept, nothing said
    expect(await page.getByTestId("roads-not-kept").count()).toBe(0);
    const offroad = page.getByTestId("offroad-kmh");
    await offroad.fill("7");
    await offroad.press("Enter");
    seq = await waitForAnalysis(page, seq);
    const before = timeCheck(await getReport(page), XIXIA);
    expect(before?.weighting).toBe("population");
    await page.getByTestId("tab-suggest").click();
    const minutes = page.getByTestId("suggest-minutes");
    await minutes.fill("25");
    await minutes.press("Enter");
    // the files are written beside the session: wait until both are there
    await page.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open("keyval-store");
          open.onsuccess = () => {
            const req = open.result.transaction("keyval").objectStore("keyval").get("hfp-travel-v1");
            req.onsuccess = () => {
              const city = req.result?.nanyang ?? {};
              open.result.close();
              resolve(
                !!city.roads?.bytes &&
                  city.roads.crs === "gcj02" &&
                  !!city.raster?.bytes &&
                  city.speeds?.offroadKmh === 7,
              );
            };
          };
        }),
      undefined,
      { timeout: 30_000, polling: 200 },
    );

    await page.reload();
    await waitForMapReady(page, "nanyang");
    seq = await waitForAnalysis(page);
    await page.getByTestId("tab-data").click();
    await page.getByTestId("roads-in-use").waitFor({ timeout: 120_000 });
    await page.getByTestId("raster-in-use").waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      (code) =>
        window.__hfp?.report?.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === "EMS-TIME")
          ?.weighting === "population",
      XIXIA,
      { timeout: 120_000 },
    );
    const after = timeCheck(await getReport(page), XIXIA);
    expect(after?.status).toBe(before?.status);
    expect(after?.meanMinutes).toBeCloseTo(before?.meanMinutes as number, 6);
    expect(await page.getByTestId("offroad-kmh").inputValue()).toBe("7");
    expect(await page.getByTestId("roads-in-use").textContent()).toContain("roads-kept.geojson");
    expect(await page.getByTestId("roads-in-use").textContent()).toContain(
      "按 GCJ-02（高德、腾讯） 读取并换算为 WGS84",
    );
    expect(await page.getByTestId("roads-crs").inputValue()).toBe("gcj02");
    expect(await page.getByTestId("travel-missing").count()).toBe(0);
    await page.getByTestId("tab-suggest").click();
    expect(await page.getByTestId("suggest-minutes").inputValue()).toBe("25");

    // the project file names both files, carries them (small) and the speeds
    await page.getByTestId("tab-data").click();
    const saved = await downloadText(page, "save-project");
    const project = JSON.parse(saved.text);
    expect(project.travel.roads).toMatchObject({ fileName: "roads-kept.geojson", crs: "gcj02" });
    expect(project.travel.roads.data.length).toBeGreaterThan(100);
    expect(project.travel.raster).toMatchObject({ fileName: "pop-kept.tif" });
    expect(project.travel.speeds.offroadKmh).toBe(7);

    // a colleague's project naming files it does not carry: said, not 「? –」 in silence
    const named = {
      ...project,
      travel: { roads: { fileName: "roads.geojson", size: 20_000_000 }, raster: { fileName: "pop.tif" } },
    };
    // every report published from now on: none may time the county on the roads the project does not carry (they
    // went before its session was analysed: the open took 7 s, every county timed on them, then cleared)
    await page.evaluate(
      ([code, event]) => {
        const seen: string[] = [];
        (window as unknown as { __travelSeen: string[] }).__travelSeen = seen;
        window.addEventListener(event, () => {
          const k = window.__hfp?.report?.counties
            .find((c) => c.code === code)
            ?.checks.find((x) => x.rule === "EMS-TIME");
          seen.push(k?.status ?? "none");
        });
      },
      [XIXIA, HFP_PUBLISHED] as const,
    );
    await page.getByTestId("open-project").setInputFiles({
      name: "colleague.hfp.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(named)),
    });
    const notice = page.getByTestId("travel-missing");
    await notice.waitFor({ timeout: 120_000 });
    expect(await notice.textContent()).toBe("此项目使用了路网 roads.geojson 和人口栅格 pop.tif，请重新加载");
    expect(await page.getByTestId("travel-missing-notice").textContent()).toContain("此项目使用了路网 roads.geojson");
    await page.waitForFunction(
      (code) =>
        window.__hfp?.report?.counties.find((c) => c.code === code)?.checks.find((k) => k.rule === "EMS-TIME")
          ?.status === "needs-data",
      XIXIA,
      { timeout: 120_000 },
    );
    expect(await page.getByTestId("roads-in-use").count()).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { __travelSeen: string[] }).__travelSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((status) => status !== "needs-data")).toEqual([]);
    await screenshot(page, "21-travel-missing");
    expect(consoleErrors).toEqual([]);
  }, 900_000);
});
