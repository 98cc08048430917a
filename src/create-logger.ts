import { destination, pino } from 'pino';
import type { Logger } from './domain/logger.js';

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

/** A pino logger writing JSON lines to stderr (stdout stays clean for `--json` output). */
export function createLogger(level: string, fd = 2): Logger {
  return pino(
    { level, base: { app: 'goalpost' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination({ fd, sync: true }),
  );
}
