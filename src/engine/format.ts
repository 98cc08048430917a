/** Rounds to cents (or any number of decimals), avoiding `-0`. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `14,626`: a whole count with thousands grouped, as `toLocaleString('en-US')` writes it, without
 * it: that loads ICU's number formatting, about 6 MB more of a dry run's peak memory.
 */
export function formatCount(count: number): string {
  return groupThousands(Math.round(count));
}

/** `$1,498`, `$579`, `$4.50`: whole dollars from $100 up or when whole, cents below. */
export function formatUsd(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = round(Math.abs(value));
  if (abs >= 100 || Number.isInteger(abs)) return `${sign}$${groupThousands(Math.round(abs))}`;
  return `${sign}$${abs.toFixed(2)}`;
}

/** 0.4234 → `42%`. */
export function formatPct(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A number with at most `decimals` decimals, trailing zeros kept: 0.5 → `0.50`. */
export function formatFixed(value: number, decimals = 2): string {
  return round(value, decimals).toFixed(decimals);
}

/** "Basic EDU Apps'" and "ChairTime's": the possessive of a name. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
