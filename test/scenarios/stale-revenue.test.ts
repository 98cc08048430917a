import { describe, expect, it } from 'vitest';
import { build, fix, lines, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's team typed Tallyo's revenue to October and then nothing: on 5 January its October
// record was too old to count, and the plan counted an $11,500/month product as earning nothing.
// Its two-day feature went from $2,333 to $10,000/month, the batch from $5,800 to $15,000, and its
// high bug read "no revenue rides on it", with not a word of why. `state` said the record was too
// old; the plan a lead reads did not. A lead expects the plan to say what it did not count, and how
// to give it the figure.
describe('a product whose revenue was last recorded months ago', () => {
  const team = useTeam();

  function tallyo(now: string) {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, {
      vision: {
        statement: 'The time tracker agencies rely on',
        primary_goal: 'The time tracker agencies rely on',
        focus_areas: ['growth'],
        revenue_targets: { '2027-06': 15000 },
      },
      projects: [
        {
          name: 'Tallyo',
          revenueBearing: true,
          focus: ['growth'],
          features: [['Slack integration', 'planned']],
          bugs: [['Timer stops when laptop sleeps', 'high']],
        },
      ],
      revenue: [
        { project: 'Tallyo', month: '2026-09', actual: 11000 },
        { project: 'Tallyo', month: '2026-10', actual: 11500 },
      ],
    });
    return plan(team.reopen(now), 10);
  }

  it("says on the bug's card that what the product earns is not known, and how to record it", () => {
    const bug = taskTitled(tallyo('2027-01-05T09:00:00Z'), fix('Timer stops when laptop sleeps', 'Tallyo'));
    const why = bug.reasoning.join('\n');
    expect(why).not.toContain('no revenue rides on it');
    expect(bug.reasoning[0]).toBe(
      'A high bug in Tallyo; no revenue is counted on it, as what Tallyo earns is not known.',
    );
    expect(why).toContain(
      'What Tallyo earns now is not known: Tallyo\'s latest revenue, $11,500/month for 2026-10, is too old to count as now, so a fix protects none of it; record the latest month (`goalpost revenue add <amount> --month 2026-12 --project "Tallyo"`)',
    );
  });

  it("says on the gap's cards that the gap counts the product as earning nothing", () => {
    const feature = taskTitled(tallyo('2027-01-05T09:00:00Z'), build('Slack integration', 'Tallyo'));
    expect(lines([feature]).join('\n')).toContain(
      'Tallyo\'s latest revenue, $11,500/month for 2026-10, is too old to count as now, so the gap counts it as earning nothing (record the latest month: `goalpost revenue add <amount> --month 2026-12 --project "Tallyo"`)',
    );
  });

  it('says nothing of it while the record still counts', () => {
    const tasks = tallyo('2026-12-28T09:00:00Z');
    expect(lines(tasks).join('\n')).not.toContain('too old to count');
  });
});
