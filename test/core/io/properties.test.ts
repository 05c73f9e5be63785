import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  exportCsv,
  guessColumns,
  notANumber,
  parseCoordinate,
  parseCsvBytes,
  parseDecimal,
} from "../../../src/core/io";

/** Runs per property: enough to reach the rare shapes (quotes next to delimiters, CR/LF inside cells). */
const RUNS = 400;

const cellChars = fc.constantFrom(..."ab阳光卫生院,\"'\n\r\t ;=+-@12．，°".split(""));
const cell = fc.string({ unit: cellChars, maxLength: 12 });
const header = fc.string({ unit: fc.constantFrom(..."abc名称经纬度_1".split("")), minLength: 1, maxLength: 6 });

/** UTF-8, UTF-8 with a BOM, or UTF-16LE with a BOM: the encodings a planner's CSV arrives in. */
function encode(text: string, how: "utf8" | "utf8bom" | "utf16"): Uint8Array {
  if (how === "utf16") {
    const out = new Uint8Array(2 + text.length * 2);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    return out;
  }
  const body = new TextEncoder().encode(text.replace(/^\uFEFF/, ""));
  if (how === "utf8") return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

describe("CSV round trips (fast-check)", () => {
  it("any table exported by exportCsv reads back cell for cell, in UTF-8, UTF-8 BOM and UTF-16", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(header, { minLength: 2, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("utf8" as const, "utf8bom" as const, "utf16" as const),
        (headers, rawRows, how) => {
          const rows = rawRows
            .map((r) => r.slice(0, headers.length))
            // blank rows are skipped on import by design; a cell "'=…" is the one lossy case (documented)
            .filter((r) => r.some((c) => c.trim() !== "") && !r.some((c) => /^'[=+\-@\t\r]/.test(c)));
          fc.pre(rows.length > 0);
          const cols = headers.map((h, k) => ({ header: h, value: (r: string[]) => r[k] }));
          const t = parseCsvBytes(encode(exportCsv(rows, cols), how));
          expect(t.headers).toEqual(headers.map((h) => h.trim()));
          expect(t.rows.map((r) => r.cells)).toEqual(rows);
          expect(t.notes ?? []).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("stray quotes never swallow rows: n data lines give n rows, each read or flagged", () => {
    const plain = fc.string({ unit: fc.constantFrom(...'ab阳光 "'.split("")), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.array(plain, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        (rows) => {
          const data = rows.map((r) => [...r.map((c) => `x${c}`)].join(","));
          const text = `a,b,c\n${data.join("\n")}\n`;
          const t = parseCsvBytes(new TextEncoder().encode(text));
          expect(t.rows.length).toBe(rows.length);
          expect(t.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("number and coordinate parsing (fast-check)", () => {
  it("every finite double's JavaScript text parses back exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(parseDecimal(String(d))).toBe(d === 0 ? 0 : d);
        expect(parseCoordinate(String(d))).toBe(d === 0 ? 0 : d);
      }),
      { numRuns: RUNS },
    );
  });

  it("degrees, minutes and seconds separated by spaces, as GPS units export them (the GIS trial, s40-b #14)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 179 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 5999 }),
        fc.constantFrom("", "E", "W", "N", "S"),
        (deg, min, centisec, hemi) => {
          const sec = (centisec / 100).toFixed(2).padStart(5, "0");
          const sign = /[WS]/.test(hemi) ? -1 : 1;
          expect(parseCoordinate(`${hemi}${deg} ${String(min).padStart(2, "0")} ${sec}`)).toBeCloseTo(
            sign * (deg + min / 60 + Number(sec) / 3600),
            9,
          );
          // degrees and decimal minutes
          expect(parseCoordinate(`${deg} ${min}.5${hemi}`)).toBeCloseTo(sign * (deg + (min + 0.5) / 60), 9);
        },
      ),
      { numRuns: RUNS },
    );
    expect(parseCoordinate("112 14 04.9")).toBeCloseTo(112 + 14 / 60 + 4.9 / 3600, 9);
    // minutes or seconds of 60 or more, or fractional minutes before seconds, are not a position
    for (const bad of ["112 60 00", "112 14 60", "112 14.5 30", "112 14 04 05", "1120 14 04"])
      expect(parseCoordinate(bad), bad).toBeNaN();
  });

  it("minutes or seconds of 60 or more in marked notation are not read, and the message says which part (s40-b)", () => {
    // before: 112°30'75" was read as 112°31'15" without a word, and a spaced 「112 14 60」 was 「不是数字」
    for (const bad of [`112°30'75"`, "112度60分", "112度30分60秒"]) expect(parseCoordinate(bad), bad).toBeNaN();
    expect(parseCoordinate(`112°30'59.9"`)).toBeCloseTo(112 + 30 / 60 + 59.9 / 3600, 9);
    expect(notANumber({ zh: "经度", en: "longitude" }, "112 14 60")).toEqual({
      zh: "经度“112 14 60”的秒（60）须小于 60",
      en: 'longitude "112 14 60": seconds (60) must be below 60',
    });
    expect(notANumber({ zh: "纬度", en: "latitude" }, "33度61分").zh).toBe("纬度“33度61分”的分（61）须小于 60");
    expect(notANumber({ zh: "经度", en: "longitude" }, "112 14.5 30").zh).toBe(
      "经度“112 14.5 30”的分带小数又有秒，无法确定位置",
    );
    expect(notANumber({ zh: "经度", en: "longitude" }, "abc").zh).toBe("经度“abc”不是数字");
  });

  it("degrees-minutes-seconds in ASCII or Chinese notation, full-width digits and a decimal comma", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 179 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 5999 }),
        fc.constantFrom("", "E", "W", "N", "S", "东", "西", "北", "南"),
        fc.boolean(),
        fc.boolean(),
        (deg, min, centisec, hemi, chinese, fullWidth) => {
          const sec = centisec / 100;
          const body = chinese ? `${deg}度${min}分${sec}秒` : `${deg}°${min}'${sec}"`;
          let text = /[WS西南]/.test(hemi) || hemi === "" ? `${body}${hemi}` : `${hemi}${body}`;
          if (fullWidth) text = text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
          const sign = /[WS西南]/.test(hemi) ? -1 : 1;
          expect(parseCoordinate(text)).toBeCloseTo(sign * (deg + min / 60 + sec / 3600), 9);
        },
      ),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 999999 }), (i, f) => {
        const frac = String(f).padStart(6, "0");
        expect(parseCoordinate(`${i}，${frac}`)).toBeCloseTo(Number(`${i}.${frac}`), 12);
        expect(parseCoordinate(`${i},${frac}`)).toBeCloseTo(Number(`${i}.${frac}`), 12);
      }),
      { numRuns: RUNS },
    );
  });

  it("text longer than 64 characters, hexadecimal and binary literals are never numbers", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 65, maxLength: 2000 }), (s) => {
        expect(parseDecimal(s)).toBeNaN();
        expect(parseCoordinate(s)).toBeNaN();
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom("0x", "0X", "0b", "0o"), (n, p) => {
        const text = `${p}${n.toString(p.toLowerCase() === "0x" ? 16 : p.toLowerCase() === "0b" ? 2 : 8)}`;
        expect(parseDecimal(text)).toBeNaN();
      }),
      { numRuns: RUNS },
    );
  });
});

describe("column guessing (fast-check)", () => {
  const CANON: Array<[keyof ReturnType<typeof guessColumns>, string[]]> = [
    ["name", ["名称", "机构名称", "name", "单位名称"]],
    ["type", ["类型", "机构类别", "type", "category"]],
    ["lon", ["经度", "lon", "lng", "longitude", "x"]],
    ["lat", ["纬度", "lat", "latitude", "y"]],
    ["county", ["所属县区", "县区", "county"]],
    ["beds", ["床位数", "beds"]],
  ];

  it("known headers in any order, case and padding map to their fields; no header feeds two fields", () => {
    fc.assert(
      fc.property(
        fc.tuple(...CANON.map(([, names]) => fc.constantFrom(...names))),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom("", " ", "  ", "\t"), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (picked, order, pads, upper) => {
          const headers = picked.map((h, i) => `${pads[2 * i]}${upper ? h.toUpperCase() : h}${pads[2 * i + 1]}`);
          const shuffled = headers
            .map((h, i) => [order[i], i, h] as const)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1])
            .map((x) => x[2]);
          const m = guessColumns(shuffled);
          for (const [i, [field]] of CANON.entries()) expect(m[field]).toBe(headers[i]);
          const used = Object.values(m).filter((v) => v !== undefined);
          expect(new Set(used).size).toBe(used.length);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("arbitrary headers never crash the guess and only ever map to given headers", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 12 }), (headers) => {
        const m = guessColumns(headers);
        for (const v of Object.values(m)) if (v !== undefined) expect(headers).toContain(v);
      }),
      { numRuns: RUNS },
    );
  });
});
