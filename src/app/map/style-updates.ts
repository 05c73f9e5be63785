import type { FilterSpecification, Map as MlMap } from "maplibre-gl";

/**
 * Style changes that re-tile a source only when they change something. A layer's filter and its layout properties
 * (visibility among them) are applied in MapLibre's worker: setting one marks the layer's source for a reload, and
 * every tile of it is made again (`reloadTile`), even when the value set is the one the layer already has in effect
 * (a layer with no `visibility` of its own is visible, one with no filter has none, yet setting "visible" or `null`
 * reloads). See scripts/trace-tiles.ts for the tiles a cold load makes.
 */
type StyleMap = Pick<MlMap, "getLayer" | "getLayoutProperty" | "setLayoutProperty" | "getFilter" | "setFilter">;

/** Shows or hides a layer unless it already is so (a layer without a `visibility` is visible). */
export function setVisibility(map: StyleMap, layerId: string, visible: boolean): void {
  if (!map.getLayer(layerId)) return;
  const want = visible ? "visible" : "none";
  if ((map.getLayoutProperty(layerId, "visibility") ?? "visible") === want) return;
  map.setLayoutProperty(layerId, "visibility", want);
}

/** Sets a layer's filter (unvalidated) unless it has that one already (no filter and `null` are the same). */
export function setFilterIfChanged(map: StyleMap, layerId: string, filter: FilterSpecification | null): void {
  if (!map.getLayer(layerId)) return;
  if (JSON.stringify(map.getFilter(layerId) ?? null) === JSON.stringify(filter)) return;
  // unvalidated: MapLibre validates a filter against a serialisation of the whole style, every source's data in it
  map.setFilter(layerId, filter, { validate: false });
}
