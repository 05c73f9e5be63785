import { type ReactNode, useLayoutEffect, useRef } from "react";
import { useI18n } from "../i18n";
import { TABS, type Tab } from "../state/ui";

const LABEL = { review: "tabReview", plan: "tabPlan", suggest: "tabSuggest", data: "tabData" } as const;

/**
 * The analysis column: its tab bar (with a spinner while the worker computes) and the open tab's body. Each tab keeps
 * its own scroll position: a tab opens where it was left (at its top the first time), not at the depth the previous
 * tab was scrolled to.
 */
export function Tabs(props: { tab: Tab; onTab: (tab: Tab) => void; busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const scrolled = useRef(new Map<Tab, number>());
  const shown = useRef(props.tab);
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
        {props.children}
      </div>
    </aside>
  );
}
