import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUG_SEVERITIES, BUG_STATUSES, FEATURE_STATUSES } from '../../../src/domain/project.js';
import { bugStatsOf, featureStatsOf } from '../../../src/engine/analyse-state.js';
import { fixedClock, openGoalpost, silentLogger } from '../../../src/index.js';
import { createRng } from '../../../src/learning/random.js';
import { READ_CHUNK } from '../../../src/store/json-rows.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { periodOf } from '../../helpers/revenue-periods.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = '2026-11-21T09:00:00Z';
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
        // Some estimated, some upkeep: what open growth features weigh beyond one each is counted.
        const estimate = rng.next() < 0.5 ? [0.25, 2, 12, 3.33][Math.floor(rng.next() * 4)] : undefined;
        const upkeep = rng.next() < 0.2;
        app.projects.addFeature(ctx, `P${p}`, { title: `F${p}.${f}`, status, estimate, upkeep });
      }
      for (let b = Math.floor(rng.next() * 6); b > 0; b--) {
        minute += 1 + Math.floor(rng.next() * 90);
        const severity = BUG_SEVERITIES[Math.floor(rng.next() * BUG_SEVERITIES.length)] ?? 'high';
        const bug = app.projects.addBug(ctx, `P${p}`, { title: `B${p}.${b}`, severity });
        const status = BUG_STATUSES[Math.floor(rng.next() * BUG_STATUSES.length)] ?? 'open';
        if (status !== 'open') app.items.setBugStatus(ctx, bug.id, status);
      }
    }
    const all = store.projects.features('default');
    expect(all.length).toBeGreaterThan(10);
    expect(store.backlog.featureStats('default')).toEqual(featureStatsOf(all));
    expect([...store.backlog.featureStats('default').values()].some((s) => s.extraUnits !== 0)).toBe(true);
    const open = store.backlog.openFeatures('default').sort((a, b) => a.id - b.id);
    expect(open).toEqual(all.filter((f) => f.status !== 'done').map(({ createdAt: _, ...f }) => f));
    const bugs = store.projects.bugs('default');
    expect(bugs.filter((b) => b.status === 'open').length).toBeGreaterThan(3);
    expect(bugs.some((b) => b.status === 'open' && b.severity === 'critical')).toBe(true);
    expect(store.backlog.bugStats('default')).toEqual(bugStatsOf(bugs));
    expect(store.backlog.openBugs('default').sort((a, b) => a.id - b.id)).toEqual(
      bugs.filter((b) => b.status === 'open'),
    );
    // One project reads its own alone (`project show`), and only in its workspace.
    for (const id of new Set(all.map((f) => f.projectId))) {
      expect(store.projects.features('default', id)).toEqual(all.filter((f) => f.projectId === id));
      expect(store.projects.bugs('default', id)).toEqual(bugs.filter((b) => b.projectId === id));
      expect(store.projects.features('elsewhere', id)).toEqual([]);
    }
    // A range of projects reads theirs alone.
    const [from, to] = [all[2]?.projectId ?? 0, all[8]?.projectId ?? 0];
    const inRange = (i: { projectId: number }) => i.projectId >= from && i.projectId <= to;
    expect(store.backlog.openFeatures('default', { from, to }).sort((a, b) => a.id - b.id)).toEqual(
      open.filter(inRange),
    );
    expect(store.backlog.openBugs('default', { from, to }).sort((a, b) => a.id - b.id)).toEqual(
      bugs.filter((b) => b.status === 'open' && inRange(b)),
    );
    // And a list of projects, theirs alone.
    const ids = [all[1]?.projectId ?? 0, all[5]?.projectId ?? 0, all[9]?.projectId ?? 0];
    const listed = (i: { projectId: number }) => ids.includes(i.projectId);
    expect(store.backlog.openFeatures('default', ids).sort((a, b) => a.id - b.id)).toEqual(
      open.filter(listed),
    );
    expect(store.backlog.openBugs('default', ids).sort((a, b) => a.id - b.id)).toEqual(
      bugs.filter((b) => b.status === 'open' && listed(b)),
    );
    expect(store.backlog.openFeatures('default', [])).toEqual([]);

    // Kept by triggers: deletions (a project's last feature among them), a feature moved to another
    // project, a bug's severity and title changed, and a project deleted with everything on it.
    const counted = () => {
      expect(store.backlog.featureStats('default')).toEqual(
        featureStatsOf(store.projects.features('default')),
      );
      expect(store.backlog.bugStats('default')).toEqual(bugStatsOf(store.projects.bugs('default')));
    };
    const write = (f: () => void) => opened.db.transaction(f)();
    const p0 = all[0]?.projectId;
    write(() => {
      for (const f of all.filter((f) => f.projectId === p0)) store.projects.deleteFeature(f.id);
      for (const b of bugs.slice(0, 4)) store.projects.deleteBug(b.id);
    });
    expect(store.projects.features('default').some((f) => f.projectId === p0)).toBe(false);
    counted();
    const moved = all.find((f) => f.projectId !== p0);
    const target = all.find((f) => f.projectId !== p0 && f.projectId !== moved?.projectId)?.projectId;
    write(() => opened.db.prepare('UPDATE features SET project_id = ? WHERE id = ?').run(target, moved?.id));
    counted();
    const minor = bugs.filter((b) => b.status === 'open' && b.severity !== 'critical').at(-1);
    write(() => opened.db.prepare("UPDATE bugs SET severity = 'critical' WHERE id = ?").run(minor?.id));
    write(() => opened.db.prepare("UPDATE bugs SET title = 'Renamed' WHERE id = ?").run(minor?.id));
    counted();
    write(() =>
      opened.db
        .prepare("UPDATE features SET estimate_hours = 20 WHERE status <> 'done' AND id % 2 = 0")
        .run(),
    );
    counted();
    write(() => opened.db.prepare('DELETE FROM projects WHERE id = ?').run(target));
    counted();
    opened.close();
  });

  it('read a workspace of more projects than a read takes at once whole, in order', () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'g.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    opened.app.context(ctx);
    opened.app.vision.update(ctx, { statement: 'Ship' });
    const { db, store } = opened;
    // Two reads' worth exactly, and one more project: the last read holds one.
    const projects = 2 * READ_CHUNK + 1;
    const at = '2026-11-01T00:00:00.000Z';
    db.transaction(() => {
      const addProject = db.prepare(
        `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
         VALUES ('default', ?, '', 1, '[]', 'active', ?, ?)`,
      );
      const addFeature = db.prepare(
        'INSERT INTO features (project_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      );
      const addBug = db.prepare(
        `INSERT INTO bugs (project_id, title, severity, status, created_at, updated_at)
         VALUES (?, 'Crash', ?, 'open', ?, ?)`,
      );
      const addRevenue = db.prepare(
        `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, subscriptions, created_at)
         VALUES ('default', ?, ?, ?, ?, 1, ?)`,
      );
      for (let p = 0; p < projects; p++) {
        const id = Number(addProject.run(`P${p}`, at, at).lastInsertRowid);
        addFeature.run(id, `F${p}`, p % 3 === 0 ? 'done' : 'planned', at, at);
        if (p % 2 === 0) addBug.run(id, p % 4 === 0 ? 'critical' : 'low', at, at);
        // The same two periods for every project: the order by period runs across all of them.
        addRevenue.run(id, '2026-09-01', '2026-09-30', p, at);
        addRevenue.run(id, '2026-10-01', '2026-10-31', p + 1, at);
      }
    })();
    const listed = store.projects.list('default');
    expect(listed).toHaveLength(projects);
    expect(listed.map((p) => p.id)).toEqual([...listed.map((p) => p.id)].sort((a, b) => a - b));
    expect(store.backlog.featureStats('default')).toEqual(featureStatsOf(store.projects.features('default')));
    expect(store.backlog.bugStats('default')).toEqual(bugStatsOf(store.projects.bugs('default')));
    const revenue = store.revenue.list('default');
    expect(revenue).toHaveLength(2 * projects);
    const order = db
      .prepare("SELECT id FROM revenue_records WHERE workspace_id = 'default' ORDER BY period_end, id")
      .pluck()
      .all();
    expect(revenue.map((r) => r.id)).toEqual(order);
    // What analysis reads: with two complete periods per project, every record, in the same
    // order, only the columns it analyses.
    expect(store.revenue.periodsToAnalyse('default', '2026-11-21')).toEqual(revenue.map(periodOf));
    opened.close();
  });

  it('tell the projects whose backlog items memory may hold back: done, rejected or failed lately', () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'g.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    opened.app.context(ctx);
    const { app, db, store } = opened;
    app.vision.update(ctx, { statement: 'Ship' });
    const items = ['done', 'rejected', 'failed', 'approved', 'never'].map((status) => {
      app.projects.add(ctx, { name: status });
      const feature = app.projects.addFeature(ctx, status, { title: `Work ${status}` });
      const bug = app.projects.addBug(ctx, status, { title: `Bug ${status}`, severity: 'high' });
      return { status, feature, bug, projectId: feature.projectId };
    });
    const addTask = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, project_id, memory_key, priority, status, fingerprint,
         created_at, updated_at) VALUES ('default', ?, 'Earlier', 'feature', ?, ?, 5, ?, ?, ?, ?)`,
    );
    let seq = 100;
    const at = '2026-01-01T00:00:00.000Z';
    const add = (projectId: number | null, key: string, status: string) => {
      seq += 1;
      addTask.run(seq, projectId, key, status, `t-${seq}`, at, at);
    };
    for (const { status, feature, bug } of items) {
      if (status === 'never') continue;
      // A feature's task in its own project's name, a bug's in none: memory goes by key.
      add(feature.projectId, `feature:${feature.id}`, status);
      add(null, `bug:${bug.id}`, status);
    }
    add(null, `pb:stale.review@${items[4]?.projectId}#`, 'done');
    // Done work on items since closed, and on a low bug: planning drafts neither.
    app.projects.add(ctx, { name: 'closed' });
    const shipped = app.projects.addFeature(ctx, 'closed', { title: 'Shipped' });
    const fixed = app.projects.addBug(ctx, 'closed', { title: 'Fixed', severity: 'high' });
    const low = app.projects.addBug(ctx, 'closed', { title: 'Typo', severity: 'low' });
    db.prepare("UPDATE features SET status = 'done' WHERE id = ?").run(shipped.id);
    db.prepare("UPDATE bugs SET status = 'fixed' WHERE id = ?").run(fixed.id);
    for (const key of [`feature:${shipped.id}`, `bug:${fixed.id}`, `bug:${low.id}`])
      add(shipped.projectId, key, 'done');
    const sorted = (ids: Set<number>) => [...ids].sort((a, b) => a - b);
    // What may hold work back: done ever, rejected since the window's start, failed since its own.
    const later = '2026-02-01T00:00:00.000Z';
    expect(sorted(store.backlog.holdingProjects('default', '2025-12-01T00:00:00.000Z', later))).toEqual(
      items.slice(0, 2).map((i) => i.projectId),
    );
    expect(sorted(store.backlog.holdingProjects('default', later, later))).toEqual([items[0]?.projectId]);
    // A failure within its window (the day after it) holds its item's project too.
    expect(sorted(store.backlog.holdingProjects('default', later, '2025-12-31T00:00:00.000Z'))).toEqual([
      items[0]?.projectId,
      items[2]?.projectId,
    ]);
    opened.close();
  });
});

describe('the heads of the open items planning drafts', () => {
  it('are each open feature and open bug but the low ones, with its project, of the projects asked', () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'g.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    opened.app.context(ctx);
    const { app, store } = opened;
    app.vision.update(ctx, { statement: 'Ship' });
    const project = (name: string, features: string[], bugs: [string, 'medium' | 'low'][] = []) => {
      app.projects.add(ctx, { name });
      for (const title of features) app.projects.addFeature(ctx, name, { title });
      for (const [title, severity] of bugs) app.projects.addBug(ctx, name, { title, severity });
      return app.projects.list(ctx).find((p) => p.name === name)?.id ?? 0;
    };
    const billing = project(
      'Billing',
      ['Export page', 'Stop CANCELLATIONS'],
      [['Downgrade hidden', 'medium']],
    );
    const web = project('Café', [], [['Cancel link misaligned', 'low']]);
    const legacy = project('Legacy', ['Menu']);
    const elsewhere = project('Elsewhere', ['Reduce churn']);
    const started = app.projects.addFeature(ctx, 'Legacy', { title: 'Search', status: 'in_progress' });
    const done = app.projects.addFeature(ctx, 'Legacy', { title: 'Cancel flow' });
    app.items.setFeatureStatus(ctx, done.id, 'done');
    const fixed = app.projects.addBug(ctx, 'Legacy', { title: 'Cancel crash', severity: 'high' });
    app.items.setBugStatus(ctx, fixed.id, 'fixed');
    const heads = store.backlog.openItemHeads('default', [billing, web, legacy]);
    const none = store.backlog.openItemHeads('default', []);
    opened.close();

    expect(heads.map((h) => JSON.stringify(h)).sort()).toEqual(
      [
        [billing, 'feature', 'planned', 'Export page', 'Billing'],
        [billing, 'feature', 'planned', 'Stop CANCELLATIONS', 'Billing'],
        [billing, 'medium', 'open', 'Downgrade hidden', 'Billing'],
        [legacy, 'feature', 'planned', 'Menu', 'Legacy'],
        [legacy, 'feature', 'in_progress', 'Search', 'Legacy'],
      ]
        .map((h) => JSON.stringify(h))
        .sort(),
    );
    expect(started.status).toBe('in_progress');
    expect(heads.some(([id]) => id === elsewhere || id === web)).toBe(false);
    expect(none).toEqual([]);
  });
});

describe('the least open estimate', () => {
  it("is the workspace's own open items' least, whatever another workspace holds", () => {
    const opened = openGoalpost({
      dbPath: join(tempDir(), 'g.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    const { app, store } = opened;
    const a = declaredCtx({ workspaceId: 'a', actor: 'cli:t', source: 'cli', role: 'admin' });
    const b = declaredCtx({ workspaceId: 'b', actor: 'cli:t', source: 'cli', role: 'admin' });
    for (const c of [a, b]) {
      app.context(c);
      app.vision.update(c, { statement: 'Ship' });
      app.projects.add(c, { name: 'App' });
    }
    expect(store.backlog.leastOpenEstimate('a')).toBeNull();
    // Workspace b estimates its items; a's are left to their defaults.
    app.projects.addFeature(a, 'App', { title: 'Unestimated' });
    app.projects.addFeature(b, 'App', { title: 'Quick one', estimate: '30m' });
    const done = app.projects.addFeature(b, 'App', { title: 'Shipped', status: 'done', estimate: '0.2h' });
    const fixed = app.projects.addBug(b, 'App', { title: 'Fixed', severity: 'high', estimate: '0.1' });
    app.items.setBugStatus(b, fixed.id, 'fixed');
    app.projects.addBug(b, 'App', { title: 'Open bug', severity: 'high', estimate: '2h' });
    expect(done.estimateHours).toBe(0.2);
    expect(store.backlog.leastOpenEstimate('a')).toBeNull();
    // Done and fixed items are no open work: the least of b's open ones.
    expect(store.backlog.leastOpenEstimate('b')).toBe(0.5);
    app.projects.addBug(a, 'App', { title: 'Tiny', severity: 'medium', estimate: '0.25' });
    expect(store.backlog.leastOpenEstimate('a')).toBe(0.25);
    expect(store.backlog.leastOpenEstimate('b')).toBe(0.5);
    opened.close();
  });
});

describe('shipped growth work', () => {
  it('is the growth work of active earning projects moved to done since a day, dated when it was', () => {
    const rng = createRng('shipped');
    let minute = 0;
    const at = () => new Date(Date.parse('2026-10-01T00:00:00Z') + minute * 60_000).toISOString();
    const clock = { now: () => new Date(at()) };
    const opened = openGoalpost({ dbPath: join(tempDir(), 'g.db'), clock, logger: silentLogger });
    const { app, store } = opened;
    const other = declaredCtx({ workspaceId: 'other', actor: 'cli:t', source: 'cli', role: 'admin' });
    for (const c of [ctx, other]) {
      app.context(c);
      app.vision.update(c, { statement: 'Ship' });
    }
    // What the store must find: the items moved to done (or a critical bug to fixed), when they were.
    // Each with what it weighed open, in feature-sizes: a feature estimated at 2 h a quarter of one.
    const shipped: Array<{ projectId: number; at: string; units: number }> = [];
    const edits: Array<() => void> = [];
    for (let p = 0; p < 10; p++) {
      const c = p % 5 === 4 ? other : ctx;
      // Earning or not, active or paused: only active earning projects' work counts.
      const project = app.projects.add(c, { name: `P${p}`, revenueBearing: p % 3 !== 2 });
      if (p === 3) app.projects.update(c, `P${p}`, { status: 'paused' });
      const counts = c === ctx && project.revenueBearing && p !== 3;
      for (let i = 0; i < 6; i++) {
        minute += 1 + Math.floor(rng.next() * 2_000);
        const upkeep = rng.next() < 0.3;
        // Entered as done: the product's history, never shipped.
        app.projects.addFeature(c, `P${p}`, { title: `Old ${p}.${i}`, status: 'done', upkeep });
        const estimate = i % 3 === 0 ? 2 : undefined;
        const feature = app.projects.addFeature(c, `P${p}`, { title: `F${p}.${i}`, upkeep, estimate });
        const bug = app.projects.addBug(c, `P${p}`, {
          title: `B${p}.${i}`,
          severity: i % 2 ? 'critical' : 'high',
        });
        minute += 1 + Math.floor(rng.next() * 2_000);
        if (rng.next() < 0.6) {
          app.items.setFeatureStatus(c, feature.id, 'done');
          if (counts && !upkeep)
            shipped.push({ projectId: project.id, at: at(), units: estimate ? 0.25 : 1 });
          // Edited later (made upkeep and back): still shipped when it became done.
          if (!upkeep)
            edits.push(() => {
              app.items.setFeatureUpkeep(c, feature.id, true);
              app.items.setFeatureUpkeep(c, feature.id, false);
            });
        }
        if (rng.next() < 0.6) {
          app.items.setBugStatus(c, bug.id, 'fixed');
          if (counts && bug.severity === 'critical')
            shipped.push({ projectId: project.id, at: at(), units: 1 });
        }
      }
    }
    const since = new Date(Date.parse('2026-10-01T00:00:00Z') + (minute / 8) * 60_000).toISOString();
    const expected = shipped
      .filter((s) => s.at >= since)
      .sort((a, b) => a.projectId - b.projectId || a.at.localeCompare(b.at));
    expect(expected.length).toBeGreaterThan(5);
    const read = () =>
      store.backlog
        .shippedSince('default', since)
        .sort((a, b) => a.projectId - b.projectId || a.at.localeCompare(b.at));
    expect(read()).toEqual(expected);
    minute += 5_000;
    for (const edit of edits) edit();
    expect(edits.length).toBeGreaterThan(3);
    expect(read()).toEqual(expected);
    opened.close();
  });
});
