import { randomUUID } from 'node:crypto';
import type { Ctx } from '../domain/ctx.js';
import type { Logger } from '../domain/logger.js';
import { type Reply, reply } from '../domain/reply.js';
import { asGoalpostError, errorKind, ForbiddenError, UserError, ValidationError } from '../errors.js';

/** Who acted, for the log: known before their Ctx is (making it may be what failed). */
export type Who = Pick<Ctx, 'workspaceId' | 'actor'>;

/**
 * Turns any error into a Reply for the caller, as the error table says: a message meant for them
 * (with the usage line for bad input), or an apology naming an error id, logged with the error.
 */
export function chatFailure(logger: Logger, error: unknown, who: Who, what: string, usage?: string): Reply {
  const e = asGoalpostError(error);
  const where = { workspace: who.workspaceId, actor: who.actor, what };
  if (e instanceof ForbiddenError) logger.info(where, 'refused: role too low');
  if (errorKind(e).shown) {
    if (!(e instanceof UserError)) logger.warn({ err: e, ...where }, e.message);
    return reply.error(e.message, e instanceof ValidationError ? usage : undefined);
  }
  const id = randomUUID().slice(0, 8);
  logger.error({ err: e.cause ?? e, errorId: id, ...where }, 'command failed');
  return reply.error(`Something went wrong on our side (error ${id}); it has been logged.`);
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = saved;
    }
  }
  return row[b.length] ?? 0;
}
