import { describe, expect, it } from "vitest";
import { PROJECT_EMBED_MAX_BYTES, parseProject, serializeProject } from "../../../src/core";

const base = {
  city: "nanyang",
  ruleSetId: "",
  params: {},
  facilities: [],
  proposed: [{ id: "P1", name: "新急救站", type: "ems-station" as const, lon: 111.4, lat: 33.3, proposed: true }],
  population: [],
};

describe("a project file records the roads, the population raster and the speeds (the trial: a colleague got 「? –」)", () => {
  it("names, sizes, the road CRS, embedded bytes and edited speeds come back as written", () => {
    const travel = {
      roads: { fileName: "roads.geojson", size: 12, crs: "EPSG:4547", data: "eyJ0eXBlIjoiRkMifQ==" },
      raster: { fileName: "pop.tif", size: 40_000_000 },
      speeds: { classes: { 县道: 45, 高速公路: 100 }, offroadKmh: 5 },
    };
    const text = serializeProject({ ...base, travel });
    expect(JSON.parse(text).travel).toEqual(travel);
    const r = parseProject(text, "p.hfp.json");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.project.travel).toEqual(travel);
    expect(r.project.proposed).toHaveLength(1);
  });

  it("a project without them (every file written before) opens as before", () => {
    const r = parseProject(serializeProject(base));
    expect(r.ok && r.project.travel).toBeUndefined();
  });

  it("a speed out of range, a file without a name or bytes that are not base64 refuse the file, naming the path", () => {
    for (const [travel, field] of [
      [{ speeds: { classes: { 县道: 900 }, offroadKmh: 5 } }, "travel.speeds.classes.县道"],
      [{ roads: { fileName: "" } }, "travel.roads.fileName"],
      [{ raster: { fileName: "pop.tif", data: "not base64!" } }, "travel.raster.data"],
    ] as const) {
      const r = parseProject(JSON.stringify({ ...JSON.parse(serializeProject(base)), travel }));
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
    }
  });

  it("embeds at most 5 MiB", () => {
    expect(PROJECT_EMBED_MAX_BYTES).toBe(5 * 1024 * 1024);
    const big = "A".repeat(Math.ceil(PROJECT_EMBED_MAX_BYTES / 3) * 4 + 4);
    const r = parseProject(
      JSON.stringify({
        ...JSON.parse(serializeProject(base)),
        travel: { roads: { fileName: "r.geojson", data: big } },
      }),
    );
    expect(r.ok).toBe(false);
  });
});
