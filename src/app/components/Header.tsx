import { useState } from "react";
import { type I18n, useI18n } from "../i18n";
import type { StepDescription } from "../state/session";
import { CityPicker, type CityPickerProps } from "./CityPicker";

export interface HeaderProps extends CityPickerProps {
  onToggleLang: () => void;
  onToggleSettings: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** The steps undo and redo would take, named in their tooltips. */
  undoStep?: StepDescription | null;
  redoStep?: StepDescription | null;
  onUndo: () => void;
  onRedo: () => void;
  /** Asks to start a new session (the app confirms first). */
  onNewSession: () => void;
}

/** The title bar: app name, city picker, undo and redo, a new session, language and settings. */
export function Header(props: HeaderProps) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="titles">
        <h1>{t("appTitle")}</h1>
        <span className="subtitle">{t("appSubtitle")}</span>
      </div>
      <CityPicker
        cities={props.cities}
        index={props.index}
        needIndex={props.needIndex}
        city={props.city}
        onCity={props.onCity}
      />
      <div className="header-buttons">
        <button
          type="button"
          onClick={props.onUndo}
          disabled={!props.canUndo}
          data-testid="undo"
          title={props.undoStep ? t("undoStepHint", stepText(t, props.undoStep)) : t("undoHint")}
          aria-label={t("undo")}
        >
          ↶ {t("undo")}
        </button>
        <button
          type="button"
          onClick={props.onRedo}
          disabled={!props.canRedo}
          data-testid="redo"
          title={props.redoStep ? t("redoStepHint", stepText(t, props.redoStep)) : t("redoHint")}
          aria-label={t("redo")}
        >
          ↷ {t("redo")}
        </button>
        <button type="button" onClick={props.onNewSession} data-testid="new-session" title={t("newSessionHint")}>
          {t("newSession")}
        </button>
        <button
          type="button"
          data-testid="lang-toggle"
          onClick={props.onToggleLang}
          // the name is the text shown (「English」 / 「中文」), as voice control users say it; 语言 is its description
          title={t("language")}
          lang={t("otherLanguageLang")}
        >
          {t("otherLanguage")}
        </button>
        <button type="button" data-testid="settings-toggle" onClick={props.onToggleSettings}>
          {t("settings")}
        </button>
      </div>
    </header>
  );
}

/** Settings: an optional basemap tile URL (the app needs no network without one). */
export function Settings(props: { basemapUrl: string; onBasemap: (url: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(props.basemapUrl);
  return (
    <div className="settings" data-testid="settings">
      <label>
        {t("basemapUrl")}
        <input
          type="url"
          value={draft}
          placeholder="https://tile.example.org/{z}/{x}/{y}.png"
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <p className="hint">{t("basemapHint")}</p>
      <button type="button" onClick={() => props.onBasemap(draft)}>
        {t("apply")}
      </button>
      <button
        type="button"
        onClick={() => {
          setDraft("");
          props.onBasemap("");
        }}
      >
        {t("clear")}
      </button>
    </div>
  );
}

/** A step in words: 「移动 P3」, 「参数」, 「导入 facilities.csv」. */
function stepText(t: I18n["t"], s: StepDescription): string {
  switch (s.kind) {
    case "add":
      return s.others ? t("stepAddMany", s.id, s.others + 1) : t("stepAdd", s.id);
    case "move":
      return t("stepMove", s.id);
    case "remove":
      return t("stepRemove", s.id);
    case "edit":
      return t("stepEdit", s.id);
    case "import":
      return t("stepImport", s.file);
    case "params":
      return t("stepParams");
    case "ruleSet":
      return t("stepRuleSet");
    default:
      return t("stepOther");
  }
}
