import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as Pino from 'pino';
import type { Logger } from './domain/logger.js';
import { ConfigError } from './errors.js';
import { makeFolders } from './paths.js';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

let loaded: typeof Pino | null = null;

/**
 * pino, required when the first logger is made: loading it took some 7 ms of every CLI command,
 * most of which never log (see deferredLogger).
 */
function pino(): typeof Pino {
  loaded ??= createRequire(import.meta.url)('pino') as typeof Pino;
  return loaded;
}

/**
 * A log file opened for appending, owner-only like the database (log lines name users and tasks);
 * a new folder for it is owner-only too.
 * @throws ConfigError naming the file when it cannot be opened.
 */
function fileDestination(path: string) {
  try {
    makeFolders(dirname(path), 0o700);
    return pino().destination({ dest: path, sync: true, append: true, mode: 0o600 });
  } catch (error) {
    throw new ConfigError(
      `cannot write the log to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set LOG_FILE to a file you can write`,
    );
  }
}

/**
 * A pino logger writing JSON lines to a file descriptor (default stderr, so stdout stays clean for
 * `--json` output) or appending them to the file at a path.
 * @throws ConfigError when the log file cannot be opened.
 */
export function createLogger(level: string, to: number | string = 2): Logger {
  return openLog(level, to).logger;
}

/** A log, and what opens its file again once logrotate has moved it away. */
export interface OpenedLog {
  logger: Logger;
  /**
   * Opens the log file at its path again (a new one if it was moved), writing there from then
   * on: `false` when the log goes to a file descriptor, which has no path to open.
   * @throws Error when the file cannot be opened; the log stays on the one it had.
   */
  reopen(): boolean;
}

/**
 * {@link createLogger}'s logger with what reopens its file: the bot's, which reopens on SIGHUP
 * (a moved log was written to under its new name until a restart).
 * @throws ConfigError when the log file cannot be opened.
 */
export function openLog(level: string, to: number | string = 2): OpenedLog {
  const { pino: create, destination } = pino();
  const file = typeof to === 'string' ? fileDestination(to) : null;
  const logger = create(
    { level, base: { app: 'goalpost' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    file ?? destination({ fd: to as number, sync: true }),
  );
  // A write the file refuses later (its disk full) is said on stderr; unheard, the error event
  // would stop the bot.
  file?.on('error', (error: Error) =>
    process.stderr.write(`goalpost: the log file refused a write: ${error.message}\n`),
  );
  return {
    logger,
    reopen() {
      if (file === null || typeof to !== 'string') return false;
      // Its folder made again and the file opened first, as at start: sonic-boom's own reopen of a
      // path it cannot open throws, and emits the error a tick later as well.
      makeFolders(dirname(to), 0o700);
      closeSync(openSync(to, 'a', 0o600));
      file.reopen();
      return true;
    },
  };
}

/** pino's levels by name: a line is written when its level is at least the logger's. */
const LEVEL_VALUES = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
} as const;

/**
 * A logger at `level` that makes the real one (`make()`) only when a line at that level or above
 * is first logged, through it or a child: a CLI command at the default level (warn) usually logs
 * nothing, and then pays nothing for logging.
 */
export function deferredLogger(level: string, make: () => Logger): Logger {
  const threshold =
    (LEVEL_VALUES as Readonly<Record<string, number | undefined>>)[level] ?? LEVEL_VALUES.info;
  let real: Logger | null = null;
  const logger = (): Logger => {
    real ??= make();
    return real;
  };
  const at = (value: number, write: (l: Logger) => void): void => {
    if (value >= threshold) write(logger());
  };
  return {
    debug: (...line) => at(LEVEL_VALUES.debug, (l) => l.debug(...line)),
    info: (...line) => at(LEVEL_VALUES.info, (l) => l.info(...line)),
    warn: (...line) => at(LEVEL_VALUES.warn, (l) => l.warn(...line)),
    error: (...line) => at(LEVEL_VALUES.error, (l) => l.error(...line)),
    child: (bindings) => deferredLogger(level, () => logger().child(bindings)),
  };
}
