/** The source of "now": injected everywhere so logic never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `iso` (tests, dry runs, `--now`). */
export function fixedClock(iso: string | Date): Clock {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`invalid clock time: ${String(iso)}`);
  return { now: () => new Date(at) };
}
