import { seededRandom as rng } from "../../../scripts/lib/rng";
import type { CountyGrid } from "../../../src/core/coverage";
import type { Road, TravelSite } from "../../../src/core/travel";

/** Seeded uniform generator in [0, 1) (mulberry32), the scripts' own. */
export { rng };

const CLASSES = ["国道", "省道", "县道", "乡道", "村道"];

/**
 * A synthetic road network over a grid's rectangle: a jittered lattice of roads `spacingM` apart, each
 * lattice line one road split into segments at every crossing (crossings are shared vertices), classes
 * from 国道 on every 12th line to 村道, in WGS84. About 2·(side / spacing)² segments.
 */
export function latticeRoads(grid: CountyGrid, spacingM: number, seed = 1, file = "synthetic.geojson"): Road[] {
  const r = rng(seed);
  const w = grid.width * grid.cellSizeM;
  const h = grid.height * grid.cellSizeM;
  const nx = Math.max(2, Math.round(w / spacingM) + 1);
  const ny = Math.max(2, Math.round(h / spacingM) + 1);
  const px = new Float64Array(nx * ny);
  const py = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      px[j * nx + i] = grid.originX + (i / (nx - 1)) * w + (r() - 0.5) * spacingM * 0.4;
      py[j * nx + i] = grid.originY + (j / (ny - 1)) * h + (r() - 0.5) * spacingM * 0.4;
    }
  const roads: Road[] = [];
  const cls = (line: number) =>
    CLASSES[line % 12 === 0 ? 0 : line % 6 === 0 ? 1 : line % 3 === 0 ? 2 : line % 2 === 0 ? 3 : 4];
  const line = (ids: number[], roadClass: string) => {
    const coords = new Float64Array(ids.length * 2);
    ids.forEach((id, k) => {
      const [lon, lat] = grid.projection.inverse(px[id], py[id]);
      coords[2 * k] = lon;
      coords[2 * k + 1] = lat;
    });
    roads.push({ coords, roadClass, ref: { file, feature: roads.length + 1 } });
  };
  for (let j = 0; j < ny; j++)
    line(
      Array.from({ length: nx }, (_, i) => j * nx + i),
      cls(j),
    );
  for (let i = 0; i < nx; i++)
    line(
      Array.from({ length: ny }, (_, j) => j * nx + i),
      cls(i),
    );
  return roads;
}

/** `n` sites at random inside cells of the county (seeded). */
export function randomSites(grid: CountyGrid, n: number, seed = 2): TravelSite[] {
  const r = rng(seed);
  const out: TravelSite[] = [];
  while (out.length < n) {
    const i = Math.floor(r() * grid.width);
    const j = Math.floor(r() * grid.height);
    if (!grid.inside[j * grid.width + i]) continue;
    const [lon, lat] = grid.projection.inverse(
      grid.originX + (i + r()) * grid.cellSizeM,
      grid.originY + (j + r()) * grid.cellSizeM,
    );
    out.push({ id: `s${out.length + 1}`, lon, lat });
  }
  return out;
}
