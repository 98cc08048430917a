import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// A playbook task is proposed for a reason: a product's share of the revenue gap that nothing in
// its backlog answers, a churn rate rising. When the reason goes before anyone decides (the
// product's own feature is back in the backlog, the churn fell again), the proposal must not stay
// on the board claiming the dollars the team's own work claims now: a lead would count both, or
// approve an experiment for a gap the backlog already answers. The next saved plan withdraws it,
// and says why, where the lead looks.
const PRODUCT = 'Basic EDU Apps';
const CHECKOUT = "Finish 'Stripe checkout for subscription tiers' for Basic EDU Apps";
const DASHBOARD = build('Subscription admin dashboard', PRODUCT);
const PRICING = build('Pricing page with monthly and annual plans', PRODUCT);
const DAY = '2026-11-23T09:00:00Z';
const at = (hours: number) => new Date(Date.parse(DAY) + hours * 3_600_000).toISOString();

function proposed(app: Goalpost, title: string | RegExp) {
  const task = app.tasks
    .list(LEAD, { status: ['proposed'] })
    .find((t) => (typeof title === 'string' ? t.title === title : title.test(t.title)));
  if (!task) throw new Error(`"${title}" is not proposed`);
  return task;
}

describe('a proposal whose reason went is withdrawn, not left claiming dollars', () => {
  const team = useTeam();

  /** The demo's growth experiment proposed for Basic EDU Apps, the day its dashboard failed. */
  function experimentProposed() {
    let app = team.open(DAY);
    app.demo.load(LEAD);
    app.engine.generate(LEAD, { maxTasks: 5 });
    app.decisions.decide(LEAD, {
      ref: proposed(app, PRICING).ref,
      action: 'reject',
      note: 'not this quarter',
    });
    const checkout = proposed(app, CHECKOUT).ref;
    app.decisions.decide(LEAD, { ref: checkout, action: 'approve' });
    app.decisions.decide(LEAD, { ref: checkout, action: 'done' });
    const dashboard = proposed(app, DASHBOARD).ref;
    app.decisions.decide(LEAD, { ref: dashboard, action: 'approve' });
    app.decisions.decide(LEAD, { ref: dashboard, action: 'fail', note: 'Stripe test key missing' });
    // With the dashboard held back for a day, nothing in the backlog works on the gap: an experiment does.
    app = team.reopen(at(2));
    app.engine.generate(LEAD, { maxTasks: 5 });
    const experiment = proposed(app, /user-acquisition experiment/);
    expect(experiment.projectName).toBe(PRODUCT);
    return experiment;
  }

  /**
   * The next morning, the dashboard back: it answers its own part of the gap, while the pricing
   * page the team turned down keeps its part, which the experiment answers still (a review found it
   * withdrawn that morning, the part answered by no task). Then the team takes the pricing page out
   * of the backlog: the rest of the work shares its part, and the experiment's reason is gone.
   */
  function pricingDropped(): Goalpost {
    const morning = team.reopen(at(26));
    expect(morning.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).withdrawn).toEqual([]);
    const pricing = morning.projects.features(LEAD).find((f) => f.title.startsWith('Pricing page'));
    morning.items.dropFeature(LEAD, pricing?.id as number, 'annual plans are not for schools');
    return team.reopen(at(27));
  }

  it('keeps the growth experiment while the part it answers is left, and withdraws it once that goes', () => {
    const experiment = experimentProposed();
    const app = pricingDropped();
    const dry = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(dry.withdrawn.map((w) => w.ref)).toEqual([experiment.ref]);
    expect(app.tasks.show(LEAD, experiment.ref).task.status).toBe('proposed');
    const saved = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(saved.withdrawn).toEqual([
      {
        ref: experiment.ref,
        title: experiment.title,
        why: "other work answers Basic EDU Apps' share of the revenue gap now",
      },
    ]);
    const { task, events } = app.tasks.show(LEAD, experiment.ref);
    expect(task.status).toBe('cancelled');
    expect(events.at(-1)?.note).toMatch(
      /^withdrawn with batch \d+: other work answers Basic EDU Apps' share/,
    );
    // What stays on the board claims no more than the gap between them.
    const open = app.tasks.list(LEAD, { status: ['proposed', 'approved'] });
    expect(open.some((t) => /admin dashboard/i.test(t.title))).toBe(true);
    const claimed = open
      .filter((t) => t.projectName === PRODUCT)
      .reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(claimed).toBeLessThanOrEqual(999);
    // Approving it now is refused with the reason it went, not as someone's cancel.
    expect(() => app.decisions.decide(LEAD, { ref: experiment.ref, action: 'approve' })).toThrow(
      /it is cancelled .*; withdrawn with batch \d+: other work answers Basic EDU Apps' share of the revenue gap now \(at 2026-11-24 12:00 UTC\)$/,
    );
    // A plan a minute later finds nothing more to withdraw.
    expect(team.reopen(at(27.1)).engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).withdrawn).toEqual([]);
  });

  it('gives a digest topping the board up the room of what it withdraws', () => {
    const experiment = experimentProposed();
    const app = pricingDropped();
    const awaiting = app.tasks.list(LEAD, { status: ['proposed'] }).length;
    // Room for as many as await a decision: none, but for the experiment the plan withdraws.
    const digest = app.engine.generate(LEAD, { topUp: true, maxTasks: awaiting });
    expect(digest.withdrawn.map((w) => w.ref)).toEqual([experiment.ref]);
    expect(digest.tasks.map((t) => t.title)).toEqual([DASHBOARD]);
    expect(app.tasks.list(LEAD, { status: ['proposed'] })).toHaveLength(awaiting);
  });

  /** December 2nd, November's revenue recorded with churn back at September's. */
  function churnBackInDecember(): Goalpost {
    const december = team.reopen('2026-12-02T09:00:00Z');
    december.revenue.add(LEAD, {
      project: 'Ledgerly',
      from: '2026-11-01',
      to: '2026-11-30',
      actual: 4000,
      subscriptions: 114,
      churn: 0.03,
    });
    return december;
  }

  it('withdraws the churn research once the next month shows churn back down', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, LEDGERLY);
    app.engine.generate(LEAD, { maxTasks: 5 });
    const research = proposed(app, /^Interview customers who cancelled/);
    const december = churnBackInDecember();
    const saved = december.engine.generate(LEAD, { maxTasks: 5 });
    expect(saved.withdrawn).toEqual([
      { ref: research.ref, title: research.title, why: "Ledgerly's churn is no longer rising" },
    ]);
    expect(december.tasks.show(LEAD, research.ref).task.status).toBe('cancelled');
  });

  it('withdraws a proposal whose playbook the team removed, saying so', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, LEDGERLY);
    app.engine.generate(LEAD, { maxTasks: 5 });
    const research = proposed(app, /^Interview customers who cancelled/);
    app.playbooks.remove(LEAD, research.playbookKey ?? '');
    const saved = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(saved.withdrawn).toEqual([
      {
        ref: research.ref,
        title: research.title,
        why: `playbook ${research.playbookKey} no longer answers Ledgerly's rising churn`,
      },
    ]);
  });

  it('leaves work the team approved alone: a retry it asked for', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, LEDGERLY);
    app.engine.generate(LEAD, { maxTasks: 5 });
    const research = proposed(app, /^Interview customers who cancelled/);
    app.decisions.decide(LEAD, { ref: research.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: research.ref, action: 'fail', note: 'nobody answered' });
    const retry = app.decisions.retry(LEAD, research.ref, 'with a gift card');
    const december = churnBackInDecember();
    expect(december.engine.generate(LEAD, { maxTasks: 5 }).withdrawn).toEqual([]);
    expect(december.tasks.show(LEAD, retry.task.ref).task.status).toBe('approved');
  });
});

// Ledgerly's churn more than doubled in October, and nothing in its backlog works on it.
const LEDGERLY: TeamSpec = {
  vision: {
    statement: 'Invoicing small agencies love',
    primary_goal: 'Reach $6,000 MRR',
    focus_areas: ['retention', 'billing'],
    revenue_targets: { '2027-03': 6000 },
  },
  projects: [
    {
      name: 'Ledgerly',
      revenueBearing: true,
      focus: ['retention', 'billing'],
      features: [['Annual billing plans', 'planned']],
    },
  ],
  revenue: [
    { project: 'Ledgerly', month: '2026-09', actual: 4200, subscriptions: 120, churn: 0.03 },
    { project: 'Ledgerly', month: '2026-10', actual: 3900, subscriptions: 112, churn: 0.07 },
  ],
};
