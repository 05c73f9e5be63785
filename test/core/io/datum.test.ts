import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datumFromBoundaries, parseFacilityFile } from "../../../src/core/io";
import { refWgsToBd, refWgsToGcj } from "./reference";

const counties = JSON.parse(readFileSync("geodata/counties-nanyang.geojson", "utf8"));
// the invented scenario: WGS84 positions, each inside the county its code names
const facilities = JSON.parse(readFileSync("geodata/scenario-nanyang.geojson", "utf8")).features.map(
  (f: {
    properties: { id: string; name: string; type: string; county: string };
    geometry: { coordinates: [number, number] };
  }) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }),
) as Array<{ id: string; name: string; type: string; county: string; lon: number; lat: number }>;

describe("datumFromBoundaries", () => {
  it("suggests nothing for WGS84 positions", () => {
    const ev = datumFromBoundaries(facilities, counties);
    expect(ev.checked).toBe(facilities.length);
    expect(ev.mismatchAsRead).toBe(0);
    expect(ev.suggest).toBeUndefined();
  });
  it("recognises the same facilities given in GCJ-02 (Amap) and in BD-09 (Baidu)", () => {
    const gcj = facilities.map((f) => {
      const [lon, lat] = refWgsToGcj(f.lon, f.lat);
      return { ...f, lon, lat };
    });
    const g = datumFromBoundaries(gcj, counties);
    expect(g.mismatchAsRead).toBeGreaterThan(20);
    expect(g.mismatchGcj02).toBeLessThan(g.mismatchAsRead / 10);
    expect(g.suggest).toBe("gcj02");
    const bd = facilities.map((f) => {
      const [lon, lat] = refWgsToBd(f.lon, f.lat);
      return { ...f, lon, lat };
    });
    expect(datumFromBoundaries(bd, counties).suggest).toBe("bd09");
  });
  it("is what parseFacilityFile warns with, naming the figures, when the file has no hint in its names", async () => {
    const rows = facilities.map((f) => {
      const [lon, lat] = refWgsToGcj(f.lon, f.lat);
      return `${f.id},${f.name},${f.type},${lon.toFixed(6)},${lat.toFixed(6)},${f.county}`;
    });
    const csv = new TextEncoder().encode(`id,name,type,lon,lat,county\n${rows.join("\n")}\n`);
    const r = await parseFacilityFile(csv, "facilities.csv", { boundaries: counties });
    const warn = r.issues.find((i) => i.code === "maybe-gcj02");
    expect(warn?.severity).toBe("warning");
    expect(warn?.message.en).toMatch(
      /\d+ of \d+ facilities lie outside the county their code names, \d+ after converting/,
    );
    const plain = await parseFacilityFile(
      new TextEncoder().encode(
        `id,name,type,lon,lat,county\n${facilities.map((f) => `${f.id},${f.name},${f.type},${f.lon},${f.lat},${f.county}`).join("\n")}\n`,
      ),
      "facilities.csv",
      { boundaries: counties },
    );
    expect(plain.issues.some((i) => i.code.startsWith("maybe-"))).toBe(false);
  });
});

describe("a note in the cells says where positions came from (the planner trial: 备注 「坐标取自高德地图」, read as WGS84 unsaid)", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("a 备注 naming Amap or Baidu suggests GCJ-02 or BD-09; a facility's own name does not", async () => {
    const note = await parseFacilityFile(
      enc("名称,类型,经度,纬度,备注\n嵩县人民医院,县人民医院,112.0860,34.1370,坐标取自高德地图\n"),
      "设施.csv",
    );
    expect(note.issues.find((i) => i.row === 0)).toMatchObject({ code: "maybe-gcj02", severity: "warning" });
    expect(note.issues.find((i) => i.row === 0)?.message.zh).toContain("文件名、列名或备注提示坐标可能是 GCJ-02");
    const baidu = await parseFacilityFile(
      enc("名称,类型,经度,纬度,来源\n甲卫生院,乡镇卫生院,112.0860,34.1370,百度地图拾取\n"),
      "设施.csv",
    );
    expect(baidu.issues.find((i) => i.row === 0)?.code).toBe("maybe-bd09");
    const name = await parseFacilityFile(
      enc("名称,类型,经度,纬度\n百度大厦社区卫生服务站,社区卫生服务站,116.30,40.05\n"),
      "设施.csv",
    );
    expect(name.issues.filter((i) => i.row === 0)).toEqual([]);
    // the BD-09 offset is said as it is: 0.7–1.5 km, not GCJ-02's 100–700 m (the GIS trial measured 1.3–1.4 km)
    expect(baidu.issues.find((i) => i.row === 0)?.message.zh).toContain("偏差约 0.7–1.5 公里");
  });

  it("a title row above the header naming Baidu suggests BD-09 (the EMS planner trial, s53 L1)", async () => {
    const titled = await parseFacilityFile(
      enc("宜春市急救网络设施清单（坐标取自百度地图）\n名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,114.39,27.81\n"),
      "设施.csv",
    );
    expect(titled.issues.map((i) => i.code)).toContain("title-rows-skipped");
    expect(titled.issues.find((i) => i.code.startsWith("maybe-"))?.code).toBe("maybe-bd09");
    // a title naming no map says nothing of a datum
    const plain = await parseFacilityFile(
      enc("宜春市急救网络设施清单\n名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,114.39,27.81\n"),
      "设施.csv",
    );
    expect(plain.issues.filter((i) => i.code.startsWith("maybe-"))).toEqual([]);
  });

  it("names of places never suggest a datum: the tool's own export, with 「火星庙村民委员会」 in villageName (the planner trial, s40-a #1)", async () => {
    const own = await parseFacilityFile(
      enc(
        "id,name,type,lon,lat,county,township,townshipName,village,villageName,地址,备注\n" +
          "v1,火星庙村卫生室,village-clinic,111.5,33.3,411323,411323100,丹水镇,411323100201,火星庙村民委员会,百度大厦旁,\n",
      ),
      "facilities-nanyang.csv",
    );
    expect(own.issues.filter((i) => i.code.startsWith("maybe-"))).toEqual([]);
    // 「火星坐标」 in a note still says GCJ-02
    const mars = await parseFacilityFile(
      enc("名称,类型,经度,纬度,备注\n甲卫生院,乡镇卫生院,112.0860,34.1370,火星坐标\n"),
      "设施.csv",
    );
    expect(mars.issues.find((i) => i.row === 0)?.code).toBe("maybe-gcj02");
  });
});

describe("coordinate columns that name their datum are read in it (the planner trial, s41-b #2)", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const wgs: [number, number] = [115.40986, 31.80038];
  it("「高德经度」「高德纬度」: read as GCJ-02 and converted, said in a note; --crs wgs84 (or the app's choice) overrides", async () => {
    const [glon, glat] = refWgsToGcj(...wgs);
    const text = enc(
      `机构名称,机构类型,高德经度,高德纬度\n商城县人民医院,医院,${glon.toFixed(7)},${glat.toFixed(7)}\n`,
    );
    const r = await parseFacilityFile(text, "商城县.csv");
    expect(r.crs).toBe("gcj02");
    expect(r.crsFromColumns).toBe(true);
    const note = r.issues.find((i) => i.code === "crs-from-columns");
    expect(note).toMatchObject({ row: 0, severity: "note" });
    expect(note?.message.zh).toContain(
      "经纬度列名「高德经度」「高德纬度」表明坐标取自高德/腾讯地图（GCJ-02）：已按 gcj02 读取",
    );
    // no second, contradicting warning that it was read as WGS84
    expect(r.issues.some((i) => i.code.startsWith("maybe-"))).toBe(false);
    const [lon, lat] = [r.facilities[0].lon, r.facilities[0].lat];
    expect(Math.abs(lon - wgs[0]) * 95_000).toBeLessThan(1);
    expect(Math.abs(lat - wgs[1]) * 111_000).toBeLessThan(1);
    // the user's choice wins
    const asWgs = await parseFacilityFile(text, "商城县.csv", { crs: "wgs84" });
    expect(asWgs.crs).toBe("wgs84");
    expect(asWgs.crsFromColumns).toBeUndefined();
    expect(asWgs.facilities[0].lon).toBeCloseTo(glon, 6);
  });

  it("「百度经度」 reads BD-09; plain 经度/纬度 with 高德 only in the file name stays WGS84 with the warning", async () => {
    const bd = await parseFacilityFile(enc("名称,类型,百度经度,百度纬度\n甲卫生院,乡镇卫生院,115.42,31.81\n"), "x.csv");
    expect(bd.crs).toBe("bd09");
    const named = await parseFacilityFile(
      enc("名称,类型,经度,纬度\n甲卫生院,乡镇卫生院,115.42,31.81\n"),
      "高德坐标.csv",
    );
    expect(named.crs).toBe("wgs84");
    expect(named.issues.find((i) => i.row === 0)?.code).toBe("maybe-gcj02");
    expect(named.issues.find((i) => i.row === 0)?.message.zh).toContain(
      "如属实请按 GCJ-02 转换（命令行：--crs gcj02）",
    );
  });
});

describe("a file with no rows has no positions to convert (the planner trial, s41-b #9)", () => {
  it("a header-only file named for Amap says only that it has no rows: no datum hint", async () => {
    const r = await parseFacilityFile(new TextEncoder().encode("名称,类型,经度,纬度,备注\n"), "高德坐标.csv");
    expect(r.issues.map((i) => i.code)).not.toContain("maybe-gcj02");
    // nor a note that positions were converted when there were none (the re-trial)
    const amap = await parseFacilityFile(new TextEncoder().encode("名称,类型,高德经度,高德纬度\n"), "x.csv");
    expect(amap.issues.map((i) => i.code)).not.toContain("crs-from-columns");
    expect(r.issues.some((i) => i.message.zh.includes("只有表头"))).toBe(true);
  });
});
