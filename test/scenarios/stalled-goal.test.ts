import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Invoicer, invoicing for freelancers, steers by its NPS: 50 by March, from 32. It went off track;
// the plan proposed finding out why, then an experiment; the team did both. NPS stayed flat, then
// slipped, and `goals` still read off track, yet no plan proposed anything for it again: both were
// "one-off work", held for good, while `goal show` judged the experiment to have moved nothing. A
// lead expects another experiment once the last one is measured and read so, saying why, and not
// the day one finishes, nor while one is open or was just turned down.
const APP = 'Invoicer';
const DIAGNOSE = /^Find out why nps is/;
const EXPERIMENT = /^Run an experiment to move nps/;

const team = (observed: Array<[string, number]>): TeamSpec => ({
  vision: {
    statement: 'Make invoicing painless for freelancers',
    primary_goal: 'Reach $20k MRR',
    focus_areas: ['payments'],
    revenue_targets: { '2027-03': 20000 },
  },
  projects: [
    {
      name: APP,
      revenueBearing: true,
      focus: ['payments'],
      features: [['Stripe Connect payouts', 'planned']],
    },
  ],
  revenue: [{ project: APP, month: '2026-11', actual: 9000 }],
  goals: [
    { metric: 'nps', target: 50, unit: 'points', by: '2027-03-01', direction: 'up', baseline: 32, observed },
  ],
});

/** A Monday's reading, at 09:00 UTC. */
const at = (day: string) => `${day}T09:00:00Z`;

describe('an off-track goal whose experiment moved nothing', () => {
  const t = useTeam();

  /**
   * The team of the review: NPS 34, the goal's research and experiment approved on 8 December,
   * the research done on the 9th, 34 read on the 14th (unless `readOn14th` is false), the
   * experiment on the 16th; then `after` read each Monday from
   * the 21st. The workspace as it stands the morning of the last of them, with the experiment's ref.
   */
  function stalled(
    observed: Array<[string, number]>,
    after: readonly number[],
    readOn14th = true,
  ): { app: Goalpost; experiment: string; diagnosis: string; lastDay: string } {
    let app = t.open('2026-12-07T10:00:00Z');
    seedTeam(app, team(observed));
    app = t.reopen('2026-12-08T09:00:00Z');
    const first = app.engine.generate(LEAD, { maxTasks: 8 }).tasks as PlannedTask[];
    const diagnosis = first.find((x) => DIAGNOSE.test(x.title))?.ref as string;
    const experiment = first.find((x) => EXPERIMENT.test(x.title))?.ref as string;
    expect(diagnosis).toBeDefined();
    expect(experiment).toBeDefined();
    app.decisions.decide(LEAD, { ref: diagnosis, action: 'approve' });
    app.decisions.decide(LEAD, { ref: experiment, action: 'approve' });
    t.reopen('2026-12-09T17:00:00Z').decisions.decide(LEAD, {
      ref: diagnosis,
      action: 'done',
      note: 'causes: slow support, no CSV export',
    });
    if (readOn14th)
      t.reopen('2026-12-14T09:00:00Z').goals.observe(LEAD, {
        metric: 'nps',
        value: 34,
        at: at('2026-12-14'),
      });
    t.reopen('2026-12-16T17:00:00Z').decisions.decide(LEAD, {
      ref: experiment,
      action: 'done',
      note: 'support follow-ups',
    });
    let day = '';
    for (const [i, value] of after.entries()) {
      day = new Date(Date.parse('2026-12-21T09:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10);
      app = t.reopen(at(day));
      app.goals.observe(LEAD, { metric: 'nps', value, at: at(day) });
    }
    return { app: t.reopen(`${day}T10:00:00Z`), experiment, diagnosis, lastDay: day };
  }

  const goalWork = (app: Goalpost) => plan(app, 10).filter((x) => x.goalId !== null);

  it('proposes another experiment once the last one is measured and the goal went further off track', () => {
    const { app, experiment } = stalled([[at('2026-12-07'), 34]], [33, 33, 33, 33]);
    const [nps] = app.goals.list(LEAD);
    expect(nps?.status).toBe('off_track');
    // `goal show` has too few readings before it to judge it against a trend: the plan says what
    // its four weeks showed, not that `goal show` found it moved nothing.
    expect(nps?.actions.find((a) => a.ref === experiment)?.verdict).toMatch(
      /^not enough observations before it/,
    );
    const work = goalWork(app);
    const again = work.find((x) => EXPERIMENT.test(x.title));
    expect(again, 'an experiment for nps').toBeDefined();
    expect(again?.reasoning.join('\n')).toMatch(
      new RegExp(
        `The experiment done as ${experiment} on 2026-12-16 moved nothing it could show: nps stood at 33 points in the four weeks after it, below the 34 points before it; nps is still off track: try another`,
      ),
    );
    // Its research is a month old, and its causes are still the team's to try: not asked again yet.
    expect(work.some((x) => DIAGNOSE.test(x.title))).toBe(false);
    const held = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).skipped;
    expect(held.find((x) => DIAGNOSE.test(x.title))?.note).toMatch(
      new RegExp(
        `; the goal's work since, ${experiment}, moved it nothing it could show: it is asked again from 2027-02-03$`,
      ),
    );
  });

  it('asks its research again too once that is two months old', () => {
    const { app, diagnosis } = stalled([[at('2026-12-07'), 34]], [33, 33, 33, 33, 33, 33, 33, 33]);
    const work = goalWork(app);
    expect(work.some((x) => EXPERIMENT.test(x.title))).toBe(true);
    expect(work.find((x) => DIAGNOSE.test(x.title))?.reasoning.join('\n')).toMatch(
      new RegExp(
        `Last done as ${diagnosis} on 2026-12-09, 60 days ago; the goal's work since, T-\\d+, done on 2026-12-16, moved nothing it could show: .*: its causes are worth finding again`,
      ),
    );
  });

  it('proposes it again when `goal show` reads the experiment as no change', () => {
    const before: Array<[string, number]> = [
      [at('2026-11-16'), 34],
      [at('2026-11-23'), 34],
      [at('2026-11-30'), 34],
      [at('2026-12-07'), 34],
    ];
    const { app, experiment } = stalled(before, [34, 34, 34]);
    const [nps] = app.goals.list(LEAD);
    expect(nps?.actions.find((a) => a.ref === experiment)?.verdict).toMatch(/likely the existing trend/);
    const again = goalWork(app).find((x) => EXPERIMENT.test(x.title));
    expect(again?.reasoning.join('\n')).toMatch(
      new RegExp(
        `The experiment done as ${experiment} on 2026-12-16 moved nothing: no change, likely the existing trend`,
      ),
    );
  });

  it('waits until the experiment is measured: not the weeks right after it', () => {
    const { app } = stalled([[at('2026-12-07'), 34]], [33, 33]);
    expect(goalWork(app).some((x) => EXPERIMENT.test(x.title))).toBe(false);
  });

  it('proposes nothing more while the next one is open, nor the day it is done', () => {
    const { app, lastDay } = stalled([[at('2026-12-07'), 34]], [33, 33, 33]);
    const saved = app.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[];
    const next = saved.find((x) => EXPERIMENT.test(x.title))?.ref as string;
    expect(next).toBeDefined();
    app.decisions.decide(LEAD, { ref: next, action: 'approve' });
    expect(goalWork(t.reopen(`${lastDay}T12:00:00Z`)).some((x) => EXPERIMENT.test(x.title))).toBe(false);
    const done = t.reopen(`${lastDay}T16:00:00Z`);
    done.decisions.decide(LEAD, { ref: next, action: 'done' });
    const evening = t.reopen(`${lastDay}T17:00:00Z`);
    expect(goalWork(evening).some((x) => EXPERIMENT.test(x.title))).toBe(false);
    const held = evening.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).skipped;
    expect(held.find((x) => EXPERIMENT.test(x.title))?.note).toBe(
      `done as ${next} on ${lastDay}; another is proposed if nps is off track, or at risk and not climbing toward its target, on a reading after 2027-02-01 (four weeks after ${next}, the goal's latest work), or sooner once 3 readings after ${next} show it moved nothing`,
    );
  });

  it('keeps a rejected one away for its hold', () => {
    const { app, lastDay } = stalled([[at('2026-12-07'), 34]], [33, 33, 33]);
    const saved = app.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[];
    const next = saved.find((x) => EXPERIMENT.test(x.title))?.ref as string;
    expect(next).toBeDefined();
    app.decisions.decide(LEAD, { ref: next, action: 'reject', note: 'we need a different angle first' });
    const later = t.reopen(new Date(Date.parse(`${lastDay}T10:00:00Z`) + 7 * 86_400_000).toISOString());
    expect(goalWork(later).some((x) => EXPERIMENT.test(x.title))).toBe(false);
  });

  // A review's NPS rose after the experiment, 40 to 42 for four weeks, then slipped back to 34: off
  // track, and the held note promised another once the work "moved it nothing", which never came.
  it('proposes another once the goal is off track again four weeks after work that moved it', () => {
    const rose = [40, 42, 42, 42];
    const early = stalled([[at('2026-12-07'), 34]], rose);
    expect(goalWork(early.app).some((x) => EXPERIMENT.test(x.title))).toBe(false);
    const { app, experiment } = stalled([[at('2026-12-07'), 34]], [...rose, 37, 35, 34, 34, 34]);
    expect(app.goals.list(LEAD)[0]?.status).toBe('off_track');
    const again = goalWork(app).find((x) => EXPERIMENT.test(x.title));
    expect(again?.reasoning).toContain(
      `The experiment done as ${experiment} on 2026-12-16 moved nps for a while, but it is off track again: 34 points now, against 34 points before it: try another`,
    );
  });

  // NPS rose from 34 to 42 after the experiment and stayed there: off track at that pace. A review's
  // plan said the experiment "moved nps for a while, but it is off track again" of a gain it kept.
  it('says a gain the goal kept was kept, and too slow, not lost again', () => {
    const { app, experiment } = stalled([[at('2026-12-07'), 34]], [40, 42, 42, 42, 42, 42]);
    expect(app.goals.list(LEAD)[0]?.status).toBe('off_track');
    const again = goalWork(app).find((x) => EXPERIMENT.test(x.title));
    expect(again?.reasoning).toContain(
      `The experiment done as ${experiment} on 2026-12-16 moved nps from 34 points to 42 points; it has held there, and is off track at that pace: try another`,
    );
  });

  // No reading in the four weeks before the experiment, five after: a review read "too few readings
  // in the four weeks after it", and a held note promising another "sooner once 3 readings after"
  // it showed it moved nothing, which with nothing before it to compare with could never come true.
  it('says the readings before the work are the ones missing, and promises nothing sooner', () => {
    const early = stalled([[at('2026-11-09'), 34]], [33], false);
    const held = early.app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).skipped;
    const note = held.find((x) => EXPERIMENT.test(x.title))?.note;
    expect(note).toMatch(
      /another is proposed if nps is off track, .* on a reading after 2027-01-13 \(four weeks after T-\d+, the goal's latest work\)$/,
    );
    expect(note).not.toMatch(/sooner/);
    const { app, experiment } = stalled([[at('2026-11-09'), 34]], [33, 33, 33, 33, 33], false);
    const again = goalWork(app).find((x) => EXPERIMENT.test(x.title));
    expect(again?.reasoning).toContain(
      `The experiment done as ${experiment} on 2026-12-16 was not measured (no reading in the four weeks before it to compare with), and four weeks on nps is still off track: try another`,
    );
  });

  // Flat for four weeks after the experiment, then climbing two points a week: at risk, but on its
  // way; a review's plan sent it back to research, "nps stands at 33 points since" beside a 41.
  it('sends no goal climbing toward its target back to research', () => {
    const { app, experiment } = stalled([[at('2026-12-07'), 34]], [33, 33, 33, 33, 38, 40, 41, 41]);
    const [nps] = app.goals.list(LEAD);
    expect(nps?.status).toBe('at_risk');
    expect(nps?.momentumPerWeek).toBeGreaterThan(0);
    expect(goalWork(app).filter((x) => EXPERIMENT.test(x.title) || DIAGNOSE.test(x.title))).toEqual([]);
    const held = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).skipped;
    expect(held.find((x) => EXPERIMENT.test(x.title))?.note).toBe(
      `done as ${experiment} on 2026-12-16; another is proposed once a reading after 2027-01-13 (four weeks after ${experiment}, the goal's latest work) finds that nps is off track, or at risk and not climbing toward its target`,
    );
  });

  it('brings nothing back for a goal the experiment put back on its way', () => {
    const { app } = stalled([[at('2026-12-07'), 34]], [40, 45, 50]);
    expect(app.goals.list(LEAD)[0]?.status).toBe('achieved');
    expect(goalWork(app)).toEqual([]);
  });
});
