/** A binary heap: `pop` returns the item for which `before` holds against every other. */
export interface Heap<T> {
  readonly size: number;
  push(item: T): void;
  pop(): T | undefined;
}

/** Creates an empty binary heap ordered by `before(a, b)` (true when `a` must come out first). */
export function createHeap<T>(before: (a: T, b: T) => boolean): Heap<T> {
  const items: T[] = [];
  const swap = (i: number, j: number): void => {
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  };
  const first = (i: number, j: number): boolean => before(items[i] as T, items[j] as T);

  return {
    get size() {
      return items.length;
    },
    push(item) {
      items.push(item);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!first(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop() {
      if (items.length === 0) return undefined;
      const top = items[0];
      const last = items.pop() as T;
      if (items.length > 0) {
        items[0] = last;
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let best = i;
          if (left < items.length && first(left, best)) best = left;
          if (right < items.length && first(right, best)) best = right;
          if (best === i) break;
          swap(i, best);
          i = best;
        }
      }
      return top;
    },
  };
}
