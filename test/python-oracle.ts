import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Debian's python3, which has python3-shapely (GEOS) and python3-pyproj (PROJ): test oracles, never runtime deps. */
export const PYTHON = "/usr/bin/python3";

/**
 * Whether the GEOS/PROJ oracle can run here. Under CI it must (`.ci/run` installs it): a missing oracle is an error
 * there, not a skip; elsewhere the tests that use it are skipped with a note naming `what`.
 */
export function shapelyAvailable(what: string): boolean {
  let ok = false;
  if (existsSync(PYTHON)) {
    try {
      execFileSync(PYTHON, ["-c", "import shapely, pyproj"], { stdio: "ignore" });
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (!ok && process.env.CI === "true")
    throw new Error(
      "CI: /usr/bin/python3 with shapely and pyproj (Debian python3-shapely, python3-pyproj) is required",
    );
  if (!ok) console.warn(`${what} skipped: /usr/bin/python3 lacks shapely or pyproj`);
  return ok;
}
