import type { DecisionMemory, DoneWork } from '../domain/history.js';
import type { Bug, OpenFeature } from '../domain/project.js';
import type { Task } from '../domain/task.js';
import { allocateStakes, type Claimant, sizedAllocations, unitsOf } from './allocate.js';
import {
  BacklogItem,
  categoryOf,
  type ItemGroup,
  mostPressing,
  TEAM_PRIORITY_WEIGHT,
  tierOf,
} from './BacklogItem.js';
import { backlogDrafts, gapClaim, NOT_HELD_BACK, readGroups } from './backlog-candidates.js';
import {
  type Allocation,
  type CandidateTask,
  CUT_LISTED,
  type Signal,
  type SkippedCandidate,
} from './batch-plan.js';
import { byScore, DEFAULT_DUPLICATE_THRESHOLD, dedupCandidates } from './dedup.js';
import {
  answeredGoal,
  answeredRecently,
  onGoalAlready,
  type Repeat,
  repeatOf,
  titleWorkWords,
  workWords,
} from './done-work.js';
import { type Draft, factsOf, TIER } from './draft.js';
import type { EngineOptions, PlanInput } from './engine-input.js';
import { jaccard, normaliseTitle } from './fingerprint.js';
import { groupBy } from './group-by.js';
import { instantiatePlaybooks } from './instantiate-playbooks.js';
import { memoized } from './memoized.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS, openWork, type Recall, recall, type WaitedOn } from './memory.js';
import { type BestWork, seeWork } from './priority.js';
import { type ProductsPutOff, recallPutOff } from './product-put-off.js';
import type { RankBar } from './rank-bar.js';
import { type RejectedElsewhere, recallElsewhere } from './rejected-elsewhere.js';
import { Room, restricted, slotTakes } from './room.js';
import { type ScoreContext, scoreBound, scoreNumbers, tierClaiming } from './score-candidate.js';
import {
  type GoalServing,
  servedItemByItem,
  serveSignals,
  shareWhatHeldServingLeaves,
  wordsServing,
} from './serve-signals.js';
import type { ProjectStakes } from './stakes.js';
import { tieOf } from './ties.js';
import { mayReach, mentionsAny } from './tokens.js';
import type { ProjectState } from './workspace-state.js';

/**
 * A candidate between scoring and selection: its score, and what it takes to explain it later. What
 * dedup and selection read is copied from the draft (read many times over); its fingerprint, rarely
 * read, is the draft's own.
 */
export class Ranked
  implements
    Pick<
      CandidateTask,
      'key' | 'title' | 'projectId' | 'subject' | 'memoryKey' | 'fingerprint' | 'tier' | 'score' | 'dependsOn'
    >
{
  readonly key: string;
  readonly title: string;
  readonly projectId: number | null;
  readonly subject: string | null;
  readonly memoryKey: string;
  readonly dependsOn: string[];

  constructor(
    readonly draft: Draft,
    readonly score: number,
    /** Its tier once its dollars are known (see tierClaiming). */
    readonly tier: number,
    readonly allocated: readonly Allocation[],
    readonly memoryNote: string | null,
    /**
     * How many times the same work failed (memory's, blocks outside the work aside: see
     * Recall.failures): each halves its confidence.
     */
    readonly failures = 0,
  ) {
    this.key = draft.key;
    this.title = draft.title;
    this.projectId = draft.projectId;
    this.subject = draft.subject;
    this.memoryKey = draft.memoryKey;
    this.dependsOn = draft.dependsOn;
  }

  get fingerprint(): string {
    return this.draft.fingerprint;
  }

  get projectName(): string | null {
    return this.draft.projectName;
  }

  get category(): CandidateTask['category'] {
    return this.draft.category;
  }

  get hashOf(): string | undefined {
    return this.draft.hashOf;
  }
}

/**
 * A backlog item that cannot make the batch but through the cut list: what the cut list and its
 * order read of it, its draft let go. Most of a large backlog ends here, and only the best
 * CUT_LISTED of a part's are kept even so.
 */
export type Shelved = Pick<
  CandidateTask,
  'key' | 'title' | 'tier' | 'score' | 'projectId' | 'projectName' | 'category'
>;

/**
 * A part's shelved candidates: how many, the best score among them, the best two of work (not a
 * blocker, a fill-in or planning: what sets a plan's scale), and the best CUT_LISTED, best first.
 */
export interface ShelvedSummary extends BestWork {
  count: number;
  best: number;
  listed: Shelved[];
  /**
   * The best medium bugs shelved (at most MEDIUM_BUGS_NAMED), by score: a medium bug fills in
   * after the real work, so `listed` may end before it, though it outscores the batch (see
   * BatchPlan.outscoringBugs). Read in parts, a part of one bug listed it, the whole did not.
   * Kept with their drafts: the best of all may take a place of the batch (see liftBug).
   */
  bugs: Ranked[];
  /**
   * Of `count`, those a free slot of someone who takes only some work takes, past the share of
   * them kept for it (see shelve): they wait for room, where no free slot takes the rest.
   */
  taken: number;
}

/**
 * A duplicate dropped, with its candidate (skips are listed best first; a proposal still open is
 * valued again from the candidate that repeats it, see BatchPlan.revalued).
 */
export interface Duplicate {
  skipped: SkippedCandidate;
  candidate: Ranked;
}

/**
 * Work held back by memory, with where its draft stood among all drafts: the team's backlog first
 * (`rank` its project's place, `position` its own), then playbook tasks (`rank` their signal's).
 */
export interface Held {
  skipped: SkippedCandidate;
  playbook: boolean;
  rank: number;
  position: number;
  /**
   * Its memory key, for a playbook task held as the duplicate of open work (see onGoalAlready), and
   * for work whose proposals awaiting a decision are withdrawn (`withdraws`).
   */
  memoryKey?: string;
  /** Why a proposal of it awaiting a decision is withdrawn (see Recall.withdraws). */
  withdraws?: string;
}

/** What planning a part of the workspace (some of its projects) gives the whole plan. */
export interface PartPlan {
  generated: number;
  /** Its unique candidates that may make the batch, best first. */
  kept: Ranked[];
  /** The rest of its unique candidates, which only the cut list shows. */
  shelved: ShelvedSummary;
  /** By tieOf, how many shelved backlog items tie with one kept (see tieLines). */
  shelvedTies: ReadonlyMap<string, number>;
  /**
   * Its unique candidates standing alone that score 0, which no batch proposes (see selectBatch):
   * set apart from the rest, so they take no place of the part's and none at the bar.
   */
  unvalued: ShelvedSummary;
  duplicates: Duplicate[];
  held: Held[];
  redirects: Map<string, string>;
  /** The signals it passed to playbooks (nothing else serves them), those its playbook tasks answer, and those tasks' memory keys. */
  answered: readonly Signal[];
  draftedFor: readonly Signal[];
  playbookKeys: readonly string[];
}

/** What every part of a plan shares. */
export interface PlanContext {
  input: PlanInput;
  options: EngineOptions;
  stakes: ProjectStakes;
  scoring: ScoreContext;
  /** Each signal's place among the workspace's signals. */
  signalRank: ReadonlyMap<Signal, number>;
  /** Each project's place in the analysed state (by id). */
  projectRank: (projectId: number) => number;
  /** How the whole backlog serves goal signals, when a part sees only some of it. */
  goals: ReadonlyMap<Signal, GoalServing>;
  /** The metrics of the goals on customers leaving, by goal id (see churnGoalMetrics). */
  churnGoals: ReadonlyMap<number, string>;
  /** The total weight claimed on stakes that parts share (a goal served across projects). */
  claimedElsewhere: ReadonlyMap<string, number>;
  memory: (keys: readonly string[]) => DecisionMemory;
  /** The rejections of a playbook draft's playbook on other products that still hold (see rejectedElsewhereOf). */
  rejectedElsewhere: (draft: { memoryKey: string; projectId: number | null }) => readonly RejectedElsewhere[];
  /** The products the team put off whole (see ProductPutOff). */
  productPutOff: ProductsPutOff;
  /** The done tasks and features of these projects. */
  doneWork: (projectIds: readonly number[]) => DoneWork[];
  /** The fixed bugs of these projects, newest first (see BacklogSource). */
  fixedBugs: (projectIds: readonly number[]) => DoneWork[];
  /** What the tasks a reason may wait for are (see WaitedOn). */
  waitedOn: WaitedOn;
  /** The projects with a backlog item memory may hold back (see BacklogSource). */
  holdingProjects: () => ReadonlySet<number>;
  /** The projects with an open bug the team judged (see BacklogSource). */
  judgedProjects: () => ReadonlySet<number>;
  /** The titles the open items of these projects get as drafts, by project (see BacklogSource). */
  itemTitles: (projectIds: readonly number[]) => ReadonlyMap<number, readonly string[]>;
  /**
   * When the workspace is planned in parts: the best places of the backlog items the parts so far
   * kept, standing alone, up to the batch and the cut list (null: every item is drafted).
   */
  bar: RankBar | null;
}

/** The part of the workspace to plan: some projects, their open items and open tasks, the signals they see. */
export interface Part {
  projects: readonly ProjectState[];
  /** The open features and bugs of some of its projects (ids ascending), or of all of them (null). */
  read: (projects: readonly ProjectState[] | null) => {
    features: readonly OpenFeature[];
    bugs: readonly Bug[];
  };
  openTasks: readonly Task[];
  /** Signals on these projects, and those any project may serve, in the workspace's order. */
  signals: readonly Signal[];
  /** Of the signals their items do not serve, those playbooks answer here (in order). */
  answer: (unserved: Signal[]) => Signal[];
  /** Focus areas playbook tasks of other parts work on (see instantiatePlaybooks). */
  workedElsewhere: ReadonlySet<string>;
}

/** The allocations of a draft that claims nothing: one shared, never-changed list. */
const NO_ALLOCATIONS: readonly Allocation[] = [];

/** What memory says of work it holds nothing of: propose it, with no note. */
const FORGOTTEN: Recall = { hold: false, note: null };

/**
 * Plans a part of the workspace up to selection: its backlog as drafts, the signals it serves, the
 * playbook tasks answering those it is to answer, stakes shared out, done and rejected work held
 * back, every candidate scored by numbers, duplicates dropped. Of its unique candidates, those that
 * cannot make the batch but through the cut list (all but the best `maxTasks` of its backlog,
 * playbook tasks and what duplicates point at) keep only what the cut list shows.
 */
export function planPart(ctx: PlanContext, part: Part): PartPlan {
  const { input, options, scoring } = ctx;
  const projects = part.projects.map((p) => p.project);
  const counted = countedProjects(ctx, part);
  const { features, bugs } = part.read(
    counted === null ? null : part.projects.filter((p) => !counted.has(p.project.id)),
  );
  const backlog = backlogDrafts(
    part.projects,
    features,
    bugs,
    input.vision,
    ctx.stakes,
    input.now,
    counted ?? undefined,
  );
  const unserved = serveSignals(part.signals, backlog, projects, ctx.goals, input.playbooks, ctx.churnGoals);
  const cooldown = options.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS;
  let repeats = new Map<Draft, Repeat>();
  let twins: ReadonlyMap<Draft, Recall> = new Map();
  // What memory says of some drafts. A playbook task's is known before any item is read (what it
  // recalls by is the task's own), so a project whose only playbook tasks are held back is not read
  // for them: its items could duplicate only a task that is proposed.
  // An item its own memory lets through is held back while the team put its product off.
  const putOffOr = (item: BacklogItem, own: Recall): Recall =>
    own.hold
      ? own
      : (recallPutOff(ctx.productPutOff(item.projectId), item, item.tier === TIER.blocker) ?? own);
  const recallAll = (some: readonly Draft[]): Recall[] => {
    if (some.length === 0) return [];
    const memory = ctx.memory(some.map((d) => d.memoryKey));
    const open = openWork(input.openTasks);
    return some.map((draft): Recall => {
      const repeat = repeats.get(draft);
      // What memory holds back says so first: other work asking the same comes second.
      if (repeat?.reason === 'duplicate' && remembered(draft.memoryKey, memory)) {
        const recalled = recall(draft, factsOf(draft), memory, input.now, cooldown, open, ctx.waitedOn);
        if (recalled.hold) return recalled;
      }
      if (repeat !== undefined)
        return {
          hold: true,
          reason: repeat.reason ?? 'done',
          ref: repeat.done.ref,
          note: repeat.note,
          ...(repeat.answered ? { answered: true } : {}),
        };
      const twin = twins.get(draft);
      if (twin !== undefined) return twin;
      if (remembered(draft.memoryKey, memory)) {
        const own = recall(draft, factsOf(draft), memory, input.now, cooldown, open, ctx.waitedOn);
        return draft instanceof BacklogItem ? putOffOr(draft, own) : own;
      }
      // Never decided here: what the team said of the same playbook's work on another product.
      if (draft instanceof BacklogItem) return putOffOr(draft, FORGOTTEN);
      return recallElsewhere(ctx.rejectedElsewhere(draft), cooldown, draft.projectName) ?? FORGOTTEN;
    });
  };
  // Work memory holds back (rejected, or done) is not on its way: a signal only such items serve is
  // answered as one nothing serves.
  const orphaned = servedByHeldOnly(ctx, part.signals, unserved, backlog.groups, recallAll);
  const answered = part.answer(orphaned.signals);
  const threshold = options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const finder = repeatFinder(ctx, answered, threshold, orphaned.held, backlog.groups);
  repeats = finder.repeats;
  twins = finder.twins;
  const instantiated = instantiatePlaybooks(
    answered,
    { vision: input.vision, projects, playbooks: input.playbooks, openTasks: part.openTasks },
    part.workedElsewhere,
    finder.repeated,
  );
  const instantiatedMemos = recallAll(instantiated);
  const reviewed = reviewsBesideWork(instantiated, instantiatedMemos, part.openTasks);
  const playbooks = reviewed.size === 0 ? instantiated : instantiated.filter((d) => !reviewed.has(d));
  const playbookMemos =
    reviewed.size === 0
      ? instantiatedMemos
      : instantiatedMemos.filter((_, i) => !reviewed.has(instantiated[i] as Draft));
  if (counted !== null && ctx.bar !== null) {
    const proposed = playbooks.filter((_, i) => playbookMemos[i]?.hold !== true);
    readWhatMatters(ctx, ctx.bar, part, backlog.groups, proposed, threshold);
  }
  const groups = [...backlog.groups.values()].flat();
  const unread = groups.reduce((n, g) => n + g.unread, 0);
  const items = groups.flatMap((g) => g.items);
  const drafts: Draft[] = [...items, ...playbooks];
  const memos = [...recallAll(items), ...playbookMemos];
  holdTwins(items, memos);
  holdWaiting(items, memos, openWork(input.openTasks));
  const heldItems = items.filter((_, i) => memos[i]?.hold === true);
  shareWhatHeldItemsLeave(backlog.groups, heldItems);
  shareWhatHeldServingLeaves(part.signals, items, new Set(heldItems), ctx.goals, input.playbooks);
  // What memory holds back claims no share of a stake: the work answering it in its place does.
  const allocations = allocateStakes(
    drafts,
    ctx.claimedElsewhere,
    claimants(groups, playbooks, (i) => memos[i]?.hold === true),
  );
  const held: Held[] = [];
  // Every candidate is scored by numbers alone; only the tasks that make the batch are explained.
  const ranked: Ranked[] = [];
  // A prerequisite held back is not in the batch: held as done, it is met, and work that waited for
  // it waits no more; held as the same as open work (its research while a task on the goal is
  // open), that work is what it waits for; held for any other reason, nothing of it is proposed, as
  // a saved batch stores it (a review's dry run read `After: goal.diagnose@-#goal:shiftcast_wau`).
  const heldPrereqs = new Map<string, string | null>();
  drafts.forEach((d, i) => {
    const memo = memos[i];
    if (memo?.hold !== true) return;
    const open = memo.reason === 'duplicate' && input.openTasks.some((t) => t.ref === memo.ref);
    heldPrereqs.set(d.key, open ? (memo.ref ?? null) : null);
  });
  drafts.forEach((draft, position) => {
    const allocated = sizedAllocations(draft, allocations.get(draft.claims) ?? NO_ALLOCATIONS);
    const memo = memos[position] ?? FORGOTTEN;
    if (memo.hold) {
      const playbook = !(draft instanceof BacklogItem);
      held.push({
        skipped: {
          title: draft.title,
          duplicateOf: memo.ref,
          similarity: 1,
          reason: memo.reason,
          note: memo.note,
          ...(draft.projectName === null ? {} : { project: draft.projectName }),
          ...(memo.answered ? { answered: true } : {}),
          ...(memo.behind ? { behind: true } : {}),
          ...(memo.returns === undefined ? {} : { returns: memo.returns }),
        },
        playbook,
        ...((playbook && memo.reason === 'duplicate') || memo.withdraws !== undefined
          ? { memoryKey: draft.memoryKey }
          : {}),
        ...(memo.withdraws === undefined ? {} : { withdraws: memo.withdraws }),
        rank: playbook
          ? (ctx.signalRank.get(draft.signals[0] as Signal) ?? 0)
          : ctx.projectRank(draft.projectId ?? 0),
        position,
      });
      return;
    }
    if (heldPrereqs.size > 0 && draft.dependsOn.some((key) => heldPrereqs.has(key))) {
      draft.dependsOn = draft.dependsOn.flatMap((key) => {
        if (!heldPrereqs.has(key)) return [key];
        const ref = heldPrereqs.get(key);
        return ref === null || ref === undefined ? [] : [ref];
      });
    }
    const failures = memo.failures ?? 0;
    const n = scoreNumbers(draft, allocated, scoring, failures);
    const tier = tierClaiming(draft.tier, n, draft.itemDetail);
    ranked.push(new Ranked(draft, n.score, tier, allocated, memo.note, failures));
  });
  const { kept, skipped, dropped, redirects } = dedupCandidates(ranked, part.openTasks, threshold);
  const split = shelve(kept, redirects, options.maxTasks, ctx.bar, dropped, options.room);
  ctx.bar?.see(split.shelved.best, TIER.planning);
  ctx.bar?.see(split.shelved.work, TIER.work);
  ctx.bar?.see(split.shelved.nextWork, TIER.work);
  for (const r of split.kept) ctx.bar?.see(r.score, r.tier);
  for (const r of split.shelved.bugs) ctx.bar?.seeShelvedBug(r.score, MEDIUM_BUGS_NAMED);
  // What was not read ranks below the bar (see readWhatMatters): only the counts show it.
  split.shelved.count += unread;
  return {
    generated: drafts.length + unread,
    ...split,
    duplicates: skipped.map((s, i) => ({ skipped: s, candidate: dropped[i] as Ranked })),
    held,
    redirects,
    answered,
    // A focus area another signal's task works on is answered, and drafted for by none (see
    // instantiatePlaybooks).
    draftedFor: playbooks.map((d) => d.signals[0] as Signal),
    playbookKeys: playbooks.map((d) => d.memoryKey),
  };
}

/**
 * The reviews of stale projects (planning: "Review Invoicely: set its next step or pause it")
 * beside other work on their project: another playbook task of this plan that is work and that
 * memory does not hold back, or an open task of the team's (not the review's own). That work is
 * the project's next step: a review found "gone stale with nothing planned" on the card under a
 * user-acquisition experiment for the same product. (A stale project with open items has them
 * serve its signal, and gets no review.)
 */
function reviewsBesideWork(
  drafts: readonly Draft[],
  memos: readonly Recall[],
  openTasks: readonly Task[],
): Set<Draft> {
  const reviewed = new Set<Draft>();
  const isReview = (d: Draft) => d.tier === TIER.planning && d.signals[0]?.kind === 'stale_project';
  if (!drafts.some(isReview)) return reviewed;
  const worked = new Set<number>();
  drafts.forEach((d, i) => {
    if (d.projectId !== null && d.tier !== TIER.planning && memos[i]?.hold !== true) worked.add(d.projectId);
  });
  for (const d of drafts) {
    if (!isReview(d) || d.projectId === null) continue;
    const project = d.projectId;
    if (
      worked.has(project) ||
      openTasks.some((t) => t.projectId === project && t.memoryKey !== d.memoryKey)
    ) {
      reviewed.add(d);
    }
  }
  return reviewed;
}

/**
 * An item that reads as one memory holds back (the same words in the same project: the same work
 * typed twice, as dedup tells it, see dedupCandidates) is held back with it, for the same reason:
 * rejecting or finishing one of the two must not bring the other up in its place. `memos` are the
 * items' first (recallAll's order), and are changed in place.
 */
export function holdTwins(items: readonly Pick<Draft, 'title' | 'projectId'>[], memos: Recall[]): void {
  if (!items.some((_, i) => memos[i]?.hold)) return;
  // null for a title of no significant words, which reads as no other.
  const wordsOf = (d: Pick<Draft, 'title' | 'projectId'>) => {
    const words = normaliseTitle(d.title);
    return words.length === 0 ? null : `${d.projectId ?? '-'}|${words.join(' ')}`;
  };
  const held = new Map<string, Recall>();
  items.forEach((d, i) => {
    const memo = memos[i];
    const words = memo?.hold ? wordsOf(d) : null;
    if (memo !== undefined && words !== null) held.set(words, memo);
  });
  items.forEach((d, i) => {
    if (memos[i]?.hold) return;
    const words = wordsOf(d);
    const twin = words === null ? undefined : held.get(words);
    if (twin !== undefined) memos[i] = twin;
  });
}

/**
 * A feature that waits for one memory holds back as rejected or failed (see OpenFeature.after) is
 * held back with it, however far down the wait goes: the team put the work it comes after off, and
 * proposing it alone would ask for it out of order. (A prerequisite held back as done is met: see
 * doneKeys.) One with a task open (`open`: memory keys) stays that task's: rejecting a prerequisite
 * task releases what waits for it, and the team decides on it. Both are items of one project,
 * drafted together. `memos` are the items' first, and are changed in place.
 */
export function holdWaiting(items: readonly BacklogItem[], memos: Recall[], open: ReadonlySet<string>): void {
  if (!items.some((d) => d.dependsOn.length > 0)) return;
  const at = new Map(items.map((d, i) => [d.key, i]));
  // Until nothing changes: a feature may wait for one that waits for one held back.
  for (let changed = true; changed; ) {
    changed = false;
    items.forEach((d, i) => {
      if (memos[i]?.hold || open.has(d.memoryKey)) return;
      for (const key of d.dependsOn) {
        const j = at.get(key);
        const memo = j === undefined ? undefined : memos[j];
        if (j === undefined || !memo?.hold || memo.reason === 'done') continue;
        const { item, ownTitle } = items[j] as BacklogItem;
        memos[i] = {
          ...memo,
          note: `waits for ${item.kind} ${item.id} '${ownTitle}', ${memo.note}`,
          behind: true,
        };
        changed = true;
        return;
      }
    });
  }
}

/**
 * The projects of a part whose open items are counted, not read, until readWhatMatters reads those
 * that matter; null when all are read at once. A plan in parts reads all of them while the bar is
 * not set yet (the first parts) and when a goal is off track (items of any project may claim its
 * value); otherwise it reads at once only the projects with items that may serve a signal one by
 * one (by naming its words, see serveSignals: their titles tell which may), those with open tasks
 * (which items may duplicate) and those with an item memory may hold back (see servedByHeldOnly).
 */
function countedProjects(ctx: PlanContext, part: Part): Set<number> | null {
  const { bar } = ctx;
  if (bar === null || !bar.full || part.signals.some((s) => s.kind === 'goal_off_track')) return null;
  const read = new Set<number | null>();
  for (const s of part.signals) if (servedItemByItem(s) && wordsServing(s) === null) read.add(s.projectId);
  // A draft's title holds its row's title and its project's name: it names a word if they do.
  for (const [words, ids] of byWordsServing(part.signals)) {
    const mentions = mentionsAny(words);
    const titles = ctx.itemTitles(ids);
    for (const id of ids) if (titles.get(id)?.some(mentions)) read.add(id);
  }
  for (const t of part.openTasks) read.add(t.projectId);
  // Items memory may hold back: whether they still serve their signals is known before playbooks
  // answer. (The part's projects looked up, not the holding ones walked: in a long history nearly
  // every project has done work, and a plan has hundreds of parts.) An item memory only notes (a
  // failure, a rejection whose cooldown is over) scores no higher for it: counted, it is read
  // like any other when it may rank above the bar.
  const holding = ctx.holdingProjects();
  for (const p of part.projects) if (holding.has(p.project.id)) read.add(p.project.id);
  // A judged bug claims less of its product's share of the gap than its counts tell: the totals
  // on the share are known only of rows read (see judgeShares).
  const judged = ctx.judgedProjects();
  if (judged.size > 0) for (const p of part.projects) if (judged.has(p.project.id)) read.add(p.project.id);
  // Items scheduled after the revenue target claim none of the gap its other items share: which
  // are is known only of rows read (see draftItems).
  const later = ctx.stakes.scheduledAfter.items;
  if (later.size > 0) for (const p of part.projects) if (later.has(p.project.id)) read.add(p.project.id);
  const counted = new Set<number>();
  for (const p of part.projects) if (!read.has(p.project.id)) counted.add(p.project.id);
  return counted;
}

/** The projects of the signals items serve by naming words (see wordsServing), by those words. */
export function byWordsServing(signals: readonly Signal[]): Map<readonly string[], number[]> {
  const projects = new Map<readonly string[], number[]>();
  for (const s of signals) {
    const words = wordsServing(s);
    if (words === null || s.projectId === null) continue;
    const ids = projects.get(words);
    if (ids === undefined) projects.set(words, [s.projectId]);
    else ids.push(s.projectId);
  }
  return projects;
}

/**
 * Reads and drafts the items of the projects only counted so far that may still show: projects
 * with an item a proposed playbook task of theirs may duplicate (see duplicated), projects with a
 * proposal still open (valued again from its item: see BatchPlan.revalued), and projects with a
 * group whose items may rank above the bar the parts before set, or score above every score seen
 * so far, of any tier (the plan's priority scale is set by its best score; see scoreBound). The
 * rest can make neither the batch nor the cut list, nor move the scale: the plan only counts them.
 * (Projects with an item memory may hold back are read at once: see countedProjects.)
 */
function readWhatMatters(
  ctx: PlanContext,
  bar: RankBar,
  part: Part,
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  playbooks: readonly Draft[],
  threshold: number,
): void {
  const duplicating = duplicated(ctx, groupsOf, playbooks, threshold);
  const proposed = new Set<number | null>();
  for (const t of part.openTasks) if (t.status === 'proposed') proposed.add(t.projectId);
  const bound = scoreBound(ctx.scoring);
  // Free slots of those who take only some work (a bot's upkeep, one project's) take it however
  // it ranks: every group they take is read.
  const room = ctx.options.room;
  const spare = room instanceof Room ? room.slots.filter((s) => s.free > 0 && restricted(s)) : [];
  const theirs = (g: ItemGroup, projectId: number) =>
    spare.some((s) => slotTakes(s, { category: categoryOf(g.kind), projectId }));
  const wanted = part.projects.filter((p) => {
    const groups = groupsOf.get(p.project.id);
    if (groups === undefined || !groups.some((g) => g.unread > 0)) return false;
    return (
      duplicating.has(p.project.id) ||
      proposed.has(p.project.id) ||
      groups.some((g) => g.unread > 0 && theirs(g, p.project.id)) ||
      groups.some((g) => {
        const most = bound(g, mostPressing(g));
        // A project with a feature the team marked critical may have one at the blockers' tier.
        const critical = ctx.scoring.teamWeights?.get(p.project.id) === TEAM_PRIORITY_WEIGHT.critical;
        const tier = tierOf(g.kind, critical ? 'critical' : null);
        // A medium bug may take the place of work in the batch it outscores (see liftBug).
        const lifts =
          g.kind === 'medium' && bar.mayLift(most, Math.floor(ctx.options.maxTasks), MEDIUM_BUGS_NAMED);
        return !bar.below(tier, most) || most > bar.highest(tier) || lifts;
      })
    );
  });
  if (wanted.length === 0) return;
  const { features, bugs } = part.read(wanted);
  readGroups(groupsOf, features, bugs);
}

/**
 * The projects only counted so far with an open item a proposed playbook task of theirs may
 * duplicate, as dedup would find it (see dedupCandidates) from the titles alone: an item's subject
 * is itself, so only a playbook task with none may duplicate it, and only by a Jaccard similarity
 * of their titles' words at or above `threshold` (their memory keys and fingerprints never match).
 */
function duplicated(
  ctx: PlanContext,
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  playbooks: readonly Draft[],
  threshold: number,
): Set<number | null> {
  const unread = (id: number | null) => id !== null && groupsOf.get(id)?.some((g) => g.unread > 0) === true;
  const pending = playbooks.filter((d) => d.subject === null && unread(d.projectId));
  const found = new Set<number | null>();
  if (pending.length === 0) return found;
  const titles = ctx.itemTitles([...new Set(pending.map((d) => d.projectId as number))]);
  // An item title is worked into words only when it holds enough of the task's (most hold too few
  // to be alike), and once, however many of its project's playbook tasks ask.
  const itemWords = memoized(normaliseTitle);
  for (const draft of pending) {
    const id = draft.projectId as number;
    if (found.has(id)) continue;
    const words = normaliseTitle(draft.title);
    const reach = mayReach(words, threshold);
    const alike = (title: string) => reach(title) && jaccard(itemWords(title), words) >= threshold;
    if ((titles.get(id) ?? []).some(alike)) found.add(id);
  }
  return found;
}

/**
 * Tells `claim` what each piece of work claims, in the drafts' order (the groups' items, then the
 * playbook tasks), but for the drafts `held` says memory holds back (by position); an item not read
 * claims as its group does.
 */
function claimants(
  groups: readonly ItemGroup[],
  playbooks: readonly Draft[],
  held: (position: number) => boolean,
) {
  // Indexed loops, not for…of: see allocateStakes.
  return (claim: Claimant): void => {
    let position = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as ItemGroup;
      for (let i = 0; i < group.items.length; i++, position++) {
        const item = group.items[i] as BacklogItem;
        if (!held(position)) claim(item.claims, unitsOf(item));
      }
      if (group.unread === 0) continue;
      for (let i = 0; i < group.unread; i++) claim(group.claims);
      // What its unread features weigh beyond one each (see featureUnits), on the gap alone.
      if (group.kind === 'feature') {
        const p = group.project;
        const extra = p.featureUnits - (p.featuresTotal - p.featuresDone);
        if (extra !== 0) claim(group.claims, extra, 0);
      }
    }
    for (let i = 0; i < playbooks.length; i++, position++) {
      if (!held(position)) claim((playbooks[i] as Draft).claims);
    }
  };
}

/**
 * A project's part of the revenue gap, shared among its open features and critical bugs, goes
 * whole to those memory does not hold back: the remaining items' claims are weighed again among
 * themselves (`1 of 2 open items not held back sharing …`) instead of leaving a held item's share
 * to no task. When all are held back, nothing is changed: the playbooks answer the gap (see
 * servedByHeldOnly). Only projects with a held item are touched, and their groups are read whole
 * (see countedProjects).
 */
function shareWhatHeldItemsLeave(
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  held: readonly Draft[],
): void {
  const heldOf = new Set<number>();
  const heldItems = new Set<Draft>();
  for (const d of held) {
    if (!(d instanceof BacklogItem) || (d.group.kind !== 'feature' && d.group.kind !== 'critical')) continue;
    // Work scheduled after the revenue target shares none of the gap, held back or not.
    if (d.scheduledLater) continue;
    heldOf.add(d.projectId);
    heldItems.add(d);
  }
  for (const projectId of heldOf) {
    const growing = (groupsOf.get(projectId) ?? []).filter(
      (g) => g.kind === 'feature' || g.kind === 'critical',
    );
    const gap = growing[0]?.claims.find((c) => c.perUnits !== undefined);
    if (gap === undefined || growing.some((g) => g.unread > 0)) continue;
    let remaining = 0;
    let units = 0;
    for (const g of growing)
      for (const item of g.items)
        if (!item.scheduledLater && !heldItems.has(item)) {
          remaining++;
          units += item.units;
        }
    if (remaining <= 0) continue;
    const shared = gapClaim(gap.stake, remaining, units, NOT_HELD_BACK);
    for (const g of growing) {
      g.claims = g.claims.map((c) => (c === gap ? shared : c));
      for (const item of g.items) item.reclaim(gap, shared);
    }
  }
}

/**
 * `unserved`, and the signals of `signals` that only items memory holds back serve (rejected within
 * the cooldown, or done but left open), in the signals' order: a lead who rejected the one feature
 * of a product, or the one item linked to a goal, still needs work on that product's share of the
 * gap, or on the goal. Only items of projects memory may hold work back in are held back (see
 * holdingProjects; a plan in parts reads them at once); items not read are never held. Work
 * the team put off to a date, naming its product, is not turned down: it still serves its signals
 * (see Recall.productPutOff).
 */
function servedByHeldOnly(
  ctx: PlanContext,
  signals: readonly Signal[],
  unserved: Signal[],
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  recallAll: (some: readonly Draft[]) => Recall[],
): { signals: Signal[]; held: ReadonlyMap<Draft, Recall> } {
  const holding = ctx.holdingProjects();
  const suspects: BacklogItem[] = [];
  for (const [id, groups] of groupsOf) {
    if (holding.has(id)) for (const g of groups) suspects.push(...g.items);
  }
  const held = new Map<Draft, Recall>();
  if (suspects.length === 0) return { signals: unserved, held };
  const memos = recallAll(suspects);
  holdTwins(suspects, memos);
  suspects.forEach((item, i) => {
    const memo = memos[i];
    if (memo?.hold) held.set(item, memo);
  });
  if (held.size === 0) return { signals: unserved, held };
  const orphans = new Set<Signal>();
  for (const [item, memo] of held) for (const s of item.signals) if (!stillServes(memo, s)) orphans.add(s);
  // Its product's work the team put off to a date still serves its signals: nothing else is drafted
  // for them meanwhile (a review's lead put an add-on's features off, "invoicing add-on waits for
  // its Q2 review", and the next morning's batch led with a user-acquisition experiment for it).
  // One feature put off ("not this quarter") leaves its product's needs to other work, but for
  // its product's going stale (see stillServes).
  for (const [item, memo] of held) for (const s of item.signals) if (stillServes(memo, s)) orphans.delete(s);
  for (const s of unserved) orphans.delete(s);
  if (orphans.size === 0) return { signals: unserved, held };
  // A signal stays served while any group of unread items, or any item not held back, serves it.
  for (const groups of groupsOf.values()) {
    for (const g of groups) {
      if (g.unread > 0) for (const s of g.signals) orphans.delete(s);
      for (const item of g.items) {
        if (held.has(item)) continue;
        for (const s of item.signals) orphans.delete(s);
      }
      if (orphans.size === 0) return { signals: unserved, held };
    }
  }
  const missed = new Set([...unserved, ...orphans]);
  return { signals: signals.filter((s) => missed.has(s)), held };
}

/** Whether memory holds work back as its product's work put off to a date (see Recall.productPutOff). */
const putOff = (memo: Recall): boolean => memo.hold && memo.productPutOff === true;

/**
 * Whether work memory holds back still serves `signal`: its product's work put off (see putOff),
 * and, for its product's going stale, any work the team put off ("next sprint": see
 * Recall.putOff), whose product has its next step set. A review's lead put a product's two
 * features off to the next sprint, and two weeks on the plan said "Shiftly has gone stale with
 * nothing planned: decide its next step or pause it", of a product growing 41 % a month.
 */
const stillServes = (memo: Recall, signal: Signal): boolean =>
  putOff(memo) || (memo.hold && memo.putOff === true && signal.kind === 'stale_project');

/**
 * Tells, for each playbook draft, whether it repeats finished work of its project (see repeatOf),
 * keeping each repeat found, or is an item memory holds back (`held`: see servedByHeldOnly) in
 * other words (compared as finished work is), keeping what memory says of that item (`twins`): the pricing page
 * a revenue-gap playbook drafts is the pricing-page feature the team rejected yesterday, and a
 * rejection, or a failure held back so what stopped it can clear, must not come back as a
 * playbook's task. Either way the draft is spent, and a signal whose own playbooks are all spent
 * gets the generic ones (see instantiatePlaybooks). Only the projects of the signals playbooks answer are read: most of a
 * large workspace's are not; a done title's words are worked out once, and so are a playbook
 * title's but for its project's name (a playbook gives many projects the same title: the churn
 * interview's is the same for every project whose churn rose).
 */
function repeatFinder(
  ctx: PlanContext,
  signals: readonly Signal[],
  threshold: number,
  held: ReadonlyMap<Draft, Recall>,
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
): { repeats: Map<Draft, Repeat>; twins: Map<Draft, Recall>; repeated: (draft: Draft) => boolean } {
  const repeats = new Map<Draft, Repeat>();
  const twins = new Map<Draft, Recall>();
  const heldByProject = groupBy([...held.keys()], (d) => d.projectId);
  const ids = [...new Set(signals.flatMap((s) => (s.projectId === null ? [] : [s.projectId])))];
  const byProject = groupBy(ids.length === 0 ? [] : ctx.doneWork(ids), (w) => w.projectId);
  const words = new Map<DoneWork, readonly string[]>();
  const titleWords = memoized(titleWorkWords);
  const goalContext = {
    goals: ctx.input.goals ?? [],
    openTasks: ctx.input.openTasks,
    projectName: (id: number) => ctx.scoring.projectOf(id)?.name,
  };
  // Compared as finished work is (see repeatOf): by what the titles say the work is, without verbs
  // of doing or the project's name, so neither a long name nor `Build '…' for` makes two alike.
  const heldWords = memoized((item: Draft) => workWords(item.about, item.projectName));
  const twinOf = (draft: Draft): boolean => {
    const pool = heldByProject.get(draft.projectId);
    if (pool === undefined) return false;
    const words = workWords(draft.title, draft.projectName);
    if (words.length === 0) return false;
    let best: { item: Draft; similarity: number } | null = null;
    for (const item of pool) {
      const similarity = jaccard(words, heldWords(item));
      if (similarity >= threshold && (best === null || similarity > best.similarity))
        best = { item, similarity };
    }
    const memo = best === null ? undefined : held.get(best.item);
    if (best === null || memo?.hold !== true) return false;
    const what = best.item instanceof BacklogItem ? best.item.ownTitle : best.item.title;
    twins.set(draft, { ...memo, note: `the same work as '${what}': ${memo.note}` });
    return true;
  };
  // A playbook's answer that is an item of its product's own open backlog (not held back) is no
  // new answer either: it is skipped as that item's duplicate, and when every answer of the area's
  // playbooks is, the generic ones answer what is left. A review's rejected pricing page kept its
  // part of the gap, answered by a growth experiment; the morning the admin dashboard came back
  // from a failure, the area's "Build a subscription admin dashboard" counted as an answer, the
  // experiment was withdrawn, and the plan skipped that draft as the dashboard's duplicate: the
  // pricing page's part answered by no task.
  const openOf = memoized((projectId: number): readonly Draft[] =>
    (groupsOf.get(projectId) ?? []).flatMap((g) => g.items.filter((item) => held.get(item)?.hold !== true)),
  );
  const duplicatesOpen = (draft: Draft): boolean => {
    if (draft.projectId === null) return false;
    const words = workWords(draft.title, draft.projectName);
    return (
      words.length > 0 && openOf(draft.projectId).some((item) => jaccard(words, heldWords(item)) >= threshold)
    );
  };
  const repeated = (draft: Draft): boolean => {
    const answered =
      answeredGoal(draft, ctx.input.goals ?? [], ctx.input.now) ?? onGoalAlready(draft, goalContext);
    if (answered !== null) {
      repeats.set(draft, answered);
      return true;
    }
    const done = draft.projectId === null ? undefined : byProject.get(draft.projectId);
    if (done === undefined) return twinOf(draft) || duplicatesOpen(draft);
    const wordsOf = (work: DoneWork) => {
      const known = words.get(work);
      if (known !== undefined) return known;
      const list = workWords(work.title, draft.projectName);
      words.set(work, list);
      return list;
    };
    const repeat =
      repeatOf(draft, done, ctx.input.now, threshold, wordsOf, titleWords) ??
      answeredRecently(draft, done, ctx.input.now);
    if (repeat !== null) repeats.set(draft, repeat);
    return repeat !== null || twinOf(draft) || duplicatesOpen(draft);
  };
  return { repeats, twins, repeated };
}

/**
 * Whether memory holds anything of a piece of work: most candidates were never decided, and recall
 * (with the facts it compares) is worth its cost only for those that were.
 */
function remembered(key: string, memory: DecisionMemory): boolean {
  return memory.done.has(key) || memory.rejected.has(key) || memory.failed?.has(key) === true;
}

/**
 * The unique candidates split: those that may make the batch, draft kept, and the rest shelved.
 * Kept: what a dependency names or a duplicate points at (a prerequisite, directly or through the
 * duplicate), what depends on something, and the best `maxTasks` of the backlog and the best
 * `maxTasks` of the playbook tasks, best first. A batch walks its candidates best first and takes
 * each that stands alone while there is room, so it fills before it reaches a standalone candidate
 * with `maxTasks` standalone ones of its part ahead of it. A dependency never leaves its part: a
 * backlog feature depends only on its own project's features (`feature after`), and a playbook
 * task only on its own project's playbook tasks.
 * The best standalone backlog items are offered to `bar`, which later parts draft against.
 * When `room` says whose the team's free slots are, each who takes only some work (a bot's upkeep,
 * one project's) keeps as many more of the work they take as they have room for, and the cap more
 * (the batch may take that many of them, before their slots are counted), whatever the cap:
 * the best of it may rank below the cap and still be all their slots can hold, and what a higher
 * cap would give them is counted from it (see higherCapOf).
 */
function shelve(
  kept: readonly Ranked[],
  redirects: ReadonlyMap<string, string>,
  maxTasks: number,
  bar: RankBar | null,
  /** Dropped as duplicates: a proposal valued again among them may tie with shelved work. */
  dropped: readonly Ranked[] = [],
  room?: number | Room,
): Pick<PartPlan, 'kept' | 'shelved' | 'unvalued' | 'shelvedTies'> {
  const linked = new Set(redirects.values());
  for (const r of kept) for (const key of r.dependsOn) linked.add(key);
  const cap = Math.max(0, Math.floor(maxTasks));
  const ranked: Ranked[] = [];
  const shelved: ShelvedSummary = { count: 0, best: 0, work: 0, nextWork: 0, listed: [], bugs: [], taken: 0 };
  const unvalued: ShelvedSummary = {
    count: 0,
    best: 0,
    work: 0,
    nextWork: 0,
    listed: [],
    bugs: [],
    taken: 0,
  };
  let backlog = 0;
  let playbook = 0;
  let barred = bar === null;
  const shelvedItems: Ranked[] = [];
  const spare =
    room instanceof Room
      ? room.slots.filter((s) => s.free > 0 && restricted(s)).map((slot) => ({ slot, left: slot.free + cap }))
      : [];
  for (const r of kept) {
    const standalone = r.dependsOn.length === 0 && !linked.has(r.key);
    // Work scoring 0 is never proposed: counted among the places, it would shelve work that may
    // be (a planning task ranks after fill-ins, whatever its score).
    if (standalone && r.score <= 0) {
      list(unvalued, r);
      continue;
    }
    // The bar counts backlog items standing alone, as the cap on what is kept here does; kept comes
    // best first, so once one is below the bar, all after it are.
    if (!barred && standalone && r.draft instanceof BacklogItem) barred = !bar?.offer(r.tier, r.score);
    const item = r.draft instanceof BacklogItem;
    if (!standalone || (item ? ++backlog : ++playbook) <= cap) {
      ranked.push(r);
      continue;
    }
    const theirs = spare.find((s) => s.left > 0 && slotTakes(s.slot, r));
    if (theirs !== undefined) {
      theirs.left -= 1;
      ranked.push(r);
      continue;
    }
    list(shelved, r);
    if (spare.some((s) => slotTakes(s.slot, r))) shelved.taken += 1;
    if (item) shelvedItems.push(r);
  }
  return { kept: ranked, shelved, unvalued, shelvedTies: tiesShelved(shelvedItems, [...ranked, ...dropped]) };
}

/**
 * By tieOf, how many of the backlog items shelved score as an item kept or dropped as a duplicate
 * (a proposal valued again) does: the work a card of the batch may tie with that the plan set
 * aside (see tieLines). Compared by score first, so the rest cost no key.
 */
function tiesShelved(shelved: readonly Ranked[], beside: readonly Ranked[]): Map<string, number> {
  const ties = new Map<string, number>();
  if (shelved.length === 0) return ties;
  const scores = new Set<number>();
  for (const r of beside) if (r.draft instanceof BacklogItem) scores.add(r.score);
  for (const r of shelved) {
    if (!scores.has(r.score)) continue;
    const tie = tieOf(r) as string;
    ties.set(tie, (ties.get(tie) ?? 0) + 1);
  }
  return ties;
}

/** Counts `r` in `summary`, and lists it among its first CUT_LISTED (kept comes best first). */
function list(summary: ShelvedSummary, r: Ranked): void {
  summary.count += 1;
  if (r.score > summary.best) summary.best = r.score;
  if (r.tier === TIER.work) seeWork(summary, r.score);
  const shelved = (): Shelved => ({
    key: r.key,
    title: r.title,
    tier: r.tier,
    score: r.score,
    projectId: r.draft.projectId,
    projectName: r.draft.projectName,
    category: r.category,
  });
  if (summary.listed.length < CUT_LISTED) summary.listed.push(shelved());
  if (isMediumBug(r)) {
    summary.bugs.push(r);
    summary.bugs.sort(byScore);
    summary.bugs.length = Math.min(summary.bugs.length, MEDIUM_BUGS_NAMED);
  }
}

/** How many medium bugs outscoring the batch a plan names (see BatchPlan.outscoringBugs). */
export const MEDIUM_BUGS_NAMED = 3;

/** Whether a candidate is a backlog's medium bug: the only fill-in of the bug category. */
export const isMediumBug = (c: Pick<Shelved, 'tier' | 'category' | 'key'>): boolean =>
  c.tier === TIER.fillIn && c.category === 'bugfix' && /^bug:\d+$/.test(c.key);
