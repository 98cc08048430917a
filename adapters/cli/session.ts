import { userInfo } from 'node:os';
import {
  type Clock,
  type Config,
  type Ctx,
  createLogger,
  deferredLogger,
  ENV_VARIABLES,
  type Facade,
  fixedClock,
  INSTANT_FORM,
  isInstant,
  type Logger,
  loadConfig,
  NotFoundError,
  type OpenedGoalpost,
  openGoalpostWith,
  type PartName,
  type PartsOf,
  systemClock,
  ValidationError,
  zoneMissing,
} from '../../src/index.js';
import { commandWord } from './command-words.js';

/** What the outside world gives the CLI; passed in so tests drive it in-process. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  /** The names `.env` set in `env` (see loadConfig's `dotEnv`). */
  dotEnv?: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** See OpenGoalpostOptions.beforeWorkspaceRead: bin/goalpost.js tunes V8 for the work ahead. */
  beforeWorkspaceRead?: (projects: number) => void;
  /**
   * Called before a command reads a service's records page by page (a Stripe account's
   * subscriptions and invoices): bin/goalpost.js tunes V8 for a stream of parsed pages.
   */
  beforeBulkRead?: () => void;
}

export interface GlobalOptions {
  json?: boolean;
  db?: string;
  workspace?: string;
  now?: string;
}

/**
 * Opens the database on first use and closes it when the command is done. Its facade holds the
 * parts K: those of the command group that runs (see command-groups.ts).
 */
export interface CliSession<K extends PartName = PartName> {
  app(): Facade<K>;
  opened(): OpenedGoalpost<K>;
  ctx(): Ctx;
  /** The clock commands run on (`--now` or the wall clock). */
  clock(): Clock;
  /** The log (stderr, `LOG_LEVEL`, `warn` by default). */
  logger(): Logger;
  /** The configuration from the environment (and `--db`, `--workspace`). */
  config(): Config;
  maxTasks(): number;
  /** The environment the CLI was given (worker commands pass it on to the commands they run). */
  env(): Record<string, string | undefined>;
  /** The folder the CLI runs in: relative paths (`--out`) start here. */
  cwd(): string;
  /** Tells the process a read of many pages from a service begins (see CliIo.beforeBulkRead). */
  beforeBulkRead(): void;
  close(): void;
  /**
   * Closes after a command that failed: a database file this command created, and left holding
   * nothing but what opening writes, is removed (see OpenedGoalpost.closeDiscardingNew). Returns
   * the path it removed, or null.
   */
  closeFailed(): string | null;
  /**
   * The database path, when this command created the file there and it holds nothing yet: a
   * command that found nothing there most likely names the wrong path. Null otherwise.
   */
  absentDatabase(): string | null;
  /** Whether the database path held an empty file, not a database, when it was opened. */
  emptyFileBefore(): boolean;
  /**
   * Refuses a command that only read, on a path where there was no database: it would answer about
   * an empty database it made for the purpose ("No tasks match." or `[]` for a mistyped --db).
   * Called before it prints, and before a command writes a file (`export --out`); the database is
   * then removed, as for any refused command. Commands that read no team data are not refused.
   * @throws NotFoundError saying what makes a database there.
   */
  refuseReadOfNothing(): void;
}

/**
 * Commands that open the database without reading the team's data: `init` makes it, `discord
 * register` builds the slash command (before the bot first starts, often), `simulate` replays a
 * routing policy on outcomes it makes up.
 */
const READS_NO_TEAM_DATA = new Set(['init', 'discord', 'simulate']);

function actorName(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/**
 * A global flag's value, checked as the variable it stands for is, but named as the flag: a bad
 * `--workspace` is the flag's fault, not the environment's, and an empty one is no way to say
 * "the default" (an empty variable is unset; a flag given empty is a mistake).
 * @throws ValidationError naming the flag.
 */
function flagValue(flag: string, variable: 'GOALPOST_DB' | 'GOALPOST_WORKSPACE', value: string): string {
  const checked = ENV_VARIABLES[variable].schema().safeParse(value);
  if (!checked.success) {
    const why = checked.error.issues[0]?.message ?? 'not valid';
    throw new ValidationError(`--${flag}: ${why} (got ${JSON.stringify(value)})`, flag);
  }
  return value;
}

/**
 * `"default" too: check --workspace … if you meant that one`: the other workspaces (the first
 * five, `, …` after them when there are more), and what to check, for a name that may be a typo.
 */
function othersToo(ids: readonly string[]): string {
  const listed = ids
    .slice(0, 5)
    .map((w) => `"${w}"`)
    .join(', ');
  return `${ids.length > 5 ? `${listed}, …` : listed} too: check --workspace or GOALPOST_WORKSPACE if you meant ${ids.length === 1 ? 'that one' : 'one of those'}`;
}

export function createSession<K extends PartName>(
  io: CliIo,
  globals: GlobalOptions,
  parts: PartsOf<K>,
): CliSession<K> {
  const env = { ...io.env };
  if (globals.db !== undefined) env.GOALPOST_DB = flagValue('db', 'GOALPOST_DB', globals.db);
  if (globals.workspace !== undefined) {
    env.GOALPOST_WORKSPACE = flagValue('workspace', 'GOALPOST_WORKSPACE', globals.workspace);
  }
  const config = loadConfig(env, io.cwd, {
    ...(io.dotEnv === undefined ? {} : { dotEnv: io.dotEnv }),
    warn: (line) => io.stderr(`goalpost: ${line}\n`),
  });
  let clock: Clock = systemClock;
  if (globals.now !== undefined) {
    if (!isInstant(globals.now)) {
      throw new ValidationError(
        `--now: ${INSTANT_FORM} (got ${JSON.stringify(globals.now)}${zoneMissing(globals.now)})`,
        'now',
      );
    }
    clock = fixedClock(globals.now);
  }
  let logger: Logger | null = null;
  const log = (): Logger => {
    const level = config.logLevel ?? 'warn';
    logger ??= deferredLogger(level, () => createLogger(level));
    return logger;
  };
  let opened: OpenedGoalpost<K> | null = null;
  /** The rows opening wrote on this connection (the migrations, a workspace made on first use). */
  let openingChanges: number | null = null;
  /** Whether this command has looked at its workspace for a typo already (see warnIfUnused). */
  let checkedUnused = false;
  let totalChanges: { get(): unknown } | null = null;
  /** The rows this connection has inserted, updated or deleted since it opened (SQLite's count). */
  const changes = (): number => {
    if (opened === null) return 0;
    totalChanges ??= opened.db.prepare('SELECT total_changes()').pluck();
    return totalChanges.get() as number;
  };
  /**
   * A workspace made before (by a command that then wrote nothing to it, or only read) that still
   * holds nothing, in a database with others: a typo still, as when it was made (see
   * onWorkspaceCreated), until something is written to it.
   */
  const warnIfUnused = ({ store }: OpenedGoalpost<K>, id: string): void => {
    if (commandWord(io.argv) === 'init') return;
    const others = store.workspaces.list().filter((w) => w !== id);
    if (others.length === 0 || !store.workspaces.unused(id)) return;
    io.stderr(`goalpost: workspace "${id}" holds nothing yet, and this database has ${othersToo(others)}\n`);
  };
  const open = (): OpenedGoalpost<K> => {
    opened ??= openGoalpostWith(parts, {
      dbPath: config.dbPath,
      clock,
      logger: log(),
      maxTasks: config.maxTasks,
      rejectCooldownDays: config.rejectCooldownDays,
      learning: config.learning,
      allowPrivateWebhooks: config.webhooks.allowPrivate,
      admins: config.admins,
      stripeSyncMinutes: config.stripe.syncMinutes,
      // SQLite's own default page cache: a command reads most of a large workspace's pages once,
      // and a 16 MB cache (better-sqlite3's default) added 13 MB to the peak of a dry run on
      // 10,000 projects to save it 4 % of its time.
      cacheKiB: 2000,
      ...(io.beforeWorkspaceRead === undefined ? {} : { beforeWorkspaceRead: io.beforeWorkspaceRead }),
      // A database with other workspaces, and a name it did not have: most likely a typo, which
      // would read as a team with nothing yet. Said on stderr, so --json output stays parseable.
      onWorkspaceCreated: (id, others) => {
        // `init` is how a workspace is meant to be made: nothing to point out then.
        if (others.length === 0 || commandWord(io.argv) === 'init') return;
        io.stderr(`goalpost: workspace "${id}" is new in this database, which has ${othersToo(others)}\n`);
      },
      ...(config.schedule.defaultTimeZone === undefined
        ? {}
        : { defaultTimeZone: config.schedule.defaultTimeZone }),
    });
    // What the migrations wrote, on a database this open made or brought up to date.
    openingChanges ??= changes();
    return opened;
  };
  return {
    opened: open,
    app: () => open().app,
    // Whoever runs the CLI holds the database file, so they act as an admin.
    ctx: () => {
      const { app } = open();
      // A workspace made on first use (its row and playbooks) is what opening writes, not the command.
      const before = changes();
      const ctx = app.context({
        workspaceId: config.workspace,
        actor: actorName(),
        source: 'cli',
        role: 'admin',
      });
      // Looked at once a command (it may ask for its context again), unless it made it just now.
      if (changes() > before) checkedUnused = true;
      openingChanges = (openingChanges ?? 0) + changes() - before;
      if (!checkedUnused) {
        checkedUnused = true;
        warnIfUnused(open(), config.workspace);
      }
      return ctx;
    },
    clock: () => clock,
    logger: log,
    config: () => config,
    maxTasks: () => config.maxTasks,
    env: () => env,
    cwd: () => io.cwd,
    beforeBulkRead: () => io.beforeBulkRead?.(),
    close: () => opened?.close(),
    closeFailed: () => (opened?.closeDiscardingNew() === true ? config.dbPath : null),
    absentDatabase: () => (opened?.newAndEmpty() === true ? config.dbPath : null),
    emptyFileBefore: () => opened?.emptyFileBefore === true,
    refuseReadOfNothing: () => {
      if (READS_NO_TEAM_DATA.has(commandWord(io.argv) ?? '')) return;
      // Only a command that wrote nothing of its own (SQLite counts every row a connection writes).
      if (opened === null || changes() !== openingChanges) return;
      if (!opened.newAndEmpty()) return;
      throw new NotFoundError(
        'nothing to read: `goalpost init` makes a database there (or `init --demo`, with the example)',
      );
    },
  };
}
