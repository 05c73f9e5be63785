/**
 * Measures one large import in this process and prints one JSON line: rows or features read, wall time, peak RSS.
 * The input is generated into a temporary directory (never into the repository) and deleted afterwards.
 *
 *   npx tsx scripts/measure-import.ts csv-1m        # 1,000,000-row facility CSV
 *   npx tsx scripts/measure-import.ts geojson-200mb # about 200 MB of GeoJSON points
 *   npx tsx scripts/measure-import.ts zip-bomb      # a zip declaring 1 GB, and one inflating past what it declares
 *   npx tsx scripts/measure-import.ts long-number   # a 40,000-digit cell, with the parser before and after the fix
 *
 * `npx tsx scripts/bench-io.ts` runs them all, each in its own process (so each peak RSS is its own).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { unzipSync, Zip, ZipDeflate, zipSync } from "fflate";
import { parseFacilityFile } from "../src/core";

const kind = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), "hfp-measure-"));

function rssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function timeIt<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, Math.round(performance.now() - t0)];
}

async function main() {
  if (kind === "csv-1m" || kind === "geojson-200mb") {
    if (process.argv[3] === "--read") {
      // the measuring process: reads the generated file and imports it, nothing else
      const file = process.argv[4];
      const bytes = new Uint8Array(readFileSync(file));
      const before = rssMiB();
      const name = basename(file);
      const [r, ms] = await timeIt(() => parseFacilityFile(bytes, name));
      return {
        kind,
        bytes: bytes.length,
        rows: r.totalRows,
        analysed: r.facilities.length,
        rejected: r.rejectedRows,
        issues: r.issues.length,
        ms,
        rssAfterReadMiB: before,
        peakRssMiB: rssMiB(),
      };
    }
    const file = join(dir, kind === "csv-1m" ? "facilities-1m.csv" : "facilities-200mb.geojson");
    if (kind === "csv-1m") {
      const parts = ["id,name,type,lon,lat,county\n"];
      for (let i = 0; i < 1_000_000; i++)
        parts.push(
          `V${i},村卫生室${i},village-clinic,${(111.5 + (i % 1000) * 0.0015).toFixed(4)},${(32.5 + Math.floor(i / 1000) * 0.0012).toFixed(4)},411302\n`,
        );
      writeFileSync(file, parts.join(""));
    } else {
      const parts: string[] = ['{"type":"FeatureCollection","features":['];
      let size = parts[0].length;
      for (let i = 0; size < 200 * 1024 * 1024; i++) {
        const f = `${i ? "," : ""}{"type":"Feature","properties":{"id":"V${i}","name":"村卫生室${i}","type":"village-clinic","county":"411302"},"geometry":{"type":"Point","coordinates":[${(111.5 + (i % 1000) * 0.0015).toFixed(5)},${(32.5 + Math.floor(i / 1000) * 0.0012).toFixed(5)}]}}`;
        parts.push(f);
        size += Buffer.byteLength(f);
      }
      parts.push("]}");
      writeFileSync(file, parts.join(""));
    }
    const out = execFileSync(process.execPath, ["--import", "tsx", import.meta.filename, kind, "--read", file], {
      encoding: "utf8",
    });
    return JSON.parse(out) as unknown;
  }
  if (kind === "zip-bomb") {
    const zip = new Uint8Array(readFileSync(join(import.meta.dirname, "../test/fixtures/io/facilities-gk4546.zip")));
    const declared = new Uint8Array(zipSync(unzipSync(zip)));
    const dv = new DataView(declared.buffer);
    for (let k = 0; k + 4 <= declared.length; k++) {
      if (dv.getUint32(k, true) === 0x04034b50) dv.setUint32(k + 22, 1_000_000_000, true);
      if (dv.getUint32(k, true) === 0x02014b50) dv.setUint32(k + 24, 1_000_000_000, true);
    }
    const [a, msDeclared] = await timeIt(() => parseFacilityFile(declared, "declared.zip"));
    // 1 GiB of zeros (built in 1 MiB chunks) compresses to about 1 MB; one copy declares its size, one lies (1,000)
    const chunks: Uint8Array[] = [];
    const z = new Zip((err, data) => {
      if (err) throw err;
      chunks.push(data);
    });
    const entry = new ZipDeflate("a.shp", { level: 9 });
    z.add(entry);
    const mib = new Uint8Array(1024 * 1024);
    for (let k = 0; k < 1024; k++) entry.push(mib, k === 1023);
    z.end();
    const bomb = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      bomb.set(c, o);
      o += c.length;
    }
    const rssBefore = rssMiB();
    const [b, msHonest] = await timeIt(() => parseFacilityFile(bomb, "bomb.zip"));
    const lying = new Uint8Array(bomb);
    const lv = new DataView(lying.buffer);
    for (let k = 0; k + 4 <= lying.length; k++) {
      if (lv.getUint32(k, true) === 0x02014b50) lv.setUint32(k + 24, 1000, true);
      if (lv.getUint32(k, true) === 0x08074b50) lv.setUint32(k + 12, 1000, true);
    }
    const [c, msLying] = await timeIt(() => parseFacilityFile(lying, "lying.zip"));
    return {
      kind,
      declaredCode: a.issues[0]?.code,
      msDeclared,
      bombZipBytes: bomb.length,
      honestCode: b.issues[0]?.code,
      msHonest,
      lyingCode: c.issues[0]?.code,
      lyingMessage: c.issues[0]?.message.en,
      msLying,
      rssBeforeMiB: rssBefore,
      peakRssMiB: rssMiB(),
    };
  }
  if (kind === "long-number") {
    const cell = `${"1".repeat(40_000)}x`;
    // the pattern the parser used before the fix (backtracks quadratically on a long run of digits)
    const old = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    const t0 = performance.now();
    old.test(cell);
    const msBefore = Math.round(performance.now() - t0);
    const bytes = new TextEncoder().encode(`name,type,lon,lat\n卫生院,thc,${cell},33\n`);
    const [r, msAfter] = await timeIt(() => parseFacilityFile(bytes, "long.csv"));
    return { kind, chars: cell.length, msBeforeFix: msBefore, msAfterFix: msAfter, code: r.issues[0]?.code };
  }
  throw new Error(`unknown measurement ${kind}`);
}

main()
  .then((r) => console.log(JSON.stringify(r)))
  .finally(() => rmSync(dir, { recursive: true, force: true }));
