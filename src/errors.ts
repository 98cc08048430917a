/** Stable string codes for every error Goalpost raises on purpose. */
export type ErrorCode =
  | 'E_USER'
  | 'E_VALIDATION'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_KEY_REUSED'
  | 'E_FORBIDDEN'
  | 'E_CONFIG'
  | 'E_MIGRATION'
  | 'E_DB_BUSY'
  | 'E_DB_FULL'
  | 'E_DB_READONLY'
  | 'E_DB_CORRUPT'
  | 'E_DB_CANTOPEN'
  | 'E_DB_GONE'
  | 'E_CHAT_REFUSED'
  | 'E_SERVICE'
  | 'E_INTERNAL';

/** Base class: every deliberate error carries a code; ERRORS says what each code becomes. */
export class GoalpostError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** An error whose message is safe and useful to show the person who caused it. */
export class UserError extends GoalpostError {
  constructor(message: string, code: ErrorCode = 'E_USER') {
    super(code, message);
  }
}

/** What a refusal quotes of a value it got: `(got "…")`, its text a JSON string literal. */
const GOT = /\(got ("(?:[^"\\]|\\.)*")\)/g;
/** The most characters of a value a refusal quotes (see clipForMessage, which builds most of them). */
const QUOTED_MOST = 40;

/**
 * A refusal's `(got "…")` cut to its first QUOTED_MOST characters and `…`, whoever wrote it: a
 * token name of 120,000 characters was printed back whole.
 */
function clipQuoted(message: string): string {
  return message.replace(GOT, (whole, literal: string) => {
    if (literal.length <= QUOTED_MOST + 2) return whole;
    try {
      const text = JSON.parse(literal) as string;
      return text.length <= QUOTED_MOST ? whole : `(got ${JSON.stringify(`${text.slice(0, QUOTED_MOST)}…`)})`;
    } catch {
      return whole;
    }
  });
}

/** Input that failed validation; `field` names what was wrong and the message the accepted form. */
export class ValidationError extends UserError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(clipQuoted(message), 'E_VALIDATION');
    this.field = field;
  }
}

/** A thing the user named (task ref, project, playbook) does not exist. */
export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message, 'E_NOT_FOUND');
  }
}

/** The request is valid but clashes with the current state (illegal transition, duplicate name). */
export class ConflictError extends UserError {
  constructor(message: string) {
    super(message, 'E_CONFLICT');
  }
}

/** An idempotency key already used for a different request: the first one is named. */
export class KeyReusedError extends UserError {
  constructor(message: string) {
    super(message, 'E_KEY_REUSED');
  }
}

/** The actor's role does not allow this (approve needs approver; vision, roles need admin). */
export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message, 'E_FORBIDDEN');
  }
}

/** The environment or configuration is unusable; lists every problem at once. */
export class ConfigError extends GoalpostError {
  constructor(message: string) {
    super('E_CONFIG', message);
  }
}

/**
 * A connected service (GitHub, Stripe) could not be reached or did not answer as it should (down,
 * timed out, rate limited past the wait): nothing was written, and trying later may work.
 */
export class ServiceError extends GoalpostError {
  constructor(message: string, cause?: unknown) {
    super('E_SERVICE', message, { cause });
  }
}

/** Applied migrations and migration files disagree; the database is left untouched. */
export class MigrationError extends GoalpostError {
  constructor(message: string) {
    super('E_MIGRATION', message);
  }
}

export type DatabaseErrorCode =
  | 'E_DB_BUSY'
  | 'E_DB_FULL'
  | 'E_DB_READONLY'
  | 'E_DB_CORRUPT'
  | 'E_DB_CANTOPEN'
  | 'E_DB_GONE';

/** SQLite could not do what was asked (locked, full, read-only, damaged); nothing was written. */
export class DatabaseError extends GoalpostError {
  constructor(code: DatabaseErrorCode, message: string, cause?: unknown) {
    super(code, message, { cause });
  }
}

/**
 * The chat platform refused what Goalpost sent, for a reason sending it again will not cure:
 * the bot is not in the channel, the message breaks a limit, a scope is missing. The message says
 * what the person can do about it (invite the bot, grant the scope); `reason` is the platform's
 * own code (`not_in_channel`, `msg_blocks_too_long`, Discord's `50035`). Not retried unchanged.
 */
export class ChatRefusedError extends GoalpostError {
  readonly platform: string;
  readonly reason: string;
  constructor(message: string, refusal: { platform: string; reason: string; cause?: unknown }) {
    super('E_CHAT_REFUSED', message, { cause: refusal.cause });
    this.platform = refusal.platform;
    this.reason = refusal.reason;
  }
}

/** Runs `fn`; a database or migration problem it throws names the file it is about. */
export function withDatabasePath<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const e = asGoalpostError(error);
    if (e instanceof DatabaseError)
      throw new DatabaseError(e.code as never, `${e.message} (database ${path})`, e.cause);
    if (e instanceof MigrationError) throw new MigrationError(`${e.message} (database ${path})`);
    throw error;
  }
}

/** What an error carries besides its code and message, so it can be rebuilt on another thread. */
export interface ErrorDetail {
  /** The field a ValidationError is about. */
  field?: string;
  /** The platform that refused, and its own code for why (ChatRefusedError). */
  platform?: string;
  reason?: string;
}

/** What one code means at each edge. */
export interface ErrorKind {
  /** Rebuilds the error from its message and detail, e.g. after it crossed a thread. */
  make(message: string, detail?: ErrorDetail): GoalpostError;
  /** The HTTP status it answers with. */
  http: number;
  /** The process exit code it ends the CLI or the bot with (README, "Exit codes"). */
  exit: number;
  /**
   * What the person who caused it is told: `'message'`, the error's own (written for them, naming
   * what to do); or the words they get instead, naming the id it was logged under, when its
   * message is for the log (it may hold paths, SQL or a stack).
   */
  says: 'message' | ((errorId: string) => string);
}

const database =
  (code: DatabaseErrorCode) =>
  (message: string): GoalpostError =>
    new DatabaseError(code, message);

/** The words for a failure that is ours, not the person's: its details are in the log under the id. */
const apology = (errorId: string): string =>
  `Something went wrong on our side (error ${errorId}); it has been logged`;

/** The one table every edge reads: chat replies, HTTP, the CLI, the bot's exit, the job thread. */
export const ERRORS: Readonly<Record<ErrorCode, ErrorKind>> = {
  E_USER: { make: (m) => new UserError(m), http: 400, exit: 1, says: 'message' },
  E_VALIDATION: { make: (m, d) => new ValidationError(m, d?.field), http: 400, exit: 1, says: 'message' },
  E_NOT_FOUND: { make: (m) => new NotFoundError(m), http: 404, exit: 1, says: 'message' },
  E_CONFLICT: { make: (m) => new ConflictError(m), http: 409, exit: 1, says: 'message' },
  E_KEY_REUSED: { make: (m) => new KeyReusedError(m), http: 422, exit: 1, says: 'message' },
  E_FORBIDDEN: { make: (m) => new ForbiddenError(m), http: 403, exit: 1, says: 'message' },
  E_CONFIG: { make: (m) => new ConfigError(m), http: 500, exit: 78, says: 'message' },
  E_MIGRATION: { make: (m) => new MigrationError(m), http: 500, exit: 78, says: 'message' },
  E_DB_BUSY: { make: database('E_DB_BUSY'), http: 503, exit: 75, says: 'message' },
  E_DB_FULL: { make: database('E_DB_FULL'), http: 507, exit: 74, says: 'message' },
  E_DB_READONLY: { make: database('E_DB_READONLY'), http: 503, exit: 74, says: 'message' },
  E_DB_CORRUPT: { make: database('E_DB_CORRUPT'), http: 500, exit: 78, says: 'message' },
  E_DB_CANTOPEN: { make: database('E_DB_CANTOPEN'), http: 500, exit: 78, says: 'message' },
  E_DB_GONE: { make: database('E_DB_GONE'), http: 503, exit: 74, says: 'message' },
  E_CHAT_REFUSED: {
    make: (m, d) =>
      new ChatRefusedError(m, { platform: d?.platform ?? 'chat', reason: d?.reason ?? 'refused' }),
    http: 502,
    exit: 69,
    says: 'message',
  },
  E_SERVICE: { make: (m) => new ServiceError(m), http: 502, exit: 69, says: 'message' },
  E_INTERNAL: { make: (m) => new GoalpostError('E_INTERNAL', m), http: 500, exit: 70, says: apology },
};

/** What SQLite's result codes mean to the person whose write it refused. */
const SQLITE: ReadonlyArray<[RegExp, DatabaseErrorCode, string]> = [
  [
    /^SQLITE_(BUSY|LOCKED)/,
    'E_DB_BUSY',
    'the database is busy: another process held its lock too long; nothing was written, try again',
  ],
  [/^SQLITE_FULL/, 'E_DB_FULL', 'the disk is full: nothing was written; free some space and try again'],
  // A write the file system refused for something else than a full disk: EFBIG past a file-size
  // limit (ulimit -f, systemd's LimitFSIZE), EDQUOT past a quota. SQLite says "disk I/O error" for
  // both, and the transaction it was writing is rolled back, as on a full disk.
  [
    /^SQLITE_IOERR_(WRITE|SHMSIZE|TRUNCATE)$/,
    'E_DB_FULL',
    'the database file could not be written: the system refused to let it grow (a file-size limit such as ulimit -f, a disk quota, or a failing disk); nothing was written; check them and try again',
  ],
  // SQLite keeps a database's write-ahead log (-wal) and its index (-shm) beside it, and must make
  // them to read it at all: in a folder this user may not write, a read was refused as a write
  // ("the database file is read-only: nothing was written"), the file itself writable.
  [
    /^SQLITE_READONLY_DIRECTORY$/,
    'E_DB_READONLY',
    "the database's folder is read-only for this user: SQLite makes its -wal and -shm files beside the database, even to read it; nothing was read or written; let this user write the folder, or move the database to one it may",
  ],
  [
    /^SQLITE_READONLY/,
    'E_DB_READONLY',
    // A database once opened read-only (a 444 file) leaves its -shm file read-only too, which
    // keeps refusing writes after the database file's own permissions are mended.
    'the database file is read-only: nothing was written; check the permissions of the file, of the -wal and -shm files beside it, and of its folder',
  ],
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    'E_DB_CORRUPT',
    'the database file is damaged or not a Goalpost database; restore it from a backup',
  ],
  [
    /^SQLITE_CANTOPEN/,
    'E_DB_CANTOPEN',
    'the database file cannot be opened: check that its folder exists and this user may read and write both',
  ],
];

/**
 * Normalises anything thrown into a GoalpostError: SQLite's refusals become DatabaseErrors with a
 * clear message, anything else E_INTERNAL keeping the original as `cause`.
 */
export function asGoalpostError(error: unknown): GoalpostError {
  if (error instanceof GoalpostError) return error;
  const sqlite = (error as { code?: unknown } | null)?.code;
  if (typeof sqlite === 'string') {
    const known = SQLITE.find(([pattern]) => pattern.test(sqlite));
    if (known) return new DatabaseError(known[1], known[2], error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GoalpostError('E_INTERNAL', message, { cause: error });
}

/** The table's row for an error. */
export function errorKind(error: GoalpostError): ErrorKind {
  return ERRORS[error.code];
}

/** Whether an error's own message is for the person who caused it; when not, it goes to the log. */
export function isShown(error: GoalpostError): boolean {
  return ERRORS[error.code].says === 'message';
}

/**
 * What the person who caused an error is told, as the table says: its own message, or words
 * naming `errorId`, the id the caller logs it under (a request id, or a short random one).
 */
export function userMessage(error: GoalpostError, errorId: string): string {
  const says = ERRORS[error.code].says;
  return says === 'message' ? error.message : says(errorId);
}

/**
 * What stderr gets besides the table's words when a process ends on `error`: whoever runs the
 * process reads stderr as its log, so a failure of ours has its details (the stack) printed there,
 * under the id the words named. Null for an error whose message says it all.
 */
export function errorDetails(error: GoalpostError, errorId: string): string | null {
  if (isShown(error)) return null;
  const original = error.cause instanceof Error ? error.cause : error;
  return `error ${errorId}: ${original.stack ?? original.message}`;
}
