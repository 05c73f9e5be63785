import { useEffect, useId, useMemo, useState } from "react";
import { type ChinaIndex, type CityEntry, citiesByProvince, localPlanReach, searchCities } from "../../core";
import type { CityInfo } from "../data";
import { type I18n, useI18n } from "../i18n";
import { RULE_SETS } from "../rulesets";

/**
 * The plan mark after a city's name: 「（有本地规划）」 when its plan binds the whole city, 「（南宫市有本地规划）」 when
 * it binds only some of its units (邢台市 and 002), nothing without a local plan.
 */
export function planMark(city: { plan?: string }, t: I18n["t"]): string {
  const own = RULE_SETS.find((r) => r.comparison !== true && r.scope?.city === city.plan);
  const reach = localPlanReach(city, own?.scope);
  if (reach.kind === "city") return t("cityPlanMark");
  if (reach.kind === "counties") return t("cityPlanPartMark", reach.names.join("、"));
  return "";
}

/** The county-level units a city's local plan binds (邢台市: 南宫市), for the search box. */
function planUnitNames(city: CityEntry): readonly string[] {
  const own = RULE_SETS.find((r) => r.comparison !== true && r.scope?.city === city.plan);
  const reach = localPlanReach(city, own?.scope);
  return reach.kind === "counties" ? reach.names : [];
}

/** How many search results the list shows (the rest are one more keystroke away). */
const MAX_RESULTS = 12;

export interface CityPickerProps {
  /** The plan cities, known from the start (the list before the national index is in). */
  cities: CityInfo[];
  /** Every prefecture-level city, once fetched. */
  index: ChinaIndex | null;
  /** Asks for the national index (the list or the search box was opened). */
  needIndex: () => void;
  /** The city on screen (it may be one the plan list does not hold). */
  city: CityInfo | undefined;
  onCity: (id: string) => void;
}

/**
 * The city picker: a list of every prefecture-level city grouped by province (the plan cities marked), and a search
 * box that finds a city by Chinese name, pinyin, initials or code. The national index (30 kB gzipped) is fetched
 * when either is first touched, never on the first load.
 */
export function CityPicker(props: CityPickerProps) {
  const { t, pick } = useI18n();
  const { index, city } = props;
  const groups = useMemo(() => (index ? citiesByProvince(index) : null), [index]);
  const provinceName = (p: { name: string; nameEn: string }) => pick({ zh: p.name, en: p.nameEn });
  const label = (c: { name: string; nameEn: string; plan?: string }, province: string) =>
    t("cityOption", c.name, province, c.nameEn) + planMark(c, t);

  return (
    <div className="city-picker">
      <label>
        {t("city")}
        <select
          data-testid="city-picker"
          value={city?.id ?? ""}
          onFocus={props.needIndex}
          onPointerDown={props.needIndex}
          onChange={(e) => props.onCity(e.target.value)}
        >
          {groups
            ? groups.map(({ province, cities }) => (
                <optgroup key={province.code} label={provinceName(province)} data-province={province.code}>
                  {cities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {label(c, provinceName(province))}
                    </option>
                  ))}
                </optgroup>
              ))
            : [...props.cities, ...(city && !props.cities.some((c) => c.id === city.id) ? [city] : [])].map((c) => (
                <option key={c.id} value={c.id}>
                  {label(c, c.province)}
                </option>
              ))}
          {!city && <option value="">{t("loading")}</option>}
        </select>
      </label>
      <CitySearch index={index} needIndex={props.needIndex} onCity={props.onCity} />
    </div>
  );
}

/** A search box over the national index with a list of matches (arrow keys move, Enter picks, Escape clears). */
function CitySearch(props: { index: ChinaIndex | null; needIndex: () => void; onCity: (id: string) => void }) {
  const { t, pick: inLang } = useI18n();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  // Enter pressed before the national index was in: acted on when it arrives (the list's first match), not dropped
  const [waiting, setWaiting] = useState(false);
  const listId = useId();
  const { index } = props;
  const results: CityEntry[] = useMemo(
    () => (index && text.trim() ? searchCities(index, text, planUnitNames).slice(0, MAX_RESULTS) : []),
    [index, text],
  );
  const provinces = useMemo(() => new Map((index?.provinces ?? []).map((p) => [p.code, p])), [index]);
  const open = text.trim() !== "";
  const pick = (c: CityEntry) => {
    setText("");
    setActive(0);
    props.onCity(c.id);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: acted on once, when the index arrives
  useEffect(() => {
    if (!waiting || !index) return;
    setWaiting(false);
    if (results[0]) pick(results[0]); // no match: the list says so
  }, [waiting, index]);
  return (
    <div className="city-search">
      <input
        type="search"
        data-testid="city-search"
        role="combobox"
        aria-label={t("citySearch")}
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active].id}` : undefined}
        placeholder={t("citySearchPlaceholder")}
        title={t("citySearchHint")}
        value={text}
        onFocus={props.needIndex}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          if (e.target.value.trim() === "") setWaiting(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, Math.max(results.length - 1, 0)));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter" && results[active]) pick(results[active]);
          else if (e.key === "Enter" && !index && text.trim() !== "") {
            setWaiting(true);
            props.needIndex();
          } else if (e.key === "Escape") {
            setText("");
            setWaiting(false);
          } else return;
          e.preventDefault();
        }}
      />
      {open && (
        <div className="city-results" role="listbox" id={listId} data-testid="city-results">
          {!index && (
            <div className="hint" data-testid="city-index-loading">
              {t(waiting ? "cityIndexLoadingThenGo" : "cityIndexLoading")}
            </div>
          )}
          {index && results.length === 0 && <div className="hint">{t("cityNoMatch", text.trim())}</div>}
          {results.map((c, i) => {
            const p = provinces.get(c.province);
            return (
              <div
                key={c.id}
                tabIndex={-1}
                id={`${listId}-${c.id}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : ""}
                data-city-id={c.id}
                onPointerDown={(e) => {
                  e.preventDefault(); // keep the focus in the box until the city is picked
                  pick(c);
                }}
              >
                <span className="city-name">{t("cityName", c.name, c.nameEn)}</span>
                <span className="hint">
                  {p ? inLang({ zh: p.name, en: p.nameEn }) : c.province} · {c.pinyin} · {c.code}
                  {planMark(c, t)}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
