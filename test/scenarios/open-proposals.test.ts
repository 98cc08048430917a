import { describe, expect, it } from 'vitest';
import { formatUsd, type Goalpost, type Task } from '../../src/index.js';
import { LEAD, NOW, seedTeam, useTeam } from './team.js';

// The EDU demo team proposes three tasks on Saturday and decides none. On Monday a second paid
// product lands with three features of its own, so the $999 gap is shared by more work. A lead
// reading Monday's open list compares the proposals side by side: the same kind of work must show
// the same dollars and stand on one scale of priority, whichever day it was proposed.
const MONDAY = new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString();

const proposed = (app: Goalpost): Task[] => app.tasks.list(LEAD, { status: ['proposed'] });
const feature = (t: Task) => t.item?.kind === 'feature';

describe('open proposals on a later day', () => {
  const team = useTeam();

  function mondayAfterANewProduct(): Goalpost {
    const saturday = team.open();
    saturday.demo.load(LEAD);
    saturday.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const monday = team.reopen(MONDAY);
    monday.projects.add(LEAD, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    for (const title of ['Paid quiz packs', 'Quiz bundles for schools', 'Teacher quiz marketplace']) {
      monday.projects.addFeature(LEAD, 'Quiz Packs', { title, status: 'planned' });
    }
    monday.engine.generate(LEAD, { dryRun: false, maxTasks: 6 });
    return monday;
  }

  it("shows Saturday's proposals at Monday's dollars: equal work, equal dollars", () => {
    const app = mondayAfterANewProduct();
    const open = proposed(app);
    expect(open.map((t) => t.ref)).toEqual(expect.arrayContaining(['T-1', 'T-2', 'T-3']));
    // Every open feature on payment_integration weighs alike: one share of the gap each.
    const planned = open.filter((t) => feature(t) && t.revenueImpact > 0);
    expect(new Set(planned.map((t) => t.projectName))).toEqual(new Set(['Basic EDU Apps', 'Quiz Packs']));
    expect(
      new Set(planned.map((t) => t.revenueImpact)).size,
      planned.map((t) => `${t.ref} $${t.revenueImpact}`).join(', '),
    ).toBe(1);
  });

  it("keeps what a proposal was worth in its history when Monday's plan values it again", () => {
    const saturday = team.open();
    saturday.demo.load(LEAD);
    saturday.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const before = saturday.tasks.show(LEAD, 'T-1').task;
    const monday = team.reopen(MONDAY);
    monday.projects.add(LEAD, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    monday.projects.addFeature(LEAD, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    const result = monday.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const { task: after, events } = monday.tasks.show(LEAD, 'T-1');
    expect(after.revenueImpact).toBeLessThan(before.revenueImpact);
    const dollars = (n: number) => `$${n.toFixed(2)}`;
    // The lead who approved nothing on Saturday reads why T-1 is worth less today.
    const revalued = events.filter((e) => e.type === 'revalued');
    expect(revalued).toHaveLength(1);
    expect(revalued[0]?.note).toContain(
      `${dollars(before.revenueImpact)} → ${dollars(after.revenueImpact)} a month`,
    );
    expect(revalued[0]?.createdAt).toBe(MONDAY);
    expect(revalued[0]).toMatchObject({ fromStatus: 'proposed', toStatus: 'proposed' });
    // The batch says so too: which proposals awaiting a decision it valued again.
    expect(result.revalued).toContainEqual(
      expect.objectContaining({
        ref: 'T-1',
        was: {
          title: before.title,
          priority: before.priority,
          revenueImpact: before.revenueImpact,
          goalValue: before.goalValue,
          score: before.score,
        },
        now: {
          title: after.title,
          priority: after.priority,
          revenueImpact: after.revenueImpact,
          goalValue: after.goalValue,
          score: after.score,
        },
      }),
    );
  });

  it('changes nothing of a proposal when nothing changed: a second digest the same day values it alike', () => {
    const app = team.open();
    app.demo.load(LEAD);
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const value = (t: Task) => [t.ref, t.priority, t.score, t.revenueImpact, t.reasoning, t.facts];
    const morning = proposed(app).map(value);
    const refs = new Set(morning.map(([ref]) => ref));
    // A digest tops up to its cap; generate proposes three more beside them.
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3, topUp: true });
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    expect(
      proposed(app)
        .filter((t) => refs.has(t.ref))
        .map(value),
    ).toEqual(morning);
    // Nor does its history say it was valued again.
    for (const ref of refs) {
      expect(app.tasks.show(LEAD, String(ref)).events.map((e) => e.type)).toEqual(['created']);
    }
  });

  it('keeps a prerequisite above the task it unblocks when it values the open list again', () => {
    // A goal off track: finding out why comes before the experiment, and takes its priority.
    const app = team.open();
    seedTeam(app, {
      vision: {
        statement: 'Onboarding that sticks',
        primary_goal: 'Activation at 45 %',
        focus_areas: ['onboarding'],
        revenue_targets: { '2027-03': 3000 },
        success_metrics: { activation_rate: 45 },
      },
      projects: [{ name: 'Web', revenueBearing: true, focus: ['onboarding'] }],
      goals: [
        {
          metric: 'activation_rate',
          target: 45,
          unit: '%',
          by: '2027-03-31',
          direction: 'up',
          baseline: 30,
          observed: [['2026-11-20', 30]],
        },
      ],
    });
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    const find = (playbook: string) => {
      const t = proposed(app).find((p) => p.playbookKey === playbook);
      if (!t)
        throw new Error(
          `no ${playbook} proposed: ${proposed(app)
            .map((p) => p.title)
            .join('; ')}`,
        );
      return t;
    };
    const diagnose = find('goal.diagnose');
    const experiment = find('goal.experiment');
    expect(experiment.dependsOn).toContain(diagnose.ref);
    expect(diagnose.priority).toBeGreaterThanOrEqual(experiment.priority);
    // Ten minutes later, nothing changed: the second plan values both alike, and says nothing.
    const later = team.reopen(new Date(Date.parse(NOW) + 600_000).toISOString());
    const again = later.engine.generate(LEAD, { dryRun: false, maxTasks: 3 });
    expect(again.revalued).toEqual([]);
    const after = later.tasks.show(LEAD, diagnose.ref);
    expect([after.task.priority, after.task.score]).toEqual([diagnose.priority, diagnose.score]);
    expect(after.task.reasoning.join('\n')).toContain(`Prerequisite of '${experiment.title}'`);
    expect(after.events.map((e) => e.type)).toEqual(['created']);
    // The lead approves the experiment first: the diagnosis it waits for keeps its priority.
    later.decisions.decide(LEAD, { ref: experiment.ref, action: 'approve' });
    const afterApproval = team.reopen(new Date(Date.parse(NOW) + 1_200_000).toISOString());
    expect(afterApproval.engine.generate(LEAD, { dryRun: false, maxTasks: 3 }).revalued).toEqual([]);
    const still = afterApproval.tasks.show(LEAD, diagnose.ref).task;
    expect([still.priority, still.score]).toEqual([diagnose.priority, diagnose.score]);
  });

  it('never claims more than the gap across the open list', () => {
    const app = mondayAfterANewProduct();
    const total = proposed(app).reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(total).toBeLessThanOrEqual(999);
  });

  it('ranks the open proposals on one scale: more score never reads as a lower priority', () => {
    const app = mondayAfterANewProduct();
    const open = proposed(app);
    for (const a of open) {
      for (const b of open) {
        if (a.score > b.score)
          expect(a.priority, `${a.ref} (${a.score}) vs ${b.ref} (${b.score})`).toBeGreaterThanOrEqual(
            b.priority,
          );
      }
    }
  });

  it("says Monday's numbers in a re-valued proposal's reasoning", () => {
    const app = mondayAfterANewProduct();
    const first = proposed(app).find((t) => t.ref === 'T-1');
    if (!first) throw new Error('T-1 is no longer proposed');
    const why = first.reasoning.join('\n');
    // On Saturday the whole gap was Basic EDU Apps'; on Monday it shares it with Quiz Packs.
    expect(why).not.toContain('all of it on Basic EDU Apps');
    expect(why).toMatch(/Basic EDU Apps' \$\d+\/month share of the \$999\/month gap/);
  });

  it("keeps a growth experiment's title as its dollars move, its card saying Monday's", () => {
    // Two earning products with nothing open: each gets a growth experiment toward its share of
    // the gap. On Monday a third product shares it, and Saturday's experiments are worth less.
    const app = team.open();
    seedTeam(app, {
      vision: {
        statement: 'Grow the invoicing business',
        primary_goal: 'Reach $6,000 a month',
        focus_areas: ['growth'],
        revenue_targets: { '2027-03': 6000 },
      },
      projects: [
        { name: 'InvoiceFlow', revenueBearing: true, focus: ['growth'] },
        { name: 'Expense Add-on', revenueBearing: true, focus: ['growth'] },
      ],
      revenue: [
        { project: 'InvoiceFlow', month: '2026-10', actual: 2000 },
        { project: 'Expense Add-on', month: '2026-10', actual: 1000 },
      ],
    });
    app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    const experiment = (a: Goalpost) =>
      proposed(a).find(
        (t) => t.playbookKey !== null && /experiment/i.test(t.title) && t.projectName === 'InvoiceFlow',
      );
    const saturday = experiment(app);
    if (!saturday)
      throw new Error(
        `no experiment for InvoiceFlow: ${proposed(app)
          .map((t) => t.title)
          .join('; ')}`,
      );
    const monday = team.reopen(MONDAY);
    monday.projects.add(LEAD, { name: 'Payroll', revenueBearing: true, focus: ['growth'] });
    monday.revenue.add(LEAD, { project: 'Payroll', actual: 500, from: '2026-10-01', to: '2026-10-31' });
    monday.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    const now = monday.tasks.show(LEAD, saturday.ref).task;
    expect(now.revenueImpact).toBeLessThan(saturday.revenueImpact);
    // The same work under the same name: a title naming Saturday's share read as new work on
    // Monday. The dollars are the card's to say, and it says Monday's.
    expect(now.title).toBe(
      "Run a user-acquisition experiment toward InvoiceFlow's share of the revenue gap by 2027-03",
    );
    expect(saturday.title).toBe(now.title);
    expect(now.reasoning.join('\n')).toContain(`worth up to ${formatUsd(now.revenueImpact)}/month`);
  });
});
