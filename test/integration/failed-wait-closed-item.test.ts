import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

// A reason's "until T-1 ships" waits on while T-1 failed with its work still to do. Its work done
// by hand (`feature set 4 done`) or dropped, nothing is left to ship: the wait is over, as `retry`
// says of such a task ("nothing left to retry"), not held as long as memory keeps the rejection.
const tempDir = useTempDir();
const opened: OpenedGoalpost[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const LEAD = { workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' } as const;
const PRICING = "Build 'Pricing page with monthly and annual plans' for Basic EDU Apps";

function open(now: string, dbPath: string) {
  const o = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger });
  opened.push(o);
  return { ...o, ctx: o.app.context(LEAD) };
}

/** The demo's first task failed, its second rejected "not until <first> ships": the refs and db. */
function waitingOnFailed() {
  const dbPath = join(tempDir(), 'g.db');
  const g = open('2026-12-01T09:00:00Z', dbPath);
  g.app.demo.load(g.ctx);
  const [first, second] = g.app.engine.generate(g.ctx, { maxTasks: 5 }).tasks;
  const failed = first?.ref as string;
  const pricing = second?.ref as string;
  expect(second?.title).toBe(PRICING);
  g.app.decisions.decide(g.ctx, { ref: failed, action: 'approve' });
  g.app.decisions.decide(g.ctx, { ref: failed, action: 'fail', note: 'Stripe account not verified' });
  const said = g.app.decisions.decide(g.ctx, {
    ref: pricing,
    action: 'reject',
    note: `not until ${failed} ships`,
  });
  expect(said.held?.waitsOnFailed).toBe(true);
  const feature = g.app.tasks.show(g.ctx, failed).task.item?.id as number;
  return { g, dbPath, failed, pricing, feature };
}

describe("a wait on a failed task's work", () => {
  it('is over once that work is done by hand', () => {
    const { g, dbPath, feature } = waitingOnFailed();
    g.app.items.setFeatureStatus(g.ctx, feature, 'done');
    const plan = open('2026-12-05T09:00:00Z', dbPath).app.engine.generate(g.ctx, {
      dryRun: true,
      maxTasks: 5,
    });
    expect(plan.skipped.find((s) => s.title === PRICING)?.note).toBeUndefined();
    expect(plan.tasks.map((t) => t.title)).toContain(PRICING);
  });

  it('is over once that work is dropped from the backlog', () => {
    const { g, dbPath, feature } = waitingOnFailed();
    g.app.items.dropFeature(g.ctx, feature, 'Stripe is out');
    const plan = open('2026-12-05T09:00:00Z', dbPath).app.engine.generate(g.ctx, {
      dryRun: true,
      maxTasks: 5,
    });
    expect(plan.skipped.find((s) => s.title === PRICING)?.note).toBeUndefined();
    expect(plan.tasks.map((t) => t.title)).toContain(PRICING);
  });

  it('holds on while that work is still to do', () => {
    const { dbPath, failed } = waitingOnFailed();
    const later = open('2026-12-05T09:00:00Z', dbPath);
    const plan = later.app.engine.generate(later.ctx, { dryRun: true, maxTasks: 5 });
    expect(plan.skipped.find((s) => s.title === PRICING)?.note).toContain(
      `not until the work of ${failed}, which failed, is done`,
    );
  });
});
