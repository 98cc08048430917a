import type { Ctx } from '../domain/ctx.js';
import { localTimeOf } from '../domain/due.js';
import { type Task, type TaskEvent, withoutRoute } from '../domain/task.js';
import type { Assignee } from '../store/assignee-repository.js';
import { isUserOf, personOf } from './assignee-people.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { recordStep } from './record-step.js';
import { ROUTED, routeWithWaiting } from './route-batch.js';

/** The step in a task's log when its assignee's time off began and it was offered again. */
export const HANDED_ON = 'handed_on';

/** One task an assignee on leave held, offered again: to whom (null: back to the queue). */
export interface HandedOn {
  ref: string;
  title: string;
  status: 'proposed' | 'approved';
  to: string | null;
}

/** What a leave beginning did to one assignee's work. */
export interface LeaveHandOn {
  assignee: string;
  /** The last day of their time off, in their own zone. */
  until: string;
  handedOn: HandedOn[];
  /** Their work in progress, which stays theirs: they started it. */
  stillHolds: string[];
}

/** A leave under way: its first and last days, and the zone they are told in. */
export interface Leave {
  from: string;
  until: string;
  timeZone: string;
}

/** `a`'s time off when it covers today in their zone; null when they are not away. */
function leaveOf(deps: UseCaseDeps, workspaceId: string, a: Assignee): Leave | null {
  const person = personOf(deps, workspaceId, a);
  if (!person?.away) return null;
  const timeZone = person.timeZone ?? deps.defaultTimeZone;
  const today = localTimeOf(deps.clock.now(), timeZone).date;
  const { from, until } = person.away;
  return today >= from && today <= until ? { from, until, timeZone } : null;
}

/**
 * Whether `e`, a step of some leave (`leave: true`), is one of `leave`'s: by the first day it
 * names, kept in the step since a move of time zone while away put the step's date, read in the
 * new zone, before the leave's first day, and `away off` brought nothing back; a step written
 * before that names none, and its date in the person's zone decides.
 */
export function stepOfLeave(e: Pick<TaskEvent, 'data' | 'createdAt'>, leave: Leave): boolean {
  if (typeof e.data.leaveFrom === 'string') return e.data.leaveFrom === leave.from;
  return localTimeOf(new Date(e.createdAt), leave.timeZone).date >= leave.from;
}

/**
 * Whether `task` was given back to `name` by hand (`assign`) after this leave had offered it
 * again: the lead chose them knowing they are away (it waits for their return), so the job leaves
 * it with them; offered again at every run, it went back to someone else within ten minutes.
 */
function givenBackDuringLeave(deps: UseCaseDeps, task: Task, name: string, leave: Leave): boolean {
  const same = (who: unknown) => typeof who === 'string' && who.toLowerCase() === name.toLowerCase();
  const events = deps.store.events.forTask(task.id);
  const given = events.findLastIndex((e) => e.type === 'assigned' && same(e.data.to));
  if (given < 0) return false;
  return events
    .slice(0, given)
    .some((e) => e.data.leave === true && same(e.data.from) && stepOfLeave(e, leave));
}

/**
 * Offers again the proposed and approved work of each assignee whose time off has begun: routed
 * as a plan routes waiting work (to the most likely person at work with room), else to nobody,
 * where a worker may claim it once approved. Tasks carry no due date, so all of it: it would
 * otherwise wait out the leave (a review found work approved for ana stayed hers, unclaimable,
 * with nobody told). Work in progress stays theirs, named. Each task gets a step in its log.
 * `user`: only the assignee that chat user is (their own `away`). Call inside a transaction.
 */
export function handOnLeave(deps: UseCaseDeps, ctx: Ctx, user?: string): LeaveHandOn[] {
  const { store } = deps;
  const ws = ctx.workspaceId;
  const result: LeaveHandOn[] = [];
  const isUser = (a: Assignee) => user === undefined || isUserOf(a, user);
  const away = store.assignees.list(ws).flatMap((a) => {
    const leave = a.active && isUser(a) ? leaveOf(deps, ws, a) : null;
    return leave === null ? [] : [{ a, leave }];
  });
  // Read only when someone is away: the job runs every ten minutes over every workspace.
  if (away.length === 0) return result;
  const open = store.tasks.list(ws, { status: ['proposed', 'approved', 'in_progress'], limit: 1_000_000 });
  for (const { a, leave } of away) {
    const theirs = open.filter((t) => t.assignee?.toLowerCase() === a.name.toLowerCase());
    const waiting = theirs.filter(
      (t) => t.status !== 'in_progress' && !givenBackDuringLeave(deps, t, a.name, leave),
    );
    if (waiting.length === 0) continue;
    const handedOn = offerAgain(deps, ctx, a.name, leave, waiting, open);
    const stillHolds = theirs.filter((t) => t.status === 'in_progress').map((t) => t.ref);
    result.push({ assignee: a.name, until: leave.until, handedOn, stillHolds });
  }
  return result;
}

/** Routes `tasks` of `name` again, without them (routing leaves out whoever is away), and writes it. */
function offerAgain(
  deps: UseCaseDeps,
  ctx: Ctx,
  name: string,
  leave: Leave,
  tasks: readonly Task[],
  open: readonly Task[],
): HandedOn[] {
  const { store } = deps;
  const now = nowIso(deps);
  const moving = new Set(tasks.map((t) => t.ref));
  // Proposals others hold keep their slots against work no more pressing, as in a plan.
  const held = open.flatMap((t) =>
    t.status === 'proposed' && t.assignee !== null && !moving.has(t.ref)
      ? [{ assignee: t.assignee, priority: t.priority, name: t.ref }]
      : [],
  );
  // Routed as nobody's: a route that found nobody else keeps a task's assignee, and so read "goes to
  // ana" of ana's own work, moved again (and said in the channel) at every run of the job.
  const waiting = tasks.map((task) => ({
    task: { ...task, assignee: null },
    priority: task.priority,
    title: task.title,
    valued: false,
  }));
  const { rerouted } = routeWithWaiting(deps, ctx.workspaceId, [], waiting, held, now);
  const routes = new Map(rerouted.map((r) => [r.ref, r]));
  const why = `${name} is away until ${leave.until}`;
  return tasks.map((t) => {
    const r = routes.get(t.ref);
    const to = r?.assignee ?? null;
    const assignee = to !== null && to.toLowerCase() === name.toLowerCase() ? null : to;
    const status = t.status === 'approved' ? 'approved' : 'proposed';
    const next =
      assignee !== null
        ? `Route: ${why}, so it went to ${assignee}`
        : status === 'proposed'
          ? `Route: ${why}, so nobody holds it: the next saved plan routes it again`
          : `Route: ${why}, so nobody holds it: whoever works on its project may claim it from the queue`;
    const lines = assignee !== null && r ? [...r.lines, next] : [next];
    store.tasks.setAssignee(t.id, assignee, now);
    store.tasks.reroute(t.id, assignee, [...withoutRoute(t.reasoning), ...lines]);
    recordStep(
      store,
      ctx,
      t,
      {
        type: assignee === null ? HANDED_ON : ROUTED,
        to: t.status,
        note: assignee === null ? `${why}: back to the queue` : `${why}: routed to ${assignee}`,
        data: { from: name, to: assignee, leave: true, leaveFrom: leave.from },
      },
      now,
    );
    return { ref: t.ref, title: t.title, status, to: assignee };
  });
}
