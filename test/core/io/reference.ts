// Independent reference implementations used to build fixtures and expected values.
// They share no code with src/core/io (which uses gcoord and proj4).

const A_KRASOVSKY = 6378245.0;
const EE_KRASOVSKY = 0.006693421622965943;

function dLatRaw(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function dLonRaw(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS84 → GCJ-02, the widely published forward formula (Krasovsky constants). */
export function refWgsToGcj(lon: number, lat: number): [number, number] {
  let dLat = dLatRaw(lon - 105, lat - 35);
  let dLon = dLonRaw(lon - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE_KRASOVSKY * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A_KRASOVSKY * (1 - EE_KRASOVSKY)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180) / ((A_KRASOVSKY / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

/** GCJ-02 → BD-09, the published Baidu formula. */
export function refGcjToBd(lon: number, lat: number): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** WGS84 → BD-09. */
export function refWgsToBd(lon: number, lat: number): [number, number] {
  const [gx, gy] = refWgsToGcj(lon, lat);
  return refGcjToBd(gx, gy);
}

/**
 * Transverse Mercator forward by the Krüger n-series to order n⁴ (Karney 2011, eqs. 7–11; the series used
 * for UTM on Wikipedia). Error < 1 mm within 4° of the central meridian. Returns [easting, northing] in metres.
 */
export function refTmForward(
  lon: number,
  lat: number,
  opts: { a: number; invF: number; lon0: number; k0: number; falseEasting: number; falseNorthing?: number },
): [number, number] {
  const f = 1 / opts.invF;
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const A = (opts.a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440,
    (61 * n3) / 240 - (103 * n4) / 140,
    (49561 * n4) / 161280,
  ];
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const phi = (lat * Math.PI) / 180;
  const lam = ((lon - opts.lon0) * Math.PI) / 180;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi1 = Math.atan2(t, Math.cos(lam));
  const eta1 = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
  let xi = xi1;
  let eta = eta1;
  for (let j = 1; j <= 4; j++) {
    xi += alpha[j - 1] * Math.sin(2 * j * xi1) * Math.cosh(2 * j * eta1);
    eta += alpha[j - 1] * Math.cos(2 * j * xi1) * Math.sinh(2 * j * eta1);
  }
  return [opts.falseEasting + opts.k0 * A * eta, (opts.falseNorthing ?? 0) + opts.k0 * A * xi];
}

/** CGCS2000 (GRS80 constants) 3° Gauss–Krüger forward for central meridian `cm`; prefix adds zone × 10⁶ m. */
export function refGk(lon: number, lat: number, cm: number, prefix = false): [number, number] {
  return refTmForward(lon, lat, {
    a: 6378137,
    invF: 298.257222101,
    lon0: cm,
    k0: 1,
    falseEasting: (prefix ? (cm / 3) * 1_000_000 : 0) + 500000,
  });
}

/** WGS84 UTM north forward. */
export function refUtm(lon: number, lat: number, zone: number): [number, number] {
  return refTmForward(lon, lat, {
    a: 6378137,
    invF: 298.257223563,
    lon0: zone * 6 - 183,
    k0: 0.9996,
    falseEasting: 500000,
  });
}

/** Haversine-free small-distance metric: metres between two nearby lon/lat points (equirectangular, fine below 1 km). */
export function metresBetween(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const dLat = ((b[1] - a[1]) * Math.PI) / 180;
  const dLon = (((b[0] - a[0]) * Math.PI) / 180) * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return R * Math.hypot(dLat, dLon);
}

/** A GBK encoder built by decoding every 2-byte GBK code with TextDecoder("gbk") (fixture-building trick). */
export function makeGbkEncoder(): (s: string) => Uint8Array {
  return makeDoubleByteEncoder("gbk");
}

/** A text encoder for a double-byte code page the platform can decode ("gbk", "big5"), built from its decoder. */
export function makeDoubleByteEncoder(label: "gbk" | "big5"): (s: string) => Uint8Array {
  const table = new Map<string, number>();
  const dec = new TextDecoder(label);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  return (s: string) => {
    const out: number[] = [];
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out.push(cp);
      else {
        const code = table.get(ch);
        if (code === undefined) throw new Error(`character ${ch} not in ${label}`);
        out.push(code >> 8, code & 0xff);
      }
    }
    return new Uint8Array(out);
  };
}
