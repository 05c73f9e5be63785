import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, screenshot, waitForMapReady } from "./browser";
import {
  openApp,
  recordFramesDrawn,
  setRuralRadius,
  useBrowser,
  waitForAnalysis,
  waitMapStill,
  waitSaved,
  writeRoads,
} from "./flows";

const url = baseUrl();

/** The default city's shipped sample: its facility count, read from the file the build ships (not from the app). */
function sampleCount(): number {
  const [first] = JSON.parse(readFileSync("geodata/cities.json", "utf8")) as Array<{ id: string; scenario: string }>;
  expect(first.id).toBe("nanyang");
  const cols = JSON.parse(readFileSync(`geodata/${first.scenario}`, "utf8")) as { count: number; coords: { lon: [] } };
  expect(cols.coords.lon.length).toBe(cols.count);
  return cols.count;
}

/** The codes of the default city's counties, read from the file the build ships, sorted. */
function nanyangCounties(): string[] {
  const fc = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as {
    features: Array<{ properties: { code: string } }>;
  };
  return fc.features.map((f) => f.properties.code).sort();
}

/** What IndexedDB holds under the session's and the undo steps' keys (idb-keyval's store), read in the page. */
function stored(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ session: unknown; history: unknown }>((resolve, reject) => {
        const open = indexedDB.open("keyval-store");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("keyval").objectStore("keyval");
          const s = store.get("hfp-session-v1");
          const h = store.get("hfp-history-v1");
          s.transaction!.oncomplete = () => {
            open.result.close();
            resolve({ session: s.result, history: h.result });
          };
        };
      }),
  );
}

/**
 * What the map shows, read back from MapLibre: each GeoJSON source's features (each reduced to a hash of its JSON,
 * sorted; the county names to code and text, the fitter's sizes aside; the counties without their first push's status
 * property), the counties' tints (feature state), the county highlight's filter and every layer's visibility.
 */
function mapState(page: Page) {
  return page.evaluate(async () => {
    const map = window.__hfp!.map;
    const hash = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return (h >>> 0).toString(16);
    };
    type Fc = { features: Array<{ properties: Record<string, unknown> | null }> };
    const sources: Record<string, string[]> = {};
    for (const [id, spec] of Object.entries(map.getStyle().sources)) {
      if (spec.type !== "geojson") continue;
      const data = (await (map.getSource(id) as unknown as { getData(): Promise<Fc> }).getData()).features;
      // a county's drawn tint is its feature state (compared below): the status property in the source is only the
      // fallback of the first push, "none" on counties a new session keeps from the last city's switch
      const unTinted = (f: Fc["features"][number]) => ({ ...f, properties: { ...f.properties, status: undefined } });
      sources[id] = data
        .map((f) =>
          id === "county-labels"
            ? `${f.properties?.code}:${f.properties?.name}`
            : hash(JSON.stringify(id === "counties" ? unTinted(f) : f)),
        )
        .sort();
      if (id === "counties")
        sources.tints = data
          .map(
            (f) =>
              `${f.properties?.code}:${map.getFeatureState({ source: id, id: String(f.properties?.code) }).status}`,
          )
          .sort();
    }
    // a layer without the property is visible (the style spec's default): a kept map may have it set, a fresh one not
    const visibility = map
      .getStyle()
      .layers.map((l) => `${l.id}:${map.getLayoutProperty(l.id, "visibility") ?? "visible"}`);
    return { sources, highlight: JSON.stringify(map.getFilter("county-highlight")), visibility };
  });
}

/** Every GeoJSON source's features as JSON (county names by code), for what one session leaves to the next. */
function sourceFeatures(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const map = window.__hfp!.map;
    type Fc = { features: unknown[] };
    const out: Record<string, string[]> = {};
    for (const [id, spec] of Object.entries(map.getStyle().sources))
      if (spec.type === "geojson")
        out[id] = (await (map.getSource(id) as unknown as { getData(): Promise<Fc> }).getData()).features.map((f) =>
          JSON.stringify(f),
        );
    return out;
  });
}

/** What the page shows at one moment while a session's first analysis is under way (sampleBusyStates). */
type BusyState = {
  t: number;
  /** The hook says the analysis is drawn on the map (of the session watched or a later one). */
  ready: boolean;
  /** The map's frame is in the page (before it, on a first load, nothing is shown at all). */
  mapWrap: boolean;
  heading: string | null;
  /** The violation list's "shown n / m" line. */
  count: string | null;
  rows: number;
  computing: string | null;
  drawing: string | null;
  pointer: string | null;
};

/**
 * In the page: records what the review panel and the map's frame show, at each DOM change, each frame and each
 * publication of the test hook, from now (a first load, as an init script) or from the click on 新建会话's confirm,
 * until half a second after the session's first analysis is drawn; read back with busyStates.
 */
function sampleBusyStates(arg: { session: number; onConfirm: boolean }) {
  const w = window as unknown as { __busyStates?: BusyState[]; __busyDone?: boolean };
  w.__busyStates = [];
  w.__busyDone = false;
  const start = () => {
    const t0 = performance.now();
    let readyAt: number | null = null;
    const sample = () => {
      if (w.__busyDone) return;
      const hook = window.__hfp;
      const ready = !!hook && hook.session >= arg.session && hook.ready;
      const note = document.querySelector<HTMLElement>("[data-testid=map-drawing]");
      w.__busyStates!.push({
        t: performance.now() - t0,
        ready,
        mapWrap: !!document.querySelector(".map-wrap"),
        heading: document.querySelector(".violations-heading")?.textContent ?? null,
        count: document.querySelector("[data-testid=violation-count]")?.textContent ?? null,
        rows: document.querySelectorAll("[data-testid=county-table] > tbody > tr").length,
        computing: document.querySelector(".review .busy")?.textContent ?? null,
        drawing: note && !note.hidden ? note.textContent : null,
        pointer: note ? getComputedStyle(note).pointerEvents : null,
      });
      if (ready && readyAt === null) readyAt = performance.now();
      if (readyAt !== null && performance.now() - readyAt > 500) {
        w.__busyDone = true;
        observer.disconnect();
        window.removeEventListener("hfp:published", sample);
      }
    };
    const observer = new MutationObserver(sample);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributeFilter: ["hidden"] });
    window.addEventListener("hfp:published", sample);
    const frame = () => {
      sample();
      if (!w.__busyDone) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  if (!arg.onConfirm) start();
  else
    document
      .querySelector("[data-testid=new-session-confirm]")!
      .addEventListener("click", start, { capture: true, once: true });
}

async function busyStates(page: Page): Promise<BusyState[]> {
  await page.waitForFunction(() => (window as { __busyDone?: boolean }).__busyDone === true, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => (window as unknown as { __busyStates: BusyState[] }).__busyStates);
}

/**
 * Until the first analysis is drawn the review panel never looks like a finished empty result (no "(0)" or empty
 * county table without the computing sign) and the map says it is drawing, letting the pointer through, until its
 * data are drawn; after it the map's note is gone.
 */
function expectBusyShown(states: BusyState[], texts: { computing: string; drawing: string }) {
  const readyAt = states.findIndex((s) => s.ready);
  expect(readyAt, "samples before the analysis was drawn").toBeGreaterThan(0);
  const before = states.slice(0, readyAt).filter((s) => s.mapWrap);
  const after = states.slice(readyAt);
  console.log(
    `[e2e] ${states.length} samples, ${before.length} before the analysis was drawn (${states[readyAt].t.toFixed(0)} ms)`,
  );
  expect(before.length).toBeGreaterThan(0);
  expect(before.some((s) => s.heading !== null)).toBe(true);
  expect(
    before.filter(
      (s) => s.heading !== null && (s.heading.includes("(0)") || s.rows === 0) && s.computing !== texts.computing,
    ),
  ).toEqual([]);
  expect(before.some((s) => s.computing === texts.computing)).toBe(true);
  // with no report yet the violation list's count says computing too, not "0 / 0"
  const noReport = before.filter((s) => s.heading !== null && !/\(\d+\)/.test(s.heading));
  expect(noReport.length).toBeGreaterThan(0);
  expect(noReport.filter((s) => s.count !== texts.computing)).toEqual([]);
  // the map says it is drawing, letting the pointer through, from the start until the frame that shows the analysis's
  // data (the county names may still be placing then, up to the ready above), and never again after
  const gone = before.findIndex((s) => s.drawing === null);
  const showing = gone < 0 ? before : before.slice(0, gone);
  expect(showing.length).toBeGreaterThan(0);
  expect(showing.filter((s) => s.drawing !== texts.drawing || s.pointer !== "none")).toEqual([]);
  expect(before.slice(showing.length).filter((s) => s.drawing !== null)).toEqual([]);
  expect(after.filter((s) => s.drawing !== null)).toEqual([]);
}

const state = (page: Page) =>
  page.evaluate(() => ({
    facilities: window.__hfp!.facilityCount,
    city: window.__hfp!.cityId,
    rural: window.__hfp!.report!.params.ruralRadiusKm,
  }));

describe.skipIf(!url)("新建会话: a planner starts over", () => {
  const browser = useBrowser();

  it("clears imported facilities, a proposed site, a parameter and the undo steps, in the page and in IndexedDB; cancel keeps them", async () => {
    const sample = sampleCount();
    const { page, consoleErrors, externalRequests, seq: first } = await openApp(browser());
    let seq = first;
    expect(await state(page)).toEqual({ facilities: sample, city: "nanyang", rural: 20 });

    // the work: a parameter, a proposed station, then the planner's own facility list
    seq = await setRuralRadius(page, 15, seq);
    await page.getByTestId("add-mode").click();
    const box = (await page.getByTestId("map").boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    seq = await waitForAnalysis(page, seq);
    expect(await page.evaluate(() => window.__hfp!.facilityCount)).toBe(sample + 1);
    await page.keyboard.press("Escape"); // leave add mode
    await page.getByTestId("tab-data").click();
    await page.getByTestId("import-facilities").setInputFiles("test/fixtures/io/facilities-utf8-bom.csv");
    await page.getByTestId("import-apply").click({ timeout: 30_000 });
    seq = await waitForAnalysis(page, seq);
    const work = await state(page);
    expect(work.rural).toBe(15);
    expect(work.facilities).toBeLessThan(20); // the file's 13 rows and the proposed station, not the sample
    expect(await page.getByTestId("undo").isEnabled()).toBe(true);
    await waitSaved(page);
    expect((await stored(page)).session).toMatchObject({ params: { ruralRadiusKm: 15 } });

    // and on the map: a selected county, a suggestion's sites, roads and their isochrones
    await page.getByTestId("tab-review").click();
    await page.locator('[data-testid=county-table] tr[data-county-code="411323"]').click();
    await page.getByTestId("tab-suggest").click();
    await page.getByTestId("suggest-county").selectOption("411323");
    await page.getByTestId("suggest-k").fill("1");
    await page.getByTestId("suggest-run").click();
    await page.getByTestId("suggest-result").waitFor({ timeout: 90_000 });
    mkdirSync("test-output", { recursive: true });
    writeRoads("test-output/roads-session.geojson");
    await page.getByTestId("tab-data").click();
    await page.getByTestId("import-roads").setInputFiles("test-output/roads-session.geojson");
    await page.getByTestId("roads-in-use").waitFor({ timeout: 90_000 });
    seq = await waitForAnalysis(page, seq);
    const worked = await mapState(page);
    for (const id of ["proposed-sites", "marks", "isochrones", "facilities", "gaps"])
      expect(worked.sources[id].length, id).toBeGreaterThan(0);
    expect(worked.highlight).toContain("411323");

    // asked first; cancel (and Esc) keep everything
    await page.getByTestId("new-session").click();
    const dialog = page.getByTestId("new-session-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("撤销记录");
    await screenshot(page, "session-01-confirm");
    await page.getByTestId("new-session-cancel").click();
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId("new-session").click();
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await state(page)).toEqual(work);
    expect(await page.getByTestId("undo").isEnabled()).toBe(true);
    expect((await stored(page)).session).toMatchObject({ params: { ruralRadiusKm: 15 } });

    // in English too
    await page.getByTestId("lang-toggle").click();
    expect(await page.getByTestId("new-session").textContent()).toBe("New session");
    await page.getByTestId("new-session").click();
    expect(await dialog.textContent()).toContain("undo history");
    expect(await page.getByTestId("new-session-confirm").textContent()).toBe("Clear and start again");

    // confirmed: the default city's sample, the plan's parameters, nothing to undo, and the same in IndexedDB
    const before = await page.evaluate(() => {
      (window as { __hfpOldMap?: unknown }).__hfpOldMap = window.__hfp!.map;
      return window.__hfp!.session;
    });
    await page.evaluate(sampleBusyStates, { session: before + 1, onConfirm: true });
    await page.getByTestId("new-session-confirm").click();
    await page.waitForFunction((n) => !!window.__hfp && window.__hfp.session > n, before, { timeout: 120_000 });
    // gone from the map at once, not only when the new session's analysis replaces them
    expect(
      await page.evaluate(async () => {
        const source = window.__hfp!.map.getSource("proposed-sites") as unknown as {
          getData(): Promise<{ features: unknown[] }>;
        };
        return (await source.getData()).features.length;
      }),
    ).toBe(0);
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    // and meanwhile: computing in the panel, drawing on the map, in English
    expectBusyShown(await busyStates(page), { computing: "Computing…", drawing: "Drawing the map…" });
    // the same map, with nothing of the last session left on it: no proposed site, suggested site, isochrone or
    // highlighted county (what it shows is compared with a reloaded page's below)
    expect(await page.evaluate(() => window.__hfp!.map === (window as { __hfpOldMap?: unknown }).__hfpOldMap)).toBe(
      true,
    );
    await waitMapStill(page);
    const fresh = await mapState(page);
    for (const id of ["proposed-sites", "marks", "isochrones"]) expect(fresh.sources[id], id).toEqual([]);
    expect(fresh.sources.facilities).toHaveLength(sample);
    expect(JSON.parse(fresh.highlight)).toEqual(["==", ["get", "code"], ""]);
    expect(await state(page)).toEqual({ facilities: sample, city: "nanyang", rural: 20 });
    expect(await page.getByTestId("undo").isEnabled()).toBe(false);
    expect(await page.getByTestId("redo").isEnabled()).toBe(false);
    expect(await page.getByTestId("lang-toggle").textContent()).toBe("中文"); // a preference, not work: kept
    await page.getByTestId("tab-plan").click();
    expect(await page.getByTestId("rural-radius-km").inputValue()).toBe("20");
    await waitSaved(page);
    const after = await stored(page);
    expect(after.session).toMatchObject({ cityId: "nanyang", params: {}, datasets: {}, proposed: {} });
    expect(after.history).toMatchObject({ past: [], future: [] });
    await screenshot(page, "session-02-after");

    // and after a reload, whose new map shows what the kept one showed after 新建会话; from the page's start the panel
    // says computing and the map drawing until the first analysis is drawn
    await page.addInitScript(sampleBusyStates, { session: 0, onConfirm: false });
    // the review panel's busy states are sampled: the reload opens on the tab left (the plan tab, read above)
    await page.getByTestId("tab-review").click();
    await page.reload();
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    expectBusyShown(await busyStates(page), { computing: "Computing…", drawing: "Drawing the map…" });
    expect(await state(page)).toEqual({ facilities: sample, city: "nanyang", rural: 20 });
    await waitMapStill(page);
    await expect.poll(() => mapState(page), { timeout: 20_000 }).toEqual(fresh);
    expect(await page.getByTestId("undo").isEnabled()).toBe(false);
    expect(consoleErrors).toEqual([]);
    expect(externalRequests).toEqual([]);
  }, 420_000);

  it("starts from another city and from a second page of the same file: back to Nanyang's sample", async () => {
    const sample = sampleCount();
    // the second test of the file: openApp reset the shared page through 新建会话
    const { page, consoleErrors, seq } = await openApp(browser());
    expect(await state(page)).toEqual({ facilities: sample, city: "nanyang", rural: 20 });
    expect(await page.getByTestId("lang-toggle").textContent()).toBe("English"); // the storage was emptied first
    await page.getByTestId("city-picker").selectOption("yichun");
    await waitForMapReady(page, "yichun");
    await waitForAnalysis(page, seq);
    // what 宜春's session put on the map: every feature of every source, by its JSON
    const before = await sourceFeatures(page);
    expect(before.counties.length).toBeGreaterThan(0);
    expect(before.facilities.length).toBeGreaterThan(0);
    await page.getByTestId("new-session").click();
    await recordFramesDrawn(page);
    // from the confirm's click, poll what the map draws: when the default city's counties are drawn, and when the new
    // session's first analysis is drawn (the hook's ready). The map used to be left blank until that analysis (about
    // 3 s, panels back within 0.5 s): the counties now go on the map as soon as the city's data is in
    await page.evaluate(() => {
      const w = window as unknown as { __nsCounties?: number | null; __nsReady?: number | null };
      const map = window.__hfp!.map;
      const session = window.__hfp!.session;
      w.__nsCounties = null;
      w.__nsReady = null;
      // and the frames drawn (recordFramesDrawn) from the app's rebuild (the mark `ns:restart`, after the counties
      // above) to that ready, and the tiles of Nanyang's facilities (the app's `map:tile:facilities` marks)
      const f = w as unknown as {
        __nsFrames: number[];
        __nsFacilityTiles: number;
        __hfpMarks?: boolean;
        __hfpFrames: number[];
      };
      f.__nsFrames = [];
      f.__nsFacilityTiles = -1;
      let restartAt: number | null = null;
      let done = false;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === "ns:restart") restartAt = e.startTime;
          if (e.name === "map:tile:facilities" && restartAt !== null && !done) f.__nsFacilityTiles = e.startTime;
        }
      }).observe({ type: "mark" });
      document.querySelector("[data-testid=new-session-confirm]")!.addEventListener(
        "click",
        () => {
          const t0 = performance.now();
          f.__hfpMarks = true;
          const timer = setInterval(() => {
            const hook = window.__hfp; // unset between the old app and the new one
            if (w.__nsReady == null && hook && hook.session > session && hook.cityId === "nanyang" && hook.ready) {
              w.__nsReady = performance.now() - t0;
              done = true;
              f.__hfpMarks = false;
              f.__nsFrames = f.__hfpFrames.filter((at) => at > restartAt!).map((at) => at - restartAt!);
              f.__nsFacilityTiles -= restartAt!;
            }
            const drawn = w.__nsCounties == null ? map.queryRenderedFeatures({ layers: ["county-fill"] }) : [];
            if (drawn.some((f) => String(f.properties.code).startsWith("4113")))
              w.__nsCounties = performance.now() - t0;
            if (w.__nsCounties != null && w.__nsReady != null) clearInterval(timer);
          }, 25);
        },
        { capture: true },
      );
    });
    const session = await page.evaluate(() => window.__hfp!.session);
    await page.evaluate(sampleBusyStates, { session: session + 1, onConfirm: true });
    await page.getByTestId("new-session-confirm").click();
    await page.getByTestId("map-drawing").waitFor({ timeout: 60_000 });
    await screenshot(page, "session-03-computing");
    await page.waitForFunction(() => window.__hfp?.cityId === "nanyang", undefined, { timeout: 120_000 });
    // as soon as the new session's app is up: none of 宜春's features left in any source
    const early = await sourceFeatures(page);
    for (const [id, fs] of Object.entries(early)) {
      const old = new Set(before[id] ?? []);
      expect(
        fs.filter((f) => old.has(f)),
        id,
      ).toEqual([]);
    }
    type Times = { __nsCounties?: number | null; __nsReady?: number | null };
    await page.waitForFunction(
      () => (window as Times).__nsCounties != null && (window as Times).__nsReady != null,
      undefined,
      { timeout: 60_000 },
    );
    const [countiesAfter, readyAfter] = await page.evaluate(() => [
      (window as Times).__nsCounties!,
      (window as Times).__nsReady!,
    ]);
    console.log(
      `[e2e] 新建会话 from 宜春: Nanyang's counties drawn ${countiesAfter.toFixed(0)} ms after the confirm, ` +
        `its first analysis drawn ${readyAfter.toFixed(0)} ms after`,
    );
    // the counties do not wait for the analysis: drawn before it. Measured at load 3–4: 1.29–1.53 s against 2.6–3.1 s;
    // main's build of the morning 1.95–2.51 s against 3.1 s, too close to the analysis for a ratio that holds under
    // load to tell the two apart, so the figure is logged and recorded in docs/benchmarks.md, not asserted
    expect(countiesAfter).toBeLessThan(readyAfter);
    // then the rebuilt app's map is drawn once, whole: the frame on screen stays (under the "drawing" note) until the
    // new session's facilities are tiled, and one or two frames are drawn in all (a second when the county names'
    // tiles come after it). It used to be drawn as the emptied sources and the new data's tiles came in: 12 frames,
    // each drawn in software here (0.1–0.2 s of both cores; scripts/profile-reset.ts)
    const rebuilt = await page.evaluate(() => {
      const f = window as unknown as { __nsFrames: number[]; __nsFacilityTiles: number };
      return { frames: f.__nsFrames, facilityTiles: f.__nsFacilityTiles };
    });
    console.log(
      `[e2e] 新建会话 from 宜春: after the rebuild, ${rebuilt.frames.length} frame(s) drawn (at ` +
        `${rebuilt.frames.map((t) => t.toFixed(0)).join(", ")} ms), Nanyang's facilities tiled at ` +
        `${rebuilt.facilityTiles.toFixed(0)} ms`,
    );
    expect(rebuilt.frames.length).toBeGreaterThanOrEqual(1);
    expect(rebuilt.frames.length).toBeLessThanOrEqual(2);
    expect(rebuilt.frames[0]).toBeGreaterThan(rebuilt.facilityTiles);
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    // never 宜春's emptied panel read as "no violations": computing, and the map drawing, until the analysis is drawn
    expectBusyShown(await busyStates(page), { computing: "计算中…", drawing: "地图绘制中…" });
    await screenshot(page, "session-04-drawn");
    expect(await state(page)).toEqual({ facilities: sample, city: "nanyang", rural: 20 });
    // 宜春's counties and their names are gone from the kept map: Nanyang's, as the shipped file has them
    await waitMapStill(page);
    const shown = await mapState(page);
    const codes = nanyangCounties();
    expect(shown.sources.counties).toHaveLength(codes.length);
    expect(shown.sources["county-labels"].map((l) => l.split(":")[0]).sort()).toEqual(codes);
    expect(shown.sources.tints.every((t) => t.startsWith("4113"))).toBe(true);
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("keeps the tab, the selected county and the Suggest form over a reload; 新建会话 forgets them", async () => {
    // the planner trial: the work survived a reload, but the app came back on 审查, no county, the Suggest form reset
    const { page, consoleErrors } = await openApp(browser());
    await page.getByTestId("tab-review").click();
    await page.locator('[data-testid=county-table] tr[data-county-code="411323"]').click();
    await page.getByTestId("tab-suggest").click();
    // the county selected in the app is the one sited; another chosen here becomes the app's selection
    expect(await page.getByTestId("suggest-county").inputValue()).toBe("411323");
    // a siting run's result is work a reload keeps too (it came back empty): 西峡县's gaps, the default form
    await page.getByTestId("suggest-run").click();
    await page.getByTestId("suggest-result").waitFor({ timeout: 120_000 });
    const sites = () => page.locator("[data-testid=suggest-result] ol.sites > li").count();
    const suggested = await sites();
    expect(suggested).toBeGreaterThan(0);
    await page.getByTestId("suggest-county").selectOption("411325");
    await page.getByTestId("suggest-candidate-source").selectOption("central-thc");
    // typed, the box not left: a reload keeps it (it was kept only once the box was left)
    await page.getByTestId("suggest-k").fill("2");
    const form = async () => ({
      tab: await page.getByTestId("tab-suggest").getAttribute("aria-selected"),
      county: await page.getByTestId("suggest-county").inputValue(),
      source: await page.getByTestId("suggest-candidate-source").inputValue(),
      k: await page.getByTestId("suggest-k").inputValue(),
    });
    const left = { tab: "true", county: "411325", source: "central-thc", k: "2" };

    // the map's view too (the planner trial, s42-b #10: it came back on the whole city)
    const view = () =>
      page.evaluate(() => {
        const m = window.__hfp!.map;
        return { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
      });
    const fitZoom = (await view()).zoom;
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const m = window.__hfp!.map;
          m.once("moveend", () => done());
          m.jumpTo({ center: [111.52, 33.31], zoom: 10.5 });
        }),
    );
    await page.evaluate(() => window.__hfpWhenSaved?.());
    await page.reload();
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    expect(await form()).toEqual(left);
    await page.getByTestId("suggest-result").waitFor({ timeout: 30_000 });
    expect(await sites()).toBe(suggested);
    // and drawn, as before the reload, without 「在地图上查看」 (the user trial, s50 M2: listed, no mark on the map)
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__hfp!.map.querySourceFeatures("marks").filter((f) => f.properties?.kind === "suggested").length,
        ),
      )
      .toBeGreaterThan(0);
    const back = await view();
    expect(back.lng).toBeCloseTo(111.52, 4);
    expect(back.lat).toBeCloseTo(33.31, 4);
    expect(back.zoom).toBeCloseTo(10.5, 2);
    // the form outlives leaving the tab
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("tab-suggest").click();
    expect(await form()).toEqual(left);
    await page.getByTestId("tab-review").click();
    await expect
      .poll(() => page.locator('[data-testid=county-table] tr[data-county-code="411325"]').getAttribute("class"))
      .toContain("selected");
    await page.getByTestId("tab-suggest").click();

    // a new session starts where a first visit does
    const before = await page.evaluate(() => window.__hfp!.session);
    await page.getByTestId("new-session").click();
    await page.getByTestId("new-session-confirm").click();
    await page.waitForFunction((n) => !!window.__hfp && window.__hfp.session > n, before, { timeout: 120_000 });
    await waitForMapReady(page, "nanyang");
    await waitForAnalysis(page);
    expect(await page.getByTestId("tab-review").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("[data-testid=county-table] tr.selected").count()).toBe(0);
    // the whole city again (fitted to the map box as the new app lays it out), not the view left
    expect((await view()).zoom).toBeLessThan(fitZoom + 0.05);
    await page.getByTestId("tab-suggest").click();
    expect((await form()).k).toBe("3");
    // and no result
    expect(await page.getByTestId("suggest-result").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("two tabs of one browser: the second's save does not overwrite the first's, it says so, and loads the first's work", async () => {
    const sample = sampleCount();
    const { page: a, consoleErrors, seq: first } = await openApp(browser());
    await waitSaved(a);
    // tab B: the same browser (context), so the same IndexedDB, at the size a planner's screen has
    const b = await a.context().newPage();
    const errorsB: string[] = [];
    b.on("pageerror", (e) => errorsB.push(String(e)));
    b.on("console", (m) => {
      if (m.type() === "error") errorsB.push(m.text());
    });
    try {
      await b.setViewportSize({ width: 1440, height: 900 });
      await b.goto(url);
      await waitForMapReady(b, "nanyang");
      let seqB = await waitForAnalysis(b);
      const proposed = async (page: Page) =>
        ((await stored(page)).session as { proposed?: { nanyang?: Array<{ id: string; lon: number }> } } | undefined)
          ?.proposed?.nanyang ?? [];
      const addSite = async (page: Page, dx: number, after: number) => {
        await page.getByTestId("tab-plan").click();
        await page.getByTestId("add-mode").click();
        const box = (await page.getByTestId("map").boundingBox())!;
        await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + 40);
        const seq = await waitForAnalysis(page, after);
        await page.keyboard.press("Escape"); // leave add mode
        await waitSaved(page);
        return seq;
      };
      // nothing was edited yet: opening B is not a save, and A has nothing to be told
      expect(await a.getByTestId("session-conflict").count()).toBe(0);

      // tab A adds a site: saved; B, still showing the older session, is told at once, before any edit
      await addSite(a, 0, first);
      const saved = await proposed(a);
      expect(saved.length).toBe(1);
      const notice = b.getByTestId("session-conflict");
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.textContent()).toContain("本会话已在另一个标签页中修改");
      expect(await b.getByTestId("conflict-keep-this").count()).toBe(0);

      // B adds a site anyway: not saved over A's work, and the notice says B's change was not saved
      seqB = await addSite(b, -150, seqB);
      expect(await b.evaluate(() => window.__hfp!.facilityCount)).toBe(sample + 1);
      await expect.poll(() => notice.textContent()).toContain("本标签页的更改未保存");
      expect(await proposed(a)).toEqual(saved);
      expect(await b.getByTestId("conflict-keep-this").isVisible()).toBe(true);
      await screenshot(b, "45-session-conflict-zh");
      await b.getByTestId("lang-toggle").click();
      await expect.poll(() => notice.textContent()).toContain("changed in another tab");
      await screenshot(b, "45-session-conflict-en");
      await b.getByTestId("lang-toggle").click();
      // the notice stays, and leaves the map's controls and the header usable
      for (const id of ["new-session", "undo", "add-mode", "tab-data"])
        expect(await b.getByTestId(id).isVisible(), id).toBe(true);

      // B chooses A's version: its own change is dropped, A's site is shown, the notice is gone
      const before = await b.evaluate(() => window.__hfp!.session);
      await b.getByTestId("conflict-load-other").click();
      await b.waitForFunction((n) => !!window.__hfp && window.__hfp.session > n, before, { timeout: 120_000 });
      await waitForMapReady(b, "nanyang");
      seqB = await waitForAnalysis(b);
      expect(await b.evaluate(() => window.__hfp!.facilityCount)).toBe(sample + 1);
      expect(await b.getByTestId("session-conflict").count()).toBe(0);
      // and B saves again, over A's work; now A is the tab behind, and is told
      await addSite(b, -150, seqB);
      const both = await proposed(b);
      expect(both.length).toBe(2);
      expect(both[0]).toEqual(saved[0]);
      expect(new Set(both.map((f) => f.id)).size).toBe(2); // no two sites share an id (both were P8 in the trial)
      await a.getByTestId("session-conflict").waitFor({ timeout: 15_000 });
      await b.close();
      // closing B saved nothing more; A loads B's version: both sites
      const beforeA = await a.evaluate(() => window.__hfp!.session);
      await a.getByTestId("conflict-load-other").click();
      await a.waitForFunction((n) => !!window.__hfp && window.__hfp.session > n, beforeA, { timeout: 120_000 });
      await waitForMapReady(a, "nanyang");
      await waitForAnalysis(a);
      expect(await a.evaluate(() => window.__hfp!.facilityCount)).toBe(sample + 2);
      expect(await proposed(a)).toEqual(both);
      expect(await a.getByTestId("session-conflict").count()).toBe(0);
    } finally {
      if (!b.isClosed()) await b.close();
    }
    expect(consoleErrors).toEqual([]);
    expect(errorsB).toEqual([]);
  }, 400_000);
});
