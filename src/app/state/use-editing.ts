import { useCallback } from "react";
import { FACILITY_TYPE_LABELS, type Facility, type FacilityType } from "../../core";
import type { I18n } from "../i18n";
import { newProposedId, type ParamsState } from "./session";
import type { SessionStore } from "./use-session";

/**
 * The planner's edits from the map and the Plan tab: a click in add mode places a proposed site, a drag moves one
 * (re-scored live, one undo step at the drop), a parameter change (a slider drag live, one undo step at its end).
 */
export function useEditing(
  store: SessionStore,
  addType: FacilityType | null,
  moveLive: (id: string, lon: number, lat: number) => void,
  i18n: I18n,
  /** The township or village a new site of `type` at (lon, lat) is counted in (unitFromViolation), if any. */
  unitAt: (type: FacilityType, lon: number, lat: number) => Pick<Facility, "township" | "village">,
) {
  const { dispatch, current, beginGesture, endGesture, inGesture } = store;
  const { t, pick } = i18n;
  const onMapClick = useCallback(
    (lngLat: [number, number]) => {
      const s = current();
      if (!addType || !s) return;
      const id = newProposedId(s.proposed[s.cityId] ?? []);
      const lon = Number(lngLat[0].toFixed(6));
      const lat = Number(lngLat[1].toFixed(6));
      dispatch({
        type: "addProposed",
        facility: {
          id,
          name: t("proposedName", pick(FACILITY_TYPE_LABELS[addType]), id),
          type: addType,
          lon,
          lat,
          ...unitAt(addType, lon, lat),
          ownership: "public",
          proposed: true,
        },
      });
    },
    [addType, dispatch, current, pick, t, unitAt],
  );
  const onDrag = useCallback(
    (id: string, [x, y]: [number, number]) => {
      beginGesture();
      // rounded as the drop is (0.1 m): a drop where the last move was needs no analysis of its own
      const lon = Number(x.toFixed(6));
      const lat = Number(y.toFixed(6));
      dispatch({ type: "moveProposed", id, lon, lat }, "replace");
      moveLive(id, lon, lat);
    },
    [dispatch, moveLive, beginGesture],
  );
  const onDrop = useCallback(
    (id: string, [lon, lat]: [number, number]) => {
      if (!inGesture()) return;
      dispatch({ type: "moveProposed", id, lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) }, "replace");
      endGesture();
    },
    [dispatch, inGesture, endGesture],
  );
  const onParams = useCallback(
    (patch: Partial<ParamsState>, live = false) => {
      if (live) beginGesture();
      dispatch({ type: "params", patch }, live ? "replace" : "commit");
    },
    [dispatch, beginGesture],
  );
  return { onMapClick, onDrag, onDrop, onParams, onParamsEnd: endGesture };
}
