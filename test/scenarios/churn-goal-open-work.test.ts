import { describe, expect, it } from 'vitest';
import { APP, churnGoalTeam } from './churn-goal.js';
import { LEAD, NOW, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// Ledgerly's churn rose from 3 % to 7 % in October, and the team steers by a goal on it:
// `ledgerly_churn` down to 3 %. Nothing in its backlog answers either, so Goalpost proposes
// interviewing the customers who cancelled, and the lead approves it. A product review found the
// next morning's plan proposing, beside it, to "find out why ledgerly_churn is 4 points above its
// target", a card saying "nothing planned works on it": the same customers, the same question,
// asked twice, while the answer to the first is under way. A lead expects the goal's research to
// wait while work on the same customers is open, and the plan to say why it waits.
const REVENUE: NonNullable<TeamSpec['revenue']> = [
  { project: APP, month: '2026-09', actual: 4200, subscriptions: 120, churn: 0.03 },
  { project: APP, month: '2026-10', actual: 3900, subscriptions: 112, churn: 0.07 },
];
const MEASURED: [string, number][] = [
  ['2026-09-01', 3],
  ['2026-10-01', 7],
  ['2026-11-01', 7],
];
const INTERVIEW = /^Interview customers who cancelled/;
const GOAL_RESEARCH = /^Find out why ledgerly_churn is/;
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

describe('a churn goal while work on the same customers is open', () => {
  const team = useTeam();

  it('proposes no research on the goal beside the approved interview, and says why', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(REVENUE, MEASURED));
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    // One question about the customers leaving in one batch, not two.
    expect(
      titles(first.tasks as never).filter((t) => INTERVIEW.test(t) || GOAL_RESEARCH.test(t)),
    ).toHaveLength(1);
    const interview = first.tasks.find((t) => INTERVIEW.test(t.title));
    expect(interview).toBeDefined();
    // The goal's research is held as the same question, and the plan says so.
    expect(first.skipped.find((s) => GOAL_RESEARCH.test(s.title))).toMatchObject({
      reason: 'duplicate',
      note: expect.stringMatching(
        /^goal ledgerly_churn measures the customers leaving Ledgerly, and this plan answers the churn rise of Ledgerly \(.*\): asking about them again would ask twice$/,
      ),
    });
    app.decisions.decide(LEAD, { ref: interview?.ref, action: 'approve' });

    const tomorrow = team.reopen(day(1));
    const next = tomorrow.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.filter((t) => INTERVIEW.test(t.title) || GOAL_RESEARCH.test(t.title))).toEqual([]);
    expect(next.skipped.find((s) => GOAL_RESEARCH.test(s.title))).toMatchObject({
      reason: 'duplicate',
      duplicateOf: interview?.ref,
      note: `${interview?.ref} '${interview?.title}' (approved) works on what goal ledgerly_churn measures: no more is proposed for it while that is open`,
    });
  });

  // A goal on another product's customers is another question.
  it("still proposes research on a goal on another product's churn", () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam(REVENUE, MEASURED, 'pagewise_churn'));
    const batch = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(batch.tasks.some((t) => /^Find out why pagewise_churn is/.test(t.title))).toBe(true);
    expect(batch.tasks.some((t) => INTERVIEW.test(t.title))).toBe(true);
  });
});
