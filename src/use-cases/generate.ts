import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import type { RevenueRecord } from '../domain/project.js';
import {
  OPEN_STATUSES,
  type Task,
  type TaskStatus,
  type ValueChange,
  WITHDRAWN_BY_PLAN,
  withoutRoute,
  withRescaleLine,
} from '../domain/task.js';
import { type Loose, lazySchema, positiveInt, validate } from '../domain/validate.js';
import { listed } from '../domain/word-list.js';
import { analyseState } from '../engine/analyse-state.js';
import type { BatchPlan, CandidateTask, RescaledTask } from '../engine/batch-plan.js';
import { planAnalysed } from '../engine/plan-batch.js';
import { type Room, restricted } from '../engine/room.js';
import type { WorkspaceState } from '../engine/workspace-state.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import type { UseCaseDeps } from './deps.js';
import type { createGoalUseCases } from './goals.js';
import { loadEngineInput, loadForPlanning, WHOLE_RECORDS } from './load-engine-input.js';
import type { createMemberUseCases } from './members.js';
import { recordStep } from './record-step.js';
import {
  type Rerouted,
  ROUTED,
  routeWithWaiting,
  type TeamRoom,
  teamRoom,
  untakenLine,
} from './route-batch.js';
import type { createTaskUseCases } from './tasks.js';
import { describeRescale, describeValueChange, REVALUED, valueChangeOf } from './value-change.js';
import type { createVisionUseCases } from './vision.js';
import { enqueueBatchGenerated } from './webhook-events.js';

/** A task of a generated batch: a ref once persisted, null in a dry run. */
export interface BatchTask extends Omit<CandidateTask, 'key'> {
  ref: string | null;
}

/** The seed's summary plus the tasks, in execution order. */
export interface GenerateResult {
  dryRun: boolean;
  /** The saved batch's id across the database (what tasks and chat messages reference); null in a dry run. */
  batchId: number | null;
  /** Its number in the workspace, as texts name it ("batch 1" for a workspace's first); null in a dry run. */
  batch: number | null;
  /** Every candidate the engine drafted (the seed's name). */
  generated: number;
  /** The candidates left after duplicates and held-back (done or rejected) work. */
  unique: number;
  /** Tasks saved as proposed: 0 in a dry run (the seed's name). */
  queued: number;
  /** Tasks in the batch, saved or (in a dry run) not: `tasks.length`. */
  proposed: number;
  /**
   * The cap this batch was planned under: the one asked (else configured), or the team's free
   * slots when fewer (see `capacity`); for a digest, what is left of it after the tasks awaiting
   * a decision.
   */
  maxTasks: number;
  /**
   * The team's slots when its free ones capped the batch below the cap asked, with the line that
   * says so ("Room for 2 tasks today: the team has 7 of 9 slots busy", or "No room for new tasks
   * today: …"); null when they did not.
   */
  capacity: TeamRoom | null;
  /** How many unique candidates the cap left out: `unique` = `proposed` + `cut` + `unvalued`. */
  cut: number;
  /**
   * Why `cut` was left out, where the team's slots are known: `cap`, the work a free slot takes,
   * which a higher cap would propose; `noTaker`, the work no free slot takes at all (its kind, its
   * project), or that waits for such work (docs after a feature nobody free takes), or comes only
   * with it; `room`, the rest, which waits for a slot of someone who takes it (and, in a batch the
   * cap filled, work scoring 0: see BatchPlan.unvalued). They sum to `cut`. Null where the slots
   * are not known (nobody registered) or the plan ignored them: the cap cut it all.
   */
  cutBy: { cap: number; room: number; noTaker: number } | null;
  /** The best of them (at most 50), best first. */
  cutByCap: BatchPlan['cutByCap'];
  /** Of cutByCap, the medium bugs scoring above real work of the batch (see BatchPlan.outscoringBugs). */
  outscoringBugs: BatchPlan['outscoringBugs'];
  /** How many the batch left out with room for them, as they score 0 (see BatchPlan.unvalued). */
  unvalued: number;
  /** The first of them (at most 50), each with its project. */
  unvaluedWork: BatchPlan['unvaluedWork'];
  skipped: BatchPlan['skipped'];
  cycles: string[][];
  revenueImpact: number;
  /** Of revenueImpact, what the products earn now that the work protects (see BatchPlan.revenueProtected). */
  revenueProtected: number;
  /** Of revenueProtected, what bugs protect by their severity alone (see BatchPlan.revenueGuessed). */
  revenueGuessed: number;
  tasks: BatchTask[];
  /**
   * The proposals awaiting a decision that this plan valued differently from how they stood
   * (their priority, dollars, score or a title naming dollars, as a card shows them): saved with
   * the batch, each with a `revalued` step in its history; in a dry run, what saving would change.
   */
  revalued: ValueChange[];
  /**
   * The open tasks not valued again (approved, under way, or awaiting a decision with no draft
   * today) whose priority on this plan's scale is not the one they showed, their value left as it
   * was decided: saved with the batch, each with a `revalued` step in its history saying so; in a
   * dry run, what saving would change.
   */
  rescaled: RescaledTask[];
  /**
   * The tasks nobody held (proposals awaiting a decision, and approved work) that this plan routed
   * to someone (see routeWithWaiting): saved with the batch, each with a `routed` step in its
   * history; in a dry run, what saving would route.
   */
  routed: Array<{ ref: string; title: string; status: Rerouted['status']; assignee: string }>;
  /**
   * The playbook tasks awaiting a decision whose reason this plan no longer finds (the churn they
   * answered stopped rising, the product's own features answer its gap again): withdrawn
   * (cancelled) with the batch, each with the reason in its history; in a dry run, what saving
   * would withdraw.
   */
  withdrawn: BatchPlan['withdrawn'];
}

/** What a caller chooses about a batch: the HTTP API takes exactly this (absent `dryRun` is false). */
export const generateOptions = lazySchema(() =>
  z.object({
    dryRun: z.boolean().optional().describe('plan and show the batch without saving it (default false)'),
    maxTasks: positiveInt(5, { limit: 50, error: 'at most 50 tasks per batch' })
      .optional()
      .describe('cap the batch, 1 to 50 (default GOALPOST_MAX_TASKS)'),
    ignoreCapacity: z
      .boolean()
      .optional()
      .describe(
        "plan up to the cap whatever the team's free slots (default false: no more new tasks than its assignees have room for)",
      ),
  }),
);

/** Steps that hand approved work back to the queue, for whoever claims it: no plan routes it again. */
const HANDED_BACK = ['released', 'lease_expired'] as const;

const generateInput = lazySchema(() =>
  generateOptions().extend({
    /**
     * Count the tasks already proposed and awaiting a decision against the cap: a digest tops the
     * queue of decisions up to the cap instead of piling more on every time it runs.
     */
    topUp: z.boolean().default(false),
  }),
);

/** How far along an open task is: the one furthest along says what the team is doing about its item. */
const FURTHER: Readonly<Record<TaskStatus, number>> = {
  proposed: 1,
  approved: 2,
  in_progress: 3,
  done: 0,
  failed: 0,
  rejected: 0,
  cancelled: 0,
};

/**
 * A plan with the cap it was made under (and why the team's free slots set it, if they did), and
 * the analysis of the workspace and goals it was made from.
 */
type CappedPlan = BatchPlan & {
  cap: number;
  capacity: TeamRoom | null;
  cutBy: GenerateResult['cutBy'];
  state: WorkspaceState;
  goals: GoalAnalytics[];
  rerouted: Rerouted[];
};

/**
 * "; the 3 tasks awaiting a decision fill it", "; the 2 tasks awaiting a decision take 2 of them":
 * the free slots the proposals take ('' when they take none).
 */
function awaitingClause(p: { awaiting: number; taking: number; filled: boolean }): string {
  if (p.taking === 0) return '';
  const tasks = `the ${p.awaiting} ${p.awaiting === 1 ? 'task' : 'tasks'} awaiting a decision`;
  if (p.filled) return `; ${tasks} ${p.awaiting === 1 ? 'fills' : 'fill'} it`;
  return `; ${tasks} ${p.awaiting === 1 ? 'takes one' : `take ${p.taking}`} of them`;
}

/**
 * "; 4 stay empty, as docs_bot takes none of the work left": the free slots the batch leaves
 * empty for want of work their holders take, by name up to three of them ('' when none), those
 * whose work waits for other work first ("…, as what docs_bot takes of the work left waits for
 * other work first") and those whose work comes only with other work ("…, as what research_bot
 * takes of the work left comes only with other work": research into a goal, brought by the
 * experiment). When the cap cut work a free slot takes (`capCut`), what a higher cap
 * would still leave empty: "; a higher cap would still leave 4 empty, as lena takes none of the
 * rest" (or "…, with no more work feature_bot takes", with nothing left out but what the cap cut).
 */
function emptyClause(
  empty: number,
  whose: { holders: readonly string[]; waiting: readonly string[]; comesWith: readonly string[] },
  capCut: number,
  leftOut: number,
): string {
  if (empty === 0) return '';
  const named = (names: readonly string[]) => ({
    who: names.length <= 3 ? listed(names) : 'their holders',
    take: names.length === 1 ? 'takes' : 'take',
  });
  const none = named(whose.holders);
  const rest = capCut === 0 ? 'the work left' : 'the rest';
  const what = (names: readonly string[], does: string) => {
    const them = named(names);
    return names.length === 0 ? [] : [`what ${them.who} ${them.take} of ${rest} ${does}`];
  };
  const why = listed([
    ...(whose.holders.length > 0 ? [`${none.who} ${none.take} none of ${rest}`] : []),
    ...what(whose.waiting, 'waits for other work first'),
    ...what(whose.comesWith, 'comes only with other work'),
  ]);
  if (capCut === 0) return `; ${empty} ${empty === 1 ? 'stays' : 'stay'} empty, as ${why}`;
  const onlyNone = leftOut === 0 && whose.waiting.length === 0 && whose.comesWith.length === 0;
  return `; a higher cap would still leave ${empty} empty, ${onlyNone ? `with no more work ${none.who} ${none.take}` : `as ${why}`}`;
}

/** The counts of a plan. */
function summaryOf(
  plan: CappedPlan,
): Omit<GenerateResult, 'dryRun' | 'batchId' | 'batch' | 'queued' | 'tasks'> {
  return {
    generated: plan.generated,
    unique: plan.unique,
    proposed: plan.tasks.length,
    maxTasks: plan.cap,
    capacity: plan.capacity,
    cut: plan.cut,
    cutBy: plan.cutBy,
    cutByCap: plan.cutByCap,
    outscoringBugs: plan.outscoringBugs,
    unvalued: plan.unvalued,
    unvaluedWork: plan.unvaluedWork,
    skipped: plan.skipped,
    cycles: plan.cycles,
    revenueImpact: plan.revenueImpact,
    revenueProtected: plan.revenueProtected,
    revenueGuessed: plan.revenueGuessed,
    revalued: plan.revalued.flatMap((r) => valueChangeOf(r) ?? []),
    rescaled: plan.rescaled,
    routed: plan.rerouted.flatMap(({ ref, title, status, assignee }) =>
      assignee === null ? [] : [{ ref, title, status, assignee }],
    ),
    withdrawn: plan.withdrawn,
  };
}

/** A plan shown, not persisted: tasks have no ref, and dependencies inside the batch read #1, #2… */
function dryRunResult(plan: CappedPlan): GenerateResult {
  const position = new Map(plan.tasks.map((t, i) => [t.key, `#${i + 1}`]));
  const tasks = plan.tasks.map(({ key: _key, ...t }) => ({
    ...t,
    ref: null,
    dependsOn: t.dependsOn.map((d) => position.get(d) ?? d),
  }));
  return { dryRun: true, batchId: null, batch: null, queued: 0, ...summaryOf(plan), tasks };
}

export function createGenerateUseCases(
  deps: UseCaseDeps,
  vision: ReturnType<typeof createVisionUseCases>,
  goals: ReturnType<typeof createGoalUseCases>,
  members: ReturnType<typeof createMemberUseCases>,
  steps: Pick<ReturnType<typeof createTaskUseCases>, 'transition'>,
) {
  const { store, clock } = deps;
  /**
   * `generate`, and where the workspace stood when the batch was planned, as `state` analyses it
   * but for each revenue source's records, of which it carries only those analysis reads (the
   * earliest and latest complete ones), and the goals' analytics it planned with. A digest shows
   * all three: planning and `state` each read and analyse the whole workspace, a third of a
   * digest's time on 10,000 projects, and each goal's analytics read every observation of it.
   */
  function generateWithState(
    ctx: Ctx,
    input: Loose<ReturnType<typeof generateInput>> = {},
  ): { result: GenerateResult; state: WorkspaceState; goals: GoalAnalytics[] } {
    const opts = validate(generateInput(), input);
    // Proposing tasks asks the team for decisions: approvers' work on every surface. Looking is free.
    if (!opts.dryRun) members.authorize(ctx, 'approver', 'proposing tasks');
    const asked = opts.maxTasks ?? deps.maxTasks;
    const now = clock.now();
    /**
     * A plan under the cap asked (`asked`: blockers, which come whatever the team holds and
     * whatever awaits a decision) and, for the rest, the team's `free` slots (null: the cap alone)
     * less those the proposals awaiting a decision take (but the `withdrawn` of them, see below):
     * approved, each holds a slot, so a cron's daily run must not pile more on a team that has not
     * decided yet. A digest counts them against the cap too (`topUp`: it tops the queue of
     * decisions up to the cap). In `kinds`, whose the slots are when some take only some work: a
     * proposal takes a slot of someone who takes it, and one nobody free takes holds none.
     */
    const planUnder = (
      free: number | null,
      kinds: Room | null,
      withdrawn: ReadonlySet<string> = new Set(),
    ) => {
      const analytics = goals.list(ctx);
      const { state, input, backlog } = loadForPlanning(
        store,
        vision.show(ctx),
        now,
        analytics,
        deps.rejectCooldownDays,
        deps.beforeWorkspaceRead,
      );
      const deciding =
        opts.topUp || free !== null
          ? input.openTasks.filter((t) => t.status === 'proposed' && !withdrawn.has(t.ref))
          : [];
      // A digest shows every one of them, so each counts against its cap; but only those of an
      // active project take a slot: approved, a paused or finished project's wait until it is
      // active again, holding none (see ClaimRepository.unheldApproved).
      const capLeft = opts.topUp ? Math.max(0, asked - deciding.length) : asked;
      const resting = new Set(input.projects.filter((p) => p.status !== 'active').map((p) => p.id));
      const active = (t: Task) => t.projectId === null || !resting.has(t.projectId);
      const awaiting = deciding.filter(active);
      const placed = kinds?.with(awaiting).within(capLeft) ?? null;
      // How many of the free slots the proposals take, and the room left for new work.
      const taking =
        free === null
          ? 0
          : placed === null
            ? Math.min(free, awaiting.length)
            : placed.used - (kinds?.used ?? 0);
      const room = placed?.free ?? (free === null ? capLeft : Math.min(capLeft, free - taking));
      // A critical bug landing while the proposals fill the room is proposed all the same (the cap
      // asked is its limit): waiting for the team to decide on lesser work first is what a lead
      // would not do.
      const planned = planAnalysed(state, input, backlog, {
        maxTasks: asked,
        room: placed ?? room,
        ...(free === null ? {} : { freeSlots: Math.max(0, free - taking) }),
        rejectCooldownDays: deps.rejectCooldownDays,
      });
      const filled = free !== null && taking > 0 && taking >= free;
      return {
        planned,
        state,
        analytics,
        input,
        room,
        capLeft,
        deciding: deciding.length,
        awaiting: awaiting.length,
        active,
        taking,
        filled,
      };
    };
    const plan = (): CappedPlan => {
      // No more new work than the team has free slots for, on every surface: a cron running
      // `generate` daily while the team approved everything built a queue nobody could take.
      // Unless asked to plan ahead of them (`ignoreCapacity`): a lead laying out the next week.
      // Critical work comes all the same, as a lead would put it before anything else.
      const { room: free, kinds: whose } = opts.ignoreCapacity
        ? { room: null, kinds: null }
        : teamRoom(deps, ctx.workspaceId, asked, now);
      // Whose the slots are matters when some take only some work (a docs bot's, one project's).
      const kinds = whose?.slots.some((s) => s.free > 0 && restricted(s)) ? whose : null;
      let first = planUnder(free?.free ?? null, kinds);
      // A batch makes room for the proposals it withdraws, where they took room: planned again,
      // whole (a plan's reads are its own), under that room. Withdrawals are rare, and change only
      // the room.
      const withdrawing = first.planned.withdrawn.length;
      if (withdrawing > 0 && (first.taking > 0 || (opts.topUp && first.deciding > 0)))
        first = planUnder(free?.free ?? null, kinds, new Set(first.planned.withdrawn.map((w) => w.ref)));
      const { planned, state, analytics, input, room, capLeft, active } = first;
      // The slots are said when they set the batch below the cap (theirs alone, or with the
      // proposals taking some), or left work out as nobody with one takes it, with the work nobody
      // at work takes at all.
      // Critical work that came past the team's free slots: past a digest's cap, which tops its
      // queue of decisions up (see planUnder), a blocker still sits in a free slot.
      const slotsLeft = free === null ? null : free.free - first.taking;
      const beyond =
        kinds !== null || slotsLeft === null
          ? planned.beyondRoom
          : Math.max(0, planned.tasks.length - slotsLeft);
      // Free slots left empty as those who hold them take none of the work left (a docs bot's,
      // with no upkeep today), whatever the cap: said, or "Room for 3" above one task reads as a
      // cut. And of the cut, what a higher cap would have proposed: a batch with no cap, in the
      // same free slots, blockers past them (see BatchPlan.higherCap).
      const higher = planned.higherCap;
      const empty = higher?.slots ?? 0;
      const capCut = higher === null ? planned.cut : Math.min(planned.cut, higher.more);
      const team =
        free !== null &&
        (free.free < asked ||
          room < capLeft ||
          planned.leftOutByKind ||
          beyond > 0 ||
          empty > 0 ||
          (kinds !== null && capCut < planned.cut))
          ? {
              ...free,
              awaiting: first.taking,
              beyond,
              empty,
              note: `${free.note}${awaitingClause(first)}${emptyClause(empty, higher ?? { holders: [], waiting: [], comesWith: [] }, capCut, planned.cut - capCut)}${kinds === null ? '' : untakenLine(planned.untaken, kinds)}`,
            }
          : null;
      // Of the cut, what a higher cap would propose, what no free slot takes, and what waits for
      // room: said whenever the slots are known, as "31,576 cut by the cap" under a cap of 5 and
      // 250 free slots reads as if a higher cap would propose them all.
      const noTaker = higher?.noTaker ?? 0;
      const cutBy =
        free === null ? null : { cap: capCut, room: Math.max(0, planned.cut - capCut - noTaker), noTaker };
      // What the slots left no room for and came all the same, said with them: counted where the
      // plan placed it, as a critical bug no free slot takes comes beyond a bot's room for upkeep.
      const capacity =
        team === null || beyond <= 0
          ? team
          : {
              ...team,
              note: `${team.note}; proposed all the same: ${beyond === 1 ? '1 critical task' : `${beyond} critical tasks`}`,
            };
      const gone = new Set(planned.withdrawn.map((w) => w.ref));
      // Tasks nobody holds are routed again beside the batch: a team that added its people after
      // the first digest, someone who stopped working on a project, or work approved while nobody
      // had room leaves work waiting. Not those of a paused or finished project: nobody should take
      // them up, as the queue says. Nor approved work handed back to the queue (released, or its
      // lease ran out): that waits there for whoever claims it.
      const again = new Map(planned.revalued.map((r) => [r.ref, r]));
      // And the rest at the priority the plan puts them, on its scale, not the one they show.
      const rescaled = new Map(planned.rescaled.map((r) => [r.ref, r.priority]));
      const today = (t: Task) => again.get(t.ref)?.priority ?? rescaled.get(t.ref) ?? t.priority;
      const unheld = input.openTasks.filter(
        (t) =>
          t.assignee === null &&
          !gone.has(t.ref) &&
          (t.status === 'proposed' ||
            (t.status === 'approved' && store.events.lastAt(t.id, HANDED_BACK) === null)),
      );
      const waiting = unheld.filter(active).map((task) => ({
        task,
        priority: today(task),
        title: again.get(task.ref)?.title ?? task.title,
        valued: again.has(task.ref),
      }));
      // The proposals someone holds, at their priority today: each holds its slot only against
      // work no more pressing (see createRoutingSlots). Not a paused or finished project's, which
      // hold none (as planUnder counts them).
      const held = input.openTasks.flatMap((t) =>
        t.status === 'proposed' && t.assignee !== null && !gone.has(t.ref) && active(t)
          ? [{ assignee: t.assignee, priority: today(t), name: t.ref }]
          : [],
      );
      const { tasks, rerouted } = routeWithWaiting(
        deps,
        ctx.workspaceId,
        planned.tasks,
        waiting,
        held,
        now.toISOString(),
      );
      return { ...planned, cap: room, capacity, cutBy, state, goals: analytics, tasks, rerouted };
    };
    // On one read snapshot, as below: what a plan counts of a project and what it reads of it
    // later must be the same rows, whatever other connections write meanwhile.
    if (opts.dryRun) {
      const planned = store.snapshot(plan);
      return { result: dryRunResult(planned), state: planned.state, goals: planned.goals };
    }
    // Plan on a read snapshot, which holds no lock (a large workspace takes a while), then persist
    // under the write lock, briefly. Two runs must never propose the same task twice, so if the
    // open tasks changed meanwhile (another batch landed, a task closed), plan again under the lock.
    const ws = ctx.workspaceId;
    const early = store.snapshot(() => ({ open: store.tasks.openVersion(ws), plan: plan() }));
    return store.transaction(() => {
      const current = store.tasks.openVersion(ws) === early.open ? early.plan : plan();
      return {
        result: persist(ctx, current, now.toISOString()),
        state: current.state,
        goals: current.goals,
      };
    });
  }

  return {
    /** Where the workspace stands: revenue against the current milestone, projects, blockers. */
    state(ctx: Ctx): WorkspaceState<RevenueRecord> {
      return analyseState(
        loadEngineInput(
          store,
          vision.show(ctx),
          clock.now(),
          goals.list(ctx),
          WHOLE_RECORDS,
          deps.beforeWorkspaceRead,
        ),
      );
    },

    /**
     * What the team is doing about each blocker of `state` (its open critical bugs), by bug id:
     * the task on it furthest along (`T-4 in progress with ana`), else the last one done, which
     * left the bug open (`T-4 done on 2026-11-20, yet acme/web#12 is open on GitHub: close it
     * there once fixed`). A blocker no task works on has no entry.
     */
    blockerWork(ctx: Ctx, state: Pick<WorkspaceState, 'projects'>): Record<number, string> {
      const said: Record<number, string> = {};
      const ws = ctx.workspaceId;
      for (const bug of state.projects.flatMap((p) => p.blockers)) {
        const item = { kind: 'bug' as const, id: bug.id };
        const open = store.tasks.openOnItem(ws, item).sort((a, b) => FURTHER[b.status] - FURTHER[a.status]);
        const task = open[0];
        if (task !== undefined) {
          const who =
            task.assignee === null ? '' : ` ${task.status === 'proposed' ? 'for' : 'with'} ${task.assignee}`;
          said[bug.id] = `${task.ref} ${task.status.replace('_', ' ')}${who}`;
          continue;
        }
        const done = store.tasks.lastDoneOnItem(ws, item);
        if (done === null) continue;
        const where = bug.source
          ? `, yet ${bug.source.ref} is open on GitHub: close it there once fixed`
          : ', yet the bug was opened again';
        said[bug.id] = `${done.ref} done on ${done.updatedAt.slice(0, 10)}${where}`;
      }
      return said;
    },

    /**
     * Plans a batch and, unless `dryRun`, persists it as proposed tasks in one transaction. The
     * plan is made on a read snapshot and kept only if the open tasks are still the same under the
     * write lock, so two concurrent runs never propose the same task twice.
     * @throws ForbiddenError when persisting and the caller is not an approver.
     */
    generate(ctx: Ctx, input: Loose<ReturnType<typeof generateInput>> = {}): GenerateResult {
      return generateWithState(ctx, input).result;
    },

    generateWithState,
  };

  function persist(ctx: Ctx, plan: CappedPlan, now: string): GenerateResult {
    const summary = summaryOf(plan);
    const { id: batchId, number: batch } = store.tasks.insertBatch(
      {
        workspaceId: ctx.workspaceId,
        generated: plan.generated,
        unique: plan.unique,
        queued: plan.tasks.length,
        skipped: plan.skipped.length,
        revenueImpact: plan.revenueImpact,
        maxTasks: plan.cap,
        summary: { skipped: plan.skipped, cycles: plan.cycles },
        actor: ctx.actor,
        source: ctx.source,
      },
      now,
    );
    let seq = store.tasks.nextSeq(ctx.workspaceId);
    const ids = new Map<string, { id: number; ref: string }>();
    const tasks: BatchTask[] = [];
    for (const c of plan.tasks) {
      const ref = `T-${seq}`;
      const id = store.tasks.insert(
        {
          workspaceId: ctx.workspaceId,
          batchId,
          title: c.title,
          category: c.category,
          projectId: c.projectId,
          playbookKey: c.playbookKey,
          signal: c.signal,
          subject: c.subject,
          goalId: c.goalId,
          item: c.item,
          memoryKey: c.memoryKey,
          facts: c.facts,
          focusArea: c.focusArea,
          priority: c.priority,
          revenueImpact: c.revenueImpact,
          goalValue: c.goalValue,
          alignment: c.alignment,
          confidence: c.confidence,
          effortHours: c.effortHours,
          score: c.score,
          reasoning: c.reasoning,
          assignee: c.assignee,
          fingerprint: c.fingerprint,
        },
        seq,
        now,
      );
      seq += 1;
      ids.set(c.key, { id, ref });
      const dependsOn: string[] = [];
      for (const dep of c.dependsOn) {
        const target =
          ids.get(dep) ?? (/^T-\d+$/.test(dep) ? store.tasks.findByRef(ctx.workspaceId, dep) : null);
        if (!target) continue; // a prerequisite outside the batch that is no longer open
        store.tasks.addDependency(id, target.id);
        dependsOn.push(target.ref);
      }
      recordStep(
        store,
        ctx,
        { id, status: 'proposed' },
        { type: 'created', from: null, to: 'proposed', data: { batchId } },
        now,
      );
      const { key: _key, ...rest } = c;
      tasks.push({ ...rest, ref, dependsOn });
    }
    // Withdrawn first, under this write lock, only if still awaiting a decision (one approved or
    // rejected meanwhile is the team's): routing below then passes them by.
    const withdrawn: GenerateResult['withdrawn'] = [];
    for (const w of plan.withdrawn) {
      const row = store.tasks.findByRef(ctx.workspaceId, w.ref);
      if (row === null || row.status !== 'proposed') continue;
      steps.transition(
        ctx,
        row,
        'cancel',
        `withdrawn with batch ${batch}: ${w.why}`,
        {},
        {
          via: WITHDRAWN_BY_PLAN,
          batchId,
        },
      );
      withdrawn.push(w);
    }
    // The proposals still awaiting a decision, at today's value and on today's scale of priority;
    // what a card shows of one that changed is kept in its history.
    const revalued: ValueChange[] = [];
    for (const r of plan.revalued) {
      const { ref, was: _was, ...value } = r;
      // Compared with what the row showed under this write lock, not with the plan's snapshot: a
      // plan that ran meanwhile may have valued it so already.
      const row = store.tasks.revalue(ctx.workspaceId, ref, value);
      const change = row === null ? null : valueChangeOf({ ...r, was: row.was });
      if (row === null || change === null) continue;
      recordStep(
        store,
        ctx,
        { id: row.id, status: 'proposed' },
        {
          type: REVALUED,
          to: 'proposed',
          note: `valued again with batch ${batch}: ${describeValueChange(change)}`,
          data: { batchId, was: change.was, now: change.now },
        },
        now,
      );
      revalued.push(change);
    }
    // Every other open task at the priority its score has on this batch's scale, whatever scale
    // it was proposed on: the queue, `tasks` and a worker's claim compare them.
    const rescaled: RescaledTask[] = [];
    for (const r of plan.rescaled) {
      // Only if still open, and not so already (a plan that ran meanwhile may have put it there).
      const row = store.tasks.findByRef(ctx.workspaceId, r.ref);
      if (row === null || !OPEN_STATUSES.includes(row.status) || row.priority === r.priority) continue;
      store.tasks.rescale(row.id, r.priority, withRescaleLine(row.reasoning, r.line));
      const change = { ...r, status: row.status, was: row.priority };
      recordStep(
        store,
        ctx,
        { id: row.id, status: row.status },
        {
          type: REVALUED,
          to: row.status,
          note: describeRescale(batch, change),
          data: { batchId, was: { priority: row.priority }, now: { priority: r.priority } },
        },
        now,
      );
      rescaled.push(change);
    }
    // Routed again under this write lock only if nobody took it meanwhile (assigned by hand,
    // decided, claimed and handed back) and whoever it goes to is still an active assignee (not removed or paused meanwhile:
    // a proposal held by someone is never routed again, so it would stay theirs).
    const routed: GenerateResult['routed'] = [];
    for (const r of plan.rerouted) {
      const row = store.tasks.findByRef(ctx.workspaceId, r.ref);
      if (row === null || row.status !== r.status || row.assignee !== null) continue;
      // Claimed and handed back meanwhile (its status and the open tasks' version read as before).
      if (r.status === 'approved' && store.events.lastAt(row.id, HANDED_BACK) !== null) continue;
      if (r.assignee !== null && store.assignees.find(ctx.workspaceId, r.assignee)?.active !== true) continue;
      const reasoning = [...withoutRoute(row.reasoning), ...r.lines];
      store.tasks.reroute(row.id, r.assignee, reasoning);
      if (r.assignee === null) continue;
      recordStep(
        store,
        ctx,
        { id: row.id, status: r.status },
        {
          type: ROUTED,
          to: r.status,
          note: `routed to ${r.assignee} with batch ${batch}`,
          data: { batchId, to: r.assignee },
        },
        now,
      );
      routed.push({ ref: r.ref, title: row.title, status: r.status, assignee: r.assignee });
    }
    enqueueBatchGenerated(store, ctx, batchId, tasks, revalued, rescaled, routed, withdrawn, now);
    return {
      dryRun: false,
      batchId,
      batch,
      queued: tasks.length,
      ...summary,
      tasks,
      revalued,
      rescaled,
      routed,
      withdrawn,
    };
  }
}
