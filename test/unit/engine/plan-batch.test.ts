import { describe, expect, it } from 'vitest';
import type { Playbook } from '../../../src/domain/playbook.js';
import { SIGNAL_KINDS } from '../../../src/domain/playbook.js';
import { DEFAULT_PLAYBOOKS } from '../../../src/engine/default-playbooks.js';
import { planBatch } from '../../../src/engine/plan-batch.js';
import type { BatchPlan } from '../../../src/engine/types.js';
import { buildEduInput, makeBug, makeRevenue, makeTask } from '../../fixtures/edu.js';

function keys(plan: BatchPlan): string[] {
  return plan.tasks.map((t) => t.key);
}

/** Every in-batch prerequisite of a returned task is returned too, and earlier. */
function prerequisitesFirst(plan: BatchPlan): boolean {
  const order = keys(plan);
  return plan.tasks.every((task, i) =>
    task.dependsOn.every((dep) => !dep.includes('@') || (order.includes(dep) && order.indexOf(dep) < i)),
  );
}

describe('planBatch', () => {
  it('plans the EDU example: payments first, a summary like the seed', () => {
    const plan = planBatch(buildEduInput(), { maxTasks: 10 });
    expect(plan.generated).toBe(6);
    expect(plan.unique).toBe(6);
    expect(plan.skipped).toEqual([]);
    expect(plan.cycles).toEqual([]);
    expect(keys(plan)).toEqual([
      'pay.pricing@1',
      'pay.stripe@1',
      'pay.admin@1',
      'growth.experiment@1',
      'focus.automation@2#automation',
      'focus.self_healing@2#self_healing',
    ]);
    expect(plan.tasks.map((t) => t.priority)).toEqual([10, 9, 8, 7, 4, 3]);
    expect(plan.revenueImpact).toBe(625.14);
    expect(plan.state?.revenue.gap).toBe(694.6);
  });

  it('proposes no revenue tasks once the revenue goal is met', () => {
    const input = buildEduInput();
    input.revenue = [makeRevenue({ id: 1, projectId: 1, month: '2025-12', actual: 1100 })];
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.tasks.some((t) => t.signal === 'revenue_gap')).toBe(false);
    expect(plan.tasks.some((t) => t.category === 'revenue')).toBe(false);
    // payment_integration is no longer covered by revenue tasks, so it is now a neglected focus area
    expect(keys(plan)).toContain('focus.plan@1#payment_integration');
  });

  it('lets category weights change the order', () => {
    const input = buildEduInput();
    expect(keys(planBatch(input, { maxTasks: 1 }))).toEqual(['pay.pricing@1']);
    expect(keys(planBatch(input, { maxTasks: 1, categoryWeights: { growth: 4 } }))).toEqual([
      'growth.experiment@1',
    ]);
  });

  it('puts a critical bug fix at the top', () => {
    const input = buildEduInput({ bugs: [makeBug({ id: 4, projectId: 1, title: 'Checkout crashes' })] });
    const [first] = planBatch(input, { maxTasks: 3 }).tasks;
    expect(first?.title).toBe('Fix critical bug in Basic EDU Apps: Checkout crashes');
    expect(first?.reasoning[0]).toMatch(/^Critical bug #4 'Checkout crashes' is open in Basic EDU Apps/);
  });

  it('skips a candidate that duplicates an open task and points its dependents at that task', () => {
    const input = buildEduInput({
      openTasks: [
        makeTask({
          id: 42,
          ref: 'T-42',
          title: 'Implement the Stripe checkout for Basic EDU Apps subscriptions',
          projectId: 1,
          playbookKey: null,
        }),
      ],
    });
    const plan = planBatch(input, { maxTasks: 10 });
    expect(plan.generated).toBe(6);
    expect(plan.unique).toBe(5);
    expect(plan.skipped).toEqual([
      {
        title: 'Implement Stripe checkout for Basic EDU Apps subscription tiers',
        duplicateOf: 'T-42',
        similarity: 0.88,
      },
    ]);
    expect(plan.tasks.find((t) => t.key === 'pay.admin@1')?.dependsOn).toEqual(['T-42']);
  });

  it('orders a prerequisite before its dependent and lets it inherit the higher priority', () => {
    const input = buildEduInput();
    // Make the admin dashboard cheap: it now outscores Stripe, which it depends on.
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.admin' ? { ...p, effortHours: 1 } : p));
    const plan = planBatch(input, { maxTasks: 10 });
    expect(keys(plan).slice(0, 2)).toEqual(['pay.stripe@1', 'pay.admin@1']);
    const [stripe, admin] = plan.tasks;
    expect(stripe?.score).toBe(admin?.score);
    expect(stripe?.reasoning.at(-1)).toBe(
      `Prerequisite of 'Build a subscription admin dashboard for Basic EDU Apps': inherits priority 10 (score ${admin?.score.toFixed(1)})`,
    );
  });

  it('never cuts a prerequisite while keeping its dependent', () => {
    const input = buildEduInput();
    input.playbooks = input.playbooks.map((p) => (p.key === 'pay.admin' ? { ...p, effortHours: 1 } : p));
    for (let maxTasks = 0; maxTasks <= 7; maxTasks += 1) {
      const plan = planBatch(input, { maxTasks });
      expect(plan.tasks).toHaveLength(Math.min(maxTasks, 6));
      expect(prerequisitesFirst(plan)).toBe(true);
      expect(plan.unique).toBe(6);
    }
    expect(keys(planBatch(input, { maxTasks: 1 }))).toEqual(['pay.stripe@1']);
  });

  it('reports a dependency cycle and keeps its tasks', () => {
    const input = buildEduInput();
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
    expect(plan.tasks).toHaveLength(6);
    expect(keys(plan).slice(-2)).toEqual(['pay.stripe@1', 'pay.admin@1']);
  });

  it('sums the revenue impact of the returned tasks only', () => {
    const plan = planBatch(buildEduInput(), { maxTasks: 2 });
    expect(plan.revenueImpact).toBe(173.65 + 277.84);
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

  it('plans workspace-wide work when there are targets but no projects', () => {
    const input = buildEduInput({ projects: [], features: [], revenue: [] });
    const plan = planBatch(input, { maxTasks: 5 });
    expect(keys(plan)).toEqual([
      'focus.plan@-#payment_integration',
      'growth.experiment@-',
      'focus.automation@-#automation',
      'focus.self_healing@-#self_healing',
    ]);
    expect(plan.tasks[1]?.title).toBe(
      'Run a user-acquisition experiment to add $999/month of revenue by 2026-04',
    );
    expect(plan.tasks.every((t) => t.projectId === null)).toBe(true);
  });
});

describe('DEFAULT_PLAYBOOKS', () => {
  it('have unique, well-formed keys and react to every signal kind', () => {
    const keysOf = DEFAULT_PLAYBOOKS.map((p) => p.key);
    expect(new Set(keysOf).size).toBe(keysOf.length);
    expect(keysOf.every((k) => /^[a-z][a-z0-9_.-]*$/.test(k))).toBe(true);
    expect(new Set(DEFAULT_PLAYBOOKS.map((p) => p.signal))).toEqual(new Set(SIGNAL_KINDS));
    for (const p of DEFAULT_PLAYBOOKS) for (const dep of p.dependsOn) expect(keysOf).toContain(dep);
  });
});
