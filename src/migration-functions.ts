import type { Clock } from './domain/clock.js';
import { titleFingerprint } from './engine/fingerprint.js';
import {
  type BuiltMigration,
  type MigrateResult,
  type MigrationFunctions,
  migrate,
} from './store/migrate.js';
import type { Db } from './store/open-database.js';

/**
 * The SQL functions Goalpost's migrations call (see MigrationFunctions): what the code derives,
 * made again as it derives it now.
 */
export const MIGRATION_FUNCTIONS: MigrationFunctions = {
  /** A task's fingerprint from its project and title, as work proposed today is known by. */
  goalpost_title_fingerprint: (projectId: number | null, title: string): string =>
    titleFingerprint(projectId, title),
};

/** Brings the database up to the migrations in `dir` as Goalpost does: see migrate. */
export const migrateGoalpost = (
  db: Db,
  dir: string,
  clock: Clock,
  built?: readonly BuiltMigration[],
): MigrateResult => migrate(db, dir, clock, built, MIGRATION_FUNCTIONS);
