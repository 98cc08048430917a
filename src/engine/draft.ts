import type { BugSeverity, MetPrerequisite } from '../domain/project.js';
import type { TaskFacts } from '../domain/task.js';
import type { CandidateTask, Claim, Signal, SizePart } from './batch-plan.js';
import { hashFingerprint } from './fingerprint.js';

/**
 * Where work stands in line, whatever its score: a critical bug blocks its project and goes first;
 * medium bugs and generic planning fill a batch only after the real work, at lower priority.
 */
export const TIER = { blocker: 0, work: 1, fillIn: 2, planning: 3 } as const;

/**
 * Whether work is upkeep (a backlog chore, docs, an upgrade): infrastructure no playbook made (see
 * BacklogItem's categoryOf). A draft, a candidate and a stored task alike tell it so.
 */
export const isUpkeepWork = (w: {
  readonly category: string;
  readonly playbookKey: string | null;
}): boolean => w.category === 'infrastructure' && w.playbookKey === null;

/**
 * A candidate before scoring: the team's own backlog item or a playbook's answer to a signal,
 * what it claims of the dollars at stake, and the signals it answers.
 */
export interface Draft
  extends Pick<
    CandidateTask,
    | 'key'
    | 'memoryKey'
    | 'title'
    | 'category'
    | 'projectId'
    | 'projectName'
    | 'playbookKey'
    | 'signal'
    | 'subject'
    | 'item'
    | 'goalId'
    | 'focusArea'
    | 'effortHours'
    | 'tier'
    | 'dependsOn'
    | 'fingerprint'
  > {
  /**
   * The focus area its alignment counts, where it is not `focusArea`: of an item naming none of its
   * project's several areas, the least of them the vision ranks (see BacklogItem.alignedArea).
   */
  readonly alignedArea?: string;
  /**
   * The label on GitHub, as written, that names its focus area (`area: billing`), for its
   * alignment to say why it counts as that area's work (see BacklogItem.areaLabel).
   */
  readonly areaLabel?: string;
  /** What the work is about, in words (an item's title and project): alignment reads these. */
  about: string;
  /** The significant words of `about`, split once: signals and alignment both match on them. */
  aboutWords: readonly string[];
  /**
   * For a backlog item: its status, severity and last change (a reopened item may come back), and
   * the features it waits for that are done (work rejected for want of one may come back).
   */
  itemDetail: {
    status: string;
    severity: BugSeverity | null;
    updatedAt: string;
    metPrerequisites?: readonly MetPrerequisite[];
    /** A feature's priority, from its labels or typed (null: none; absent on a bug, and while its labels are yet to be read again). */
    priority?: BugSeverity | null;
    /**
     * For growth work the team has not committed to, of a project that earns: what a medium bug of
     * that project puts at risk. Work claiming fewer dollars fills in beside such bugs (see
     * tierClaiming). Absent for the rest.
     */
    mediumBugUsd?: number;
    /** For a bug the team judged, the share of what its project earns it said the bug affects (see Bug.affects). */
    affects?: number;
  } | null;
  /** Where the effort figure comes from. */
  effortNote: string;
  /**
   * For a feature or upkeep estimated below its kind's size, the part of its claims and strategic
   * value it is counted to win (see BacklogItem.sizePart); absent or null: all of them.
   */
  readonly sizePart?: SizePart | null;
  /** How pressing the work is in itself (a bug's severity), 0–1, and why. */
  ownUrgency: number;
  ownUrgencyWhy: string | null;
  /**
   * For a feature the team set in progress, the day its item last changed (YYYY-MM-DD): what its
   * card says beside its project gone idle. Absent for anything else.
   */
  readonly inProgressSince?: string;
  /**
   * What the team's own ranking multiplies its score by (a feature the team marked critical, high
   * or low priority: see BacklogItem.ownWeight); absent: 1.
   */
  readonly ownWeight?: number;
  /** Why, when ownWeight is below 1. */
  readonly ownWeightWhy?: string | null;
  /**
   * Work the team has committed to (a feature it started, or ranked critical or high: see
   * BacklogItem.committed), which the rejections of other work of its category do not damp;
   * absent: the plan's own pick, damped by them.
   */
  readonly committed?: boolean;
  /** The signals this work answers: their facts become reasoning, the most pressing sets urgency. */
  readonly signals: readonly Signal[];
  /**
   * It names a goal off track (see goalNamingItem) that work linked to the goal serves instead;
   * absent or false for nearly all. Kept in its facts (TaskFacts.goalNamed).
   */
  readonly namedGoal?: boolean;
  /**
   * Why it claims no part of a stake its kind would (work the team scheduled after the revenue
   * target: see BacklogItem.claimNote), a line of its reasoning; absent or null for nearly all.
   */
  readonly claimNote?: string | null;
  /** The stakes it claims a share of; drafts may share one list (see allocateStakes). */
  readonly claims: readonly Claim[];
  /** Days before done work recurs; null for one-off work. */
  recurDays: number | null;
  /**
   * When its fingerprint is a hash (a playbook task's): what it is the hash of (see
   * fingerprintSource). Two drafts share a hashed fingerprint exactly when they share this, so
   * dedup compares it, and the hash is worked out only for work routed, saved or compared with an
   * open task whose fingerprint is a hash too. Absent when the fingerprint is no hash (an item's).
   */
  readonly hashOf?: string;
}

/**
 * A playbook's draft. A class, its fields always set in this order: thousands are made per run,
 * and objects of one shape stay fast (a spread of a shared part makes a slow, dictionary-like
 * object per draft). Its fingerprint is hashed on first read: a large workspace's plan makes a
 * thousand playbook drafts and routes, or saves, a few.
 */
class PlaybookDraft implements Draft {
  key: string;
  memoryKey: string;
  title: string;
  about: string;
  aboutWords: readonly string[];
  category: Draft['category'];
  projectId: number | null;
  projectName: string | null;
  playbookKey: string | null;
  signal: Draft['signal'];
  subject: string | null;
  item: Draft['item'];
  itemDetail: Draft['itemDetail'];
  goalId: number | null;
  focusArea: string | null;
  effortHours: number;
  effortNote: string;
  tier: number;
  ownUrgency: number;
  ownUrgencyWhy: string | null;
  readonly signals: readonly Signal[];
  readonly claims: readonly Claim[];
  dependsOn: string[];
  recurDays: number | null;
  readonly hashOf: string;
  private hashed: string | null = null;

  constructor(d: Omit<Draft, 'fingerprint' | 'hashOf'> & { hashOf: string }) {
    this.key = d.key;
    this.memoryKey = d.memoryKey;
    this.title = d.title;
    this.about = d.about;
    this.aboutWords = d.aboutWords;
    this.category = d.category;
    this.projectId = d.projectId;
    this.projectName = d.projectName;
    this.playbookKey = d.playbookKey;
    this.signal = d.signal;
    this.subject = d.subject;
    this.item = d.item;
    this.itemDetail = d.itemDetail;
    this.goalId = d.goalId;
    this.focusArea = d.focusArea;
    this.effortHours = d.effortHours;
    this.effortNote = d.effortNote;
    this.tier = d.tier;
    this.ownUrgency = d.ownUrgency;
    this.ownUrgencyWhy = d.ownUrgencyWhy;
    this.signals = d.signals;
    this.claims = d.claims;
    this.dependsOn = d.dependsOn;
    this.recurDays = d.recurDays;
    this.hashOf = d.hashOf;
  }

  get fingerprint(): string {
    this.hashed ??= hashFingerprint(this.hashOf);
    return this.hashed;
  }
}

/** A playbook's draft of `d`, its fingerprint the hash of `d.hashOf`. */
export function makeDraft(d: Omit<Draft, 'fingerprint' | 'hashOf'> & { hashOf: string }): Draft {
  return new PlaybookDraft(d);
}

/**
 * The facts a draft is proposed on. The dollars are the whole stakes it claims a share of (what
 * its project earns, a goal's worth), not its share: a share grows when other work on the same
 * stake closes, which is no new fact about this work. Of the revenue gap, the whole gap is kept
 * apart (`gapUsd`): a project's part of it grows with the project's own open backlog.
 */
export function factsOf(draft: Draft): TaskFacts {
  // A claim on a share of the gap for what a revenue fall lost keeps the fall's dollars.
  const stakes = new Map(draft.claims.map((c) => [(c.of ?? c.stake).key, c.of ?? c.stake]));
  let stakeUsd = 0;
  let goalUsd = 0;
  let gapUsd: number | undefined;
  for (const stake of stakes.values()) {
    if (stake.wholeGap !== undefined) gapUsd = stake.wholeGap;
    else if (stake.kind === 'goal') goalUsd += stake.usd;
    else stakeUsd += stake.usd;
  }
  const facts: TaskFacts = {
    stakeUsd: Math.round(stakeUsd * 100) / 100,
    goalUsd: Math.round(goalUsd * 100) / 100,
  };
  if (gapUsd !== undefined) facts.gapUsd = Math.round(gapUsd * 100) / 100;
  if (draft.namedGoal === true) facts.goalNamed = true;
  // A project's part of the gap, and the work sharing it: the claim on it of an item of its backlog,
  // or of a playbook answering what that work leaves of it (see Stake.openUnits).
  const share =
    draft.claims.find((c) => c.perUnits !== undefined && c.stake.wholeGap !== undefined) ??
    (draft.playbookKey === null
      ? undefined
      : draft.claims.find((c) => c.stake.wholeGap !== undefined && c.stake.key.startsWith('gap:')));
  if (share !== undefined) {
    facts.shareUsd = Math.round(share.stake.usd * 100) / 100;
    const units = share.perUnits ?? share.stake.openUnits ?? 0;
    facts.shareUnits = Math.round(units * 10_000) / 10_000;
    const sizes = share.stake.countedFor ?? 1;
    if (sizes > 1) facts.shareSizes = Math.round(sizes * 10_000) / 10_000;
    const held = share.stake.keptUnits;
    if (held !== undefined && held > 0) facts.heldSizes = Math.round(held * 10_000) / 10_000;
    const shipped = share.stake.shippedUsd;
    if (shipped !== undefined && shipped > 0) facts.shippedUsd = Math.round(shipped * 100) / 100;
    if (share.stake.besideLaunch === true) facts.besideLaunch = true;
  }
  const launch = draft.claims.find((c) => c.stake.launchDays !== undefined)?.stake.launchDays;
  if (launch !== undefined) facts.launchDays = Math.max(0, Math.floor(launch));
  if (draft.itemDetail?.severity) facts.severity = draft.itemDetail.severity;
  const affects = draft.itemDetail?.affects;
  if (affects !== undefined) facts.affects = affects;
  if (draft.item?.kind === 'feature' && draft.itemDetail) {
    facts.itemStatus = draft.itemDetail.status;
    // Unknown while its labels are yet to be read again: a label read then for the first time would
    // read as a raise since a rejection (see materialChange).
    const { priority } = draft.itemDetail;
    if (priority !== undefined) facts.priority = priority ?? 'none';
    const { mediumBugUsd } = draft.itemDetail;
    if (mediumBugUsd !== undefined) facts.mediumBugUsd = mediumBugUsd;
  }
  const goalStatus = draft.signals.find((s) => s.goalStatus !== undefined)?.goalStatus;
  if (goalStatus !== undefined) facts.goalStatus = goalStatus;
  return facts;
}
