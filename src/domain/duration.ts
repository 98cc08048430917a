/**
 * Minutes as a person reads a run's length: `12 s` under a minute, `3.5 min` under an hour
 * (one decimal), `2 h 5 min` beyond. Negative or non-finite minutes read as `—`.
 */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) return '—';
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const whole = Math.round(minutes);
  return `${Math.floor(whole / 60)} h${whole % 60 === 0 ? '' : ` ${whole % 60} min`}`;
}
