// The cost of drawing the gap polygons for export (a radius gap's exact outline: its county part less the discs;
// a travel-time gap's cells cut to its county), on the Nanyang sample:
// `npx tsx scripts/bench-gap-clip.ts`. Times gapFeaturesForExport (the outlines, areas and attributes) cold and warm, at
// the default radii and with the rural EMS radius at 10 km (many more gaps), beside the analysis itself.
import { analyze, gapFeaturesForExport } from "../src/core";
import { nanyangInputs } from "../test/core/report/nanyang";

const { ruleSet, counties, divisions, facilities } = nanyangInputs();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [label, params] of [
  ["default radii (urban 5 km, rural 20 km)", {}],
  ["rural radius 10 km", { ruralRadiusKm: 10 }],
] as const) {
  let t = performance.now();
  const report = analyze({ ruleSet, counties, divisions, facilities, params });
  const analyseMs = performance.now() - t;
  const runs: number[] = [];
  let out: ReturnType<typeof gapFeaturesForExport> = [];
  for (let i = 0; i < 11; i++) {
    t = performance.now();
    out = gapFeaturesForExport({ report, counties: counties.features, ruleSet });
    runs.push(performance.now() - t);
  }
  const vertices = report.gaps.reduce((s, g) => s + g.geometry.coordinates.reduce((a, r) => a + r.length, 0), 0);
  console.log(
    `${label}: ${report.gaps.length} gaps (${vertices} vertices), ${out.length} exported; analysis ${analyseMs.toFixed(0)} ms; ` +
      `export cold ${runs[0].toFixed(1)} ms, warm median ${median(runs.slice(1)).toFixed(1)} ms (min ${Math.min(...runs.slice(1)).toFixed(1)}, max ${Math.max(...runs.slice(1)).toFixed(1)})`,
  );
}
