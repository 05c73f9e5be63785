import type { CountyGrid } from "../coverage";

/** Where a road came from: the file, the 1-based feature number and, for OpenStreetMap, the way id. */
export interface RoadRef {
  file: string;
  feature: number;
  osmId?: number;
}

/** One road line as read from a file, in WGS84. */
export interface Road {
  /** Vertices as interleaved WGS84 longitude, latitude (degrees): [lon0, lat0, lon1, lat1, …]. */
  coords: Float64Array;
  /** Road class as written in the file (e.g. "县道", "primary"); looked up in the speed table. */
  roadClass?: string;
  /** The feature's own speed (km/h); overrides the table. */
  speedKmh?: number;
  ref: RoadRef;
}

/** An EMS site (or candidate) as a travel-time source. */
export interface TravelSite {
  id: string;
  lon: number;
  lat: number;
}

/**
 * A road network projected onto one county grid's plane, ready for searches. Immutable once built.
 * Nodes are road vertices (vertices closer than the snap tolerance are one node); an edge joins two
 * consecutive vertices of a road. Coordinates are the grid's projected metres.
 */
export interface RoadNetwork {
  grid: CountyGrid;
  offroadKmh: number;
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** Adjacency in compressed rows: node u's incident edges are adjEdge[adjStart[u] .. adjStart[u+1]). */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeLengthM: Float64Array;
  /** Minutes to drive the whole edge. */
  edgeMinutes: Float64Array;
  /** Unit vector from edgeA to edgeB (0, 0 for a zero-length edge). */
  edgeUx: Float64Array;
  edgeUy: Float64Array;
  /** tan θ of the best off-road departure angle (sin θ = v_off / v_road); -1 when the road is not faster than off-road. */
  edgeTan: Float64Array;
  /** Departure samples along each edge (where off-road legs are seeded): edge e owns sampleStart[e] .. sampleStart[e+1]. */
  sampleStart: Int32Array;
  sampleX: Float64Array;
  sampleY: Float64Array;
  /** Spacing of samples along edges, metres (at most this). */
  sampleSpacingM: number;
  /**
   * Cells each edge is offered to: the 3 × 3 cells around each of its samples (clamped to the grid), each once;
   * edge e owns edgeCells[edgeCellStart[e] .. edgeCellStart[e+1]).
   */
  edgeCellStart: Int32Array;
  edgeCells: Int32Array;
  /** The inverse: cell k is offered the edges cellEdges[cellEdgeStart[k] .. cellEdgeStart[k+1]). */
  cellEdgeStart: Int32Array;
  cellEdges: Int32Array;
  /** Edge index (flatbush) for snapping sites onto the network. */
  edgeIndex: { search(minX: number, minY: number, maxX: number, maxY: number): number[] } & {
    neighbors(x: number, y: number, maxResults?: number): number[];
  };
}
