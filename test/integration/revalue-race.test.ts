import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const LEAD = { workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' } as const;

function open(dbPath: string, now: string) {
  const opened = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger });
  closers.push(() => opened.close());
  return opened;
}

describe('an assignee removed while a digest plans', () => {
  it('gets none of the proposals the digest routes again: they wait for the next plan', () => {
    const dbPath = join(tempDir(), 'goalpost.db');
    const first = open(dbPath, '2026-11-21T09:00:00Z');
    const ctx = first.app.context(LEAD);
    first.app.demo.load(ctx);
    first.app.engine.generate(ctx, { dryRun: false, maxTasks: 3 });
    first.app.assignees.add(ctx, { name: 'ana', capacity: 10 });
    const second = open(dbPath, '2026-11-21T09:00:00Z');
    const snapshot = first.store.snapshot.bind(first.store);
    // The digest plans on its snapshot, routing the three proposals to Ana; another process removes
    // her before it saves.
    vi.spyOn(first.store, 'snapshot').mockImplementationOnce((read) => {
      const planned = snapshot(read);
      second.app.assignees.remove(second.app.context(LEAD), 'ana');
      return planned;
    });
    const result = first.app.engine.generate(ctx, { dryRun: false, maxTasks: 3, topUp: true });
    expect(result.routed).toEqual([]);
    const proposed = first.app.tasks.list(ctx, { status: ['proposed'] });
    expect(proposed).toHaveLength(3);
    expect(proposed.map((t) => t.assignee)).toEqual([null, null, null]);
  });
});

describe('two digests valuing the same proposals at once', () => {
  it('keep one revalued step in its history: the second finds the row already valued so', () => {
    const dbPath = join(tempDir(), 'goalpost.db');
    const saturday = open(dbPath, '2026-11-21T09:00:00Z');
    saturday.app.demo.load(saturday.app.context(LEAD));
    saturday.app.engine.generate(saturday.app.context(LEAD), { dryRun: false, maxTasks: 3 });
    // Monday: a second paid product shares the gap, and two bots run the morning digest at once.
    const first = open(dbPath, '2026-11-23T09:00:00Z');
    const ctx = first.app.context(LEAD);
    first.app.projects.add(ctx, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    first.app.projects.addFeature(ctx, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    const second = open(dbPath, '2026-11-23T09:00:00Z');
    const snapshot = first.store.snapshot.bind(first.store);
    // The first plans on its snapshot; the second digest lands before the first saves. A digest
    // topping up a full queue proposes nothing new, so the open tasks the first checks are as it saw.
    vi.spyOn(first.store, 'snapshot').mockImplementationOnce((read) => {
      const planned = snapshot(read);
      second.app.engine.generate(second.app.context(LEAD), { dryRun: false, maxTasks: 3, topUp: true });
      return planned;
    });
    const result = first.app.engine.generate(ctx, { dryRun: false, maxTasks: 3, topUp: true });
    expect(result.revalued).toEqual([]);
    const steps = first.app.tasks.show(ctx, 'T-1').events.filter((e) => e.type === 'revalued');
    expect(steps).toHaveLength(1);
  });
});
