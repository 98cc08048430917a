import { beforeEach, describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  expectBusinessCaseFirst,
  expectNamedByTheirBacklogItems,
  expectPrioritiesSpread,
  finish,
  fromBacklog,
  isPlanNextStep,
  LEAD,
  type PlannedTask,
  plan,
  projectNamed,
  titles,
  useTeam,
} from './team.js';

// The seed's EDU example, loaded whole by `goalpost init --demo`: no revenue yet, $999/month three
// months out. Its primary goal is "Launch Basic EDU Apps with payment integration", so the first
// digest is judged on whether it puts that launch first.
describe('the EDU demo team: the first digest', () => {
  const team = useTeam();
  let app: Goalpost;
  let top: PlannedTask[];

  beforeEach(() => {
    app = team.open();
    app.demo.load(LEAD);
    top = plan(app);
  });

  const openFeaturesOf = (name: string) => {
    const project = projectNamed(app, name);
    return app.projects.features(LEAD).filter((f) => f.projectId === project.id && f.status !== 'done');
  };
  const edu = (t: PlannedTask) => t.projectName === 'Basic EDU Apps';

  it('loads Basic EDU Apps as a revenue-bearing payment project with payment work planned', () => {
    const project = projectNamed(app, 'Basic EDU Apps');
    expect(project.revenueBearing).toBe(true);
    expect(project.status).toBe('active');
    expect(project.focusAreas).toContain('payment_integration');
    expect(openFeaturesOf('Basic EDU Apps').length).toBeGreaterThanOrEqual(2);
  });

  it('proposes a full batch of five', () => {
    expect(top).toHaveLength(5);
  });

  it('leads with Basic EDU Apps payment work taken from its own backlog', () => {
    const [first] = top;
    expect(first?.projectName).toBe('Basic EDU Apps');
    expect(first?.focusArea).toBe('payment_integration');
    expect(first?.item?.kind).toBe('feature');
    expect(openFeaturesOf('Basic EDU Apps').map((f) => f.id)).toContain(first?.item?.id);
  });

  it('puts at least two Basic EDU Apps payment features in the first five', () => {
    expect(top.filter((t) => edu(t) && t.item?.kind === 'feature').length).toBeGreaterThanOrEqual(2);
  });

  it("finishes Architect Dashboard's nearly done Alerting within the first five", () => {
    expect(titles(top)).toContain(finish('Alerting', 'Architect Dashboard'));
  });

  it('names every task by its own backlog title and project', () => {
    expectNamedByTheirBacklogItems(app, top);
  });

  it('proposes only the team’s own backlog: every focus area has some, so no templates and no planning', () => {
    for (const t of top) expect(fromBacklog(t), `${t.title} should be backlog work`).toBe(true);
    expect(top.filter(isPlanNextStep)).toEqual([]);
  });

  it('never proposes a feature the team already finished', () => {
    const done = app.projects.features(LEAD).filter((f) => f.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(5);
    for (const t of top) {
      expect(done.map((f) => f.id)).not.toContain(t.item?.kind === 'feature' ? t.item.id : -1);
      for (const f of done) expect(t.title).not.toContain(`'${f.title}'`);
    }
  });

  it('never claims more than the $999 milestone that is at stake, task by task or in total', () => {
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    for (const t of top) expect(t.revenueImpact, t.title).toBeLessThanOrEqual(999);
    expect(result.revenueImpact).toBeLessThanOrEqual(999);
    expect(top[0]?.revenueImpact).toBeGreaterThan(0);
  });

  it('ranks the revenue-bearing payment work above internal self-healing work', () => {
    const lead = Math.max(...top.filter(edu).map((t) => t.priority));
    for (const t of top.filter((t) => t.projectName === 'Self-Healing Orchestrator')) {
      expect(t.priority, t.title).toBeLessThan(lead);
    }
  });

  it('spreads priorities instead of giving everything the same number', () => {
    expectPrioritiesSpread(top);
    expect(new Set(top.map((t) => t.priority)).size).toBeGreaterThanOrEqual(3);
  });

  it('explains the lead task by the launch and the $999 milestone first, then the numbers', () => {
    const [first] = top;
    if (!first) throw new Error('no tasks');
    expectBusinessCaseFirst(first, /\$?999/);
    expect(first.reasoning[0]).toMatch(/Basic EDU Apps|payment|launch/i);
  });

  it('persists, in order, the batch it showed in the dry run', () => {
    const persisted = app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    expect(persisted.tasks.map((t) => t.title)).toEqual(titles(top));
    expect(persisted.tasks.map((t) => t.ref)).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
    expect(app.tasks.list(LEAD, { status: ['proposed'] })).toHaveLength(5);
  });
});

// The team ships the launch's payment work. A lead looking at the next digest expects the next
// kind of work for the still-open $999 gap (getting customers to the new checkout), never the same
// checkout, dashboard and pricing page again under playbook titles.
describe('the EDU demo team: the digest after the payment work shipped', () => {
  const team = useTeam();
  let app: Goalpost;
  let shipped: string[];
  let next: PlannedTask[];

  beforeEach(() => {
    app = team.open();
    app.demo.load(LEAD);
    const first = app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    const payment = first.tasks.filter((t) => t.projectName === 'Basic EDU Apps');
    shipped = payment.map((t) => t.title);
    for (const t of payment) {
      app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref: t.ref, action: 'done', note: 'shipped' });
    }
    next = plan(app);
  });

  const payWords = /checkout|pricing page|admin dashboard/i;

  it('shipped the checkout, the admin dashboard and the pricing page', () => {
    expect(shipped.join(' | ')).toMatch(/checkout/i);
    expect(shipped.join(' | ')).toMatch(/pricing page/i);
    expect(shipped.join(' | ')).toMatch(/admin dashboard/i);
  });

  it('does not propose the shipped payment work again, under any title', () => {
    for (const t of next) expect(t.title, t.title).not.toMatch(payWords);
  });

  it('says which done task each held-back proposal repeats', () => {
    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const held = result.skipped.filter((s) => s.reason === 'done');
    expect(held.map((s) => s.title).join(' | ')).toMatch(payWords);
    for (const s of held) {
      expect(s.note, s.title).toMatch(
        /^repeats T-\d+ '.+', done on \d{4}-\d{2}-\d{2}; one-off work is not proposed again$/,
      );
    }
  });

  it('still works on the open $999 gap for Basic EDU Apps, with the next kind of work, valued within it', () => {
    const edu = next.filter((t) => t.projectName === 'Basic EDU Apps');
    expect(edu.length).toBeGreaterThan(0);
    for (const t of edu) {
      expect(t.revenueImpact, t.title).toBeGreaterThan(0);
      expect(t.revenueImpact, t.title).toBeLessThanOrEqual(999);
      expect(t.title).not.toMatch(/add \$[\d,]+\/month/);
    }
  });
});

// Halfway through the launch the team adds a second paid product, typed with the one feature it has
// so far. The launch is the vision's primary goal and its checkout is already under way: a lead
// keeps it first, and values the newcomer's single feature as one more piece of work toward the
// same $999 gap, not as half of the gap because its project has nothing else planned.
describe('the EDU demo team: a second paid product with one feature', () => {
  const team = useTeam();
  let app: Goalpost;
  let top: PlannedTask[];
  const QUIZ = 'Quiz Packs';

  beforeEach(() => {
    app = team.open();
    app.demo.load(LEAD);
    app.projects.add(LEAD, { name: QUIZ, revenueBearing: true, focus: ['payment_integration'] });
    app.projects.addFeature(LEAD, QUIZ, { title: 'Paid quiz packs', status: 'planned' });
    top = plan(app, 10);
  });

  it('keeps the launch’s checkout, already under way, first', () => {
    expect(top[0]?.title).toBe(finish('Stripe checkout for subscription tiers', 'Basic EDU Apps'));
  });

  it('values the new product’s only feature at no more than each of the launch’s features', () => {
    const quiz = top.find((t) => t.projectName === QUIZ);
    if (!quiz) throw new Error(`no task for ${QUIZ} among:\n  ${titles(top).join('\n  ')}`);
    const launch = top.filter((t) => t.projectName === 'Basic EDU Apps' && t.item?.kind === 'feature');
    expect(launch.length).toBeGreaterThanOrEqual(3);
    for (const t of launch) expect(quiz.revenueImpact, t.title).toBeLessThanOrEqual(t.revenueImpact);
  });

  it('shares the one $999 gap between both products’ features', () => {
    const growth = top.filter((t) => t.item?.kind === 'feature' && t.revenueImpact > 0);
    expect(new Set(growth.map((t) => t.projectName))).toEqual(new Set(['Basic EDU Apps', QUIZ]));
    const total = growth.reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(total).toBeLessThanOrEqual(999);
    expect(total).toBeGreaterThan(999 * 0.9);
  });
});
