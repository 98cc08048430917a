import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../../src/index.js';
import { SELECT_TASK } from '../../../src/store/task-rows.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = '2026-11-21T09:00:00.000Z';

describe('a task as the store reads it back', () => {
  it('has every field where it was written, with its project, prerequisites and backlog item', () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'rows.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    const { app, store } = opened;
    const ctx = app.context({ workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' });
    app.projects.add(ctx, { name: 'Shop', revenueBearing: true });
    const feature = app.projects.addFeature(ctx, 'Shop', { title: 'Gift cards' });
    const project = app.projects.list(ctx).find((p) => p.name === 'Shop');
    const [first, second] = store.transaction(() =>
      [1, 2].map((seq) =>
        store.tasks.insert(
          {
            workspaceId: 'default',
            batchId: null,
            title: `Ship gift cards ${seq}`,
            category: 'growth',
            projectId: project?.id ?? null,
            playbookKey: 'pb.gift',
            signal: 'focus_gap',
            subject: 'apps',
            goalId: null,
            item: seq === 2 ? { kind: 'feature', id: feature.id } : null,
            memoryKey: `feature:${feature.id}:${seq}`,
            facts: { stakeUsd: 420 + seq, itemStatus: 'planned' },
            focusArea: 'apps',
            priority: 7 + seq,
            revenueImpact: 120.5,
            goalValue: 12.25,
            alignment: 0.25,
            confidence: 0.75,
            effortHours: 3,
            score: 44.5,
            reasoning: ['first reason', 'second reason'],
            assignee: 'ana',
            fingerprint: `gift-${seq}`,
          },
          seq,
          NOW,
        ),
      ),
    );
    store.transaction(() => store.tasks.addDependency(second as number, first as number));

    const task = store.tasks.findByRef('default', 'T-2');
    expect(task).toEqual({
      id: second,
      workspaceId: 'default',
      ref: 'T-2',
      batchId: null,
      title: 'Ship gift cards 2',
      category: 'growth',
      projectId: project?.id,
      projectName: 'Shop',
      playbookKey: 'pb.gift',
      signal: 'focus_gap',
      subject: 'apps',
      goalId: null,
      item: { kind: 'feature', id: feature.id },
      memoryKey: `feature:${feature.id}:2`,
      facts: { stakeUsd: 422, itemStatus: 'planned' },
      focusArea: 'apps',
      priority: 9,
      revenueImpact: 120.5,
      goalValue: 12.25,
      alignment: 0.25,
      confidence: 0.75,
      effortHours: 3,
      score: 44.5,
      reasoning: ['first reason', 'second reason'],
      dependsOn: ['T-1'],
      assignee: 'ana',
      status: 'proposed',
      claimedBy: null,
      leaseExpiresAt: null,
      attempts: 0,
      fingerprint: 'gift-2',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(store.tasks.findById(second as number)).toEqual(task);
    expect(store.tasks.list('default').map((t) => [t.ref, t.dependsOn, t.item?.kind ?? null])).toEqual([
      ['T-2', ['T-1'], 'feature'],
      ['T-1', [], null],
    ]);
    opened.close();
  });

  it('reads every column of the tasks table, so a column a migration adds is not silently dropped', () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'cols.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    const columns = opened.db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('tasks')")
      .all()
      .map((c) => c.name);
    // suggested_assignee is written with the task and shown by its reasoning, never read back.
    const unread = columns.filter(
      (c) => c !== 'suggested_assignee' && !new RegExp(`\\bt\\.${c}\\b`).test(SELECT_TASK),
    );
    expect(unread).toEqual([]);
    opened.close();
  });
});
