import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { fillBusyWorkspace, openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const summaryOf = (t: Task) => ({
  ref: t.ref,
  priority: t.priority,
  status: t.status,
  title: t.title,
  assignee: t.assignee,
  revenueImpact: t.revenueImpact,
  goalValue: t.goalValue,
  projectName: t.projectName,
});

describe('task summaries (what chat lists)', () => {
  it('are the tasks a listing gives, in its order, for every filter and limit', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    const { app } = opened;
    // Open work of every kind beside the busy history: a saved batch, some of it approved, started.
    const batch = app.engine.generate(ctx, { maxTasks: 30 });
    const refs = batch.tasks.map((t) => t.ref ?? '');
    for (const ref of refs.slice(0, 6)) app.decisions.decide(ctx, { ref, action: 'approve' });
    for (const ref of refs.slice(0, 2)) app.decisions.decide(ctx, { ref, action: 'start' });
    const filters = [
      {},
      { status: ['open'] },
      { status: ['proposed'] },
      { status: ['approved', 'in_progress'] },
      { status: ['done', 'failed', 'rejected'] },
      { status: ['all', 'done'] },
    ];
    let compared = 0;
    for (const filter of filters) {
      for (const limit of [1, 7, 50, undefined]) {
        const input = limit === undefined ? filter : { ...filter, limit };
        const full = app.tasks.list(ctx, input);
        expect(app.tasks.summaries(ctx, input)).toEqual(full.map(summaryOf));
        compared += full.length;
      }
    }
    opened.close();
    expect(compared).toBeGreaterThan(300);
  });

  it('refuse what a listing refuses', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    expect(() => opened.app.tasks.summaries(ctx, { status: ['nonsense'] })).toThrow(/status/);
    expect(() => opened.app.tasks.summaries(ctx, { limit: 0 })).toThrow(/limit/);
    opened.close();
  });
});
