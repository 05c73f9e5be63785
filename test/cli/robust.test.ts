import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutputSet } from "../../src/cli/output";
import { fromWgs84 } from "../../src/core";
import { cli } from "./run";

const root = resolve(import.meta.dirname, "../..");
const boundaries = join(root, "test/fixtures/rules/two-counties.geojson");
const work = mkdtempSync(join(tmpdir(), "cli-robust-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A CSV of n EMS stations inside 甲县 (990001), with `bad` rows (every k-th) given the latitude "x". */
function stations(n: number, badEvery = 0): string {
  const lines = ["id,name,type,lon,lat,county"];
  for (let i = 0; i < n; i++)
    lines.push(
      `S${i},急救站${i},ems-station,${(112.05 + (i % 400) * 0.001).toFixed(3)},${badEvery && i % badEvery === 0 ? "x" : "33.0"},990001`,
    );
  return `${lines.join("\n")}\n`;
}

function file(name: string, text: string | Uint8Array): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

describe("cli analyze: every broken input gets a clear answer", () => {
  it("a Shapefile's .prj is honoured unless --crs is given, and the CRS used is said", async () => {
    const zip = join(root, "test/fixtures/io/facilities-gk4546.zip");
    const r = await cli("analyze", "--facilities", zip, "--out", join(work, "gk"));
    expect(r.err).not.toContain("out of range");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/EPSG:4546.*\.prj/);
    // read as degrees, no row is usable: exit 2, and the whole-file hint names the .prj's projection
    const forced = await cli("analyze", "--facilities", zip, "--crs", "wgs84", "--out", join(work, "gk-wgs"));
    expect(forced.code).toBe(2);
    expect(forced.err).toContain("的坐标似为投影坐标（米），而指定按 wgs84 读取：按 EPSG:4546");
  });

  it("a workbook whose first sheet is notes: the run stops naming the sheets that hold rows and --sheet, which reads them (the bad-files trial, s56b M3)", async () => {
    const book = join(root, "test/fixtures/io/notes-sheet-first.xlsx");
    const r = await cli("analyze", "--facilities", book, "--city", "nanyang", "--out", join(work, "notes-first"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "工作簿有 3 个工作表，只读取了「填表说明」；未读取：「医疗机构」（约 20 行）、「急救站」（约 3 行）",
    );
    expect(r.err).toContain("命令行用 --sheet 选择工作表");
    // the missing columns' advice points to the sheets, not to renaming a column (the re-check, s56c)
    expect(r.err).toContain(
      "找不到经度列和纬度列，该行未导入：数据似在其他工作表（医疗机构、急救站）：请在导入时选择“工作表”（命令行加 --sheet 医疗机构）",
    );
    expect(r.err).not.toContain("把该列改名");
    const sheet = await cli(
      "analyze",
      "--facilities",
      book,
      "--sheet",
      "医疗机构",
      "--city",
      "nanyang",
      "--out",
      join(work, "notes-first-sheet"),
    );
    expect(sheet.code).toBe(0);
    expect(sheet.out).toContain("设施 20 条已分析");
    // a sheet chosen by its number is named by its name (the re-check, s56c N3: 「…xlsx（3）」)
    const byNumber = await cli(
      "analyze",
      "--facilities",
      book,
      "--sheet",
      "2",
      "--city",
      "nanyang",
      "--out",
      join(work, "notes-first-2"),
    );
    expect(byNumber.code).toBe(0);
    expect(`${byNumber.out}${byNumber.err}`).toContain("notes-sheet-first.xlsx（医疗机构）");
    expect(`${byNumber.out}${byNumber.err}`).not.toContain("xlsx（2）");
  });

  it("a list of one county run for its city says the others are judged as having none (the GIS trial, s40-b #13)", async () => {
    const csv = file(
      "zhenping.csv",
      "名称,类型,经度,纬度,所属县区\n镇平县急救站,急救站,112.24,33.03,411324\n侯集镇卫生院,乡镇卫生院,112.12,33.11,411324\n",
    );
    const r = await cli("analyze", "--facilities", csv, "--city", "nanyang", "--out", join(work, "zp"));
    expect(`${r.out}${r.err}`).toContain("清单中的设施只在 1 个县区（镇平县）；其余 12 个县区没有任何设施");
    const rejected = readFileSync(join(work, "zp", "rejected.csv"), "utf8");
    expect(rejected).toContain("counties-without-facilities");
  });

  it("a note is printed as a note, not a warning: a county 报表's title rows and 合计 row (the re-trial)", async () => {
    const r = await cli(
      "analyze",
      "--facilities",
      join(root, "test/fixtures/io/title-two-rows.xlsx"),
      "--city",
      "yichun",
      "--out",
      join(work, "title2"),
    );
    expect(r.code).toBe(0);
    const out = `${r.out}${r.err}`;
    expect(out).toMatch(/说明 note: title-two-rows\.xlsx: 整个文件 whole file.*第 1–2 行是标题/);
    expect(out).toMatch(/说明 note: .*是合计行/);
    expect(out).not.toMatch(/警告 warning: [^\n]*\[说明 note\]/);
  });

  it("a Xian 1980 .prj is named on the CRS line, not 「wgs84（默认）」 (the GIS trial, s40-b #5)", async () => {
    const r = await cli(
      "analyze",
      "--facilities",
      join(root, "test/fixtures/io/facilities-xian80-gk111.zip"),
      "--out",
      join(work, "x80"),
    );
    expect(r.out).toContain("坐标系 CRS Xian_1980_3_Degree_GK_CM_111E（来自文件的 .prj");
    expect(r.out).not.toContain("wgs84（默认");
    expect(`${r.out}${r.err}`).toContain("未做基准转换");
  });

  it("a Shapefile is read from its loose files, named by its .shp or any part, as from its zip (the GIS trial)", async () => {
    const dir = join(work, "loose");
    mkdirSync(dir, { recursive: true });
    const names: string[] = [];
    for (const [n, bytes] of Object.entries(
      unzipSync(readFileSync(join(root, "test/fixtures/io/facilities-gk4546.zip"))),
    )) {
      const base = n.split("/").pop()!;
      writeFileSync(join(dir, base), bytes);
      names.push(base);
    }
    writeFileSync(join(dir, "unrelated.csv"), "id,name\n");
    const shp = names.find((n) => n.endsWith(".shp"))!;
    const dbf = names.find((n) => n.endsWith(".dbf"))!;
    const zipped = await cli(
      "analyze",
      "--facilities",
      join(root, "test/fixtures/io/facilities-gk4546.zip"),
      "--out",
      join(work, "z"),
    );
    const fromShp = await cli("analyze", "--facilities", join(dir, shp), "--out", join(work, "l1"));
    const fromDbf = await cli("analyze", "--facilities", join(dir, dbf), "--out", join(work, "l2"));
    const count = (out: string) => JSON.parse(readFileSync(join(out, "facilities.geojson"), "utf8")).features.length;
    expect(zipped.code).toBe(0);
    expect(fromShp.code).toBe(0);
    expect(fromDbf.code).toBe(0);
    expect(fromShp.out).toMatch(/EPSG:4546.*\.prj/);
    expect(count(join(work, "l1"))).toBe(count(join(work, "z")));
    expect(count(join(work, "l2"))).toBe(count(join(work, "z")));
    // the set without its .dbf: refused, the missing file named
    rmSync(join(dir, dbf));
    const noDbf = await cli("analyze", "--facilities", join(dir, shp), "--out", join(work, "l3"));
    expect(noDbf.code).not.toBe(0);
    expect(noDbf.err).toContain(`缺少同名的 .dbf 属性表（${dbf.replace(/\.dbf$/, "")}.dbf）`);
  });

  it("--crs takes a projection by EPSG code, for a table in Gauss–Krüger metres (the GIS trial: only wgs84, gcj02, bd09)", async () => {
    const rows = [0, 1, 2].map((i) => {
      const [x, y] = fromWgs84(112.05 + i * 0.01, 33.0, "EPSG:4546");
      return `M${i},急救站M${i},ems-station,${x.toFixed(2)},${y.toFixed(2)},990001`;
    });
    const csv = file("metres.csv", `id,name,type,lon,lat,county\n${rows.join("\n")}\n`);
    const r = await cli(
      "analyze",
      "--facilities",
      csv,
      "--boundaries",
      boundaries,
      "--crs",
      "EPSG:4546",
      "--out",
      join(work, "metres"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("3 facilities analysed, 0 rows rejected");
    expect(r.out).toMatch(/EPSG:4546.*--crs/);
  });

  it("200,000 bad rows and a good one: exit 3, a short screen summary, the full list in DIR/rejected.csv", async () => {
    const csv = file("many-bad.csv", `${stations(200_000, 1)}G1,急救站G1,ems-station,112.05,33.0,990001\n`);
    const out = join(work, "many");
    const r = await cli("analyze", "--facilities", csv, "--boundaries", boundaries, "--out", out);
    expect(r.err).not.toContain("Maximum call stack");
    expect(r.code).toBe(3);
    expect(r.err.split("\n").length).toBeLessThan(200);
    expect(r.err).toContain("rejected.csv");
    expect(r.out).toContain("1 facility analysed, 200000 rows rejected");
    const rejected = readFileSync(join(out, "rejected.csv"), "utf8").trim().split("\r\n");
    // the header, the file's own (the list reaches one of the two counties; it has no hospital, s46-a #6), then each
    // row's own
    expect(rejected.length).toBe(1 + 2 + 200_000);
    expect(rejected[1]).toContain("counties-without-facilities");
    expect(rejected[2]).toContain("kinds-absent-from-list");
    expect(rejected[3]).toContain("many-bad.csv,2,lat,x,error,not-a-number");
  }, 120_000);

  it("every row rejected: exit 2 and nothing written, the file's hint first (the GIS trial: exit 3 and an analysis of no facilities)", async () => {
    const csv = file("all-bad.csv", stations(500, 1));
    const out = join(work, "all-bad");
    const r = await cli("analyze", "--facilities", csv, "--boundaries", boundaries, "--out", out);
    expect(r.code).toBe(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    const lines = r.err.split("\n");
    expect(lines[0]).toContain("整个文件 whole file");
    expect(lines[0]).toContain("都不是数字");
    expect(lines[1]).toBe("all-bad.csv: 500 行全部被拒绝，未写入任何结果 / all 500 rows rejected, nothing written");
    expect(lines[2]).toContain("第 2 行 row 2");
  });

  it("an empty facility file (0 bytes or only blank lines) is said to be empty, in one line naming it", async () => {
    for (const [name, text] of [
      ["empty.csv", ""],
      ["blank.csv", " \n\r\n\n"],
    ]) {
      const r = await cli(
        "analyze",
        "--facilities",
        file(name, text),
        "--boundaries",
        boundaries,
        "--out",
        join(work, `out-${name.slice(0, -4)}`),
      );
      expect(r.code, name).toBe(2);
      const lines = r.err.split("\n").filter((l) => l.includes(name));
      expect(lines, r.err).toHaveLength(1);
      expect(lines[0]).toContain("整个文件 whole file");
      expect(lines[0]).toMatch(new RegExp(`文件“${name}”是空的.* / the file "${name}" is empty`));
      expect(r.err).not.toContain("header but no data rows");
      expect(r.err).not.toContain("missing");
    }
  });

  it("a stray quote in one of 1,000 rows: all 1,000 analysed, the quote named with its row", async () => {
    const lines = stations(1000).split("\n");
    lines[6] = lines[6].replace("急救站5", '"阳光"急救站');
    const r = await cli(
      "analyze",
      "--facilities",
      file("quote.csv", lines.join("\n")),
      "--boundaries",
      boundaries,
      "--out",
      join(work, "quote"),
    );
    expect(r.out).toContain("1000 facilities analysed, 0 rows rejected");
    expect(r.out).toMatch(/row 7.*quote/);
  });

  it("--out that is a file, or cannot be created, is refused before anything is analysed", async () => {
    const asFile = file("not-a-dir", "x");
    const a = await cli(
      "analyze",
      "--facilities",
      file("ok.csv", stations(3)),
      "--boundaries",
      boundaries,
      "--out",
      asFile,
    );
    expect(a.code).toBe(2);
    expect(a.err).toContain(asFile);
    expect(a.out).not.toContain("analysed");
    const b = await cli(
      "analyze",
      "--facilities",
      join(work, "ok.csv"),
      "--boundaries",
      boundaries,
      "--out",
      "/proc/hfp-out",
    );
    // a directory that cannot be created (as root only a pseudo file system refuses): refused before the analysis
    expect(b.code).toBe(2);
    expect(b.err).toContain("/proc/hfp-out");
    expect(b.out).not.toContain("analysed");
    const under = join(asFile, "sub");
    const c = await cli("analyze", "--facilities", join(work, "ok.csv"), "--boundaries", boundaries, "--out", under);
    expect(c.code).toBe(2);
    expect(c.err).toContain(under);
  });

  it("a run into a DIR another live run holds is refused; a second run leaves no stale files", async () => {
    const out = join(work, "set");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, ".hfp-run.lock"), String(process.ppid));
    const held = await cli(
      "analyze",
      "--facilities",
      file("ok.csv", stations(3)),
      "--boundaries",
      boundaries,
      "--out",
      out,
    );
    expect(held.code).toBe(2);
    expect(held.err).toContain(String(process.ppid));
    rmSync(join(out, ".hfp-run.lock"));
    const bad = await cli(
      "analyze",
      "--facilities",
      file("some-bad.csv", stations(6, 2)),
      "--boundaries",
      boundaries,
      "--out",
      out,
    );
    expect(bad.code).toBe(3);
    // the header, the two bad rows, that one of the two counties has no station, and that the list has no hospital
    expect(readFileSync(join(out, "rejected.csv"), "utf8").trim().split("\r\n").length).toBe(6);
    const good = await cli("analyze", "--facilities", join(work, "ok.csv"), "--boundaries", boundaries, "--out", out);
    expect(good.code).toBe(0);
    // none of the bad run's rows: the header and this list's whole-file warnings (one of two counties reached; no
    // hospital in the list)
    const again = readFileSync(join(out, "rejected.csv"), "utf8").trim().split("\r\n");
    expect(again.length).toBe(3);
    expect(again[1]).toContain("counties-without-facilities");
    expect(again[2]).toContain("kinds-absent-from-list");
    expect(readdirSync(out).sort()).toEqual([
      "facilities.geojson",
      "gaps.geojson",
      "rejected.csv",
      "report.json",
      "violations.geojson",
    ]);
    // the cleaned list: every analysed facility, with its county (by position where the row gave none) and name
    const fac = JSON.parse(readFileSync(join(out, "facilities.geojson"), "utf8"));
    expect(fac.features.length).toBeGreaterThan(0);
    expect(good.out).toContain(
      `${fac.features.length} ${fac.features.length === 1 ? "facility" : "facilities"} analysed`,
    );
    for (const f of fac.features) {
      expect(f.properties.county).toMatch(/^\d{6}$/);
      expect(typeof f.properties.countyName).toBe("string");
    }
  });

  it("bundled-looking boundaries with a duplicate code or a bow-tie are validated too", async () => {
    const fc = JSON.parse(readFileSync(boundaries, "utf8"));
    fc.features[1].properties.code = fc.features[0].properties.code;
    const dup = await cli(
      "analyze",
      "--facilities",
      file("ok.csv", stations(3)),
      "--boundaries",
      file("dup.geojson", JSON.stringify(fc)),
      "--out",
      join(work, "dup"),
    );
    expect(dup.code).toBe(2);
    // a GeoJSON's feature, named so (the GIS trial: 「第 2 行」 for a feature)
    expect(dup.err).toMatch(/dup\.geojson: 第 2 个要素 feature 2.*990001/);
    const bow = JSON.parse(readFileSync(boundaries, "utf8"));
    const [a, b, c, d] = bow.features[1].geometry.coordinates[0];
    bow.features[1].geometry.coordinates[0] = [a, c, b, d, a];
    const r = await cli(
      "analyze",
      "--facilities",
      join(work, "ok.csv"),
      "--boundaries",
      file("bow.geojson", JSON.stringify(bow)),
      "--out",
      join(work, "bow"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/乙区.*(自相交|crosses itself)/);
  });

  it("an empty rule set is bad input, not an empty success", async () => {
    const rules = JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8"));
    rules.rules = [];
    const r = await cli(
      "analyze",
      "--facilities",
      file("ok.csv", stations(3)),
      "--boundaries",
      boundaries,
      "--rules",
      file("empty-rules.json", JSON.stringify(rules)),
      "--out",
      join(work, "norules"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/empty-rules\.json/);
    expect(r.err).toMatch(/规则/);
    // a rule of the wrong shape: named by its JSON path in our own words, zod's English not shown
    rules.rules = [{ id: "EMS-RURAL", kind: "radius-coverage", params: "x" }];
    const bad = await cli(
      "analyze",
      "--facilities",
      join(work, "ok.csv"),
      "--boundaries",
      boundaries,
      "--rules",
      file("bad-rules.json", JSON.stringify(rules)),
      "--out",
      join(work, "badrules"),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad-rules\.json: rules\.0/);
    expect(bad.err).not.toMatch(/Invalid input|expected/);
  });
});

describe("writeOutputSet", () => {
  it("a write error leaves the previous set untouched and no temporary file behind", () => {
    const dir = join(work, "atomic");
    mkdirSync(dir, { recursive: true });
    writeOutputSet(dir, [
      { name: "report.json", data: "old report" },
      { name: "gaps.geojson", data: "old gaps" },
    ]);
    let calls = 0;
    expect(() =>
      writeOutputSet(
        dir,
        [
          { name: "report.json", data: "new report" },
          { name: "gaps.geojson", data: "new gaps" },
        ],
        {
          writeFile: (path, text) => {
            if (++calls === 2) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
            writeFileSync(path, text);
          },
        },
      ),
    ).toThrow(/ENOSPC|空间/);
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe("old report");
    expect(readFileSync(join(dir, "gaps.geojson"), "utf8")).toBe("old gaps");
    expect(readdirSync(dir).sort()).toEqual(["gaps.geojson", "report.json"]);
    expect(existsSync(join(dir, ".hfp-run.lock"))).toBe(false);
  });
});
