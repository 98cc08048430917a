import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, monthRange, NOW, seedTeam, type TeamSpec, useTeam } from './team.js';

// What a plan must not withdraw, and what it must say when it does: the edges a review of
// reason-gone.test.ts found (each failed before its mend).
const DAY = '2026-11-21T09:00:00Z';
const at = (h: number) => new Date(Date.parse(DAY) + h * 3_600_000).toISOString();
const proposed = (app: Goalpost) => app.tasks.list(LEAD, { status: ['proposed'] });

/** Acme earns and has no feature: its share of the gap goes to playbook tasks. */
const ACME: TeamSpec = {
  vision: {
    statement: 'Billing small firms trust',
    primary_goal: 'Reach $5,000 MRR',
    focus_areas: ['payment_integration'],
    revenue_targets: { '2027-03': 5000 },
  },
  projects: [{ name: 'Acme', revenueBearing: true, focus: ['payment_integration'] }],
  revenue: [{ project: 'Acme', month: '2026-10', actual: 2000 }],
};

describe('withdrawing proposals whose reason went: the edges', () => {
  const team = useTeam();

  it('keeps a proposal approved work waits for, and the approved work approved', () => {
    const app = team.open(DAY);
    seedTeam(app, ACME);
    app.engine.generate(LEAD, { maxTasks: 5 });
    const dashboard = proposed(app).find((t) => /admin dashboard/i.test(t.title));
    expect(dashboard?.dependsOn.length).toBeGreaterThan(0);
    app.decisions.decide(LEAD, { ref: dashboard?.ref, action: 'approve' });
    const next = team.reopen(at(24));
    next.projects.addFeature(LEAD, 'Acme', { title: 'Team seats', status: 'planned' });
    const saved = next.engine.generate(LEAD, { maxTasks: 5 });
    const waitedFor = dashboard?.dependsOn ?? [];
    expect(saved.withdrawn.map((w) => w.ref)).not.toContain(waitedFor[0]);
    expect(next.tasks.show(LEAD, dashboard?.ref).task.status).toBe('approved');
    for (const ref of waitedFor) expect(next.tasks.show(LEAD, ref).task.status).toBe('proposed');
  });

  it('keeps a proposal the team typed into its backlog in other words', () => {
    const app = team.open(DAY);
    seedTeam(app, ACME);
    app.engine.generate(LEAD, { maxTasks: 5 });
    const pricing = proposed(app).find((t) => /pricing page/i.test(t.title));
    expect(pricing).toBeDefined();
    const next = team.reopen(at(24));
    next.projects.addFeature(LEAD, 'Acme', {
      title: 'Pricing page with monthly and annual plans',
      status: 'planned',
    });
    const saved = next.engine.generate(LEAD, { maxTasks: 5 });
    expect(saved.withdrawn.map((w) => w.ref)).not.toContain(pricing?.ref);
    expect(proposed(next).some((t) => /pricing page/i.test(t.title))).toBe(true);
  });

  it('leaves a paused project’s proposals waiting with it, as pausing says', () => {
    const app = team.open(DAY);
    seedTeam(app, {
      ...ACME,
      projects: [
        ...ACME.projects,
        {
          name: 'Beta',
          revenueBearing: true,
          focus: ['payment_integration'],
          features: [['Beta thing', 'planned']],
        },
      ],
      revenue: [...(ACME.revenue ?? []), { project: 'Beta', month: '2026-10', actual: 1000 }],
    });
    app.engine.generate(LEAD, { maxTasks: 5 });
    expect(proposed(app).some((t) => t.projectName === 'Acme' && t.playbookKey !== null)).toBe(true);
    app.projects.update(LEAD, 'Acme', { status: 'paused' });
    expect(team.reopen(at(24)).engine.generate(LEAD, { maxTasks: 5 }).withdrawn).toEqual([]);
  });

  it('tops a board already over its cap up with nothing, whatever it withdraws', () => {
    const app = team.open(DAY);
    seedTeam(app, {
      ...ACME,
      projects: [
        ...ACME.projects,
        {
          name: 'Widgets',
          focus: ['payment_integration'],
          features: Array.from(
            { length: 10 },
            (_, i) => [`Widget feature number ${i + 1}`, 'planned'] as [string, 'planned'],
          ),
        },
      ],
    });
    app.engine.generate(LEAD, { maxTasks: 8 });
    const before = proposed(app).length;
    const next = team.reopen(at(24));
    next.projects.addFeature(LEAD, 'Acme', { title: 'Team billing', status: 'planned' });
    const digest = next.engine.generate(LEAD, { topUp: true, maxTasks: 5 });
    expect(digest.withdrawn.length).toBeGreaterThan(0);
    // Five or more still await a decision: no room for new work, withdrawal or not.
    expect(before - digest.withdrawn.length).toBeGreaterThanOrEqual(5);
    expect(digest.tasks).toEqual([]);
  });

  /**
   * A workspace that earns nothing, with ops neglected, planned; the next day Ops Pay starts
   * earning on ops: the workspace's gap becomes its, and its experiment works on ops.
   */
  function opsPayEarnsNextDay(): Goalpost {
    const app = team.open(DAY);
    seedTeam(app, {
      vision: {
        statement: 'x',
        primary_goal: 'y',
        focus_areas: ['growth', 'ops'],
        revenue_targets: { '2027-03': 5000 },
      },
      projects: [
        { name: 'Ops One', focus: ['ops'] },
        { name: 'Grow', focus: ['growth'], features: [['Grow thing', 'planned']] },
      ],
    });
    app.engine.generate(LEAD, { maxTasks: 5 });
    const next = team.reopen(at(24));
    next.projects.add(LEAD, { name: 'Ops Pay', revenueBearing: true, focus: ['ops'] });
    next.revenue.add(LEAD, { project: 'Ops Pay', actual: 1000, ...monthRange('2026-10') });
    return next;
  }

  it('says why when the gap moves to a product and its task works on a neglected focus area', () => {
    const next = opsPayEarnsNextDay();
    const saved = next.engine.generate(LEAD, { maxTasks: 5 });
    // The workspace's gap is Ops Pay's now, and its experiment works on ops.
    expect(saved.withdrawn.map((w) => [w.title, w.why])).toEqual([
      [
        'Run a user-acquisition experiment toward the revenue gap by 2027-03',
        "the revenue gap is the earning products' to win now",
      ],
      ['Plan the next step for ops', 'other work answers the neglected focus area ops now'],
    ]);
  });

  it('does not read a withdrawn proposal as work on its focus area', () => {
    const next = opsPayEarnsNextDay();
    expect(next.engine.generate(LEAD, { maxTasks: 5 }).withdrawn.length).toBeGreaterThan(0);
    expect(next.engine.state(LEAD).neglectedFocusAreas).toContain('ops');
  });
});

// A review rejected Timekeep's one task on onboarding ("cannot reproduce") and `state` stopped
// listing onboarding among the focus areas without recent work, its next item losing the urgency
// of a neglected area, though nothing was done on it. A lead expects a rejection to be no work.
describe('a rejected task on a neglected focus area', () => {
  const team = useTeam();

  it('is no work on the area', () => {
    const app = team.open(NOW);
    seedTeam(app, {
      vision: {
        statement: 'Time tracking teams trust',
        primary_goal: 'Teams track every hour',
        focus_areas: ['billing', 'onboarding'],
        revenue_targets: { '2027-06': 5000 },
      },
      projects: [{ name: 'Timekeep', revenueBearing: true, focus: ['onboarding'] }],
      revenue: [{ project: 'Timekeep', month: '2026-10', actual: 1000 }],
    });
    app.projects.addFeature(LEAD, 'Timekeep', { title: 'Onboarding checklist' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['billing', 'onboarding']);
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    expect(task?.title).toBe("Build 'Onboarding checklist' for Timekeep");
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'reject', note: 'cannot reproduce' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['billing', 'onboarding']);
  });
});
