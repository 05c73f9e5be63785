import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { markOnce } from "./perf";
import { analysisWorker } from "./state/analysis-client";
import { prefetchFirstCity } from "./state/use-city";
import "./styles.css";

markOnce("entry"); // the first chunk is parsed and runs
// the analysis worker's script and the first city's data load while React builds the page
analysisWorker();
void prefetchFirstCity().then(() => {
  const root = document.getElementById("root");
  if (!root) throw new Error("#root missing");
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
