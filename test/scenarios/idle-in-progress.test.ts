import { describe, expect, it } from 'vitest';
import { build, finish, plan, seedTeam, useTeam } from './team.js';

// A review's card read "already in progress" and "Timetrack has had no activity for 65 days" of the
// same feature: two readings of one piece of work. A lead expects the card to say both are so: the
// team set it in progress, and nothing of it has changed since.
describe('a feature in progress on a project gone idle', () => {
  const team = useTeam();

  it('says on its card that it is in progress, unchanged since the day it last changed', () => {
    const app = team.open('2026-10-01T09:00:00Z');
    seedTeam(app, {
      vision: {
        statement: 'Freelancers track time',
        primary_goal: 'Freelancers track time',
        focus_areas: ['activation'],
        revenue_targets: { '2027-03': 3000 },
      },
      projects: [
        {
          name: 'Timetrack',
          revenueBearing: true,
          focus: ['activation'],
          features: [
            ['Slack timer integration', 'in_progress'],
            ['CSV export', 'planned'],
          ],
        },
      ],
      revenue: [{ project: 'Timetrack', month: '2026-09', actual: 1600 }],
    });
    const tasks = plan(team.reopen('2026-12-05T09:00:00Z'));
    const started = tasks.find((t) => t.title === finish('Slack timer integration', 'Timetrack'));
    expect(started?.reasoning).toContain(
      'Timetrack has had no activity for 65 days: this feature is in progress, unchanged since 2026-10-01',
    );
    // The feature not started reads the project's idleness as it is.
    const planned = tasks.find((t) => t.title === build('CSV export', 'Timetrack'));
    expect(planned?.reasoning).toContain('Timetrack has had no activity for 65 days');
  });
});
