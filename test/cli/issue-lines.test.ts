import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/cli/common";

/**
 * A whole-file note whose value lists every row (南宫's sample: 5,315 context rows) printed a 31,511-character line
 * before the summary (the re-trial, s50b L5): the console cuts a long value; rejected.csv keeps it whole.
 */
describe("an issue's console line", () => {
  const issue = {
    file: "scenario-nangong.geojson",
    row: 0,
    field: "",
    severity: "note" as const,
    message: { zh: "5315 个要素在本规划约束的县区以外", en: "5315 features lie outside" },
  };

  it("cuts a value longer than 120 characters, and keeps a short one whole", () => {
    const rows = Array.from({ length: 5995 }, (_, i) => String(i + 1)).join(", ");
    const line = formatIssue({ ...issue, value: rows });
    expect(line.length).toBeLessThan(300);
    expect(line).toContain(`（值 value “${rows.slice(0, 120)}…”）`);
    expect(line).toContain("5315 个要素在本规划约束的县区以外 / 5315 features lie outside");
    expect(formatIssue({ ...issue, row: 3, value: "卫生服务站" })).toContain("（值 value “卫生服务站”）");
  });
});
