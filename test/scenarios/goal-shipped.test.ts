import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// Dispatch (a review's field-service company) steers by trial-to-paid conversion, off track at 11 %
// against 18 %. Two items are linked to the goal: a three-day setup wizard and a half-day trial
// expiry email. The wizard shipped on Monday; nobody has measured conversion since. A lead reads
// Tuesday's card for the email as Monday's: the wizard's part of the goal is on its way, not
// the email's to claim. The review saw the email's goal value go from $347 to $1,216 a month
// overnight, with no new reading, and the wizard, email and banner claim twice what the goal is worth.
const PRODUCT = 'Dispatch';
const WIZARD = 'Guided setup wizard for new trial accounts';
const EMAIL = 'Trial expiry email sequence';

const DISPATCH: TeamSpec = {
  vision: {
    statement: 'Field-service scheduling for contractors',
    primary_goal: 'Reach $22k MRR by March',
    focus_areas: ['self_serve_onboarding'],
    revenue_targets: { '2027-03': 22000 },
    success_metrics: { trial_to_paid: 18 },
  },
  projects: [{ name: PRODUCT, revenueBearing: true, focus: ['self_serve_onboarding'] }],
  revenue: [
    { project: PRODUCT, month: '2026-10', actual: 19800 },
    { project: PRODUCT, month: '2026-11', actual: 20020 },
  ],
  goals: [
    {
      metric: 'trial_to_paid',
      target: 18,
      unit: '%',
      by: '2027-04-30',
      direction: 'up',
      baseline: 11,
      observed: [
        ['2026-10-15T00:00:00Z', 11],
        ['2026-11-01T00:00:00Z', 11.5],
        ['2026-11-14T00:00:00Z', 11.2],
      ],
    },
  ],
};

describe('a goal whose linked work shipped, not measured since', () => {
  const team = useTeam();

  function seeded(): Goalpost {
    const app = team.open('2026-11-16T09:00:00Z');
    seedTeam(app, DISPATCH);
    app.projects.addFeature(LEAD, PRODUCT, { title: WIZARD, estimate: '3d', goal: 'trial_to_paid' });
    app.projects.addFeature(LEAD, PRODUCT, { title: EMAIL, estimate: '4h', goal: 'trial_to_paid' });
    app.projects.addFeature(LEAD, PRODUCT, { title: 'Google Calendar two-way sync', estimate: '1w' });
    return app;
  }

  /** Monday's digest, with the wizard then approved and shipped: the email's proposal as saved. */
  function shipWizard(app: Goalpost): { ref: string; goalValue: number } {
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const wizard = batch.tasks.find((t) => t.title === build(WIZARD, PRODUCT));
    const email = batch.tasks.find((t) => t.title === build(EMAIL, PRODUCT));
    expect(wizard && email, batch.tasks.map((t) => t.title).join('\n')).toBeTruthy();
    app.decisions.decide(LEAD, { ref: wizard?.ref ?? '', action: 'approve' });
    app.decisions.decide(LEAD, { ref: wizard?.ref ?? '', action: 'done' });
    expect(email?.goalValue ?? 0).toBeGreaterThan(0);
    return { ref: email?.ref ?? '', goalValue: email?.goalValue ?? 0 };
  }

  /** The email's proposal as the day's digest values it again. */
  function emailAfterDigest(app: Goalpost, ref: string) {
    app.engine.generate(LEAD, { maxTasks: 5 });
    return app.tasks.show(LEAD, ref).task;
  }

  it("leaves the email's part of the goal as it was the day before, saying what shipped", () => {
    const monday = shipWizard(seeded());
    const tuesday = emailAfterDigest(team.reopen('2026-11-17T09:00:00Z'), monday.ref);
    expect(tuesday.goalValue).toBeCloseTo(monday.goalValue, 1);
    expect(tuesday.reasoning.join('\n')).toMatch(/shipped since trial_to_paid was last measured/);
  });

  it('gives the email its whole part once a reading after the wizard is in', () => {
    const monday = shipWizard(seeded());
    const later = team.reopen('2026-11-20T09:00:00Z');
    later.goals.observe(LEAD, { metric: 'trial_to_paid', value: 11.4, at: '2026-11-19T12:00:00Z' });
    const after = emailAfterDigest(later, monday.ref);
    // Measured since, the goal's value is what is left of it, and the email is its only open work.
    expect(after.goalValue).toBeGreaterThan(monday.goalValue * 2);
    expect(after.reasoning.join('\n')).not.toMatch(/shipped since/);
  });
});
