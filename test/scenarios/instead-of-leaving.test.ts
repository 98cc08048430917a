import { describe, expect, it } from 'vitest';
import { build, LEAD, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's Tallybook lost customers faster (3.3 % to 3.8 % a month), and its lead's backlog held
// "Win-back offer for customers who cancel" and "Pause subscription instead of cancelling". The
// win-back offer served the churn rise as retention work; the pause, the classic way to keep a
// customer who is about to leave, counted as the least of the product's areas, payments, with no
// churn value. A lead reads both as work on customers leaving.
const TALLYBOOK = 'Tallybook';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Bookkeeping small firms keep paying for',
    primary_goal: 'Keep small firms paying',
    focus_areas: ['retention', 'payments'],
    revenue_targets: { '2027-03': 25_000 },
  },
  projects: [{ name: TALLYBOOK, revenueBearing: true, focus: ['retention', 'payments'] }],
  revenue: [
    { project: TALLYBOOK, month: '2026-10', actual: 18_500, churn: 0.033 },
    { project: TALLYBOOK, month: '2026-11', actual: 18_300, churn: 0.038 },
  ],
};
const PAUSE = 'Pause subscription instead of cancelling';

describe('work that gives customers something instead of leaving', () => {
  const team = useTeam();

  it('serves the churn rise as retention work, as a win-back offer does', () => {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Win-back offer for customers who cancel' });
    app.projects.addFeature(LEAD, TALLYBOOK, { title: PAUSE });
    const pause = plan(app).find((t) => t.title === build(PAUSE, TALLYBOOK));
    expect(pause?.reasoning).toContainEqual(
      expect.stringMatching(/open items that serve the churn rise \(it names 'cancelling'\)/),
    );
    expect(pause?.reasoning).toContainEqual(
      expect.stringMatching(/^Alignment 0\.\d+: retention is focus area 1 of 2/),
    );
    expect(pause?.reasoning.join('\n')).not.toMatch(/names none of its project's focus areas/);
  });

  it('is not read so when cancelling is what the work does to something else', () => {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, SPEC);
    const VOID = 'Void invoices instead of cancelling them';
    app.projects.addFeature(LEAD, TALLYBOOK, { title: VOID });
    const invoices = plan(app).find((t) => t.title === build(VOID, TALLYBOOK));
    expect(invoices?.reasoning.join('\n')).toMatch(/^Alignment 0\.\d+: payments is focus area 2 of 2/m);
    expect(invoices?.reasoning.join('\n')).not.toMatch(/serve the churn rise/);
  });
});
