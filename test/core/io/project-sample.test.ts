import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Facility, parseProject, sampleChangedIssue, sampleDigest, serializeProject } from "../../../src/core";

/**
 * A project worked on the city's shipped sample records which sample (its size and digest): a build whose sample
 * differs says so when the project is opened (the reviewer trial, s55b L5: 「facilities: []」, nothing more).
 */
const sample = (
  JSON.parse(readFileSync("geodata/scenario-yichun.geojson", "utf8")) as {
    features: Array<{
      properties: { id: string; type: Facility["type"] };
      geometry: { coordinates: [number, number] };
    }>;
  }
).features.map((f) => ({
  id: f.properties.id,
  type: f.properties.type,
  lon: f.geometry.coordinates[0],
  lat: f.geometry.coordinates[1],
}));

describe("a project of the city's sample", () => {
  it("the digest is the list's, in any order; a moved, retyped or added facility changes it", () => {
    const d = sampleDigest(sample);
    expect(d).toMatch(/^[0-9a-f]{8}$/);
    expect(sampleDigest([...sample].reverse())).toBe(d);
    const moved = sample.map((f, i) => (i === 3 ? { ...f, lon: f.lon + 1e-5 } : f));
    expect(sampleDigest(moved)).not.toBe(d);
    expect(sampleDigest(sample.map((f, i) => (i === 3 ? { ...f, type: "thc" as const } : f)))).not.toBe(d);
    expect(sampleDigest([...sample, { id: "x", type: "thc", lon: 115, lat: 28 }])).not.toBe(d);
  });

  it("says nothing where the sample is the one saved, and warns, with both counts, where it differs", () => {
    const text = serializeProject({
      city: "yichun",
      ruleSetId: "",
      params: {},
      facilities: [],
      proposed: [],
      sample: { count: sample.length, digest: sampleDigest(sample) },
    });
    const parsed = parseProject(text, "p.hfp.json");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.project.sample).toEqual({ count: sample.length, digest: sampleDigest(sample) });
    expect(sampleChangedIssue(parsed.project, sample, "宜春市", "p.hfp.json")).toBeUndefined();
    const other = sample.slice(1);
    const issue = sampleChangedIssue(parsed.project, other, "宜春市", "p.hfp.json");
    expect(issue?.code).toBe("sample-changed");
    expect(issue?.message.zh).toBe(
      `项目基于宜春市的示例数据（保存时 ${sample.length} 个设施），本程序所带的示例数据已不同（${other.length} 个设施）：核查结论可能与保存时不同`,
    );
    // a project with its own list, or one saved before the member: nothing to compare
    expect(
      sampleChangedIssue({ ...parsed.project, facilities: [other[0] as Facility] }, other, "宜春市", "p"),
    ).toBeUndefined();
    expect(sampleChangedIssue({ facilities: [] }, other, "宜春市", "p")).toBeUndefined();
  });
});
