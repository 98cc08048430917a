// What planning makes: the signals in the state, the stakes they claim, the candidates and the
// batch.
import type { SignalKind } from '../domain/playbook.js';
import type {
  BacklogRef,
  ShownValue,
  TaskCategory,
  TaskFacts,
  TaskStatus,
  TaskValuation,
} from '../domain/task.js';
import type { WorkspaceState } from './workspace-state.js';

/** Work done on a goal that no reading of it has measured yet (see GoalSignalInput.unmeasured). */
export interface Unmeasured {
  units: number;
  refs: readonly string[];
}

/**
 * A goal's latest work (not research) that left it short (see GoalAnalytics.stalled): what its
 * readings since say, after "done on …", in `why` (`moved nothing: no change, likely the existing
 * trend; nps is still off track`), and in a few words in `gist` (`moved it nothing`), for a note
 * that points to it. The goal's playbook work done by then is a new question (see recall).
 */
export interface MovedNothing {
  ref: string;
  doneAt: string;
  why: string;
  gist: string;
}

/** Dollars a month at stake behind some work, and where the figure comes from. */
export interface Stake {
  /** Identity within one run: tasks claiming one stake share it, never claiming more than it. */
  key: string;
  usd: number;
  /** What the dollars are, e.g. "the $457/month Basic EDU Apps earns". */
  label: string;
  /** Revenue (counts as revenue impact) or a goal's value in dollars (counts in the score only). */
  kind: 'revenue' | 'goal';
  /**
   * For a share of the revenue gap, the whole gap: what a task's facts keep of it (a project's
   * part grows with its own open backlog, which is no new fact about any one item).
   */
  readonly wholeGap?: number;
  /**
   * For a project's share of the revenue gap, the part of it counted on growth work the project
   * shipped whose revenue is not in yet (see projectStakes): not in `usd`, which open work shares.
   */
  readonly shippedUsd?: number;
  /**
   * For a project's share of the revenue gap, how many of its growth items memory holds back (see
   * heldGrowthItems): a playbook answering the share says its backlog is held, not empty.
   */
  readonly heldItems?: number;
  /**
   * For a project's share of the revenue gap, how many of its growth items the team scheduled after
   * the target (see ScheduledAfter): a playbook answering the share says so, not that nothing is there.
   */
  readonly laterItems?: number;
  /**
   * For a project's share of the revenue gap, what its open growth work comes to in feature-sizes
   * (see featureUnits) when that is less than the feature-sizes the share is counted for
   * (`countedFor`) and more than none: a playbook answering the share beside that work says so,
   * not that nothing in its backlog closes it.
   */
  readonly openUnits?: number;
  /**
   * For a project's share of the revenue gap, the feature-sizes of open work it is counted for at
   * least (1 when absent): one, or more when what the project earns asks more of it than its open
   * work's part of the gap (see gapShares). Its items claim their part of that many, and its growth
   * playbooks what the work leaves.
   */
  readonly countedFor?: number;
  /**
   * For a project's share of the revenue gap counted for its open work and the work held back for a
   * decision on it (see keptBack in stakes): what the held work weighs, in feature-sizes. The rest
   * of the work does not claim its part; the product's growth playbooks answer it.
   */
  readonly keptUnits?: number;
  /**
   * For the share of a product Goalpost saw launch that keeps part of it by its work (see
   * provenShare in stakes), the days since it began earning: the reasons say why it carries more
   * than what it earns asks.
   */
  readonly launchDays?: number;
  /** For the share of another product beside such a launch: its share moves as the launch's does. */
  readonly besideLaunch?: boolean;
  /**
   * For the dollars of a signal items share (see SHARED_STAKES), the part of the work answering it
   * that the items serving it come to, when less than all (set by serveSignals): its playbooks
   * answer it too and claim what they leave, as a product's playbooks claim what its open work
   * leaves of its share of the gap (see Stake.openUnits). A quarter-hour survey won its eighth of
   * the 30% of a churn rise that answering work is counted to win, and the interview beside it
   * claimed all 30% again. Of a goal, whose answering work is one feature-size, it is the work's
   * feature-sizes: its playbooks' cards say so, not that nothing planned works on it.
   */
  servedPart?: number;
  /**
   * Customers leaving: the revenue a churn rise takes or a revenue fall lost, or what closing a
   * goal on churn is worth. One piece of work claiming both kinds counts them once (see
   * countChurnOnce).
   */
  readonly churn?: true;
  /**
   * Revenue a product has lost already (a revenue fall): work may win it back, new revenue, not
   * revenue the products earn now that it protects (see BatchPlan.revenueProtected; an audit read a
   * fall's win-back among what the products earn, protected).
   */
  readonly lost?: true;
}

/** Something in the state that calls for work; playbooks turn unserved signals into tasks. */
export interface Signal {
  kind: SignalKind;
  /** Stable identity, e.g. `blocker:bug:12`. */
  key: string;
  projectId: number | null;
  focusArea: string | null;
  /** What playbook tasks for this signal claim a share of; null when no dollars are at stake. */
  stake: Stake | null;
  /** 0–1: how pressing (critical bug = 1). */
  urgency: number;
  /**
   * Tells apart several signals of one kind on one project (a bug id, a focus area); becomes the
   * `#subject` suffix of candidate keys.
   */
  subject?: string;
  /** The goal behind a goal_off_track signal. */
  goalId?: number;
  /**
   * For a goal on customers leaving of one product among several whose names hold its words
   * (`coachly_churn`: "Coachly" and "Coachly Studio"), that product's name: the one whose name is
   * the goal's own words (see goalProductOf).
   */
  goalProduct?: string;
  /**
   * For a goal_off_track signal: the team linked work to the goal and that work is done (see
   * GoalSignalInput.lastWork). Its links say what serves it: work that only names what it measures
   * does not, with or without linked work still open (see servingItems).
   */
  linkedWorkDone?: true;
  /** The goal's status, for a goal_off_track signal. */
  goalStatus?: string;
  /**
   * For a goal_off_track signal: when the goal is due, in words (`due in 3 weeks`), as its urgency
   * reads it (see deadlinePace).
   */
  goalDue?: string;
  /**
   * For a goal_off_track signal: the team's work linked to the goal done since it was last
   * measured. What it is counted to win of the goal stays its own until a reading shows it: the
   * open items linked to the goal share the rest (see servingClaim). A review's half-day email
   * claimed $347 a month of the goal on Monday, and $1,216 on Tuesday, the three-day wizard beside
   * it shipped in between and conversion not measured since.
   */
  unmeasured?: Unmeasured;
  /**
   * For a goal_off_track signal: its playbook tasks the team approved or has under way (its
   * research, an experiment), and the dollars of the goal's value they were decided at. Those stay
   * theirs: the open items serving the goal share what they leave (see servingShare). A review's
   * goal-linked feature, back from its rejection hold while the goal's experiment was approved at
   * $713 a month of it, claimed all $2,375 as "the only open item that serves it".
   */
  underWay?: { usd: number; refs: readonly string[] };
  /**
   * For a goal_off_track signal: its latest work, measured, moved it nothing (see
   * GoalSignalInput.stalled). Its playbook work done by then comes back (see recall).
   */
  stalled?: MovedNothing;
  /** For a goal_off_track signal: when another piece of work is proposed (see GoalSignalInput.awaiting). */
  awaiting?: string;
  /**
   * For a revenue fall: its project's share of the revenue gap, which already counts what the fall
   * lost. The items serving it, growth work that shares the gap, claim those dollars once, as
   * their share of the gap; its playbook task claims its part of the fall out of that share too,
   * beside them (see Claim.of): an audit found the fall counted twice, the work on a product
   * claiming $980 of its $800 share.
   */
  withinGap?: Stake;
  /**
   * For a churn rise or a revenue fall: the last day of the revenue period it was measured in
   * (`YYYY-MM-DD`). Work done after it cannot show in it (see answeredRecently).
   */
  readonly evidenceTo?: string;
  /**
   * Its first day (`YYYY-MM-DD`): research done on the project before it cannot have answered it,
   * a new month's rise being a new question (see recall).
   */
  readonly evidenceFrom?: string;
  /** Template variables: project, bug, focus, gap, target, month, remaining, completion, … */
  params: Record<string, string>;
  /** One reasoning line stating the facts, with numbers. */
  fact: string;
}

/** A draft's claim on a stake: `weight` of it, shrunk when the claims on one stake exceed it. */
export interface Claim {
  stake: Stake;
  /** Its part of the stake; on a share of the revenue gap, per feature-size of work (see perUnits). */
  weight: number;
  /** Why this share, e.g. "a critical bug puts half of it at risk". */
  why: string;
  /**
   * On a project's share of the revenue gap: the feature-sizes of open work sharing it (see
   * featureUnits); each item claims the weight once for each feature-size it is.
   */
  perUnits?: number;
  /**
   * Its weight counts the item's own size already (a signal's share split by the feature-sizes of
   * the items serving it): not scaled again for it (see sizedAllocations).
   */
  ownSize?: true;
  /**
   * On a signal items share one by one: why the item serves it (`linked to it`, `it names
   * 'seller'`), for its claim to be weighed again (see shareWhatHeldServingLeaves).
   */
  because?: string;
  /**
   * On a project's share of the revenue gap, for what a revenue fall lost within it (see
   * Signal.withinGap): the fall's stake, whose dollars the weight is its part of. What the claim's
   * facts keep (see factsOf), and customers leaving (see countChurnOnce).
   */
  of?: Stake;
  /**
   * A bug's claim on its product's share of the revenue gap: what it threatens of what the product
   * is to win, by severity (see toWinClaim in backlog-candidates), not a part of the work winning it.
   */
  toWin?: true;
}

/** A claim after every claim on its stake is known: the dollars it gets. */
export interface Allocation extends Claim {
  usd: number;
  /** The sum of the weights claiming this stake, when above 1 (the shares were scaled down). */
  crowded: number | null;
  /** The claims crowding it count what bugs threaten of what their product is to win (see Claim.toWin). */
  withThreats?: true;
  /**
   * For a goal on churn, the dollars taken off its share as the same work claims them as revenue
   * lost to churn (see countChurnOnce).
   */
  countedAsRevenue?: number;
  /** Of countedAsRevenue, what other work claims of the same customers (see countChurnOnce). */
  countedByOthers?: number;
  /** For work smaller than its kind, the part of its share it claims (see BacklogItem.sizePart). */
  sized?: number;
}

/**
 * The part of a feature's (or upkeep's) value an item smaller than its kind is counted to win, and
 * the hours its kind is counted for (see BacklogItem.sizePart).
 */
export interface SizePart {
  part: number;
  countedHours: number;
  /** What the hours are the default of: `a planned feature`, `a feature in progress`, `upkeep`. */
  of: string;
  /** Its estimate is more than MOST_FEATURE_UNITS of its kind's size: it is counted for that many. */
  capped?: true;
  /**
   * The hours it was started at, when the team has since estimated it lower (the hours left of it):
   * what its size is counted by (see Feature.sizeHours).
   */
  startedHours?: number;
}

/** What the score is made of, kept to explain it. */
export interface ScoreTerms {
  revenue: Allocation[];
  goalValue: Allocation[];
  confidence: number;
  /** Finished work like it (`basis`), and how many times this same work failed (halving the confidence). */
  evidence: { done: number; failed: number; failures: number; basis: string };
  alignment: number;
  alignmentLine: string;
  strategic: number;
  /** What a feature-size of fully aligned work was worth, when the gap per feature-size bounded it. */
  strategicScale: { usd: number; gapPerSize: number | null; least?: true } | null;
  urgency: number;
  urgencyWhy: string[];
  effortNote: string;
  weight: number;
  /** Score multiplier for a category the team keeps rejecting, with its record. */
  damp: number;
  rejections: { rejected: number; decided: number } | null;
  /** Score multiplier of the team's own priority (a feature labelled low priority: 0.5), else 1. */
  teamPriority: number;
  /** Why, below 1: `the team marked it low priority on GitHub`. */
  teamPriorityWhy: string | null;
  /**
   * For work smaller than its kind, the part of its kind's value it is counted to win, and the
   * strategic value of work of its kind's size this aligned.
   */
  sizePart: (SizePart & { wholeStrategic: number }) | null;
  /**
   * For a playbook's task smaller than a feature-size, the part of one it is (its hours over 8)
   * and the strategic value of a feature-size this aligned: it wins that part (see smallerPart).
   */
  smallerPart?: { part: number; wholeStrategic: number };
  /** The task's own score, as its `score` (a prerequisite inherits only the priority of what it unblocks). */
  score: number;
}

/** A task the engine proposes, before or after it is persisted. */
export interface CandidateTask {
  /** Stable id within one run, e.g. `feature:12` or `pay.stripe@4`. */
  key: string;
  title: string;
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
  playbookKey: string | null;
  /** The signal a playbook task answers, or `backlog` for a task made from the team's backlog. */
  signal: SignalKind | 'backlog';
  /** What the task is about (a bug, a feature, a focus area); candidates about different subjects never dedup. */
  subject: string | null;
  /** The feature or bug the task was made from. */
  item: BacklogRef | null;
  /** What the work is, however its title's numbers change: done and rejected work is remembered by it. */
  memoryKey: string;
  /** The goal the task serves, for an off-track goal's task. */
  goalId: number | null;
  focusArea: string | null;
  revenueImpact: number;
  /** Dollars a month toward the team's goals (shares of goals' value), beside the revenue. */
  goalValue: number;
  alignment: number;
  confidence: number;
  effortHours: number;
  score: number;
  priority: number;
  /**
   * Where it stands in line: 0 a critical bug (first), 1 real work, 2 medium bugs (when nothing
   * better serves the goals), 3 generic planning (never ahead of real work).
   */
  tier: number;
  reasoning: string[];
  /** Keys of candidates in this batch, or refs of open tasks, that must be done first. */
  dependsOn: string[];
  assignee: string | null;
  fingerprint: string;
  facts: TaskFacts;
}

export interface SkippedCandidate {
  title: string;
  /** Title of the kept candidate, or ref of the task, it duplicates or repeats. */
  duplicateOf: string;
  similarity: number;
  /** A duplicate of open or batch work, or work the team already did or rejected. */
  reason: 'duplicate' | 'done' | 'rejected' | 'failed';
  /** For done and rejected work: when, and why it is not back. */
  note?: string;
  /** For done and rejected work of a project: its name (a playbook task's title may not say it). */
  project?: string;
  /**
   * Held back as done while finished work that answers the same thing shows its effect (a churn
   * rise's research after the cancellation survey shipped): not work done before itself.
   */
  answered?: true;
  /** Held back for the feature it waits for (`feature after`), which is held back: not for itself. */
  behind?: true;
  /**
   * Failed lately: the minute its hold ends and a plan proposes it again on its own (ISO), when
   * no open task its reason names holds it.
   */
  returns?: string;
}

/**
 * How many of the candidates the cap left out a plan lists, best first (it counts them all): a
 * large workspace leaves out hundreds of thousands, which nobody reads past the first few.
 */
export const CUT_LISTED = 50;

/** A candidate that made it past dedup and memory but not into the batch: the cap left no room. */
export interface CutCandidate {
  title: string;
  score: number;
}

/** A medium bug the cap cut that scores above real work of the batch (see BatchPlan.outscoringBugs). */
export interface OutscoringBug extends CutCandidate {
  /** Its bug's id, for `bug severity`. */
  bugId: number;
}

/**
 * A candidate that scores 0 (no dollars at stake, nothing in the vision values it): no batch
 * proposes it, even with room left. With its project, as that is what a team would change (give
 * the project a focus area, or revenue) for its work to rank.
 */
export interface UnvaluedCandidate {
  title: string;
  project: string | null;
  /**
   * The feature's id when it is upkeep (which moves no focus area, and so scores 0 on a project
   * that earns nothing: made growth work, it would rank), else null.
   */
  upkeepId: number | null;
  /** Whether its project is on a focus area of the vision (upkeep scores 0 there too, if it earns nothing). */
  onFocusArea: boolean;
}

/** A kind of work on a project (or none) nobody at work takes. */
export interface UntakenWork {
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
}

export interface BatchPlan {
  generated: number;
  /** After dedup and memory, before the cap. */
  unique: number;
  skipped: SkippedCandidate[];
  /** How many unique candidates the cap left out: `unique` = `tasks.length` + `cut` + `unvalued`. */
  cut: number;
  /** The best of those the cap left out (at most CUT_LISTED), best first. */
  cutByCap: CutCandidate[];
  /**
   * Of cutByCap, the medium bugs scoring above real work the batch holds, best first (at most
   * three): a medium bug fills in after the real work, whatever it scores, and a lead who finds
   * the backlog's best score cut should be told why, and how to say it is more pressing (`bug
   * severity <id> high`). A lead's half-day fix of a bank feed duplicating transactions, scoring
   * 439, was cut from a batch of three for a two-week integration scoring 28.8, without a word.
   */
  outscoringBugs: OutscoringBug[];
  /**
   * Whether the team's free slots left some of `cut` out as nobody with one takes it (its kind of
   * work, its project) while others had room: false unless the options said whose slots they are.
   */
  leftOutByKind: boolean;
  /**
   * Of `tasks`, the critical ones (and their prerequisites) that came with no room for them: past
   * the team's free slots, or where no free slot takes them. A lead puts them before anything
   * else all the same. 0 unless the options gave a room.
   */
  beyondRoom: number;
  /**
   * With `cut` and the team's free slots given (options.room), what a batch with no cap would
   * propose from the same work: how many of `cut` it would propose (`more`). With whose the slots
   * are said (a Room), the free slots it would still leave empty (`slots`), by those who hold
   * them: those who take none of the work it leaves (`holders`, a docs bot's with no upkeep
   * today), those whose work waits for other work first (`waiting`, the bot's docs after a
   * feature nobody free takes) and those whose work only comes with other work (`comesWith`, a
   * research bot's research into a goal, which comes with the experiment); and of `cut`, how many
   * no free slot takes at all, or wait for work none takes (`noTaker`; the rest of what the cap
   * did not cut waits for want of room); else 0 and none. Null otherwise.
   */
  higherCap: {
    more: number;
    slots: number;
    holders: string[];
    waiting: string[];
    comesWith: string[];
    noTaker: number;
  } | null;
  /**
   * The kinds of the work `cutByCap` lists that nobody at work takes at all (each kind of work and
   * project once, best first): empty unless the options said whose the slots are.
   */
  untaken: UntakenWork[];
  /**
   * How many unique candidates the batch left out, with room for them, as they score 0: counted
   * only when the batch is short of the cap (in a full one, the cap cuts them, see `cut`, though
   * `cutByCap` never lists them: see leftOut).
   */
  unvalued: number;
  /** The first of them (at most CUT_LISTED). */
  unvaluedWork: UnvaluedCandidate[];
  /** Dependency cycles found among candidates, each as the titles involved. */
  cycles: string[][];
  /** In execution order, capped. */
  tasks: CandidateTask[];
  revenueImpact: number;
  /**
   * Of revenueImpact, the part that is what the products earn now, which the work protects (a
   * bug's customers, those a churn rise takes): not new revenue, and no part of the gap to the
   * target. What a revenue fall lost is lost already: winning it back is new (see Stake.lost).
   */
  revenueProtected: number;
  /**
   * Of revenueProtected, what bugs protect by their severity's share alone (5 %, 20 %, 50 % of
   * what a product earns), no one having said what part of its customers each touches (`bug
   * affects`): a guess, said as one (a lead read two narrow bugs' $8,424 as fact).
   */
  revenueGuessed: number;
  /**
   * Open proposals valued again today, from the candidate that repeats each (its same work), on the
   * batch's scale of priority: a proposal keeps no dollars or priority of the day it was made.
   */
  revalued: RevaluedTask[];
  /**
   * Open tasks this plan did not value again (approved, under way, or awaiting a decision with no
   * draft today) whose priority on the batch's scale is not the one they show: they keep the value
   * they were decided on, and a saved plan writes their priority, so that every open task's
   * priority compares with every other's (`goalpost tasks`, the queue and a worker's claim go by it).
   */
  rescaled: RescaledTask[];
  /**
   * Playbook tasks awaiting a decision whose reason this plan no longer finds (see staleProposals):
   * a saved plan withdraws them.
   */
  withdrawn: WithdrawnProposal[];
  /** The analysed state the plan came from (for digest headers and `--json`). */
  state?: WorkspaceState;
}

/** A playbook task awaiting a decision whose reason a plan no longer finds, and why. */
export interface WithdrawnProposal {
  ref: string;
  title: string;
  /** What changed, as a sentence's end: `other work answers Tallybook's share of the revenue gap now`. */
  why: string;
}

/** An open task's priority on a plan's scale, and the one it shows (see BatchPlan.rescaled). */
export interface RescaledTask {
  ref: string;
  title: string;
  status: TaskStatus;
  was: number;
  priority: number;
  /** What its reasoning says of it (`Priority now 10 (P7 before), on the scale of …`): see withRescaleLine. */
  line: string;
}

/** An open proposal's value as a plan made today puts it, and what it was worth before. */
export type RevaluedTask = {
  ref: string;
  title: string;
  was: ShownValue;
  /** What moved its value, when the plan can say (see ValueChange.because). */
  because?: string;
} & TaskValuation;
