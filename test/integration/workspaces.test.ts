import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { WORKSPACE_TABLES } from '../../src/store/workspace-repository.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const open = () =>
  openGoalpost({
    dbPath: join(tempDir(), 'w.db'),
    clock: fixedClock('2026-11-21T09:00:00Z'),
    logger: silentLogger,
  });

const ctx = (workspaceId: string) => ({
  workspaceId,
  actor: 'ana',
  source: 'cli' as const,
  role: 'admin' as const,
});

describe('a workspace made and left unused', () => {
  it('knows every table a workspace has rows in, as the schema says', () => {
    const goalpost = open();
    const referring = goalpost.db
      .prepare(
        `SELECT m.name FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f."table" = 'workspaces' AND m.name <> 'playbooks' ORDER BY m.name`,
      )
      .pluck()
      .all();
    goalpost.close();
    // A table added with a key to workspaces and not listed would let a workspace in use be removed.
    expect(referring).toEqual([...WORKSPACE_TABLES]);
  });

  it('is removed with its default playbooks, and one in use is not', () => {
    const goalpost = open();
    const { app, store, db } = goalpost;
    app.context(ctx('typo'));
    app.context(ctx('team'));
    app.projects.add(app.context(ctx('team')), { name: 'Side' });
    const playbooks = db.prepare('SELECT count(*) FROM playbooks WHERE workspace_id = ?').pluck();
    expect(playbooks.get('typo')).toBeGreaterThan(0);

    expect(store.transaction(() => store.workspaces.discardUnused('team'))).toBe(false);
    expect(store.transaction(() => store.workspaces.discardUnused('typo'))).toBe(true);
    expect(store.workspaces.list()).toEqual(['team']);
    expect(playbooks.get('typo')).toBe(0);
    expect(playbooks.get('team')).toBeGreaterThan(0);
    goalpost.close();
  });

  it('is kept once a playbook was added to it after it was made', () => {
    const goalpost = open();
    const { app, store } = goalpost;
    app.context(ctx('lab'));
    const later = openGoalpost({
      dbPath: goalpost.db.name,
      clock: fixedClock('2026-11-21T10:00:00Z'),
      logger: silentLogger,
    });
    later.app.playbooks.add(later.app.context(ctx('lab')), {
      key: 'pilot_calls',
      signal: 'stale_project',
      title: 'Call the pilot schools of {project}',
      category: 'growth',
      effortHours: 2,
      impactShare: 0.1,
    });
    later.close();
    expect(store.transaction(() => store.workspaces.discardUnused('lab'))).toBe(false);
    expect(store.workspaces.list()).toEqual(['lab']);
    goalpost.close();
  });
});
