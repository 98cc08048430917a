import type { Ctx } from '../domain/ctx.js';
import { sha256Hex } from '../domain/lazy-builtin.js';
import { KeyReusedError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/** Between what a request asked and the id of what it added, in the event's stored outcome. */
const ADDED = ' -> ';

/**
 * What a request under a key asked for, as remembered with it: what it does and to what (`feature
 * add "Quizzly"`, `approve T-4`), then a digest of its details, so the same key sent with others
 * is told apart from a retry.
 */
export const keyedRequest = (what: string, details: unknown): string =>
  `${what} #${sha256Hex(JSON.stringify(details)).slice(0, 12)}`;

/** The refusal of a key used before for `was` (see keyedRequest), named by what it did. */
export const keyReused = (was: string): KeyReusedError =>
  new KeyReusedError(
    `this key was already used for another request (${was.split(' #')[0]}); use a new key for a new request`,
  );

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
    if (was !== request) throw keyReused(was);
    return { ...again(Number(seen.slice(at + ADDED.length))), duplicate: true };
  }
  const { id, added } = add();
  deps.store.processed.mark(ctx.workspaceId, ctx.source, eventId, `${request}${ADDED}${id}`, nowIso(deps));
  return added;
}
