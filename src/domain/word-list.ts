/** Items in a sentence: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Items in a sentence, named only as far as `most` when there are more: the first `shown` of them
 * then "and N more" ("T-1, T-2 and 4 more"); all of them, as `listed` gives them, otherwise.
 */
export function listedFirst(items: readonly string[], shown: number, most = shown): string {
  if (items.length <= most) return listed(items);
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
