import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Root } from "./App";
import { prewarmMap } from "./map/controller";
import { markOnce } from "./perf";
import { analysisWorker } from "./state/analysis-client";
import { whenSaved } from "./state/store";
import { prefetchFirstCity } from "./state/use-city";
import "./styles.css";

markOnce("entry"); // the first chunk is parsed and runs
window.__hfpWhenSaved = whenSaved; // for tests: resolves when the session's changes so far are in IndexedDB
// the analysis worker's script and the first city's data load while React builds the page
analysisWorker();
// and MapLibre's worker, which the map would otherwise start only once React has built the page
prewarmMap();
void prefetchFirstCity().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("#root missing");
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
});
