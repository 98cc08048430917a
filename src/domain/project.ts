export const PROJECT_STATUSES = ['active', 'paused', 'done'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const FEATURE_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

export const BUG_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type BugSeverity = (typeof BUG_SEVERITIES)[number];

export const BUG_STATUSES = ['open', 'fixed', 'wontfix'] as const;
export type BugStatus = (typeof BUG_STATUSES)[number];

/** Whether a backlog item of this status is open work: a feature not done, a bug open. */
export const isOpenItem = (kind: 'feature' | 'bug', status: string): boolean =>
  kind === 'feature' ? status !== 'done' : status === 'open';

export interface Project {
  id: number;
  workspaceId: string;
  name: string;
  description: string;
  status: ProjectStatus;
  /** Explicit, instead of the seed's guess from the project name. */
  revenueBearing: boolean;
  focusAreas: string[];
  createdAt: string;
  updatedAt: string;
}

/** A project that still serves focus areas the vision no longer has. */
export interface StrandedProject {
  project: string;
  /** Its focus areas the vision dropped. */
  focusAreas: string[];
}

/**
 * The projects (done ones aside: their focus is history) on focus areas not among `focusAreas`:
 * after the vision drops an area, their work is no longer counted toward any focus area.
 */
export function strandedProjects(
  projects: readonly Project[],
  focusAreas: readonly string[],
): StrandedProject[] {
  return projects
    .filter((p) => p.status !== 'done')
    .map((p) => ({ project: p.name, focusAreas: p.focusAreas.filter((f) => !focusAreas.includes(f)) }))
    .filter((s) => s.focusAreas.length > 0);
}

/** Where a synced backlog item lives: `acme/app#12` and its page. Its truth is there, not here. */
export interface ItemSource {
  ref: string;
  url: string;
  /** The GitHub milestone it is in, with its due date (ISO 8601) when it has one. */
  milestone?: { title: string; dueOn: string | null };
  /** The GitHub login its issue is assigned to. */
  assignee?: string;
  /**
   * A feature's priority, as its labels give it (`P1`, `priority: high`, `low priority`: the
   * repository's severity labels). Absent when they give none, and on a bug (its severity).
   */
  priority?: BugSeverity;
  /**
   * Its repository's open issues are to be read again at the next sync, their labels meaning
   * something new (an upgrade that reads more labels, or the repository connected again with
   * other labels): until then its priority is not known (see factsOf).
   */
  labelsPending?: true;
  /**
   * Its issue's labels that may name a focus area, as written (`billing`, `area: billing`: see
   * areaLabelsOf): an item labelled with an area of its project works on it. Absent when none.
   */
  areaLabels?: string[];
}

/** A feature the team dropped from its backlog (`feature drop`), as a later command naming it says. */
export interface DroppedFeature {
  id: number;
  /** Its project's name when it was dropped. */
  project: string;
  title: string;
  reason: string | null;
  /** When (ISO 8601). */
  at: string;
  /**
   * The GitHub issue it was synced from, when it left the backlog with it (closed there as not
   * planned or as a duplicate, labelled as no work, deleted): `reason` says how (see closedUndone).
   */
  issue?: { ref: string; url: string };
}

export interface Feature {
  id: number;
  projectId: number;
  title: string;
  status: FeatureStatus;
  /** The goal the team says this serves, if any. */
  goalId: number | null;
  /**
   * Upkeep (a chore, docs, a dependency upgrade): work that keeps the product running and wins no
   * customers, so it shares no part of the revenue gap. False for growth work.
   */
  upkeep: boolean;
  /** Hours the team expects it to take (`feature estimate`); null: not estimated, its kind's default. */
  estimateHours: number | null;
  /**
   * The most it was estimated at since it was started, when the team has since lowered its
   * estimate below that (to the hours left of it; migration 0054): the size its value is counted
   * for (see featureUnits). Absent otherwise, as on nearly every feature.
   */
  sizeHours?: number;
  /**
   * The team's priority typed into Goalpost (`feature priority`); absent when it set none. A synced
   * feature's is its labels' (ItemSource.priority).
   */
  priority?: BugSeverity;
  createdAt: string;
  updatedAt: string;
  /** The GitHub issue it comes from; null for one typed into Goalpost. */
  source: ItemSource | null;
}

/**
 * A feature's priority as the team set it: a synced feature's from its issue's labels alone (a
 * priority typed before its issue was linked is one nobody can change any more: `feature
 * priority` refuses a synced feature), any other's as typed (`feature priority`); null for none.
 */
export function teamPriorityOf(feature: Pick<Feature, 'source' | 'priority'>): BugSeverity | null {
  return (feature.source ? feature.source.priority : feature.priority) ?? null;
}

/** Hours a feature takes when nobody estimated it: the size a feature's value is counted for. */
export const FEATURE_SIZE_HOURS = 8;

/**
 * The most feature-sizes one item is counted for: a week's work. A review found a 200-hour item
 * claiming most of a product's share of the revenue gap and twice the product's own MRR: work of
 * several weeks is a project of its own, no surer to win more by the target for being bigger, and
 * past a week it wins no more of the gap per hour (its score falls with its hours, as before).
 */
export const MOST_FEATURE_UNITS = 5;

/**
 * How many features' worth of work (feature-sizes of FEATURE_SIZE_HOURS, or of `sizeHours`: upkeep
 * is counted per 4 h) a growth feature is: what it weighs in the split of a revenue gap, and the
 * part of a feature's value it is counted to win. Its estimate over 8 hours (a quarter-hour fix:
 * 0.03; two days: 2), MOST_FEATURE_UNITS at most; one when nobody estimated it. A feature under
 * way is at least one, whatever its estimate, and keeps the size it was started at (its
 * `sizeHours`) when the team lowers its estimate to what is left of it: it is no smaller a feature
 * for being nearly done. Counted per item, the gap's split gave a typo fix a two-day feature's
 * part, and six of them cut every real feature's share by half.
 */
export function featureUnits(
  feature: Pick<Feature, 'status' | 'estimateHours' | 'sizeHours'>,
  sizeHours: number = FEATURE_SIZE_HOURS,
): number {
  const estimate = feature.estimateHours;
  if (estimate === null) return 1;
  const hours = feature.sizeHours === undefined ? estimate : Math.max(estimate, feature.sizeHours);
  const units = Math.min(MOST_FEATURE_UNITS, hours / sizeHours);
  return feature.status === 'in_progress' ? Math.max(1, units) : units;
}

/**
 * Adds what an open growth feature weighs beyond one (see featureUnits) to its project's count:
 * called in id order, by the store and by analysis alike.
 */
export function addUnits(
  stats: Pick<FeatureStats, 'extraUnits'> | undefined,
  feature: Pick<Feature, 'status' | 'estimateHours' | 'sizeHours'>,
): void {
  if (stats !== undefined) stats.extraUnits += featureUnits(feature) - 1;
}

/** An open feature as planning reads it: everything a task on it is made of (not when it was created). */
export type OpenFeature = Omit<Feature, 'createdAt'> & {
  /**
   * The open features of its project it waits for (`feature after`), by id: a plan proposes it only
   * after them. Absent when it waits for none (nearly every feature).
   */
  after?: readonly number[];
  /** The features of its project it waits for that are done, by when (absent: none). */
  metAfter?: readonly MetPrerequisite[];
};

/**
 * A feature another waits for (`feature after`), done: what tells a plan that work rejected for
 * want of it may come back (see recall).
 */
export interface MetPrerequisite {
  id: number;
  title: string;
  /** When the team said the feature waits for it. */
  since: string;
  /** When it was done; null for one entered as done. */
  doneAt: string | null;
}

/**
 * Growth work done lately: a feature done (not upkeep) or a critical bug fixed, on a project that
 * earns, and when it last changed (when it was done, unless it was edited since).
 */
export interface ShippedItem {
  projectId: number;
  at: string;
  /** What it weighed open in the split of the gap, in feature-sizes (see featureUnits): a bug 1. */
  units: number;
}

/** A project's features, counted: how far it is, and when any of them last changed. */
export interface FeatureStats {
  total: number;
  done: number;
  /** Of them, its upkeep features (counted in total and done too). */
  upkeepTotal: number;
  /** Its upkeep features not done: the open features that share no part of the revenue gap. */
  upkeepOpen: number;
  /**
   * What its open growth features (not done, not upkeep) weigh beyond one each, in feature-sizes
   * (see featureUnits): 0 when none is estimated; summed in id order, however it is read.
   */
  extraUnits: number;
  /** The latest `updatedAt` of its features (ISO 8601, UTC). */
  lastChange: string;
}

export interface Bug {
  id: number;
  projectId: number;
  title: string;
  severity: BugSeverity;
  status: BugStatus;
  /** The goal the team says this serves, if any. */
  goalId: number | null;
  /** Hours the team expects the fix to take (`bug estimate`); null: not estimated, the default. */
  estimateHours: number | null;
  /**
   * The share of what its product earns or is to win that the team judges it puts at risk (`bug affects`), 0–1:
   * 0.02 for a bug that reaches only a few customers. Absent when the team said nothing (nearly
   * every bug): its severity's share stands (see SEVERITY_AT_RISK). Never counted above that.
   */
  affects?: number;
  createdAt: string;
  updatedAt: string;
  /** The GitHub issue it comes from; null for one typed into Goalpost. */
  source: ItemSource | null;
}

/** A project's bugs, counted: its open ones by severity, its open critical ones, and their latest change. */
export interface BugStats {
  open: Record<BugSeverity, number>;
  /** Its open critical bugs, by id: they block the project. */
  blockers: Bug[];
  /** The latest `updatedAt` of its bugs, open or not (ISO 8601, UTC). */
  lastChange: string;
}

/** Revenue earned over a period, optionally attributed to a project. */
export interface RevenueRecord {
  id: number;
  workspaceId: string;
  projectId: number | null;
  periodStart: string;
  periodEnd: string;
  actual: number;
  projected: number;
  /** Subscriptions at the period's end; null when the record does not say (unknown is not 0). */
  subscriptions: number | null;
  /** 0–1 of customers lost over the period; null when nobody measured it (unknown is not 0). */
  churnRate: number | null;
  notes: string;
  createdAt: string;
  /** `manual`: typed in; `stripe`: a month's MRR from the connected Stripe account. */
  source: 'manual' | 'stripe';
  /** For Stripe's months, how MRR moved in dollars; null for typed records. */
  movements: MrrMovements | null;
}

/**
 * A Stripe subscription whose items feed more than one project at the end of `month` (`YYYY-MM`):
 * each of those projects' records of the month counts it (a backfill writes one per project), the
 * workspace's total once.
 */
export interface SharedSubscription {
  month: string;
  projectIds: readonly number[];
}

/**
 * What analysing a workspace reads of a revenue record: its period, revenue, subscriptions and churn,
 * and where and when it came from (how fresh the numbers are). Not its notes, projection or MRR
 * movements, which only the records' own views show.
 */
export type RevenuePeriod = Pick<
  RevenueRecord,
  | 'id'
  | 'projectId'
  | 'periodStart'
  | 'periodEnd'
  | 'actual'
  | 'subscriptions'
  | 'churnRate'
  | 'createdAt'
  | 'source'
> & {
  /**
   * On a source's latest complete period, from a read that took only its latest periods (see
   * RevenueRepository.periodsToAnalyse): the CHURN_BASELINE_PERIODS periods before it, oldest
   * first, which that read did not take whole, as analysis reads a churn rise and the growth's
   * trend from (see RevenueSource.churnBaseline and growth). Absent where analysis has the
   * periods themselves.
   */
  before?: PeriodsBefore;
};

/**
 * What analysis reads of a period before a source's latest: its days, revenue, churn and
 * subscriptions (how many customers a month's churn was: see churnBumpOf).
 */
export type PeriodBefore = Pick<
  RevenuePeriod,
  'periodStart' | 'periodEnd' | 'actual' | 'churnRate' | 'subscriptions'
>;

/** Periods before a source's latest, oldest first, and whether they are all calendar months. */
export interface PeriodsBefore {
  periods: readonly PeriodBefore[];
  months: boolean;
}

/** How a month's MRR moved, in dollars a month. */
export interface MrrMovements {
  newMrr: number;
  expansion: number;
  contraction: number;
  churned: number;
}
