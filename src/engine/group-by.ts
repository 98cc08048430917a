/** Groups items by a key in one pass (keeps input order within each group). */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  // Indexed, not for…of: see allocateStakes.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
