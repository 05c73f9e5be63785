/**
 * A binary min-heap of (key, item) pairs on growable typed arrays, for Dijkstra-style searches.
 * Stale entries are allowed (lazy deletion): the caller skips an item whose key no longer matches.
 */
export class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.items = new Int32Array(Math.max(16, capacity));
  }

  clear(): void {
    this.size = 0;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    const { keys, items } = this;
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[k] = keys[parent];
      items[k] = items[parent];
      k = parent;
    }
    keys[k] = key;
    items[k] = item;
  }

  /** Key of the smallest entry (undefined behaviour when empty). */
  peekKey(): number {
    return this.keys[0];
  }

  /** Removes the smallest entry and returns its item; its key is read with {@link peekKey} before. */
  pop(): number {
    const { keys, items } = this;
    const top = items[0];
    const n = --this.size;
    if (n === 0) return top;
    const key = keys[n];
    const item = items[n];
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[k] = keys[child];
      items[k] = items[child];
      k = child;
    }
    keys[k] = key;
    items[k] = item;
    return top;
  }
}
