import { describe, expect, it } from 'vitest';
import { build, fix, LEAD, NOW, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A marketplace whose vision puts trust first, then search; its one product works on both. A
// review found "Saved searches" not taken for search work (the plural), and "Buyer reviews with
// photos", naming neither, said to advance the product "in search" (its first area) two lines
// above "works on trust (focus area 1 of 2)"; approved, it counted as search work and trust stayed
// neglected. A lead expects one area per card, the one the work is counted for.
const MARKET = 'Makers Market';
const team = useTeam();

/** A team whose vision has `areas`, in that order, and one product `name` working on `focus`. */
function onAreas(statement: string, areas: string[], name: string, focus: string[]) {
  const app = team.open(NOW);
  seedTeam(app, {
    vision: { statement, primary_goal: statement, focus_areas: areas, revenue_targets: { '2027-06': 5000 } },
    projects: [{ name, focus }],
  });
  return app;
}

function marketplace(focus = ['search', 'trust']) {
  const app = onAreas('Makers sell to neighbours they trust', ['trust', 'search'], MARKET, focus);
  for (const title of ['Saved searches', 'Buyer reviews with photos'])
    app.projects.addFeature(LEAD, MARKET, { title });
  return app;
}

describe('an item of a product on several focus areas', () => {
  it('works on the area its title names, a plural too', () => {
    const searches = taskTitled(plan(marketplace(['trust', 'search'])), build('Saved searches', MARKET));
    expect(searches.focusArea).toBe('search');
    expect(searches.reasoning[0]).toMatch(/advances Makers Market in search/);
  });

  it("naming none, works on the vision's first of its product's areas, and counts for it once approved", () => {
    const app = marketplace();
    const reviews = taskTitled(plan(app), build('Buyer reviews with photos', MARKET));
    expect(reviews.focusArea).toBe('trust');
    expect(reviews.reasoning[0]).toMatch(/advances Makers Market in trust/);
    const saved = app.engine.generate(LEAD, { maxTasks: 5 });
    const ref = saved.tasks.find((t) => t.title === build('Buyer reviews with photos', MARKET))?.ref;
    app.decisions.decide(LEAD, { ref, action: 'approve' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).not.toContain('trust');
  });
});

// A lead's Ledgerline (bookkeeping; retention first, then integrations) read "Custom report
// builder", naming neither, as "retention is focus area 1 of 2" (0.85), above a QuickBooks
// integration naming integrations (0.73): work that says which area it serves ranked below work
// that says nothing. Which area an item naming none works on is not known, and that is no claim
// on the first.
describe('the alignment of an item naming none of its product’s areas', () => {
  it('is that of the least of them: naming an area never ranks work below an item that names none', () => {
    const areas = ['retention', 'integrations'];
    const app = onAreas('Bookkeeping small firms keep', areas, 'Ledgerline', areas);
    for (const title of ['Custom report builder', 'QuickBooks integration', 'Retention cohort emails'])
      app.projects.addFeature(LEAD, 'Ledgerline', { title });
    const tasks = plan(app);
    const reports = taskTitled(tasks, build('Custom report builder', 'Ledgerline'));
    const quickbooks = taskTitled(tasks, build('QuickBooks integration', 'Ledgerline'));
    const cohort = taskTitled(tasks, build('Retention cohort emails', 'Ledgerline'));
    expect(quickbooks.alignment).toBe(reports.alignment);
    expect(cohort.alignment).toBeGreaterThan(reports.alignment);
    expect(reports.reasoning.join('\n')).toMatch(
      /Alignment [\d.]+: its title names none of its project's focus areas, so it counts as the least of them: integrations, focus area 2 of 2/,
    );
    // It is still counted as work on the first, as before.
    expect(reports.focusArea).toBe('retention');
  });
});

// A second review approved and started "Slack alert routing" on a product of onboarding and
// alerting, and the next card still said nothing works on alerting; and, approving a cancellation
// survey, saw "Pause subscription instead of cancel" move from retention to activation overnight.
describe('the focus area of work on a product of several', () => {
  it('is named by a word of the area in another form, and does not move with what is neglected', () => {
    const areas = ['onboarding', 'alerting'];
    const app = onAreas('Every outage paged in a minute', areas, 'Pagerly', areas);
    app.projects.addFeature(LEAD, 'Pagerly', { title: 'Slack alert routing' });
    app.projects.addFeature(LEAD, 'Pagerly', { title: 'Status page themes' });
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const alert = first.tasks.find((t) => t.title === build('Slack alert routing', 'Pagerly'));
    expect(alert?.focusArea).toBe('alerting');
    const themes = first.tasks.find((t) => t.title === build('Status page themes', 'Pagerly'));
    expect(themes?.focusArea).toBe('onboarding');
    for (const action of ['approve', 'start'] as const)
      app.decisions.decide(LEAD, { ref: alert?.ref, action });
    expect(app.engine.state(LEAD).neglectedFocusAreas).not.toContain('alerting');
    const again = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(again.revalued.find((c) => c.ref === themes?.ref)?.because ?? '').not.toMatch(/works on/);
    expect(app.tasks.show(LEAD, themes?.ref).task.focusArea).toBe('onboarding');
  });
});

// A third review's vision named `self_serve_onboarding`: "Guided onboarding checklist" was not
// taken for it (its title does not say "self serve"), and its card said it works on retention.
describe('a focus area named in several words', () => {
  it('is named by its own word, without the words that only qualify it', () => {
    const areas = ['retention', 'self_serve_onboarding'];
    const app = onAreas('Analytics teams set up alone', areas, 'Pulse', areas);
    app.projects.addFeature(LEAD, 'Pulse', { title: 'Guided onboarding checklist' });
    const task = taskTitled(plan(app), build('Guided onboarding checklist', 'Pulse'));
    expect(task.focusArea).toBe('self_serve_onboarding');
  });
});

// A fourth review's tutoring app worked on payments, onboarding and retention; its GitHub backlog
// of "Stripe Checkout for school licences", "Refund button charges customers twice" and "Annual
// billing plan with discount" read, each, "its title names none of its project's focus areas, so
// it counts as the least of them: retention". A lead reads them as payments work.
describe('a focus area on payments', () => {
  const areas = ['payments', 'onboarding', 'retention'];

  it('is named by payments work in the words teams title it with, bugs too', () => {
    const app = onAreas('Tutoring schools pay for', areas, 'Tutorly', areas);
    const features = [
      'Stripe Checkout for school licences',
      'Annual billing plan with discount',
      'Stripe SEPA direct debit',
      'Weekly payouts to tutors',
    ];
    for (const title of features) app.projects.addFeature(LEAD, 'Tutorly', { title });
    app.projects.addBug(LEAD, 'Tutorly', {
      title: 'Refund button charges customers twice',
      severity: 'high',
    });
    const tasks = plan(app, 10);
    for (const title of [
      ...features.map((f) => build(f, 'Tutorly')),
      fix('Refund button charges customers twice', 'Tutorly'),
    ]) {
      const task = taskTitled(tasks, title);
      expect(task.focusArea, title).toBe('payments');
      expect(task.reasoning.join('\n'), title).toMatch(/payments is focus area 1 of 3/);
    }
  });

  it('is not named by words that only sometimes mean money', () => {
    const app = onAreas('Tutoring schools pay for', areas, 'Tutorly', areas);
    const titles = [
      'Drag lesson cards between weeks',
      'Newsletter subscription form',
      'Teacher pay scale report',
      'Person in charge field on school profile',
      'Zebra stripes in lesson tables',
    ];
    for (const title of titles) app.projects.addFeature(LEAD, 'Tutorly', { title });
    const tasks = plan(app, 10);
    for (const title of titles) {
      const task = taskTitled(tasks, build(title, 'Tutorly'));
      expect(task.reasoning.join('\n'), title).toMatch(/names none of its project's focus areas/);
    }
  });
});
