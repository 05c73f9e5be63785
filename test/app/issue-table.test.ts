import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IssueTable } from "../../src/app/components/IssueTable";
import type { RowIssue } from "../../src/core";

const issue = (row: number, severity: "error" | "warning", code: string): RowIssue => ({
  file: "f.csv",
  row,
  field: "名称",
  severity,
  code,
  message: { zh: code, en: code },
});

describe("the import's issue table", () => {
  it("offers to drop only rows that are imported: a row both rejected and warned has nothing to drop (a user trial)", () => {
    const html = renderToStaticMarkup(
      createElement(IssueTable, {
        issues: [
          issue(2, "warning", "type-from-name"),
          issue(3, "error", "missing-coordinate"),
          issue(3, "warning", "type-from-name"),
        ],
        drop: new Set<number>(),
        keptRows: new Set([2]),
        onToggle: () => {},
      }),
    );
    expect(html).toContain('data-testid="drop-row-2"');
    expect(html).not.toContain('data-testid="drop-row-3"');
  });

  it("the other-city warning does not print the city's id after the message (the planner trial, s54d L4)", () => {
    const other: RowIssue = {
      file: "f.csv",
      row: 0,
      field: "",
      severity: "warning",
      code: "other-city",
      value: "nangong",
      message: { zh: "这份名单似属邢台市：请切换到邢台市后再导入", en: "switch" },
    };
    const html = renderToStaticMarkup(createElement(IssueTable, { issues: [other] }));
    expect(html).toContain("请切换到邢台市后再导入");
    expect(html).not.toContain("nangong");
  });
});
