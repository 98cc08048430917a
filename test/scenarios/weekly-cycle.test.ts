import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, type PlannedTask, plan, seedTeam, taskTitled, useTeam } from './team.js';

// Cartwheel runs a web shop and reads its orders once a day. Like most shops, it sells less at the
// weekend (four in ten fewer orders on Saturdays and Sundays), and like most teams it reads
// Goalpost's digest on Monday morning, the morning after a Sunday. A lead reads the goal the same
// way all week: the shop is where it was on Friday, a day's growth on. Judged on its latest reading
// alone, the goal read 45 % of the way on Friday and none of it on Sunday, its gap doubled over the
// weekend (and the work linked to it valued on that gap), and each Saturday read as "an outlier"
// with the command to check it.
const APP = 'Cartwheel';
const FEATURE = 'One-click reorder';

/** Every day from `from` to `to` (YYYY-MM-DD, UTC), inclusive. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** Ten weeks of a daily metric up to `to`, each reading at 06:00 UTC of its day. */
function readings(to: string, value: (day: string, i: number) => number): Array<[string, number]> {
  const first = new Date(Date.parse(`${to}T00:00:00Z`) - 69 * 86_400_000).toISOString().slice(0, 10);
  return daysBetween(first, to).map((day, i) => [`${day}T06:00:00Z`, value(day, i)]);
}

interface Shop {
  metric: string;
  unit: string;
  target: number;
  /** The metric on a day, the `i`th of the ten weeks of readings that end on Monday 2026-11-23. */
  value: (day: string, i: number) => number;
}

/** The goal's analytics and its feature's task each morning, read before the next morning opens. */
function readMornings(team: ReturnType<typeof useTeam>, shop: Shop) {
  const seen: Array<{
    day: string;
    status: string;
    progress: number;
    anomalies: number;
    why: string;
    task: PlannedTask;
  }> = [];
  const friday = '2026-11-20';
  const series = readings('2026-11-23', shop.value);
  const app = team.open(`${friday}T09:00:00Z`);
  seedTeam(app, {
    vision: {
      statement: 'The shop people come back to',
      primary_goal: 'Grow repeat orders',
      focus_areas: ['retention'],
      revenue_targets: { '2027-06': 40000 },
    },
    projects: [{ name: APP, focus: ['retention'] }],
    goals: [
      {
        metric: shop.metric,
        target: shop.target,
        unit: shop.unit,
        by: '2027-02-26',
        direction: 'up',
        baseline: (series[0] as [string, number])[1],
        value: 2,
        observed: series.filter(([at]) => at.slice(0, 10) <= friday),
      },
    ],
  });
  app.projects.addFeature(LEAD, APP, { title: FEATURE, goal: shop.metric });
  const read = (a: Goalpost, day: string) => {
    const [goal] = a.goals.list(LEAD);
    if (goal === undefined) throw new Error('no goal');
    seen.push({
      day,
      status: goal.status,
      progress: goal.progressRatio ?? -1,
      anomalies: goal.anomalies.length,
      why: goal.why,
      task: taskTitled(plan(a), build(FEATURE, APP)),
    });
  };
  read(app, friday);
  for (const day of ['2026-11-21', '2026-11-22', '2026-11-23']) {
    const next = team.reopen(`${day}T09:00:00Z`);
    const [at, value] = series.find(([at]) => at.startsWith(day)) as [string, number];
    next.goals.observe(LEAD, { metric: shop.metric, value, at });
    read(next, day);
  }
  return seen;
}

/** The spread of `values` as a share of their largest. */
const spread = (values: readonly number[]) =>
  (Math.max(...values) - Math.min(...values)) / Math.max(...values);

describe("a daily metric's week", () => {
  const team = useTeam();

  it('reads a shop that sells less at weekends the same from Friday to Monday', () => {
    // Orders grow half an order a day, and run four in ten lower on Saturdays and Sundays: at
    // 14 weeks from its deadline the shop is short of 300 a day whatever day it is read.
    const seen = readMornings(team, {
      metric: 'daily_orders',
      unit: 'orders',
      target: 300,
      value: (day, i) => Math.round((150 + 0.5 * i) * (isWeekend(day) ? 0.6 : 1)),
    });
    expect(seen.map((s) => s.day)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set(['off_track']));
    // How far along it is, and what its work is worth, move by a day's growth, not a weekend's dip.
    expect(spread(seen.map((s) => s.progress))).toBeLessThan(0.1);
    expect(spread(seen.map((s) => s.task.goalValue))).toBeLessThan(0.05);
    // A usual Saturday is no outlier.
    expect(seen.map((s) => s.anomalies)).toEqual([0, 0, 0, 0]);
    // Monday's digest says what the goal was judged on.
    expect((seen[3] as (typeof seen)[number]).why).toMatch(
      /: the median of its 7 days to 2026-11-23, as it runs in a weekly cycle/,
    );
  });

  it('reads a business closed at weekends on its open days', () => {
    // Trial signups on weekdays only, one more a day each week; none at weekends.
    const seen = readMornings(team, {
      metric: 'trial_signups',
      unit: 'signups',
      target: 80,
      value: (day, i) => (isWeekend(day) ? 0 : 30 + Math.floor(i / 7)),
    });
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set(['off_track']));
    // Sunday's 0 is a day the business was closed, not where it stands: 39 a day on its open days.
    for (const s of seen) expect(s.why, s.day).toMatch(/^trial_signups is 3\d signups/);
    expect(spread(seen.map((s) => s.task.goalValue))).toBeLessThan(0.05);
    expect(seen.map((s) => s.anomalies)).toEqual([0, 0, 0, 0]);
  });
});
