import { describe, expect, it, vi } from 'vitest';
import { byScore } from '../../src/engine/dedup.js';
import { planWorkspace } from '../../src/engine/plan-batch.js';
import { loadBacklog, loadEngineInput } from '../../src/use-cases/load-engine-input.js';
import { BUSY_NOW, fillBusyWorkspace, openDemoAtBusyNow } from '../fixtures/busy-workspace.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('planning a workspace a few projects at a time', () => {
  it('proposes the same batch, cuts, skips and reasons as planning it at once', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    // Projects with nothing open, first by id: playbooks answer the idle ones, in the first parts.
    // The first two are on a neglected focus area nothing else works on: the first (not idle) is
    // where a task for the area would go, and the review of the second (in another part) already
    // works on it.
    const idle = opened.db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES ('default', ?, '', 0, ?, 'active', ?, ?)`,
    );
    const longAgo = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    for (let i = 0; i < 6; i++) {
      const at = i === 0 ? BUSY_NOW : longAgo;
      idle.run(`Idle project ${i}`, i < 2 ? '["outreach"]' : '[]', at, at);
    }
    fillBusyWorkspace(opened.db, 'default');
    // An off-track goal whose value the backlog items naming it share, wherever they are, and a
    // neglected focus area whose first project (where a task for it would go) has no open items
    // while another of its projects does: both served in some parts and not in others.
    opened.app.goals.add(ctx, {
      metric: 'quiz_signups',
      target: 900,
      by: '2027-03-01',
      baseline: 100,
      value: 5000,
    });
    opened.app.goals.observe(ctx, { metric: 'quiz_signups', value: 100, at: '2026-09-01' });
    opened.app.goals.observe(ctx, { metric: 'quiz_signups', value: 104, at: '2026-11-01' });
    opened.app.vision.update(ctx, {
      focus_areas: [...opened.app.vision.show(ctx).focusAreas, 'community', 'outreach'],
    });
    opened.app.projects.add(ctx, { name: 'Forum', focus: ['community'] });
    opened.app.projects.add(ctx, { name: 'Chat', focus: ['community'] });
    opened.app.projects.addFeature(ctx, 'Chat', { title: 'Member badges' });
    // Playbook work done before on some projects: memory holds back playbook tasks in the first
    // parts and backlog items in later ones, listed (as at once) backlog first.
    const projects = opened.db.prepare("SELECT id FROM projects WHERE workspace_id = 'default' ORDER BY id");
    const done = opened.db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, memory_key, priority,
         status, fingerprint, facts, created_at, updated_at)
       VALUES ('default', ?, 'Earlier playbook work', 'research', ?, ?, ?, 5, 'done', ?, '{}', ?, ?)`,
    );
    let seq = 90_000;
    for (const id of projects.pluck().all() as number[]) {
      if (id % 2 !== 0) continue;
      for (const playbook of ['stale.review', 'churn.interview']) {
        seq += 1;
        done.run(seq, id, playbook, `pb:${playbook}@${id}#`, `earlier-${seq}`, longAgo, longAgo);
      }
    }
    const input = loadEngineInput(
      opened.store,
      opened.app.vision.show(ctx),
      new Date(BUSY_NOW),
      opened.app.goals.list(ctx),
    );
    const backlog = loadBacklog(opened.store, input, 30);
    const plan = (projectsPerRead: number, maxTasks = 200) =>
      planWorkspace(input, { ...backlog, projectsPerRead }, { maxTasks, rejectCooldownDays: 30 });
    const whole = plan(Number.POSITIVE_INFINITY);
    const inParts = [1, 7, 64].map((n) => plan(n));
    // With room for a few tasks, each part keeps only the candidates that may still make the batch
    // (backlog items and playbook tasks alike, but prerequisites and their dependents) and lists
    // the best of the rest: the batch and the cut list are still those of the whole.
    const few = plan(Number.POSITIVE_INFINITY, 4);
    const fewInParts = [1, 7, 64].map((n) => plan(n, 4));
    opened.close();

    // What parts must share is there: the goal's value split across the backlog, the neglected
    // area, memory, duplicates.
    expect(whole.tasks.some((t) => t.reasoning.some((line) => line.startsWith('Goal value')))).toBe(true);
    expect(whole.state?.neglectedFocusAreas).toEqual(['community', 'outreach']);
    expect(new Set(whole.skipped.map((s) => s.reason))).toEqual(new Set(['done', 'duplicate', 'rejected']));
    expect(whole.skipped.some((s) => s.title.startsWith('Review Idle project'))).toBe(true);
    for (const planned of inParts) expect(planned).toEqual(whole);
    expect(few.tasks).toHaveLength(4);
    expect(few.cutByCap.length).toBeGreaterThan(40);
    for (const planned of fewInParts) expect(planned).toEqual(few);
  });

  it('asks once per namespace of work which of it was ever decided, reading only what is few', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    fillBusyWorkspace(opened.db, 'default');
    // Playbook work decided more often than there are open items (a long history): too much to
    // read, while the backlog items decided before are a few hundred.
    const addDone = opened.db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, memory_key, priority, status, fingerprint,
         created_at, updated_at) VALUES ('default', ?, ?, 'growth', ?, 5, 'done', ?, ?, ?)`,
    );
    opened.db.transaction(() => {
      for (let i = 0; i < 2_000; i++) {
        addDone.run(
          50_000 + i,
          `Old growth work ${i}`,
          `pb:old.growth@${i}#`,
          `old-${i}`,
          BUSY_NOW,
          BUSY_NOW,
        );
      }
    })();
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW));
    const asked = vi.spyOn(opened.store.history, 'decidedKeys');
    const backlog = loadBacklog(opened.store, input, 30);
    const whole = planWorkspace(input, backlog, { maxTasks: 5, rejectCooldownDays: 30 });
    const answers = new Map(asked.mock.calls.map((call, i) => [call[2], asked.mock.results[i]?.value]));
    expect(asked.mock.calls.map((call) => call[2]).sort()).toEqual(['bug:', 'feature:', 'pb:']);
    expect(answers.get('pb:')).toBeNull();
    expect((answers.get('feature:') as Set<string>).size).toBeGreaterThan(100);
    expect([...(answers.get('bug:') as Set<string>)].every((key) => key.startsWith('bug:'))).toBe(true);
    // What memory recalls is what asking it about every candidate recalls.
    const rejectedSince = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    const everyKey = planWorkspace(
      input,
      { ...backlog, memory: (keys) => opened.store.history.memory('default', { keys, rejectedSince }) },
      { maxTasks: 5, rejectCooldownDays: 30 },
    );
    expect(whole.skipped.filter((s) => s.reason !== 'duplicate').length).toBeGreaterThan(10);
    expect(whole).toEqual(everyKey);
    asked.mockClear();
    const fresh = loadBacklog(opened.store, input, 30);
    const parts = planWorkspace(
      input,
      { ...fresh, projectsPerRead: 7 },
      { maxTasks: 5, rejectCooldownDays: 30 },
    );
    opened.close();
    expect(asked.mock.calls.map((call) => call[2]).sort()).toEqual(['bug:', 'feature:', 'pb:']);
    expect(parts).toEqual(whole);
  });
});

describe('what a plan with little room keeps', () => {
  it('cuts and lists the candidates a plan with room for all of them ranks below its batch', () => {
    const { opened, ctx } = openDemoAtBusyNow(tempDir());
    // Idle projects with nothing open: each gets a playbook task, more of them than the batch holds.
    const idle = opened.db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES ('default', ?, '', 0, '[]', 'active', ?, ?)`,
    );
    const longAgo = new Date(Date.parse(BUSY_NOW) - 60 * 86_400_000).toISOString();
    for (let i = 0; i < 80; i++) idle.run(`Idle project ${i}`, longAgo, longAgo);
    const input = loadEngineInput(opened.store, opened.app.vision.show(ctx), new Date(BUSY_NOW));
    const plan = (maxTasks: number, projectsPerRead = Number.POSITIVE_INFINITY) =>
      planWorkspace(
        input,
        { ...loadBacklog(opened.store, input, 30), projectsPerRead },
        { maxTasks, rejectCooldownDays: 30 },
      );
    const all = plan(100_000);
    const plans = [plan(4), plan(4, 16)];
    opened.close();

    // No task here waits for another, so room for all takes every candidate, and the best come first.
    expect(all.tasks.every((t) => t.dependsOn.length === 0)).toBe(true);
    expect(all.cut).toBe(0);
    const ranked = [...all.tasks].sort(byScore);
    const best = ranked.slice(0, 4).map((t) => t.key);
    const listed = ranked.slice(4, 54).map((t) => ({ title: t.title, score: t.score }));
    expect(listed.filter((c) => c.title.startsWith('Review Idle project')).length).toBeGreaterThan(20);
    for (const few of plans) {
      expect(few.tasks.map((t) => t.key).sort()).toEqual([...best].sort());
      expect(few.unique).toBe(all.unique);
      expect(few.cut).toBe(all.unique - 4);
      expect(few.cutByCap).toEqual(listed);
    }
  });
});
