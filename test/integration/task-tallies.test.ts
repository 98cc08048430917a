import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/task.js';
import { noDislike } from '../../src/engine/reason-dates.js';
import { fillBusyWorkspace, openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('playbook and category adjustments (what a report and each digest judge)', () => {
  it('count every task of the workspace, in every status, as reading each task would', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    const { app, store } = opened;
    // Beside the busy history: a saved batch, decided every way a team decides.
    const refs = app.engine.generate(ctx, { maxTasks: 30 }).tasks.map((t) => t.ref ?? '');
    expect(refs.length).toBeGreaterThan(12);
    for (const ref of refs.slice(0, 9)) app.decisions.decide(ctx, { ref, action: 'approve' });
    for (const ref of refs.slice(0, 3))
      app.decisions.decide(ctx, { ref, action: 'done', assignee: 'worker1' });
    for (const ref of refs.slice(3, 5))
      app.decisions.decide(ctx, { ref, action: 'fail', assignee: 'worker1', note: 'blocked' });
    for (const ref of refs.slice(9, 12))
      app.decisions.decide(ctx, { ref, action: 'reject', note: 'not now' });

    // What the store counts, against every task read whole and counted here.
    const all = store.tasks.list(ctx.workspaceId, { limit: 1_000_000 });
    const groups = new Map<string, Task[]>();
    for (const t of all) {
      const keys = t.playbookKey
        ? [`playbook:${t.playbookKey}`, `category:${t.category}`]
        : [`category:${t.category}`];
      for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    const count = (tasks: readonly Task[], status: Task['status']) =>
      tasks.filter((t) => t.status === status).length;
    // A rejection counts as one of the work's kind unless its reason calls it a duplicate or names a
    // time (see noDislike), and each piece of work once.
    const reasonOf = opened.db.prepare<[number], { note: string | null }>(
      "SELECT note FROM task_events WHERE task_id = ? AND to_status = 'rejected' ORDER BY id DESC LIMIT 1",
    );
    const disliked = (tasks: readonly Task[]) =>
      new Set(
        tasks
          .filter((t) => t.status === 'rejected')
          .filter((t) => !noDislike(reasonOf.get(t.id)?.note ?? null, Date.parse(t.updatedAt)))
          .map((t) => t.memoryKey ?? `task:${t.id}`),
      ).size;
    const expected = [...groups].map(([key, tasks]) => ({
      key,
      done: count(tasks, 'done'),
      failed: count(tasks, 'failed'),
      rejected: disliked(tasks),
    }));
    const judged = app.report.suggest(ctx).adjustments.map((a) => ({
      key: `${a.scope}:${a.key}`,
      done: a.done,
      failed: a.failed,
      rejected: a.rejected,
    }));

    const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    expect(judged.sort(byKey)).toEqual(expected.sort(byKey));
    // Playbooks and categories alike, with every kind of decision among them.
    expect(judged.some((g) => g.key.startsWith('playbook:'))).toBe(true);
    expect(judged.reduce((n, g) => n + (g.key.startsWith('category:') ? g.rejected : 0), 0)).toBeGreaterThan(
      0,
    );
    opened.close();
  });
});
