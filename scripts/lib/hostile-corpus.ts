import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";

/** Which CLI option a corpus file is given to (`candidates`: `suggest --candidates` only). */
export type CorpusRole = "facilities" | "boundaries" | "population" | "demand" | "rules" | "candidates";

/** One hostile input and what must come of it. */
export interface CorpusCase {
  /** Class of the input (docs/reliability.md counts by class). */
  cls: string;
  /** File name (its extension picks the reader). */
  file: string;
  role: CorpusRole;
  bytes: Uint8Array;
  /** CLI exit code (src/cli/exit-codes.ts): 0 analysed; 3 analysed, the rejected rows listed; 2 bad input, nothing analysed. Never 1. */
  exit: 0 | 2 | 3;
  /** Data rows or features the file holds: each must be analysed or listed (facility and candidate files). */
  rows?: number;
  /** Text the output must contain (the named place: file, row, field, county). */
  mentions?: RegExp[];
}

const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => enc(JSON.stringify(v));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** A deterministic byte stream (xorshift) for binary garbage. */
function garbage(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** GBK bytes of the few characters used here (from the GB2312 table). */
const GBK: Record<string, number[]> = {
  急: [0xbc, 0xb1],
  救: [0xbe, 0xc8],
  站: [0xd5, 0xbe],
  阳: [0xd1, 0xf4],
  光: [0xb9, 0xe2],
};
const gbk = (s: string) => new Uint8Array([...s].flatMap((c) => GBK[c] ?? [...enc(c)]));

/** n EMS stations inside 甲县 (990001) of test/fixtures/rules/two-counties.geojson, as CSV lines without header. */
function stationLines(n: number, bad: (i: number) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(`S${i},急救站${i},ems-station,${(112.05 + (i % 400) * 0.001).toFixed(3)},${bad(i) ? "x" : "33.0"},990001`);
  return out;
}
const HEADER = "id,name,type,lon,lat,county";
const csv = (lines: string[]) => enc(`${[HEADER, ...lines].join("\n")}\n`);
/**
 * A good station after bad rows: a file whose every row is rejected is bad input as a whole (exit 2, nothing written),
 * so the files that show bad rows named one by one (exit 3) keep one row that is analysed.
 */
const GOOD = "G1,急救站G,ems-station,112.2,33.0,990001";

function setDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
  }
  return out;
}

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
function countyFc(geometries: unknown[]) {
  return {
    type: "FeatureCollection",
    features: geometries.map((coordinates, i) => ({
      type: "Feature",
      properties: { code: `99000${i + 1}`, name: ["甲县", "乙区", "丙县"][i] },
      geometry: { type: "Polygon", coordinates },
    })),
  };
}

/**
 * The hostile-input corpus: every class of broken or hostile input the issue lists and more, generated (nothing
 * large is kept in git). `root` is the repository root (for the project's own Shapefile fixture and rule set).
 */
export function buildCorpus(root: string): CorpusCase[] {
  const gkZip = new Uint8Array(readFileSync(join(root, "test/fixtures/io/facilities-gk4546.zip")));
  const gkFiles = unzipSync(gkZip);
  const shpName = Object.keys(gkFiles).find((n) => n.endsWith(".shp")) as string;
  const cases: CorpusCase[] = [];
  const add = (c: CorpusCase) => cases.push(c);

  // --- CSV text and quoting
  {
    const lines = stationLines(1000);
    lines[5] = lines[5].replace("急救站5", '"阳光"急救站');
    add({
      cls: "stray quote",
      file: "stray-quote.csv",
      role: "facilities",
      bytes: csv(lines),
      exit: 0,
      rows: 1000,
      mentions: [/row 7/, /quote|引号/],
    });
    const open = stationLines(20);
    open[19] = open[19].replace("急救站19", '"急救站19');
    add({
      cls: "stray quote",
      file: "unclosed-quote.csv",
      role: "facilities",
      bytes: csv(open),
      exit: 0,
      rows: 20,
      mentions: [/row 21/],
    });
    add({
      cls: "quoted newline",
      file: "quoted-newline.csv",
      role: "facilities",
      bytes: enc(`${HEADER}\nS1,"急救站\n一",ems-station,112.1,33,990001\n`),
      exit: 0,
      rows: 1,
    });
  }
  add({
    cls: "empty",
    file: "empty.csv",
    role: "facilities",
    bytes: new Uint8Array(0),
    exit: 2,
    mentions: [/empty\.csv/],
  });
  add({
    cls: "header only",
    file: "header-only.csv",
    role: "facilities",
    bytes: enc(`${HEADER}\n`),
    exit: 2,
    mentions: [/header-only\.csv.*no data rows/],
  });
  add({
    cls: "many bad rows",
    file: "bad-20k.csv",
    role: "facilities",
    bytes: csv([...stationLines(20_000, () => true), GOOD]),
    exit: 3,
    rows: 20_001,
    mentions: [/rejected\.csv/],
  });
  add({
    cls: "line endings",
    file: "crlf.csv",
    role: "facilities",
    bytes: enc(`${[HEADER, ...stationLines(5)].join("\r\n")}\r\n`),
    exit: 0,
    rows: 5,
  });
  add({
    cls: "line endings",
    file: "cr-only.csv",
    role: "facilities",
    bytes: enc(`${[HEADER, ...stationLines(5)].join("\r")}\r`),
    exit: 0,
    rows: 5,
  });
  add({
    cls: "delimiters",
    file: "semicolon.csv",
    role: "facilities",
    bytes: enc(`${[HEADER, ...stationLines(5)].map((l) => l.replaceAll(",", ";")).join("\n")}\n`),
    exit: 0,
    rows: 5,
  });
  add({
    cls: "delimiters",
    file: "tabs.tsv",
    role: "facilities",
    bytes: enc(`${[HEADER, ...stationLines(5)].map((l) => l.replaceAll(",", "\t")).join("\n")}\n`),
    exit: 0,
    rows: 5,
  });

  // --- encodings
  add({
    cls: "encoding damage",
    file: "bom-gbk.csv",
    role: "facilities",
    bytes: concat(
      new Uint8Array([0xef, 0xbb, 0xbf]),
      enc(`${HEADER}\nS1,`),
      gbk("急救站"),
      enc(",ems-station,112.1,33,990001\n"),
    ),
    exit: 0,
    rows: 1,
    mentions: [/UTF-8/],
  });
  add({
    cls: "encoding damage",
    file: "mixed-utf8-gbk.csv",
    role: "facilities",
    bytes: concat(
      enc(`${HEADER}\nS1,阳光急救站,ems-station,112.1,33,990001\nS2,`),
      gbk("阳光急救站"),
      enc(",ems-station,112.2,33,990001\nS3,光急救站,ems-station,112.3,33,990001\n"),
    ),
    exit: 0,
    rows: 3,
    mentions: [/mixes UTF-8 and GBK.*3/],
  });
  {
    const text = `\uFEFF${[HEADER, ...stationLines(3)].join("\n")}\n`;
    const u16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      u16[2 * i] = text.charCodeAt(i) & 0xff;
      u16[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    add({ cls: "encodings", file: "utf16le.csv", role: "facilities", bytes: u16, exit: 0, rows: 3 });
  }
  add({
    cls: "encodings",
    file: "undecodable.csv",
    role: "facilities",
    bytes: concat(enc(`${HEADER}\nS1,`), new Uint8Array([0xff, 0xfe, 0x81]), enc(",ems-station,112.1,33,990001\n")),
    exit: 0,
    rows: 1,
  });

  // --- numbers
  add({
    cls: "numbers",
    file: "long-number.csv",
    role: "facilities",
    bytes: csv([`S1,急救站,ems-station,${"1".repeat(40_000)}x,33,990001`, GOOD]),
    exit: 3,
    rows: 2,
    mentions: [/row 2.*lon.*longer than 64/],
  });
  add({
    cls: "numbers",
    file: "hex.csv",
    role: "facilities",
    bytes: csv(["S1,急救站,ems-station,0x70,33,990001", GOOD]),
    exit: 3,
    rows: 2,
    mentions: [/row 2.*lon/],
  });
  add({
    cls: "numbers",
    file: "nan-infinity.csv",
    role: "facilities",
    bytes: csv([
      "S1,急救站,ems-station,NaN,33,990001",
      "S2,急救站,ems-station,Infinity,33,990001",
      "S3,急救站,ems-station,112.1,-Infinity,990001",
      GOOD,
    ]),
    exit: 3,
    rows: 4,
  });
  add({
    cls: "numbers",
    file: "dms-fullwidth.csv",
    role: "facilities",
    bytes: csv([
      "S1,急救站,ems-station,112°6'0\"E,33°0'0\"N,990001",
      "S2,急救站,ems-station,１１２．１,３３．０,990001",
      'S3,急救站,ems-station,"112，1",33,990001',
    ]),
    exit: 0,
    rows: 3,
  });
  add({
    cls: "swapped",
    file: "swapped.csv",
    role: "facilities",
    bytes: csv(["S1,急救站,ems-station,33.0,112.1,990001"]),
    exit: 0,
    rows: 1,
    mentions: [/swapped/],
  });

  // --- keys and names
  add({
    cls: "prototype keys",
    file: "proto.csv",
    role: "facilities",
    bytes: enc(
      "__proto__,constructor,name,type,lon,lat,county\nx,y,某机构,constructor,112.1,33,990001\nx,y,某机构,__proto__,112.1,33,990001\nx,y,急救站G,ems-station,112.2,33,990001\n",
    ),
    exit: 3,
    rows: 3,
    mentions: [/row 2.*type/],
  });
  add({
    cls: "prototype keys",
    file: "proto.geojson",
    role: "facilities",
    bytes: enc(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"name":"x"},"name":"急救站","type":"ems-station","county":"990001"},"geometry":{"type":"Point","coordinates":[112.1,33]}}]}',
    ),
    exit: 0,
    rows: 1,
  });
  add({
    cls: "formula names",
    file: "formula.csv",
    role: "facilities",
    bytes: csv([
      'S1,=HYPERLINK("http://x")急救站,ems-station,112.1,33,990001',
      "S2,@SUM(1)急救站,ems-station,112.2,33,990001",
    ]),
    exit: 0,
    rows: 2,
  });
  add({
    cls: "stated county",
    file: "far-county.csv",
    role: "facilities",
    bytes: csv(["S1,急救站,ems-station,119.5,33,990001", GOOD]),
    exit: 3,
    rows: 2,
    mentions: [/row 2.*outside its stated county 甲县 \(990001\)/],
  });
  // a code of no city the boundaries hold: refused
  add({
    cls: "stated county",
    file: "unknown-county.csv",
    role: "facilities",
    bytes: csv(["S1,急救站,ems-station,112.1,33,880009"]),
    exit: 3,
    rows: 1,
    mentions: [/row 2.*county/],
  });
  // a code of the boundaries' city that no boundary has (re-coded since they were drawn): counted where it lies, said
  add({
    cls: "stated county",
    file: "recoded-county.csv",
    role: "facilities",
    bytes: csv(["S1,急救站,ems-station,112.1,33,990009"]),
    exit: 0,
    rows: 1,
    mentions: [/row 2.*990009.*甲县（990001）/],
  });

  // --- binary garbage under every extension
  for (const ext of ["csv", "geojson", "kml", "zip", "xlsx"])
    add({
      cls: "binary garbage",
      file: `garbage.${ext}`,
      role: "facilities",
      bytes: garbage(20_000, ext.length * 7919),
      exit: 2,
      mentions: [new RegExp(`garbage\\.${ext}`)],
    });

  // --- GeoJSON
  add({
    cls: "GeoJSON features",
    file: "bad-features.geojson",
    role: "facilities",
    bytes: json({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { name: "急救站1", type: "ems-station", county: "990001" },
          geometry: { type: "Point", coordinates: [112.1, 33] },
        },
        null,
        {
          type: "Feature",
          properties: { name: "急救站3", type: "ems-station" },
          geometry: { type: "Point", coordinates: [112] },
        },
        { type: "Feature", properties: { name: "急救站4", type: "ems-station" } },
        {
          type: "Feature",
          properties: { name: "急救站5", type: "ems-station" },
          geometry: { type: "Point", coordinates: ["112", "33"] },
        },
        "text",
      ],
    }),
    exit: 3,
    rows: 6,
    mentions: [/feature 2/, /feature 6/],
  });
  add({
    cls: "GeoJSON structure",
    file: "array.geojson",
    role: "facilities",
    bytes: enc("[1,2,3]"),
    exit: 2,
    mentions: [/array\.geojson/],
  });
  add({
    cls: "GeoJSON structure",
    file: "no-features.geojson",
    role: "facilities",
    bytes: enc('{"type":"FeatureCollection","features":{}}'),
    exit: 2,
  });
  {
    const n = 100_000;
    add({
      cls: "GeoJSON structure",
      file: "deep.geojson",
      role: "facilities",
      bytes: enc(`{"type":"FeatureCollection","features":[${"[".repeat(n)}${"]".repeat(n)}]}`),
      exit: 2,
      rows: 1,
    });
  }
  add({
    cls: "GeoJSON structure",
    file: "truncated.geojson",
    role: "facilities",
    bytes: enc('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"急'),
    exit: 2,
  });

  // --- KML
  add({
    cls: "KML entities",
    file: "laughs.kml",
    role: "facilities",
    bytes: enc(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]><kml><Document><Placemark><name>&lol9;急救站</name><ExtendedData><Data name="type"><value>ems-station</value></Data><Data name="county"><value>990001</value></Data></ExtendedData><Point><coordinates>112.1,33</coordinates></Point></Placemark></Document></kml>`,
    ),
    exit: 0,
    rows: 1,
    mentions: [/entity/],
  });
  add({
    cls: "KML entities",
    file: "xxe.kml",
    role: "facilities",
    bytes: enc(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><kml><Document><Placemark><name>&xxe;急救站</name><ExtendedData><Data name="type"><value>ems-station</value></Data></ExtendedData><Point><coordinates>112.1,33</coordinates></Point></Placemark></Document></kml>`,
    ),
    exit: 0,
    rows: 1,
    mentions: [/entity/],
  });
  add({
    cls: "KML structure",
    file: "broken.kml",
    role: "facilities",
    bytes: enc("<kml><Document><Placemark><name>急救站</name>"),
    exit: 2,
    mentions: [/broken\.kml.*XML/],
  });

  // --- archives
  add({
    cls: "Shapefile .prj",
    file: "gk4546.zip",
    role: "facilities",
    bytes: gkZip,
    exit: 3,
    rows: 13,
    mentions: [/EPSG:4546/],
  });
  add({
    cls: "zip bomb",
    file: "declared-1gb.zip",
    role: "facilities",
    bytes: setDeclaredSize(zipSync(gkFiles), 1_000_000_000),
    exit: 2,
    mentions: [/declared-1gb\.zip.*expands too far/],
  });
  {
    const zeros = new Uint8Array(8_000_000);
    add({
      cls: "zip bomb",
      file: "lying-sizes.zip",
      role: "facilities",
      bytes: setDeclaredSize(zipSync({ "a.shp": zeros, "a.dbf": zeros }), 100),
      exit: 2,
      mentions: [/expands too far/],
    });
    add({
      cls: "zip bomb",
      file: "declared-1gb.xlsx",
      role: "facilities",
      bytes: setDeclaredSize(zipSync({ "xl/workbook.xml": zeros }), 1_000_000_000),
      exit: 2,
      mentions: [/expands too far/],
    });
  }
  {
    const files: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(gkFiles)) files[`../../${k}`] = v;
    add({
      cls: "zip path traversal",
      file: "traversal.zip",
      role: "facilities",
      bytes: zipSync(files),
      exit: 3,
      mentions: [/unsafe paths/],
    });
  }
  {
    const t = { ...gkFiles, [shpName]: gkFiles[shpName].subarray(0, 156) };
    add({
      cls: "truncated .shp",
      file: "truncated-shp.zip",
      role: "facilities",
      bytes: zipSync(t),
      exit: 3,
      rows: 13,
      mentions: [/record 13 has no shape/],
    });
    const weird = new Uint8Array(gkFiles[shpName]);
    new DataView(weird.buffer).setInt32(32, 77, true);
    add({
      cls: "truncated .shp",
      file: "unknown-type.zip",
      role: "facilities",
      bytes: zipSync({ ...gkFiles, [shpName]: weird }),
      exit: 2,
      mentions: [/shape type \d+/],
    });
    add({
      cls: "truncated .shp",
      file: "tiny-shp.zip",
      role: "facilities",
      bytes: zipSync({ ...gkFiles, [shpName]: gkFiles[shpName].subarray(0, 40) }),
      exit: 2,
      mentions: [/truncated/],
    });
  }

  // --- boundaries
  const okB = (name: string, geoms: unknown[], exit: 0 | 2, mentions: RegExp[]) =>
    add({ cls: "boundaries", file: name, role: "boundaries", bytes: json(countyFc(geoms)), exit, mentions });
  okB(
    "bow-tie.geojson",
    [
      [
        [
          [112, 32.8],
          [112.5, 33.2],
          [112.5, 32.8],
          [112, 33.2],
          [112, 32.8],
        ],
      ],
      square(112.5, 32.8, 0.5),
    ],
    0,
    [/甲县.*(crosses itself|自相交)/],
  );
  okB(
    "three-point.geojson",
    [
      [
        [
          [112, 32.8],
          [112.5, 33.2],
          [112, 32.8],
        ],
      ],
      square(112.5, 32.8, 0.5),
    ],
    2,
    [/three-point\.geojson.*feature 1/],
  );
  okB("null-coords.geojson", [null, square(112.5, 32.8, 0.5)], 2, [/feature 1/]);
  okB(
    "text-coords.geojson",
    [square(112, 32.8, 0.5).map((r) => r.map(([x, y]) => [String(x), String(y)])), square(112.5, 32.8, 0.5)],
    0,
    [/as text/],
  );
  okB(
    "huge-coords.geojson",
    [
      [
        [
          [1e308, 32.8],
          [112.5, 32.8],
          [112.5, 33.2],
          [1e308, 32.8],
        ],
      ],
      square(112.5, 32.8, 0.5),
    ],
    2,
    [/feature 1.*outside lon/],
  );
  okB(
    "projected-no-prj.geojson",
    [
      [
        [
          [38_400_000, 3_630_000],
          [38_450_000, 3_630_000],
          [38_450_000, 3_680_000],
          [38_400_000, 3_630_000],
        ],
      ],
      square(112.5, 32.8, 0.5),
    ],
    2,
    [/projected metres/],
  );
  {
    const fc = countyFc([square(112, 32.8, 0.5), square(112.5, 32.8, 0.5)]);
    fc.features[1].properties.code = "990001";
    add({
      cls: "boundaries",
      file: "dup-codes.geojson",
      role: "boundaries",
      bytes: json(fc),
      exit: 2,
      mentions: [/feature 2.*990001/],
    });
  }
  add({
    cls: "boundaries",
    file: "empty-fc.geojson",
    role: "boundaries",
    bytes: json({ type: "FeatureCollection", features: [] }),
    exit: 2,
    mentions: [/empty-fc\.geojson/],
  });
  add({
    cls: "boundaries",
    file: "null-feature.geojson",
    role: "boundaries",
    bytes: enc('{"type":"FeatureCollection","features":[null]}'),
    exit: 2,
    mentions: [/null-feature\.geojson/],
  });
  add({
    cls: "boundaries",
    file: "garbage-boundaries.geojson",
    role: "boundaries",
    bytes: garbage(5000, 3),
    exit: 2,
    mentions: [/garbage-boundaries\.geojson/],
  });

  // --- population and demand
  add({
    cls: "population",
    file: "pop-unknown-code.csv",
    role: "population",
    bytes: enc("代码,人口\n990001,100000\n419999,5000\n"),
    exit: 3,
    mentions: [/row 3.*419999/],
  });
  add({
    cls: "population",
    file: "pop-hex.csv",
    role: "population",
    bytes: enc("代码,人口\n990001,0x10\n"),
    exit: 3,
    mentions: [/row 2.*0x10/],
  });
  add({
    cls: "population",
    file: "pop-header-only.csv",
    role: "population",
    bytes: enc("代码,人口\n"),
    exit: 3,
    mentions: [/no data rows/],
  });
  add({
    cls: "demand",
    file: "demand-header-only.csv",
    role: "demand",
    bytes: enc("lon,lat,weight\n"),
    exit: 2,
    mentions: [/no data rows/],
  });
  add({
    cls: "demand",
    file: "demand-bad.csv",
    role: "demand",
    bytes: enc("lon,lat,weight\n112.1,33,0x10\n112.2,33,5\n"),
    exit: 3,
    mentions: [/row 2.*weight/],
  });

  // --- candidate sites (suggest --candidates reads them as it reads facilities)
  {
    const lines = stationLines(200);
    lines[9] = lines[9].replace("急救站9", '"阳光"急救站');
    add({
      cls: "candidates",
      file: "cand-stray-quote.csv",
      role: "candidates",
      bytes: csv(lines),
      exit: 0,
      rows: 200,
      mentions: [/row 11/, /quote|引号/],
    });
  }
  add({
    cls: "candidates",
    file: "cand-bad-half.csv",
    role: "candidates",
    bytes: csv(stationLines(2_000, (i) => i % 2 === 0)),
    exit: 3,
    rows: 2_000,
    mentions: [/cand-bad-half\.csv.*row 2\b/, /rejected\.csv/],
  });
  add({
    cls: "candidates",
    file: "cand-garbage.zip",
    role: "candidates",
    bytes: garbage(4000, 11),
    exit: 2,
    mentions: [/cand-garbage\.zip/],
  });

  // --- rule sets
  const rules = JSON.parse(readFileSync(join(root, "seeds/ruleset-nanyang.json"), "utf8"));
  add({
    cls: "rule set",
    file: "rules-empty.json",
    role: "rules",
    bytes: json({ ...rules, rules: [] }),
    exit: 2,
    mentions: [/rules-empty\.json/],
  });
  add({
    cls: "rule set",
    file: "rules-broken.json",
    role: "rules",
    bytes: enc("{"),
    exit: 2,
    mentions: [/rules-broken\.json/],
  });
  return cases;
}
