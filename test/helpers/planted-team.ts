import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openGoalpost, silentLogger, type TaskAction } from '../../src/index.js';
import { declaredCtx } from './ctx.js';
import { manualClock } from './goalpost-fixture.js';

/** The operator, deciding from the command line. */
export const OPS = declaredCtx({ workspaceId: 'default', actor: 'cli:ops', source: 'cli', role: 'admin' });
/** The worker agent `bot1`, as `goalpost worker` acts. */
export const WORKER = declaredCtx({ workspaceId: 'default', actor: 'worker:bot1', source: 'worker' });

/**
 * Registers the cleanup hook and returns `open`: a real database file in a fresh folder with the
 * worker agents bot1 and bot2 (and no tasks: plant them with `plantTasks`), a clock the test moves,
 * and `step` / `show` to decide and read tasks as the operator.
 */
export function usePlantedTeam(tempDir: () => string) {
  const closers: Array<() => void> = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });
  return function open() {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const dbPath = join(tempDir(), 'g.db');
    const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
    closers.push(() => opened.close());
    opened.app.context(OPS);
    opened.app.assignees.add(OPS, { name: 'bot1', kind: 'worker', capacity: 3 });
    opened.app.assignees.add(OPS, { name: 'bot2', kind: 'worker', capacity: 3 });
    const step = (ref: string, action: TaskAction, note?: string) =>
      opened.app.decisions.decide(OPS, { ref, action, ...(note ? { note } : {}) });
    const show = (ref: string) => opened.app.tasks.show(OPS, ref);
    return { ...opened, dbPath, clock, step, show, lastEvent: (ref: string) => show(ref).events.at(-1) };
  };
}
