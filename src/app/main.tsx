import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Root } from "./App";
import { prewarmMap } from "./map/controller";
import { markOnce } from "./perf";
import { analysisWorker } from "./state/analysis-client";
import { whenPendingKept } from "./state/pending-store";
import { whenSaved } from "./state/store";
import { whenSuggestionKept } from "./state/suggest-store";
import { prefetchFirstCity } from "./state/use-city";
import "./styles.css";

markOnce("entry"); // the first chunk is parsed and runs
// for tests: resolves when the session's changes so far, and the pending import's, are in IndexedDB
window.__hfpWhenSaved = () => Promise.all([whenSaved(), whenPendingKept(), whenSuggestionKept()]).then(() => undefined);
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
