import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// The EDU demo's Basic EDU Apps needs its whole $999 gap, with three features typed for it:
// checkout, an admin dashboard and a pricing page. When the lead rejects the pricing page, or the
// admin dashboard fails and is held back a day, the revenue-gap playbook still drafts work for the
// product, and one of its tasks is that same pricing page (or dashboard) in other words. A lead who
// said "not this quarter" yesterday must not find it at the top of today's digest under a new title.
const PRODUCT = 'Basic EDU Apps';
const CHECKOUT = "Finish 'Stripe checkout for subscription tiers' for Basic EDU Apps";
const DASHBOARD = build('Subscription admin dashboard', PRODUCT);
const PRICING = build('Pricing page with monthly and annual plans', PRODUCT);
const DAY = '2026-11-23T09:00:00Z';
const at = (hours: number) => new Date(Date.parse(DAY) + hours * 3_600_000).toISOString();

function refOf(app: Goalpost, title: string): string {
  const task = app.tasks.list(LEAD, { status: ['proposed'] }).find((t) => t.title === title);
  if (!task) throw new Error(`"${title}" is not proposed`);
  return task.ref;
}

describe('work the team turned down or that failed does not come back in other words', () => {
  const team = useTeam();

  function demoDay(): Goalpost {
    const app = team.open(DAY);
    app.demo.load(LEAD);
    app.engine.generate(LEAD, { maxTasks: 5 });
    return app;
  }

  it('holds back a playbook task that is the rejected feature, for the rejection’s cooldown', () => {
    let app = demoDay();
    app.decisions.decide(LEAD, { ref: refOf(app, PRICING), action: 'reject', note: 'not this quarter' });
    app = team.reopen(at(24));
    for (const title of [CHECKOUT, DASHBOARD]) {
      const ref = refOf(app, title);
      app.decisions.decide(LEAD, { ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref, action: 'done' });
    }
    const next = team.reopen(at(48)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const titles = next.tasks.map((t) => t.title);
    expect(
      titles.filter((t) => /pricing page/i.test(t)),
      titles.join('; '),
    ).toEqual([]);
    // The gap is still open, and gets the next kind of work in its place.
    const forProduct = next.tasks.filter((t) => t.projectName === PRODUCT);
    expect(forProduct.map((t) => t.playbookKey)).toEqual(['growth.experiment']);
    // Said where the lead looks for what was held back, with the rejection it follows.
    const held = next.skipped.filter((s) => /pricing page/i.test(s.title));
    expect(held.length).toBeGreaterThanOrEqual(2);
    for (const s of held)
      expect(s).toMatchObject({ reason: 'rejected', duplicateOf: expect.stringMatching(/^T-\d+$/) });
  });

  it('holds back a playbook task that is the failed feature while the failure is held back', () => {
    let app = demoDay();
    for (const title of [CHECKOUT, PRICING]) {
      const ref = refOf(app, title);
      app.decisions.decide(LEAD, { ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref, action: 'done' });
    }
    const dashboard = refOf(app, DASHBOARD);
    app.decisions.decide(LEAD, { ref: dashboard, action: 'approve' });
    app.decisions.decide(LEAD, { ref: dashboard, action: 'fail', note: 'Stripe test key missing' });
    app = team.reopen(at(2));
    const next = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const titles = next.tasks.map((t) => t.title);
    expect(
      titles.filter((t) => /admin dashboard/i.test(t)),
      titles.join('; '),
    ).toEqual([]);
    // Retrying it then leaves one open task for the work, not two.
    app.decisions.retry(LEAD, dashboard, 'key in the vault');
    const after = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(after.tasks.filter((t) => /admin dashboard/i.test(t.title))).toEqual([]);
  });
});

// The same, on a team typed by hand: a one-product team ("Quiz", a short name), and a team whose
// rejected feature only shares generic words with a playbook's proposal.
describe('what counts as the same work in other words', () => {
  const team = useTeam();
  const spec = (
    name: string,
    features: string[],
    focus = 'payment_integration',
    revenueBearing = true,
  ): TeamSpec => ({
    vision: {
      statement: 'Quizzes teachers pay for',
      primary_goal: 'Reach $999 MRR by February',
      focus_areas: [focus],
      revenue_targets: { '2027-02': 999 },
    },
    projects: [{ name, revenueBearing, focus: [focus], features: features.map((f) => [f, 'planned']) }],
  });

  function rejectedNextDay(teamSpec: TeamSpec, title: string) {
    const app = team.open(DAY);
    seedTeam(app, teamSpec);
    app.engine.generate(LEAD, { maxTasks: 5 });
    app.decisions.decide(LEAD, { ref: refOf(app, title), action: 'reject', note: 'not this quarter' });
    return team.reopen(at(24)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
  }

  it('holds back the twin whatever the length of the project’s name', () => {
    const next = rejectedNextDay(
      spec('Quiz', ['Stripe checkout for subscription tiers']),
      build('Stripe checkout for subscription tiers', 'Quiz'),
    );
    const titles = next.tasks.map((t) => t.title);
    expect(
      titles.filter((t) => /stripe checkout/i.test(t)),
      titles.join('; '),
    ).toEqual([]);
    const twin = next.skipped.find(
      (s) => s.title === 'Implement Stripe checkout for Quiz subscription tiers',
    );
    expect(twin?.note).toMatch(
      /^the same work as 'Stripe checkout for subscription tiers': rejected as T-1 on 2026-11-23 \('not this quarter'\); not before /,
    );
  });

  it('proposes other work that only shares generic words with the rejected feature', () => {
    const next = rejectedNextDay(
      spec('Basic EDU Apps', ['Teacher admin dashboard']),
      build('Teacher admin dashboard', 'Basic EDU Apps'),
    );
    expect(next.tasks.map((t) => t.title)).toContain(
      'Build a subscription admin dashboard for Basic EDU Apps',
    );
  });

  it('holds back a focus area’s playbook task that is the rejected feature', () => {
    const title = 'Health checks that restart failing services and alert on repeated failures';
    // Ops earns nothing: no revenue-gap work covers the area for it.
    rejectedNextDay(spec('Ops', [title], 'self_healing', false), build(title, 'Ops'));
    // Two weeks on, nothing has worked on self_healing (the area is neglected), and Ops shipped
    // something else the day before (so it is not stale); the rejection still holds.
    team
      .reopen('2026-12-08T09:00:00Z')
      .projects.addFeature(LEAD, 'Ops', { title: 'Log rotation', status: 'done' });
    const next = team.reopen('2026-12-09T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const titles = next.tasks.map((t) => t.title);
    expect(next.skipped.map((s) => s.title)).toContain(
      'Add health checks that restart failing services and alert on repeated failures',
    );
    expect(
      titles.filter((t) => /health checks/i.test(t)),
      titles.join('; '),
    ).toEqual([]);
  });
});

// A review's invoicing team typed "Automatic payment reminders" and, a week later, "Late payment
// reminders sent automatically": the plan proposed both side by side, each with its share of the
// gap, and nothing on either card said they might be one piece of work. Reading two titles as one
// would drop real work unseen, so both stay proposed; the lower one's card says which it reads
// like, and how to drop one if the lead agrees.
describe('two items of a batch that read as one piece of work', () => {
  const team = useTeam();
  const BILLING = 'Invoicely';
  const SPEC: TeamSpec = {
    vision: {
      statement: 'Freelancers get paid on time',
      primary_goal: 'Reach $4,000 MRR by March',
      focus_areas: ['payments'],
      revenue_targets: { '2027-03': 4000 },
    },
    projects: [
      {
        name: BILLING,
        revenueBearing: true,
        focus: ['payments'],
        features: [
          ['Automatic payment reminders', 'planned'],
          ['Late payment reminders sent automatically', 'planned'],
          ['Stripe payment links on invoices', 'planned'],
        ],
      },
    ],
    revenue: [{ project: BILLING, month: '2026-10', actual: 2500 }],
  };

  it('proposes both, and says on one that it reads like the other, with how to drop it', () => {
    const app = team.open(DAY);
    seedTeam(app, SPEC);
    const features = app.projects.features(LEAD);
    const idOf = (title: string) => features.find((f) => f.title === title)?.id;
    const tasks = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks;
    const twins = tasks.filter((t) => /payment reminders/i.test(t.title));
    expect(twins.map((t) => t.title).sort()).toEqual([
      build('Automatic payment reminders', BILLING),
      build('Late payment reminders sent automatically', BILLING),
    ]);
    const said = twins.map((t) => t.reasoning.filter((l) => l.startsWith('Reads like ')));
    // One of the two says it, naming the other; the other says nothing of it.
    expect(said.flat()).toHaveLength(1);
    const [lower, upper] = said[0]?.length === 1 ? [twins[0], twins[1]] : [twins[1], twins[0]];
    const upperTitle = /'(.*)'/.exec(upper?.title ?? '')?.[1] ?? '';
    const lowerTitle = /'(.*)'/.exec(lower?.title ?? '')?.[1] ?? '';
    expect(lower?.reasoning).toContain(
      `Reads like feature #${idOf(upperTitle)} '${upperTitle}', also in this batch: if they are one piece of work, reject this one as a duplicate, or \`goalpost feature drop ${idOf(lowerTitle)}\` takes it out of the backlog`,
    );
    // Work that only shares a word or two with them says nothing.
    const links = tasks.find((t) => /payment links/i.test(t.title));
    expect(links?.reasoning.filter((l) => l.startsWith('Reads like '))).toEqual([]);
  });

  it('says nothing of work that shares most of its words but is other work', () => {
    const app = team.open(DAY);
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, BILLING, { title: 'iOS push notifications' });
    app.projects.addFeature(LEAD, BILLING, { title: 'Android push notifications' });
    const tasks = app.engine.generate(LEAD, { dryRun: true, maxTasks: 8 }).tasks;
    const push = tasks.filter((t) => /push notifications/.test(t.title));
    expect(push).toHaveLength(2);
    for (const t of push) expect(t.reasoning.filter((l) => l.startsWith('Reads like '))).toEqual([]);
  });
});
