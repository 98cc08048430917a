import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/index.js';
import { migrateGoalpost } from '../../../src/migration-functions.js';
import { migrationsDir } from '../../../src/paths.js';
import { ALL_REPOSITORIES, composeStore, createStore } from '../../../src/store/create-store.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createVisionRepository } from '../../../src/store/vision-repository.js';
import { createWorkspaceRepository } from '../../../src/store/workspace-repository.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

function migrated() {
  const db = openDatabase(join(tempDir(), 'store.db'));
  migrateGoalpost(db, migrationsDir(), fixedClock('2026-11-21T09:00:00Z'));
  return db;
}

describe('a store of some repositories (a CLI command group’s)', () => {
  it('reads and writes through the repositories it was given', () => {
    const db = migrated();
    try {
      const store = composeStore(db, {
        workspaces: createWorkspaceRepository,
        visions: createVisionRepository,
      });
      store.transaction(() => store.workspaces.create('team', '2026-11-21T09:00:00.000Z'));
      expect(store.workspaces.exists('team')).toBe(true);
      expect(store.visions.active('team')).toBeNull();
    } finally {
      db.close();
    }
  });

  it('names the repository it was made without, when one is read', () => {
    const db = migrated();
    try {
      const store = composeStore(db, { visions: createVisionRepository });
      expect(() => store.tasks).toThrow('the store was made without its tasks repository');
      expect(Object.keys(store)).not.toContain('tasks');
    } finally {
      db.close();
    }
  });

  it('holds every repository when made whole', () => {
    const db = migrated();
    try {
      const store = createStore(db);
      for (const name of Object.keys(ALL_REPOSITORIES)) {
        expect(store[name as keyof typeof ALL_REPOSITORIES]).toBeTypeOf('object');
      }
    } finally {
      db.close();
    }
  });
});
