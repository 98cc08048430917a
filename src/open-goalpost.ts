import { composeGoalpost, type Facade, type PartName, type PartsOf, repositoriesOf } from './app.js';
import type { Clock } from './domain/clock.js';
import type { LearningConfig } from './domain/learning-config.js';
import type { Logger } from './domain/logger.js';
import { ALL_PARTS } from './facade-parts.js';
import { migrateGoalpost } from './migration-functions.js';
import { migrationsDir } from './paths.js';
import {
  ALL_REPOSITORIES,
  composeStore,
  type RepositoryFactories,
  type Store,
} from './store/create-store.js';
import { builtMigrations } from './store/migrate.js';
import {
  dataVersion,
  discardUnmigrated,
  emptyFileAt,
  missingBefore,
  type NewDatabase,
  openingsOnly,
  removeEmptyNewFile,
  removeNewDatabase,
  unchangedSince,
} from './store/new-database.js';
import { type Db, openDatabase } from './store/open-database.js';

export interface OpenGoalpostOptions {
  dbPath: string;
  clock: Clock;
  logger: Logger;
  maxTasks?: number;
  /** Days a rejected task stays away unless its facts change (default 30). */
  rejectCooldownDays?: number;
  learning?: LearningConfig;
  /** Platform users who are admins of every workspace (GOALPOST_ADMINS). */
  admins?: readonly string[];
  /** Whether webhooks may target private addresses (GOALPOST_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivateWebhooks?: boolean;
  /** How often the bot reads each Stripe account again (STRIPE_SYNC_MINUTES): twice that unread is a warning. */
  stripeSyncMinutes?: number;
  /** The time zone of someone who set none (GOALPOST_TIME_ZONE); default the machine's. */
  defaultTimeZone?: string;
  /** Defaults to the migrations shipped with the package. */
  migrations?: string;
  /**
   * How long a write waits for another connection's lock before it fails as busy (default 5 s).
   * The wait blocks this thread: a process that answers chat keeps it short.
   */
  busyTimeoutMs?: number;
  /**
   * KiB of database pages SQLite keeps in this process (default 16,000). A command that runs once
   * reads most pages once: it keeps less.
   */
  cacheKiB?: number;
  /**
   * Called with a workspace's number of projects before it is read whole to be planned or
   * analysed (`generate`, `state`, `revenue show`, the digests `schedule run-due` posts; once per
   * read): a process that runs one command tunes V8 for the work ahead (the CLI's bin does: see
   * bin/goalpost.js). It runs inside the plan's read, so it must not throw. The bot, whose
   * process serves for hours, passes none.
   */
  beforeWorkspaceRead?: (projects: number) => void;
  /**
   * Called once `context()` has created a workspace, with the workspaces the database had before:
   * the CLI says so, as a mistyped --workspace would otherwise read as a team with nothing yet.
   */
  onWorkspaceCreated?: (workspaceId: string, others: readonly string[]) => void;
}

/** An opened database and the facade over it (of every part, unless opened with fewer). */
export interface OpenedGoalpost<K extends PartName = PartName> {
  app: Facade<K>;
  store: Store;
  db: Db;
  close(): void;
  /**
   * Closes the database, as after a command that failed: a database file this open created is
   * removed again, with any folders made for it, when it holds nothing but what opening writes and
   * no other connection has written to it or has it open. Returns whether it was removed.
   */
  closeDiscardingNew(): boolean;
  /** Whether this open created the database file and it still holds nothing but what opening writes. */
  newAndEmpty(): boolean;
  /**
   * Whether the path held an empty file when it was opened: no database yet, so the open created
   * one in it, as on a path that held nothing; discarded, the file is emptied again, not removed.
   */
  readonly emptyFileBefore: boolean;
}

/**
 * Opens the database, applies pending migrations and builds the facade.
 * @throws MigrationError when the database and the migration files disagree (nothing applied).
 */
export function openGoalpost(options: OpenGoalpostOptions): OpenedGoalpost {
  return open(ALL_PARTS, ALL_REPOSITORIES, options);
}

/**
 * Opens the database as openGoalpost does, with a facade of only the given parts over a store of
 * only their repositories (a CLI command group's, whose bundle then holds no other use case or
 * repository).
 */
export function openGoalpostWith<K extends PartName>(
  parts: PartsOf<K>,
  options: OpenGoalpostOptions,
): OpenedGoalpost<K> {
  return open(parts, repositoriesOf(parts), options);
}

/** Opens the database over a store of `repositories`, with a facade of `parts`. */
function open<K extends PartName>(
  parts: PartsOf<K>,
  repositories: Partial<RepositoryFactories>,
  options: OpenGoalpostOptions,
): OpenedGoalpost<K> {
  const folders = missingBefore(options.dbPath);
  const emptyFileMode = folders === null ? emptyFileAt(options.dbPath) : null;
  let db: Db;
  try {
    db = openDatabase(options.dbPath, {
      goalpostOnly: true,
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      ...(options.cacheKiB === undefined ? {} : { cacheKiB: options.cacheKiB }),
    });
  } catch (error) {
    // Refused (a file name too long for its WAL's, say): neither the empty file opening made nor
    // the folders made for it stay.
    if (folders !== null) removeEmptyNewFile(options.dbPath, folders);
    throw error;
  }
  // Before migrating: this connection's own commits leave data_version as it is, and another's
  // during the migrations (another process's first start on the same new path) move it.
  const isNew = folders !== null || emptyFileMode !== null;
  let version: number | null = null;
  try {
    version = isNew ? dataVersion(db) : 0;
    const result =
      options.migrations === undefined
        ? migrateGoalpost(db, migrationsDir(), options.clock, builtMigrations())
        : migrateGoalpost(db, options.migrations, options.clock);
    if (result.applied.length > 0) {
      options.logger.info({ applied: result.applied, db: options.dbPath }, 'migrations applied');
    }
  } catch (error) {
    // Stopped partway (a full disk, a file-size limit): a new path keeps none of the migrations
    // applied before, nor the folders made for them, as the error says nothing was written; unless
    // another connection committed to it meanwhile (another process's first start).
    const untouched = isNew && unchangedSince(db, version);
    db.close();
    if (untouched) discardUnmigrated(options.dbPath, folders ?? [], emptyFileMode);
    throw error;
  }
  const created: NewDatabase | null = isNew
    ? {
        path: options.dbPath,
        folders: folders ?? [],
        version: version ?? 0,
        ...(emptyFileMode === null ? {} : { emptyFileMode }),
      }
    : null;
  const store = composeStore(db, repositories);
  const app = composeGoalpost(
    {
      store,
      clock: options.clock,
      logger: options.logger,
      ...(options.maxTasks === undefined ? {} : { maxTasks: options.maxTasks }),
      ...(options.rejectCooldownDays === undefined ? {} : { rejectCooldownDays: options.rejectCooldownDays }),
      ...(options.learning === undefined ? {} : { learning: options.learning }),
      ...(options.admins === undefined ? {} : { admins: options.admins }),
      ...(options.allowPrivateWebhooks === undefined
        ? {}
        : { allowPrivateWebhooks: options.allowPrivateWebhooks }),
      ...(options.stripeSyncMinutes === undefined ? {} : { stripeSyncMinutes: options.stripeSyncMinutes }),
      ...(options.defaultTimeZone === undefined ? {} : { defaultTimeZone: options.defaultTimeZone }),
      ...(options.beforeWorkspaceRead === undefined
        ? {}
        : { beforeWorkspaceRead: options.beforeWorkspaceRead }),
      ...(options.onWorkspaceCreated === undefined ? {} : { onWorkspaceCreated: options.onWorkspaceCreated }),
    },
    parts,
  );
  return {
    app,
    store,
    db,
    close: () => store.close(),
    newAndEmpty: () => created !== null && openingsOnly(db, created) !== null,
    emptyFileBefore: emptyFileMode !== null,
    closeDiscardingNew: () => {
      const rows = created === null ? null : openingsOnly(db, created);
      store.close();
      return created !== null && rows !== null && removeNewDatabase(created, rows);
    },
  };
}
