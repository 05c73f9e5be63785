import type { CityData } from "../data";
import { useI18n } from "../i18n";
import { LayerPanel, type LayerPanelProps } from "./LayerPanel";

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
          <p className="hint">{data.counties.note}</p>
        </section>
      )}
    </aside>
  );
}
