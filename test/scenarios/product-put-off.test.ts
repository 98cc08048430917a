import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Pipework (a review's field-service company) runs Dispatch, earning $19,200 a month, and an
// Invoicing add-on earning $820. The lead rejected both of the add-on's features: "invoicing
// add-on waits for its Q2 review". The next morning's batch led with a user-acquisition experiment
// for the add-on, at P10: the team had just put the product's work off to April, and the plan
// invented more of it. A lead reads that as not listening. Had the team rejected the features as
// unwanted, an experiment toward the add-on's share of the gap would be a fair other way.
const ADD_ON = 'Invoicing';

const PIPEWORK: TeamSpec = {
  vision: {
    statement: 'Field-service software for contractors',
    primary_goal: 'Reach $22k MRR by March',
    focus_areas: ['scheduling', 'payments'],
    revenue_targets: { '2027-03': 22000 },
  },
  projects: [
    {
      name: 'Dispatch',
      revenueBearing: true,
      focus: ['scheduling'],
      features: [['Recurring job template editor', 'planned']],
    },
    {
      name: ADD_ON,
      revenueBearing: true,
      focus: ['payments'],
      features: [
        ['QuickBooks Online export', 'planned'],
        ['Company logo on invoice PDFs', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: 'Dispatch', month: '2026-09', actual: 19200 },
    { project: ADD_ON, month: '2026-09', actual: 820 },
    { project: 'Dispatch', month: '2026-10', actual: 19200 },
    { project: ADD_ON, month: '2026-10', actual: 820 },
  ],
};

const inventedFor = (tasks: readonly PlannedTask[], project: string) =>
  tasks.filter((t) => t.projectName === project && t.item === null);

describe('a product whose work the team put off to a date', () => {
  const team = useTeam();

  function rejectAddOn(reason: string): Goalpost {
    const app = team.open();
    seedTeam(app, PIPEWORK);
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const addOn = batch.tasks.filter((t) => t.projectName === ADD_ON);
    expect(addOn).toHaveLength(2);
    for (const t of addOn) app.decisions.decide(LEAD, { ref: t.ref, action: 'reject', note: reason });
    return team.reopen('2026-11-22T09:00:00Z');
  }

  it('proposes no other work for it until then', () => {
    const tasks = plan(rejectAddOn('invoicing add-on waits for its Q2 review'), 10);
    expect(inventedFor(tasks, ADD_ON).map((t) => t.title)).toEqual([]);
  });

  it('still proposes another way toward its share when the team turned the work down itself', () => {
    const tasks = plan(rejectAddOn('customers never asked for these'), 10);
    expect(inventedFor(tasks, ADD_ON).length).toBeGreaterThan(0);
  });
});
