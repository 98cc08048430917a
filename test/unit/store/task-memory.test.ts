import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../../src/index.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' });

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
    const memory = first.store.history.memory('default', { keys, rejectedSince: '2026-08-01T00:00:00Z' });
    const later = first.store.history.memory('default', { keys, rejectedSince: '2026-10-01T00:00:00Z' });
    // Only the work asked about is looked up.
    const none = first.store.history.memory('default', {
      keys: ['feature:999'],
      rejectedSince: '2026-08-01T00:00:00Z',
    });
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
});
