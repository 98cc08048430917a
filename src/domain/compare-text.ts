/** Locale-independent string comparison (code units), so orderings match on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Levenshtein distance, for "did you mean" and the nearest names. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = saved;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The `count` names nearest to `asked` (case aside), nearest first, then in code-unit order: what
 * an error about an unknown name offers when listing every name would be too long to read.
 */
export function nearestNames(asked: string, names: readonly string[], count: number): string[] {
  const key = asked.toLowerCase();
  return names
    .map((name) => ({ name, d: distance(key, name.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || compareText(a.name, b.name))
    .slice(0, count)
    .map((n) => n.name);
}
