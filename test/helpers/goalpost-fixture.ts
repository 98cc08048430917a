import { join } from 'node:path';
import { type Clock, fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { declaredCtx } from './ctx.js';

/** The time the fixtures live at (the same as the CLI tests'). */
export const FIXTURE_NOW = '2026-11-21T09:00:00Z';

/** The operator setting things up, as the CLI would (it acts as admin). */
export const OPERATOR = declaredCtx({
  workspaceId: 'default',
  actor: 'cli:operator',
  source: 'cli',
  role: 'admin',
});

/** A clock the test moves by hand. */
export function manualClock(iso = FIXTURE_NOW): Clock & { advance(ms: number): void } {
  let at = new Date(iso).getTime();
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * A real database file in `dir` with the quick start loaded (the EDU demo, a critical bug in its
 * revenue-bearing Basic EDU Apps, October's revenue), so `generate` proposes tasks.
 */
export function openQuickStart(
  dir: string,
  clock: Clock = fixedClock(FIXTURE_NOW),
  options: { allowPrivateWebhooks?: boolean } = {},
): OpenedGoalpost & { dbPath: string } {
  const dbPath = join(dir, 'goalpost.db');
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger, ...options });
  const { app } = opened;
  app.context(OPERATOR);
  app.demo.load(OPERATOR);
  app.projects.addBug(OPERATOR, 'Basic EDU Apps', {
    title: 'Checkout crashes on Safari',
    severity: 'critical',
  });
  app.revenue.add(OPERATOR, {
    project: 'Basic EDU Apps',
    from: '2026-10-01',
    to: '2026-10-31',
    actual: 420,
    subscriptions: 14,
  });
  // Room for the largest batch (50): the tests on this start are about what a batch holds, not how
  // much room the team has (a batch proposes no more new tasks than its free slots).
  app.assignees.add(OPERATOR, { name: 'dev_worker1', kind: 'worker', capacity: 50 });
  return { ...opened, dbPath };
}
