import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { analysisWorker } from "./state/analysis-client";
import { prefetchFirstCity } from "./state/use-city";
import "./styles.css";

// the first city's data and the analysis worker's script load while React builds the page
prefetchFirstCity();
analysisWorker();

const root = document.getElementById("root");
if (!root) throw new Error("#root missing");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
