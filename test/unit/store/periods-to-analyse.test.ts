import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RevenuePeriod } from '../../../src/domain/project.js';
import { analyseRevenue } from '../../../src/engine/analyse-revenue.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useGoalposts } from '../../helpers/goalposts.js';
import { periodOf } from '../../helpers/revenue-periods.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const goalposts = useGoalposts();
const NOW = '2026-11-21T09:00:00Z';
const TODAY = '2026-11-21';
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:t', source: 'cli', role: 'admin' });

/** `YYYY-MM-01` and the month's last day, `back` months before November 2026. */
function month(back: number): [string, string] {
  const start = new Date(Date.UTC(2026, 10 - back, 1));
  const end = new Date(Date.UTC(2026, 11 - back, 0));
  return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
}

/** A workspace with a vision (closed after the test), and `id` to add a revenue-bearing project to it. */
function workspace() {
  const opened = goalposts.open(join(tempDir(), 'r.db'), NOW);
  opened.app.context(ctx);
  opened.app.vision.update(ctx, { statement: 'Ship' });
  const id = (name: string) => opened.app.projects.add(ctx, { name, revenueBearing: true }).id;
  return { ...opened, id };
}

describe("a plan's revenue read", () => {
  it('gives analysis what every record would, from each source’s latest records alone when they hold many', () => {
    const { app, db, store, id } = workspace();
    const [years, current, onlyNow, stale, sameEnd, once, launch] = [
      id('Two years'),
      id('Current month open'),
      id('Only this month'),
      id('Stale'),
      id('Same end'),
      id('Once'),
      id('Launched in August'),
    ];
    const weekly = id('Weekly');
    id('Never');
    const otherCtx = declaredCtx({ workspaceId: 'other', actor: 'cli:t', source: 'cli', role: 'admin' });
    app.context(otherCtx);
    app.vision.update(otherCtx, { statement: 'Elsewhere' });
    const elsewhere = app.projects.add(otherCtx, { name: 'Elsewhere', revenueBearing: true }).id;
    const add = db.prepare(
      `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions, churn_rate, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const record = (ws: string, project: number | null, [start, end]: [string, string], actual: number) =>
      add.run(
        ws,
        project,
        start,
        end,
        actual,
        Math.round(actual / 10),
        (actual % 7) / 100,
        `${end}T12:00:00.000Z`,
      );
    db.transaction(() => {
      // Two years of months, written newest first, so ids do not follow the periods.
      for (let back = 24; back >= 1; back--) record('default', years, month(back), 1000 + 37 * back);
      for (let back = 12; back >= 0; back--) record('default', current, month(back), 400 + 11 * back);
      record('default', current, month(-1), 999); // next month, recorded ahead
      record('default', onlyNow, month(0), 250);
      record('default', stale, month(18), 300);
      record('default', stale, month(17), 320);
      for (let back = 6; back >= 1; back--) record('default', sameEnd, month(back), 600 + back);
      // A week ending with October: the same period end as October's record, a later id.
      record('default', sameEnd, ['2026-10-25', '2026-10-31'], 150);
      record('default', once, month(2), 90);
      // Ten weeks, the latest ending on Sunday 2026-11-15.
      for (let k = 9; k >= 0; k--) {
        const end = Date.UTC(2026, 10, 15) - 7 * k * 86_400_000;
        const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        record('default', weekly, [day(end - 6 * 86_400_000), day(end)], 200 + 3 * k);
      }
      // A Stripe backfill's $0 months before a first sale in August (see RevenueSource.firstEarned).
      for (let back = 10; back >= 1; back--)
        record('default', launch, month(back), back > 3 ? 0 : 40 * (4 - back));
      for (let back = 9; back >= 1; back--) record('default', null, month(back), 50 * back);
      for (let back = 5; back >= 1; back--) record('other', elsewhere, month(back), 7000);
    })();

    const every = store.revenue.list('default').map(periodOf);
    const latest = store.revenue.periodsToAnalyse('default', TODAY);
    const vision = { ...app.vision.show(ctx), revenueTargets: { '2027-02': 9000 } };
    const nowMs = Date.parse(NOW);

    // The same analysis, but for the periods before each source's latest, which the read gave
    // on that period (see RevenuePeriod.before) rather than as the periods themselves.
    const fromLatest = analyseRevenue(latest, vision, nowMs);
    const fromEvery = analyseRevenue(every, vision, nowMs);
    const withoutBefore = (analysis: unknown) =>
      JSON.parse(JSON.stringify(analysis, (key, value) => (key === 'before' ? undefined : value)));
    expect(withoutBefore(fromLatest)).toEqual(withoutBefore(fromEvery));
    expect(fromLatest).not.toEqual(fromEvery);
    const baseline = (id: number) => fromLatest.sources.find((s) => s.projectId === id)?.churnBaseline;
    // Two years of months: the median of the six before October, April to September.
    const rates = [2, 3, 4, 5, 6, 7].map((back) => ((1000 + 37 * back) % 7) / 100);
    const sorted = [...rates].sort((a, b) => a - b);
    expect(baseline(years)).toEqual({
      rate: ((sorted[2] ?? 0) + (sorted[3] ?? 0)) / 2,
      over: 6,
      months: true,
    });
    expect(baseline(weekly)).toMatchObject({ over: 6, months: false });
    // Once, two months ago: no period before to measure from.
    expect(baseline(once)).toBeNull();
    // What the opportunities count as recorded: every source with a record, even one not complete.
    const sources = (records: readonly RevenuePeriod[]) =>
      [...new Set(records.map((r) => r.projectId))].sort();
    expect(sources(latest)).toEqual(sources(every));
    expect(sources(latest)).toContain(onlyNow);
    expect(sources(latest)).not.toContain(elsewhere);
    // Each source's earliest record, its earliest that earned and its two latest complete ones at
    // most, in list's order.
    const perSource = new Map<number | null, RevenuePeriod[]>();
    for (const r of latest) perSource.set(r.projectId, [...(perSource.get(r.projectId) ?? []), r]);
    for (const records of perSource.values()) expect(records.length).toBeLessThanOrEqual(4);
    expect(perSource.get(launch)?.map((r) => [r.periodEnd, r.actual])).toEqual([
      ['2026-01-31', 0],
      ['2026-08-31', 40],
      ['2026-09-30', 80],
      ['2026-10-31', 120],
    ]);
    expect(perSource.get(years)?.map((r) => r.periodEnd)).toEqual(['2024-11-30', '2026-09-30', '2026-10-31']);
    expect(perSource.get(current)?.map((r) => r.periodEnd)).toEqual([
      '2025-11-30',
      '2026-09-30',
      '2026-10-31',
    ]);
    expect(perSource.get(sameEnd)?.map((r) => r.periodStart)).toEqual([
      '2026-05-01',
      '2026-10-01',
      '2026-10-25',
    ]);
    expect(latest.map((r) => r.id)).toEqual(
      every.filter((r) => latest.some((l) => l.id === r.id)).map((r) => r.id),
    );
    expect(latest.length).toBeLessThan(every.length / 2);
  });

  it('reads every record when the sources hold few each', () => {
    const { app, db, store, id } = workspace();
    const [four, two, one] = [id('Four months'), id('Two months'), id('One month')];
    const add = db.prepare(
      `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions, created_at)
       VALUES ('default', ?, ?, ?, ?, ?, ?)`,
    );
    const record = (project: number | null, [start, end]: [string, string], actual: number) =>
      add.run(project, start, end, actual, Math.round(actual / 10), `${end}T12:00:00.000Z`);
    db.transaction(() => {
      for (let back = 1; back <= 4; back++) record(four, month(back), 500 + back);
      record(two, month(2), 80);
      record(two, month(1), 90);
      record(one, month(0), 40);
      for (let back = 3; back >= 1; back--) record(null, month(back), 20 * back);
    })();

    // Ten records from four sources: every one, where each source's earliest and latest two would
    // leave out one of Four months'.
    const every = store.revenue.list('default').map(periodOf);
    const read = store.revenue.periodsToAnalyse('default', TODAY);
    expect(every).toHaveLength(10);
    expect(read).toEqual(every);
    const vision = { ...app.vision.show(ctx), revenueTargets: { '2027-02': 9000 } };
    const nowMs = Date.parse(NOW);
    expect(analyseRevenue(read, vision, nowMs)).toEqual(analyseRevenue(every, vision, nowMs));
  });
});
