import { createContext, type ReactNode, useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "../i18n";
import { TABS, type Tab } from "../state/ui";

/**
 * The analysis column's foot: a pane below the scrolled tab body where a tab puts what must stay in view without
 * covering anything (the selected violation's citation; see ReviewPanel). Null outside {@link Tabs}.
 */
export const TabFoot = createContext<HTMLElement | null>(null);

const LABEL = { review: "tabReview", plan: "tabPlan", suggest: "tabSuggest", data: "tabData" } as const;

/**
 * The analysis column: its tab bar (with a spinner while the worker computes) and the open tab's body. Each tab keeps
 * its own scroll position: a tab opens where it was left (at its top the first time), not at the depth the previous
 * tab was scrolled to. Below the body, outside its scroll, the foot ({@link TabFoot}): what is shown there takes its
 * own room, so the body's controls (the county report buttons) are never under it.
 */
export function Tabs(props: { tab: Tab; onTab: (tab: Tab) => void; busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const scrolled = useRef(new Map<Tab, number>());
  const shown = useRef(props.tab);
  const [foot, setFoot] = useState<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || shown.current === props.tab) return;
    shown.current = props.tab;
    el.scrollTop = scrolled.current.get(props.tab) ?? 0;
  }, [props.tab]);
  return (
    <aside className="analysis">
      <div className="tabs" role="tablist">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={props.tab === k}
            className={props.tab === k ? "active" : ""}
            data-testid={`tab-${k}`}
            onClick={() => props.onTab(k)}
          >
            {t(LABEL[k])}
          </button>
        ))}
        {props.busy && <span className="spinner" role="status" aria-label={t("computingAria")} />}
      </div>
      <div
        className="tab-body"
        data-testid="tab-body"
        ref={body}
        onScroll={(e) => scrolled.current.set(shown.current, e.currentTarget.scrollTop)}
      >
        <TabFoot.Provider value={foot}>{props.children}</TabFoot.Provider>
      </div>
      <div className="tab-foot" data-testid="tab-foot" ref={setFoot} />
    </aside>
  );
}
