import { describe, expect, it } from 'vitest';
import { build, finish, LEAD, lines, plan, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// A review's Invoicely, a product of the vision's `payments` area alone, had "Cancellation survey
// with save offer" in progress, and the plan said "Nothing is planned for retention", the vision's
// other area, proposing "Plan the next step for retention" and counting the survey as payments
// work ("payments is focus area 1 of 2"). A lead reads work on customers leaving as retention
// work, whatever product it is on.
const NOW = '2026-12-05T09:00:00Z';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Invoicing small businesses keep paying for',
    primary_goal: 'Keep small businesses paying',
    focus_areas: ['payments', 'retention'],
    revenue_targets: { '2027-03': 9000 },
  },
  projects: [{ name: 'Invoicely', revenueBearing: true, focus: ['payments'] }],
  revenue: [{ project: 'Invoicely', month: '2026-10', actual: 6000 }],
};
const SURVEY = 'Cancellation survey with save offer';
const NEGLECTED = (area: string) => new RegExp(`works on ${area} \\(focus area`);

describe('work on customers leaving, on a product of another area', () => {
  const team = useTeam();

  it('in progress, is work under way on retention: nothing is planned for it instead', () => {
    const app = team.open(NOW);
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Invoicely', { title: SURVEY, status: 'in_progress' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Stripe payment links' });
    const tasks = plan(app);
    expect(titles(tasks)).not.toContain('Plan the next step for retention');
    expect(lines(tasks).filter((l) => NEGLECTED('retention').test(l))).toEqual([]);
    const survey = tasks.find((t) => t.title === finish(SURVEY, 'Invoicely'));
    expect(survey?.reasoning).toContainEqual(
      expect.stringMatching(/^Alignment 0\.\d+: retention is focus area 2 of 2/),
    );
    // Nothing is under way on payments now: its own work says so.
    const links = tasks.find((t) => t.title === build('Stripe payment links', 'Invoicely'));
    expect(links?.reasoning).toContainEqual(expect.stringMatching(NEGLECTED('payments')));
  });

  it('planned, serves the neglected retention area itself, and the payments work serves payments', () => {
    const app = team.open(NOW);
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Invoicely', { title: SURVEY });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Stripe payment links' });
    const tasks = plan(app);
    expect(titles(tasks).sort()).toEqual(
      [build(SURVEY, 'Invoicely'), build('Stripe payment links', 'Invoicely')].sort(),
    );
    const survey = tasks.find((t) => t.title === build(SURVEY, 'Invoicely'));
    expect(survey?.reasoning.filter((l) => NEGLECTED('retention').test(l))).toHaveLength(1);
    expect(survey?.reasoning.filter((l) => NEGLECTED('payments').test(l))).toEqual([]);
    const links = tasks.find((t) => t.title === build('Stripe payment links', 'Invoicely'));
    expect(links?.reasoning.filter((l) => NEGLECTED('retention').test(l))).toEqual([]);
  });

  it('approved, is counted as retention work the next day', () => {
    const app = team.open(NOW);
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Invoicely', { title: SURVEY });
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const survey = batch.tasks.find((t) => t.title === build(SURVEY, 'Invoicely'));
    app.decisions.decide(LEAD, { ref: survey?.ref as string, action: 'approve' });
    const next = team.reopen('2026-12-06T09:00:00Z');
    expect(next.engine.state(LEAD).neglectedFocusAreas).toEqual(['payments']);
    expect(titles(plan(next))).not.toContain('Plan the next step for retention');
  });
});
