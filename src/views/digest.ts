import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import { DEFAULT_DIGEST_STYLE, type DigestStyle } from '../domain/digest-layout.js';
import { type RemindAfter, remindAt } from '../domain/remind-after.js';
import type { DigestHeaderView, DigestLayout, Reply, TaskCardView, View } from '../domain/reply.js';
import { roleAtLeast } from '../domain/role.js';
import { byPriority, OPEN_STATUSES, retryStands, type Task } from '../domain/task.js';
import { type Vision, versionAt } from '../domain/vision.js';
import type { SkippedCandidate } from '../engine/batch-plan.js';
import { projectWithId } from '../engine/workspace-state.js';
import { NotFoundError } from '../errors.js';
import type { GenerateResult } from '../use-cases/generate.js';
import { describeRescale, describeValueChange } from '../use-cases/value-change.js';
import { goalProgress, revenueProgress, taskCard } from './cards.js';
import { reportCharts } from './charts.js';
import { reportViews } from './report-chat.js';
import { failedBlockers, stalledWork } from './stalled.js';
import { alreadyOpen } from './words.js';

export interface DigestOptions {
  /** Cap of new tasks for this digest (default: the workspace's GOALPOST_MAX_TASKS). */
  maxTasks?: number;
  /** The local date the digest is for (YYYY-MM-DD), shown in its title. */
  date: string;
  /** How it is laid out in its channel and when it reminds (default: a thread, no reminder). */
  layout?: DigestLayout;
}

/**
 * A digest's layout from its channel's settings (see `subscriptions.digestSettings`): its style,
 * and when a digest posted at `postedAt` reminds of its undecided tasks.
 */
/**
 * A batch's duplicates, told apart: work found again that a task already open does (see
 * alreadyOpen), and candidates that duplicate each other.
 */
function duplicatesOf(skipped: readonly SkippedCandidate[]): { duplicates: number; alreadyOpen?: number } {
  let open = 0;
  let other = 0;
  for (const s of skipped) {
    if (s.reason !== 'duplicate') continue;
    if (alreadyOpen(s)) open++;
    else other++;
  }
  return open === 0 ? { duplicates: other } : { duplicates: other, alreadyOpen: open };
}

/** How many candidates wait while work just finished shows its effect (absent when none). */
function waitingOf(skipped: readonly SkippedCandidate[]): { waiting?: number } {
  const waiting = skipped.filter((s) => s.answered === true).length;
  return waiting === 0 ? {} : { waiting };
}

export function digestLayout(
  settings: { style: DigestStyle; remindAfter: RemindAfter; timeZone: string },
  postedAt: Date,
): DigestLayout {
  const at = remindAt(postedAt, settings.remindAfter, settings.timeZone);
  return { style: settings.style, remindAt: at === null ? null : at.toISOString() };
}

/** The active vision. @throws NotFoundError saying, in chat words, how to set one. */
export function requireVision(app: Goalpost, ctx: Ctx): Vision {
  const vision = app.vision.find(ctx);
  if (vision === null) {
    throw new NotFoundError(
      'There is no vision yet: an admin can type `/goalpost demo` to load the EDU demo, or `/goalpost vision set statement "…"` to start your own.',
    );
  }
  return vision;
}

/** A proposed task whose reasoning was written under an earlier version of the vision. */
export interface OutdatedProposal {
  task: Task;
  /** The vision's version when the task was proposed. */
  version: number;
}

/**
 * Tasks awaiting a decision that were proposed before the active vision was set: their reasoning
 * cites the goal, focus areas and targets of the version they were proposed under.
 */
export function outdatedProposals(
  app: Goalpost,
  ctx: Ctx,
  active: Vision,
  tasks: readonly Task[],
): OutdatedProposal[] {
  const outdated = tasks.filter((t) => t.status === 'proposed' && t.createdAt < active.createdAt);
  if (outdated.length === 0) return [];
  const versions = app.vision.history(ctx); // newest first
  return outdated.flatMap((task) => {
    const version = versionAt(versions, task.createdAt);
    return version === null ? [] : [{ task, version }];
  });
}

/** The line an outdated proposal's card leads its reasoning with. */
const outdatedLine = (was: number, now: number): string =>
  `Proposed under version ${was} of the vision, before it changed to version ${now}: this reasoning may cite the old goal, focus or targets.`;

/** A task's card, its reasoning led by a warning when the task was proposed under an earlier vision. */
export function cardUnderVision(
  task: Task,
  outdated: readonly OutdatedProposal[],
  vision: Vision,
): TaskCardView {
  const card = taskCard(task);
  const was = outdated.find((o) => o.task.id === task.id);
  return was ? { ...card, reasoning: [outdatedLine(was.version, vision.version), ...card.reasoning] } : card;
}

/**
 * The best work the plan left out for want of room, when it scores above a proposal awaiting a
 * decision, which holds the room: a line saying so, with what makes room. A review's high bug,
 * filed on a morning whose room the week's undecided P5–P7 features held, was named nowhere in
 * the digest ("0 proposed … 11 left for want of room" was generate's alone). Only a rejection frees
 * a slot (approved, a proposal holds the one it took: see Room). Said only when all the
 * work left out waits for room (a slot someone free takes), as deciding would then bring it in.
 */
export function waitingForRoom(batch: GenerateResult | null, pending: readonly Task[]): string[] {
  const best = batch?.cutByCap[0];
  const by = batch?.cutBy;
  if (best === undefined || by == null || by.room === 0 || by.cap > 0 || by.noTaker > 0) return [];
  const weakest = pending.reduce<Task | null>((w, t) => (w === null || t.score < w.score ? t : w), null);
  if (weakest === null || !(best.score > weakest.score)) return [];
  return [
    `"${best.title}" (score ${best.score.toFixed(1)}) waits for room while ${weakest.ref} (score ${weakest.score.toFixed(1)}) awaits a decision: approved, a proposal keeps its slot; rejecting one makes room for it`,
  ];
}

/**
 * The daily digest: for an approver (and the scheduler) it first proposes today's batch
 * (persisted, deduplicated against open work, topping up the tasks awaiting a decision to the cap
 * rather than piling more on); a member, who may not propose, is shown the open batch as it is,
 * on their own. Then a header (vision, revenue progress, goals at risk, feeds gone quiet,
 * suggestions) and one card
 * per task awaiting a decision, highest priority first, so each task can carry its own buttons.
 * @throws NotFoundError when the workspace has no vision yet.
 */
export function digestReply(app: Goalpost, ctx: Ctx, options: DigestOptions): Reply {
  const vision = requireVision(app, ctx);
  const proposing = roleAtLeast(app.members.roleOf(ctx), 'approver');
  // Where the workspace stands, as the plan found it (proposing tasks changes none of what the
  // header shows: revenue and the opportunities); analysed on its own when a member asks. The plan
  // proposes no more new work than the team has free slots for (the cap asked for, or configured,
  // at most), and says so when they set it.
  const planned = proposing
    ? app.engine.generateWithState(ctx, { topUp: true, maxTasks: options.maxTasks })
    : null;
  const batch = planned?.result ?? null;
  const room = batch?.capacity ?? null;
  // What the plan left out and why tells why a batch with room is short: with none, it says nothing.
  const skipped = room?.free === 0 ? [] : (batch?.skipped ?? []);
  const unvalued = room?.free === 0 ? 0 : (batch?.unvalued ?? 0);
  const state = planned?.state ?? app.engine.state(ctx);
  // The goals' analytics the plan made (they read every observation of every goal), or made once here.
  const goals = planned?.goals ?? app.goals.list(ctx);
  const { goals: suggestions, adjustments } = app.report.suggest(ctx, goals);
  // The open tasks, read once: the proposals the cards show, the approved work left, and what a
  // failed blocker's work may be open as.
  const open = app.tasks.list(ctx, { status: OPEN_STATUSES });
  const pending = open.filter((t) => t.status === 'proposed').sort(byPriority);
  const header: DigestHeaderView = {
    kind: 'digest_header',
    title: `Goalpost digest for ${options.date}`,
    date: options.date,
    vision: { statement: vision.statement, primaryGoal: vision.primaryGoal, focusAreas: vision.focusAreas },
    revenue: revenueProgress(state.revenue, app.freshness.revenue(ctx, state.revenue)),
    goalsAtRisk: goals.filter((g) => g.status === 'at_risk' || g.status === 'off_track').map(goalProgress),
    warnings: app.freshness.warnings(ctx),
    suggestions: [
      // What blocks a product first: a critical bug whose task failed (see failedBlockers).
      ...failedBlockers(
        app.tasks.list(ctx, { status: ['failed'] }),
        open,
        (id) => (projectWithId(state.projects, id)?.openBugs.critical ?? 0) > 0,
        (task) => {
          const { events } = app.tasks.show(ctx, task.ref);
          return {
            note: events.findLast((e) => e.toStatus === 'failed')?.note ?? null,
            retried: retryStands(events),
          };
        },
      ),
      // Work that outscores a proposal awaiting a decision and waits for the room it holds.
      ...waitingForRoom(batch, pending),
      // Then money that moved, and a paused product's blocker (see WorkspaceState.pressing): a
      // review found a morning's churn rise cut from the five lines by reminders of stalled work
      // and goals.
      ...state.pressing,
      // The team's own word next: work it approved and left (see stalledWork).
      ...stalledWork(open, options.date),
      ...suggestions.filter((s) => s.status !== 'achieved' && s.status !== 'on_track').map((s) => s.advice),
      ...adjustments
        .filter((a) => a.recommendation !== 'continue')
        .map((a) => `${a.key}: ${a.recommendation} — ${a.why}`),
      ...state.opportunities.filter((line) => !state.pressing.includes(line)),
    ].slice(0, 5),
    batch: proposing
      ? {
          id: batch?.batchId ?? null,
          number: batch?.batch ?? null,
          proposed: pending.length,
          newTasks: batch?.queued ?? 0,
          ...duplicatesOf(skipped),
          heldBack: skipped.filter((s) => s.reason !== 'duplicate' && s.answered !== true).length,
          ...waitingOf(skipped),
          ...(unvalued > 0 ? { unvalued } : {}),
          // The note says what the proposals awaiting a decision take of the room, as generate's does.
          ...(room ? { capacity: room.note } : {}),
          ...(batch !== null && batch.withdrawn.length > 0
            ? { withdrawn: batch.withdrawn.map((w) => `${w.ref} (${w.why})`) }
            : {}),
          ...(batch !== null && batch.routed.length > 0
            ? {
                routed: batch.routed.map(
                  (r) => `${r.ref}${r.status === 'approved' ? ' (approved)' : ''} → ${r.assignee}`,
                ),
              }
            : {}),
        }
      : {
          id: null,
          proposed: pending.length,
          newTasks: 0,
          duplicates: 0,
          heldBack: 0,
          showOnly: true,
          ...(options.maxTasks === undefined ? {} : { capNotApplied: options.maxTasks }),
        },
    // A member's digest is answered to them alone, its cards after it: no thread, no reminder.
    layout: proposing
      ? (options.layout ?? { style: DEFAULT_DIGEST_STYLE, remindAt: null })
      : { style: 'cards', remindAt: null },
    decisions: { total: pending.length, decided: 0, approved: 0, rejected: 0, cancelled: 0 },
  };
  const outdated = outdatedProposals(app, ctx, vision, pending);
  // A proposal this batch valued again says so on its card here, as its own card does: a digest
  // showing new numbers with no word of the change reads as if they had always been so.
  // So does one whose priority alone it said again on its scale.
  const changed = new Map<string, string>();
  if (batch != null && batch.batch !== null) {
    const { batch: number } = batch;
    for (const c of batch.revalued)
      changed.set(c.ref, `valued again with batch ${number}: ${describeValueChange(c)}`);
    for (const r of batch.rescaled) changed.set(r.ref, describeRescale(number, r));
  }
  // A member's digest is theirs alone: its cards offer no approve or reject they could not use.
  const cards: View[] = pending.map((t) => {
    const card = cardUnderVision(t, outdated, vision);
    const change = changed.get(t.ref);
    const shown = change === undefined ? card : { ...card, lastEvent: change };
    return { kind: 'task', card: proposing ? shown : { ...shown, buttons: [] } };
  });
  const messages: View[] = [header, ...cards];
  if (pending.length === 0) {
    messages.push({ kind: 'text', text: 'Nothing awaits a decision today: every open task is decided.' });
  }
  return { visibility: proposing ? 'channel' : 'ephemeral', messages, updates: [], duplicate: false };
}

/**
 * The weekly feedback report (goals, actions, outcomes, lessons, adjustments) for a channel, and
 * its charts (revenue, each goal with measurements) last: specs only, drawn where they are shown.
 */
export function reportReply(app: Goalpost, ctx: Ctx, since?: string): Reply {
  const { report, charts: data } = app.report.withCharts(ctx, since === undefined ? {} : { since });
  const charts = reportCharts(data);
  const messages = reportViews(report);
  if (charts.length > 0) messages.push({ kind: 'charts', charts });
  return { visibility: 'channel', messages, updates: [], duplicate: false };
}
