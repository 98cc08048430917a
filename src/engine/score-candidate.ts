import type { PlaybookOutcomes } from '../domain/history.js';
import { FEATURE_SIZE_HOURS, type Project } from '../domain/project.js';
import type { TaskCategory } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { earningsNotKnown, staleRevenue } from './analyse-revenue.js';
import { bestFocusOf, categoryOf, type ItemGroup, isFeatureKind, MIN_EFFORT_HOURS } from './BacklogItem.js';
import type { Allocation, CandidateTask, Claim, ScoreTerms, Signal } from './batch-plan.js';
import type { Draft } from './draft.js';
import { factsOf, isUpkeepWork, TIER } from './draft.js';
import { formatFixed, formatUsd, keptScore, round } from './format.js';
import { type Rejections, rejectionFactor, rejectionsOf } from './rejections.js';
import { EARNED_WEIGHT, isEarnings } from './stakes.js';
import { focusGapFact } from './task-history.js';
import { GENERIC_VERBS, mentionsAny, significantTokens } from './tokens.js';
import type { RevenueState } from './workspace-state.js';

/** How much each category's score counts; overridable per run (`EngineOptions.categoryWeights`). */
export const DEFAULT_CATEGORY_WEIGHTS: Readonly<Record<TaskCategory, number>> = {
  revenue: 1.2,
  bugfix: 1.1,
  feature: 1.0,
  growth: 1.0,
  automation: 0.9,
  infrastructure: 0.9,
  research: 0.8,
};

/**
 * A fully aligned task is worth this share of the milestone target in "strategic dollars": enough
 * to rank cheap, on-vision work, small enough that real revenue impact still leads while the team
 * is behind.
 */
export const STRATEGIC_SHARE = 0.02;
/** The strategic value of a fully aligned task when the vision has no revenue milestone. */
export const STRATEGIC_BASE_USD = 50;
/**
 * A feature-size of fully aligned work is worth at most this share of what a feature-size of the
 * work sharing the revenue gap claims of it: at even odds, that work counts half its claim, so work
 * claiming the gap's average part leads work of its size that claims none, however aligned, and its
 * own dollars lead its strategic value. Two per cent of a $45,000 target ($900 a feature-size)
 * outweighed a week's feature's part of a $10,800 gap shared by a dozen items.
 */
export const STRATEGIC_OF_GAP = 0.25;

/**
 * What a feature-size of fully aligned work is worth in strategic dollars: 2 % of the milestone's
 * target ($50 without one), or, when that is more, a quarter of the gap per feature-size of the
 * work sharing it (`gapPerSize`, kept to say so), never below the least of $50 and the 2 %.
 */
export interface StrategicScale {
  usd: number;
  /** The gap per feature-size of work sharing it, when it bounded `usd`. */
  gapPerSize: number | null;
  /** Bounded, `usd` is the least a feature-size is worth: a quarter of the gap's part is less. */
  least?: true;
}

/** The strategic scale of a plan: see StrategicScale. */
export function strategicScale(revenue: RevenueState, gapPerSize: number | null): StrategicScale {
  const target = revenue.milestone?.target;
  const full = target === undefined ? STRATEGIC_BASE_USD : target * STRATEGIC_SHARE;
  // A target met leaves no gap to bound it by, and the least a feature-size is worth holds: an
  // audit read a team's strategic value triple the day it met its target ($28.50 to $91.20).
  const met = gapPerSize === null && target !== undefined && revenue.gap <= 0;
  if (gapPerSize === null && !met) return { usd: full, gapPerSize: null };
  const least = Math.min(STRATEGIC_BASE_USD, full);
  const quarter = (gapPerSize ?? 0) * STRATEGIC_OF_GAP;
  if (Math.max(least, quarter) >= full) return { usd: full, gapPerSize: null };
  return quarter < least
    ? { usd: round(least), gapPerSize: gapPerSize ?? 0, least: true }
    : { usd: round(quarter), gapPerSize: gapPerSize ?? 0 };
}

export interface ScoreContext {
  vision: Vision;
  revenue: RevenueState;
  /** The workspace's project of this id. */
  projectOf: (id: number) => Project | undefined;
  /** Finished tasks per playbook key: a playbook task's confidence. */
  outcomes: ReadonlyMap<string, PlaybookOutcomes>;
  /** Finished tasks per category: a backlog task's confidence. */
  categoryOutcomes: ReadonlyMap<TaskCategory, PlaybookOutcomes>;
  categoryWeights: Readonly<Record<TaskCategory, number>>;
  /**
   * The team's latest decisions per category, and on each project's items; work of a kind it keeps
   * rejecting is scored down (see rejectionsOf), but for the work the team committed to (see
   * BacklogItem.committed).
   */
  rejections?: Rejections;
  /**
   * The fewest hours an open item takes: MIN_EFFORT_HOURS, or less where the team estimated one
   * so (see BacklogSource.leastEstimate). What scoreBound divides by; MIN_EFFORT_HOURS when absent.
   */
  leastEffort?: number;
  /**
   * By project, the most the team's priority weighs an open feature of it, where that is above 1
   * (see BacklogSource.teamWeights): what scoreBound multiplies its feature groups' bound by.
   */
  teamWeights?: ReadonlyMap<number, number>;
  /** What a feature-size of fully aligned work is worth (see strategicScale); 2 % of the target when absent. */
  strategic?: StrategicScale;
  /** The metrics of the goals on one of the vision's success metrics, by goal id (see alignmentOf). */
  visionMeasures?: ReadonlyMap<number, string>;
}

/** A candidate with the terms of its score, kept to explain it once it makes the batch. */
export interface ScoredCandidate extends CandidateTask {
  terms: ScoreTerms;
  /** The signals' facts and the memory note, for the reasoning. */
  notes: string[];
  /**
   * A bug of a product earning what the plan does not know (see earningsUnknown): its card says
   * no revenue is counted on it, not that none rides on it.
   */
  earningsUnknown?: true;
}

const NO_WORDS: readonly string[] = [];

/** The significant words of the vision's goal and statement, and a test for texts that may share one. */
interface GoalWords {
  words: ReadonlySet<string>;
  mentioned: (text: string) => boolean;
}

const goalWordsCache = new WeakMap<Vision, GoalWords>();
/** A token that is a number (a year, an amount), not a word. */
const NUMBER = /^[\d.,]+[km]?$/;
/**
 * Numbers spelled out: a vision's "one platform" aligned a bug "off by one cent" by the word 'one'.
 * Stemmed as significantTokens gives them ('hundreds' → 'hundred').
 */
const SPELLED_NUMBER: ReadonlySet<string> = new Set(
  'one two three four five six seven eight nine ten eleven twelve twenty hundred thousand million billion'.split(
    ' ',
  ),
);

/**
 * The goal words of a vision, worked out once per vision object: its words, not its numbers,
 * spelled out or not (a goal "by March 2027" made "Tax rates for 2027" more aligned than "… for
 * next year", and every dated playbook title with it), nor its verbs of doing that say nothing of what it is about (a vision
 * where "small businesses run invoicing" aligned every "Run an experiment…" card by the word 'run';
 * "ship" stays a word of a vision to ship parcels: see GENERIC_VERBS).
 */
function goalWordsOf(vision: Vision): GoalWords {
  let goal = goalWordsCache.get(vision);
  if (goal === undefined) {
    const words = new Set(
      significantTokens(`${vision.primaryGoal} ${vision.statement}`).filter(
        (w) => !NUMBER.test(w) && !SPELLED_NUMBER.has(w) && !GENERIC_VERBS.has(w),
      ),
    );
    goal = { words, mentioned: mentionsAny(words) };
    goalWordsCache.set(vision, goal);
  }
  return goal;
}

/** The numbers a draft's score is made of, with no words: computed for every candidate. */
export interface ScoreNumbers {
  revenueImpact: number;
  goalUsd: number;
  done: number;
  failed: number;
  confidence: number;
  alignment: number;
  strategic: number;
  urgency: number;
  weight: number;
  damp: number;
  /** The team's priority's multiplier (see Draft.ownWeight): 1 but for a feature the team ranked. */
  teamPriority: number;
  score: number;
}

/**
 * Scores a draft, cost of delay ÷ effort (WSJF style):
 * score = ((revenue + goal value) × confidence + strategic value) × urgency ÷ effort hours
 *         × category weight × rejection damping (none for work the team committed to).
 * Revenue and goal value are the dollars the draft was allocated of the stakes it claims, what a
 * project earns now (which a bug puts at risk) counted EARNED_WEIGHT times;
 * confidence comes from similar finished work (its playbook's, or its category's), halved for each
 * time the same work failed (`failures`, from memory); urgency from the
 * work itself (a bug's severity) and the most pressing signal it answers.
 */
export function scoreNumbers(
  draft: Draft,
  allocations: readonly Allocation[],
  ctx: ScoreContext,
  /** How many of its tries failed, blocks outside the work aside (see Recall.failures). */
  failures = 0,
): ScoreNumbers {
  let revenue = 0;
  let goal = 0;
  let earned = 0;
  // Indexed loops, not for…of: see allocateStakes.
  for (let i = 0; i < allocations.length; i++) {
    const a = allocations[i] as Allocation;
    if (a.stake.kind === 'revenue') revenue += a.usd;
    else goal += a.usd;
    if (isEarnings(a.stake)) earned += a.usd;
  }
  const revenueImpact = round(revenue);
  const goalUsd = round(goal);
  // The score's dollars: what is earned now counted EARNED_WEIGHT times, the rest once.
  const weighed = revenueImpact + goalUsd + round(earned) * (EARNED_WEIGHT - 1);
  const outcomes =
    (draft.playbookKey !== null
      ? ctx.outcomes.get(draft.playbookKey)
      : ctx.categoryOutcomes.get(draft.category)) ?? NO_OUTCOMES;
  const { done } = outcomes;
  // This work's own failures are among its kind's: counted there, they would be counted twice. Its
  // blocks outside the work are none of them (HistoryRepository.summary leaves them out), where
  // taking them off again took off another task's real failure.
  const failed = outcomes.failed - Math.min(failures, outcomes.failed);
  const confidence = confidenceAfter(confidenceOf(done, failed), failures);
  const project = draft.projectId === null ? undefined : ctx.projectOf(draft.projectId);
  const alignment = alignmentOf(draft, project, ctx.vision, ctx.visionMeasures).alignment;
  // Work smaller than its kind wins that part of its strategic value, as of its shares (see
  // sizedAllocations), cents rounded down: no more per hour than work of its kind's size.
  const size = draft.sizePart;
  const whole = strategicValue(alignment, ctx);
  const part = size === undefined || size === null ? smallerPart(draft) : size.part;
  const strategic = part === 1 ? whole : Math.floor(whole * part * 100 + 1e-6) / 100;
  let signalled = 0;
  for (let i = 0; i < draft.signals.length; i++) {
    const urgency = (draft.signals[i] as Signal).urgency;
    if (urgency > signalled) signalled = urgency;
  }
  const urgency = round(1 + combinedUrgency(draft.ownUrgency, signalled) * 0.5);
  const weight = ctx.categoryWeights[draft.category];
  // Work the team committed to is its own choice, not the plan's: see BacklogItem.committed.
  const damp = draft.committed === true ? 1 : rejectionFactor(rejectionsOf(ctx.rejections, draft));
  const teamPriority = draft.ownWeight ?? 1;
  const effort = scoredHours(draft.effortHours);
  const score = scoreOf(weighed, confidence, strategic, urgency, effort, weight, damp * teamPriority);
  return {
    revenueImpact,
    goalUsd,
    done,
    failed,
    confidence,
    alignment,
    strategic,
    urgency,
    weight,
    damp,
    teamPriority,
    score,
  };
}

const NO_OUTCOMES: PlaybookOutcomes = { done: 0, failed: 0 };

/** The strategic value of a feature-size of work this aligned (see StrategicScale). */
function strategicValue(alignment: number, ctx: ScoreContext): number {
  return round(alignment * (ctx.strategic ?? strategicScale(ctx.revenue, null)).usd);
}

/**
 * The least confidence a failed piece of work falls to by its own failures: the dollars it is
 * worth still count a little (at 0, its score would be its strategic value alone, whatever it is
 * worth), unless work like it never does better.
 */
export const FAILED_CONFIDENCE_FLOOR = 0.05;

/** A confidence halved for each time the same work failed, to no less than FAILED_CONFIDENCE_FLOOR. */
export function confidenceAfter(base: number, failures: number): number {
  if (failures === 0) return base;
  return Math.max(Math.min(base, FAILED_CONFIDENCE_FLOOR), round(base / 2 ** failures));
}

/** How likely work is to succeed from how similar work went: Laplace's rule of succession. */
export function confidenceOf(done: number, failed: number): number {
  return round((1 + done) / (2 + done + failed));
}

/**
 * The fewest hours a score divides by: no task costs less than the hour it takes to pick up, review
 * and ship, whatever its estimate. A quarter-hour fix's quarter-hour part of a feature's share,
 * divided by a quarter of an hour, scored as a feature does, and led the batch wherever the
 * features' size or the team's priority held them back (a review: a typo's $8 a month at priority
 * 9 above a $1,285 feature at 6). Its dollars are still its hours' part: only the score counts the hour.
 */
export const LEAST_SCORED_HOURS = 1;

/** The hours a score divides by for work estimated at `hours` (see LEAST_SCORED_HOURS). */
export const scoredHours = (hours: number): number => Math.max(LEAST_SCORED_HOURS, hours);

/** The score from its terms; it never falls when a term grows, but for effort, which divides it. */
function scoreOf(
  dollars: number,
  confidence: number,
  strategic: number,
  urgency: number,
  effort: number,
  weight: number,
  damp: number,
): number {
  return keptScore((((dollars * confidence + strategic) * urgency) / effort) * weight * damp);
}

/**
 * The most an item of a backlog group can score, worked out from the group alone: the full weight
 * of each stake it claims (allocations only ever share a stake out), every word of it shared with
 * the goal, urgency as pressing as `pressing` (at least the most its own urgency or a signal it
 * serves can be) and the fewest hours an item takes; its confidence, weight and damping are its category's,
 * as its items' are (its confidence no lower than the floor of work that failed before: an item
 * memory only notes a failure of is counted, not read up front; a feature's or upkeep's undamped,
 * as the work the team committed to is). Each term of the score only grows with what it is made of, rounding included,
 * so no item of the group scores more. An item claims more than its group only when a signal it
 * alone serves gives it a stake: this is no bound for those. Returns the bound as a function of
 * the group and `pressing`.
 */
export function scoreBound(ctx: ScoreContext): (group: ItemGroup, pressing: number) => number {
  // As scoreNumbers divides by no less than an hour (see LEAST_SCORED_HOURS).
  const effort = scoredHours(ctx.leastEffort ?? MIN_EFFORT_HOURS);
  const terms = (category: TaskCategory) => {
    const { done, failed } = ctx.categoryOutcomes.get(category) ?? NO_OUTCOMES;
    return {
      // An item that failed before is as sure as its category, halved (never more), but for the
      // floor its confidence keeps (see confidenceAfter): where work like it almost never succeeds,
      // the floor is above the category's own confidence.
      confidence: Math.max(
        confidenceOf(done, failed),
        Math.min(confidenceOf(done, 0), FAILED_CONFIDENCE_FLOOR),
      ),
      weight: ctx.categoryWeights[category],
    };
  };
  // The kinds a bound tells apart (growth features, upkeep, bugs), each with its category's terms,
  // undamped: an item is damped by the decisions on its own project's items (see rejectionsOf), and
  // a feature or upkeep may be work the team committed to, which rejections do not damp (see
  // BacklogItem.committed); a group unread is bounded by its shape, whatever its project.
  const kindAt = (kind: ItemGroup['kind']): 0 | 1 | 2 => (kind === 'feature' ? 0 : kind === 'upkeep' ? 1 : 2);
  const undamped = (category: TaskCategory) => ({ ...terms(category), damp: 1 });
  const termsOf = [undamped('feature'), undamped(categoryOf('upkeep')), undamped('bugfix')] as const;
  // A score grows with each of its terms only while none is negative (a weight set below zero, a
  // target below zero): otherwise there is no bound short of none.
  const milestone = ctx.revenue.milestone;
  const signed = (milestone?.target ?? 0) < 0;
  const targets = hasRevenueTargets(ctx.vision);
  // A group that claims nothing (most of a large backlog: the groups of projects that earn nothing
  // and have no share of a gap) is bounded by its kind, focus area, whether its project earns and
  // how pressing it is alone: each such bound is worked out once.
  const unclaimed = new Map<number, Map<number, number>>();
  const bound = (group: ItemGroup, pressing: number): number => {
    const { confidence, weight, damp } = termsOf[kindAt(group.kind)];
    if (signed || weight < 0 || damp < 0) return Number.POSITIVE_INFINITY;
    // As scoreNumbers adds them up: revenue and goal value apart, each rounded, the cents allowed for.
    let revenue = 0;
    let goal = 0;
    // Indexed, not for…of: see allocateStakes.
    for (let i = 0; i < group.claims.length; i++) {
      const c = group.claims[i] as Claim;
      if (c.stake.usd < 0 || c.weight < 0) return Number.POSITIVE_INFINITY;
      const usd = c.stake.usd * c.weight * (isEarnings(c.stake) ? EARNED_WEIGHT : 1);
      if (c.stake.kind === 'revenue') revenue += usd;
      else goal += usd;
    }
    const earns = targets && group.project.project.revenueBearing ? EARNING_TERM : 0;
    const upkeep = group.kind === 'upkeep' && group.focusArea !== null ? upkeepTerm(earns) : 0;
    const blocks = group.kind === 'critical' ? upkeepTerm(earns) : 0;
    const alignment = round(focusTerm(bestFocusOf(group), ctx.vision) + 0.3 + earns + upkeep + blocks);
    // The earned dollars are rounded apart too (see scoreNumbers): a cent more allowed for them.
    const dollars = round(revenue + 0.015) + round(goal + 0.005);
    const urgency = round(1 + pressing * 0.5);
    return scoreOf(dollars, confidence, strategicValue(alignment, ctx), urgency, effort, weight, damp);
  };
  return (group, pressing) => {
    if (group.claims.length > 0) return weighed(bound(group, pressing), group);
    const focus = bestFocusOf(group);
    const rank = focus === null ? -1 : ctx.vision.focusAreas.indexOf(focus);
    const earns = targets && group.project.project.revenueBearing ? 1 : 0;
    // A critical bug's alignment has a term of its own (see isCriticalBug).
    const shape =
      (((rank + 1) * 3 + kindAt(group.kind)) * 2 + earns) * 2 + (group.kind === 'critical' ? 1 : 0);
    let byPressing = unclaimed.get(shape);
    if (byPressing === undefined) {
      byPressing = new Map();
      unclaimed.set(shape, byPressing);
    }
    let most = byPressing.get(pressing);
    if (most === undefined) {
      most = bound(group, pressing);
      byPressing.set(pressing, most);
    }
    return weighed(most, group);
  };
  /**
   * A group's bound times the most the team's priority weighs an item of it (1 but for the
   * features of a project it ranked up), a few cents over for the rounding of the item's own
   * score, which multiplies before it rounds.
   */
  function weighed(most: number, group: ItemGroup): number {
    const weights = ctx.teamWeights;
    if (weights === undefined || weights.size === 0 || !isFeatureKind(group.kind)) return most;
    const w = weights.get(group.project.project.id) ?? 1;
    return w === 1 ? most : most * w + 0.02;
  }
}

/** The focus part of alignment: 0.5 for the vision's first focus area, less down its list, 0 off it. */
function focusTerm(focusArea: string | null, vision: Vision): number {
  const n = vision.focusAreas.length;
  const rank = focusArea === null ? -1 : vision.focusAreas.indexOf(focusArea);
  return 0.5 * (rank < 0 ? 0 : 1 - rank / (2 * n));
}

/** The revenue part of alignment: EARNING_TERM for a revenue-bearing project while the vision has revenue targets. */
function earningTerm(project: Project | undefined, vision: Vision): number {
  return project?.revenueBearing === true && hasRevenueTargets(vision) ? EARNING_TERM : 0;
}

const EARNING_TERM = 0.2;

/**
 * The alignment upkeep (a backlog chore, docs, an upgrade) has for keeping a project of the vision
 * (one on a focus area of it) running where its project's earnings give it none: as much as they
 * would. Upkeep names no focus area, so on a team with no revenue (goals alone) it had no
 * alignment at all, and a review's Envoy upgrade and CI runner move scored 0 and were never
 * proposed, with room in every batch. A project off the vision's areas gets none: its work, upkeep
 * or growth, ranks once it is given one.
 */
const upkeepTerm = (earning: number): number => (earning > 0 ? 0 : EARNING_TERM);

/**
 * A critical bug: it blocks its project, on the vision's areas or not, and has upkeep's alignment
 * for keeping it running where its earnings give it none (see upkeepTerm). A review's internal
 * "Ops Console", on no focus area, had its critical "Admin login loop" score 0, never proposed,
 * while \`state\` listed it as a blocker every day.
 */
const isCriticalBug = (draft: Pick<Draft, 'item' | 'itemDetail'>): boolean =>
  draft.item?.kind === 'bug' && draft.itemDetail?.severity === 'critical';

function hasRevenueTargets(vision: Vision): boolean {
  return Object.keys(vision.revenueTargets).length > 0;
}

/**
 * A candidate's tier once its dollars are known (scoreNumbers's, as it rounds them): work that
 * claims none (no revenue, no goal value) earns its place by alignment alone, and fills in beside
 * medium bugs and upkeep, by score, rather than ahead of them (a $0 page went before a bug that
 * protected $65/month and scored ten times as much). So does work the team marked low priority
 * (`teamPriority`): the team said it comes after the rest, and a medium bug scoring six times as
 * much is of the rest (a wrong VAT rate on invoices waited behind emoji reactions). A high bug is
 * real work whatever it claims: where nothing earns (a platform team with goals alone), every bug
 * claims nothing, and one blocking every merge waited behind the docs' guides. And so does growth
 * work the team has not committed to that claims fewer dollars than a medium bug of its project
 * puts at risk (see claimsLessThanMediumBug). Work the team ranked high is real work whatever it
 * claims, as a high bug is (and what it ranked critical goes first: see tierOf): a feature a team
 * had marked high, under way on a product past its revenue target, fell behind its medium bugs.
 * A medium bug serving a goal that slips (it claims goal value) is real work too; upkeep stays
 * after the real work whatever goal it serves (its work keeps things running).
 */
export function tierClaiming(
  tier: number,
  n: Pick<ScoreNumbers, 'revenueImpact' | 'goalUsd'>,
  item: ClaimingItem | null | undefined,
): number {
  // A medium bug serving a goal that slips is real work: the team tied it to what it steers by (a
  // review's password reset landing in spam, linked to a slipping trial-conversion goal and the
  // best score of the backlog, was cut for dark mode). A goal slipping reads the plan whole (see
  // countedProjects), so no bound counts it a fill-in.
  if (tier === TIER.fillIn && item?.severity === 'medium' && n.goalUsd > 0) return TIER.work;
  if (tier !== TIER.work || item?.severity === 'high' || item?.priority === 'high') return tier;
  return (n.revenueImpact === 0 && n.goalUsd === 0) ||
    item?.priority === 'low' ||
    claimsLessThanMediumBug(n, item)
    ? TIER.fillIn
    : tier;
}

/** What tierClaiming reads of a backlog item (a draft's itemDetail, or a stored task's facts). */
export interface ClaimingItem {
  readonly severity?: string | null;
  readonly priority?: string | null;
  readonly mediumBugUsd?: number;
}

/**
 * Whether growth work the team has not committed to claims fewer dollars (revenue and goal value)
 * than a medium bug of its project puts at risk (see BacklogItem.mediumBugUsd): work that small is
 * no more pressing than such a bug, and fills in beside it, by score. A half-hour favicon claiming
 * $41 of the gap went before invoices with the wrong VAT rate, protecting $400 a month and scoring
 * three times as much.
 */
export function claimsLessThanMediumBug(
  n: Pick<ScoreNumbers, 'revenueImpact' | 'goalUsd'>,
  item: ClaimingItem | null | undefined,
): boolean {
  const floor = item?.mediumBugUsd;
  return floor !== undefined && n.revenueImpact + n.goalUsd < floor;
}

/**
 * A draft as a candidate task with every term of its score kept to explain it (see scoreNumbers for
 * the formula; the numbers are the same).
 */
export function scoreCandidate(
  draft: Draft,
  allocations: readonly Allocation[],
  ctx: ScoreContext,
  memoryNote: string | null = null,
  failures = 0,
): ScoredCandidate {
  const n = scoreNumbers(draft, allocations, ctx, failures);
  const urgencyWhy: string[] = [];
  const top = draft.signals.reduce<(typeof draft.signals)[number] | null>(
    (best, s) => (best === null || s.urgency > best.urgency ? s : best),
    null,
  );
  const signalled = top?.urgency ?? 0;
  // Each reason that presses says so (see combinedUrgency), but one that adds nothing to the
  // other at its most (a critical bug on a stale project: the bug is all of it; the work's own
  // reason when both are).
  const ownAdds = draft.ownUrgency > 0 && (signalled < 1 || draft.ownUrgency >= 1);
  if (draft.ownUrgencyWhy !== null && ownAdds) urgencyWhy.push(draft.ownUrgencyWhy);
  if (top !== null && signalled > 0 && draft.ownUrgency < 1) urgencyWhy.push(signalUrgencyWhy(top));
  const project = draft.projectId === null ? undefined : ctx.projectOf(draft.projectId);
  const rejections = rejectionsOf(ctx.rejections, draft) ?? null;
  const notes = signalFacts(draft.signals, ctx.vision, draft.inProgressSince);
  const unknown = earningsUnknown(draft, project, allocations, ctx.revenue);
  if (unknown !== null) notes.push(unknown);
  const claimNote = draft.claimNote ?? null;
  if (claimNote !== null) notes.push(claimNote);
  const small = smallerPart(draft);
  if (memoryNote !== null) notes.push(memoryNote);
  return {
    key: draft.key,
    title: draft.title,
    category: draft.category,
    projectId: draft.projectId,
    projectName: draft.projectName,
    playbookKey: draft.playbookKey,
    signal: draft.signal,
    subject: draft.subject,
    item: draft.item,
    memoryKey: draft.memoryKey,
    goalId: draft.goalId,
    focusArea: draft.focusArea,
    revenueImpact: n.revenueImpact,
    goalValue: round(n.goalUsd),
    alignment: n.alignment,
    confidence: n.confidence,
    effortHours: draft.effortHours,
    score: n.score,
    priority: 0,
    tier: tierClaiming(draft.tier, n, draft.itemDetail),
    reasoning: [],
    dependsOn: [...draft.dependsOn],
    assignee: null,
    fingerprint: draft.fingerprint,
    facts: factsOf(draft),
    terms: {
      revenue: allocations.filter((a) => a.stake.kind === 'revenue'),
      goalValue: allocations.filter((a) => a.stake.kind === 'goal'),
      confidence: n.confidence,
      evidence: {
        done: n.done,
        failed: n.failed,
        failures,
        basis: draft.playbookKey !== null ? `playbook ${draft.playbookKey}` : `${draft.category}`,
      },
      alignment: n.alignment,
      alignmentLine: alignmentOf(draft, project, ctx.vision, ctx.visionMeasures, true).line,
      strategic: n.strategic,
      strategicScale: ctx.strategic?.gapPerSize == null ? null : ctx.strategic,
      urgency: n.urgency,
      urgencyWhy,
      effortNote: draft.effortNote,
      weight: n.weight,
      damp: n.damp,
      rejections: rejections && n.damp < 1 ? rejections : null,
      teamPriority: n.teamPriority,
      teamPriorityWhy: draft.ownWeightWhy ?? null,
      sizePart:
        draft.sizePart === undefined || draft.sizePart === null
          ? null
          : { ...draft.sizePart, wholeStrategic: strategicValue(n.alignment, ctx) },
      ...(small < 1 && n.strategic > 0
        ? { smallerPart: { part: small, wholeStrategic: strategicValue(n.alignment, ctx) } }
        : {}),
      score: n.score,
    },
    notes,
    ...(unknown === null ? {} : { earningsUnknown: true as const }),
  };
}

/**
 * A stale project's signal as the card of its feature in progress says it: in progress by the
 * team's word, unchanged since its day. A review's card read "already in progress" and "Timetrack
 * has had no activity for 65 days" of the same feature, two readings of one piece of work.
 */
function idleInProgress(signal: Signal, since: string): string {
  return `${signal.fact}: this feature is in progress, unchanged since ${since}`;
}

/**
 * The facts of the signals a draft answers, each once, those of the neglected focus areas it
 * serves in one line where it serves several: an item of a project on three areas nothing works on
 * said so in three lines on every card of the batch.
 */
function signalFacts(signals: readonly Signal[], vision: Vision, inProgressSince?: string): string[] {
  const factOf = (s: Signal): string =>
    inProgressSince !== undefined && s.kind === 'stale_project' ? idleInProgress(s, inProgressSince) : s.fact;
  const gaps = signals.filter((s) => s.kind === 'focus_gap' && s.focusArea !== null);
  const ranked = gaps.map(
    (s) => [s.focusArea as string, vision.focusAreas.indexOf(s.focusArea as string) + 1] as const,
  );
  if (gaps.length < 2 || ranked.some(([, rank]) => rank < 1)) return [...new Set(signals.map(factOf))];
  ranked.sort((a, b) => a[1] - b[1]);
  const merged = focusGapFact(ranked, vision.focusAreas.length);
  const facts = signals.map((s) => (gaps.includes(s) ? merged : factOf(s)));
  return [...new Set(facts)];
}

function signalUrgencyWhy(signal: Pick<Signal, 'kind' | 'goalStatus' | 'goalDue' | 'stake'>): string {
  const kind = signal.kind;
  switch (kind) {
    case 'revenue_gap':
      return 'the revenue milestone';
    case 'near_completion':
      return 'its project is nearly complete';
    case 'focus_gap':
      return 'its focus area has had no work';
    case 'stale_project':
      return 'its project has gone stale';
    case 'churn_rise':
      // A recent month's bump, its churn back since (see ChurnBumpSignal), is no rise now.
      return signal.stake?.lost === true
        ? 'a recent month lost more customers than usual'
        : 'churn is rising';
    case 'revenue_fall':
      return "its project's revenue fell";
    case 'payment_failures':
      return 'payments are failing';
    case 'goal_off_track': {
      // At risk with no trend yet is not slipping: one measurement shows no direction.
      const status = signal.goalStatus === 'at_risk' ? 'its goal is at risk' : 'its goal is off track';
      // Its deadline sets how much it presses (see deadlinePace): the line says when.
      return signal.goalDue === undefined ? status : `${status}, ${signal.goalDue}`;
    }
    default:
      return kind;
  }
}

/** What makes a product's earnings unknown, worked out once per plan's revenue (see earningsNotKnown). */
const notKnownOf = new WeakMap<RevenueState, ReturnType<typeof earningsNotKnown>>();

/**
 * Why a bug of a revenue-bearing product protects none of what it earns, when that is for want of
 * knowing: the workspace's revenue is recorded for no product, and none for this one. A review's
 * team typed its revenue without `--project`: its critical bug protected nothing and a medium bug
 * read "no revenue rides on it", with no word of why or of the fix. Null otherwise.
 */
function earningsUnknown(
  draft: Draft,
  project: Project | undefined,
  allocations: readonly Allocation[],
  revenue: RevenueState,
): string | null {
  if (draft.item?.kind !== 'bug' || project === undefined || !project.revenueBearing) return null;
  if (allocations.some((a) => isEarnings(a.stake))) return null;
  let notKnown = notKnownOf.get(revenue);
  if (notKnown === undefined) {
    notKnown = earningsNotKnown(revenue);
    notKnownOf.set(revenue, notKnown);
  }
  const unknown = notKnown(project.id);
  if (unknown === null) return null;
  const { source } = unknown;
  if (source.projectId !== null) {
    const { what, fix, latest } = staleRevenue(source, project.name, revenue.today);
    return `What ${project.name} earns now is not known: ${what}, so a fix protects none of it; record the latest ${latest} (${fix})`;
  }
  // Recorded for no product, and that too old to count: by product is what a fix protects.
  if (unknown.stale) {
    const { what, fix } = staleRevenue(source, null, revenue.today, project.name);
    return `What ${project.name} earns is not known: ${what} and is recorded for no product, so a fix protects none of it; record it by product (${fix})`;
  }
  const { periodStart, periodEnd } = source.record;
  const month = periodStart.slice(0, 7);
  return `What ${project.name} earns is not known: the ${formatUsd(source.mrr)}/month of ${month} is recorded for no product, so a fix protects none of it; record it by product instead (\`goalpost revenue remove --from ${periodStart.slice(0, 10)} --to ${periodEnd.slice(0, 10)}\`, then \`goalpost revenue add <amount> --month ${month} --project "${project.name}"\`)`;
}

/**
 * Alignment 0–1 = 0.5 × focus (focus area i of n, 0-based: 1 − i/2n) + 0.3 × goal words (share of
 * the words of what the work is about found in the primary goal and statement, doubled, capped at
 * 1) + 0.2 × revenue
 * (a revenue-bearing project while the vision has revenue targets).
 */
function alignmentOf(
  draft: Draft,
  project: Project | undefined,
  vision: Vision,
  measures: ReadonlyMap<number, string> | undefined,
  explained = false,
): { alignment: number; line: string } {
  const n = vision.focusAreas.length;
  // Read once: an item works its focus area out from its title (see BacklogItem.focusArea), and
  // one naming none of its project's areas is aligned by the least of them (see alignedArea).
  const unnamed = draft.alignedArea;
  const focusArea = unnamed ?? draft.focusArea;
  const rank = focusArea === null ? -1 : vision.focusAreas.indexOf(focusArea);
  const goalWords = goalWordsOf(vision);
  let shared: readonly string[] = NO_WORDS;
  let named: readonly string[] = NO_WORDS;
  let goal = 0;
  // Most work shares no word with the goal, which its text alone shows, without splitting it into
  // words. Its project's name counts whether or not its title says it: an interview of the
  // customers who cancelled Ledgerly read 0.70 beside Ledgerly's items' 0.85 (an audit).
  if (
    goalWords.mentioned(draft.about) ||
    (draft.projectName !== null && goalWords.mentioned(draft.projectName))
  ) {
    const nameWords = draft.projectName === null ? NO_WORDS : significantTokens(draft.projectName);
    named = nameWords.filter((word) => goalWords.words.has(word));
    shared = draft.aboutWords.filter((word) => goalWords.words.has(word) && !nameWords.includes(word));
    goal = goalTerm(named.length > 0, shared.length);
  }
  // Work on a goal that measures one of the vision's success metrics works on the vision's own
  // measure, whatever words it uses: a review's NPS research read "Alignment 0.00: … shares no
  // words with the vision" beside "weight 0.50, as 1 of the vision's 2 measures".
  const measure = goal < 1 ? visionMeasureServed(draft, measures) : null;
  if (measure !== null) goal = 1;
  const earning = earningTerm(project, vision);
  const onVision = project?.focusAreas.some((area) => vision.focusAreas.includes(area)) === true;
  const upkeep = isUpkeepWork(draft) && onVision ? upkeepTerm(earning) : 0;
  const blocks = isCriticalBug(draft) ? upkeepTerm(earning) : 0;
  const alignment = round(focusTerm(focusArea, vision) + 0.3 * goal + earning + upkeep + blocks);
  // The words are built only for the tasks that make the batch.
  if (!explained) return { alignment, line: '' };
  const parts = [
    rank < 0
      ? focusArea === null
        ? 'no focus area'
        : `${focusArea} is not a focus area of the vision`
      : unnamed === undefined
        ? `${labelledAs(draft.areaLabel)}${focusArea} is focus area ${rank + 1} of ${n}`
        : `its title names none of its project's focus areas, so it counts as the least of them: ${focusArea}, focus area ${rank + 1} of ${n}`,
    measure !== null
      ? `works on ${measure}, one of the vision's success metrics`
      : goalWordsLine(shared, named),
    earning > 0
      ? 'revenue-bearing project'
      : project === undefined
        ? 'no project'
        : project.revenueBearing
          ? 'revenue-bearing project, but no revenue targets'
          : 'project not revenue-bearing',
  ];
  if (upkeep > 0) parts.push(`upkeep keeps its project running → ${formatFixed(upkeep)}`);
  if (blocks > 0) parts.push(`a critical bug stops its project running → ${formatFixed(blocks)}`);
  return { alignment, line: `Alignment ${formatFixed(alignment)}: ${parts.join('; ')}` };
}

/** How an alignment line begins for work its GitHub label puts on its area: `labelled 'billing' on GitHub: `. */
const labelledAs = (label: string | undefined): string =>
  label === undefined ? '' : `labelled '${label}' on GitHub: `;

/**
 * The metric of a goal `draft` is linked to or answers that is one of the vision's success metrics
 * (`measures`, by goal id), or null: the vision's measure it works on (see alignmentOf), whether
 * the goal is on track or not (on track, work linked to it read "shares no words with the vision").
 */
function visionMeasureServed(draft: Draft, measures: ReadonlyMap<number, string> | undefined): string | null {
  if (measures === undefined || measures.size === 0) return null;
  const linked = draft.goalId === null ? undefined : measures.get(draft.goalId);
  if (linked !== undefined) return linked;
  const signals = draft.signals;
  for (let i = 0; i < signals.length; i++) {
    const goalId = (signals[i] as Signal).goalId;
    const metric = goalId === undefined ? undefined : measures.get(goalId);
    if (metric !== undefined) return metric;
  }
  return null;
}

/**
 * The goal part of alignment, 0–1: half for a project the goal names (every item of it alike, however
 * long its title) and half for each word of the work's own that the goal shares. Counted as a share
 * of the title's words, a project's name weighed more in a short title than in a long one (`Dark mode`
 * of Invoicely went before `Dunning emails for failed card payments` for the word 'invoicely' alone).
 */
function goalTerm(projectNamed: boolean, ownShared: number): number {
  return Math.min(1, (projectNamed ? GOAL_WORD_PART : 0) + GOAL_WORD_PART * ownShared);
}

const GOAL_WORD_PART = 0.5;

/**
 * What the alignment line says of the goal's words: the work's own, then its project's name's.
 * Said as the vision's: they are its primary goal's and statement's (a review read "shares 'user',
 * 'revenue' with the goal" of a goal naming neither, its statement naming both).
 */
function goalWordsLine(shared: readonly string[], named: readonly string[]): string {
  const quoted = (words: readonly string[]) => words.map((w) => `'${w}'`).join(', ');
  if (shared.length === 0 && named.length === 0) return 'shares no words with the vision';
  if (named.length === 0) return `shares ${quoted(shared)} with the vision`;
  if (shared.length === 0) return `its project's name shares ${quoted(named)} with the vision`;
  return `shares ${quoted(shared)} with the vision, its project's name ${quoted(named)}`;
}

/**
 * How pressing work is, 0–1, from how pressing it is in itself (a bug's severity, its milestone's
 * due date, a feature under way) and the most pressing signal it answers: either alone, and more
 * than either when both press, as two independent reasons to act now do (1 − (1 − a)(1 − b)). A
 * milestone due this week on a product behind its revenue target is more pressing than the target
 * alone, where the larger of the two counted the due date for nothing. Never more than the larger
 * of 1 and either (what scoreBound's `pressing` allows for).
 */
export function combinedUrgency(own: number, signalled: number): number {
  if (own <= 0) return signalled;
  if (signalled <= 0) return own;
  return own + signalled - own * signalled;
}

/**
 * The part of a feature-size a playbook's task is, when it is smaller (its hours over a feature's
 * 8): it wins that part of its strategic value, as a backlog item estimated so does, else 1. A
 * review's 6-hour user-acquisition experiment, with a full feature-size of strategic value over
 * its 6 hours, outscored the team's own 2-day flagship feature.
 */
export function smallerPart(draft: Pick<Draft, 'item' | 'playbookKey' | 'effortHours'>): number {
  if (draft.item !== null || draft.playbookKey === null) return 1;
  return Math.min(1, draft.effortHours / FEATURE_SIZE_HOURS);
}
