import type { Playbook } from '../domain/playbook.js';
import type { Project } from '../domain/project.js';
import { FEATURE_SIZE_HOURS } from '../domain/project.js';
import { listed } from '../domain/word-list.js';
import { unitsOf } from './allocate.js';
import type { BacklogItem, ItemGroup } from './BacklogItem.js';
import { isChurnArea, isGoalWork, serveGroup } from './BacklogItem.js';
import { type Backlog, formatUnits, NOT_HELD_BACK } from './backlog-candidates.js';
import type { Claim, Signal, Stake } from './batch-plan.js';
import { CHURN_WORDS, namesChurn, namesChurnWork } from './churn-words.js';
import { DEFAULT_PLAYBOOKS } from './default-playbooks.js';
import { formatPct } from './format.js';
import { goalWords } from './goal-value.js';
import { fallWithinGap, growthUnits, unitsScheduled } from './stakes.js';
import { mentionsAny, significantTokens } from './tokens.js';

/**
 * Words that say a piece of work is about collecting failed payments. Narrow on purpose: "payment"
 * or "retry" alone name checkout work and upload retries, which recover nothing.
 */
const FAILED_PAYMENT_WORDS = ['dunning', 'declined', 'decline'];

/** Signals items serve one by one, each by what it says or is linked to (the others, whole groups). */
const ITEM_BY_ITEM: ReadonlySet<string> = new Set([
  'goal_off_track',
  'churn_rise',
  'revenue_fall',
  'payment_failures',
]);

/**
 * The words an item of its project serves `signal` by naming (see servingItems), when words alone
 * tell: not a goal's (items linked to it serve it, wherever they are).
 */
export function wordsServing(signal: Signal): readonly string[] | null {
  // A product's revenue falling with its churn steady is customers downgrading or leaving quietly:
  // work on keeping them serves it as it serves a churn rise.
  return signal.kind === 'churn_rise' || signal.kind === 'revenue_fall'
    ? CHURN_WORDS
    : signal.kind === 'payment_failures'
      ? FAILED_PAYMENT_WORDS
      : null;
}

/**
 * Whether work titled with `titleWords` (significant tokens) serves `signal` by what it names,
 * given it names one of its words (see wordsServing): for customers leaving (a churn rise, a
 * revenue fall), work on them (see namesChurnWork), not "Cancel a sent quote", "Data retention
 * settings" or "Cancel button does nothing", which a review found serving a churn rise, their
 * cards claiming its dollars and its research held back.
 */
export function servesByName(signal: Signal, titleWords: readonly string[]): boolean {
  return wordsServing(signal) !== CHURN_WORDS || namesChurnWork(titleWords);
}

/** Whether backlog items serve `signal` one by one (by their titles or links), not as whole groups. */
export function servedItemByItem(signal: Signal): boolean {
  return ITEM_BY_ITEM.has(signal.kind);
}

/** Signals whose dollars the backlog items serving them share (the others' items keep their own). */
const SHARED_STAKES: ReadonlySet<string> = new Set([
  'goal_off_track',
  'churn_rise',
  'revenue_fall',
  'payment_failures',
]);

/** What servingShare reads of a playbook. */
type ServingPlaybook = Pick<Playbook, 'signal' | 'impactShare' | 'effortHours'> & { enabled?: boolean };

/**
 * The part of a signal's dollars the items serving it share: a goal's whole value (what reaching
 * it is worth), but of the MRR customers take with them (a churn rise, a revenue fall, failed
 * payments) what work answering it is counted to win, as its playbooks claim it (the most an
 * enabled one claims; none enabled, the default playbooks'). A cancellation survey won back all
 * of a churn rise's $558/month on its card while the interviews answering the same rise claimed
 * 30% of it.
 */
function servingShare(signal: Signal, playbooks: readonly ServingPlaybook[]): Answering {
  if (signal.kind === 'goal_off_track') {
    const under = signal.underWay;
    const usd = signal.stake?.usd ?? 0;
    if (under === undefined || !(usd > 0)) return { part: 1, units: 1 };
    const part = Math.max(0, 1 - under.usd / usd);
    return {
      part,
      units: 1,
      counted: `what ${listed(under.refs)}, ${under.refs.length === 1 ? 'its task' : 'its tasks'} approved or under way, ${under.refs.length === 1 ? 'leaves' : 'leave'} of it: ${formatPct(part)} of`,
    };
  }
  const most = (list: readonly ServingPlaybook[]) => {
    let best: ServingPlaybook | null = null;
    for (const pb of list)
      if (pb.enabled !== false && pb.signal === signal.kind && pb.impactShare > (best?.impactShare ?? 0))
        best = pb;
    return best;
  };
  const pb = most(playbooks) ?? most(DEFAULT_PLAYBOOKS);
  return pb === null
    ? { part: 1, units: 1 }
    : { part: pb.impactShare, units: pb.effortHours / FEATURE_SIZE_HOURS };
}

/**
 * What the work answering a signal is counted to win (`part` of its dollars), and the work that is
 * counted for, in feature-sizes (see featureUnits): the playbook's own hours whose share it is (a
 * churn rise's interview, 4 h: 0.5), a goal's whole value one feature's worth. Items serving the
 * signal share it by their feature-sizes, and items smaller between them than that work win their
 * part of it, the signal's playbooks answering it beside them: a review found a quarter-hour
 * rewording of a survey's offer, the only item serving a churn rise and a churn goal, claiming all
 * of both (score 4,224, twice the critical bug's).
 */
interface Answering {
  part: number;
  units: number;
  /** What a claim says of the part it is counted on, when not the share answering work wins (see servingClaim). */
  counted?: string;
}

/**
 * How the whole backlog serves a goal signal, when it is served a range of projects at a time: by
 * the items linked to the goal (or, if none is, by those naming what it measures), how many, and
 * the feature-sizes they come to (see featureUnits), each item's in the backlog's order.
 */
export interface GoalServing {
  linked: boolean;
  count: number;
  units: number;
  each: readonly number[];
}

/** The feature-sizes some serving items come to (see featureUnits). */
function servingUnits(serving: readonly Serving[]): number {
  let units = 0;
  for (let i = 0; i < serving.length; i++) units += unitsOf((serving[i] as Serving).item);
  return units;
}

/**
 * How `items` (the whole backlog) serve each goal signal among `signals` (see GoalServing): what
 * serveSignals is told when it sees part of the backlog at a time. Each goal's own links count, as
 * they do when its signal comes (a goal another signal's items were tied to is another goal).
 */
export function goalServing(
  signals: readonly Signal[],
  items: Iterable<BacklogItem>,
): Map<Signal, GoalServing> {
  const counts = signals
    .filter((s) => s.kind === 'goal_off_track')
    .map((signal) => ({
      signal,
      linked: [] as number[],
      named: [] as number[],
      naming: goalNamingItem(signal.params.metric ?? '', signal.goalProduct ?? null),
    }));
  for (const item of items) {
    for (const c of counts) {
      if (item.goalId !== null && item.goalId === c.signal.goalId) c.linked.push(unitsOf(item));
      else if (c.naming(item) !== null) c.named.push(unitsOf(item));
    }
  }
  return new Map(
    counts.map((c) => {
      const linked = c.linked.length > 0 || c.signal.linkedWorkDone === true;
      const each = linked ? c.linked : c.named;
      let units = 0;
      for (let i = 0; i < each.length; i++) units += each[i] as number;
      return [c.signal, { linked, count: each.length, units, each }];
    }),
  );
}

/** An item serving a signal, and why it counts: it is linked to the goal, or it names these words. */
interface Serving {
  item: BacklogItem;
  linked: boolean;
  words: string[];
  /** The goal on customers leaving it is linked to, when that is why it serves (see servingItems). */
  via?: string;
}

/**
 * Hands each signal to the backlog items that already serve it, and returns the signals nothing
 * serves (playbooks answer those). Served signals add their fact and urgency to the items:
 * - near completion: the project's open features (not upkeep: a chore left is no feature left);
 * - revenue gap of a project: its open features and critical bugs (its growth work);
 * - neglected focus area: items of projects in that area (upkeep aside: it moves no area);
 * - stale project: its open items;
 * - a goal off track or at risk: the items linked to it (`feature add … --goal`), or, when the team
 *   linked none (open or done), features (no fix or upkeep) whose title or project names what the goal measures, every word of it
 *   (`active_sellers` → 'seller', `failed_invoices` → 'failed' and 'invoice'); they share the
 *   goal's value;
 * - a churn rise: the project's items on customers leaving (see servesByName); they share the
 *   part of what the rise costs that work answering it is counted to win (see servingShare);
 * - a revenue fall: the same items; they share that part of what the fall lost, out of their
 *   project's share of the revenue gap where it has one, which counts the fall already (see
 *   fallWithinGap);
 * - a spike of failed payments: the project's items that name dunning or declined payments; they
 *   share that part of the MRR at risk.
 * A workspace-wide revenue gap is served by no item. The first four are served by whole groups of
 * items (a project's features, its bugs of a severity), the others item by item.
 */
export function serveSignals(
  signals: readonly Signal[],
  backlog: Backlog,
  projects: readonly Project[],
  goals: ReadonlyMap<Signal, GoalServing> = new Map(),
  /** The workspace's playbooks (see servingShare). */
  playbooks: readonly ServingPlaybook[] = DEFAULT_PLAYBOOKS,
  /** The metrics of the goals on customers leaving, by goal id (see churnGoalMetrics). */
  churnGoals: ReadonlyMap<number, string> = new Map(),
): Signal[] {
  const focusOf = new Map(projects.map((p) => [p.id, p.focusAreas]));
  const unserved: Signal[] = [];
  for (const signal of signals) {
    const groups = servingGroups(signal, backlog.groups, focusOf);
    const elsewhere =
      signal.kind === 'focus_gap' ? churnWorkElsewhere(signal, backlog.groups, focusOf) : NO_ITEMS;
    for (const item of elsewhere) item.serve(signal);
    if (groups !== null) {
      // Groups are never empty: a signal is served when any group serves it. A project's share of
      // the gap is answered by its playbooks too while its open work (not held back) comes to less
      // than one feature's worth, or than what the product earns asks of it (see gapClaim,
      // Stake.countedFor): a review found a product whose only open item was a quarter-hour fix
      // claiming $21 of its $667 share, the rest claimed by nothing.
      if (
        (groups.length === 0 && elsewhere.length === 0) ||
        (signal.kind === 'revenue_gap' &&
          (gapUnits(groups) < (signal.stake?.countedFor ?? 1) || (signal.stake?.openUnits ?? 0) > 0))
      )
        unserved.push(signal);
      for (const group of groups) serveGroup(group, signal);
      continue;
    }
    const shared = goals.get(signal);
    const serving = servingItems(signal, backlog, shared, churnGoals);
    const answering = SHARED_STAKES.has(signal.kind) ? servingShare(signal, playbooks) : null;
    // A goal's work done since its last reading counts as work on it, its part its own (see
    // Signal.unmeasured).
    const shipped = signal.unmeasured;
    const units = (shared?.units ?? servingUnits(serving)) + (shipped?.units ?? 0);
    // Answered by its playbooks too while the work serving it is less than theirs (see Answering).
    if (serving.length === 0 || (answering !== null && units < answering.units)) unserved.push(signal);
    // Answered beside some work: its playbooks claim what that work leaves (see Stake.servedPart).
    if (serving.length > 0 && signal.stake !== null && answering !== null && units < answering.units)
      signal.stake.servedPart = units / answering.units;
    for (const { item } of serving) item.serve(signal);
    if (answering !== null && signal.stake !== null) {
      for (const { item, linked, words, via } of serving) {
        item.goalId ??= signal.goalId ?? null;
        const quoted = words.map((w) => `'${w}'`).join(' and ');
        // Named by its project's name alone (every item of "Seller Studio" serves active_sellers).
        const because = linked
          ? 'linked to it'
          : via !== undefined
            ? `linked to ${via}, a goal on customers leaving`
            : words.some((w) => item.titleWords.includes(w))
              ? `it names ${quoted}`
              : `its project's name, ${item.projectName}, names ${quoted}`;
        item.claim(
          fallWithinGap(
            servingClaim(
              signal.stake,
              item,
              servedName(signal),
              because,
              shared?.count ?? serving.length,
              units,
              answering,
              '',
              shippedWhy(signal),
            ),
            signal.withinGap,
          ),
        );
      }
    }
  }
  return unserved;
}

/**
 * What a card says an item serves, by name: a card serving a churn rise and a goal on it read
 * "1 of 2 open items that serve it" and "the only open item that serves it" a line apart, of two
 * things (a review read them as contradicting each other).
 */
function servedName(signal: Signal): string {
  switch (signal.kind) {
    case 'goal_off_track':
      return signal.params.metric ?? 'the goal';
    case 'churn_rise':
      return 'the churn rise';
    case 'revenue_fall':
      return 'the fall';
    case 'payment_failures':
      return 'the failed payments';
    default:
      return 'it';
  }
}

/**
 * An item's claim on the dollars at `stake` of a signal it serves with others (`count` items, `units`
 * feature-sizes of work; `apart`: those memory does not hold back), `because` it serves it: its
 * part of what work answering it is counted to win. Shared by the feature-sizes of the work (see
 * featureUnits): a quarter-hour banner linked to a goal led the batch beside the week's wizard
 * linked to it too, each claiming half of what the goal is worth; and smaller between them than the
 * work answering it is counted for, they win their part of it (see Answering).
 */
function servingClaim(
  stake: Stake,
  item: BacklogItem,
  /** What it serves, as its card names it (see servedName). */
  served: string,
  because: string,
  count: number,
  units: number,
  answering: Answering,
  apart: '' | typeof NOT_HELD_BACK = '',
  shipped: string | null = null,
): Claim {
  const { part } = answering;
  const counted =
    answering.counted ??
    (part === 1 ? '' : `what work answering it is counted to win: ${formatPct(part)} of`);
  const of = Math.max(units, answering.units);
  const u = unitsOf(item);
  // What its part is of, when it wins a part: the work on it, some of it shipped and not measured
  // yet, or the work answering it is counted for (see Answering).
  const partOf =
    shipped !== null
      ? `work on it, ${shipped}`
      : units < answering.units
        ? 'work answering it is counted for'
        : null;
  const serves = (n: number) =>
    n === 1 ? `open item${apart} that serves ${served}` : `open items${apart} that serve ${served}`;
  return {
    stake,
    weight: (part / of) * u,
    why:
      partOf !== null
        ? `${count === 1 ? `the only ${serves(1)}` : `1 of ${count} ${serves(count)}`} (${because}), ${formatUnits(u)} of the ${formatUnits(of)} feature-sizes of ${partOf}, so it gets that part of ${counted}`.trimEnd()
        : count === 1
          ? `the only ${serves(1)} (${because}), so it gets ${counted === '' ? 'all of' : counted}`
          : units !== count
            ? `${formatUnits(u)} of the ${formatUnits(units)} feature-sizes of open work${apart} that serves ${served} (${because}), sharing ${counted}`.trimEnd()
            : `1 of ${count} ${serves(count)} (${because}), sharing ${counted}`.trimEnd(),
    ownSize: true,
    because,
  };
}

/**
 * What a goal's card says of the work linked to it done since its last reading (see
 * Signal.unmeasured), or null for none: `3 of them shipped since trial_to_paid was last measured
 * (T-1), not shown in it yet`.
 */
function shippedWhy(signal: Signal): string | null {
  const shipped = signal.unmeasured;
  if (shipped === undefined || !(shipped.units > 0)) return null;
  return `${formatUnits(shipped.units)} of them shipped since ${signal.params.metric ?? 'it'} was last measured (${shipped.refs.join(', ')}), not shown in it yet`;
}

/**
 * What the items memory holds back (`held`: rejected within the cooldown, or done but left open)
 * leave of the signals items share one by one (a goal, a churn rise, a revenue fall, failed
 * payments) goes to the items serving them that are not held back: their claims are weighed again
 * among themselves (`the only open item not held back that serves it`). A review rejected one of a
 * goal's two linked features, and the other's card kept half of what the goal is worth, the
 * other half claimed by nothing. When all are held back nothing changes: the playbooks answer
 * (see servedByHeldOnly); nor while items read in another part serve it (`goals`: the whole
 * backlog's count), whose memory this part does not know.
 */
export function shareWhatHeldServingLeaves(
  signals: readonly Signal[],
  items: readonly BacklogItem[],
  held: ReadonlySet<BacklogItem>,
  goals: ReadonlyMap<Signal, GoalServing>,
  playbooks: readonly ServingPlaybook[] = DEFAULT_PLAYBOOKS,
): void {
  // The stakes held items claim one by one (a claim saying why its item serves the signal).
  const stakes = new Set<Stake>();
  for (const item of held)
    for (const c of item.claims) if (c.because !== undefined) stakes.add(c.of ?? c.stake);
  if (stakes.size === 0) return;
  for (const signal of signals) {
    const stake = signal.stake;
    if (stake === null || !stakes.has(stake)) continue;
    const serving: Array<{ item: BacklogItem; claim: Claim & { because: string } }> = [];
    for (const item of items) {
      const claim = item.claims.find((c) => (c.of ?? c.stake) === stake && c.because !== undefined);
      if (claim !== undefined) serving.push({ item, claim: claim as Claim & { because: string } });
    }
    const kept = serving.filter((s) => !held.has(s.item));
    if (kept.length === serving.length || kept.length === 0) continue;
    const whole = goals.get(signal);
    if (whole !== undefined && whole.count !== serving.length) continue;
    let units = signal.unmeasured?.units ?? 0;
    for (const { item } of kept) units += unitsOf(item);
    const answering = servingShare(signal, playbooks);
    for (const { item, claim } of kept)
      item.reclaim(
        claim,
        fallWithinGap(
          servingClaim(
            stake,
            item,
            servedName(signal),
            claim.because,
            kept.length,
            units,
            answering,
            NOT_HELD_BACK,
            shippedWhy(signal),
          ),
          signal.withinGap,
        ),
      );
  }
}

/**
 * The groups of items serving a signal that whole groups serve (see serveSignals), or null for a
 * signal that items serve one by one.
 */
function servingGroups(
  signal: Signal,
  groupsOf: ReadonlyMap<number, ItemGroup[]>,
  focusOf: ReadonlyMap<number, readonly string[]>,
): ItemGroup[] | null {
  if (servedItemByItem(signal)) return null;
  const own = signal.projectId === null ? [] : (groupsOf.get(signal.projectId) ?? []);
  switch (signal.kind) {
    case 'near_completion':
      return own.filter((g) => g.kind === 'feature');
    case 'revenue_gap':
      // Work scheduled after the target wins none of its gap: a project whose growth work is all
      // of it leaves its share to the playbooks.
      return own.filter((g) => (g.kind === 'feature' || g.kind === 'critical') && !allScheduledLater(g));
    case 'stale_project':
      return own;
    case 'focus_gap': {
      const area = signal.focusArea;
      if (area === null) return [];
      // Upkeep keeps a product running; it puts no work on the area the vision wants moved.
      return [...groupsOf.entries()]
        .filter(([id]) => focusOf.get(id)?.includes(area))
        .flatMap(([, g]) => g.filter((group) => group.kind !== 'upkeep'));
    }
    default:
      return [];
  }
}

const NO_ITEMS: readonly BacklogItem[] = [];

/**
 * The growth features of projects not of a neglected focus area that work on it all the same:
 * work on customers leaving, for the vision's area on them (see BacklogItem.focusArea). A review's
 * "Cancellation survey with save offer", of a `payments` project, was proposed beside "Plan the
 * next step for retention". Items a plan in parts has not read are not among them.
 */
function churnWorkElsewhere(
  signal: Signal,
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  focusOf: ReadonlyMap<number, readonly string[]>,
): readonly BacklogItem[] {
  const area = signal.focusArea;
  if (area === null || !isChurnArea(area)) return NO_ITEMS;
  const items: BacklogItem[] = [];
  for (const [id, groups] of groupsOf) {
    if (focusOf.get(id)?.includes(area)) continue;
    for (const g of groups) {
      if (g.kind !== 'feature') continue;
      for (const item of g.items) if (item.focusArea === area) items.push(item);
    }
  }
  return items;
}

function servingItems(
  signal: Signal,
  backlog: Backlog,
  shared: GoalServing | undefined,
  churnGoals: ReadonlyMap<number, string>,
): Serving[] {
  const own =
    signal.projectId === null ? [] : (backlog.groups.get(signal.projectId) ?? []).flatMap((g) => g.items);
  switch (signal.kind) {
    case 'goal_off_track': {
      const linked = backlog.drafts.filter((d) => d.goalId !== null && d.goalId === signal.goalId);
      const naming = goalNamingItem(signal.params.metric ?? '', signal.goalProduct ?? null);
      // Work the team linked to the goal says what serves it, open or done: once its onboarding
      // tour shipped, a review's weekly_active_technicians goal gave $824/month to "Technician
      // skill tags for auto-assignment", a feature for dispatchers, for naming 'technician'.
      if ((shared?.linked ?? linked.length > 0) || signal.linkedWorkDone === true) {
        // What names the goal serves it not while work linked to it does; its facts keep that it
        // named it, so that work shipping is no news about it (see materialChange).
        for (const item of backlog.drafts)
          if (item.goalId === null && naming(item) !== null) item.namedGoal = true;
        return linked.map((item) => ({ item, linked: true, words: [] }));
      }
      return backlog.drafts.flatMap((item): Serving[] => {
        const words = naming(item);
        return words === null ? [] : [{ item, linked: false, words }];
      });
    }
    default: {
      const words = wordsServing(signal);
      if (words === null) return [];
      // Customers leaving are won back by growth work, not by a fix or upkeep, whatever its title
      // says (as a churn goal is: see isGoalWork).
      const named = naming(own, words).filter(
        (s) =>
          servesByName(signal, s.item.titleWords) &&
          (words !== CHURN_WORDS || s.item.group.kind === 'feature'),
      );
      if (words !== CHURN_WORDS || churnGoals.size === 0) return named;
      // A feature the team linked to a goal on customers leaving is work on them, whatever its title
      // says: a review's "Cancellation flow with pause option", linked to monthly_churn on the app
      // whose churn rose, answered none of the rise, its interviews claiming all of it.
      const byItem = new Map(named.map((s) => [s.item, s]));
      return own.flatMap((item): Serving[] => {
        const s = byItem.get(item);
        if (s !== undefined) return [s];
        const via =
          item.group.kind === 'feature' && item.goalId !== null ? churnGoals.get(item.goalId) : undefined;
        return via === undefined ? [] : [{ item, linked: false, words: [], via }];
      });
    }
  }
}

/** The metrics of `goals` on customers leaving (see namesChurn), by goal id: what servingItems reads. */
export function churnGoalMetrics(goals: readonly { goalId: number; metric: string }[]): Map<number, string> {
  const metrics = new Map<number, string>();
  for (const g of goals) if (namesChurn(goalWords(g.metric))) metrics.set(g.goalId, g.metric);
  return metrics;
}

/** The items whose subject names one of `words`, with the words each names. */
function naming(items: readonly BacklogItem[], words: readonly string[]): Serving[] {
  if (words.length === 0) return [];
  const wanted = new Set(words);
  const mentioned = mentionsAny(words);
  return items.flatMap((item): Serving[] => {
    // Most items name none of the words: their text alone says so, without splitting it into words.
    if (!mentioned(item.about)) return [];
    const named = item.aboutWords.filter((w) => wanted.has(w));
    return named.length === 0 ? [] : [{ item, linked: false, words: named }];
  });
}

/**
 * For a goal on customers leaving (see namesChurn), a test of whether work of a project is on
 * them: a project the goal's other words name (`ledgerly_churn`, Ledgerly's), any when they name
 * none (`churn_rate`); null for a goal on something else.
 */
export function churnGoalOn(
  metric: string,
  projectName: (id: number) => string | undefined,
  product: string | null = null,
): ((projectId: number | null) => boolean) | null {
  const onProduct = churnGoalProduct(metric, product);
  if (onProduct === null) return null;
  return (projectId) => {
    const name = projectId === null ? undefined : projectName(projectId);
    return name !== undefined && onProduct(name);
  };
}

/**
 * For a goal on customers leaving, a test of whether a project, by its name, is one it is on (see
 * churnGoalOn): `product` alone when the goal's words are its name (see goalProductOf), else
 * every project whose name holds them; null for a goal on something else.
 */
function churnGoalProduct(metric: string, product: string | null): ((projectName: string) => boolean) | null {
  const words = goalWords(metric);
  if (!namesChurn(words)) return null;
  const others = words.filter((w) => !CHURN_WORDS.includes(w));
  if (others.length === 0) return () => true;
  if (product !== null) return (name) => name === product;
  const names = goalNaming(others);
  return (name) => names(name, null);
}

/**
 * For a goal on customers leaving that names a product, the project whose name is just the goal's
 * other words, when one is (`coachly_churn`: "Coachly", not "Coachly Studio"); null otherwise. A
 * review found the gym product's revenue fall holding back the research on the consumer app's
 * churn goal, and its cancellation survey taking half of the goal's value.
 */
export function goalProductOf(metric: string, names: Iterable<string>): string | null {
  const words = goalWords(metric);
  if (!namesChurn(words)) return null;
  const others = new Set(words.filter((w) => !CHURN_WORDS.includes(w)));
  if (others.size === 0) return null;
  for (const name of names) {
    const own = significantTokens(name);
    if (own.length === others.size && own.every((w) => others.has(w))) return name;
  }
  return null;
}

/**
 * The test an item is put to as serving a goal it is not linked to: its title names every one of
 * the goal's words, each in any of its forms (see wordBases), or names none of them and its
 * project's name names them all (every item of "Teacher Portal" serves active_teachers). A goal's
 * metric is named whole: `failed_invoices` is served by "Retry invoices that failed" and "Invoice
 * failures", not by "Recurring invoice schedules", which names the invoices and not their failing
 * (a trial's lead rejected it, valued at the goal's stake), nor by "Fix failed login", even in a
 * project named "Invoice Portal"; a goal no item names gets its diagnosis playbook, and the team
 * can link what serves it (`feature goal`). Words with a digit (`p95`, `d30`, `q3`) qualify the
 * measure and need not be named, unless the metric has no other: `p95_latency` is served by
 * "Reduce latency". Or, for a goal on customers leaving, it
 * is a feature on them (see namesChurnWork) of a product the goal is on (see churnGoalOn): a
 * cancellation survey of Ledgerly serves `ledgerly_churn`. A review found the survey holding the
 * goal's research back as work on its customers, yet carrying none of the goal's value, where
 * linked to the goal it carried all of it. Returns the words each names, or null.
 */
function goalNamingItem(metric: string, product: string | null): (item: BacklogItem) => string[] | null {
  const naming = wholeNaming(goalWords(metric));
  const onProduct = churnGoalProduct(metric, product);
  return (item) => {
    // A fix or upkeep keeps what is there working; it moves no goal its title names (see isGoalWork).
    if (!isGoalWork(item.category)) return null;
    const named = naming === null ? null : naming(item.about, item.titleWords, item.projectName);
    if (named !== null || onProduct === null) return named;
    if (item.group.kind !== 'feature' || !namesChurnWork(item.titleWords) || !onProduct(item.projectName))
      return null;
    return item.titleWords.filter((w) => CHURN_WORDS.includes(w));
  };
}

/**
 * A test of whether a piece of work named `title`, of the project `projectName`, names a goal's
 * `words` whole, as an item serving the goal does (see goalNamingItem): an open task's title. Made
 * once for a goal's words, and asked of each piece of work.
 */
export function goalNaming(words: readonly string[]): (title: string, projectName: string | null) => boolean {
  const naming = wholeNaming(words);
  if (naming === null) return () => false;
  return (title, projectName) =>
    naming(`${title} ${projectName ?? ''}`, significantTokens(title), projectName) !== null;
}

/**
 * The test namingWhole puts a piece of work to, for a goal's words: given what the work is about
 * (its title and project, in one text), its title's words and its project's name, the words of
 * the goal it names, or null when it does not name them all; null for a goal of no words.
 */
function wholeNaming(
  words: readonly string[],
): ((about: string, titleWords: readonly string[], projectName: string | null) => string[] | null) | null {
  const plain = words.filter((w) => !/\d/.test(w));
  const wanted = [...new Set(plain.length > 0 ? plain : words)].map(wordBases);
  if (wanted.length === 0) return null;
  // Every base of a word is the start of it, the shortest the start of all: a text without the
  // shortest base of a goal's word names no form of it.
  const mentioned = mentionsAny(wanted.map((bases) => bases.reduce((a, b) => (b.length < a.length ? b : a))));
  const names = (text: readonly string[]) => {
    const named: string[] = [];
    const found = new Set<number>();
    for (const word of text) {
      const bases = wordBases(word);
      wanted.forEach((goal, i) => {
        if (goal.some((b) => bases.includes(b))) {
          found.add(i);
          named.push(word);
        }
      });
    }
    return { named: [...new Set(named)], whole: found.size === wanted.length };
  };
  return (about, titleWords, projectName) => {
    if (!mentioned(about)) return null;
    const inTitle = names(titleWords);
    const served =
      inTitle.named.length > 0 || projectName === null ? inTitle : names(significantTokens(projectName));
    return served.whole ? served.named : null;
  };
}

/** Nouns in their own right that a past form would reduce: a failure is a failed thing. */
const BASE_OF: Readonly<Record<string, string>> = { failure: 'fail' };

/**
 * The forms a word may be the same word as, each the start of it: itself, and for a past form
 * its base (`failed` → fail, `invited` → invite, `shipped` → ship, `cancelled` → cancel,
 * `churned` → churn), keeping three letters; `failure` → fail. Two words are one when their
 * bases meet. An -ing form is not reduced: most in a metric's name are nouns of their own
 * (`bookings` are not a `book`, `listings` not a `list`). Words are significant tokens, their
 * plural `s` already dropped.
 */
export function wordBases(word: string): string[] {
  const bases = [word];
  const base = BASE_OF[word];
  if (base !== undefined) bases.push(base);
  if (word.length >= 5 && word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    bases.push(stem, `${stem}e`.slice(0, word.length - 1));
    // A doubled last letter: shipp(ed) → ship, cancell(ed) → cancel.
    if (stem.length >= 4 && stem.at(-1) === stem.at(-2)) bases.push(stem.slice(0, -1));
  }
  return bases;
}

/**
 * What the open growth work of a project's groups serving its share of the gap comes to, in
 * feature-sizes (see featureUnits), but for what is scheduled after the target.
 */
function gapUnits(groups: readonly ItemGroup[]): number {
  const first = groups[0] as ItemGroup;
  return growthUnits(first.project) - unitsScheduled(first.scheduledAfter?.items);
}

/** Whether every item of a group is scheduled after the revenue target (see ItemGroup.scheduledAfter). */
function allScheduledLater(group: ItemGroup): boolean {
  const later = group.scheduledAfter;
  if (later === null || group.unread > 0) return false;
  for (let i = 0; i < group.items.length; i++)
    if (!later.items.has((group.items[i] as BacklogItem).key)) return false;
  return true;
}
