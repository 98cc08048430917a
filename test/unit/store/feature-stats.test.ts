import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_STATUSES } from '../../../src/domain/project.js';
import { featureStatsOf } from '../../../src/engine/analyse-state.js';
import { openGoalpost, silentLogger } from '../../../src/index.js';
import { createRng } from '../../../src/learning/random.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:t', source: 'cli', role: 'admin' });

describe('feature counts in SQL', () => {
  it('equal the counts of every feature, and the open ones are exactly those not done', () => {
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
    }
    const all = store.projects.features('default');
    expect(all.length).toBeGreaterThan(10);
    expect(store.projects.featureStats('default')).toEqual(featureStatsOf(all));
    const open = store.projects.openFeatures('default').sort((a, b) => a.id - b.id);
    expect(open).toEqual(all.filter((f) => f.status !== 'done').map(({ createdAt: _, ...f }) => f));
    opened.close();
  });
});
