import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Facility } from "../../src/core/model";
import { nanyangInputs } from "../core/report/nanyang";
import { cli, readJson, workDir } from "./run";

// The reviewer trial: 镇平县's list had 「彭营镇卫生院」, 所属乡镇 彭营镇, on row 23 with empty 经度/纬度. The row was refused
// (rejected.csv) and THC-PER-TOWNSHIP read 「彭营镇：无乡镇卫生院…」 as an error, with no word of the row. The command
// line reads the refused row as the app does: the township is for review, naming the row.
const work = workDir("cli-rejected-rows-");
const PENGYING = "411324115";

function zhenpingCsv(): string {
  const own = nanyangInputs().facilities.filter((f: Facility) => f.county === "411324");
  const centre = own.find((f) => f.id === "nanyang-thc-411324115") as Facility;
  const others = own.filter((f) => f !== centre);
  const line = (f: Facility, lonLat = true) =>
    [
      f.id,
      f.name,
      f.type,
      lonLat ? f.lon : "",
      lonLat ? f.lat : "",
      f.county,
      f.township ?? "",
      f.village ?? "",
      f.ownership ?? "",
    ].join(",");
  // row 1 the header, so the 22nd data row is row 23; the refused row names its township by name, as the trial's did
  const rows = [...others.slice(0, 21).map((f) => line(f)), `${line({ ...centre, township: "彭营镇" }, false)}`];
  for (const f of others.slice(21)) rows.push(line(f));
  return ["id,name,type,lon,lat,county,township,village,ownership", ...rows].join("\n");
}

describe("analyze: a township whose health centre's row was refused for its coordinates", () => {
  it("is for review, naming row 23, in violations.geojson and report.json", async () => {
    const file = join(work, "镇平县.csv");
    writeFileSync(file, zhenpingCsv());
    const out = join(work, "out");
    const r = await cli("analyze", "--facilities", file, "--out", out);
    expect(r.code).toBe(3); // done, with a refused row
    expect(r.err).toContain("23");
    const v = readJson(join(out, "violations.geojson"));
    const row = v.features.find(
      (f: { properties: { rule: string; unitCode?: string } }) =>
        f.properties.rule === "THC-PER-TOWNSHIP" && f.properties.unitCode === PENGYING,
    );
    expect(row.properties.severity).toBe("review");
    expect(row.properties.messageZh).toBe(
      "彭营镇：清单第 23 行“彭营镇卫生院”因缺坐标被拒收，未计入；请补坐标后重新导入",
    );
    expect(row.properties.messageEn).toContain('row 23 ("彭营镇卫生院")');
    const report = readJson(join(out, "report.json"));
    const check = report.counties
      .find((c: { code: string }) => c.code === "411324")
      .checks.find((c: { rule: string }) => c.rule === "THC-PER-TOWNSHIP");
    expect(check.status).toBe("review");
  });
});
