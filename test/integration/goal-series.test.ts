import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POINTS } from '../../src/domain/robust-line.js';
import { analyseGoal, type CompletedAction, seriesReads } from '../../src/feedback/analyse-goal.js';
import { fixedClock, type GoalSeries, openGoalpost, silentLogger } from '../../src/index.js';
import { createRng } from '../../src/learning/random.js';
import { createGoalRepository } from '../../src/store/goal-repository.js';
import { goalChart } from '../../src/views/charts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = '2026-11-21T09:00:00.000Z';
const ADMIN = { workspaceId: 'w', actor: 'cli:lead', source: 'cli' as const, role: 'admin' as const };
const MINUTES_5 = 300_000;
const DAY = 86_400_000;
/** The series' first instant: a year of five-minute pushes ends just before NOW. */
const START = Date.parse(NOW) - 365 * DAY;
const at = (step: number) => new Date(START + step * MINUTES_5).toISOString();

/** Steps of the series where the metric was pushed once a day only (28 points in 28 days). */
const SPARSE = { from: 6_000, to: 30_000, every: DAY / MINUTES_5 };

/**
 * A goal whose metric another system pushed every five minutes for most of a year (a few points
 * missing, a stretch of daily points, a few instants with two points, a drift, a bend and
 * spikes), recorded a few hours after each was observed, the latest ones at once, and one early
 * point recorded last of all (a late correction).
 */
function longSeries(points: number) {
  const opened = openGoalpost({
    dbPath: join(tempDir(), 'g.db'),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  const ctx = opened.app.context(ADMIN);
  opened.app.demo.load(ctx);
  opened.app.goals.add(ctx, { metric: 'signups', target: 50_000, by: '2027-03-01' });
  const rng = createRng('goal-series');
  const insert = opened.db.prepare(
    `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, created_at, push_source)
     VALUES ('w', 'signups', ?, ?, ?, 'analytics', 'webhook', ?, ?)`,
  );
  opened.db.transaction(() => {
    for (let step = 0; step < points; step += 1) {
      if (step >= SPARSE.from && step < SPARSE.to ? step % SPARSE.every !== 0 : rng.next() < 0.02) continue;
      const bend = step > points * 0.7 ? (step - points * 0.7) * 0.05 : 0;
      const spike = rng.next() < 0.01 ? 900 : 0;
      const value = 1000 + step * 0.02 + bend + spike + Math.round(rng.next() * 40);
      const recorded =
        step === 5
          ? NOW
          : step > points - 30
            ? new Date(Date.parse(NOW) - 3_600_000).toISOString()
            : new Date(START + step * MINUTES_5 + 3 * 3_600_000).toISOString();
      insert.run(value, at(step), step % 97 === 0 ? '{"campaign":"launch"}' : '{}', recorded, 'analytics');
      // Two points at one instant (another source).
      if (step % 1_000 === 0) insert.run(value + 5, at(step), '{}', recorded, 'backfill');
    }
    // One point of months in, written before every other (the goal's first reading; those before it
    // a backfill written after): the goal's baseline.
    insert.run(
      1234,
      new Date(Date.parse(at(40_000)) + 60_000).toISOString(),
      '{}',
      new Date(START).toISOString(),
      'cli',
    );
  })();
  return opened;
}

/** The demo workspace, and a statement writing an `nps` point as a row (value, observed_at, created_at). */
function npsWritten() {
  const opened = openGoalpost({
    dbPath: join(tempDir(), 'g.db'),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  opened.app.demo.load(opened.app.context(ADMIN));
  const insert = opened.db.prepare<[number, string, string]>(
    `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, created_at)
     VALUES ('w', 'nps', ?, ?, '{}', 'cli:lead', 'cli', ?)`,
  );
  return { ...opened, insert };
}

/**
 * A goal measured twice (100, then 120), and a second connection to the same file, as another
 * process; `push` has it push 999 for the goal, once.
 */
function twoPoints() {
  const dbPath = join(tempDir(), 'g.db');
  const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  const ctx = opened.app.context(ADMIN);
  opened.app.demo.load(ctx);
  opened.app.goals.add(ctx, { metric: 'signups', target: 50_000, by: '2027-03-01' });
  opened.app.goals.observe(ctx, { metric: 'signups', value: 100, at: '2026-11-01' });
  opened.app.goals.observe(ctx, { metric: 'signups', value: 120, at: '2026-11-10' });
  const other = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  let pushed = false;
  const push = () => {
    if (!pushed)
      other.app.goals.observe(other.app.context(ADMIN), { metric: 'signups', value: 999, at: '2026-11-20' });
    pushed = true;
  };
  return { opened, ctx, other, push };
}

describe('a goal with a long series of observations', () => {
  it('is analysed from the parts of its series the analysis reads exactly as from all of it', () => {
    const points = 45_000;
    const { app, db, close } = longSeries(points);
    const ctx = app.context(ADMIN);
    const repo = openRepository(db);
    const goal = app.goals.list(ctx)[0]?.goal;
    expect(goal?.metric).toBe('signups');
    if (!goal) return;
    const window = (28 * DAY) / MINUTES_5;
    // Shipped tasks: on a point, between points, with a point (or two) exactly 28 days either
    // side where points are daily, near the series' start and end, and one with no points around
    // it at all.
    // 28 days either side of it are daily points too, and no other task's window reaches them.
    const daily = 72 * SPARSE.every;
    expect(daily - window).toBeGreaterThanOrEqual(SPARSE.from);
    expect(daily + window).toBeLessThan(SPARSE.to);
    const steps = [3_000, 3_000.5, daily, daily + 0.5, 36_000 - window, points - 10, window / 2, 60_000];
    const done: CompletedAction[] = steps.map((step, i) => ({
      ref: `T-${i + 1}`,
      title: `shipped ${i + 1}`,
      doneAt: new Date(START + step * MINUTES_5).toISOString(),
    }));
    const whole = repo.observations('w', 'signups');
    const parts = repo.observationsToAnalyse('w', 'signups', seriesReads(done));
    // The parts are a small share of the series, which is long enough to be read in parts.
    expect(whole.length).toBeGreaterThan(19_000);
    expect(seriesReads(done).windows.length).toBe(16);
    expect(parts.length).toBeLessThan(whole.length / 2);
    expect(parts.length).toBeGreaterThan(MAX_POINTS);
    // Every point the analysis depends on is among the parts: the first, the latest MAX_POINTS,
    // the one recorded last, and around each task the latest MAX_POINTS on each side, as
    // actionEffect picks them.
    const needed = new Set([whole[0]?.id, ...whole.slice(-MAX_POINTS).map((o) => o.id)]);
    let recordedLast = whole[0];
    for (const o of whole) if (recordedLast && o.recordedAt > recordedLast.recordedAt) recordedLast = o;
    needed.add(recordedLast?.id);
    const writtenFirst = whole.find((o) => o.value === 1234);
    needed.add(writtenFirst?.id);
    for (const { doneAt } of done) {
      const t = Date.parse(doneAt) / DAY;
      const x = (o: (typeof whole)[number]) => Date.parse(o.observedAt) / DAY;
      for (const side of [
        whole.filter((o) => x(o) < t && x(o) >= t - 28),
        whole.filter((o) => x(o) > t && x(o) <= t + 28),
      ]) {
        for (const o of side.slice(-MAX_POINTS)) needed.add(o.id);
      }
    }
    const read = new Set(parts.map((o) => o.id));
    expect([...needed].filter((id) => !read.has(id as number))).toEqual([]);
    const fromWhole = analyseGoal(goal, whole, done, NOW);
    const fromParts = analyseGoal(goal, parts, done, NOW);
    expect(fromParts).toEqual(fromWhole);
    // The comparison means something: trends on both sides of most tasks, outliers, a freshness
    // from the last push, a baseline from the point written first (months in).
    expect(fromWhole.actions.filter((a) => a.slopeBefore !== null && a.slopeAfter !== null).length).toBe(7);
    expect(fromWhole.anomalies.length).toBeGreaterThan(0);
    expect(fromWhole.updated?.at).toBe(NOW);
    expect(writtenFirst).toBeDefined();
    expect(fromWhole.baseline).toBe(1234);
    // And the listing analyses the goal so.
    expect(app.goals.list(ctx)[0]?.current).toBe(fromWhole.current);
    close();
  });

  it('is read whole when its tasks would read most of it anyway', () => {
    const { db, close } = longSeries(3_000);
    const repo = openRepository(db);
    const done = [500, 1_500, 2_500].map((step, i) => ({
      ref: `T-${i + 1}`,
      title: 't',
      doneAt: new Date(START + step * MINUTES_5).toISOString(),
    }));
    expect(repo.observationsToAnalyse('w', 'signups', seriesReads(done))).toEqual(
      repo.observations('w', 'signups'),
    );
    close();
  });

  it('flags outliers among the points its trend is fitted on, not against points long before them', () => {
    const { app, db, close } = longSeries(45_000);
    const ctx = app.context(ADMIN);
    const analytics = app.goals.list(ctx)[0];
    const fitted = openRepository(db).observations('w', 'signups').slice(-MAX_POINTS);
    for (const a of analytics?.anomalies ?? []) {
      expect(a.observedAt >= (fitted[0]?.observedAt ?? '')).toBe(true);
    }
    close();
  });
});

describe('a chart of a goal with a long series', () => {
  it('is drawn from its days, its ends and its count exactly as from every point', () => {
    const { app, db, close } = longSeries(45_000);
    const ctx = app.context(ADMIN);
    // A day whose last instant holds two points (the later-written one closes the day), and a day
    // of one point between days of none.
    // The series starts at 09:00 UTC: its first day's last step is 15 hours in.
    const lastOfDay = at(15 * 12 - 1 + 20 * 288);
    expect(lastOfDay.slice(11)).toBe('23:55:00.000Z');
    const lone = at(40_000 + 144);
    const insert = db.prepare(
      `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, created_at)
       VALUES ('w', 'signups', ?, ?, '{}', 'cli:lead', 'cli', ?)`,
    );
    insert.run(6, lastOfDay, NOW);
    insert.run(7, lastOfDay, NOW);
    db.prepare(
      `DELETE FROM metric_observations WHERE workspace_id = 'w' AND metric = 'signups'
         AND substr(observed_at, 1, 10) BETWEEN ? AND ? AND observed_at <> ?`,
    ).run(at(40_000 - 288).slice(0, 10), at(40_000 + 2 * 288).slice(0, 10), lone);
    const whole = openRepository(db).observations('w', 'signups');
    const charted = app.report.chartData(ctx).goals[0];
    if (!charted) throw new Error('no goal charted');
    // Read in parts: the ends and a point a day, not the series.
    expect(whole.length).toBeGreaterThan(19_000);
    expect(charted.points.length).toBe(MAX_POINTS + 1);
    expect(charted.days?.length).toBeLessThan(400);
    const fromWhole = goalChart({
      goal: charted.goal,
      points: whole.map((o) => ({ at: o.observedAt, value: o.value })),
      forecast: charted.forecast,
      forecastFrom: charted.forecastFrom,
    });
    expect(goalChart(charted)).toEqual(fromWhole);
    // The comparison means something: the tie closes its day, the lone point is its day's, and
    // the words count every point.
    const plotted = (
      fromWhole?.spec as { layer: Array<{ data: { values: Array<{ at: string; value: number }> } }> }
    ).layer[2]?.data.values;
    expect(plotted?.find((p) => p.at === lastOfDay.slice(0, 10))?.value).toBe(7);
    expect(plotted?.find((p) => p.at === lone.slice(0, 10))).toBeDefined();
    expect(fromWhole?.alt).toContain(`measured ${whole.length} times`);
    close();
  });

  it('walks its days to the end whatever a row holds, as from every point', () => {
    const { db, close, insert } = npsWritten();
    // Rows Goalpost never writes (its instants are ISO 8601 with a T), as a hand-edited database
    // may hold: each is still its first ten characters' day.
    insert.run(1, '2024-01-01T00:00:00.000Z', NOW);
    insert.run(2, '2024-01-01Z', NOW);
    insert.run(3, '2024-01-01t12:00', NOW);
    insert.run(4, '2024-01-02T08:00:00.000Z', NOW);
    const repo = openRepository(db);
    const whole = repo.observations('w', 'nps').map((o) => ({ at: o.observedAt, value: o.value }));
    expect(repo.chartSeries('w', 'nps', MAX_POINTS).days).toEqual([
      { at: '2024-01-01', value: 3 },
      { at: '2024-01-02', value: 4 },
    ]);
    expect(whole.at(1)?.value).toBe(2);
    close();
  });

  it('draws the points its goal was analysed from: a point pushed meanwhile waits for the next report', () => {
    const { opened, ctx, other, push } = twoPoints();
    // Another process pushes a point once the goals are analysed, before their points are read.
    const read = opened.store.goals.chartSeries;
    opened.store.goals.chartSeries = (ws, metric, tail) => {
      push();
      return read(ws, metric, tail);
    };
    const titleOf = () => goalChart(opened.app.report.chartData(ctx).goals[0] as GoalSeries)?.title;
    expect(titleOf()).toBe('signups: 120 of 50,000 by 2027-03-01');
    expect(titleOf()).toBe('signups: 999 of 50,000 by 2027-03-01');
    other.close();
    opened.close();
  });
});

describe('a report with its charts', () => {
  it('says in its text what its charts draw, however points arrive while it is read', () => {
    const { opened, ctx, other, push } = twoPoints();
    // Another process pushes a point between the report's text and its charts.
    const read = opened.store.goals.notes;
    opened.store.goals.notes = (ws) => {
      push();
      return read(ws);
    };
    const made = () => {
      const { report, charts } = opened.app.report.withCharts(ctx);
      return [report.goals[0]?.current, goalChart(charts.goals[0] as GoalSeries)?.title];
    };
    expect(made()).toEqual([120, 'signups: 120 of 50,000 by 2027-03-01']);
    expect(made()).toEqual([999, 'signups: 999 of 50,000 by 2027-03-01']);
    other.close();
    opened.close();
  });
});

describe('a goal listing', () => {
  it('reads every goal on one snapshot: a point pushed while it reads is in the next listing, not half of this one', () => {
    const { opened, ctx, other, push } = twoPoints();
    // Another process pushes a point as soon as the listing has read the goals' shipped tasks.
    const read = opened.store.history.goalActions;
    opened.store.history.goalActions = (ws) => {
      const actions = read(ws);
      push();
      return actions;
    };
    expect(opened.app.goals.list(ctx)[0]?.current).toBe(120);
    expect(opened.app.goals.list(ctx)[0]?.current).toBe(999);
    other.close();
    opened.close();
  });
});

describe('a goal added for a metric already measured', () => {
  it('refuses a day that is not on the calendar and a value past 10^15, recording nothing', () => {
    const { opened, ctx } = twoPoints();
    const before = opened.app.goals.list(ctx).find((g) => g.goal.metric === 'signups')?.current;
    expect(() => opened.app.goals.observe(ctx, { metric: 'signups', value: 130, at: '2026-02-30' })).toThrow(
      'at: a date like 2026-02-01 or a time with its zone like 2026-02-01T09:00:00Z (got "2026-02-30")',
    );
    // Without its zone, the same text was a different time on each machine (its TZ).
    expect(() =>
      opened.app.goals.observe(ctx, { metric: 'signups', value: 130, at: '2026-11-20T10:00' }),
    ).toThrow(
      'at: a date like 2026-02-01 or a time with its zone like 2026-02-01T09:00:00Z (got "2026-11-20T10:00"; 2026-11-20T10:00 has no time zone: add Z for UTC or an offset like +01:00)',
    );
    expect(() =>
      opened.app.goals.observe(ctx, { metric: 'signups', value: 130, at: '2026-11-31T09:00:00Z' }),
    ).toThrow(/^at: /);
    expect(() => opened.app.goals.observe(ctx, { metric: 'signups', value: 1e308 })).toThrow(
      'value: a number like 420, at most 10^15 either way (got 1e+308)',
    );
    expect(() => opened.app.goals.add(ctx, { metric: 'views', target: -1e16, by: '2027-03-01' })).toThrow(
      /^target: a number like 999, at most 10\^15 either way/,
    );
    expect(opened.app.goals.list(ctx).find((g) => g.goal.metric === 'signups')?.current).toBe(before);
  });

  it('starts from its latest observation by time, not the one written last', () => {
    const { app, close, insert } = npsWritten();
    const ctx = app.context(ADMIN);
    insert.run(30, '2026-11-01T00:00:00.000Z', NOW);
    insert.run(42, '2026-11-10T00:00:00.000Z', NOW);
    insert.run(50, '2026-11-05T00:00:00.000Z', NOW);
    expect(() => app.goals.add(ctx, { metric: 'nps', target: 40, by: '2027-03-01' })).toThrow(
      /target: 40 is not above the baseline 42/,
    );
    expect(app.goals.add(ctx, { metric: 'nps', target: 60, by: '2027-03-01' }).baseline).toBe(42);
    close();
  });
});

/** The store's goal repository on the same connection (what the use case reads through). */
const openRepository = (db: ReturnType<typeof openGoalpost>['db']) => createGoalRepository(db);
