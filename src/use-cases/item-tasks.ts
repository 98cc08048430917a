import type { Ctx } from '../domain/ctx.js';
import type { Store } from '../store/create-store.js';
import type { createTaskUseCases } from './tasks.js';

/** A backlog item tasks are made from. */
export interface ItemRef {
  kind: 'feature' | 'bug';
  id: number;
}

/** What became of the open tasks of an item that went: withdrawn, or left to the team. */
export interface Withdrawal {
  /** Tasks still proposed from it, cancelled. */
  withdrawn: string[];
  /** Tasks approved or under way on it, left as they are. */
  underWay: string[];
}

/**
 * Cancels the tasks still proposed from `item` with `note` (its work is done, gone or other work
 * now), and names those approved or under way, which are the team's to finish or cancel. Call
 * inside the write transaction that changed the item.
 */
export function withdrawProposals(
  store: Store,
  steps: Pick<ReturnType<typeof createTaskUseCases>, 'transition'>,
  ctx: Ctx,
  item: ItemRef,
  note: string,
  meta: Record<string, unknown>,
): Withdrawal {
  const out: Withdrawal = { withdrawn: [], underWay: [] };
  for (const task of store.tasks.openOnItem(ctx.workspaceId, item)) {
    if (task.status !== 'proposed') {
      out.underWay.push(task.ref);
      continue;
    }
    steps.transition(ctx, task, 'cancel', note, {}, meta);
    out.withdrawn.push(task.ref);
  }
  return out;
}
