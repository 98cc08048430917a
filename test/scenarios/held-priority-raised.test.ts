// A feature rejected, then ranked higher by the team, comes back (see materialChange): the split of
// the revenue gap across projects must count it as open work, as the plan that proposes it does.
import { describe, expect, it } from 'vitest';
import { build, LEAD, plan, seedTeam, type TeamSpec, useTeam } from '../scenarios/team.js';

const spec: TeamSpec = {
  vision: {
    statement: 'Two products',
    primary_goal: 'Reach $3,000 MRR by January',
    focus_areas: ['growth'],
    revenue_targets: { '2027-01': 3000 },
  },
  projects: [
    {
      name: 'Alpha',
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['A one', 'planned'],
        ['A two', 'planned'],
      ],
    },
    {
      name: 'Beta',
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['B one', 'planned'],
        ['B two', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: 'Alpha', month: '2026-10', actual: 600 },
    { project: 'Beta', month: '2026-10', actual: 600 },
  ],
};

describe('a rejected feature brought back by a raised priority', () => {
  const team = useTeam();
  it('shares the gap as an item not held', () => {
    const monday = team.open('2026-11-20T09:00:00Z');
    seedTeam(monday, spec);
    const a1 = monday.projects.features(LEAD).find((f) => f.title === 'A one');
    const batch = monday.engine.generate(LEAD, { maxTasks: 5 });
    const ref = batch.tasks.find((t) => t.title === build('A one', 'Alpha'))?.ref ?? null;
    monday.decisions.decide(LEAD, { ref, action: 'reject', note: 'not now' });
    const later = team.reopen('2026-11-23T09:00:00Z');
    later.items.setPriority(LEAD, String(a1?.id), 'high');
    const back = plan(later, 10).find((x) => x.title === build('A one', 'Alpha'));
    const why = back?.reasoning.join('\n') ?? '';
    expect(why).toMatch(/proposed again because the team marked it high priority since/);
    // Not held: Alpha's two open features and Beta's two share the $1,800 gap alike.
    expect(why).toMatch(/Alpha carries \$900 of it/);
    expect(back?.revenueImpact).toBe(450);
  });
});
