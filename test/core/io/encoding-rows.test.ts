import { describe, expect, it } from "vitest";
import { parseCsvBytes, parseFacilityFile } from "../../../src/core/io";

/**
 * Encoding warnings name table rows (header = 1, the numbering of every other issue), not the physical lines the
 * decoder saw: a quoted cell spanning lines, or a stray quote, would otherwise shift every number after it.
 */

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
/** GBK bytes (GB2312 table: 卫 CEC0, 生 C9FA, 院 D4BA). */
const GBK: Record<string, number[]> = { 卫: [0xce, 0xc0], 生: [0xc9, 0xfa], 院: [0xd4, 0xba] };
const gbk = (s: string) => new Uint8Array([...s].flatMap((c) => GBK[c] ?? [...enc(c)]));

describe("encoding warnings name rows", () => {
  // header on line 1; row 2 has a quoted note over lines 2–4; row 3 (line 5) is GBK; row 4 (line 6) UTF-8
  const head = "id,name,note,type,lon,lat\n";
  const row2 = 'A1,阳光卫生院,"第一行\n第二行\n第三行",thc,112.1,33\n';
  const row4 = "A3,光明卫生院,,thc,112.3,33\n";

  for (const eol of ["\n", "\r\n"]) {
    it(`a GBK row after a cell spanning three lines is named as row 3, not line 5 (${JSON.stringify(eol)})`, async () => {
      const bytes = concat(
        enc((head + row2).replaceAll("\n", eol)),
        enc("A2,"),
        gbk("卫生院"),
        enc(`,,thc,112.2,33${eol}`),
        enc(row4.replaceAll("\n", eol)),
      );
      const t = parseCsvBytes(bytes);
      expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4]);
      const w = (t.notes ?? []).filter((n) => n.code === "mixed-encoding");
      expect(w).toHaveLength(1);
      expect(w[0].value).toBe("3");
      expect(w[0].message.en).toContain("rows unlike the rest: 3");
      expect(w[0].message.zh).toContain("表格行：3");
      const r = await parseFacilityFile(bytes, "multi.csv");
      expect(r.facilities.map((f) => f.name)).toEqual(["阳光卫生院", "卫生院", "光明卫生院"]);
      expect(r.issues.find((i) => i.code === "mixed-encoding")?.value).toBe("3");
    });
  }

  it("undecodable bytes on the second line of a quoted cell name the row the cell belongs to", () => {
    // row 2's quoted cell spans lines 2–3; line 3 holds 0xFF (neither UTF-8 nor GB18030); row 3 is line 4
    const bytes = concat(
      enc('id,name,note\nA1,阳光卫生院,"上\n'),
      new Uint8Array([0xff]),
      enc('下"\nA2,光明卫生院,x\nA3,甲,"一\n二\n三"\nA4,乙,'),
      new Uint8Array([0xff]),
      enc("\n"),
    );
    const t = parseCsvBytes(bytes);
    const u = (t.notes ?? []).filter((n) => n.code === "undecodable");
    expect(u).toHaveLength(1);
    // lines 3 and 8 are rows 2 and 5
    expect(u[0].value).toBe("2, 5");
    expect(t.rows.find((r) => r.row === 5)?.cells[0]).toBe("A4");
  });

  it("after a stray quote (read line by line), the GBK row is still named by its row", () => {
    const bytes = concat(
      enc('id,name,type,lon,lat\nA1,"阳光"卫生院,thc,112.1,33\nA2,"多\n行",thc,112.15,33\nA3,'),
      gbk("卫生院"),
      enc(",thc,112.2,33\n"),
    );
    const t = parseCsvBytes(bytes);
    expect(t.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(t.rows[2].cells[0]).toBe("A3");
    expect((t.notes ?? []).find((n) => n.code === "mixed-encoding")?.value).toBe("4");
  });
});
