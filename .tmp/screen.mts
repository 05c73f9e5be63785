import { readFileSync } from "node:fs";
import { analyze, RuleSetSchema } from "../src/core/index.ts";
for (const city of ["nanyang", "pingdingshan", "nangong", "yichun"]) {
  const counties = JSON.parse(readFileSync(`geodata/counties-${city}.geojson`, "utf8"));
  const divisions = JSON.parse(readFileSync(`geodata/divisions-${city}.json`, "utf8"));
  const sc = JSON.parse(readFileSync(`geodata/scenario-${city}.geojson`, "utf8"));
  const facilities = sc.features.map((f: any) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
  const ruleSet = RuleSetSchema.parse(JSON.parse(readFileSync(`seeds/ruleset-${city}.json`, "utf8")));
  const t = performance.now();
  const r = analyze({ counties, facilities, ruleSet, divisions });
  const ms = performance.now() - t;
  const st = new Map<string, Map<string, number>>();
  for (const c of r.counties) for (const k of c.checks) { const m = st.get(k.rule) ?? new Map(); m.set(k.status, (m.get(k.status) ?? 0) + 1); st.set(k.rule, m); }
  console.log(`== ${city} (${ms.toFixed(0)} ms) judged ${r.scope.judged.length} context ${r.scope.context.length}`);
  for (const [rule, m] of st) console.log("  ", rule, [...m].map(([s, n]) => `${s}:${n}`).join(" "));
  console.log("   city:", r.city?.checks.map((k) => `${k.rule}:${k.status}`).join(" "));
  const ex = r.counties.find((c) => c.inScope)?.checks.filter((k) => k.status === "fail").slice(0, 4).map((k) => `${k.rule}: ${k.message.zh}`);
  console.log("   e.g.", ex);
}
