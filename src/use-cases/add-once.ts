import type { Ctx } from '../domain/ctx.js';
import { sha256Hex } from '../domain/lazy-builtin.js';
import { KeyReusedError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/** Between what a request asked and the id of what it added, in the event's stored outcome. */
const ADDED = ' -> ';

/**
 * What an add asked for, as remembered with its key: the command and where (`feature add
 * "Quizzly"`), then a digest of its input, so the same key sent with another body is told apart
 * from a retry (as a decision's is: see requestOf in decisions.ts).
 */
export const addRequest = (what: string, input: unknown): string =>
  `${what} #${sha256Hex(JSON.stringify(input)).slice(0, 12)}`;

/**
 * An item added at most once per API caller's `Idempotency-Key` (`eventId`), inside the caller's
 * write transaction: a script whose request timed out after the write, sending it again, gets
 * what the first one added (`duplicate: true`) instead of a conflict with it. Without a key, the
 * add as it is. The key remembers the request's digest and the item's id, as a decision's does.
 * @throws KeyReusedError when the key was used for another request (another body, another route).
 */
export function addOnce<T extends object>(
  deps: UseCaseDeps,
  ctx: Ctx,
  eventId: string | undefined,
  request: string,
  add: () => { id: number; added: T },
  again: (id: number) => T,
): T & { duplicate?: true } {
  if (eventId === undefined) return add().added;
  const seen = deps.store.processed.outcome(ctx.workspaceId, ctx.source, eventId);
  if (seen !== null) {
    const at = seen.lastIndexOf(ADDED);
    const was = at < 0 ? seen : seen.slice(0, at);
    if (was !== request)
      throw new KeyReusedError(
        `this key was already used for another request (${was.split(' #')[0]}); use a new key for a new request`,
      );
    return { ...again(Number(seen.slice(at + ADDED.length))), duplicate: true };
  }
  const { id, added } = add();
  deps.store.processed.mark(ctx.workspaceId, ctx.source, eventId, `${request}${ADDED}${id}`, nowIso(deps));
  return added;
}
