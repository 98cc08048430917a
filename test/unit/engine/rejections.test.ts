import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/engine/plan-batch.js';
import { latestRejections, rejectionFactor } from '../../../src/engine/rejections.js';
import { summariseHistory } from '../../../src/engine/task-history.js';
import { buildEduInput, daysBefore, EDU_NOW, makeTask } from '../../fixtures/edu.js';

const decided = (
  id: number,
  status: 'rejected' | 'done' | 'approved',
  daysAgo: number,
  category: 'revenue' | 'feature' = 'revenue',
) => makeTask({ id, title: `t${id}`, category, status, updatedAt: daysBefore(EDU_NOW, daysAgo) });

/** A task made from a feature of the fixture's project `projectId` (1: Basic EDU Apps), decided. */
const onItem = (id: number, status: 'rejected' | 'done', daysAgo: number, projectId = 1) =>
  makeTask({
    id,
    title: `t${id}`,
    category: 'feature',
    status,
    projectId,
    memoryKey: `feature:${100 + id}`,
    updatedAt: daysBefore(EDU_NOW, daysAgo),
  });

describe('rejections teach', () => {
  it('counts only the latest five decisions of a category, newest first', () => {
    const tasks = [
      decided(1, 'done', 10),
      decided(2, 'rejected', 5),
      decided(3, 'rejected', 4),
      decided(4, 'rejected', 3),
      decided(5, 'rejected', 2),
      decided(6, 'approved', 1),
      makeTask({ id: 7, title: 'never decided', category: 'revenue', status: 'proposed' }),
    ];
    expect(latestRejections(tasks).byCategory.get('revenue')).toEqual({ rejected: 4, decided: 5 });
  });

  it('leaves a score alone below two rejections and halves the rejected share above', () => {
    expect(rejectionFactor(undefined)).toBe(1);
    expect(rejectionFactor({ rejected: 1, decided: 5 })).toBe(1);
    expect(rejectionFactor({ rejected: 4, decided: 5 })).toBe(0.6);
    expect(rejectionFactor({ rejected: 5, decided: 5 })).toBe(0.5);
  });

  it('scores a category the team keeps rejecting down, and says so', () => {
    const plain = planBatch(buildEduInput(), { maxTasks: 10 });
    const input = buildEduInput();
    input.history = summariseHistory(
      [1, 2, 3, 4].map((id) => onItem(id, 'rejected', id)),
      input.now,
    );
    const damped = planBatch(input, { maxTasks: 10 });
    const feature = (p: typeof plain) => p.tasks.find((t) => t.key === 'feature:5');
    expect(feature(damped)?.confidence).toBe(feature(plain)?.confidence); // rejections are not failures
    expect(feature(damped)?.score).toBeCloseTo((feature(plain)?.score ?? 0) * 0.5, 1);
    expect(feature(damped)?.reasoning).toContain(
      "Rejections: 4 of the last 4 feature tasks on Basic EDU Apps' backlog were rejected → score ×0.50",
    );
  });

  // A review's lead rejected two cosmetic features of one product, and the next morning another
  // product's checkout scored ×0.67 for "2 of the last 3 feature tasks were rejected".
  it("damps a project's items by the decisions on its own items, not another project's", () => {
    const plain = planBatch(buildEduInput(), { maxTasks: 20 });
    const input = buildEduInput();
    // Project 2's features turned down four times, and no other feature work decided.
    input.history = summariseHistory(
      [1, 2, 3, 4].map((id) => onItem(id, 'rejected', id, 2)),
      input.now,
    );
    const damped = planBatch(input, { maxTasks: 20 });
    const task = (p: typeof plain, key: string) => p.tasks.find((t) => t.key === key);
    expect(task(damped, 'feature:5')?.score).toBe(task(plain, 'feature:5')?.score);
    expect(task(damped, 'feature:5')?.reasoning.join('\n')).not.toMatch(/rejection/i);
    // Project 2's own features are damped, and say whose backlog was turned down.
    const other = damped.tasks.find((t) => t.projectId === 2 && t.key.startsWith('feature:'));
    expect(other?.reasoning).toContain(
      "Rejections: 4 of the last 4 feature tasks on Ops Monitor's backlog were rejected → score ×0.50",
    );
  });

  it('leaves the work the team committed to (under way, ranked critical or high) undamped, and silent', () => {
    const withCommitments = () => {
      const input = buildEduInput();
      input.features = input.features.map((f) =>
        f.id === 6
          ? { ...f, status: 'in_progress' as const }
          : f.id === 7
            ? { ...f, priority: 'high' as const }
            : f.id === 8
              ? { ...f, priority: 'critical' as const }
              : f.id === 9
                ? { ...f, priority: 'medium' as const }
                : f.id === 10
                  ? { ...f, upkeep: true, status: 'in_progress' as const }
                  : f,
      );
      return input;
    };
    const plain = planBatch(withCommitments(), { maxTasks: 20 });
    const input = withCommitments();
    // Upkeep is scored as infrastructure: the team keeps rejecting that too.
    input.history = summariseHistory(
      [
        ...[1, 2, 3, 4].map((id) => onItem(id, 'rejected', id)),
        ...[11, 12].map((id) =>
          makeTask({
            id,
            title: `t${id}`,
            category: 'infrastructure',
            status: 'rejected',
            projectId: 1,
            memoryKey: `feature:${100 + id}`,
            updatedAt: daysBefore(EDU_NOW, 1),
          }),
        ),
      ],
      input.now,
    );
    const damped = planBatch(input, { maxTasks: 20 });
    const feature = (p: typeof plain, id: number) => {
      const task = p.tasks.find((t) => t.key === `feature:${id}`);
      if (task === undefined) throw new Error(`feature:${id} not planned`);
      return task;
    };
    for (const id of [6, 7, 8, 10]) {
      expect(feature(damped, id).score, `feature ${id}`).toBe(feature(plain, id).score);
      expect(feature(damped, id).reasoning.join('\n'), `feature ${id}`).not.toMatch(/rejection/i);
    }
    // Medium priority is no ranking up: the plan's pick, as one with none.
    for (const id of [5, 9]) {
      expect(feature(damped, id).score, `feature ${id}`).toBeCloseTo(feature(plain, id).score * 0.5, 1);
      expect(feature(damped, id).reasoning).toContain(
        "Rejections: 4 of the last 4 feature tasks on Basic EDU Apps' backlog were rejected → score ×0.50",
      );
    }
  });
});
