import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { APP, churnGoalTeam, SURVEY } from './churn-goal.js';
import { build, LEAD, NOW, plan, seedTeam, titles, useTeam } from './team.js';

// Ledgerly steers by a goal: monthly churn down to 3 %. It is off track, and the team's own backlog
// answers it: a cancellation survey with a save offer, linked to the goal, which ships on Monday.
// A lead reading Tuesday's plan does not want "diagnose why ledgerly_churn is off track" or a
// churn experiment on top of it: the survey is the team's answer, and its effect cannot show in
// the measurements for a while, as a churn rise's research waits for it (churn-answered.test.ts).
// If the goal is still off track a fortnight on, its playbooks are the next step again.
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

const LEDGERLY = churnGoalTeam(
  [{ project: APP, month: '2026-10', actual: 4200 }],
  [
    ['2026-09-01', 5],
    ['2026-10-01', 5.6],
    ['2026-11-01', 6.1],
  ],
);

/** A task answering the goal by its playbooks (not the team's own backlog). */
const goalPlay = (title: string) => /ledgerly_churn|churn/i.test(title) && !title.includes(SURVEY);

describe('a goal the team has just answered with its own work', () => {
  const team = useTeam();

  function surveyShippedOnMonday(): Goalpost {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    app.projects.addFeature(LEAD, APP, { title: SURVEY, status: 'planned', goal: 'ledgerly_churn' });
    const saturday = app.engine.generate(LEAD, { maxTasks: 5 });
    const survey = saturday.tasks.find((t) => t.title === build(SURVEY, APP));
    expect(survey, titles(saturday.tasks as never).join('; ')).toBeDefined();
    app.decisions.decide(LEAD, { ref: survey?.ref, action: 'approve' });
    const monday = team.reopen(day(2));
    for (const action of ['start', 'done'] as const)
      monday.decisions.decide(LEAD, { ref: survey?.ref, action });
    return monday;
  }

  it('proposes none of its playbooks while that work has had no time to show', () => {
    surveyShippedOnMonday();
    const tuesday = team.reopen(day(3));
    const tasks = plan(tuesday);
    expect(titles(tasks).filter(goalPlay)).toEqual([]);
    // Said where the lead looks for what was held back, with when it comes back.
    const held = tuesday.engine
      .generate(LEAD, { dryRun: true, maxTasks: 5 })
      .skipped.filter((s) => goalPlay(s.title));
    expect(held.length).toBeGreaterThan(0);
    for (const s of held) {
      expect(s.reason).toBe('done');
      // Not done before itself: the digest counts it apart (`2 waiting while work just finished
      // shows its effect`), not among work done, rejected or failed before.
      expect(s.answered).toBe(true);
      expect(s.note).toMatch(
        new RegExp(
          `"Build .${SURVEY}. for ${APP}", done on 2026-11-23, serves goal ledgerly_churn; .* until a value measured after it is recorded \\(the latest was measured on 2026-11-01, before it was done\\), and not before 2026-12-07`,
        ),
      );
    }
  });

  // A review found the goal's research back the day the 14 days ended, nothing measured since the
  // survey shipped: the same figure asked about again, while the card had promised to wait for the
  // measurements.
  it('keeps waiting past that time while nothing was measured since the work', () => {
    surveyShippedOnMonday();
    const later = team.reopen(day(17));
    expect(titles(plan(later)).some(goalPlay)).toBe(false);
    const held = later.engine
      .generate(LEAD, { dryRun: true, maxTasks: 5 })
      .skipped.filter((s) => goalPlay(s.title));
    // Its days over, it says only what it waits for: a date past reads as a hold that has ended.
    expect(held.map((s) => s.note)).toContainEqual(
      expect.stringMatching(
        /until a value measured after it is recorded \(the latest was measured on [-\d]+, before it was done\)$/,
      ),
    );
  });

  it('proposes them again once that time is over and the goal is still off track', () => {
    surveyShippedOnMonday();
    const later = team.reopen(day(17));
    later.goals.observe(LEAD, { metric: 'ledgerly_churn', value: 6.2, at: day(16) });
    expect(titles(plan(later)).some(goalPlay)).toBe(true);
  });

  it('is not held back by a goal playbook task done before', () => {
    // The team's own diagnosis of the goal is the goal's playbook work, not an answer to wait on:
    // memory says what comes next after it (the experiment), as for any playbook task.
    const app = team.open();
    seedTeam(app, LEDGERLY);
    const saturday = app.engine.generate(LEAD, { maxTasks: 5 });
    const play = saturday.tasks.find((t) => goalPlay(t.title));
    expect(play, titles(saturday.tasks as never).join('; ')).toBeDefined();
    app.decisions.decide(LEAD, { ref: play?.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: play?.ref, action: 'done' });
    const monday = team.reopen(day(2));
    const held = monday.engine
      .generate(LEAD, { dryRun: true, maxTasks: 5 })
      .skipped.filter((s) => goalPlay(s.title) && /serves goal/.test(s.note ?? ''));
    expect(held).toEqual([]);
  });
});
