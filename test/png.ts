/**
 * A PNG decoder for the browser tests' prints: 8-bit greyscale, RGB or RGBA (with or without alpha), not interlaced,
 * which is what Chromium's `canvas.toBlob("image/png")` writes. Its inflate is Node's zlib; fast-png's is pure
 * JavaScript and took 6–9 s of the test's time for each 300 dpi A4 print on a loaded machine. Anything else (palette,
 * 16-bit, interlaced) is refused with a message, not misread. Returns what fast-png's `decode` returns for the fields
 * the tests read.
 */
import { inflateSync } from "node:zlib";

export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new Error("decodePng: not a PNG file");
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      channels = CHANNELS[colour] ?? 0;
      if (depth !== 8 || !channels || interlace !== 0)
        throw new Error(`decodePng: bit depth ${depth}, colour type ${colour}, interlace ${interlace} not supported`);
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  if (!width || !height) throw new Error("decodePng: no IHDR chunk");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1))
    throw new Error(`decodePng: ${raw.length} bytes of image data, ${height * (stride + 1)} expected`);
  const data = new Uint8Array(height * stride);
  const bpp = channels; // bytes per pixel at 8 bits a channel
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const x = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = data.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? data.subarray((y - 1) * stride, y * stride) : zero;
    // one loop per filter type (PNG's filters: none, sub, up, average, Paeth), the first pixel apart where it has no left
    if (filter === 0) out.set(x);
    else if (filter === 1) {
      for (let i = 0; i < bpp; i++) out[i] = x[i];
      for (let i = bpp; i < stride; i++) out[i] = x[i] + out[i - bpp];
    } else if (filter === 2) for (let i = 0; i < stride; i++) out[i] = x[i] + up[i];
    else if (filter === 3) {
      for (let i = 0; i < bpp; i++) out[i] = x[i] + (up[i] >> 1);
      for (let i = bpp; i < stride; i++) out[i] = x[i] + ((out[i - bpp] + up[i]) >> 1);
    } else if (filter === 4) {
      for (let i = 0; i < bpp; i++) out[i] = x[i] + up[i];
      for (let i = bpp; i < stride; i++) {
        const a = out[i - bpp];
        const b = up[i];
        const c = up[i - bpp];
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        out[i] = x[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
    } else throw new Error(`decodePng: row ${y} has filter type ${filter}`);
  }
  return { width, height, channels, data };
}
