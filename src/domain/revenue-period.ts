/**
 * The periods before a source's latest that tell what its churn was, as a rise is measured from
 * (see RevenueSource.churnBaseline): half a year of months. A plan reads at least this many more
 * of each source's latest periods (see RevenueRepository.periodsToAnalyse).
 */
export const CHURN_BASELINE_PERIODS = 6;

/**
 * How far back from the end of a source's latest complete period its growth is read (see
 * RevenueSource.growth), in days: the periods ending in that quarter, the latest with them (four
 * months, two quarters, or as many weeks as a plan reads: CHURN_BASELINE_PERIODS before the
 * latest). Its last change alone flipped a zigzagging product's verdict each month; four weeks
 * flipped a product alternating $3,000 and $3,300 weeks each week. Much longer, and a climb that
 * stopped would read as going on for months.
 */
export const TREND_DAYS = 92;

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

/**
 * Revenue of the other level recorded for a record's days, which sums with it: the projects'
 * beside a record of the workspace's own, or the workspace's own beside a project's; how many
 * records, their sum, and the days they span.
 */
export interface RevenueBeside {
  level: 'projects' | 'workspace';
  records: number;
  actual: number;
  from: string;
  to: string;
}

/**
 * What a record's reply adds when revenue of the other level covers the same days, which sums with
 * it (revenue is every source's latest period added up): `. It adds to the $800.00 recorded on the
 * projects for those days (1 record): revenue sums both, so if $2,000.00 was …`.
 */
export function besideClause(
  r: { actual: number; periodStart: string; periodEnd: string; beside: RevenueBeside | null },
  dollars: (n: number) => string,
  remove: string,
): string {
  const b = r.beside;
  if (b === null) return '';
  if (b.level === 'projects') {
    return `. It adds to the ${dollars(b.actual)} recorded on the projects for those days (${b.records} ${b.records === 1 ? 'record' : 'records'}): revenue sums both, so if ${dollars(r.actual)} was the whole business's, remove it (\`${remove} --from ${r.periodStart} --to ${r.periodEnd}\`) and keep the projects' own`;
  }
  // Its own period: `--all` would remove every month the workspace typed (a review found it so).
  return `. The workspace's own ${dollars(b.actual)} recorded for those days adds to it (revenue sums both): if that was the whole business's, \`${remove} --from ${b.from} --to ${b.to}\` (without --project) removes the workspace's own for them`;
}

/** Whether a record typed again is the one typed before, figure for figure: its reply says so. */
export const sameAsBefore = (r: { replaced: number[]; changed: string[] }): boolean =>
  r.replaced.length === 1 && r.changed.length === 1 && r.changed[0] === 'nothing changed';
