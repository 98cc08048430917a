/** Locale-independent string comparison (code units), so orderings match on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
