/** What a collection orders by: `created`, then `seq` (the order of creation within a second). */
export interface Ordered {
  readonly id: string;
  readonly created: number;
  readonly seq: number;
}

const before = (a: Ordered, created: number, seq: number) =>
  a.created < created || (a.created === created && a.seq < seq);

/**
 * One kind of object, kept oldest first so the usual case (objects added as the clock moves on)
 * is an append, and found by id or by position with a binary search. Stripe lists newest first;
 * a page walks this array backwards from a cursor, so it costs what it returns, not the whole
 * collection, even at 50,000 subscriptions.
 */
export function createCollection<T extends Ordered>() {
  const items: T[] = [];
  const byId = new Map<string, T>();

  /** The position of the first item not before (`created`, `seq`). */
  function lowerBound(created: number, seq: number): number {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(items[mid] as T, created, seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    items: items as readonly T[],
    get: (id: string) => byId.get(id),
    get size() {
      return items.length;
    },
    add(item: T) {
      if (byId.has(item.id)) throw new Error(`fake Stripe: ${item.id} exists already`);
      const last = items[items.length - 1];
      if (!last || !before(item, last.created, last.seq)) items.push(item);
      else items.splice(lowerBound(item.created, item.seq), 0, item);
      byId.set(item.id, item);
    },
    /** Where an item sits (oldest first). */
    positionOf: (item: Ordered) => lowerBound(item.created, item.seq),
    /** The position of the newest item created at or before `unix` (-1 when none). */
    lastAtOrBefore: (unix: number) => lowerBound(unix + 1, 0) - 1,
  };
}

export type Collection<T extends Ordered> = ReturnType<typeof createCollection<T>>;
