import { describe, expect, it } from 'vitest';
import { holdText, type RejectionHold } from '../../src/index.js';
import { build, LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's payroll team rejected "Win-back emails" from its own backlog as "marketing owns this"
// and found it back at P10 thirty days later, "the 30-day cooldown is over", and each month after:
// four of one batch's five tasks were month-old rejections with nothing new. A cooldown is for work
// the team may want later; work it says is not its own stays so however long it waits.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Payroll small firms trust',
    primary_goal: 'Reach $12,000 MRR',
    focus_areas: ['retention'],
    revenue_targets: { '2027-06': 12000 },
  },
  projects: [
    {
      name: 'Payroll',
      revenueBearing: true,
      focus: ['retention'],
      features: [
        ['Win-back emails', 'planned'],
        ['Employee payslips portal', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: 'Payroll', month: '2027-01', actual: 9000 },
    { project: 'Payroll', month: '2027-02', actual: 9100 },
  ],
};

const WIN_BACK = build('Win-back emails', 'Payroll');
const PAYSLIPS = build('Employee payslips portal', 'Payroll');

describe('backlog work the team says is not its own', () => {
  const team = useTeam();

  it('is held as long as a rejection is remembered, where work put off comes back after its cooldown', () => {
    const app = team.open('2027-03-01T09:00:00Z');
    seedTeam(app, SPEC);
    const tasks = app.engine.generate(LEAD, { maxTasks: 5 }).tasks as PlannedTask[];
    const ref = (title: string) => tasks.find((t) => t.title === title)?.ref;
    const winBack = app.decisions.decide(LEAD, {
      ref: ref(WIN_BACK),
      action: 'reject',
      note: 'marketing owns this',
    });
    app.decisions.decide(LEAD, { ref: ref(PAYSLIPS), action: 'reject', note: 'not worth it yet' });
    expect(holdText(winBack.held as RejectionHold)).toBe(
      "not proposed again before 2027-10-27 09:00 UTC unless the work itself changes (held as work its reason says is not the team's, as long as a rejection is remembered, 240 days)",
    );

    const monthOn = team.reopen('2027-03-31T10:00:00Z');
    const next = monthOn.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const titles = next.tasks.map((t) => t.title);
    expect(titles).toContain(PAYSLIPS);
    expect(titles).not.toContain(WIN_BACK);
    expect(next.skipped).toContainEqual(
      expect.objectContaining({
        title: WIN_BACK,
        reason: 'rejected',
        note: expect.stringContaining("held as work its reason says is not the team's"),
      }),
    );
    // More of the gap behind it is no news about whose work it is.
    monthOn.revenue.add(LEAD, { project: 'Payroll', from: '2027-03-01', to: '2027-03-31', actual: 6000 });
    expect(plan(team.reopen('2027-04-02T09:00:00Z')).map((t) => t.title)).not.toContain(WIN_BACK);
  });
});
