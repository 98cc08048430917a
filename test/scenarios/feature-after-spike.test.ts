import { describe, expect, it } from 'vitest';
import type { GenerateResult, Goalpost } from '../../src/index.js';
import { build, LEAD, NOW, type PlannedTask, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// Classly sells lesson plans to schools ($1,200 a month) against $3,000 by March. Its lead rejects
// the 40-hour admin dashboard the plan proposes: "needs a design spike first". The team types the
// spike and says the dashboard comes after it. From then on a lead expects the dashboard only
// behind its spike: never alone while the spike is open, never while the spike is put off, and on
// its own once the spike is done.
const CLASSLY = 'Classly';
const DASHBOARD = 'Subscription admin dashboard';
const SPIKE = 'Design spike: admin dashboard data model';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();

const SPEC: TeamSpec = {
  vision: {
    statement: 'Lesson plans teachers reach for first',
    primary_goal: 'Reach $3k MRR by March',
    focus_areas: ['schools'],
    revenue_targets: { '2027-03': 3000 },
  },
  projects: [
    {
      name: CLASSLY,
      revenueBearing: true,
      focus: ['schools'],
      features: [
        [DASHBOARD, 'planned'],
        ['Bulk seat invoices for districts', 'planned'],
      ],
    },
    { name: 'Docs site', revenueBearing: false, focus: ['schools'], features: [['Search', 'planned']] },
  ],
  revenue: [{ project: CLASSLY, month: '2026-10', actual: 1200 }],
};

function featureId(app: Goalpost, title: string): number {
  const feature = app.projects.features(LEAD).find((f) => f.title === title);
  if (!feature) throw new Error(`no feature ${title}`);
  return feature.id;
}

function refOf(result: GenerateResult, title: string): string {
  const { ref } = taskTitled(result.tasks as PlannedTask[], title);
  if (ref === null) throw new Error(`"${title}" was not saved`);
  return ref;
}

const generate = (app: Goalpost, dryRun: boolean) => app.engine.generate(LEAD, { dryRun, maxTasks: 5 });

describe('a feature the team says comes after its design spike', () => {
  const team = useTeam();

  /** Day 0: the dashboard proposed and rejected; the spike typed, the dashboard set after it. */
  function rejectedForASpike(): { app: Goalpost; dashboard: number; spike: number } {
    const morning = team.open();
    seedTeam(morning, SPEC);
    const dashboard = featureId(morning, DASHBOARD);
    morning.items.setEstimate(LEAD, 'feature', dashboard, '40');
    const ref = refOf(generate(morning, false), build(DASHBOARD, CLASSLY));
    morning.decisions.decide(LEAD, { ref, action: 'reject', note: 'needs a design spike first' });
    // An hour later the lead types the spike.
    const app = team.reopen(at(1 / 24));
    const spike = app.projects.addFeature(LEAD, CLASSLY, {
      title: SPIKE,
      status: 'planned',
      estimate: '4',
    }).id;
    app.items.setAfter(LEAD, dashboard, spike);
    return { app, dashboard, spike };
  }

  it('proposes the dashboard, after its hold, only with the spike and after it', () => {
    rejectedForASpike();
    // The spike is proposed on its own meanwhile; the team leaves it undecided, then cancels it.
    const app = team.reopen(at(1));
    const tomorrow = generate(app, false);
    const spikeRef = refOf(tomorrow, build(SPIKE, CLASSLY));
    app.decisions.decide(LEAD, { ref: spikeRef, action: 'cancel', note: 'not this sprint' });
    expect(tomorrow.tasks.map((t) => t.title)).not.toContain(build(DASHBOARD, CLASSLY));

    // A month on, the rejection's hold is over and the spike is still open work.
    const later = generate(team.reopen(at(32)), true);
    const titles = later.tasks.map((t) => t.title);
    const dashboard = taskTitled(later.tasks as PlannedTask[], build(DASHBOARD, CLASSLY));
    const spike = taskTitled(later.tasks as PlannedTask[], build(SPIKE, CLASSLY));
    expect(titles.indexOf(spike.title), titles.join('; ')).toBeLessThan(titles.indexOf(dashboard.title));
    // A dry run names the tasks of its batch by their places (`After: #1`).
    expect(dashboard.dependsOn).toEqual([`#${titles.indexOf(spike.title) + 1}`]);
    // What it unblocks sets the spike's priority: it is not asked for after the dashboard.
    expect(spike.priority).toBeGreaterThanOrEqual(dashboard.priority);
  });

  it('proposes the dashboard after the task open for the spike, and holds it while the spike is put off', () => {
    rejectedForASpike();
    const app = team.reopen(at(1));
    const spikeRef = refOf(generate(app, false), build(SPIKE, CLASSLY));
    app.decisions.decide(LEAD, { ref: spikeRef, action: 'approve' });
    const withSpikeApproved = generate(team.reopen(at(32)), true);
    const dashboard = taskTitled(withSpikeApproved.tasks as PlannedTask[], build(DASHBOARD, CLASSLY));
    expect(dashboard.dependsOn).toEqual([spikeRef]);

    // The spike fails: the dashboard is not proposed without it, and the plan says why.
    const failed = team.reopen(at(33));
    failed.decisions.decide(LEAD, { ref: spikeRef, action: 'start' });
    failed.decisions.decide(LEAD, { ref: spikeRef, action: 'fail', note: 'data model still unclear' });
    const afterFailure = generate(team.reopen(at(33.1)), true);
    expect(afterFailure.tasks.map((t) => t.title)).not.toContain(build(DASHBOARD, CLASSLY));
    const held = afterFailure.skipped.find((s) => s.title === build(DASHBOARD, CLASSLY));
    expect(held?.note).toMatch(new RegExp(`^waits for feature \\d+ '${SPIKE}', failed as ${spikeRef}`));
    // Counted as held for the spike, not as failed itself.
    expect(held?.behind).toBe(true);
  });

  it('brings the dashboard back before its hold ends once the spike is done, saying why', () => {
    const { spike } = rejectedForASpike();
    const app = team.reopen(at(5));
    app.items.setFeatureStatus(LEAD, spike, 'done');
    const soon = generate(team.reopen(at(6)), true);
    const dashboard = taskTitled(soon.tasks as PlannedTask[], build(DASHBOARD, CLASSLY));
    expect(dashboard.dependsOn).toEqual([]);
    expect(dashboard.reasoning.join('\n')).toMatch(
      new RegExp(
        `needs a design spike first'\\); proposed again because the team set it to wait for feature ${spike} '${SPIKE}' since, and that was done on ${at(5).slice(0, 10)}`,
      ),
    );
  });

  it('proposes the dashboard on its own once the spike is done', () => {
    const { app, spike } = rejectedForASpike();
    app.items.setFeatureStatus(LEAD, spike, 'done');
    const later = generate(team.reopen(at(32)), true);
    const dashboard = taskTitled(later.tasks as PlannedTask[], build(DASHBOARD, CLASSLY));
    expect(dashboard.dependsOn).toEqual([]);
    expect(later.tasks.map((t) => t.title)).not.toContain(build(SPIKE, CLASSLY));
  });
});
