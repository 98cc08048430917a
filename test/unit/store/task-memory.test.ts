import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../../src/index.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' });

/** What memory recalls of these pieces of work, rejections since `rejectedSince`, failures since `failedSince`. */
const recall = (
  opened: ReturnType<typeof openGoalpost>,
  keys: string[],
  rejectedSince: string,
  failedSince = rejectedSince,
) => opened.store.history.memory('default', { keys, rejectedSince, failedSince, rejectionsWithinDays: 240 });

/** A team with three planned features, proposed as T-1..T-3 on `at`. */
function team(dbPath: string, at: string) {
  const opened = openGoalpost({ dbPath, clock: fixedClock(at), logger: silentLogger });
  opened.app.context(ctx);
  const { app } = opened;
  app.vision.update(ctx, {
    statement: 'Sell apps',
    focus_areas: ['apps'],
    revenue_targets: { '2027-03': 900 },
  });
  app.projects.add(ctx, { name: 'Shop', revenueBearing: true, focus: ['apps'] });
  for (const title of ['Search', 'Wishlist', 'Gift cards']) app.projects.addFeature(ctx, 'Shop', { title });
  app.engine.generate(ctx, { maxTasks: 3 });
  return opened;
}

describe('the memory of decided work in SQL', () => {
  it('remembers the latest done task of each piece of work, and recent rejections with their reason', () => {
    const dbPath = join(tempDir(), 'g.db');
    const first = team(dbPath, '2026-09-01T09:00:00Z');
    const proposed = first.app.tasks.list(ctx, { status: ['proposed'] });
    const ref = (title: string) => proposed.find((t) => t.title.includes(title))?.ref;
    first.app.decisions.decide(ctx, { ref: ref('Search'), action: 'approve' });
    first.app.decisions.decide(ctx, { ref: ref('Search'), action: 'done' });
    first.app.decisions.decide(ctx, { ref: ref('Wishlist'), action: 'reject', note: 'not this quarter' });
    first.app.decisions.decide(ctx, { ref: ref('Gift cards'), action: 'reject', note: 'legal first' });
    const features = new Map(first.app.projects.features(ctx).map((f) => [f.title, f.id]));
    const keys = [...features.values()].map((id) => `feature:${id}`);
    const memory = recall(first, keys, '2026-08-01T00:00:00Z');
    const later = recall(first, keys, '2026-10-01T00:00:00Z');
    // Only the work asked about is looked up.
    const none = recall(first, ['feature:999'], '2026-08-01T00:00:00Z');
    // The decided keys, read whole when there are no more decided tasks than asked (3 here).
    const decided = first.store.history.decidedKeys('default', 3);
    const tooMany = first.store.history.decidedKeys('default', 2);
    // Of a namespace (keys starting with a prefix), counted and read on their own.
    const decidedFeatures = first.store.history.decidedKeys('default', 3, 'feature:');
    const bugs = first.store.history.decidedKeys('default', 0, 'bug:');
    const featuresTooMany = first.store.history.decidedKeys('default', 2, 'feature:');
    const past = first.store.history.decidedKeys('default', 3, 'featurf');
    first.close();

    expect([...memory.done.keys()]).toEqual([`feature:${features.get('Search')}`]);
    expect(memory.done.get(`feature:${features.get('Search')}`)).toMatchObject({
      at: '2026-09-01T09:00:00.000Z',
    });
    expect(memory.rejected.get(`feature:${features.get('Wishlist')}`)).toMatchObject({
      reason: 'not this quarter',
      facts: { itemStatus: 'planned' },
    });
    expect(memory.rejected.get(`feature:${features.get('Gift cards')}`)?.reason).toBe('legal first');
    // Rejections older than the window are forgotten; done work never is.
    expect(later.rejected.size).toBe(0);
    expect(later.done.size).toBe(1);
    expect(none).toEqual({ done: new Map(), rejected: new Map(), failed: new Map() });
    expect(decided).toEqual(new Set(keys));
    expect(tooMany).toBeNull();
    expect(decidedFeatures).toEqual(new Set(keys));
    expect(bugs).toEqual(new Set());
    expect(featuresTooMany).toBeNull();
    expect(past).toEqual(new Set());
  });

  it('counts how often work was rejected and how often it failed, each in its own window', () => {
    const dbPath = join(tempDir(), 'g.db');
    const first = team(dbPath, '2026-09-01T09:00:00Z');
    const refOf = (app: typeof first.app, title: string) =>
      app.tasks.list(ctx, { status: ['proposed'] }).find((t) => t.title.includes(title))?.ref;
    first.app.decisions.decide(ctx, { ref: refOf(first.app, 'Wishlist'), action: 'reject', note: 'later' });
    const search1 = refOf(first.app, 'Search');
    first.app.decisions.decide(ctx, { ref: search1, action: 'approve' });
    first.app.decisions.decide(ctx, { ref: search1, action: 'fail', note: 'api down' });
    first.close();
    // Five weeks later both are proposed again; the wishlist is rejected again, search fails again.
    const second = openGoalpost({ dbPath, clock: fixedClock('2026-10-06T09:00:00Z'), logger: silentLogger });
    second.app.context(ctx);
    second.app.engine.generate(ctx, { maxTasks: 3 });
    second.app.decisions.decide(ctx, {
      ref: refOf(second.app, 'Wishlist'),
      action: 'reject',
      note: 'still later',
    });
    const search2 = refOf(second.app, 'Search');
    second.app.decisions.decide(ctx, { ref: search2, action: 'approve' });
    second.app.decisions.decide(ctx, { ref: search2, action: 'fail', note: 'api down again' });
    const ids = new Map(second.app.projects.features(ctx).map((f) => [f.title, f.id]));
    const [wishlist, search] = [`feature:${ids.get('Wishlist')}`, `feature:${ids.get('Search')}`];
    const keys = [wishlist, search];
    const both = recall(second, keys, '2026-08-01T00:00:00Z');
    // Rejections remembered further back than failures: the first failure no longer counts.
    const apart = recall(second, keys, '2026-08-01T00:00:00Z', '2026-09-15T00:00:00Z');
    second.close();

    expect(both.rejected.get(wishlist)).toMatchObject({ reason: 'still later', times: 2 });
    expect(both.failed?.get(search)).toMatchObject({ reason: 'api down again', times: 2 });
    expect(apart.rejected.get(wishlist)?.times).toBe(2);
    expect(apart.failed?.get(search)?.times).toBe(1);
  });
});
