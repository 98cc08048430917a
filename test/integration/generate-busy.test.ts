import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillBusyWorkspace, openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('planning a busy workspace', () => {
  // busy-batches.txt was written by the engine as it stood before planning read rollups, compact
  // rows and one-seek memory (commit 09921ed): making planning cheaper must not change a batch.
  it('proposes the same batches, cuts, skips and reasons as the engine before it was made leaner', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    const capped = opened.app.engine.generate(ctx, { dryRun: true });
    const wide = opened.app.engine.generate(ctx, { dryRun: true, maxTasks: 50 });
    opened.close();
    // The workspace exercises what changed: memory holds done, rejected and failed work, open
    // tasks duplicate backlog items, and the history window has finished work to count.
    const reasons = new Set(wide.skipped.map((s) => s.reason));
    expect([...reasons].sort()).toEqual(['done', 'duplicate', 'rejected']);
    expect(wide.tasks.some((t) => t.reasoning.some((line) => line.includes('and failed')))).toBe(true);
    expect(wide.tasks).toHaveLength(50);
    // The fixture lists every candidate the cap cut; a plan now counts them and lists the best 50.
    const before = JSON.parse(
      readFileSync(new URL('../fixtures/busy-batches.txt', import.meta.url), 'utf8'),
    ) as Record<'capped' | 'wide', { cutByCap: unknown[] }>;
    const now = (old: { cutByCap: unknown[] }) => ({
      ...old,
      cut: old.cutByCap.length,
      cutByCap: old.cutByCap.slice(0, 50),
    });
    expect(before.capped.cutByCap.length).toBeGreaterThan(50);
    expect(JSON.parse(JSON.stringify({ capped, wide }))).toEqual({
      capped: now(before.capped),
      wide: now(before.wide),
    });
  });
});
