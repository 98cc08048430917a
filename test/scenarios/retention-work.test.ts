import { describe, expect, it } from 'vitest';
import { build, own, plan, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// Ledgerly steers by two focus areas, activation and retention, both its own, and nothing has
// been worked on in either lately. Its churn rose in October. A product review found the
// cancellation survey's card calling it activation work (the product's first area: its title
// names no area's word), and "Plan the next step for retention: nothing is planned for retention"
// in the same batch as interviewing the customers who cancelled. Work on customers leaving is
// retention work, whatever word the title uses for it.
const LEDGERLY: TeamSpec = {
  vision: {
    statement: 'Invoicing small agencies love',
    primary_goal: 'Reach $6,000 MRR',
    focus_areas: ['activation', 'retention'],
    revenue_targets: { '2027-03': 6000 },
  },
  projects: [
    {
      name: 'Ledgerly',
      revenueBearing: true,
      focus: ['activation', 'retention'],
      features: [
        ['Cancellation survey with pause-plan offer', 'planned'],
        ['Guided setup for new accounts', 'planned'],
        ['Let users cancel a scheduled invoice', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: 'Ledgerly', month: '2026-09', actual: 4200, subscriptions: 120, churn: 0.03 },
    { project: 'Ledgerly', month: '2026-10', actual: 3900, subscriptions: 112, churn: 0.07 },
  ],
};

/** Ledgerly's product with none of its backlog on customers leaving. */
const NO_CHURN_WORK: TeamSpec['projects'] = LEDGERLY.projects.map((p) => ({
  ...p,
  features: [['Guided setup for new accounts', 'planned']],
}));

describe('work on customers leaving', () => {
  const team = useTeam();

  it('counts as retention work on the card, and answers the neglected retention area', () => {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    const batch = plan(app, 8);
    const survey = taskTitled(batch, build('Cancellation survey with pause-plan offer', 'Ledgerly'));
    expect(survey.focusArea).toBe('retention');
    expect(survey.reasoning).toContainEqual(
      expect.stringMatching(/^Alignment [\d.]+: retention is focus area 2 of 2/),
    );
    // The guided setup names no area: the product's first, as before; nor does cancelling an
    // invoice, which is no customer leaving (a review found it called retention work).
    expect(taskTitled(batch, build('Guided setup for new accounts', 'Ledgerly')).focusArea).toBe(
      'activation',
    );
    expect(taskTitled(batch, own('Let users cancel a scheduled invoice', 'Ledgerly')).focusArea).toBe(
      'activation',
    );
    expect(batch.some((t) => /^Plan the next step for retention/.test(t.title))).toBe(false);
  });

  // The second review found a churn goal's research on no focus area, though the vision has one
  // on customers leaving.
  it("puts a churn goal's research on retention", () => {
    const app = team.open();
    seedTeam(app, {
      ...LEDGERLY,
      projects: NO_CHURN_WORK,
      revenue: [{ project: 'Ledgerly', month: '2026-10', actual: 3900, subscriptions: 112, churn: 0.07 }],
      goals: [
        {
          metric: 'ledgerly_churn',
          target: 3,
          unit: '%',
          by: '2027-03-31',
          direction: 'down',
          baseline: 7,
          observed: [
            ['2026-10-01', 7],
            ['2026-11-01', 7],
          ],
        },
      ],
    });
    const research = plan(app, 8).find((t) => /^Find out why ledgerly_churn/.test(t.title));
    expect(research?.focusArea).toBe('retention');
    expect(research?.reasoning).toContainEqual(
      expect.stringMatching(/^Alignment [\d.]+: retention is focus area 2 of 2/),
    );
  });

  it('puts the interview of the customers who cancelled on retention, answering its neglect', () => {
    const app = team.open();
    seedTeam(app, {
      ...LEDGERLY,
      projects: NO_CHURN_WORK,
    });
    const batch = plan(app, 8);
    const interview = batch.find((t) => /^Interview customers who cancelled/.test(t.title));
    expect(interview?.focusArea).toBe('retention');
    expect(batch.some((t) => /^Plan the next step for retention/.test(t.title))).toBe(false);
  });
});
