import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUG_SEVERITIES, BUG_STATUSES, FEATURE_STATUSES } from '../../../src/domain/project.js';
import { bugStatsOf, featureStatsOf } from '../../../src/engine/analyse-state.js';
import { openGoalpost, silentLogger } from '../../../src/index.js';
import { createRng } from '../../../src/learning/random.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:t', source: 'cli', role: 'admin' });

describe('backlog counts in SQL', () => {
  it('equal the counts of every feature and bug, and the open ones are exactly those not done', () => {
    const rng = createRng('features');
    let minute = 0;
    const clock = { now: () => new Date(Date.parse('2026-11-01T00:00:00Z') + minute * 60_000) };
    const opened = openGoalpost({ dbPath: join(tempDir(), 'g.db'), clock, logger: silentLogger });
    opened.app.context(ctx);
    const { app, store } = opened;
    app.vision.update(ctx, { statement: 'Ship' });
    for (let p = 0; p < 12; p++) {
      app.projects.add(ctx, { name: `P${p}` });
      const n = Math.floor(rng.next() * 6);
      for (let f = 0; f < n; f++) {
        minute += 1 + Math.floor(rng.next() * 90);
        const status = FEATURE_STATUSES[Math.floor(rng.next() * FEATURE_STATUSES.length)] ?? 'planned';
        app.projects.addFeature(ctx, `P${p}`, { title: `F${p}.${f}`, status });
      }
      for (let b = Math.floor(rng.next() * 6); b > 0; b--) {
        minute += 1 + Math.floor(rng.next() * 90);
        const severity = BUG_SEVERITIES[Math.floor(rng.next() * BUG_SEVERITIES.length)] ?? 'high';
        const bug = app.projects.addBug(ctx, `P${p}`, { title: `B${p}.${b}`, severity });
        const status = BUG_STATUSES[Math.floor(rng.next() * BUG_STATUSES.length)] ?? 'open';
        if (status !== 'open') app.projects.setBugStatus(ctx, bug.id, status);
      }
    }
    const all = store.projects.features('default');
    expect(all.length).toBeGreaterThan(10);
    expect(store.backlog.featureStats('default')).toEqual(featureStatsOf(all));
    const open = store.backlog.openFeatures('default').sort((a, b) => a.id - b.id);
    expect(open).toEqual(all.filter((f) => f.status !== 'done').map(({ createdAt: _, ...f }) => f));
    const bugs = store.projects.bugs('default');
    expect(bugs.filter((b) => b.status === 'open').length).toBeGreaterThan(3);
    expect(bugs.some((b) => b.status === 'open' && b.severity === 'critical')).toBe(true);
    expect(store.backlog.bugStats('default')).toEqual(bugStatsOf(bugs));
    expect(store.backlog.openBugs('default').sort((a, b) => a.id - b.id)).toEqual(
      bugs.filter((b) => b.status === 'open'),
    );
    // A range of projects reads theirs alone.
    const [from, to] = [all[2]?.projectId ?? 0, all[8]?.projectId ?? 0];
    const inRange = (i: { projectId: number }) => i.projectId >= from && i.projectId <= to;
    expect(store.backlog.openFeatures('default', { from, to }).sort((a, b) => a.id - b.id)).toEqual(
      open.filter(inRange),
    );
    expect(store.backlog.openBugs('default', { from, to }).sort((a, b) => a.id - b.id)).toEqual(
      bugs.filter((b) => b.status === 'open' && inRange(b)),
    );
    opened.close();
  });
});
