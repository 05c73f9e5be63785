import { type ComponentProps, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { TownshipTable } from "../../src/app/components/TownshipTable";
import { I18nProvider, type Lang } from "../../src/app/i18n";
import type { AnalysisReport } from "../../src/core";

// every row drawn: the table is virtualised, and a page not laid out measures no room for any row
vi.mock("@tanstack/react-virtual", () => ({
  useVirtualizer: ({ count }: { count: number }) => ({
    getVirtualItems: () =>
      Array.from({ length: count }, (_, index) => ({ index, start: index * 24, end: index * 24 + 24 })),
    getTotalSize: () => count * 24,
    measureElement: () => {},
  }),
}));

type Row = AnalysisReport["townships"][number];
const row = (code: string, name: string, kind: Row["kind"], centres: Row["centres"] = []): Row =>
  ({
    code,
    name,
    kind,
    county: "621121",
    centres,
    villages: 3,
    villagesWithClinic: 1,
    villagesWithoutClinic: 2,
  }) as Row;
const rows = [
  row("621121100", "平襄镇", "镇"),
  row("621121200", "北城铺乡", "乡", [
    { id: "f1", name: "北城铺乡卫生院", type: "thc", central: false, subCentre: false },
  ]),
];

/** Each body row's cells as text (tags dropped), and the name cell's title. */
function table(lang: Lang) {
  const html = renderToStaticMarkup(
    createElement(
      I18nProvider,
      { lang } as ComponentProps<typeof I18nProvider>,
      createElement(TownshipTable, { rows, county: "621121", countyName: "通渭县" }),
    ),
  );
  return [...html.matchAll(/<tr[^>]*data-township-code[^>]*>(.*?)<\/tr>/g)].map(([, tr]) => ({
    cells: [...tr.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(([, td]) => td.replace(/<[^>]+>/g, "").trim()),
    title: /<td class="tname"[^>]*title="([^"]*)"/.exec(tr)?.[1],
    lang: /<td class="tname"[^>]*lang="([^"]*)"/.exec(tr)?.[1],
  }));
}

describe("the township table in either language", () => {
  it("English: the Chinese name (no English one the app can vouch for), its kind in words, and no centre said in words (the user trial, s54 L9: 「平襄镇 town none」)", () => {
    const [pingxiang, beichengpu] = table("en");
    expect(pingxiang.cells.slice(0, 3)).toEqual(["平襄镇", "town", "no centre"]);
    expect(pingxiang.title).toBe("平襄镇 (town)");
    expect(pingxiang.lang).toBe("zh");
    expect(beichengpu.cells.slice(0, 3)).toEqual(["北城铺乡", "township", "北城铺乡卫生院"]);
    expect(beichengpu.title).toBe("北城铺乡 (township)");
  });

  it("Chinese: as it was", () => {
    const [pingxiang, beichengpu] = table("zh");
    expect(pingxiang.cells.slice(0, 3)).toEqual(["平襄镇", "镇", "无"]);
    expect(pingxiang.title).toBe("平襄镇");
    expect(pingxiang.lang).toBeUndefined();
    expect(beichengpu.cells.slice(0, 3)).toEqual(["北城铺乡", "乡", "北城铺乡卫生院"]);
  });
});
