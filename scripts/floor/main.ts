/**
 * The floor under the app's first map (scripts/bench-floor.ts): MapLibre alone, as the app loads it (its own worker
 * file, two workers, no fade, GeoJSON tiles with a 16 px buffer), drawing the default city's data and nothing else: no
 * React, no analysis, no table, no labels; at the app's map size and camera when given (`w`, `h`, `lon`, `lat`, `z`).
 * `?v=none` draws the background only, `?v=counties` the counties (fill and line), `?v=facilities` the counties and
 * the sample scenario's facilities (one circle layer), `?v=map` what the app's map draws on its first load, taken from
 * a loaded app by bench-floor.ts and served as `app-map.json`: every data source's GeoJSON and every layer of the
 * app's style (the county names' too, drawn with the browser's fonts as in the app: no glyphs URL; `names=0` leaves
 * them out), with the app's paint, layout and tile buffers. Publishes `window.__floor`: the script's start, MapLibre's `load`, the first `idle` with the data
 * drawn, and the end of that task (`setTimeout(0)`: the frame done, as bench-browser.ts times the app's first map).
 */
import { Map as MlMap, setWorkerCount, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import cities from "../../geodata/cities.json";

const floor: Record<string, number> = { start: performance.now() };
(window as unknown as { __floor: Record<string, number> }).__floor = floor;
const query = new URLSearchParams(location.search);
const variant = query.get("v") ?? "facilities";
// the map's size and camera: the app's (bench-floor.ts passes them), its map being the page less its side panels
const box = document.getElementById("map")!;
box.style.width = `${Number(query.get("w") ?? 686)}px`;
box.style.height = `${Number(query.get("h") ?? 720)}px`;
setWorkerUrl(workerUrl);
setWorkerCount(2);

// the default city's files, as the app's index.html preloads them (vite serves geodata/ under the same names)
const [first] = cities;
const files = import.meta.glob("../../geodata/*.geojson", { query: "?url", import: "default", eager: true });
const url = (name: string) => files[`../../geodata/${name}`] as string;

const map = new MlMap({
  container: "map",
  style: {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1ec" } }],
  },
  center: [Number(query.get("lon") ?? 112.3), Number(query.get("lat") ?? 33.0)],
  zoom: Number(query.get("z") ?? 7.3),
  fadeDuration: 0,
});
interface AppMap {
  sources: Record<string, { data: GeoJSON.GeoJSON; buffer: number; promoteId?: string }>;
  layers: Array<import("maplibre-gl").LayerSpecification>;
}
const data = Promise.all([
  variant === "none" || variant === "map" ? null : fetch(url(first.counties)).then((r) => r.json()),
  // the app loads the scenario's compact columns (.cols.json) and makes the features itself: the floor reads the
  // same facilities as GeoJSON
  variant === "facilities"
    ? fetch(url(first.scenario.replace(/\.cols\.json$/, ".geojson"))).then((r) => r.json())
    : null,
  variant === "map" ? (fetch("app-map.json").then((r) => r.json()) as Promise<AppMap>) : null,
]);

function timeFirstFrame() {
  map.once("idle", () => {
    floor.idle = performance.now();
    setTimeout(() => {
      floor.done = performance.now();
    }, 0);
  });
  map.triggerRepaint();
}

map.once("load", async () => {
  floor.load = performance.now();
  const [counties, facilities, appMap] = await data;
  if (appMap) {
    for (const [id, src] of Object.entries(appMap.sources))
      map.addSource(id, { type: "geojson", data: src.data, buffer: src.buffer, promoteId: src.promoteId });
    // `names=0`: without the county names' symbol layers
    const named = query.get("names") !== "0";
    for (const layer of appMap.layers) if (named || layer.type !== "symbol") map.addLayer(layer);
  }
  if (counties) {
    map.addSource("counties", { type: "geojson", data: counties, buffer: 16 });
    map.addLayer({ id: "county-fill", type: "fill", source: "counties", paint: { "fill-color": "#f4a0a0" } });
    map.addLayer({
      id: "county-line",
      type: "line",
      source: "counties",
      paint: { "line-color": "#333333", "line-width": 1 },
    });
  }
  if (facilities) {
    map.addSource("facilities", { type: "geojson", data: facilities, buffer: 16 });
    map.addLayer({
      id: "facilities",
      type: "circle",
      source: "facilities",
      paint: {
        "circle-color": "#888888",
        "circle-radius": 2.5,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 0.5,
      },
    });
  }
  timeFirstFrame();
});
