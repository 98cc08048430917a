/** A number for a sentence: at most 2 decimals, no trailing zeros, never `-0` (`7`, `5.5`, `0.33`). */
export function formatAmount(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
