import { describe, expect, it } from "vitest";
import { PROGRESS_EVERY, parseFacilityFile } from "../../../src/core/io";

describe("large files", () => {
  it("parses a generated 100,000-row CSV with progress", async () => {
    const N = 100_000;
    const lines = ["id,name,type,lon,lat"];
    // Every 1000th row has a bad latitude; positions on a deterministic grid.
    for (let i = 0; i < N; i++)
      lines.push(
        `V${i},村卫生室${i},village-clinic,${(110 + (i % 1000) * 0.004).toFixed(3)},${i % 1000 === 999 ? "x" : (32 + Math.floor(i / 1000) * 0.02).toFixed(2)}`,
      );
    const data = new TextEncoder().encode(lines.join("\n"));
    const progress: Array<[number, number]> = [];
    const r = await parseFacilityFile(data, "big.csv", { onProgress: (d, t) => progress.push([d, t]) });
    expect(r.totalRows).toBe(N);
    expect(r.rejectedRows).toBe(100);
    expect(r.facilities.length).toBe(N - 100);
    expect(r.issues.length).toBe(100);
    expect(r.issues[0]).toMatchObject({ file: "big.csv", row: 1001, field: "lat", value: "x", code: "not-a-number" });
    expect(progress.length).toBe(N / PROGRESS_EVERY);
    expect(progress.at(-1)).toEqual([N, N]);
    const f = r.facilities[12345 - 12];
    expect(f.id).toBe("V12345");
    expect(f.lon).toBeCloseTo(110 + 345 * 0.004, 9);
    expect(f.lat).toBeCloseTo(32 + 12 * 0.02, 9);
  });
});
