import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { CountyGrid } from "../coverage/types";
import type { LonLatBbox } from "../io/roads";
import type { RowIssue } from "../io/types";
import { computeTravelTime, moveSite, type TravelTimeField } from "../travel/field";
import { buildRoadNetwork } from "../travel/network";
import type { SpeedTable } from "../travel/speeds";
import {
  type IsochroneProps,
  isochroneBands,
  type TravelTimeSummary,
  travelGapPolygons,
  travelTimeSummary,
} from "../travel/summary";
import type { Road, RoadNetwork, TravelSite } from "../travel/types";
import type { RuleId } from "./schema";
import type { GapFeature, PopulationCover } from "./types";

/** Roads for the travel-time rules, with the speeds to drive them (default table and off-road speed when absent). */
export interface RoadInput {
  roads: Road[];
  speeds?: SpeedTable;
  /** Off-road speed, km/h; overrides `speeds.offroadKmh`. */
  offroadKmh?: number;
}

/**
 * How far (km) around a county's grid its road network reaches; with `crossBorder`, EMS points of other counties
 * within this distance of the county's bounding box count for its travel times (the roads they would use are read
 * that far, no farther).
 */
export const TRAVEL_MARGIN_KM = 10;

/**
 * The counties' WGS84 box widened by {@link TRAVEL_MARGIN_KM}: roads and raster pixels outside it are not read (the
 * margin in degrees is generous in longitude, taken at the box's edge nearest a pole).
 */
export function travelBox(counties: FeatureCollection<Polygon | MultiPolygon>): LonLatBbox {
  const b: LonLatBbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of counties.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys)
      for (const [x, y] of p[0]) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
  }
  const dLat = TRAVEL_MARGIN_KM / 110.5;
  const maxLat = Math.min(89, Math.max(Math.abs(b[1]), Math.abs(b[3])) + dLat);
  const dLon = TRAVEL_MARGIN_KM / (111.32 * Math.cos((maxLat * Math.PI) / 180));
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

/** More sites moved at once than this are computed afresh rather than repaired one by one. */
const MAX_REPAIRS = 4;

/** A county grid's road network with the roads it left out and how many it used. */
export type BuiltNetwork = { network: RoadNetwork; issues: RowIssue[]; roadsUsed: number };

/**
 * Road networks built per road input and grid, shared by the sessions that score the same counties with the same
 * roads (the worker's current and before/after baseline sessions): a network depends only on the roads, the speeds
 * and the grid, and is never changed once built. Dropped with the road input.
 */
const NETWORKS = new WeakMap<RoadInput, Map<string, BuiltNetwork>>();

/**
 * The road network of a county's grid, as the travel-time checks build it (roads within {@link TRAVEL_MARGIN_KM} of
 * the county, the speeds of `roads`), built once per road input and grid: the checks and the verification of a
 * travel-time siting (siting/verify-travel.ts) share it. `fresh` when this call built it.
 */
export function sharedNetwork(grid: CountyGrid, roads: RoadInput): { built: BuiltNetwork; fresh: boolean } {
  let byGrid = NETWORKS.get(roads);
  if (!byGrid) {
    byGrid = new Map();
    NETWORKS.set(roads, byGrid);
  }
  const key = gridKey(grid);
  const had = byGrid.get(key);
  if (had) return { built: had, fresh: false };
  const built = buildRoadNetwork(grid, roads.roads, {
    ...(roads.speeds ? { speeds: roads.speeds } : {}),
    ...(roads.offroadKmh !== undefined ? { offroadKmh: roads.offroadKmh } : {}),
    marginM: TRAVEL_MARGIN_KM * 1000,
  });
  byGrid.set(key, built);
  return { built, fresh: true };
}

/** What a grid's network depends on: its county, projection, cell size and extent. */
function gridKey(g: CountyGrid): string {
  return [g.code, g.projection.def, g.cellSizeM, g.width, g.height, g.originX, g.originY].join("|");
}

/** An isochrone band of one county and rule, as a map layer. */
export type IsochroneFeature = Feature<MultiPolygon, IsochroneProps & { rule: RuleId }>;

/** A travel-time rule's figures in one county: the summary, the places beyond the limit, the sites used. */
export interface TravelResult {
  summary: TravelTimeSummary;
  gaps: GapFeature[];
  /** EMS points the times are measured from. */
  sites: number;
  /** Roads with a segment near the county. */
  roadsUsed: number;
}

interface FieldState {
  field: TravelTimeField;
  index: Map<string, number>;
}

/** What a {@link CountyTravel} has done (for tests and diagnostics). */
export interface TravelWork {
  builds: number;
  computes: number;
  moves: number;
}

/**
 * The travel-time bookkeeping of one county: the road network on its grid (built once per grid and road input) and
 * one travel-time field per rule. A field is repaired in place by {@link moveSite} when only a few of its sites moved
 * (a drag), and computed afresh when the set of sites changed.
 */
export class CountyTravel {
  private net: { network: RoadNetwork; grid: CountyGrid; roads: RoadInput; roadsUsed: number } | null = null;
  private readonly fields = new Map<string, FieldState>();
  /** Roads left out of this county's network (no usable speed), by file, feature and field. */
  issues: RowIssue[] = [];
  readonly work: TravelWork = { builds: 0, computes: 0, moves: 0 };
  /** Isochrone bands last drawn; the fields scored since (with their rule and limit) to draw them from. */
  isochrones: IsochroneFeature[] = [];
  private isoStale = false;
  private isoSources: Array<{ field: TravelTimeField; rule: RuleId; limit: number }> = [];

  /** The county is being scored again: the bands are to be drawn from the fields its rules now give. */
  beginScore(): void {
    this.isoSources = [];
    this.isoStale = true;
  }

  /** Draws the bands again when the county was scored since they were last drawn. */
  drawIsochrones(grid: CountyGrid): void {
    if (!this.isoStale) return;
    this.isochrones = this.isoSources.flatMap((i) => travelIsochrones(grid, i.field, i.rule, i.limit));
    this.isoStale = false;
  }

  /** Forgets the network and fields (new roads or speeds). */
  reset(): void {
    this.net = null;
    this.fields.clear();
    this.issues = [];
    this.isochrones = [];
    this.isoSources = [];
  }

  private network(grid: CountyGrid, roads: RoadInput): { network: RoadNetwork; roadsUsed: number } {
    if (this.net && this.net.grid === grid && this.net.roads === roads) return this.net;
    this.fields.clear();
    const { built, fresh } = sharedNetwork(grid, roads);
    if (fresh) this.work.builds++;
    this.issues = built.issues;
    this.net = { network: built.network, grid, roads, roadsUsed: built.roadsUsed };
    return this.net;
  }

  /** The field of rule `key` from these sites, repaired when only positions changed since the last call. */
  field(grid: CountyGrid, roads: RoadInput, key: string, sites: ReadonlyArray<TravelSite>): TravelTimeField {
    const { network } = this.network(grid, roads);
    const st = this.fields.get(key);
    if (st && st.field.network === network && st.index.size === sites.length) {
      const moved: Array<{ index: number; site: TravelSite }> = [];
      let same = true;
      for (const s of sites) {
        const index = st.index.get(s.id);
        if (index === undefined) {
          same = false;
          break;
        }
        const old = st.field.sites[index];
        if (old.lon !== s.lon || old.lat !== s.lat) moved.push({ index, site: s });
      }
      if (same && moved.length <= MAX_REPAIRS) {
        for (const m of moved) {
          moveSite(st.field, m.index, m.site.lon, m.site.lat, { mutate: true });
          this.work.moves++;
        }
        return st.field;
      }
    }
    const field = computeTravelTime(network, sites);
    this.work.computes++;
    this.fields.set(key, { field, index: new Map(sites.map((s, i) => [s.id, i])) });
    return field;
  }

  /**
   * A travel-time rule's figures: mean minutes and share within `limitMinutes` over area, or over `population` (one
   * value per grid cell) when given; the places beyond the limit as gaps, each with its people.
   */
  result(
    grid: CountyGrid,
    roads: RoadInput,
    rule: RuleId,
    sites: ReadonlyArray<TravelSite>,
    limitMinutes: number,
    population?: ArrayLike<number>,
  ): TravelResult {
    const field = this.field(grid, roads, rule, sites);
    const roadsUsed = this.net?.roadsUsed ?? 0;
    // no usable road near the county: the rule needs data, and draws no bands of a walk across it
    if (roadsUsed > 0) this.isoSources.push({ field, rule, limit: limitMinutes });
    const summary = travelTimeSummary(grid, field.minutes, { limitMinutes, ...(population ? { population } : {}) });
    const gaps: GapFeature[] =
      roadsUsed > 0 && summary.beyondKm2 > 0
        ? travelGapPolygons(grid, field.minutes, limitMinutes, population ? { weight: population } : undefined).map(
            (g) => ({
              ...g,
              properties: { ...g.properties, gapId: `${rule}-${g.properties.gapId}`, rule, limitMinutes },
            }),
          )
        : [];
    return { summary, gaps, sites: sites.length, roadsUsed };
  }
}

/** Isochrone bands of a field at a third, two thirds and all of the limit (10, 20 and 30 minutes for EMS-TIME). */
export function travelIsochrones(grid: CountyGrid, field: TravelTimeField, rule: RuleId, limitMinutes: number) {
  const breaks = [limitMinutes / 3, (2 * limitMinutes) / 3, limitMinutes];
  return isochroneBands(grid, field.minutes, breaks).map(
    (f): IsochroneFeature => ({ ...f, properties: { ...f.properties, rule } }),
  );
}

/** People covered from population sums (null: no population raster). */
export function populationCover(p: { total: number; covered: number } | null): PopulationCover | undefined {
  if (!p) return undefined;
  return {
    total: p.total,
    covered: p.covered,
    uncovered: Math.max(0, p.total - p.covered),
    coveredShare: p.total > 0 ? p.covered / p.total : 0,
  };
}
