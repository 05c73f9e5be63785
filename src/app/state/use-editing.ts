import { useCallback, useRef } from "react";
import { FACILITY_TYPE_LABELS, type Facility, type FacilityType } from "../../core";
import { type I18n, makeI18n } from "../i18n";
import { newProposedId, type ParamsState } from "./session";
import type { SessionStore } from "./use-session";

/**
 * A site's name is data (exported, printed, in the report): in Chinese, as the plans and the lists are, whatever the
 * language on screen (the planner trial, s42-b: 「Proposed EMS station P1」 inside a Chinese report).
 */
export const NAMES = makeI18n("zh");

/**
 * A site's edit with its name following a change of type, where the name is the one the tool gave it for its type
 * (「规划急救站 P2」 → 「规划县域医疗卫生次中心 P2」, 「建议急救站 P3」, 「…（升级为急救站）」): a name the planner wrote stays (the
 * reviewer trial, s55b M4: a sub-centre named 「规划急救站 P2」 on screen, in the project file and in the report).
 */
export function withTypeName(site: Facility, patch: Partial<Facility>): Partial<Facility> {
  if (patch.type === undefined || patch.type === site.type || patch.name !== undefined) return patch;
  const from = FACILITY_TYPE_LABELS[site.type].zh;
  const to = FACILITY_TYPE_LABELS[patch.type].zh;
  const given: Array<[string, string]> = [
    [NAMES.t("proposedName", from, site.id), NAMES.t("proposedName", to, site.id)],
    [NAMES.t("suggestedName", from, site.id), NAMES.t("suggestedName", to, site.id)],
  ];
  // a candidate list's name with the type after it: 「尧山镇候选（建议急救站 P1）」
  const listed = `（建议${from} ${site.id}）`;
  if (site.name.endsWith(listed) && site.name !== listed)
    given.push([site.name, `${site.name.slice(0, -listed.length)}（建议${to} ${site.id}）`]);
  const upgraded = /^(.*)（升级为(.+)）$/.exec(site.name);
  if (upgraded && upgraded[2] === from) given.push([site.name, NAMES.t("upgradedName", upgraded[1], to)]);
  const renamed = given.find(([name]) => name === site.name)?.[1];
  return renamed ? { ...patch, name: renamed } : patch;
}

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
  /** The county at a point, to say when a drag leaves one (null: outside every county). */
  countyAt: (lon: number, lat: number) => { code: string; name: string } | null,
  onToast: (text: string) => void,
  /** The name of a new site of `type` placed for a unit's violation (proposedNameFromViolation), if any. */
  nameAt?: (type: FacilityType, lon: number, lat: number, id: string) => string | undefined,
) {
  const { dispatch, current, beginGesture, endGesture, cancelGesture, inGesture } = store;
  const { t } = i18n;
  /** The dragged site's county when the gesture began (the drop says so when it leaves it). */
  const dragFrom = useRef<{ id: string; name: string; county: { code: string; name: string } | null } | null>(null);
  /** The upgrade a drag was refused for, said once per gesture. */
  const refused = useRef<string | null>(null);
  const proposedSite = useCallback(
    (id: string) => {
      const s = current();
      return s ? (s.proposed[s.cityId] ?? []).find((f) => f.id === id) : undefined;
    },
    [current],
  );
  /**
   * A site moved into another county changes two counties' checks: said (the planner trial, s42-b #5: only the grey
   * county name in its row changed, and 淅川's gain fell from 96.3 % to 86.2 % unnoticed).
   */
  const sayIfLeft = useCallback(
    (name: string, from: { code: string; name: string } | null, to: { code: string; name: string } | null) => {
      if ((to?.code ?? null) !== (from?.code ?? null))
        onToast(t("siteLeftCounty", name, from?.name ?? null, to?.name ?? null));
    },
    [onToast, t],
  );
  const onMapClick = useCallback(
    (lngLat: [number, number]) => {
      const s = current();
      if (!addType || !s) return;
      const id = newProposedId(s.proposed[s.cityId] ?? [], s.datasets[s.cityId]?.facilities ?? []);
      const lon = Number(lngLat[0].toFixed(6));
      const lat = Number(lngLat[1].toFixed(6));
      dispatch({
        type: "addProposed",
        facility: {
          id,
          name: nameAt?.(addType, lon, lat, id) ?? NAMES.t("proposedName", FACILITY_TYPE_LABELS[addType].zh, id),
          type: addType,
          lon,
          lat,
          ...unitAt(addType, lon, lat),
          ownership: "public",
          proposed: true,
        },
      });
    },
    [addType, dispatch, current, unitAt, nameAt],
  );
  const onDrag = useCallback(
    (id: string, [x, y]: [number, number]) => {
      const site = proposedSite(id);
      // an upgrade is the existing building raised: it stays where it is (the planner trial, s42-b #4: dragged into
      // 西峡县, it took 淅川's centre with it and 淅川 failed 「盛湾镇：无乡镇卫生院」)
      if (site?.replaces) {
        if (refused.current !== id) onToast(t("upgradeStays", site.name));
        refused.current = id;
        return;
      }
      if (!inGesture()) dragFrom.current = site ? { id, name: site.name, county: countyAt(site.lon, site.lat) } : null;
      beginGesture();
      // rounded as the drop is (0.1 m): a drop where the last move was needs no analysis of its own
      const lon = Number(x.toFixed(6));
      const lat = Number(y.toFixed(6));
      dispatch({ type: "moveProposed", id, lon, lat }, "replace");
      moveLive(id, lon, lat);
    },
    [dispatch, moveLive, beginGesture, inGesture, proposedSite, countyAt, onToast, t],
  );
  const onDrop = useCallback(
    (id: string, [lon, lat]: [number, number]) => {
      refused.current = null;
      if (!inGesture()) return;
      dispatch({ type: "moveProposed", id, lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) }, "replace");
      endGesture();
      // a site dropped in another county: said (sayIfLeft)
      const from = dragFrom.current;
      dragFrom.current = null;
      if (from && from.id === id) sayIfLeft(from.name, from.county, countyAt(lon, lat));
    },
    [dispatch, inGesture, endGesture, countyAt, sayIfLeft],
  );
  /**
   * A proposed site's row edited (name, type, units, typed coordinates): typed coordinates that take it into another
   * county are said, as a drop is (the user trial, s50 L6: 112.95, 32.75 moved P2 into 唐河县 unsaid).
   */
  const onUpdate = useCallback(
    (id: string, patch: Partial<Facility>) => {
      const site = proposedSite(id);
      if (site && (patch.lon !== undefined || patch.lat !== undefined))
        sayIfLeft(site.name, countyAt(site.lon, site.lat), countyAt(patch.lon ?? site.lon, patch.lat ?? site.lat));
      dispatch({ type: "updateProposed", id, patch: site ? withTypeName(site, patch) : patch });
    },
    [dispatch, proposedSite, countyAt, sayIfLeft],
  );
  const onDragCancel = useCallback(
    (id: string) => {
      refused.current = null;
      const from = dragFrom.current;
      dragFrom.current = null;
      if (!inGesture()) return;
      cancelGesture();
      onToast(t("dragCancelled", from?.id === id ? from.name : id));
    },
    [inGesture, cancelGesture, onToast, t],
  );
  const onParams = useCallback(
    (patch: Partial<ParamsState>, live = false) => {
      if (live) beginGesture();
      dispatch({ type: "params", patch }, live ? "replace" : "commit");
    },
    [dispatch, beginGesture],
  );
  return { onMapClick, onDrag, onDrop, onDragCancel, onUpdate, onParams, onParamsEnd: endGesture };
}
