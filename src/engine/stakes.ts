import type { RevenuePeriod } from '../domain/project.js';
import type { Vision } from '../domain/vision.js';
import type { Claim, Stake } from './batch-plan.js';
import { DAY_MS, parseInstant } from './dates.js';
import { formatCount, formatUsd, possessive, round } from './format.js';
import type { Shipped } from './shipped.js';
import type { ProjectState, RevenueState } from './workspace-state.js';

/** The dollars at stake on each active project: what it earns, and its share of the revenue gap. */
export interface ProjectStakes {
  /** What the project earns now: bugs put a share of it at risk. */
  earns: ReadonlyMap<number, Stake>;
  /** Its share of the gap to the milestone: its growth work shares it. */
  gap: ReadonlyMap<number, Stake>;
  /** The whole gap, when no active project is revenue-bearing: growth playbooks share it. */
  workspaceGap: Stake | null;
  /** The growth items the team scheduled after the revenue milestone's month: they share none of the gap. */
  scheduledAfter: ScheduledAfter;
  /**
   * The gap per feature-size of the work sharing it (see gapShares: a product's open work and its
   * shipped work awaiting revenue, at least one feature's worth each); null with no gap to share.
   */
  gapPerSize: number | null;
}

/**
 * The open growth items (features but upkeep, critical bugs) of active revenue-bearing projects
 * whose GitHub milestone is due after the month of the revenue milestone (`month`): work the team
 * scheduled later cannot win the target's revenue, so it weighs nothing in the split of the gap and
 * claims no part of it (see BacklogSource.scheduledAfter). `items`: their keys (see itemKey), by
 * project id; nearly every project is absent.
 */
export interface ScheduledAfter {
  month: string;
  /** Their keys, each with what it weighs in the split of the gap (see featureUnits), by project id. */
  items: ReadonlyMap<number, ReadonlyMap<string, number>>;
}

/** A project's open growth items memory holds back: how many, and what they weigh (see featureUnits). */
export interface Held {
  items: number;
  units: number;
  /**
   * What those held for a decision on them weigh (rejected lately, failed within the day: not done,
   * whose work is counted as shipped, nor a twin of work under way): their part of the product's
   * share stays theirs (see keptBack).
   */
  kept: number;
  /**
   * Of those, what the ones held for failing within the day weigh: back tomorrow, their part is no
   * one else's meanwhile, not even the playbooks' (a one-hour outage proposed a growth experiment
   * for a failed feature's part, withdrawn the next morning).
   */
  waiting: number;
}

/** No item scheduled after the target (no revenue milestone, or no milestone due after it). */
export const NONE_SCHEDULED_AFTER: ScheduledAfter = { month: '', items: new Map() };

/**
 * A project's open growth items, as its state counts them: features not done (its state counts no
 * upkeep among them), and open critical bugs.
 */
export const growthItems = (p: ProjectState): number =>
  p.featuresTotal - p.featuresDone + p.openBugs.critical;

/** What a project's open growth items weigh, in feature-sizes (see featureUnits): a critical bug one. */
export const growthUnits = (p: ProjectState): number => p.featureUnits + p.openBugs.critical;

/** What a project's items scheduled after the revenue target weigh (see ScheduledAfter). */
export const laterUnits = (later: ScheduledAfter, projectId: number): number =>
  unitsScheduled(later.items.get(projectId));

/** What some items scheduled after the revenue target weigh: their feature-sizes, by key. */
export function unitsScheduled(items: ReadonlyMap<string, number> | undefined): number {
  let units = 0;
  if (items !== undefined) for (const u of items.values()) units += u;
  return units;
}

/**
 * What a project's open work weighs in the split of the gap, in feature-sizes (see featureUnits):
 * its open growth items but those memory holds back (`held`) and those scheduled after the target
 * (`later`: see ScheduledAfter; an item both is counted among these alone); one feature's worth
 * at least (its share then goes to growth experiments, or the part its work is not worth to no
 * one: a quarter-hour fix alone in a backlog wins no more than it would beside other work).
 */
const openWeight = (
  p: ProjectState,
  held: ReadonlyMap<number, Held>,
  later: ScheduledAfter,
  putOff: PutOff = NONE_PUT_OFF,
): number => Math.max(floorOf(p, putOff), openUnits(p, held, later));

/**
 * Whether the team put a product off whole, by id (see ProductPutOff): its growth playbooks are not
 * proposed, so its work weighs no feature-size's floor kept for them.
 */
export type PutOff = (projectId: number) => boolean;
const NONE_PUT_OFF: PutOff = () => false;

/**
 * The least a product's work weighs in the split of the gap: a feature-size, whose part its growth
 * playbooks answer; none for a product put off, whose playbooks wait with its backlog. A review's
 * Spend Insights, put off until Q2, kept $263 of a $2,900 gap that no task claimed.
 */
const floorOf = (p: ProjectState, putOff: PutOff): number => (putOff(p.project.id) ? 0 : 1);

const openUnits = (p: ProjectState, held: ReadonlyMap<number, Held>, later: ScheduledAfter): number =>
  growthUnits(p) - (held.get(p.project.id)?.units ?? 0) - laterUnits(later, p.project.id);

/**
 * What a project weighs in the split of the gap across products, in feature-sizes: its open work
 * and its shipped work awaiting revenue together, one feature's worth at least. Flooring the open
 * work alone, a product that shipped its only feature weighed 2 the next morning where it had
 * weighed 1, and took a fifth of another product's share; within its share the floor still keeps
 * a feature-size's part for its growth playbooks (see projectStakes).
 */
const splitWeight = (
  p: ProjectState,
  held: ReadonlyMap<number, Held>,
  shipped: ReadonlyMap<number, Shipped>,
  later: ScheduledAfter,
  putOff: PutOff,
): number =>
  Math.max(
    floorOf(p, putOff),
    openUnits(p, held, later) + keptOf(p.project.id, held, putOff) + (shipped.get(p.project.id)?.units ?? 0),
  );

/**
 * What a product's work held back for a decision on it weighs (see Held.kept), which keeps its part
 * of the gap: in the split across products, as in what its share is counted for (see keptBack).
 * None for a product put off whole, whose work waits with it.
 */
const keptOf = (id: number, held: ReadonlyMap<number, Held>, putOff: PutOff): number =>
  putOff(id) ? 0 : (held.get(id)?.kept ?? 0);

/** A project's share of the revenue gap, and the feature-sizes of open work it is counted for at least (see gapShares). */
export interface GapPart {
  usd: number;
  sizes: number;
  /** For a product Goalpost saw launch that keeps part of its share by its work, the days since its launch's quarter began (see Launched). */
  launchDays?: number;
}

/**
 * Splits the revenue gap across active revenue-bearing projects, first by the work that would win
 * it: each feature-size of a project's open growth items (features by their estimates, critical
 * bugs one each: see featureUnits) weighs 1 + the number of its focus areas that are also the
 * vision's, so work on the vision's path carries more of it; items memory holds back (`held`, by
 * project id: see heldGrowthItems) and items the team scheduled after the target month (`later`:
 * see ScheduledAfter) weigh nothing. Growth work it shipped whose revenue is not in yet
 * (`shipped`: see shippedAwaitingRevenue) weighs as it did open: shipping wins nothing until
 * customers pay, so it moves no part of the gap to other work. A project whose open and shipped
 * work come to less than one item weighs as one (see splitWeight: its share goes to growth
 * experiments), one put off whole (`putOff`) as what its open and shipped work weigh alone, its
 * playbooks waiting with its backlog. Split by project instead, a new product's only feature
 * took as much as the flagship's whole launch backlog.
 *
 * Then, when two products or more earn, what they carry together is split between them by what
 * each earns (times the same 1 + focus areas), so each is asked to grow by the same part: split by
 * work alone, a $400/month product's one week of work claimed $2,528 of a $9,100 gap and every
 * aligned feature scored alike, its dollars growing with its estimate (docs/gap-split.md). A
 * product's open work still claims no more for each feature-size than the split by work gives it:
 * the share is counted for that many feature-sizes (`sizes`), and its growth playbooks answer
 * what the work leaves (once that is a feature-size's part or more: less, and the work shares it
 * all). Products that earn nothing yet keep their part by work, and one Goalpost saw launch keeps
 * some of it while it has not shown what it earns (see provenShare): only the part its earnings
 * answer for goes into the split by earnings. So a new product's first sale moves its launch's
 * share to the others over its first quarter of earning, not overnight: one $1 record took a
 * pre-launch product's $5,500 share to $1.22, and its launch backlog below every other product's.
 */
export function gapShares(
  gap: number,
  active: readonly ProjectState[],
  vision: Vision,
  held: ReadonlyMap<number, Held> = NONE_HELD,
  shipped: ReadonlyMap<number, Shipped> = NONE_SHIPPED,
  later: ScheduledAfter = NONE_SCHEDULED_AFTER,
  putOff: PutOff = NONE_PUT_OFF,
  launched: Launched = NONE_LAUNCHED,
): Map<number, GapPart> {
  const earners = active.filter((p) => p.project.revenueBearing);
  const aligned = (p: ProjectState): number =>
    1 + p.project.focusAreas.filter((area) => vision.focusAreas.includes(area)).length;
  const sizes = (p: ProjectState): number => splitWeight(p, held, shipped, later, putOff);
  const total = earners.reduce((sum, p) => sum + aligned(p) * sizes(p), 0);
  const byWork = (p: ProjectState): number => (total > 0 ? (gap * aligned(p) * sizes(p)) / total : 0);
  const shares = new Map(
    earners.map((p) => [p.project.id, { usd: gap > 0 ? round(byWork(p)) : 0, sizes: Math.min(1, sizes(p)) }]),
  );
  // A product put off carries what its work weighs by work, and none of the earners' part.
  const earning = earners.filter((p) => p.monthlyRevenue > 0 && !putOff(p.project.id));
  if (gap <= 0 || earning.length < 2) return shares;
  // What the products that earn carry together, but what a launched product keeps by its work, is
  // theirs by what each earns (see the note above), a launched product's earnings counted for the
  // part they answer: counted whole, a $300 first month beside a $600 product took a third of what
  // the other pooled on top of the launch share it kept, and its share leapt overnight.
  const proven = earning.map((p) => provenShare(p, byWork(p), launched));
  const weight = (p: ProjectState, i: number) => (proven[i] as number) * aligned(p) * p.monthlyRevenue;
  let pool = 0;
  let earned = 0;
  earning.forEach((p, i) => {
    pool += byWork(p) * (proven[i] as number);
    earned += weight(p, i);
  });
  for (const [i, p] of earning.entries()) {
    const usd = byWork(p) * (1 - (proven[i] as number)) + (pool * weight(p, i)) / earned;
    // Counted for more than its work once that leaves a feature-size's part or more to its
    // playbooks; less, and its work shares it all, as with any share.
    const counted = (sizes(p) * usd) / byWork(p);
    const part: GapPart = { usd: round(usd), sizes: counted >= sizes(p) + 1 ? counted : 1 };
    const days = (proven[i] as number) < 1 ? launched(p) : null;
    shares.set(p.project.id, days === null ? part : { ...part, launchDays: days });
  }
  return shares;
}

/**
 * For a product that launched (see launchedBy), the days since its launch's quarter began; null
 * for one first known earning, or none earning (see provenShare).
 */
export type Launched = (p: ProjectState) => number | null;
const NONE_LAUNCHED: Launched = () => null;

/**
 * Launched (see Launched) as of `nowMs`: a product launched when its first period that earned
 * began (see RevenueSource.firstEarned) if Goalpost had it by then, or if its history shows it
 * before that period (see RevenueSource.firstSaleShown), whatever day it was added: a product
 * added six weeks after its first sale, its Stripe months $0 before it, was counted as one first
 * known earning, and its launch backlog at $91 of a $2,613 gap. A product added earning with no
 * such history was first known earning, as every product is in a workspace just set up, even one
 * whose revenue is first typed for the month it was added in. Its quarter counts from when it
 * began earning (see launchStart), a Stripe month's by its first sale (`firstSales`, by project:
 * see EngineInput.firstSales).
 */
export const launchedBy =
  (nowMs: number, firstSales: ReadonlyMap<number, string> = NO_FIRST_SALES): Launched =>
  (p) => {
    const first = p.revenue?.firstEarned;
    if (first == null) return null;
    const watched = p.project.createdAt.slice(0, 10) <= first.periodStart;
    if (!watched && p.revenue?.firstSaleShown !== true) return null;
    return (nowMs - launchStart(first, watched, firstSales.get(p.project.id))) / DAY_MS;
  };

const NO_FIRST_SALES: ReadonlyMap<number, string> = new Map();

/**
 * When a launch's quarter begins (ms): the start of its first period that earned, when its first
 * revenue was earned. A Stripe month is a calendar month: its quarter begins on the day of its
 * first paid subscription (`firstSale`), which its account's subscriptions tell; dated from the
 * month's 1st, a first sale on September 30 was a month older than one on October 1, past its
 * quarter on December 7, its share a fifth of the other's. Not when the month was stored: each
 * sync writes every month again, and a launch had its first revenue "today" in every plan. A sale
 * outside that month is no first sale of it (its start then): after it, or before it (a sale
 * refunded and cancelled in August, months before the product earned, took its launch's quarter). A typed period of a product
 * Goalpost had before it earned counts from when Goalpost learned of it: its end, or when it was
 * typed if later (sales typed in arrears start it then).
 */
function launchStart(first: RevenuePeriod, watched: boolean, firstSale: string | undefined): number {
  if (first.source === 'stripe') {
    const month = parseInstant(first.periodStart);
    if (firstSale === undefined) return month;
    const sale = parseInstant(firstSale);
    return sale >= month && sale < parseInstant(first.periodEnd) + DAY_MS ? sale : month;
  }
  if (!watched) return parseInstant(first.periodStart);
  return Math.max(parseInstant(first.periodEnd) + DAY_MS, parseInstant(first.createdAt));
}

/** The days over which a launched product comes to be counted wholly by what it earns, at the latest: a quarter. */
export const LAUNCH_DAYS = 91;

/**
 * How much of a product's part of the gap by work its earnings answer for in the split by what
 * each earns, 0–1: all of it, but for a product Goalpost saw launch (`launched`), which has shown
 * what its work can win once what it earns, counted EARNED_WEIGHT times as in a score, comes to
 * that part (`byWork`: what its launch backlog is counted to win), or once it has earned a quarter
 * (LAUNCH_DAYS), and part of it as far as it has come to either. Set against one feature-size's
 * part, a $180 first month ended the quarter of a launch with five feature-sizes of work its first
 * morning. A product first seen earning is counted by its earnings whatever they are: a $400
 * product the team added earning is asked to grow as the others are (docs/gap-split.md).
 */
function provenShare(p: ProjectState, byWork: number, launched: Launched): number {
  const earnings = byWork > 0 ? (EARNED_WEIGHT * p.monthlyRevenue) / byWork : 1;
  if (earnings >= 1) return 1;
  const days = launched(p);
  return days === null ? 1 : Math.max(earnings, Math.min(1, Math.max(0, days) / LAUNCH_DAYS));
}

const NONE_HELD: ReadonlyMap<number, Held> = new Map();
const NONE_SHIPPED: ReadonlyMap<number, Shipped> = new Map();

/** The part of a project's share of the gap its shipped work is counted on, as a stake's label tells it. */
interface CountedOn {
  usd: number;
  shipped: Shipped;
}

/** How a project's share of the revenue gap is told: the gap (`toTarget`, `whole`), and whether it is all of it. */
interface GapShare {
  toTarget: string;
  whole: number;
  alone: boolean;
  /** Whether a product sharing it is in its launch's quarter (see GapPart.launchDays). */
  launching: boolean;
}

/** What a project's share of the gap is counted on and for, beside its dollars (see the Stake fields of the same names). */
interface ShareFacts {
  counted: CountedOn | null;
  heldItems: number;
  laterItems: number;
  openUnits: number | undefined;
  countedFor: number;
  keptUnits: number | undefined;
  launchDays: number | undefined;
}

const EARNINGS_ONLY: ShareFacts = {
  counted: null,
  heldItems: 0,
  laterItems: 0,
  openUnits: undefined,
  countedFor: 1,
  keptUnits: undefined,
  launchDays: undefined,
};

/**
 * What is at stake on one project: what it earns, or (with `gap`) its share of the gap to the
 * milestone. Its label is written when read: only the tasks a plan explains read it, and a
 * workspace of 100,000 projects has some 60,000 of these.
 */
class ProjectStake implements Stake {
  readonly kind = 'revenue' as const;
  private readonly counted: CountedOn | null;
  readonly heldItems: number;
  readonly laterItems: number;
  readonly openUnits: number | undefined;
  readonly countedFor: number;
  readonly keptUnits: number | undefined;
  readonly launchDays: number | undefined;

  constructor(
    readonly key: string,
    readonly usd: number,
    private readonly project: string,
    private readonly gap: GapShare | null = null,
    facts: ShareFacts = EARNINGS_ONLY,
  ) {
    this.counted = facts.counted;
    this.heldItems = facts.heldItems;
    this.laterItems = facts.laterItems;
    this.openUnits = facts.openUnits;
    this.countedFor = facts.countedFor;
    this.keptUnits = facts.keptUnits;
    this.launchDays = facts.launchDays;
  }

  get wholeGap(): number | undefined {
    return this.gap?.whole;
  }

  get besideLaunch(): boolean | undefined {
    return this.gap?.launching === true && this.launchDays === undefined ? true : undefined;
  }

  get shippedUsd(): number | undefined {
    return this.counted?.usd;
  }

  get label(): string {
    if (this.gap === null) return `the ${formatUsd(this.usd)}/month ${this.project} earns`;
    if (this.counted === null)
      return this.gap.alone
        ? `${this.gap.toTarget}, all of it on ${this.project}`
        : `${possessive(this.project)} ${formatUsd(this.usd)}/month share of ${this.gap.toTarget}`;
    const counted = this.counted;
    const { count, first, last } = counted.shipped;
    const when = first === last ? `on ${last}` : `from ${first} to ${last}`;
    const on = `${count === 1 ? 'the 1 item' : `the ${formatCount(count)} items`} ${this.project} shipped ${when}, whose revenue is not in yet`;
    return this.gap.alone
      ? `${formatUsd(this.usd)}/month of ${this.gap.toTarget}, all of it on ${this.project}; the other ${formatUsd(counted.usd)} is counted on ${on}`
      : `${possessive(this.project)} ${formatUsd(this.usd)}/month share of ${this.gap.toTarget}; another ${formatUsd(counted.usd)} is counted on ${on}`;
  }
}

const EARNS = 'earns:';

/**
 * What a dollar of what a project earns now weighs in a score, beside a dollar of the gap: a bug
 * puts money the team already has at risk; new work only hopes to win its share of the gap. So a
 * high bug hurting paying customers ($180 of a $900 product) outranks a new feature claiming $818
 * of the gap, yet not a feature worth ten times its dollars.
 */
export const EARNED_WEIGHT = 2;

/**
 * What a product is to win (its share of the gap, `gapUsd`) beyond what its earnings (`earnsUsd` a
 * month) count for in a score: what its bugs threaten a share of beside what it earns (see
 * toWinClaim in backlog-candidates).
 */
export const toWinBeyondEarnings = (gapUsd: number, earnsUsd: number): number =>
  Math.max(0, gapUsd - Math.max(0, earnsUsd) * EARNED_WEIGHT);

/** Whether a stake is what a project earns now (what work protects), not a share of the gap. */
export const isEarnings = (stake: Stake): boolean => stake.key.startsWith(EARNS);

/**
 * What is at stake on each active project, and on the workspace when no project earns; `held`: the
 * open growth items memory holds back, by project id; `shipped`: the growth work shipped whose
 * revenue is not in yet (see gapShares); `later`: the growth items scheduled after the target
 * month (see ScheduledAfter); `launched`: the products Goalpost saw launch (see provenShare). A
 * project's gap stake is the part of its share its open work wins: the rest is counted on what it
 * shipped.
 */
export function projectStakes(
  revenue: RevenueState,
  active: readonly ProjectState[],
  vision: Vision,
  held: ReadonlyMap<number, Held> = NONE_HELD,
  shipped: ReadonlyMap<number, Shipped> = NONE_SHIPPED,
  later: ScheduledAfter = NONE_SCHEDULED_AFTER,
  putOff: PutOff = NONE_PUT_OFF,
  launched: Launched = NONE_LAUNCHED,
): ProjectStakes {
  const earns = new Map<number, Stake>();
  const gap = new Map<number, Stake>();
  const { milestone } = revenue;
  const toTarget = milestone
    ? `the ${formatUsd(revenue.gap)}/month gap to the ${milestone.month} target of ${formatUsd(milestone.target)}`
    : '';
  const shares = gapShares(revenue.gap, active, vision, held, shipped, later, putOff, launched);
  const earners = active.filter((p) => p.project.revenueBearing).length;
  let sizes = 0;
  let sharing = 0;
  for (let i = 0; i < active.length; i++) {
    const p = active[i] as ProjectState;
    if (!p.project.revenueBearing) continue;
    sizes += splitWeight(p, held, shipped, later, putOff);
    if ((shares.get(p.project.id)?.usd ?? 0) > 0) sharing++;
  }
  const gapPerSize = revenue.gap > 0 && sizes > 0 ? round(revenue.gap / sizes) : null;
  // "All of it on" the one product carrying the gap: the only one earning, or the only one not put off.
  let launching = false;
  for (const part of shares.values()) if (part.launchDays !== undefined) launching = true;
  const told: GapShare = { toTarget, whole: revenue.gap, alone: sharing === 1, launching };
  // Indexed, not for…of: see allocateStakes.
  for (let i = 0; i < active.length; i++) {
    const p = active[i] as ProjectState;
    const { id, name } = p.project;
    if (p.monthlyRevenue > 0) earns.set(id, new ProjectStake(`${EARNS}${id}`, p.monthlyRevenue, name));
    const part = shares.get(id);
    if (part === undefined || part.usd <= 0) continue;
    const share = part.usd;
    const done = shipped.get(id);
    const heldItems = held.get(id)?.items ?? 0;
    const laterItems = later.items.get(id)?.size ?? 0;
    const units = openUnits(p, held, later);
    const kept = keptOf(id, held, putOff);
    // Work failed within the day is back tomorrow: counted as open, so no playbook answers its part.
    const open = units + (putOff(id) ? 0 : (held.get(id)?.waiting ?? 0));
    const facts = { heldItems, laterItems, launchDays: part.launchDays };
    if (done === undefined) {
      const { sizes, keptUnits } = keptBack(part.sizes, units, kept);
      const little = open > 0 && open < sizes ? open : undefined;
      gap.set(
        id,
        new ProjectStake(`gap:${id}`, share, name, told, {
          ...facts,
          counted: null,
          openUnits: little,
          countedFor: sizes,
          keptUnits,
        }),
      );
    } else {
      // What shipped work is counted on is what it claimed open: a feature-size's part of the
      // share for each of its feature-sizes, the share counted for at least all the work (see
      // gapShares). The open work keeps the rest, and the feature-sizes it is counted for. A
      // review's critical bug claimed $420 of its product's share open, and the next morning
      // another $968 was counted on it shipped, the open work's value falling with it.
      const weight = openWeight(p, held, later, putOff);
      const withHeld = keptBack(Math.max(part.sizes - done.units, weight), units, kept);
      const all = withHeld.sizes + done.units;
      const usd = round((share * (all - done.units)) / all);
      const sizes = Math.max(1, all - done.units);
      const little = open > 0 && open < sizes ? open : undefined;
      const counted = { usd: round(share - usd), shipped: done };
      gap.set(
        id,
        new ProjectStake(`gap:${id}`, usd, name, told, {
          ...facts,
          counted,
          openUnits: little,
          countedFor: sizes,
          keptUnits: withHeld.keptUnits,
        }),
      );
    }
  }
  const workspaceGap =
    milestone !== null && revenue.gap > 0 && earners === 0
      ? {
          key: 'gap:workspace',
          usd: revenue.gap,
          label: toTarget,
          kind: 'revenue' as const,
          wholeGap: revenue.gap,
        }
      : null;
  return { earns, gap, workspaceGap, scheduledAfter: later, gapPerSize };
}

/**
 * The feature-sizes a product's share of the gap is counted for (`sizes`, see GapPart.sizes), with
 * the work held back for a decision on it (`kept` feature-sizes: see Held.kept) beside its open
 * work (`units`): a rejected item's part does not pass to the rest of the work, its growth
 * playbooks answer it. A review's lead rejected three of four one-day features ("customers never
 * asked for this"); the fourth went from $1,200 to the whole $4,800 gap, 150 % of what the product
 * earned. `keptUnits`: what held work weighs when it is what the share is counted for.
 */
function keptBack(sizes: number, units: number, kept: number): { sizes: number; keptUnits?: number } {
  const withHeld = Math.max(0, units) + kept;
  return kept > 0 && withHeld > sizes ? { sizes: withHeld, keptUnits: kept } : { sizes };
}

/**
 * The part of a project's share of the revenue gap its open work leaves to its playbooks: all of
 * it, or less beside open work of less than the feature-sizes the share is counted for (see
 * Stake.openUnits). A playbook's `{share}` and its claim read it alike.
 */
export function leftByOpenWork(stake: Stake | null | undefined): number {
  return 1 - (stake?.openUnits ?? 0) / (stake?.countedFor ?? 1);
}

/**
 * A claim on a revenue fall (`claim.stake`) counted within its project's share of the revenue gap
 * (`gap`: see Signal.withinGap), which counts what the fall lost already: its part of what the fall
 * lost out of that share (`… 30% of the $700/month Rosterly lost in 2026-10, part of Rosterly's
 * $1,700/month share of …`), the fall counted up to the share where it lost more than the share
 * is (a review's $6,000 fall read "30% of the $6,000 … part of Ledgerly's $947/month share").
 * The fall's playbook claims so, and so do the team's items serving it (a review's exit survey
 * answering a 14 % fall tied with an unrelated feature, the fall counted for nothing). Without a
 * share (none, or of nothing), the claim as it is.
 */
export function fallWithinGap(claim: Claim, gap: Stake | undefined): Claim {
  if (gap === undefined || !(gap.usd > 0)) return claim;
  const fall = claim.stake;
  const counted = Math.min(fall.usd, gap.usd);
  return {
    ...claim,
    stake: gap,
    weight: (claim.weight * counted) / gap.usd,
    why: `${claim.why} ${fall.label}, ${counted < fall.usd ? 'counted up to' : 'part of'}`,
    of: fall,
  };
}
