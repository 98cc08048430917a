import { atMinuteUtc } from './duration.js';
import type { ItemSource } from './project.js';
export const TASK_CATEGORIES = [
  'revenue',
  'feature',
  'bugfix',
  'growth',
  'automation',
  'infrastructure',
  'research',
] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

export const TASK_STATUSES = [
  'proposed',
  'approved',
  'in_progress',
  'done',
  'failed',
  'rejected',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which a task still counts as open work (and for dedup). */
export const OPEN_STATUSES: readonly TaskStatus[] = ['proposed', 'approved', 'in_progress'];

/**
 * How a plan's withdrawal of a proposal whose reason went is recorded (`data.via` of its
 * `cancelled` step): the chat watch shows it on the task's card whatever surface asked for the plan.
 */
export const WITHDRAWN_BY_PLAN = 'plan';

/** The step a failed task gets when its retry is cancelled: it may be retried again. */
export const RETRY_CANCELLED = 'retry_cancelled';

/**
 * Whether a failed task's retry stands, by its log: retried, and that retry not cancelled since
 * (its card then offers no Retry: the retry's card is the one to act on).
 */
export const retryStands = (events: readonly Pick<TaskEvent, 'type'>[]): boolean =>
  events.findLast((e) => e.type === 'retried' || e.type === RETRY_CANCELLED)?.type === 'retried';

/** Where an action came from; recorded on every event. */
export const EVENT_SOURCES = ['cli', 'console', 'slack', 'discord', 'api', 'scheduler', 'worker'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** The backlog item (a project's feature or bug) a task was made from. */
export interface BacklogRef {
  kind: 'feature' | 'bug';
  id: number;
  /** The GitHub issue it comes from, when it was synced rather than typed. */
  source?: ItemSource;
}

/**
 * Where a task's backlog item comes from, in words: `bug #4 (done closes it)`, or for a synced one
 * `acme/app#12 on GitHub, https://… (it closes when the issue does)`. Once the task is done, what
 * it did: `bug #4 (fixed with this task)`, `feature #2 (done with this task)`.
 */
export function itemSourceText(item: BacklogRef, status?: TaskStatus): string {
  if (item.source) return `${item.source.ref} on GitHub, ${item.source.url} (it closes when the issue does)`;
  if (status === 'done')
    return `${item.kind} #${item.id} (${item.kind === 'bug' ? 'fixed' : 'done'} with this task)`;
  return `${item.kind} #${item.id} (done closes it)`;
}

/** The opening of a line routing adds to a task's reasoning about its GitHub issue's assignee. */
export const GITHUB_ASSIGNEE = 'Its issue is assigned to @';

/** Whether a reasoning line is routing's: `Route: …`, or what it said of the issue's GitHub assignee. */
const isRouteLine = (line: string): boolean => line.startsWith('Route: ') || line.startsWith(GITHUB_ASSIGNEE);

type Ordered = Pick<Task, 'priority' | 'id' | 'category' | 'facts'>;

/** Whether a task is a critical bug's fix: a blocker, first among tasks of its priority. */
const blocks = (t: Ordered): boolean => t.category === 'bugfix' && t.facts.severity === 'critical';

/**
 * Tasks highest priority first, a critical bug first among equals, then in the order they were
 * proposed, as `tasks` and the queue list them (see IN_ORDER in the store): a batch is saved in
 * the order its plan put it, so a quick high bug that outscores the blocker but ties its priority
 * does not go before it, and a blocker found later does not go after the work of an earlier batch.
 */
export const byPriority = (a: Ordered, b: Ordered): number =>
  b.priority - a.priority || Number(blocks(b)) - Number(blocks(a)) || a.id - b.id;

/** A task's reasoning without the lines routing added: what routing it again starts from. */
export const withoutRoute = (reasoning: readonly string[]): string[] =>
  reasoning.filter((line) => !isRouteLine(line));

/** The lines routing added to a task's reasoning (see withoutRoute). */
export const routeLines = (reasoning: readonly string[]): string[] => reasoning.filter(isRouteLine);

/** How the line a plan writes of an open task's priority on its scale begins (see BatchPlan.rescaled). */
export const RESCALED = 'Priority now ';

/**
 * A task's reasoning with the line a plan wrote of its priority on that plan's scale: any earlier
 * such line gone, this one last before the routing lines. The lines above stay as the work was
 * decided on, their own priority among them.
 */
export function withRescaleLine(reasoning: readonly string[], line: string): string[] {
  const rest = reasoning.filter((l) => !l.startsWith(RESCALED));
  return [...withoutRoute(rest), line, ...routeLines(rest)];
}

/** A routing line of a proposal that suggested nobody (no assignees, all away, all at capacity). */
const SUGGESTED_NOBODY = /^Route: .*, so nobody is suggested$/;

/** Whether a reasoning line is routing's of a proposal that suggested nobody (see SUGGESTED_NOBODY). */
export const suggestedNobody = (line: string): boolean => SUGGESTED_NOBODY.test(line);

/** A routing line that leaves the task with nobody: none suggested, or its assignee gone. */
const HELD_BY_NOBODY = /^Route: .*, so nobody (is suggested|holds it)(: |$)/;

/**
 * Whom a routing line (without its `Route: `) routes the task to: `ana: …`, `ana (works on Web): …`,
 * `bo (who works on Web) is at capacity; ana: …`; null when it names nobody so.
 */
const routedTo = (said: string): string | null =>
  /^(?:[^;]* at capacity; )?([^\s:(,;]+)(?::| \(works on )/.exec(said)?.[1] ?? null;

/**
 * A task's reasoning as its card shows it now: the proposal's, but where its routing line no
 * longer says who holds it (given to someone by hand, claimed from the queue by another, given
 * back, or its assignee dropped), that line says who does now and what routing had said. The
 * stored reasoning stays as the plan that last valued or routed the task wrote it.
 */
export function reasoningNow(task: Pick<Task, 'reasoning' | 'assignee'>): string[] {
  const { assignee } = task;
  return task.reasoning.map((line) => {
    if (!line.startsWith('Route: ')) return line;
    if (SUGGESTED_NOBODY.test(line))
      return assignee === null
        ? line
        : `Route: ${assignee}, assigned after it was proposed (nobody was suggested then)`;
    const said = line.slice('Route: '.length);
    if (HELD_BY_NOBODY.test(line))
      return assignee === null ? line : `Route: ${assignee} holds it now (before: ${said})`;
    const to = routedTo(said);
    if (to === null || to.toLowerCase() === assignee?.toLowerCase()) return line;
    return assignee === null
      ? `Route: nobody holds it now (routing had said: ${said})`
      : `Route: ${assignee} holds it now (routing had said: ${said})`;
  });
}

/**
 * The facts a task was proposed on. A rejected task may come back within the cooldown only when
 * these changed materially (more at stake, a worse severity, a goal slipping further).
 */
export interface TaskFacts {
  /**
   * Dollars a month at stake behind the task when it was proposed (the stakes it shares in, but the
   * revenue gap and goals; until 2026-11-28, a project's part of the gap too, and until 2026-11-30
   * its goals' worth).
   */
  stakeUsd?: number;
  /**
   * Dollars a month the goals it serves were worth to it (absent on a task proposed before
   * 2026-11-30). A goal's worth is a part of the revenue still to win, or a value per unit: it
   * moves with the gap, so only a goal served where none was counts as a change.
   */
  goalUsd?: number;
  /** The whole revenue gap, when the task claims a share of it. */
  gapUsd?: number;
  /**
   * It named a goal off track that work linked to the goal served instead: serving the goal once
   * that work is done is no news about it (see materialChange). Absent for nearly all.
   */
  goalNamed?: true;
  /**
   * Of the revenue gap, the part its project's open work shares, and the feature-sizes of that
   * work (absent on work sharing no gap, and on a task proposed before 2026-11-30): what a proposal
   * valued again says moved its dollars (see ValueChange.because).
   */
  shareUsd?: number;
  shareUnits?: number;
  /**
   * The feature-sizes that part is counted for when more than one (its open work and the work held
   * back, which keeps its part, or what its product earns asks: see Stake.countedFor), and of them
   * those held back (absent when none, and on a task proposed before 2026-12-07).
   */
  shareSizes?: number;
  heldSizes?: number;
  /**
   * Of its project's part of the gap, what is counted on the work it shipped whose revenue is not in
   * yet (absent when none): the rest is `shareUsd`.
   */
  shippedUsd?: number;
  /**
   * For work on a product Goalpost saw launch that keeps part of its share of the gap by its work,
   * the whole days since its first revenue (see Stake.launchDays): a proposal valued again says
   * its share moved as the launch's quarter went by, not that earnings or open work changed.
   */
  launchDays?: number;
  /** Its product shares the gap with a launch in its quarter (see launchDays): its share moves with it. */
  besideLaunch?: true;
  /** A bug's severity. */
  severity?: string;
  /**
   * For a bug the team judged (`bug affects`), the share of what its product earns or is to win it said the bug
   * affects, 0–1; absent: its severity's share. Like an estimate, a change to it is no material
   * change (see materialChange), but a proposal valued again says it moved its dollars.
   */
  affects?: number;
  /** A feature's status (planned, in progress). */
  itemStatus?: string;
  /**
   * A feature's priority, from its labels or typed (`none` when the team set none); absent on a
   * task proposed before 2026-11-29, which is so compared with nothing.
   */
  priority?: string;
  /** The status of the goal the task serves. */
  goalStatus?: string;
  /**
   * For growth work the team had not committed to, of a project that earns: what a medium bug of
   * that project put at risk (claiming fewer dollars, the work filled in beside such bugs). Absent
   * for the rest, and on a task proposed before 2026-12-01.
   */
  mediumBugUsd?: number;
  /**
   * A medium bug a batch gave a place among the real work, as it outscored work the team had not
   * committed to (see liftBug): it stays real work while open, as the team may approve it. Absent
   * for the rest, and on a task proposed before 2026-12-08.
   */
  placeGiven?: true;
}

/**
 * What a plan says a task is worth: its dollars, score, priority and the reasoning that says them
 * (a proposal still awaiting a decision is valued again by each plan that saves a batch).
 */
export type TaskValuation = Pick<
  Task,
  | 'priority'
  | 'score'
  | 'revenueImpact'
  | 'goalValue'
  | 'alignment'
  | 'confidence'
  | 'effortHours'
  | 'focusArea'
  | 'reasoning'
  | 'facts'
>;

/**
 * What a task's card and `goalpost tasks` show that a plan may value differently: its priority,
 * dollars and score, and its title (a playbook's names the dollars it works toward).
 */
export type ShownValue = Pick<Task, 'title' | 'priority' | 'revenueImpact' | 'goalValue' | 'score'>;

/** A proposal a later plan valued again: what it showed, and what it shows now. */
export interface ValueChange {
  ref: string;
  was: ShownValue;
  now: ShownValue;
  /**
   * What moved its value, when the plan can say (`Pagewise's part of the gap is $900/month now,
   * $600/month before, …`), or that only the batch's scale of priority did.
   */
  because?: string;
}

/** What a list of tasks shows of each (chat's `/goalpost tasks`): no reasoning, facts or sources. */
export type TaskSummary = Pick<
  Task,
  'ref' | 'priority' | 'status' | 'title' | 'assignee' | 'revenueImpact' | 'goalValue' | 'projectName'
>;

/**
 * A task's title as a list shows it: with its project when the title does not name it (`Interview
 * customers who cancelled recently and list why they left (Tallyo)`: a playbook's title may be the
 * same for every product), clipped by `clip` before the project, so a long
 * title never loses it.
 */
export function titleInList(
  t: Pick<Task, 'title' | 'projectName'>,
  clip: (title: string, room: number) => string = (title) => title,
  width = Number.POSITIVE_INFINITY,
): string {
  if (!t.projectName || t.title.includes(t.projectName)) return clip(t.title, width);
  const project = ` (${t.projectName})`;
  return `${clip(t.title, Math.max(12, width - project.length))}${project}`;
}

/** How many of a workspace's tasks of one category and playbook (null: none) are in one status. */
export interface TaskTally {
  category: TaskCategory;
  playbookKey: string | null;
  status: TaskStatus;
  tasks: number;
}

/** A rejected task as what the team learns from rejections reads it (see noDislike). */
export interface RejectedWork {
  category: TaskCategory;
  playbookKey: string | null;
  memoryKey: string | null;
  updatedAt: string;
  reason: string | null;
}

/** A persisted task, as adapters see it. */
export interface Task {
  id: number;
  workspaceId: string;
  ref: string;
  batchId: number | null;
  title: string;
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
  playbookKey: string | null;
  signal: string | null;
  /** What the signal was about (a bug id, a focus area), when it names one. */
  subject: string | null;
  /** The goal this task was proposed for (an off-track goal), if any. */
  goalId: number | null;
  /** The feature or bug the task was made from; done closes it. */
  item: BacklogRef | null;
  /** The GitHub issue the task was exported to (`github connect … --export-tasks`), if any. */
  issue?: ItemSource;
  /**
   * What the work is, whatever numbers its title carries (`feature:12`, `bug:3`,
   * `pb:pay.stripe@4#`): done and rejected work is remembered by it.
   */
  memoryKey: string | null;
  facts: TaskFacts;
  focusArea: string | null;
  priority: number;
  revenueImpact: number;
  /**
   * Dollars a month it is worth toward the team's goals (a share of an off-track goal's value),
   * beside its revenue: what the card shows for work that wins no revenue of its own. 0 for tasks
   * saved before migration 0044 until a plan values them again.
   */
  goalValue: number;
  alignment: number;
  confidence: number;
  effortHours: number;
  score: number;
  reasoning: string[];
  dependsOn: string[];
  assignee: string | null;
  status: TaskStatus;
  /** Who holds the claim on an in-progress task from the queue, and until when. */
  claimedBy: string | null;
  leaseExpiresAt: string | null;
  /** How many times the task has been claimed. */
  attempts: number;
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
}

export interface TaskEvent {
  id: number;
  taskId: number;
  type: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  actor: string;
  source: EventSource;
  note: string | null;
  /** What else the step recorded: an outcome's assignee and minutes, a reaction's emoji. */
  data: Record<string, unknown>;
  createdAt: string;
}

/** A task's rejection that approving it after all overturns: who rejected it, when, why. */
export interface Rejection {
  by: string;
  at: string;
  note: string | null;
}

/**
 * How long a rejection holds its work back from plans: until `until` (ISO), unless its facts
 * change materially; `times` the rejections of the same work counted (each holds it longer),
 * `days` the hold.
 */
export interface RejectionHold {
  until: string;
  times: number;
  days: number;
  /**
   * When its reason asked for longer than memory keeps a rejection: the day it named (ISO 8601),
   * and the days memory keeps one, the hold ending with them (`until`). Absent otherwise.
   */
  asked?: { at: string; rememberedDays: number };
  /**
   * What its reason made of the hold, when it set it: the same work as other work, work that is
   * not the team's (`notOurs`: "marketing owns this"), or work its users did not want or that did
   * not work (`judged`: "nobody opened them"), each held as long as memory keeps a rejection
   * (`rememberedDays`); or a time it asked for. Absent otherwise.
   */
  byReason?:
    | { duplicate: true; done?: true; rememberedDays: number }
    | { duplicate: false; notOurs: true; judged?: undefined; rememberedDays: number }
    | { duplicate: false; judged: true; notOurs?: undefined; rememberedDays: number }
    | { duplicate: false; notOurs?: undefined; judged?: undefined };
  /**
   * The task its reason waits for ("until T-11 ships"): the work is held while that task is open,
   * or failed with its work still to do (`waitsOnFailed`), and back once that work is done or
   * turned down; `until` is then when memory forgets the rejection (`days` after it), the longest
   * the hold can last. Absent otherwise.
   */
  waitsOn?: string;
  waitsOnFailed?: true;
  /**
   * Its reason says the work is not the team's ("marketing owns acquisition"): the same playbook's
   * work is held on every product as long (see notTheTeamsWork). Absent otherwise.
   */
  everyProduct?: true;
  /**
   * Its reason names a time and the product of the backlog item rejected ("Spend Insights waits
   * until Q2"): the product's other items are held as long, critical work aside, and their
   * proposals awaiting a decision are withdrawn at the next plan (see recallPutOff). Absent
   * otherwise.
   */
  productPutOff?: string;
}

/** A bug rejected as touching few of its people: the share its reason names, and the one plans count. */
export interface AffectsSuggested {
  /** As the reason wrote it: `1%`. */
  share: string;
  /** What plans count for its severity (`20%`: see SEVERITY_AT_RISK). */
  counted: string;
  severity: string;
}

/**
 * For a backlog bug rejected with a reason naming the share of its people it touches (see
 * DecisionResult.affectsSuggested): how to value it by that share, as a rejection alone holds it
 * back a while and brings it back valued by its severity (a review's "under 1% of listeners" came
 * back at a fifth of what the product earns). `touches 1% of its customers? \`goalpost bug affects 4 1%\` …`
 */
export function affectsText(task: Pick<Task, 'item'>, s: AffectsSuggested): string | null {
  const { item } = task;
  if (item === null || item.kind !== 'bug') return null;
  return `touches ${s.share} of its customers? \`goalpost bug affects ${item.id} ${s.share}\` values it by that share of what its product earns or is to win, where plans count ${s.counted} for a ${s.severity} bug`;
}

/** A feature rejected with a reason saying it waits for another open feature of its project: that one. */
export interface WaitsSuggested {
  feature: number;
  title: string;
}

/**
 * For a backlog feature rejected with a reason saying it waits for another of its project (see
 * DecisionResult.waitsSuggested): the `feature after` that holds it until that one is done and
 * brings it back then, as the rejection alone holds it its while whenever the other ships. `waits
 * for feature 1 'Recurring invoices'? \`goalpost feature after 2 1\` …`
 */
export function waitsText(task: Pick<Task, 'item'>, s: WaitsSuggested): string | null {
  const { item } = task;
  if (item === null || item.kind !== 'feature') return null;
  return `waits for feature ${s.feature} '${s.title}'? \`goalpost feature after ${item.id} ${s.feature}\` holds it until that is done, and proposes it again once it is, not when this rejection's hold ends`;
}

/**
 * For a backlog item rejected as done already (see DecisionResult.doneSuggested): how to mark it
 * so, which counts it in its project's completion and takes it out of every plan, where the
 * rejection alone holds it as long as a rejection is remembered and leaves it open. `done already?
 * \`goalpost feature set 5 done\` marks it done: …`; null for work from no item.
 */
export function doneText(task: Pick<Task, 'item'>): string | null {
  const { item } = task;
  if (item === null) return null;
  const done = item.kind === 'bug' ? 'fixed' : 'done';
  if (item.source)
    return `${done} already? Close ${item.source.ref} on GitHub as completed: its ${item.kind} closes with it, and no plan proposes it again`;
  return `${done} already? \`goalpost ${item.kind} set ${item.id} ${done}\` marks it ${done}: ${item.kind === 'feature' ? "its project's completion counts it, and " : ''}no plan proposes it again`;
}

/**
 * For a backlog item rejected as filed under the wrong product (see DecisionResult.moveSuggested):
 * how to put it under the right one, as the rejection holds it a while and brings it back where it
 * was. `on the wrong product? \`goalpost feature drop 5\` takes it out of "Shiftly"'s backlog, …`;
 * null for work from no item.
 */
export function moveText(task: Pick<Task, 'item' | 'projectName'>): string | null {
  const { item } = task;
  if (item === null) return null;
  if (item.source)
    return `on the wrong product? Transfer ${item.source.ref} on GitHub to the repository of the product it belongs to`;
  const whose = task.projectName === null ? "its project's" : `${JSON.stringify(task.projectName)}'s`;
  const out =
    item.kind === 'feature' ? `goalpost feature drop ${item.id}` : `goalpost bug set ${item.id} wontfix`;
  const into =
    item.kind === 'feature'
      ? 'goalpost feature add "<the right product>" "<its title>"'
      : 'goalpost bug add "<the right product>" "<its title>" --severity <its severity>';
  return `on the wrong product? \`${out}\` takes it out of ${whose} backlog, and \`${into}\` puts it in the right one's`;
}

/**
 * For a backlog feature rejected as too big (see DecisionResult.splitSuggested): how to put its
 * parts in the backlog instead, each proposed on its own, as the rejection alone holds the whole
 * back a while and brings it back as big (a review's "too big" came back a month on, the same
 * feature); null for work from no feature. `too big as one piece? \`goalpost feature drop 5\` takes it out of the backlog, and …`
 */
export function splitText(task: Pick<Task, 'item' | 'projectName'>): string | null {
  const { item } = task;
  if (item === null || item.kind !== 'feature') return null;
  if (item.source)
    return `too big as one piece? Open its parts as issues of their own on GitHub, each proposed on its own, and close ${item.source.ref} as not planned`;
  const project = task.projectName === null ? '<project>' : JSON.stringify(task.projectName);
  return `too big as one piece? \`goalpost feature drop ${item.id}\` takes it out of the backlog, and \`goalpost feature add ${project} "<a part>"\` puts each of its parts in, each proposed on its own`;
}

/**
 * For a failure whose reason says something outside the work blocked it (see
 * DecisionResult.blocked): that it counts against neither who held the work (routing learns
 * nothing from it) nor the work's odds when it comes back. `a block outside the work, as its reason
 * reads: it counts against neither lena's record nor the work's odds when it comes back`.
 */
export function blockedText(heldBy: string | null): string {
  const against = heldBy === null ? 'it does not lower' : `it counts against neither ${heldBy}'s record nor`;
  return `a block outside the work, as its reason reads: ${against} the work's odds when it comes back`;
}

/**
 * A rejection's hold as a reply says it: `not proposed again before 2026-12-29 09:00 UTC unless its
 * facts change`, and for work rejected again `… unless the work itself changes (rejected 2 times:
 * held 60 days)`: more dollars at stake no longer bring it back early.
 */
export const holdText = (h: RejectionHold): string => {
  if (h.waitsOn !== undefined)
    return `not proposed again ${h.waitsOnFailed ? `until the work of ${h.waitsOn}, which failed, is done` : `while ${h.waitsOn} is open`} (its reason waits for it), at most until ${momentText(h.until)}, as long as a rejection is remembered`;
  const capped =
    h.asked === undefined
      ? ''
      : `, the most a rejection is remembered (${h.asked.rememberedDays} days; its reason asked for ${momentText(h.asked.at)}),`;
  const held =
    h.byReason === undefined || h.asked !== undefined
      ? `held ${h.days} days`
      : h.byReason.duplicate
        ? `held as ${h.byReason.done === true ? 'work its reason says is done already' : 'the same work as other work'}, as long as a rejection is remembered, ${h.byReason.rememberedDays} days`
        : h.byReason.notOurs === true
          ? `held as work its reason says is not the team's, as long as a rejection is remembered, ${h.byReason.rememberedDays} days`
          : h.byReason.judged === true
            ? `held as work its reason says its users did not want, or that did not work, as long as a rejection is remembered, ${h.byReason.rememberedDays} days`
            : 'held until the time its reason asked';
  const everywhere =
    h.everyProduct === true
      ? "; its reason reads as work that is not the team's, so the same playbook's work is held on every product as long, and its proposals awaiting a decision there are withdrawn at the next plan (approve this one after all to undo it)"
      : h.productPutOff !== undefined
        ? `; its reason puts ${h.productPutOff} off, so the rest of its backlog is held as long, critical work aside, and its proposals awaiting a decision are withdrawn at the next plan (approve this one after all to undo it)`
        : '';
  if (h.times > 1)
    return `not proposed again before ${momentText(h.until)}${capped} unless the work itself changes (rejected ${h.times} times: ${held})${everywhere}`;
  // Held by what its reason says (the same work as other work, not the team's, a time it asked
  // for): more dollars at stake do not change that, only the work itself (see rejectionHold and
  // materialChange). A review's "duplicate of T-23" read "unless its facts change", 240 days on.
  if (h.byReason === undefined)
    return `not proposed again before ${momentText(h.until)}${capped} unless its facts change${everywhere}`;
  const why =
    h.byReason.duplicate || h.byReason.notOurs === true || h.byReason.judged === true ? ` (${held})` : '';
  return `not proposed again before ${momentText(h.until)}${capped} unless the work itself changes${why}${everywhere}`;
};

/**
 * Why a failure's work comes back later than a day on (see DecisionResult.proposedAgainBy): its
 * reason named when what stopped it ends (`reason`; with `asked` and `rememberedDays` when that
 * lies past what memory keeps of a failure, where the hold was cut), or an open task it waits for
 * (`openTask`: "blocked until T-11 ships"; `failed` when it failed, its work still to do; with
 * `reason` when it also names a time, after which alone `from` is: "blocked until T-11 ships, the
 * vendor is away until 2026-12-20"). The work comes back once the task's work is done or turned
 * down: a failure of it holds on.
 */
export type FailedBackBy =
  | { judged: true; rememberedDays: number }
  | { reason: true; asked?: string; rememberedDays?: number }
  | { openTask: string; failed?: true; reason?: true; asked?: string; rememberedDays?: number };

/**
 * What a reply to a failure says of its work's return (see DecisionResult.proposedAgainFrom): plans
 * propose it again a day on, which a blocker that takes weeks would otherwise meet unannounced, or
 * when its reason says (`by`).
 */
export const failedBackText = (from: string, by?: FailedBackBy): string => {
  const again = 'plans propose its work again';
  if (by === undefined)
    return `${again} from ${momentText(from)}, a day for what stopped it to clear: if that takes longer, reject the proposal saying until when`;
  if ('judged' in by)
    return `${again} from ${momentText(from)}, the longest a failure is remembered (${by.rememberedDays} days), as its reason says its users judged the work once it was out`;
  // Cut where memory forgets the failure, or when its reason said.
  const cut =
    by.asked === undefined
      ? null
      : `the longest a failure is remembered (${by.rememberedDays} days; its reason asked for ${momentText(by.asked)})`;
  if ('openTask' in by) {
    const once = `${again} once the work of ${by.openTask}${by.failed ? ', which failed,' : ''} is done or turned down, which its reason waits for`;
    return by.reason !== true
      ? `${once}, a day after it failed at the earliest (from ${momentText(from)})`
      : `${once}, and not before ${momentText(from)}, ${cut ?? 'as its reason says'}`;
  }
  return `${again} from ${momentText(from)}, ${cut ?? 'when its reason says what stopped it ends'}`;
};

/**
 * `2026-04-02 10:00 UTC`, or `2026-04-02` at midnight: when a hold ends, to the minute (a rejection
 * at 10:00 is held until 10:00 on the last day, which the day alone would say was over).
 */
export const momentText = (iso: string): string => {
  const time = iso.slice(11, 16);
  return time === '00:00' || time === '' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time} UTC`;
};

/**
 * What a cancel of a task made from a backlog item still open leaves, after "its" or "Its": `item,
 * feature #5, stays open in the backlog: a later plan may propose it again (reject the task
 * instead to hold it back, or mark the item done)`.
 */
export const leftOpenText = (item: string): string =>
  `item, ${item}, stays open in the backlog: a later plan may propose it again (reject the task instead to hold it back, or mark the item done)`;

/**
 * What a done task's GitHub issue still open leaves, after "its" or "Its": `issue acme/app#2 is
 * still open on GitHub: close it there and its item closes too (until then its project counts the
 * work as open), https://…`.
 */
export const issueLeftOpenText = (issue: { ref: string; url: string }): string =>
  `issue ${issue.ref} is still open on GitHub: close it there and its item closes too (until then its project counts the work as open), ${issue.url}`;

/**
 * A rejection as a reply says it, the rejecter named by `who` (a chat mention, or the user key as
 * the CLI shows actors): `rejected by @ana at 2026-11-28 16:12 UTC: "not this quarter"`.
 */
export const rejectionText = (r: Rejection, who: (actor: string) => string = (a) => a): string =>
  `rejected by ${who(r.by)} at ${atMinuteUtc(r.at)}${r.note ? `: "${r.note}"` : ''}`;
