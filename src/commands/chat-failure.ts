import type { Ctx } from '../domain/ctx.js';
import { nodeCrypto } from '../domain/lazy-builtin.js';
import type { Logger } from '../domain/logger.js';
import { type Reply, reply } from '../domain/reply.js';
import {
  asGoalpostError,
  ForbiddenError,
  type GoalpostError,
  isShown,
  UserError,
  userMessage,
  ValidationError,
} from '../errors.js';

/** Who acted, for the log: known before their Ctx is (making it may be what failed). */
export type Who = Pick<Ctx, 'workspaceId' | 'actor'>;

/**
 * What a failure tells the person, as the error table says, logged as it deserves: a refusal of
 * theirs quietly, one they could not help (busy, full) as a warning, anything else as an error
 * under the id the words they get name.
 */
export function failureMessage(logger: Logger, e: GoalpostError, who: Who, what: string): string {
  const where = { workspace: who.workspaceId, actor: who.actor, what };
  if (e instanceof ForbiddenError) logger.info(where, 'refused: role too low');
  if (isShown(e)) {
    if (!(e instanceof UserError)) logger.warn({ err: e, ...where }, e.message);
    return e.message;
  }
  const id = nodeCrypto().randomUUID().slice(0, 8);
  logger.error({ err: e.cause ?? e, errorId: id, ...where }, 'command failed');
  return userMessage(e, id);
}

/** Turns any error into a Reply for the caller (see failureMessage), with the usage line for bad input. */
export function chatFailure(logger: Logger, error: unknown, who: Who, what: string, usage?: string): Reply {
  const e = asGoalpostError(error);
  return reply.error(failureMessage(logger, e, who, what), e instanceof ValidationError ? usage : undefined);
}
