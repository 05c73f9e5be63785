import { deflateSync } from "node:zlib";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { decodePng } from "./png";

/** CRC-32 of PNG chunks (ISO 3309), bit by bit. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * A PNG of `pixels` with the row filters `filterOf(y)` applied as the PNG specification defines them (written here
 * from the specification, independently of the decoder), split over two IDAT chunks.
 */
function encode(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  filterOf: (y: number) => number,
): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  const at = (y: number, i: number) => (y < 0 || i < 0 ? 0 : pixels[y * stride + i]);
  for (let y = 0; y < height; y++) {
    const f = filterOf(y);
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = at(y, i);
      const a = at(y, i - channels);
      const b = at(y - 1, i);
      const c = at(y - 1, i - channels);
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, Math.floor((a + b) / 2), paeth][f];
      raw[y * (stride + 1) + 1 + i] = (x - pred) & 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, { 1: 0, 2: 4, 3: 2, 4: 6 }[channels]!, 0, 0, 0], 8);
  const z = deflateSync(raw);
  const half = z.length >> 1;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", z.subarray(0, half)),
    chunk("tEXt", Buffer.from("Comment\0between the image data")),
    chunk("IDAT", z.subarray(half)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Seeded pixels: smooth gradients (where the filters matter) with noise. */
function pixels(width: number, height: number, channels: number, seed: number): Uint8Array {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let k = 0; k < channels; k++)
        out[(y * width + x) * channels + k] = (x * (k + 1) * 7 + y * 13 + Math.floor(rnd() * 40)) & 255;
  return out;
}

describe("decodePng (the browser tests' reader of prints)", () => {
  for (const channels of [1, 2, 3, 4])
    it(`reads ${channels}-channel 8-bit images with every row filter as fast-png does, and as they were written`, () => {
      const [w, h] = [37, 25];
      const px = pixels(w, h, channels, 7 + channels);
      const png = encode(px, w, h, channels, (y) => y % 5);
      const ours = decodePng(new Uint8Array(png));
      const ref = decode(new Uint8Array(png));
      expect([ours.width, ours.height, ours.channels]).toEqual([w, h, channels]);
      expect([ref.width, ref.height, ref.channels]).toEqual([w, h, channels]);
      expect(Buffer.from(ours.data).equals(Buffer.from(px))).toBe(true);
      expect(Buffer.from(ours.data).equals(Buffer.from(ref.data as Uint8Array))).toBe(true);
    });

  it("refuses what it does not read: not a PNG, 16-bit, an unknown row filter", () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a PNG/);
    const png = encode(pixels(4, 3, 4, 1), 4, 3, 4, () => 0);
    const deep = Buffer.from(png);
    deep[8 + 8 + 8] = 16; // IHDR's bit depth (the CRC is not checked)
    expect(() => decodePng(new Uint8Array(deep))).toThrow(/bit depth 16/);
    const bad = encode(pixels(4, 3, 4, 1), 4, 3, 4, (y) => (y === 2 ? 0 : 1));
    const ihdrEnd = 8 + 12 + 13;
    const idat = bad.indexOf(Buffer.from("IDAT"), ihdrEnd);
    expect(idat).toBeGreaterThan(0);
    // a row filter of 5: rebuilt with the raw rows' third filter byte changed
    const raw = Buffer.alloc(3 * (16 + 1));
    raw[2 * 17] = 5;
    const z = deflateSync(raw);
    const ihdr = bad.subarray(8, ihdrEnd);
    const broken = Buffer.concat([bad.subarray(0, 8), ihdr, chunk("IDAT", z), chunk("IEND", new Uint8Array(0))]);
    expect(() => decodePng(new Uint8Array(broken))).toThrow(/row 2 has filter type 5/);
  });
});
