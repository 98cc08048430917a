import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { destination, pino } from 'pino';
import type { Logger } from './domain/logger.js';
import { ConfigError } from './errors.js';

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

/**
 * A log file opened for appending, owner-only like the database (log lines name users and tasks);
 * a new folder for it is owner-only too.
 * @throws ConfigError naming the file when it cannot be opened.
 */
function fileDestination(path: string) {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    return destination({ dest: path, sync: true, append: true, mode: 0o600 });
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
  return pino(
    { level, base: { app: 'goalpost' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    typeof to === 'string' ? fileDestination(to) : destination({ fd: to, sync: true }),
  );
}
