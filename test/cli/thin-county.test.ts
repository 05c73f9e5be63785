import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { type CountyProps, polygonInteriorPoint } from "../../src/core";
import { cli, ROOT, workDir } from "./run";

/** `analyze` and `report` say the one row a list has in a county it is otherwise not about (the user trial, s54 M1). */
const nanyang = JSON.parse(readFileSync(join(ROOT, "geodata/counties-nanyang.geojson"), "utf8")) as FeatureCollection<
  Polygon | MultiPolygon,
  CountyProps
>;
const inside = (code: string) => {
  const f = nanyang.features.find((c) => c.properties.code === code);
  const g = f?.geometry as Polygon | MultiPolygon;
  return polygonInteriorPoint(g.type === "Polygon" ? g : { type: "Polygon", coordinates: g.coordinates[0] }).point;
};

describe("a county the list holds one row of, on the command line", () => {
  it("is said on its row by analyze and report alike", async () => {
    const [xlon, xlat] = inside("411323");
    const [zlon, zlat] = inside("411324");
    const rows = ["名称,类型,经度,纬度"];
    for (let k = 1; k <= 12; k++)
      rows.push(`西峡村卫生室${k},村卫生室,${xlon.toFixed(5)},${(xlat + k * 0.002).toFixed(5)}`);
    rows.push(`镇平某卫生院,乡镇卫生院,${zlon.toFixed(5)},${zlat.toFixed(5)}`);
    const work = workDir("thin-county-");
    const file = join(work, "xixia.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    const line = "“镇平某卫生院”位于镇平县，清单在镇平县只有 1 行（其余 12 行在西峡县）";
    const a = await cli("analyze", "--facilities", file, "--out", join(work, "a"));
    expect(a.code, a.err).toBe(0);
    expect(`${a.out}${a.err}`).toContain(line);
    expect(readFileSync(join(work, "a", "rejected.csv"), "utf8")).toContain(
      "xixia.csv,14,lon/lat,镇平某卫生院,warning,county-few-rows",
    );
    const r = await cli("report", "--facilities", file, "--county", "411324", "--out", join(work, "r"));
    expect(`${r.out}${r.err}`).toContain(line);
  });
});
