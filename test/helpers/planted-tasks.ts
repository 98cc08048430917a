import type { Goalpost } from '../../src/index.js';
import type { Store } from '../../src/store/create-store.js';

/** A task to plant: its title, the earlier planted tasks it waits for, and how it is routed. */
export interface PlantedTask {
  title: string;
  /** Refs of tasks planted before it (`T-1`), its prerequisites. */
  after?: string[];
  priority?: number;
  assignee?: string | null;
  /** The project it is of (none unless given). */
  projectId?: number;
}

/**
 * Proposes tasks with prerequisites straight through the store, as `generate` persists a batch
 * (task, dependency edges, `created` event), so a test does not depend on what the engine
 * proposes. Returns their refs (`T-1`, `T-2`, … in a fresh workspace).
 */
export function plantTasks(
  opened: { app: Goalpost; store: Store },
  workspaceId: string,
  tasks: PlantedTask[],
  now = '2026-11-21T09:00:00.000Z',
): string[] {
  const { app, store } = opened;
  app.context({ workspaceId, actor: 'cli:test', source: 'cli' });
  return store.transaction(() =>
    tasks.map((t) => {
      const seq = store.tasks.nextSeq(workspaceId);
      const id = store.tasks.insert(
        {
          workspaceId,
          batchId: null,
          title: t.title,
          category: 'feature',
          projectId: t.projectId ?? null,
          playbookKey: null,
          signal: null,
          subject: null,
          goalId: null,
          item: null,
          memoryKey: null,
          facts: {},
          focusArea: null,
          priority: t.priority ?? 5,
          revenueImpact: 0,
          goalValue: 0,
          alignment: 0.5,
          confidence: 0.5,
          effortHours: 4,
          score: 1,
          reasoning: [`planted by a test: ${t.title}`],
          assignee: t.assignee ?? null,
          fingerprint: `planted:${workspaceId}:${seq}`,
        },
        seq,
        now,
      );
      for (const ref of t.after ?? []) {
        const prerequisite = store.tasks.findByRef(workspaceId, ref);
        if (!prerequisite) throw new Error(`plant ${ref} before ${t.title}`);
        store.tasks.addDependency(id, prerequisite.id);
      }
      store.events.append(
        {
          workspaceId,
          taskId: id,
          type: 'created',
          fromStatus: null,
          toStatus: 'proposed',
          actor: 'cli:test',
          source: 'cli',
          note: null,
        },
        now,
      );
      return `T-${seq}`;
    }),
  );
}
