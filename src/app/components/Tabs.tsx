import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { TABS, type Tab } from "../state/ui";

const LABEL = { review: "tabReview", plan: "tabPlan", suggest: "tabSuggest", data: "tabData" } as const;

/** The analysis column: its tab bar (with a spinner while the worker computes) and the open tab's body. */
export function Tabs(props: { tab: Tab; onTab: (tab: Tab) => void; busy: boolean; children: ReactNode }) {
  const { t } = useI18n();
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
      <div className="tab-body">{props.children}</div>
    </aside>
  );
}
