import { describe, expect, it } from 'vitest';
import { DEFAULT_LEARNING_CONFIG } from '../../src/app.js';
import { LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's clinic-scheduling team added its five people and filed five bugs on its first day.
// Nobody had a record yet, so everyone was the team's best estimate alike, and the first batch
// gave eva three of the five bugs (0, 1, then 2 of her 3 slots in use) while priya and li had
// none: each pick was a draw of its own, blind to the work the batch had just handed out. A lead
// expects work spread among people the record cannot tell apart: the freest hands first.
const APP = 'Lumen';
const PEOPLE = ['eva', 'jonas', 'li', 'priya', 'sam'];

const LUMEN: TeamSpec = {
  vision: {
    statement: 'Scheduling clinics rely on',
    primary_goal: 'Reach $55,000 MRR',
    focus_areas: ['billing'],
    revenue_targets: { '2027-03': 55_000 },
  },
  projects: [
    {
      name: APP,
      revenueBearing: true,
      focus: ['billing'],
      bugs: [
        ['Checkout crashes', 'critical'],
        ['Renewals not charged', 'critical'],
        ['CSV import fails', 'high'],
        ['Reminders an hour early', 'high'],
        ['Password reset mail lost', 'high'],
      ],
    },
  ],
  revenue: [{ project: APP, month: '2026-10', actual: 42_000, subscriptions: 600 }],
};

describe('a first batch for people nobody has a record of', () => {
  const team = useTeam();

  it('gives each of five people one of five bugs', () => {
    const app = team.open();
    seedTeam(app, LUMEN);
    for (const name of PEOPLE) app.assignees.add(LEAD, { name, capacity: 3 });
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(batch.tasks).toHaveLength(5);
    expect(batch.tasks.map((t) => t.assignee).sort()).toEqual(PEOPLE);
    // Each card says so as it is: nobody's record yet, the team's best estimate, a free hand.
    console.log(
      batch.tasks.map((t) => `${t.priority} ${t.reasoning.find((l) => l.startsWith('Route:'))}`).join('\n'),
    );
    for (const t of batch.tasks)
      expect(t.reasoning.find((l) => l.startsWith('Route:'))).toMatch(
        /best estimate so far .*; 0 of 3 slots in use$/,
      );
  });

  it('still spreads the work under the other routing policies', () => {
    for (const policy of ['ucb', 'greedy'] as const) {
      const app = team.open(undefined, { learning: { ...DEFAULT_LEARNING_CONFIG, policy } });
      seedTeam(app, LUMEN);
      for (const name of PEOPLE) app.assignees.add(LEAD, { name, capacity: 3 });
      const batch = app.engine.generate(LEAD, { maxTasks: 5 });
      expect(batch.tasks.map((t) => t.assignee).sort(), policy).toEqual(PEOPLE);
    }
  });
});
