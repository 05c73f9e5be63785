import { expect } from "vitest";

/**
 * `expect(a).toEqual(b)` for typed arrays (grids, masks, travel fields), with a fast path: two arrays of one type and
 * length with the same bytes pass at once (every element is then Object.is-equal, which is what toEqual asks); any
 * other pair goes to toEqual itself, so the check and its message are toEqual's. toEqual walks the elements one by
 * one through its generic equality: over a grid's tens of thousands of cells, compared after every step, that walk
 * was half of travel-time.test.ts's CPU time.
 */
export function expectSameArray(a: ArrayLike<number>, b: ArrayLike<number>, message?: string): void {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.constructor === b.constructor && a.length === b.length) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (Buffer.compare(x, y) === 0) return;
  }
  expect(a, message).toEqual(b);
}
