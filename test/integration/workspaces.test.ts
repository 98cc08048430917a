import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { WORKSPACE_TABLES } from '../../src/store/workspace-repository.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const open = (now = '2026-11-21T09:00:00Z') =>
  openGoalpost({ dbPath: join(tempDir(), 'w.db'), clock: fixedClock(now), logger: silentLogger });

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
    // A table added with a key to workspaces and not listed would call a workspace in use unused.
    expect(referring).toEqual([...WORKSPACE_TABLES]);
  });

  it('is unused with only its default playbooks, and in use once anything is written to it', () => {
    const goalpost = open();
    const { app, store } = goalpost;
    app.context(ctx('typo'));
    app.projects.add(app.context(ctx('team')), { name: 'Side' });
    expect(store.workspaces.unused('typo')).toBe(true);
    expect(store.workspaces.unused('team')).toBe(false);
    // A playbook added later is the team's.
    const later = openGoalpost({
      dbPath: goalpost.db.name,
      clock: fixedClock('2026-11-21T10:00:00Z'),
      logger: silentLogger,
    });
    later.app.playbooks.add(later.app.context(ctx('typo')), {
      key: 'pilot_calls',
      signal: 'stale_project',
      title: 'Call the pilot schools of {project}',
      category: 'growth',
      effortHours: 2,
      impactShare: 0.1,
    });
    later.close();
    expect(store.workspaces.unused('typo')).toBe(false);
    goalpost.close();
  });
});
