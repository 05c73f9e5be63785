declare module "shpjs" {
  import type { FeatureCollection } from "geojson";
  /** Parses .shp bytes; `prj` is WKT (reprojected to WGS84 via proj4) or undefined. */
  export function parseShp(
    shp: ArrayBuffer | Uint8Array | DataView,
    prj?: string,
  ): Array<import("geojson").Geometry | null>;
  /** Parses .dbf bytes; `cpg` is the encoding label. */
  export function parseDbf(dbf: ArrayBuffer | Uint8Array | DataView, cpg?: string): Array<Record<string, unknown>>;
  export function combine(parts: [unknown[], unknown[]?]): FeatureCollection;
  const getShapefile: (input: unknown) => Promise<FeatureCollection | FeatureCollection[]>;
  export default getShapefile;
}
