import { describe, expect, it } from 'vitest';
import { build, LEAD, plan, seedTeam, useTeam } from './team.js';

const NOW = '2026-12-05T09:00:00Z';
const DAY = 86_400_000;

// A review's product had four features: the lead turned two down and approved the other two, small
// ones, one already being built. The next plan's growth experiment said "What Tallyo's backlog has
// to close its revenue gap is held back (its 2 items…)", as if nothing of it were under way. A lead
// expects the card to say part of it is held back, and what the rest comes to.
describe("a product's revenue gap, part of its backlog held back and the rest under way", () => {
  const team = useTeam();
  it('says its growth experiment answers what the held part and the small rest leave', () => {
    const app = team.open(NOW);
    seedTeam(app, {
      vision: {
        statement: 'Invoicing agencies love',
        primary_goal: 'Invoicing agencies love',
        focus_areas: ['billing', 'growth'],
        revenue_targets: { '2027-06': 10000 },
      },
      projects: [
        {
          name: 'Tallyo',
          revenueBearing: true,
          focus: ['billing'],
          features: [
            ['Expense import', 'planned'],
            ['Multi-currency', 'planned'],
          ],
        },
      ],
      revenue: [{ project: 'Tallyo', month: '2026-11', actual: 4200 }],
    });
    app.projects.addFeature(LEAD, 'Tallyo', { title: 'Recurring invoices', estimate: 2 });
    app.projects.addFeature(LEAD, 'Tallyo', { title: 'Client portal', estimate: 2 });
    const batch = app.engine.generate(LEAD, { maxTasks: 6 });
    const ref = (title: string) => batch.tasks.find((t) => t.title === build(title, 'Tallyo'))?.ref as string;
    app.decisions.decide(LEAD, { ref: ref('Recurring invoices'), action: 'approve' });
    app.decisions.decide(LEAD, { ref: ref('Client portal'), action: 'approve' });
    app.decisions.decide(LEAD, { ref: ref('Client portal'), action: 'start' });
    app.decisions.decide(LEAD, { ref: ref('Expense import'), action: 'reject', note: 'not now' });
    app.decisions.decide(LEAD, {
      ref: ref('Multi-currency'),
      action: 'reject',
      note: 'customers never asked',
    });
    const next = team.reopen(new Date(Date.parse(NOW) + DAY).toISOString());
    const experiment = plan(next, 6).find((t) => t.playbookKey === 'growth.experiment');
    expect(experiment?.reasoning[0]).toBe(
      "Part of what Tallyo's backlog has to close its revenue gap is held back (2 items: rejected lately, failed within the day, or done and left open), and the rest comes to 0.5 feature-sizes of work, less than the 2.5 its share is counted for with 2 of them held back, keeping their part: this play is worth up to $464/month.",
    );
  });
});
