import type { RememberedTask } from '../domain/history.js';
import { OPEN_STATUSES, type RejectionHold } from '../domain/task.js';
import { isItemKey } from '../engine/BacklogItem.js';
import { DAY_MS } from '../engine/dates.js';
import {
  putsProductOff,
  rejectionHold,
  rejectionWaitsOn,
  rejectionWindow,
  rejectMemoryDays,
  type Waited,
} from '../engine/memory.js';
import type { UseCaseDeps } from './deps.js';

/**
 * What the task a reason waits for ("until T-5 ships") is now, as a plan reads it (see WaitedOn):
 * open, failed with its work still to do (a failure has not shipped it), or null when it waits no
 * more (done, its work turned down, or no such task).
 */
export function waitedTask(store: UseCaseDeps['store'], workspaceId: string, ref: string): Waited | null {
  const task = store.tasks.findByRef(workspaceId, ref);
  if (task === null) return null;
  if (OPEN_STATUSES.includes(task.status)) return 'open';
  return task.status === 'failed' && store.history.failedWork(workspaceId, [ref]).size > 0 ? 'failed' : null;
}

/**
 * The latest rejection of a piece of work (a memory key) while it still holds the work back from
 * plans at `now`, with its hold counted as a plan counts it (see rejectionHold); null when it was
 * never rejected, was done since, its hold is over, or there is none (a cooldown of 0 days).
 */
export function heldByRejection(
  deps: Pick<UseCaseDeps, 'store' | 'rejectCooldownDays'>,
  workspaceId: string,
  key: string,
  now: string,
  /** The product of the backlog item the key is, to tell whether its reason puts it off (see putsProductOff). */
  product: string | null = null,
): { rejected: RememberedTask; hold: RejectionHold } | null {
  const memory = deps.store.history.memory(workspaceId, {
    keys: [key],
    ...rejectionWindow(now, deps.rejectCooldownDays),
    failedSince: now,
  });
  const rejected = memory.rejected.get(key);
  const done = memory.done.get(key);
  if (rejected === undefined || (done !== undefined && done.at > rejected.at)) return null;
  // Rejected until another task ships: held while it is open (see recall), not for a time.
  const waitsOn = rejectionWaitsOn(rejected, deps.rejectCooldownDays);
  if (waitsOn !== null) {
    const waited = waitedTask(deps.store, workspaceId, waitsOn);
    if (waited === null) return null;
    // At most as long as memory keeps the rejection: a plan forgets it then, and the work is back.
    const days = rejectMemoryDays(deps.rejectCooldownDays);
    const until = new Date(Date.parse(rejected.at) + days * DAY_MS).toISOString();
    return {
      rejected,
      hold: {
        until,
        times: rejected.times ?? 1,
        days,
        waitsOn,
        ...(waited === 'failed' ? { waitsOnFailed: true } : {}),
      },
    };
  }
  const {
    times,
    days,
    ends,
    asked,
    byReason,
    duplicate,
    done: doneAlready,
    notOurs,
    judged,
  } = rejectionHold(rejected, deps.rejectCooldownDays);
  if (days === 0 || Date.parse(now) >= ends) return null;
  const hold: RejectionHold = { until: new Date(ends).toISOString(), times, days };
  const rememberedDays = rejectMemoryDays(deps.rejectCooldownDays);
  if (byReason)
    hold.byReason =
      duplicate === true
        ? { duplicate: true, ...(doneAlready === true ? { done: true as const } : {}), rememberedDays }
        : notOurs === true
          ? { duplicate: false, notOurs: true, rememberedDays }
          : judged === true
            ? { duplicate: false, judged: true, rememberedDays }
            : { duplicate: false };
  if (
    product !== null &&
    isItemKey(key) &&
    putsProductOff({ byReason, duplicate, notOurs, judged }, rejected.reason, product)
  )
    hold.productPutOff = product;
  if (asked !== undefined)
    hold.asked = {
      at: new Date(asked).toISOString(),
      rememberedDays: rejectMemoryDays(deps.rejectCooldownDays),
    };
  return { rejected, hold };
}
