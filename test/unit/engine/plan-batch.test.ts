import { describe, expect, it } from 'vitest';
import type { DecisionMemory } from '../../../src/domain/history.js';
import type { Playbook } from '../../../src/domain/playbook.js';
import { PLAYBOOK_SIGNALS } from '../../../src/domain/playbook.js';
import type { Task } from '../../../src/domain/task.js';
import type { BatchPlan } from '../../../src/engine/batch-plan.js';
import { DEFAULT_PLAYBOOKS } from '../../../src/engine/default-playbooks.js';
import type { EngineInput, GoalSignalInput } from '../../../src/engine/engine-input.js';
import { planBatch } from '../../../src/engine/plan-batch.js';
import {
  buildEduInput,
  daysBefore,
  EDU_NOW,
  makeBug,
  makeFeatures,
  makeProject,
  makeRevenue,
  makeTask,
} from '../../fixtures/edu.js';

function keys(plan: BatchPlan): string[] {
  return plan.tasks.map((t) => t.key);
}

/** Every in-batch prerequisite of a returned task is returned too, and earlier. */
function prerequisitesFirst(plan: BatchPlan): boolean {
  const order = keys(plan);
  return plan.tasks.every((task, i) =>
    task.dependsOn.every((dep) => /^T-\d+$/.test(dep) || (order.includes(dep) && order.indexOf(dep) < i)),
  );
}

/** The EDU input with nothing left to build on Basic EDU Apps: its revenue gap falls to playbooks. */
function eduWithoutBacklog(): EngineInput {
  return buildEduInput({ features: [...makeFeatures(1, 4, 4, 1), ...makeFeatures(2, 3, 1, 11)] });
}

const memory = (m: Partial<DecisionMemory>): DecisionMemory => ({
  done: new Map(),
  rejected: new Map(),
  ...m,
});

describe('planBatch: the team backlog first', () => {
  it('plans the EDU example from its own open features, sharing the gap honestly', () => {
    const plan = planBatch(buildEduInput(), { maxTasks: 10 });
    // 6 open features of Basic EDU Apps, 2 of Ops Monitor; every signal is served by them.
    expect(plan.generated).toBe(8);
    expect(plan.unique).toBe(8);
    expect(plan.skipped).toEqual([]);
    expect(
      keys(plan)
        .slice(0, 6)
        .every((k) => /^feature:([5-9]|10)$/.test(k)),
    ).toBe(true);
    expect(keys(plan).slice(6)).toEqual(['feature:12', 'feature:13']);
    expect(plan.tasks[0]?.title).toMatch(/^Build 'Feature \d+' for Basic EDU Apps$/);
    expect(plan.tasks.every((t) => t.playbookKey === null && t.item?.kind === 'feature')).toBe(true);
    // Six features share the $689 gap; none claims more, and together they claim no more than it.
    expect(plan.revenueImpact).toBeLessThanOrEqual(689);
    expect(plan.revenueImpact).toBeGreaterThan(688);
    expect(plan.state?.revenue.gap).toBe(689);
    // Ops Monitor's two, claiming no dollars, name neither of its areas: aligned by the least of
    // them (self_healing, 3 of 3), they earn their place by that alone.
    expect(plan.tasks.map((t) => t.priority)).toEqual([8, 8, 8, 8, 8, 8, 2, 2]);
  });

  it('answers a revenue gap with playbooks only where no backlog item serves it', () => {
    const plan = planBatch(eduWithoutBacklog(), { maxTasks: 10 });
    expect(keys(plan)).toEqual([
      'pay.pricing@1', // a quarter of the gap in 8 h
      'pay.stripe@1', // 40% in 16 h, and the admin dashboard waits for it
      'pay.admin@1',
      'feature:12',
      'feature:13',
    ]);
    // The three playbooks claim 40% + 15% + 25% of the gap.
    expect(plan.revenueImpact).toBe(551.2);
    expect(plan.tasks[2]?.dependsOn).toEqual(['pay.stripe@1']);
  });

  it('values nothing by the gap once the revenue goal is met', () => {
    const input = buildEduInput();
    // Every target met: $1,100 meets the first ($999) only, and plans for the second ($1,498).
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 1600 })];
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.tasks.some((t) => t.signal === 'revenue_gap')).toBe(false);
    expect(plan.revenueImpact).toBe(0);
    expect(plan.tasks[0]?.reasoning).toContain(
      'No dollars at stake: it earns its place by alignment with the vision',
    );
  });

  it('lets category weights change the order', () => {
    const input = buildEduInput();
    expect(keys(planBatch(input, { maxTasks: 1 }))[0]).toMatch(/^feature:/);
    // A high bug of the product that earns: real work beside the features, so a weight can move it
    // (one of a project that earns nothing claims no dollars and fills in after them).
    const bug = { ...input, bugs: [makeBug({ id: 6, projectId: 1, title: 'Slow page', severity: 'high' })] };
    expect(keys(planBatch(bug, { maxTasks: 1 }))).toEqual(['bug:6']);
    expect(keys(planBatch(bug, { maxTasks: 1, categoryWeights: { feature: 40 } }))[0]).toMatch(/^feature:/);
  });

  it('puts a critical bug first, above everything else, and says why', () => {
    const input = buildEduInput({ bugs: [makeBug({ id: 4, projectId: 2, title: 'Monitor loops' })] });
    const plan = planBatch(input, { maxTasks: 3 });
    const [first, ...rest] = plan.tasks;
    expect(first?.title).toBe("Fix 'Monitor loops' in Ops Monitor");
    expect(first?.item).toEqual({ kind: 'bug', id: 4 });
    for (const t of rest) expect(t.priority).toBeLessThan(first?.priority ?? 0);
    expect(first?.reasoning.at(-1)).toMatch(
      /^A critical bug blocks Ops Monitor: it goes first, raised from priority 6 to 9$/,
    );
  });

  it('puts a high bug of a project that earns before a feature under way, counting what it earns twice; not one of a project that earns nothing nor is to win anything', () => {
    // Basic EDU Apps' feature 5 is under way: worth more an hour than 20 % of $310 counted once.
    const features = [...makeFeatures(1, 10, 4, 1), ...makeFeatures(2, 3, 1, 11)].map((f) =>
      f.id === 5 ? { ...f, status: 'in_progress' as const } : f,
    );
    const input = buildEduInput({
      features,
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Receipts sent twice', severity: 'high' }),
        makeBug({ id: 5, projectId: 2, title: 'Monitor graph flickers', severity: 'high' }),
      ],
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(keys(plan).slice(0, 2)).toEqual(['bug:4', 'feature:5']);
    const bug = plan.tasks[0];
    // And 20% of the $69 of the $689 gap beyond the $620 its earnings count for, beside its
    // features' all of the gap: $13.80 / 1.02.
    expect(bug?.revenueImpact).toBe(75.52);
    expect(bug?.reasoning).toContain(
      'Revenue $62/month: a high bug threatens 20% of the $310/month Basic EDU Apps earns; earned now, it counts ×2 in the score; a guess by its severity: `goalpost bug affects 4 <share>` says what part of its customers it touches',
    );
    expect(bug?.reasoning.join('\n')).toMatch(/Score [\d.]+ = \(\(\$62 × 2 \+ \$13\.52\) × 0\.50 confidence/);
    // Ops Monitor earns nothing and shares no gap (it is not revenue-bearing): its high bug is
    // ranked among the features, on its alignment.
    const ops = plan.tasks.find((t) => t.key === 'bug:5');
    expect(ops?.revenueImpact).toBe(0);
    expect(keys(plan).indexOf('bug:5')).toBeGreaterThan(1);
  });

  it("reads an item's focus area from its title when its project serves several", () => {
    const input = buildEduInput({
      features: [
        ...makeFeatures(1, 10, 4, 1),
        ...makeFeatures(2, 3, 1, 11),
        { ...makeFeatures(2, 1, 0, 14)[0], title: 'Self-healing restarts' } as ReturnType<
          typeof makeFeatures
        >[number],
      ],
    });
    const plan = planBatch(input, { maxTasks: 20 });
    const focusOf = (key: string) => plan.tasks.find((t) => t.key === key);
    // Ops Monitor serves automation and self_healing: its items name the first unless they name another.
    expect(focusOf('feature:12')?.focusArea).toBe('automation');
    expect(focusOf('feature:14')?.focusArea).toBe('self_healing');
    expect(focusOf('feature:14')?.reasoning.join('\n')).toMatch(/self_healing is focus area 3 of 3/);
    // Which area an item naming none works on is not known: it is aligned by the least of them, so
    // naming an area never ranks work below an item that names none (see BacklogItem.alignedArea).
    expect(focusOf('feature:12')?.reasoning.join('\n')).toMatch(
      /its title names none of its project's focus areas, so it counts as the least of them: self_healing, focus area 3 of 3/,
    );
    expect(focusOf('feature:14')?.alignment).toBe(focusOf('feature:12')?.alignment);
  });

  it("aligns an item naming the first of its project's areas above one naming none", () => {
    const input = buildEduInput({
      features: [
        ...makeFeatures(1, 10, 4, 1),
        ...makeFeatures(2, 3, 1, 11),
        { ...makeFeatures(2, 1, 0, 14)[0], title: 'Automation of nightly restarts' } as ReturnType<
          typeof makeFeatures
        >[number],
      ],
    });
    const plan = planBatch(input, { maxTasks: 20 });
    const alignmentOf = (key: string) => plan.tasks.find((t) => t.key === key)?.alignment ?? 0;
    expect(alignmentOf('feature:14')).toBeGreaterThan(alignmentOf('feature:12'));
  });

  it('never reads a focus area of stopwords alone into a title', () => {
    const input = buildEduInput();
    input.vision = { ...input.vision, focusAreas: [...input.vision.focusAreas, 'us'] };
    input.projects = input.projects.map((p) => (p.id === 2 ? { ...p, focusAreas: ['automation', 'us'] } : p));
    const plan = planBatch(input, { maxTasks: 20 });
    expect(plan.tasks.find((t) => t.key === 'feature:12')?.focusArea).toBe('automation');
  });

  it('values open proposals again on the batch scale, and puts a medium bug that protects revenue above work that claims none', () => {
    // Basic EDU Apps (earning $310) has shipped every feature and has a medium bug; Ops Monitor's
    // two open features were proposed yesterday, at scores of another day. Valued today they claim
    // no dollars (Ops Monitor earns nothing and has no share of the gap): work that earns its place
    // by alignment alone, which a bug on the earning product, scoring higher, goes before.
    const input = buildEduInput({
      features: [...makeFeatures(1, 10, 10, 1), ...makeFeatures(2, 3, 1, 11)],
      bugs: [makeBug({ id: 5, projectId: 1, title: 'Slow export', severity: 'medium' })],
    });
    input.openTasks = [12, 13].map((id) =>
      makeTask({
        id,
        title: `Build 'Feature ${id}' for Ops Monitor`,
        projectId: 2,
        item: { kind: 'feature', id },
        memoryKey: `feature:${id}`,
        score: 900,
        priority: 10,
        revenueImpact: 400,
        status: 'proposed',
      }),
    );
    const plan = planBatch(input, { maxTasks: 5 });
    expect(plan.revalued.map((t) => t.ref)).toEqual(['T-12', 'T-13']);
    // Ops Monitor earns nothing and has no share of the gap: not the $400 they were proposed at.
    for (const t of plan.revalued) expect(t.revenueImpact).toBe(0);
    const medium = plan.tasks.find((t) => t.key === 'bug:5');
    if (!medium) throw new Error(`no medium bug among ${keys(plan).join(', ')}`);
    expect(medium.revenueImpact).toBeGreaterThan(0);
    for (const t of plan.revalued) expect(t.score).toBeLessThan(medium.score);
    expect(medium.priority).toBeGreaterThan(Math.max(...plan.revalued.map((t) => t.priority)));
    // Still after the playbook work that claims dollars (the Stripe and admin tasks), and says so.
    const claiming = plan.tasks.filter((t) => t.key !== 'bug:5' && t.revenueImpact > 0);
    expect(claiming.length).toBeGreaterThan(0);
    for (const t of claiming) expect(medium.priority).toBeLessThan(t.priority);
    expect(medium.reasoning.at(-1)).toMatch(
      /^A medium bug comes after the real work: lowered from priority \d+ to \d+$/,
    );
  });

  it('leaves low bugs out, and medium bugs after the real work that claims dollars, at lower priority', () => {
    const input = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Typo', severity: 'low' }),
        makeBug({ id: 5, projectId: 1, title: 'Slow export', severity: 'medium' }),
      ],
    });
    const plan = planBatch(input, { maxTasks: 20 });
    expect(keys(plan)).not.toContain('bug:4');
    const at = keys(plan).indexOf('bug:5');
    const medium = plan.tasks[at];
    if (!medium) throw new Error(`no medium bug among ${keys(plan).join(', ')}`);
    // Every feature of the earning product, each with its share of the gap, comes first.
    const real = plan.tasks.filter((t) => t.revenueImpact > 0 && t.key !== 'bug:5');
    expect(real.length).toBeGreaterThan(0);
    for (const t of real) {
      expect(keys(plan).indexOf(t.key)).toBeLessThan(at);
      expect(medium.priority).toBeLessThan(t.priority);
    }
    // Ops Monitor's features claim no dollars: they fill in beside the bug, by score.
    for (const t of plan.tasks.slice(at + 1)) {
      expect(t.revenueImpact).toBe(0);
      expect(t.score).toBeLessThanOrEqual(medium.score);
    }
  });

  it('skips a candidate that duplicates an open task', () => {
    const input = buildEduInput({
      openTasks: [
        makeTask({
          id: 42,
          ref: 'T-42',
          title: "Build 'Feature 5' for Basic EDU Apps",
          projectId: 1,
          memoryKey: 'feature:5',
        }),
      ],
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.generated).toBe(8);
    expect(plan.unique).toBe(7);
    expect(plan.skipped).toEqual([
      {
        title: "Build 'Feature 5' for Basic EDU Apps",
        duplicateOf: 'T-42',
        similarity: 1,
        reason: 'duplicate',
      },
    ]);
  });
});

describe('planBatch: goals in any unit', () => {
  const goal = (over: Partial<GoalSignalInput> = {}): GoalSignalInput => ({
    goalId: 3,
    metric: 'active_teachers',
    target: 300,
    unit: 'teachers',
    direction: 'up',
    baseline: 100,
    current: 140,
    deadline: '2026-06-30',
    status: 'off_track',
    gap: 160,
    valuePerUnit: 5,
    weight: null,
    why: 'active_teachers is 140 teachers of 300',
    ...over,
  });

  it("gives a slipping goal's value to the items linked to it, ahead of any that merely name it", () => {
    const input = buildEduInput({ goals: [goal()] });
    input.features = input.features.map((f) =>
      f.id === 12 ? { ...f, goalId: 3 } : f.id === 5 ? { ...f, title: 'Teacher invites' } : f,
    );
    const plan = planBatch(input, { maxTasks: 10 });
    const linked = plan.tasks.find((t) => t.key === 'feature:12');
    expect(linked?.goalId).toBe(3);
    expect(linked?.reasoning).toContain(
      'Goal value $800/month (not revenue): the only open item that serves active_teachers (linked to it), so it gets all of what closing active_teachers is worth (160 teachers × $5/month each = $800/month)',
    );
    // 'Teacher invites' names the goal, but the team linked another item: the link wins.
    expect(plan.tasks.find((t) => t.key === 'feature:5')?.goalId).toBeNull();
    expect(plan.tasks.some((t) => t.playbookKey?.startsWith('goal.'))).toBe(false);
  });

  // The goal's research beside open work on what it measures would ask the same question twice.
  it('holds its playbooks back while a task linked to it or naming what it measures is open', () => {
    const research = (openTasks: Task[]) => {
      const input = { ...buildEduInput({ goals: [goal()] }), openTasks };
      const plan = planBatch(input, { maxTasks: 10 });
      return {
        proposed: plan.tasks.filter((t) => t.playbookKey?.startsWith('goal.')).map((t) => t.playbookKey),
        held: plan.skipped.filter((s) => s.reason === 'duplicate' && s.duplicateOf === 'T-40'),
      };
    };
    const naming = research([
      makeTask({ id: 40, title: 'Call the teachers who stopped logging in', status: 'approved' }),
    ]);
    expect(naming.proposed).toEqual([]);
    expect(naming.held.map((s) => s.note)).toContain(
      'T-40 "Call the teachers who stopped logging in" (approved) works on what goal active_teachers measures: no more is proposed for it while that is open',
    );
    const linked = research([
      makeTask({ id: 40, title: 'Onboarding emails', goalId: 3, status: 'in_progress' }),
    ]);
    expect(linked.proposed).toEqual([]);
    expect(linked.held[0]?.note).toContain('T-40 "Onboarding emails" (in progress) works on what goal');
    // Neither other work, nor the goal's own research (memory tells what follows that).
    const unrelated = research([makeTask({ id: 40, title: 'Invoice reminders', status: 'approved' })]);
    expect(unrelated.proposed).toEqual(['goal.diagnose', 'goal.experiment']);
    const own = research([
      makeTask({
        id: 40,
        title: 'Find out why active_teachers is short',
        goalId: 3,
        playbookKey: 'goal.diagnose',
        signal: 'goal_off_track',
        memoryKey: 'playbook:goal.diagnose',
        status: 'approved',
      }),
    ]);
    expect(own.held.filter((s) => s.note?.includes('works on what goal'))).toEqual([]);
  });

  it('falls back to items that name what the goal measures, and to playbooks when none does', () => {
    const named = buildEduInput({ goals: [goal()] });
    named.features = named.features.map((f) => (f.id === 5 ? { ...f, title: 'Teacher invites' } : f));
    const byName = planBatch(named, { maxTasks: 10 }).tasks.find((t) => t.key === 'feature:5');
    expect(byName?.reasoning.join('\n')).toContain(
      "the only open item that serves active_teachers (it names 'teacher')",
    );
    const none = planBatch(buildEduInput({ goals: [goal()] }), { maxTasks: 10 });
    expect(none.tasks.filter((t) => t.playbookKey?.startsWith('goal.')).map((t) => t.playbookKey)).toEqual([
      'goal.diagnose',
      'goal.experiment',
    ]);
  });

  it('counts an item as naming a goal of several words only when it names every one, in any form', () => {
    // failed_invoices: invoices that fail (or their failures). A schedule of invoices, or a failed
    // login, is other work.
    const input = buildEduInput({
      goals: [
        goal({
          metric: 'failed_invoices',
          unit: 'invoices',
          direction: 'down',
          why: 'failed_invoices is 40',
        }),
      ],
    });
    input.features = input.features.map((f) =>
      f.id === 5
        ? { ...f, title: 'Recurring invoice schedules' }
        : f.id === 6
          ? { ...f, title: 'Fix failed login redirect' }
          : f.id === 7
            ? { ...f, title: 'Retry failed invoices automatically' }
            : f.id === 8
              ? { ...f, title: 'Alert on invoice failures' }
              : f,
    );
    const plan = planBatch(input, { maxTasks: 20 });
    const retry = plan.tasks.find((t) => t.key === 'feature:7');
    expect(retry?.goalId).toBe(3);
    expect(retry?.reasoning.join('\n')).toContain(
      "1 of 2 open items that serve failed_invoices (it names 'failed' and 'invoice')",
    );
    expect(plan.tasks.find((t) => t.key === 'feature:8')?.reasoning.join('\n')).toContain(
      "1 of 2 open items that serve failed_invoices (it names 'invoice' and 'failure')",
    );
    for (const key of ['feature:5', 'feature:6']) {
      const task = plan.tasks.find((t) => t.key === key);
      expect(task?.goalId ?? null).toBeNull();
      expect(task?.reasoning.join('\n') ?? '').not.toMatch(/failed_invoices/);
    }
  });

  it('takes a word in its past form, not a noun that starts like it', () => {
    const served = (metric: string, title: string) => {
      const input = buildEduInput({ goals: [goal({ metric, unit: '', why: 'x' })] });
      input.features = input.features.map((f) => (f.id === 5 ? { ...f, title } : f));
      return planBatch(input, { maxTasks: 20 }).tasks.find((t) => t.key === 'feature:5')?.goalId === 3;
    };
    expect(served('invited_teachers', 'Invite teachers by email')).toBe(true);
    expect(served('shipped_orders', 'Ship orders the same day')).toBe(true);
    expect(served('cancelled_plans', 'Let schools cancel plans online')).toBe(true);
    // A review: bookings are not an address book, listings not a list view.
    expect(served('bookings', 'Address book import')).toBe(false);
    expect(served('active_listings', 'Sort the teacher list view')).toBe(false);
  });

  it('takes the words from the title, or all of them from the project’s name, and not digits', () => {
    const invoices = goal({ metric: 'failed_invoices', unit: 'invoices', direction: 'down', why: 'x' });
    // A project named for one word does not lend it to a title naming the other.
    const portal = buildEduInput({ goals: [invoices] });
    portal.projects = portal.projects.map((p) => ({ ...p, name: `Invoice ${p.name}` }));
    portal.features = portal.features.map((f) =>
      f.id === 6 ? { ...f, title: 'Fix failed login redirect' } : f,
    );
    const lent = planBatch(portal, { maxTasks: 20 });
    expect(lent.tasks.filter((t) => t.goalId === 3 && t.playbookKey === null)).toEqual([]);
    // A project named for the whole metric: its items that name none of it serve it.
    const desk = buildEduInput({ goals: [invoices] });
    desk.projects = desk.projects.map((p, i) => (i === 0 ? { ...p, name: 'Failed Invoices Desk' } : p));
    const deskPlan = planBatch(desk, { maxTasks: 20 });
    const first = desk.projects[0]?.id;
    const served = deskPlan.tasks.filter((t) => t.goalId === 3 && t.playbookKey === null);
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((t) => t.projectId === first)).toBe(true);
    // p95 says which latency; "Reduce latency" serves it.
    const latency = buildEduInput({
      goals: [goal({ metric: 'p95_latency', unit: 'ms', direction: 'down', why: 'p95_latency is 900 ms' })],
    });
    latency.features = latency.features.map((f) =>
      f.id === 5 ? { ...f, title: 'Reduce latency of lesson loading' } : f,
    );
    const fast = planBatch(latency, { maxTasks: 20 }).tasks.find((t) => t.key === 'feature:5');
    expect(fast?.reasoning.join('\n')).toContain(
      "the only open item that serves p95_latency (it names 'latency')",
    );
  });

  it('reads a unit in a metric’s name as how it is measured', () => {
    // `_ms` says how latency is measured: "Reduce API latency" serves p95_api_latency_ms.
    const latency = buildEduInput({
      goals: [goal({ metric: 'p95_api_latency_ms', unit: 'ms', direction: 'down', why: 'x' })],
    });
    latency.features = latency.features.map((f) =>
      f.id === 5 ? { ...f, title: 'Reduce API latency on the lesson endpoint' } : f,
    );
    const fast = planBatch(latency, { maxTasks: 20 }).tasks.find((t) => t.key === 'feature:5');
    expect(fast?.reasoning.join('\n')).toContain(
      "the only open item that serves p95_api_latency_ms (it names 'api' and 'latency')",
    );
  });
});

describe('planBatch: dependencies', () => {
  it('orders a prerequisite before its dependent and lets it inherit the higher priority', () => {
    const input = eduWithoutBacklog();
    // Make the admin dashboard cheap: it now outscores Stripe, which it depends on.
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.admin' ? { ...p, effortHours: 1 } : p));
    const plan = planBatch(input, { maxTasks: 10 });
    expect(keys(plan).slice(0, 2)).toEqual(['pay.stripe@1', 'pay.admin@1']);
    const [stripe, admin] = plan.tasks;
    // It takes the priority of what it unblocks, and keeps its own score: its card's score line
    // and header agree, and a later plan ranks it by it once nothing waits for it.
    expect(stripe?.score).toBeLessThan(admin?.score as number);
    expect(stripe?.priority).toBe(admin?.priority);
    expect(stripe?.reasoning).toContain(
      `Prerequisite of 'Build a subscription admin dashboard for Basic EDU Apps': inherits priority ${admin?.priority} (score ${admin?.score.toFixed(1)})`,
    );
  });

  it('takes a prerequisite only with a dependent, never cutting one while keeping the other', () => {
    const input = eduWithoutBacklog();
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.admin' ? { ...p, effortHours: 1 } : p));
    for (let maxTasks = 0; maxTasks <= 6; maxTasks += 1) {
      const plan = planBatch(input, { maxTasks });
      expect(plan.tasks.length).toBeLessThanOrEqual(maxTasks);
      expect(prerequisitesFirst(plan)).toBe(true);
      expect(plan.unique).toBe(5);
    }
    // With room for one task, the admin dashboard (best) cannot come without Stripe: the next best
    // task that fits alone comes instead, and Stripe never enters on its own.
    expect(keys(planBatch(input, { maxTasks: 1 }))).toEqual(['pay.pricing@1']);
    expect(keys(planBatch(input, { maxTasks: 2 }))).toEqual(['pay.stripe@1', 'pay.admin@1']);
  });

  it('reports a dependency cycle and keeps its tasks', () => {
    const input = eduWithoutBacklog();
    input.playbooks = input.playbooks.map(
      (p): Playbook => (p.key === 'pay.stripe' ? { ...p, dependsOn: ['pay.admin'] } : p),
    );
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.cycles).toEqual([
      [
        'Implement Stripe checkout for Basic EDU Apps subscription tiers',
        'Build a subscription admin dashboard for Basic EDU Apps',
      ],
    ]);
    expect(plan.tasks).toHaveLength(5);
  });
});

describe('planBatch: memory of decisions', () => {
  it('never proposes done one-off work again, whatever numbers its title carries now', () => {
    const input = eduWithoutBacklog();
    input.memory = memory({
      done: new Map([
        ['pb:pay.stripe@1#', { ref: 'T-2', at: daysBefore(EDU_NOW, 60), facts: {}, reason: null }],
      ]),
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(keys(plan)).not.toContain('pay.stripe@1');
    expect(plan.skipped).toContainEqual({
      title: 'Implement Stripe checkout for Basic EDU Apps subscription tiers',
      duplicateOf: 'T-2',
      similarity: 1,
      reason: 'done',
      note: `done as T-2 on ${daysBefore(EDU_NOW, 60).slice(0, 10)}; one-off work is not proposed again`,
      project: 'Basic EDU Apps',
    });
  });

  it('proposes recurring work again once its days are up, and says when it was last done', () => {
    const input = eduWithoutBacklog();
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.pricing' ? { ...p, recurDays: 30 } : p));
    const done = (days: number) =>
      memory({
        done: new Map([
          ['pb:pay.pricing@1#', { ref: 'T-3', at: daysBefore(EDU_NOW, days), facts: {}, reason: null }],
        ]),
      });
    expect(keys(planBatch({ ...input, memory: done(10) }, { maxTasks: 10 }))).not.toContain('pay.pricing@1');
    const again = planBatch({ ...input, memory: done(40) }, { maxTasks: 10 });
    expect(again.tasks.find((t) => t.key === 'pay.pricing@1')?.reasoning).toContain(
      `Last done as T-3 on ${daysBefore(EDU_NOW, 40).slice(0, 10)}; this work recurs every 30 days`,
    );
  });

  it('proposes failed work again, saying how it went last time', () => {
    const input = buildEduInput();
    input.memory = memory({
      failed: new Map([
        [
          'feature:5',
          {
            ref: 'T-8',
            at: daysBefore(EDU_NOW, 3),
            facts: {},
            reason: 'the sync times out on large accounts',
          },
        ],
      ]),
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.tasks.find((t) => t.key === 'feature:5')?.reasoning).toContain(
      `Tried as T-8 on ${daysBefore(EDU_NOW, 3).slice(0, 10)} and failed ('the sync times out on large accounts')`,
    );
  });

  // A review: work rejected (T-7), then taken on again and failed yesterday (T-16), came back
  // citing the old rejection, its failure only in the confidence line. Taken on after the
  // rejection, the work says how it went last: the failure.
  it('says the failure, not an earlier rejection, of work taken on and failed since', () => {
    const input = buildEduInput();
    input.memory = memory({
      rejected: new Map([
        [
          'feature:5',
          { ref: 'T-7', at: daysBefore(EDU_NOW, 12), facts: {}, reason: 'not until T-6 finds the causes' },
        ],
      ]),
      failed: new Map([
        [
          'feature:5',
          { ref: 'T-16', at: daysBefore(EDU_NOW, 2), facts: {}, reason: 'support lead on leave' },
        ],
      ]),
    });
    const plan = planBatch(input, { maxTasks: 10 });
    const reasoning = plan.tasks.find((t) => t.key === 'feature:5')?.reasoning ?? [];
    expect(reasoning).toContain(
      `Tried as T-16 on ${daysBefore(EDU_NOW, 2).slice(0, 10)} and failed ('support lead on leave')`,
    );
    expect(reasoning.join('\n')).not.toMatch(/Rejected/);
    // Rejected within the cooldown, then taken on and failed: the rejection no longer holds it.
    input.memory = memory({
      rejected: new Map([
        ['feature:5', { ref: 'T-7', at: daysBefore(EDU_NOW, 12), facts: {}, reason: 'not now' }],
      ]),
      failed: new Map([
        ['feature:5', { ref: 'T-16', at: daysBefore(EDU_NOW, 2), facts: {}, reason: 'flaky CI' }],
      ]),
    });
    expect(keys(planBatch(input, { maxTasks: 10 }))).toContain('feature:5');
  });

  // Held "not until T-16 ships" while T-16's work (feature 6) failed and is still to do; back once
  // feature 6 is done by hand, as the store reads it (HistoryRepository.failedWork).
  it('holds work waiting on a failed task while that work is open, not once its item is done', () => {
    const input = buildEduInput();
    input.memory = memory({
      rejected: new Map([
        ['feature:5', { ref: 'T-7', at: daysBefore(EDU_NOW, 5), facts: {}, reason: 'not until T-16 ships' }],
      ]),
      failed: new Map([
        ['feature:6', { ref: 'T-16', at: daysBefore(EDU_NOW, 3), facts: {}, reason: 'keys' }],
      ]),
    });
    const held = planBatch(input, { maxTasks: 10 });
    expect(keys(held)).not.toContain('feature:5');
    expect(held.skipped.find((s) => s.reason === 'rejected')?.note).toMatch(
      /not until the work of T-16, which failed, is done$/,
    );
    input.features = input.features.map((f) => (f.id === 6 ? { ...f, status: 'done' as const } : f));
    expect(keys(planBatch(input, { maxTasks: 10 }))).toContain('feature:5');
  });

  it('brings back a reopened backlog item', () => {
    const input = buildEduInput();
    input.memory = memory({
      done: new Map([['feature:5', { ref: 'T-7', at: daysBefore(EDU_NOW, 90), facts: {}, reason: null }]]),
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.tasks.find((t) => t.key === 'feature:5')?.reasoning).toContain(
      `Reopened since T-7 was done on ${daysBefore(EDU_NOW, 90).slice(0, 10)}`,
    );
  });

  it('says the minute a cooldown ends, after the second it was rejected', () => {
    const rejectedAt = daysBefore(EDU_NOW, 10).replace(':00.000Z', ':45.000Z');
    const plan = planBatch(
      {
        ...buildEduInput(),
        memory: memory({
          rejected: new Map([
            ['feature:5', { ref: 'T-4', at: rejectedAt, facts: { stakeUsd: 0, gapUsd: 689 }, reason: null }],
          ]),
        }),
      },
      { maxTasks: 10 },
    );
    expect(plan.skipped.find((s) => s.reason === 'rejected')?.note).toMatch(
      /not before \d{4}-\d\d-\d\d 09:01 UTC/,
    );
  });

  it('keeps rejected work away for the cooldown unless its facts changed, and then says why', () => {
    const rejectedAt = daysBefore(EDU_NOW, 10);
    const rejected = (gapUsd: number) =>
      memory({
        rejected: new Map([
          ['feature:5', { ref: 'T-4', at: rejectedAt, facts: { stakeUsd: 0, gapUsd }, reason: 'not now' }],
        ]),
      });
    // Rejected when the gap was what it is now ($689).
    const held = planBatch({ ...buildEduInput(), memory: rejected(689) }, { maxTasks: 10 });
    expect(keys(held)).not.toContain('feature:5');
    expect(held.skipped.find((s) => s.reason === 'rejected')?.note).toBe(
      `rejected as T-4 on ${rejectedAt.slice(0, 10)} ('not now'); not before ${daysBefore(EDU_NOW, -20).slice(0, 10)} 09:00 UTC unless its facts change`,
    );
    // A larger gap is no news about a backlog item, which shares it alike with every other.
    const larger = planBatch({ ...buildEduInput(), memory: rejected(300) }, { maxTasks: 10 });
    expect(keys(larger)).not.toContain('feature:5');
    const back = planBatch(
      {
        ...buildEduInput(),
        memory: memory({
          rejected: new Map([
            [
              'feature:5',
              {
                ref: 'T-4',
                at: rejectedAt,
                facts: { stakeUsd: 0, gapUsd: 689, itemStatus: 'done' },
                reason: 'not now',
              },
            ],
          ]),
        }),
      },
      { maxTasks: 10 },
    );
    expect(back.tasks.find((t) => t.key === 'feature:5')?.reasoning).toContain(
      `Rejected on ${rejectedAt.slice(0, 10)} as T-4 ('not now'); proposed again because it moved from done to planned`,
    );
    const later = planBatch(
      { ...buildEduInput(), memory: rejected(689) },
      { maxTasks: 10, rejectCooldownDays: 7 },
    );
    expect(later.tasks.find((t) => t.key === 'feature:5')?.reasoning).toContain(
      "Rejected 10 days ago as T-4 ('not now'); the 7-day cooldown is over",
    );
    // A day is one day (a review read "Rejected 1 days ago").
    const yesterday = memory({
      rejected: new Map([
        [
          'feature:5',
          { ref: 'T-4', at: daysBefore(EDU_NOW, 1), facts: { stakeUsd: 0, gapUsd: 689 }, reason: 'not now' },
        ],
      ]),
    });
    const soon = planBatch(
      { ...buildEduInput(), memory: yesterday },
      { maxTasks: 10, rejectCooldownDays: 1 },
    );
    expect(soon.tasks.find((t) => t.key === 'feature:5')?.reasoning).toContain(
      "Rejected 1 day ago as T-4 ('not now'); the 1-day cooldown is over",
    );
    // Rejected before the gap was kept apart, its dollars at stake held its project's part of the
    // gap: they now hold none of it, and never look larger for it.
    const old = memory({
      rejected: new Map([
        ['feature:5', { ref: 'T-4', at: rejectedAt, facts: { stakeUsd: 300 }, reason: 'not now' }],
      ]),
    });
    expect(keys(planBatch({ ...buildEduInput(), memory: old }, { maxTasks: 10 }))).not.toContain('feature:5');
  });
});

describe('planBatch: what is not a new fact', () => {
  it('keeps a rejected feature away when its share grows only because its siblings closed', () => {
    const rejectedAt = daysBefore(EDU_NOW, 2);
    const input = buildEduInput();
    // Rejected while six features shared the gap; since then four of the others were done.
    input.features = input.features.map((f) => (f.id >= 7 && f.id <= 10 ? { ...f, status: 'done' } : f));
    input.memory = memory({
      rejected: new Map([
        ['feature:5', { ref: 'T-4', at: rejectedAt, facts: { stakeUsd: 0, gapUsd: 689 }, reason: 'not now' }],
      ]),
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(keys(plan)).not.toContain('feature:5');
    // Its sibling, the only open feature not held back, now takes half the gap rather than a
    // sixth (shares grew, the stake did not); the half the rejected one was counted for stays its
    // own, not its sibling's.
    expect(plan.tasks.find((t) => t.key === 'feature:6')?.revenueImpact).toBe(344.5);
  });

  it("keeps a rejected feature away when its project's part of the gap grows only because its backlog did", () => {
    const rejectedAt = daysBefore(EDU_NOW, 2);
    const quiz = (features: number): EngineInput => {
      const input = buildEduInput();
      input.projects.push(
        makeProject({ id: 3, name: 'Quiz Packs', revenueBearing: true, focusAreas: ['payment_integration'] }),
      );
      input.features.push(...makeFeatures(3, features, 0, 31));
      return input;
    };
    // Rejected with its project's one feature: then the team typed three more for it.
    const first = planBatch(quiz(1), { maxTasks: 10 }).tasks.find((t) => t.key === 'feature:31');
    expect(first?.facts).toEqual({
      stakeUsd: 0,
      goalUsd: 0,
      gapUsd: 689,
      shareUsd: 98.43,
      shareUnits: 1,
      itemStatus: 'planned',
      priority: 'none',
    });
    const input = quiz(4);
    input.memory = memory({
      rejected: new Map([
        ['feature:31', { ref: 'T-9', at: rejectedAt, facts: first?.facts ?? {}, reason: 'not now' }],
      ]),
    });
    const plan = planBatch(input, { maxTasks: 20 });
    expect(keys(plan)).not.toContain('feature:31');
    expect(plan.skipped.find((s) => s.reason === 'rejected')?.note).toMatch(/^rejected as T-9 /);
  });
});

describe("planBatch: the team's estimates", () => {
  it('divides what work is worth by its estimate, and counts each feature for the feature-sizes it is', () => {
    const edu = buildEduInput();
    // Six open features of Basic EDU Apps share the gap alike: the estimates alone tell them apart.
    const estimates = new Map([
      [10, 1],
      [5, 40],
    ]);
    const input: EngineInput = {
      ...edu,
      features: edu.features.map((f) => ({ ...f, estimateHours: estimates.get(f.id) ?? null })),
    };
    const plan = planBatch(input, { maxTasks: 10 });
    const basic = plan.tasks.filter((t) => t.projectName === 'Basic EDU Apps');
    expect(basic).toHaveLength(6);
    const byKey = (key: string) => basic.find((t) => t.key === key);
    const hour = byKey('feature:10');
    const unestimated = basic.find((t) => t.key !== 'feature:10' && t.key !== 'feature:5');
    // A week's feature is five features' worth of work: it shares the gap as five, and wins no
    // more per hour than one of 8 hours (nor less: its size alone does not rank it).
    const week = byKey('feature:5');
    expect(week?.reasoning.join('\n')).toMatch(
      /^Effort 40 h: the team's estimate; .* it claims 5× a feature's/m,
    );
    expect(week?.reasoning.join('\n')).toMatch(
      /^Revenue \$[\d,.]+\/month: 5 of the 9\.13 feature-sizes of open work/m,
    );
    expect(week?.revenueImpact).toBeCloseTo((unestimated?.revenueImpact ?? 0) * 5, 1);
    expect(week?.score).toBeCloseTo(unestimated?.score ?? 0, 0);
    expect(unestimated?.reasoning).toContain('Effort 8 h: default for a planned feature (no estimate)');
    // An hour's feature wins an eighth of a feature's share: no more per hour than one of 8 hours.
    expect(hour?.reasoning).toContain(
      "Effort 1 h: the team's estimate; a feature's value is counted per 8 h of work (the default for a planned feature): it claims 13% of a feature's share of the gap and strategic value",
    );
    expect(hour?.revenueImpact).toBeCloseTo((unestimated?.revenueImpact ?? 0) / 8, 1);
    expect(hour?.score).toBeCloseTo(unestimated?.score ?? 0, 0);
  });
});

describe('planBatch: work nothing values', () => {
  /** Idle projects on no focus area, untouched for 60 days: each is answered by a review scoring 0. */
  const idle = (ids: readonly number[]) =>
    ids.map((id) => makeProject({ id, name: `Idle ${id}`, updatedAt: daysBefore(EDU_NOW, 60) }));

  it('is never proposed, even with room: the batch stays short and says what it left out', () => {
    const edu = buildEduInput();
    const input: EngineInput = {
      ...edu,
      // An office move the vision says nothing about, and three idle projects.
      projects: [...edu.projects, makeProject({ id: 3, name: 'Office move' }), ...idle([4, 5, 6])],
      features: [...edu.features, ...makeFeatures(3, 2, 0, 20)],
    };
    const roomy = planBatch(input, { maxTasks: 50 });
    expect(roomy.tasks.length).toBeGreaterThan(0);
    expect(roomy.tasks.every((t) => t.score > 0)).toBe(true);
    expect(roomy.tasks.some((t) => t.projectId !== null && t.projectId >= 3)).toBe(false);
    expect(roomy.unvalued).toBe(5);
    expect(roomy.unvaluedWork).toEqual([
      {
        title: "Build 'Feature 20' for Office move",
        project: 'Office move',
        upkeepId: null,
        onFocusArea: false,
      },
      {
        title: "Build 'Feature 21' for Office move",
        project: 'Office move',
        upkeepId: null,
        onFocusArea: false,
      },
      ...[4, 5, 6].map((id) => ({
        title: expect.stringMatching(new RegExp(`^Review Idle ${id}\\b`)),
        project: `Idle ${id}`,
        upkeepId: null,
        onFocusArea: false,
      })),
    ]);
    expect(roomy.cut).toBe(0);
    expect(roomy.unique).toBe(roomy.tasks.length + roomy.cut + roomy.unvalued);

    // A full batch: the cap cuts them with the rest, as it would had they been valued.
    const full = planBatch(input, { maxTasks: 3 });
    expect(full.tasks).toHaveLength(3);
    expect(full.unvalued).toBe(0);
    expect(full.unique).toBe(roomy.unique);
    expect(full.cut).toBe(full.unique - 3);
    // Counted, never listed: a larger cap would not propose them either.
    expect(full.cutByCap.length).toBe(full.cut - 5);
    expect(full.cutByCap.some((c) => c.score === 0)).toBe(false);
  });

  it('takes no place from work that scores, however it ranks', () => {
    // A high bug of a project the vision says nothing about, which earns nothing: scoring 0.
    const edu = buildEduInput();
    const input: EngineInput = {
      ...edu,
      projects: [...edu.projects, makeProject({ id: 3, name: 'Office move' })],
      bugs: [makeBug({ id: 30, projectId: 3, title: 'Badge reader crash', severity: 'high' })],
    };
    const one = planBatch(input, { maxTasks: 1 });
    expect(one.tasks).toHaveLength(1);
    expect(one.tasks[0]?.projectName).toBe('Basic EDU Apps');
    const roomy = planBatch(input, { maxTasks: 50 });
    expect(roomy.tasks.some((t) => t.projectName === 'Office move')).toBe(false);
    expect(roomy.unvaluedWork).toEqual([
      expect.objectContaining({
        title: expect.stringContaining('Badge reader crash'),
        project: 'Office move',
      }),
    ]);
  });

  // A review's internal "Ops Console", on no focus area and earning nothing, had its critical
  // "Admin login loop" score 0: never proposed, while `state` listed it as a blocker every day.
  it('is never a critical bug: one blocks its project, and goes first', () => {
    const edu = buildEduInput();
    const input: EngineInput = {
      ...edu,
      projects: [...edu.projects, makeProject({ id: 3, name: 'Office move' })],
      bugs: [makeBug({ id: 30, projectId: 3, title: 'Badge reader crash' })],
    };
    const [first] = planBatch(input, { maxTasks: 1 }).tasks;
    expect(first?.title).toBe("Fix 'Badge reader crash' in Office move");
    expect(first?.score).toBeGreaterThan(0);
    expect(first?.reasoning).toContainEqual(
      expect.stringMatching(/a critical bug stops its project running → 0\.20/),
    );
  });
});

describe('planBatch: totals and edge cases', () => {
  it('sums the revenue impact of the returned tasks only', () => {
    const plan = planBatch(buildEduInput(), { maxTasks: 2 });
    expect(plan.revenueImpact).toBe(229.66);
  });

  it('is deterministic: the same input, in any order, gives a deep-equal plan', () => {
    const a = buildEduInput({
      bugs: [
        makeBug({ id: 4, projectId: 1, title: 'Crash' }),
        makeBug({ id: 5, projectId: 1, title: 'Hang' }),
      ],
    });
    const b = {
      ...a,
      projects: [...a.projects].reverse(),
      features: [...a.features].reverse(),
      bugs: [...a.bugs].reverse(),
      revenue: [...a.revenue].reverse(),
      playbooks: [...a.playbooks].reverse(),
    };
    expect(planBatch(a, { maxTasks: 5 })).toEqual(planBatch(a, { maxTasks: 5 }));
    expect(planBatch(b, { maxTasks: 5 })).toEqual(planBatch(a, { maxTasks: 5 }));
  });

  it('copes with an empty workspace', () => {
    const input = buildEduInput({ projects: [], features: [], bugs: [], revenue: [] });
    input.vision = { ...input.vision, focusAreas: [], revenueTargets: {} };
    const plan = planBatch(input, { maxTasks: 5 });
    expect(plan).toMatchObject({
      generated: 0,
      unique: 0,
      skipped: [],
      cycles: [],
      tasks: [],
      revenueImpact: 0,
    });
  });

  it('plans workspace-wide work when there are targets but no projects, planning last', () => {
    const input = buildEduInput({ projects: [], features: [], revenue: [] });
    const plan = planBatch(input, { maxTasks: 5 });
    expect(keys(plan)).toEqual([
      'growth.experiment@-',
      'focus.automation@-#automation',
      'focus.self_healing@-#self_healing',
      'focus.plan@-#payment_integration',
    ]);
    expect(plan.tasks[0]?.title).toBe('Run a user-acquisition experiment toward the revenue gap by 2026-04');
    expect(plan.tasks[0]?.revenueImpact).toBe(99.9);
    expect(plan.tasks.every((t) => t.projectId === null)).toBe(true);
  });
});

describe('DEFAULT_PLAYBOOKS', () => {
  it('have unique, well-formed keys and answer every signal a playbook can answer', () => {
    const keysOf = DEFAULT_PLAYBOOKS.map((p) => p.key);
    expect(new Set(keysOf).size).toBe(keysOf.length);
    expect(keysOf.every((k) => /^[a-z][a-z0-9_.-]*$/.test(k))).toBe(true);
    expect(new Set(DEFAULT_PLAYBOOKS.map((p) => p.signal))).toEqual(new Set(PLAYBOOK_SIGNALS));
    for (const p of DEFAULT_PLAYBOOKS) for (const dep of p.dependsOn) expect(keysOf).toContain(dep);
  });
});

describe('planBatch: shipped growth work keeps its part of the gap until its revenue is in', () => {
  /** The EDU input with Basic EDU Apps' first feature shipped at `at`, its revenue recorded as `revenue`. */
  function shippedAt(at: string, revenue = buildEduInput().revenue): EngineInput {
    const features = [...makeFeatures(1, 10, 4, 1), ...makeFeatures(2, 3, 1, 11)].map((f) =>
      f.id === 1 ? { ...f, updatedAt: at } : f,
    );
    return buildEduInput({ features, revenue });
  }
  const values = (plan: BatchPlan) => [...new Set(plan.tasks.map((t) => t.revenueImpact))];

  it('counts it on for its part while no period beginning on or after its day is recorded', () => {
    // $689 over six open features; shipped within December, whose record began before it, the
    // seventh is still counted on for its part.
    expect(values(planBatch(shippedAt('2025-11-20T12:00:00.000Z'), { maxTasks: 6 }))).toEqual([114.83]);
    expect(values(planBatch(shippedAt('2026-01-10T12:00:00.000Z'), { maxTasks: 6 }))).toEqual([98.42]);
    // Shipped on the day December began: December's revenue has it.
    expect(values(planBatch(shippedAt('2025-12-01T12:00:00.000Z'), { maxTasks: 6 }))).toEqual([114.83]);
    expect(values(planBatch(shippedAt('2025-12-02T12:00:00.000Z'), { maxTasks: 6 }))).toEqual([98.42]);
  });

  it("reads the workspace's revenue for a product that records none of its own", () => {
    const workspaceLevel = buildEduInput().revenue.map((r) => ({ ...r, projectId: null }));
    const plan = planBatch(shippedAt('2025-12-02T12:00:00.000Z', workspaceLevel), { maxTasks: 6 });
    expect(values(plan)).toEqual([98.42]);
    const line = plan.tasks[0]?.reasoning.find((l) => l.startsWith('Revenue $98.42/month'));
    expect(line).toContain(
      '1 of 6 open items sharing $591/month of the $689/month gap to the 2026-04 target of $999, all of it on Basic EDU Apps; the other $98.43 is counted on the 1 item Basic EDU Apps shipped on 2025-12-02, whose revenue is not in yet',
    );
  });
});

describe('work scheduled after the revenue target (held in memory)', () => {
  // The target is 2026-04's; Basic EDU Apps, the only earner, has open features 5 to 10.
  const scheduled = (id: number, dueOn: string) => ({
    ref: `acme/edu#${id}`,
    url: `https://github.com/acme/edu/issues/${id}`,
    milestone: { title: `Due ${dueOn.slice(0, 7)}`, dueOn },
  });
  const input = (): EngineInput => {
    const features = [...makeFeatures(1, 10, 4, 1), ...makeFeatures(2, 3, 1, 11)].map((f) =>
      f.id === 10
        ? { ...f, source: scheduled(10, '2026-06-01T07:00:00Z') }
        : f.id === 9
          ? { ...f, source: scheduled(9, '2026-04-30T07:00:00Z') }
          : f,
    );
    return buildEduInput({ features });
  };

  it('claims no part of the gap for a feature due after the target month; one due within it shares it', () => {
    const plan = planBatch(input(), { maxTasks: 20 });
    const later = plan.tasks.find((t) => t.key === 'feature:10');
    const within = plan.tasks.find((t) => t.key === 'feature:9');
    expect(later?.revenueImpact).toBe(0);
    expect(later?.reasoning).toContain(
      "Scheduled for milestone 'Due 2026-06', due 2026-06-01, after the 2026-04 revenue target: no part of its gap",
    );
    expect(within?.reasoning.find((l) => l.startsWith('Revenue '))).toMatch(/: 1 of 5 open items sharing/);
    // The five features that can land by the target share the whole gap.
    const shares = plan.tasks.filter((t) => t.projectId === 1 && t.key.startsWith('feature:'));
    const sum = shares.reduce((n, t) => n + t.revenueImpact, 0);
    expect(sum).toBeCloseTo(plan.state?.revenue.gap ?? Number.NaN, 0);
  });
});
