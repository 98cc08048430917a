// A workspace as the engine analysed it: revenue against the milestone, and each project.
import type { Bug, Project, RevenuePeriod, StrandedProject } from '../domain/project.js';
import type { MonthKey } from '../domain/vision.js';

export interface RevenueMilestone {
  month: MonthKey;
  target: number;
  /** Every month of the vision's targets is past: this, the last, has passed with no next set. */
  passed: boolean;
  /**
   * The target due before this one, which revenue already reached (the team plans for this one
   * instead); absent when there is none or it is not reached.
   */
  reached?: { month: MonthKey; target: number };
  /**
   * The nearest target not yet reached, when this later one binds instead, asking more growth a
   * month: what it asks, and whether the current course meets it. Absent when this is the nearest.
   */
  nearer?: { month: MonthKey; target: number; requiredPace: number; onTrack: boolean };
}

/**
 * One revenue source (a project, or the workspace as a whole) as it stands now. `R` is the record
 * as it was read: what analysis uses of it (RevenuePeriod) when planning, the whole record when the
 * state is shown.
 */
export interface RevenueSource<R extends RevenuePeriod = RevenuePeriod> {
  projectId: number | null;
  /** Its latest complete period. */
  record: R;
  /** That period's revenue as monthly revenue. */
  mrr: number;
  /** True when the period is not a calendar month and its revenue was converted to a month. */
  scaled: boolean;
  /** The period before, as monthly revenue; null when there is none. */
  previousMrr: number | null;
  /**
   * How much `mrr` moves a month: the trend of its periods over the latest TREND_DAYS (see
   * growthPerMonth; a week after a week is a quarter of a month apart), with two, its change from
   * `previousMrr`; null without a period before.
   */
  growth: number | null;
  /** As the latest period's record says; null when it does not. */
  subscriptions: number | null;
  /** Churn over the latest period; null when unknown. */
  churn: number | null;
  previousChurn: number | null;
  /**
   * What churn was before the latest period, as a rise is measured from: the median of the churn
   * of up to CHURN_BASELINE_PERIODS complete periods before it that measured one, with how many
   * (`over`) and whether they were calendar months; null with fewer than two (a rise is then
   * measured from `previousChurn`). See churnBefore in detect-signals.
   */
  churnBaseline: { rate: number; over: number; months: boolean } | null;
  /**
   * A period before the latest, among the recent ones, whose churn was clearly above the periods
   * before it and whose lost revenue is not won back (see churnBumpOf); null when none was.
   */
  churnBump: ChurnBump | null;
  /** False when the latest period ended more than two periods ago: it no longer tells "now". */
  current: boolean;
  /**
   * Its earliest record that earned (complete or not), null when none did: when it began earning,
   * as far as Goalpost knows (see launchedBy). A Stripe backfill writes a mapped product's $0
   * months before its first sale.
   */
  firstEarned: R | null;
  /**
   * Whether its history tells when it began earning, not only that it earned by `firstEarned`:
   * a record before that one earned nothing (a Stripe backfill writes a mapped product's $0 months
   * from the account's first subscription), or that one is Stripe's (the backfill reads every
   * subscription the account ever had). A typed record alone says what its period earned, not
   * that nothing was earned before it: a workspace set up types its products' latest months.
   */
  firstSaleShown: boolean;
}

/**
 * A recent period that lost clearly more customers than the periods before it (see churnBumpOf),
 * as a churn signal and the digest say it: `Ledgerly Web lost 10 customers in 2026-10, against 1–2
 * a month in the 5 months before`.
 */
export interface ChurnBump {
  /** The period's first and last day. */
  periodStart: string;
  periodEnd: string;
  /** Its name in lines: `2026-10`, or its days when it is no calendar month. */
  name: string;
  /** Its churn, and the median of the periods' before it (`over` of them, `months` or not). */
  rate: number;
  baseline: { rate: number; over: number; months: boolean };
  /**
   * Customers it lost, and the fewest and most a period before it lost (churn × the subscriptions
   * at each one's start): null when a record does not count subscriptions.
   */
  customers: { lost: number; usual: [number, number] } | null;
  /** The monthly revenue before it, and the MRR its extra churn took that is not won back since. */
  mrrBefore: number;
  lostMrr: number;
}

export interface RevenueState<R extends RevenuePeriod = RevenuePeriod> {
  /** Monthly recurring revenue now: the sum over current sources. */
  current: number;
  /**
   * How much `current` moves a month: each source's growth (its trend over its latest periods, see
   * growthPerMonth), summed; null when no source has a period before.
   */
  monthlyGrowth: number | null;
  /**
   * Subscriptions now, over the current sources whose latest record counts them: a Stripe
   * subscription feeding two projects is in both one's records, and counted here once.
   */
  subscriptions: number;
  /** How many of `subscriptions` feed more than one project (each one's records count them). */
  subscriptionsShared: number;
  /** How many current sources' latest records do not say how many subscriptions they have. */
  subscriptionsUnknown: number;
  /** How many current sources' latest records measure no churn (the churn is weighed over the rest). */
  churnUnknown: number;
  /** The first milestone due this month or later; the last one when all are past; null when none. */
  milestone: RevenueMilestone | null;
  gap: number;
  /** 0–1 (can exceed 1 when the target is beaten). */
  pctOfTarget: number | null;
  monthsLeft: number | null;
  /** Dollars of monthly revenue to add per month to reach the milestone on time. */
  requiredPace: number | null;
  /**
   * What the pace is counted over (see analyseRevenue): the newest period recorded, as words say
   * it (`2026-10's figure`, `the 2026-07-01 → 2026-09-30 figure`), and the months from it to the
   * milestone's; null without a pace or a record.
   */
  paceFrom: { figure: string; months: number } | null;
  /** Revenue projected at the milestone at each source's growth (its trend, see RevenueSource.growth). */
  projectedAtMilestone: number | null;
  /**
   * Whether some source falls fast enough to be projected below $0 by then, which counts as $0
   * (so the projection is not the total at the summed growth).
   */
  projectionFloored: boolean;
  onTrack: boolean | null;
  /** Churn now, weighted by each source's revenue, over the sources that measured it; null when none did. */
  churn: number | null;
  /** The sources counted in `current`. */
  sources: RevenueSource<R>[];
  /** Sources whose latest record is too old to count as now. */
  stale: RevenueSource<R>[];
  /** Today (`YYYY-MM-DD`): what the period to record is counted back from, where a record is stale. */
  today: string;
}

export interface ProjectState<R extends RevenuePeriod = RevenuePeriod> {
  project: Project;
  /** Its features but upkeep (growth work): what its completion counts. */
  featuresTotal: number;
  featuresDone: number;
  /**
   * Its open growth features (not done), in feature-sizes (see featureUnits): how much of its work
   * is left to win its share of a revenue gap. Its count of them, when none is estimated.
   */
  featureUnits: number;
  /** Its upkeep features not done (counted apart): open work that shares no part of the gap. */
  upkeepOpen: number;
  /** featuresDone / featuresTotal, or null when no features are tracked. */
  completion: number | null;
  openBugs: Record<Bug['severity'], number>;
  /** Open critical bugs: they block the project. */
  blockers: Bug[];
  nearCompletion: boolean;
  /** Days since anything on the project (feature, bug, task) changed. */
  idleDays: number;
  stale: boolean;
  /** Current monthly revenue (0 without a current record). */
  monthlyRevenue: number;
  /** The project's current revenue source, when it has one. */
  revenue: RevenueSource<R> | null;
}

export interface WorkspaceState<R extends RevenuePeriod = RevenuePeriod> {
  now: string;
  revenue: RevenueState<R>;
  /** Every project, by id (see projectAt). */
  projects: ProjectState<R>[];
  /** The vision's focus areas, in its order. */
  focusAreas: string[];
  /** Focus areas with no open task and no task closed in the recent window. */
  neglectedFocusAreas: string[];
  /** Projects on focus areas the vision no longer has (it dropped them since they were set). */
  strandedProjects: StrandedProject[];
  /** Human sentences: what stands out (near-complete projects, unpaid revenue-bearing ones). */
  opportunities: string[];
  /**
   * The opportunities a digest says before its reminders, the same sentences: news of money (a
   * revenue target just passed, a product's revenue that fell, a churn rise) and a product paused
   * with a critical bug open while it earns.
   */
  pressing: string[];
}

/**
 * The position of project `id` among `projects`, which come by id (as a state's do, and any filter
 * of them keeps): -1 when it is not among them. A search, not a map from id: a plan of 100,000
 * projects built four such maps, and with them 28 MB of hash tables.
 */
export function projectAt(projects: readonly ProjectState[], id: number): number {
  let low = 0;
  let high = projects.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = (projects[middle] as ProjectState).project.id;
    if (at === id) return middle;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** The project `id` of `projects`, which come by id (see projectAt); undefined when it is not there. */
export function projectWithId<P extends ProjectState>(projects: readonly P[], id: number): P | undefined {
  return projects[projectAt(projects, id)];
}

/** How much of its revenue a project must lose from one period to the next to be said to fall. */
export const REVENUE_FELL_AT = 0.05;

/** What a project's revenue lost from its period before (0 when it did not fall). */
export function revenueLost(p: ProjectState): number {
  return p.revenue?.previousMrr == null ? 0 : Math.max(0, p.revenue.previousMrr - p.revenue.mrr);
}

/**
 * Whether the revenue counted now grew over its latest periods: each current source's change from
 * its period before, summed, above 0. Not its trend (RevenueState.monthlyGrowth): a total that
 * fell $700 in October did not grow then, however its quarter climbed.
 */
export function totalGrew(revenue: Pick<RevenueState, 'sources'>): boolean {
  let change = 0;
  for (const s of revenue.sources) if (s.previousMrr !== null) change += s.mrr - s.previousMrr;
  return change > 0;
}

/**
 * How many current sources grow and how many fall (by their trends, see RevenueSource.growth).
 * Where some do each, their growths' sum is no one pace: one product falling $1,000 a month to
 * nothing and another climbing $1,000 read "+$0/month", "flat", beside a projection $5,000 up.
 */
export function growthDirections(revenue: Pick<RevenueState, 'sources'>): {
  rising: number;
  falling: number;
} {
  let rising = 0;
  let falling = 0;
  for (const s of revenue.sources) {
    if (s.growth === null) continue;
    if (s.growth > 0) rising += 1;
    else if (s.growth < 0) falling += 1;
  }
  return { rising, falling };
}

/**
 * `1 product growing and 2 falling` when some current sources grow and some fall (their summed
 * growth is then no one pace, see growthDirections), as `state` and the digest's revenue bar say
 * it beside the sum; null otherwise.
 */
export function growthApartText(revenue: Pick<RevenueState, 'sources'>): string | null {
  const { rising, falling } = growthDirections(revenue);
  if (rising === 0 || falling === 0) return null;
  return `${rising} product${rising === 1 ? '' : 's'} growing and ${falling} falling`;
}

/**
 * Whether a project's revenue fell, by REVENUE_FELL_AT or more, from its period before to its
 * latest, which still tells "now": news however the total moved.
 */
export function revenueFell(p: ProjectState): boolean {
  const r = p.revenue;
  // From nothing, nothing fell: $0 two months running is no fall.
  return (
    r?.current === true &&
    r.previousMrr !== null &&
    r.previousMrr > 0 &&
    r.mrr <= r.previousMrr * (1 - REVENUE_FELL_AT)
  );
}

/** The period a project's latest revenue is of, as its lines name it: `2026-10`, or its days. */
export function revenuePeriodName(r: Pick<RevenueSource, 'record' | 'scaled'>): string {
  return r.scaled ? `${r.record.periodStart} to ${r.record.periodEnd}` : r.record.periodStart.slice(0, 7);
}
