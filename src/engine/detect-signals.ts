import { daysToDeadline, TOO_SOON_DAYS } from '../domain/goal.js';
import type { SignalKind } from '../domain/playbook.js';
import type { Vision } from '../domain/vision.js';
import { nearerText, paceOverText, reachedText, staleRevenue } from './analyse-revenue.js';
import { churnAreaOf, isChurnArea } from './BacklogItem.js';
import type { Signal, Stake } from './batch-plan.js';
import { ChurnBumpSignal } from './ChurnBumpSignal.js';
import { namesChurn } from './churn-words.js';
import { DAY_MS, DAYS_PER_MONTH, parseInstant } from './dates.js';
import type { GoalSignalInput, PaymentFailureInput } from './engine-input.js';
import {
  daysAgo,
  formatMonths,
  formatPct,
  formatRate,
  formatUsd,
  gapPart,
  possessive,
  round,
} from './format.js';
import {
  goalStake,
  goalStanding,
  goalWords,
  isRevenueMetric,
  productNamedIn,
  shownGap,
} from './goal-value.js';
import { paymentFailureSignals } from './payment-failure-signals.js';
import { goalProductOf } from './serve-signals.js';
import { leftByOpenWork, type ProjectStakes } from './stakes.js';
import { focusGapFact } from './task-history.js';
import { namesAllOf, significantTokens } from './tokens.js';
import {
  growthDirections,
  type ProjectState,
  projectWithId,
  type RevenueSource,
  type RevenueState,
  revenueFell,
  revenueLost,
  revenuePeriodName,
  totalGrew,
  type WorkspaceState,
} from './workspace-state.js';

/** Template values every project-level signal carries: project, and completion/remaining when tracked. */
export function projectParams(p: ProjectState): Record<string, string> {
  const params: Record<string, string> = { project: p.project.name };
  if (p.completion !== null) {
    params.completion = formatPct(p.completion);
    const left = p.featuresTotal - p.featuresDone;
    params.remaining = `${left} feature${left === 1 ? '' : 's'}`;
  }
  return params;
}

/**
 * A signal about one project, whose key, template values and fact are written when read. A large
 * workspace has one for most of its projects, and planning reads those of the few it answers with
 * playbook tasks and explains: written out at once, the 81,000 signals of 100,000 projects held
 * some 20 MB of text to the end of planning.
 */
abstract class ProjectSignal implements Signal {
  abstract readonly kind: SignalKind;
  readonly projectId: number;

  constructor(
    protected readonly state: ProjectState,
    readonly focusArea: string | null,
    readonly stake: Stake | null,
    readonly urgency: number,
  ) {
    this.projectId = state.project.id;
  }

  get key(): string {
    return `${this.kind}:project:${this.projectId}`;
  }

  get params(): Record<string, string> {
    return projectParams(this.state);
  }

  abstract get fact(): string;
}

class NearCompletion extends ProjectSignal {
  readonly kind = 'near_completion';

  constructor(state: ProjectState, focusArea: string | null) {
    super(state, focusArea, null, 0.5);
  }

  get fact(): string {
    const p = this.state;
    const left = p.featuresTotal - p.featuresDone;
    return `${p.project.name} is ${formatPct(p.completion ?? 0)} complete: ${p.featuresDone} of ${p.featuresTotal} features done, ${left} left`;
  }
}

class StaleProject extends ProjectSignal {
  readonly kind = 'stale_project';

  constructor(state: ProjectState, focusArea: string | null, stake: Stake | null) {
    super(state, focusArea, stake, 0.3);
  }

  get fact(): string {
    return `${this.state.project.name} has had no activity for ${this.state.idleDays} days`;
  }
}

/** What every project's share of the revenue gap says alike: the gap's fact and template values. */
interface GapFacts {
  fact: string;
  base: Record<string, string>;
  gap: number;
}

class RevenueGapShare extends ProjectSignal {
  readonly kind = 'revenue_gap';
  /** The dollars of the gap on this project's open work, and those counted on what it shipped. */
  private readonly share: number;
  private readonly shipped: number;

  constructor(
    state: ProjectState,
    focusArea: string | null,
    stake: Stake,
    urgency: number,
    private readonly gap: GapFacts,
  ) {
    super(state, focusArea, stake, urgency);
    this.share = stake.usd;
    this.shipped = stake.shippedUsd ?? 0;
  }

  /**
   * `{gap}` is the whole gap, as on the workspace's signal (a title saying "the revenue gap" means
   * it); `{share}` is the part of this project's share its playbooks answer: all of it, or what
   * its open work leaves when that is less than a feature-size (see Stake.openUnits), and `{part}`
   * names that share without a figure (see gapPart).
   */
  override get params(): Record<string, string> {
    return {
      ...projectParams(this.state),
      ...this.gap.base,
      gap: formatUsd(this.gap.gap),
      share: formatUsd(this.share * leftByOpenWork(this.stake)),
      part: gapPart(this.state.project.name),
    };
  }

  get fact(): string {
    const { fact, gap } = this.gap;
    const { name } = this.state.project;
    // Why a product that has just begun to earn carries more than what it earns asks (see provenShare).
    const days = this.stake?.launchDays;
    const launch =
      days === undefined
        ? ''
        : `: it launched, with its first revenue ${daysAgo(Math.max(0, Math.floor(days)))}, and for a quarter after that a launch is counted partly by its work, not by what it earns alone`;
    if (this.shipped > 0) {
      // A product that shipped all it had open has no open work to carry its part: a review read
      // "Shiftcast's open work carries $100 of it" of a product with nothing open.
      const { featuresTotal, featuresDone, openBugs } = this.state;
      if (featuresTotal - featuresDone + openBugs.critical === 0)
        return `${fact}; ${formatUsd(this.shipped)} of ${possessive(name)} part is counted on what it shipped, and ${formatUsd(this.share)} is left, with nothing of its backlog open to win it${launch}`;
      return `${fact}; ${possessive(name)} open work carries ${formatUsd(this.share)} of it, and ${formatUsd(this.shipped)} is counted on what it shipped${launch}`;
    }
    if (this.share >= gap) return fact;
    return `${fact}; ${name} carries ${formatUsd(this.share)} of it${launch}`;
  }
}

/**
 * The signals in a workspace's state that call for work, in a fixed order: revenue gaps,
 * near-complete projects, neglected focus areas, stale projects, churn rises, revenue falls, spikes
 * of failed payments, goals off track.
 * Only active projects signal; a met revenue milestone or goal signals nothing. (An open critical
 * bug needs no signal: it is a task of its own.)
 */
export function detectSignals(
  state: WorkspaceState,
  vision: Vision,
  stakes: ProjectStakes,
  goals: readonly GoalSignalInput[] = [],
  paymentFailures: readonly PaymentFailureInput[] = [],
): Signal[] {
  const active = state.projects.filter((p) => p.project.status === 'active');
  const focusOf = (p: ProjectState): string | null =>
    p.project.focusAreas.find((area) => vision.focusAreas.includes(area)) ?? null;
  const signals: Signal[] = [...revenueGapSignals(state.revenue, active, stakes, focusOf)];

  for (const p of active.filter((q) => q.nearCompletion && q.completion !== null)) {
    signals.push(new NearCompletion(p, focusOf(p)));
  }
  state.neglectedFocusAreas.forEach((area, i) => {
    const home = active.find((p) => p.project.focusAreas.includes(area));
    const rank = vision.focusAreas.indexOf(area);
    signals.push({
      kind: 'focus_gap',
      key: `focus_gap:${area}`,
      subject: area,
      projectId: home?.project.id ?? null,
      focusArea: area,
      stake: null,
      urgency: 0.3,
      params: { ...(home ? projectParams(home) : {}), focus: area },
      fact: focusGapFact([[area, rank < 0 ? i + 1 : rank + 1]], vision.focusAreas.length),
    });
  });
  for (const p of active.filter((q) => q.stale)) {
    signals.push(new StaleProject(p, focusOf(p), stakes.earns.get(p.project.id) ?? null));
  }
  // Customers leaving are the work of a project's area on them (`retention`), where it has one; of
  // the vision's areas (a handful), those on them are told once.
  const onChurn = new Set(vision.focusAreas.filter(isChurnArea));
  const churnFocusOf = (p: ProjectState): string | null =>
    (onChurn.size === 0 ? undefined : p.project.focusAreas.find((area) => onChurn.has(area))) ?? focusOf(p);
  const churn = churnSignals(state, active, churnFocusOf, stakes);
  signals.push(...churn);
  signals.push(...revenueFallSignals(state, active, churnFocusOf, roseWith(churn), stakes));
  signals.push(...paymentFailureSignals(paymentFailures, active, focusOf, state.now));
  signals.push(...goalSignals(goals, vision, state));
  return signals;
}

/**
 * The growth a projection was made at, as the revenue gap's fact says it (` at the recent growth
 * of -$667/month`, each source's trend summed, see RevenueSource.growth), which a lead reading
 * "fell from $16,000 to $12,000" beside "$7,333 projected" needs to see; but ` at each product's
 * recent growth` when some grow and some fall, or one is projected to $0 (a sum of +$0 is no
 * "flat" when one product falls to nothing and another climbs $7,000); ` with revenue flat of
 * late` when every source is flat; ` with no growth measured yet` when none has a period before
 * its latest; '' when no revenue counts now (the fact says why).
 */
function atGrowth(revenue: RevenueState): string {
  if (revenue.sources.length === 0) return '';
  if (revenue.monthlyGrowth === null) return ' with no growth measured yet';
  const { rising, falling } = growthDirections(revenue);
  if (rising === 0 && falling === 0) return ' with revenue flat of late';
  if ((rising > 0 && falling > 0) || (revenue.projectionFloored && revenue.sources.length > 1))
    return " at each product's recent growth";
  const growth = revenue.monthlyGrowth;
  return ` at the recent growth of ${growth < 0 ? '-' : '+'}${formatUsd(Math.abs(growth))}/month`;
}

/**
 * One revenue_gap signal per active revenue-bearing project (its share of the gap), or one
 * workspace-level signal when none is revenue-bearing; none when there is no milestone or no gap.
 * More urgent off track, the more so the further short the projection falls.
 */
function revenueGapSignals(
  revenue: RevenueState,
  active: readonly ProjectState[],
  stakes: ProjectStakes,
  focusOf: (p: ProjectState) => string | null,
): Signal[] {
  const { milestone, gap } = revenue;
  if (milestone === null || gap <= 0) return [];
  const projected = revenue.projectedAtMilestone ?? revenue.current;
  const shortfall = milestone.target > 0 ? (milestone.target - projected) / milestone.target : 1;
  const urgency = revenue.onTrack ? 0.4 : round(0.6 + 0.4 * Math.min(1, Math.max(0, shortfall)));
  const fact = milestone.passed
    ? `${formatUsd(gap)} short of the ${milestone.month} target of ${formatUsd(milestone.target)}, which has passed ` +
      `(${formatPct(revenue.pctOfTarget ?? 0)} reached), and no later milestone is set${uncounted(revenue, active)}`
    : `${formatUsd(gap)} behind the ${milestone.month} target of ${formatUsd(milestone.target)} ` +
      `(${formatPct(revenue.pctOfTarget ?? 0)} reached; ${formatUsd(revenue.requiredPace ?? gap)}/month of growth needed${paceOverText(revenue)}, ` +
      `${formatMonths(revenue.monthsLeft ?? 0)} months left${milestone.reached === undefined ? '' : `; ${reachedText(milestone.reached)}`}` +
      `${milestone.nearer === undefined ? '' : `; ${nearerText(milestone.nearer)}`}); ` +
      (revenue.onTrack
        ? `on track${atGrowth(revenue)}`
        : `off track: ${formatUsd(projected)} projected by then${atGrowth(revenue)}`) +
      uncounted(revenue, active);
  const base = { target: formatUsd(milestone.target), month: milestone.month };
  if (stakes.workspaceGap !== null) {
    return [
      {
        kind: 'revenue_gap',
        key: 'revenue_gap:workspace',
        projectId: null,
        focusArea: null,
        stake: stakes.workspaceGap,
        urgency,
        params: { ...base, gap: formatUsd(gap), share: formatUsd(gap), part: gapPart(null) },
        fact: `${fact}; no active project is revenue-bearing`,
      },
    ];
  }
  const shared = { fact, base, gap };
  return active.flatMap((p): Signal[] => {
    const stake = stakes.gap.get(p.project.id);
    // Playbooks written for the project's focus area (payment work) answer its gap first.
    return stake === undefined ? [] : [new RevenueGapShare(p, focusOf(p), stake, urgency, shared)];
  });
}

/**
 * `; Tallyo's latest revenue, $11,500/month for 2026-10, is too old to count as now, so the gap
 * counts it as earning nothing (record the latest month: …)`, for each source a gap leaves out
 * for want of a current record (see staleRevenue); '' when none.
 */
function uncounted(revenue: RevenueState, active: readonly ProjectState[]): string {
  let text = '';
  for (const s of revenue.stale) {
    if (s.mrr <= 0) continue;
    const name = s.projectId === null ? null : (projectWithId(active, s.projectId)?.project.name ?? null);
    if (s.projectId !== null && name === null) continue;
    const { what, fix, latest } = staleRevenue(s, name, revenue.today);
    text += `; ${what}, so the gap counts ${name === null ? 'none of it' : 'it as earning nothing'} (record the latest ${latest}: ${fix})`;
  }
  return text;
}

/** A churn rise smaller than this (half a percentage point) is noise, not a signal. */
export const MIN_CHURN_RISE = 0.005;

/**
 * Whether a source's churn rose by MIN_CHURN_RISE or more from its previous period. Counted in
 * millionths: 0.055 - 0.05 is 0.0049999… in floating point, and a review found a rise of half a
 * point caught from 2% and missed from 5% (Timekeep at 6%, twice its summer's, reported as no rise).
 */
export function churnRose(s: ChurnTrend): boolean {
  const before = churnBefore(s);
  if (s.churn === null || before === null) return false;
  return Math.round((s.churn - before) * 1e6) >= Math.round(MIN_CHURN_RISE * 1e6);
}

/** What a source's churn trend is read from (see RevenueSource). */
type ChurnTrend = Pick<RevenueSource, 'churn' | 'previousChurn' | 'churnBaseline'>;

/**
 * What a source's churn was before its latest period, as a rise is measured from: its baseline
 * (the median of the periods before: see RevenueSource.churnBaseline), else its period before's.
 */
export function churnBefore(s: ChurnTrend): number | null {
  return s.churnBaseline?.rate ?? s.previousChurn;
}

/** How much a source's churn rose from what it was before (see churnBefore); 0 when unknown. */
export function churnRise(s: ChurnTrend): number {
  return (s.churn ?? 0) - (churnBefore(s) ?? s.churn ?? 0);
}

/**
 * What a rise is measured from, in words: `1.8%`, or over several periods `a typical 1.8% (the
 * median of the 6 months before)`.
 */
export function churnFromText(s: ChurnTrend): string {
  const before = formatRate(churnBefore(s) ?? 0);
  const b = s.churnBaseline;
  if (b === null) return before;
  return `a typical ${before} (the median of the ${b.over} ${b.months ? 'months' : 'periods'} before)`;
}
/**
 * The fewest months a churn rise is counted over: customers lost go on costing after a milestone
 * near or passed (a review's rise was worth $77 with December's target 1 month off, and $232 the
 * day after it passed); the most over a milestone further off, or with none.
 */
const CHURN_HORIZON_MONTHS = 3;

/**
 * A project (or the workspace) whose measured churn rose by MIN_CHURN_RISE or more from one period
 * to the next. The extra churn costs MRR × the rise more every month, and the loss adds up: what is
 * at stake is what it takes off the MRR by the milestone (at least one month, at most twelve).
 * Else, one whose churn bumped in a recent period and is back since, its loss not won back (see
 * churnBumpOf): what is at stake is that loss, once (see ChurnBumpSignal).
 */
function churnSignals(
  state: WorkspaceState,
  active: readonly ProjectState[],
  focusOf: (p: ProjectState) => string | null,
  stakes: ProjectStakes,
): Signal[] {
  const { months, by } = churnHorizon(state);
  return state.revenue.sources.flatMap((s): Signal[] => {
    const rose = churnRose(s);
    if (!rose && s.churnBump === null) return [];
    const project = s.projectId === null ? null : projectWithId(active, s.projectId);
    if (project === undefined) return [];
    if (!rose) {
      const gap = s.projectId === null ? wholeGapOf(stakes) : stakes.gap.get(s.projectId);
      return [new ChurnBumpSignal(s, project, focusOf, gap)];
    }
    return [new ChurnRise(s, churnRise(s), project, focusOf, months, by)];
  });
}

/**
 * The stake of the gap a loss of the workspace's revenue sits in (see Signal.withinGap): the whole
 * gap when no project is revenue-bearing, else the share of the one product carrying it all. With
 * none, a workspace-wide bump's claim came on top of the gap: a review's one-product team read
 * "Revenue impact $4,940/month" against a $4,700 gap. Several products share it by their work,
 * none the loss's own: undefined, as with no gap.
 */
function wholeGapOf(stakes: ProjectStakes): Stake | undefined {
  if (stakes.workspaceGap !== null) return stakes.workspaceGap;
  if (stakes.gap.size !== 1) return undefined;
  for (const share of stakes.gap.values()) return share;
  return undefined;
}

/**
 * The focus area of the product a goal's metric names (`shipwise_activated_accounts`: Shipwise),
 * the vision's first of its areas, or null: work on the goal is work on it. A review approved the
 * diagnosis and experiment of Shipwise's activation goal, and `state` still called activation
 * neglected, a later batch proposing its first work.
 */
function namedProductArea(metric: string, vision: Vision, projects: readonly ProjectState[]): string | null {
  const words = new Set(significantTokens(metric.replace(/[_-]+/g, ' ')));
  const text = metric.toLowerCase();
  for (const p of projects) {
    // Most names share nothing with the metric, which its text alone shows (a workspace may have
    // 100,000 projects): their words are split only for a name whose first word the metric holds.
    const first =
      p.project.name
        .trimStart()
        .split(/[\s_-]+/, 1)[0]
        ?.toLowerCase() ?? '';
    if (first === '' || !text.includes(first)) continue;
    if (!namesAllOf(p.project.name, words)) continue;
    return vision.focusAreas.find((area) => p.project.focusAreas.includes(area)) ?? null;
  }
  return null;
}

/**
 * The months a churn goal's kept MRR adds up over (said `by`): to its own deadline, at least one
 * and at most twelve, as a churn rise's loss adds up to the milestone. Counted to the milestone,
 * a review's tallyo_churn, due 2027-03-31, was worth $306 in December, $162 in late January ("× 1
 * months by the 2027-01 milestone") and $791 in February, as that milestone passed and the next
 * was June's.
 */
function goalHorizon(deadline: string, now: string): { months: number; by: string } {
  const left = (parseInstant(`${deadline}T23:59:59Z`) - parseInstant(now)) / DAY_MS / DAYS_PER_MONTH;
  return { months: round(Math.min(12, Math.max(1, left))), by: `by its ${deadline} deadline` };
}

/**
 * The months churn's loss adds up over (said `by`): to the milestone, at most twelve, when it is
 * more than CHURN_HORIZON_MONTHS off; else those months (a milestone passed, near, or none).
 */
function churnHorizon(state: WorkspaceState): { months: number; by: string } {
  const milestone = state.revenue.milestone?.passed === false ? state.revenue.milestone : null;
  const left = milestone === null ? 0 : (state.revenue.monthsLeft ?? 0);
  if (milestone === null || left <= CHURN_HORIZON_MONTHS)
    return { months: CHURN_HORIZON_MONTHS, by: `over ${CHURN_HORIZON_MONTHS} months` };
  return { months: Math.min(12, left), by: `by the ${milestone.month} milestone` };
}

/**
 * A churn rise of `rise` on a source: the extra MRR it loses each month, and what that takes off
 * the MRR over `months` (said `by`). Its fact and stake's label are written when read, as a
 * ProjectSignal's are.
 */
class ChurnRise implements Signal {
  readonly kind = 'churn_rise';
  readonly key: string;
  readonly projectId: number | null;
  readonly focusArea: string | null;
  readonly stake: Stake | null;
  readonly urgency: number;
  readonly evidenceTo: string;
  readonly evidenceFrom: string;
  private readonly monthly: number;

  constructor(
    private readonly source: RevenueSource,
    rise: number,
    private readonly project: ProjectState | null,
    focusOf: (p: ProjectState) => string | null,
    months: number,
    private readonly by: string,
  ) {
    const id = source.projectId ?? 'workspace';
    this.key = `churn_rise:${id}`;
    this.projectId = source.projectId;
    this.focusArea = project === null ? null : focusOf(project);
    this.monthly = round(source.mrr * rise);
    const lost = round(this.monthly * months);
    this.stake = lost > 0 ? new ChurnStake(`churn:${id}`, lost, this.name, by) : null;
    this.evidenceTo = source.record.periodEnd;
    this.evidenceFrom = source.record.periodStart;
    this.urgency = round(Math.min(1, 0.5 + rise * 10));
  }

  private get name(): string {
    return this.project === null ? 'the workspace' : this.project.project.name;
  }

  get params(): Record<string, string> {
    return this.project === null ? {} : { project: this.name };
  }

  get fact(): string {
    const { churn, mrr } = this.source;
    const lost = this.stake?.usd ?? 0;
    // What the months add up to is MRR (a figure a month, as its stake's label says), not a second
    // monthly loss: a review read "$111 … lost each month, $334/month by the 2026-08 milestone" as two.
    return `Churn in ${this.name} rose from ${churnFromText(this.source)} to ${formatRate(churn ?? 0)}: about ${formatUsd(this.monthly)} more of its ${formatUsd(mrr)} MRR is lost each month, adding up to ${formatUsd(lost)}/month less MRR ${this.by}`;
  }
}

/** The MRR a churn rise takes from `name` by the milestone (said `by`), its label written when read. */
class ChurnStake implements Stake {
  readonly kind = 'revenue';
  readonly churn = true;

  constructor(
    readonly key: string,
    readonly usd: number,
    private readonly name: string,
    private readonly by: string,
  ) {}

  get label(): string {
    return `the ${formatUsd(this.usd)}/month of MRR the churn rise takes from ${this.name} ${this.by}`;
  }
}

/**
 * The projects whose churn rose in their latest period (see churnRose), of the churn signals: the
 * cause of a fall in that period. Not a churn bump's, of a month before it: a review's product lost
 * 10 customers in October, and November's fall from downgrades, churn normal, got no research of
 * its own, only the October interview's.
 */
const roseWith = (churn: readonly Signal[]): Set<number | null> =>
  new Set(churn.filter((s) => s instanceof ChurnRise).map((s) => s.projectId));

/**
 * An active project whose revenue fell by REVENUE_FELL_AT or more from its period before (see
 * revenueFell), however the total moved: the total hides it when another product grew. What is
 * at stake is the revenue a month it lost; the loss is of its latest period (the signal's subject),
 * so finding out why is answered once for each period that fell. A project whose churn rose in
 * that period (`churned`, see roseWith) is left to the churn signal: one cause, one task. What it
 * lost is in the revenue gap too, when the project shares one (see Signal.withinGap).
 */
function revenueFallSignals(
  state: WorkspaceState,
  active: readonly ProjectState[],
  focusOf: (p: ProjectState) => string | null,
  churned: ReadonlySet<number | null>,
  stakes: ProjectStakes,
): Signal[] {
  const grew = totalGrew(state.revenue);
  return active.flatMap((p): Signal[] =>
    revenueFell(p) && !churned.has(p.project.id)
      ? [new RevenueFall(p, focusOf(p), grew, stakes.gap.get(p.project.id))]
      : [],
  );
}

/** A project's revenue fall (see revenueFallSignals), its fact and values written when read. */
class RevenueFall extends ProjectSignal {
  readonly kind = 'revenue_fall';
  readonly subject: string;
  readonly evidenceTo: string;
  readonly evidenceFrom: string;

  constructor(
    state: ProjectState,
    focusArea: string | null,
    private readonly totalGrew: boolean,
    readonly withinGap: Stake | undefined,
  ) {
    const r = state.revenue as RevenueSource;
    const lost = round(revenueLost(state));
    const share = lost / (r.previousMrr as number);
    super(
      state,
      focusArea,
      {
        kind: 'revenue',
        key: `fall:${state.project.id}`,
        usd: lost,
        churn: true,
        lost: true,
        label: `the ${formatUsd(lost)}/month ${state.project.name} lost in ${revenuePeriodName(r)}`,
      },
      round(Math.min(1, 0.5 + 2 * share)),
    );
    this.subject = revenuePeriodName(r);
    this.evidenceTo = r.record.periodEnd;
    this.evidenceFrom = r.record.periodStart;
  }

  override get key(): string {
    return `${this.kind}:project:${this.projectId}#${this.subject}`;
  }

  override get params(): Record<string, string> {
    const r = this.state.revenue as RevenueSource;
    return {
      ...projectParams(this.state),
      fall: `from ${formatUsd(r.previousMrr ?? 0)} to ${formatUsd(r.mrr)} a month`,
    };
  }

  get fact(): string {
    const r = this.state.revenue as RevenueSource;
    const was = r.previousMrr ?? 0;
    return `${possessive(this.state.project.name)} revenue fell from ${formatUsd(was)} to ${formatUsd(r.mrr)} a month (${formatPct((r.mrr - was) / was)}) in ${this.subject}${this.totalGrew ? ', while the total grew' : ''}, with churn steady or unknown`;
  }
}

const GOAL_URGENCY = { off_track: 0.8, at_risk: 0.5 } as const;

/**
 * How much a goal's deadline presses its work (0–1), by the weeks to it: most from three weeks to
 * twelve (time to ship work and see it in the metric), less for a deadline months off (0.7 from
 * half a year: worth the work, but this week's slot may go elsewhere first), and less again as it
 * nears two weeks (0.7 at two: work begun then may land too late to show), where the goal gives no
 * signal at all (see TOO_SOON_DAYS). A review's goal due in three weeks and one due in nine months
 * pressed their work alike; a goal fourteen days off pressed its work most, one thirteen days off
 * not at all. See docs/goal-urgency.md.
 */
function deadlinePace(days: number): number {
  const weeks = days / 7;
  if (days < NEARING_DAYS) return 0.7 + (0.3 * (days - TOO_SOON_DAYS)) / (NEARING_DAYS - TOO_SOON_DAYS);
  if (weeks <= 12) return 1;
  if (weeks <= 26) return 1 - (0.3 * (weeks - 12)) / 14;
  return 0.7;
}

/** Days to a goal's deadline from which its work is pressed less as it nears (see deadlinePace). */
const NEARING_DAYS = 21;

/**
 * When a goal is due, in words its urgency reads by (`due in 3 weeks`), `days` calendar days off;
 * nearer than NEARING_DAYS, why it presses its work less.
 */
function dueText(days: number): string {
  if (days < NEARING_DAYS) return `due in ${days} days, little time for new work to show in it`;
  return days < 84
    ? `due in ${Math.round(days / 7)} weeks`
    : `due in ${Math.round(days / DAYS_PER_MONTH)} months`;
}

/** The projects' names, one at a time, as asked for. */
function* namesOf(projects: readonly ProjectState[]): Generator<string> {
  for (let i = 0; i < projects.length; i++) yield (projects[i] as ProjectState).project.name;
}

/**
 * An off-track or at-risk goal calls for work, worth what closing it is worth (see goalStake); a
 * met or on-track goal calls for none, nor does a goal on monthly revenue (the milestone's job).
 */
function goalSignals(
  goals: readonly GoalSignalInput[],
  vision: Vision,
  state: Pick<WorkspaceState, 'revenue' | 'projects' | 'now'>,
): Signal[] {
  const { revenue, projects } = state;
  // A goal on customers leaving is the work of the vision's area on them (`retention`), if any.
  const churnArea = churnAreaOf(vision.focusAreas);
  return goals.flatMap((g): Signal[] => {
    if (g.status !== 'off_track' && g.status !== 'at_risk') return [];
    if (isRevenueMetric(g.metric)) return [];
    // Its deadline gone by unmet, or too near for work proposed now to show in the metric by it
    // (TOO_SOON_DAYS), a goal asks the team for a later date (see suggestNext), not for work aimed
    // at a day it cannot reach: a review found "Run an experiment to move beta_invites toward 80
    // invites by 2026-02-15" proposed on 2 March, and another, the same on its deadline's morning,
    // and again the day after its lead rejected the goal's work as "too late for a new page".
    const daysLeft = daysToDeadline(g.deadline, state.now);
    if (daysLeft < TOO_SOON_DAYS) return [];
    const unit = g.unit ? ` ${g.unit}` : '';
    // Read only for a goal on customers leaving (goalProductOf returns first for any other).
    const product = goalProductOf(g.metric, namesOf(projects));
    // What a churn goal keeps: the MRR of the product it names, else of every product.
    const mrr =
      product === null
        ? revenue.current
        : (projects.find((p) => p.project.name === product)?.monthlyRevenue ?? revenue.current);
    const kept = {
      mrr,
      of: product === null ? 'the products earn' : `${product} earns`,
      ...goalHorizon(g.deadline, state.now),
    };
    // The product any goal names, what a guess at its worth protects a quarter of (see goalStake).
    const namedName = product ?? productNamedIn(g.metric, namesOf(projects));
    const named =
      namedName === null
        ? null
        : { name: namedName, mrr: projects.find((p) => p.project.name === namedName)?.monthlyRevenue ?? 0 };
    return [
      {
        ...(product === null ? {} : { goalProduct: product }),
        ...(g.lastWork?.linked === true ? { linkedWorkDone: true as const } : {}),
        ...(g.unmeasured === undefined ? {} : { unmeasured: g.unmeasured }),
        ...(g.stalled === undefined ? {} : { stalled: g.stalled }),
        ...(g.awaiting === undefined ? {} : { awaiting: g.awaiting }),
        kind: 'goal_off_track',
        key: `goal_off_track:${g.metric}`,
        subject: `goal:${g.metric}`,
        goalId: g.goalId,
        goalStatus: g.status,
        projectId: null,
        focusArea:
          churnArea !== null && namesChurn(goalWords(g.metric))
            ? churnArea
            : namedProductArea(g.metric, vision, projects),
        stake: goalStake(g, vision, revenue, kept, named, uncounted(revenue, projects)),
        urgency: round(GOAL_URGENCY[g.status] * deadlinePace(daysLeft)),
        goalDue: dueText(daysLeft),
        params: {
          metric: g.metric,
          target: `${g.target}${unit}`,
          gap: `${shownGap(g)}${unit}`,
          standing: goalStanding(g),
          deadline: g.deadline,
        },
        fact: `Goal ${g.metric} is ${g.status.replace('_', ' ')}, ${goalStanding(g)}: ${g.why}`,
      },
    ];
  });
}
