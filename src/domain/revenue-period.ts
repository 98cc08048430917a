/**
 * For revenue recorded for a period not over yet: `; it counts from 2026-12-01, once the period has
 * ended (the milestone counts complete periods)`; '' for a period already over (`countsFrom` null).
 * Analysis counts a source's latest complete period, so this month's figure shows as $0 until then.
 */
export function countsFromClause(countsFrom: string | null): string {
  return countsFrom === null
    ? ''
    : `; it counts from ${countsFrom}, once the period has ended (the milestone counts complete periods)`;
}

/** Whether a record typed again is the one typed before, figure for figure: its reply says so. */
export const sameAsBefore = (r: { replaced: number[]; changed: string[] }): boolean =>
  r.replaced.length === 1 && r.changed.length === 1 && r.changed[0] === 'nothing changed';
