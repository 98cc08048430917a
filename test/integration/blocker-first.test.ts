import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

// The demo's batch is proposed, its best feature at P10, then a critical bug is found and proposed
// the next hour: both read P10 when the feature kept its place. A critical bug blocks its product
// and goes first, alone at the top, so the feature moves a step down, and every list of open work,
// and a worker agent's next claim, puts the bug before it, not after it by ref.
const tempDir = useTempDir();
const opened: OpenedGoalpost[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const LEAD = { workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' } as const;
const CRASH = 'Checkout crashes on Safari';

function open(now: string, dbPath: string) {
  const o = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger });
  opened.push(o);
  return { app: o.app, ctx: o.app.context(LEAD) };
}

function tie() {
  const dbPath = join(tempDir(), 'g.db');
  const first = open('2026-11-23T09:00:00Z', dbPath);
  first.app.demo.load(first.ctx);
  const batch = first.app.engine.generate(first.ctx, { maxTasks: 3 });
  first.app.projects.addBug(first.ctx, 'Basic EDU Apps', { title: CRASH, severity: 'critical' });
  const later = open('2026-11-23T10:00:00Z', dbPath);
  const [bug] = later.app.engine.generate(later.ctx, { maxTasks: 1 }).tasks;
  const [top] = batch.tasks;
  if (!bug?.ref || !top?.ref) throw new Error('no tasks');
  expect(bug.title).toContain(CRASH);
  // The case this is about: the feature proposed first, at P10, and put a step below the bug.
  expect(top.priority).toBe(10);
  expect(bug.priority).toBe(10);
  expect(later.app.tasks.show(later.ctx, top.ref).task.priority).toBe(9);
  return { ...later, bug: bug.ref, feature: top.ref };
}

describe('a critical bug proposed after work at P10', () => {
  it('is listed first', () => {
    const { app, ctx, bug, feature } = tie();
    const refs = app.tasks.list(ctx, {}).map((t) => t.ref as string);
    expect(refs.indexOf(bug)).toBeLessThan(refs.indexOf(feature));
    const open = app.tasks.list(ctx, { status: ['proposed'] }).map((t) => t.ref as string);
    expect(open.indexOf(bug)).toBeLessThan(open.indexOf(feature));
  });

  it('is what a worker claims first', () => {
    const { app, ctx, bug, feature } = tie();
    app.assignees.add(ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
    for (const ref of [feature, bug]) app.decisions.decide(ctx, { ref, action: 'approve' });
    expect(app.queue.claim(ctx, 'bot1').task?.ref).toBe(bug);
  });
});
