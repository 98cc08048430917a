import type { Ctx } from '../domain/ctx.js';
import { addDays } from '../domain/due.js';
import { type Task, withoutRoute } from '../domain/task.js';
import type { LoggedEvent } from '../store/event-repository.js';
import { isUserOf } from './assignee-people.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { HANDED_ON, type Leave, stepOfLeave } from './hand-on-leave.js';
import { recordStep } from './record-step.js';
import { ROUTED } from './route-batch.js';

/** Steps after a hand-on that show someone chose where the task goes: by hand, a plan, a worker. */
const CHOSEN_SINCE: ReadonlySet<string> = new Set(['assigned', ROUTED, 'claimed']);

/** What ending a leave early did with the work it had handed on from one assignee. */
export interface LeaveBack {
  assignee: string;
  /** The last day the time off was booked to run, in their own zone. */
  until: string;
  /** Tasks nobody held, theirs again. */
  back: { ref: string; title: string }[];
  /** Tasks another assignee holds now: they stay, named so the person can ask for them. */
  stays: { ref: string; title: string; with: string }[];
}

const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * Gives back the work `leave` handed on from the assignees chat user `user` is, now that it ended
 * before its last day (`away off`): a lead expects what their time off moved to nobody to be
 * theirs again, not left unassigned while they are at work (a review found it so). A task still
 * unstarted and held by nobody since the hand-on comes back; one another assignee holds stays
 * with them (they may have planned it), named; one a lead, a plan or a worker took meanwhile is
 * never taken back. Each comes back once: its `routed` step is a choice made after the hand-on.
 * Call inside the transaction that ends the leave.
 */
export function bringBackFromLeave(deps: UseCaseDeps, ctx: Ctx, user: string, leave: Leave): LeaveBack[] {
  const { store } = deps;
  const ws = ctx.workspaceId;
  const theirs = store.assignees.list(ws).filter((a) => a.active && a.kind === 'person' && isUserOf(a, user));
  if (theirs.length === 0) return [];
  const during = eventsDuring(deps, ws, leave);
  return theirs.flatMap((a) => {
    const r = bringBack(deps, ctx, a.name, leave, during);
    return r.back.length + r.stays.length === 0 ? [] : [{ assignee: a.name, until: leave.until, ...r }];
  });
}

/** The workspace's task events from a day before the leave's first day, in UTC, on. */
function eventsDuring(deps: UseCaseDeps, ws: string, leave: Leave): LoggedEvent[] {
  // A day before in UTC covers every zone's first day; which hand-ons are this leave's, its steps say.
  return deps.store.events.since(ws, `${addDays(leave.from, -1)}T00:00:00.000Z`);
}

/** Whether `e` is this leave handing a task on from `name` (to someone, or to nobody). */
const handedOnFrom = (e: LoggedEvent, name: string, leave: Leave) =>
  (e.type === HANDED_ON || e.type === ROUTED) &&
  e.data.leave === true &&
  same(e.data.from, name) &&
  stepOfLeave(e, leave);

/** Brings back, or names, each unstarted task the leave handed on from `name`. */
function bringBack(
  deps: UseCaseDeps,
  ctx: Ctx,
  name: string,
  leave: Leave,
  during: readonly LoggedEvent[],
): Pick<LeaveBack, 'back' | 'stays'> {
  const back: LeaveBack['back'] = [];
  const stays: LeaveBack['stays'] = [];
  const handOns = new Map<number, number>();
  during.forEach((e, i) => {
    if (handedOnFrom(e, name, leave)) handOns.set(e.taskId, i);
  });
  for (const [taskId, at] of handOns) {
    const task = deps.store.tasks.findById(taskId);
    if (task === null || (task.status !== 'proposed' && task.status !== 'approved')) continue;
    if (task.assignee !== null) {
      if (!same(task.assignee, name)) stays.push({ ref: task.ref, title: task.title, with: task.assignee });
      continue;
    }
    const chosen = during.slice(at + 1).some((e) => e.taskId === taskId && CHOSEN_SINCE.has(e.type));
    if (chosen) continue;
    giveBack(deps, ctx, task, name);
    back.push({ ref: task.ref, title: task.title });
  }
  return { back, stays };
}

/** Routes `task` to `name` again, with a step in its log and its route saying why. */
function giveBack(deps: UseCaseDeps, ctx: Ctx, task: Task, name: string): void {
  const { store } = deps;
  const now = nowIso(deps);
  const why = `${name} is back from time off before its end`;
  store.tasks.setAssignee(task.id, name, now);
  store.tasks.reroute(task.id, name, [
    ...withoutRoute(task.reasoning),
    `Route: ${why}, so it is theirs again: their leave had handed it on to nobody`,
  ]);
  recordStep(
    store,
    ctx,
    task,
    {
      type: ROUTED,
      to: task.status,
      note: `${why}: routed to ${name} again`,
      data: { from: null, to: name, back: true },
    },
    now,
  );
}
