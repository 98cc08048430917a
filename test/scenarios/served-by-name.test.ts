import { describe, expect, it } from 'vitest';
import { build, LEAD, lines, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's card for an email linked to a churn goal read "1 of 2 open items that serve it" and,
// a line below, "the only open item that serves it": the churn rise first, the goal then, both
// "it". A lead read the two as contradicting each other. Each line names what it serves.
describe('what work serves, on its card', () => {
  const team = useTeam();

  it('is named on each line: the churn rise two items serve, the goal one of them is linked to', () => {
    const app = team.open();
    seedTeam(app, {
      vision: {
        statement: 'Accountants stay on Ledgerly',
        primary_goal: 'Keep accountants on Ledgerly',
        focus_areas: ['retention'],
        revenue_targets: { '2027-03': 12000 },
      },
      projects: [
        {
          name: 'Ledgerly',
          revenueBearing: true,
          focus: ['retention'],
          features: [['Cancellation survey and save offer', 'planned']],
        },
      ],
      revenue: [
        { project: 'Ledgerly', month: '2026-09', actual: 9000, churn: 0.02 },
        { project: 'Ledgerly', month: '2026-10', actual: 8900, churn: 0.04 },
      ],
      goals: [
        {
          metric: 'ledgerly_churn',
          target: 2,
          unit: '%',
          by: '2027-03-31',
          direction: 'down',
          baseline: 4,
          observed: [
            ['2026-10-01', 3.5],
            ['2026-11-01', 4],
          ],
        },
      ],
    });
    app.projects.addFeature(LEAD, 'Ledgerly', {
      title: 'Usage digest email for inactive firms',
      goal: 'ledgerly_churn',
    });
    const tasks = plan(app, 5);
    const email = lines([taskTitled(tasks, build('Usage digest email for inactive firms', 'Ledgerly'))]);
    expect(email.find((l) => l.startsWith('Revenue $') && l.includes('churn rise takes'))).toContain(
      '1 of 2 open items that serve the churn rise (linked to ledgerly_churn, a goal on customers leaving)',
    );
    expect(email.find((l) => l.startsWith('Goal value'))).toContain(
      'the only open item that serves ledgerly_churn (linked to it)',
    );
    const survey = lines([taskTitled(tasks, build('Cancellation survey and save offer', 'Ledgerly'))]);
    expect(survey.join('\n')).toContain(
      "1 of 2 open items that serve the churn rise (it names 'cancellation')",
    );
    expect(lines(tasks).join('\n')).not.toMatch(/that serves? it\b/);
  });
});
