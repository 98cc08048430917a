import type { Bug, BugSeverity, OpenFeature } from '../domain/project.js';
import type { Vision } from '../domain/vision.js';
import {
  BacklogItem,
  bugsAtRisk,
  type ItemGroup,
  isFeatureKind,
  NO_SIGNALS,
  SEVERITY_AT_RISK,
} from './BacklogItem.js';
import type { Claim, Stake } from './batch-plan.js';
import { parseInstant } from './dates.js';
import { TIER } from './draft.js';
import { formatNumber, formatPct, formatShare, formatUsd } from './format.js';
import { groupBy } from './group-by.js';
import {
  EARNED_WEIGHT,
  growthUnits,
  isEarnings,
  laterUnits,
  type ProjectStakes,
  toWinBeyondEarnings,
} from './stakes.js';
import type { ProjectState } from './workspace-state.js';

/** The bugs that are candidates, by severity, worst first (low bugs never are). */
const BUG_GROUPS: readonly BugSeverity[] = ['critical', 'high', 'medium'];

const THREATENS: Readonly<Record<BugSeverity, string>> = {
  critical: `a critical bug threatens ${formatPct(SEVERITY_AT_RISK.critical)} of`,
  high: `a high bug threatens ${formatPct(SEVERITY_AT_RISK.high)} of`,
  medium: `a medium bug threatens ${formatPct(SEVERITY_AT_RISK.medium)} of`,
  low: `a low bug threatens ${formatPct(SEVERITY_AT_RISK.low)} of`,
};

/** The team's backlog as drafts, and each project's items grouped by kind (what serving signals reads). */
export interface Backlog {
  /** The items drafted, in backlog order. */
  drafts: BacklogItem[];
  /** Per project with open items: its groups, features first, then bugs by severity. */
  groups: Map<number, ItemGroup[]>;
}

/**
 * The team's own work as candidates, before any template: every open feature (planned or in
 * progress) and every open critical, high and medium bug of an active project, named by its own
 * title and project. A project's open features (upkeep aside) and critical bugs share its part of
 * the revenue gap equally, but for those the team scheduled after the revenue target (a GitHub
 * milestone due after its month: see ScheduledAfter), which claim none of it; its bugs put a share of what it earns at risk by severity; upkeep (a
 * chore, docs, an upgrade) claims no dollars. A critical bug blocks its project and comes first;
 * medium bugs and upkeep come only when nothing better serves the goals (after the real work). Low
 * bugs are never proposed. An item whose GitHub milestone is due within two weeks
 * (or overdue) is as pressing as that makes it.
 *
 * The projects in `counted` are not read: their groups are made from the project's counts of open
 * items (ItemGroup.unread), and drafted only if readGroups is given their rows.
 */
export function backlogDrafts(
  projects: readonly ProjectState[],
  features: readonly OpenFeature[],
  bugs: readonly Bug[],
  vision: Vision,
  stakes: ProjectStakes,
  now: string,
  counted: ReadonlySet<number> = NONE,
): Backlog {
  const nowMs = parseInstant(now, 'now');
  const featuresOf = openFeaturesOf(features);
  const bugsOf = openBugsOf(bugs);
  const backlog: Backlog = { drafts: [], groups: new Map() };
  // Indexed loops, not for…of: see allocateStakes.
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i] as ProjectState;
    if (p.project.status !== 'active') continue;
    const id = p.project.id;
    const groups = counted.has(id)
      ? projectGroups(p, countsOf(p), vision, stakes, nowMs)
      : readProjectGroups(p, featuresOf.get(id), bugsOf.get(id), vision, stakes, nowMs);
    if (groups.length === 0) continue;
    for (let g = 0; g < groups.length; g++) {
      const { items } = groups[g] as ItemGroup;
      for (let k = 0; k < items.length; k++) backlog.drafts.push(items[k] as BacklogItem);
    }
    backlog.groups.set(id, groups);
  }
  return backlog;
}

/**
 * Drafts the items of projects backlogDrafts only counted, from their rows: each of their groups
 * gets its items, as it would have had them read at once (its signals and claims stay its own).
 * @throws Error when the rows are not the items counted (they are read on one snapshot).
 */
export function readGroups(
  groupsOf: ReadonlyMap<number, readonly ItemGroup[]>,
  features: readonly OpenFeature[],
  bugs: readonly Bug[],
): void {
  const featuresOf = openFeaturesOf(features);
  const bugsOf = openBugsOf(bugs);
  for (const id of new Set([...featuresOf.keys(), ...bugsOf.keys()])) {
    const rows = rowsByKind(featuresOf.get(id), bugsOf.get(id));
    for (const group of groupsOf.get(id) ?? []) {
      const of = rows[group.kind];
      if (of.length !== group.unread) {
        throw new Error(`project ${id} has ${of.length} open ${group.kind} items, counted ${group.unread}`);
      }
      draftItems(group, of, countsOf(group.project));
    }
  }
}

const NONE: ReadonlySet<number> = new Set();

/**
 * A bug's claim on its product's share of the revenue gap (`gap`), beside its claim on what the
 * product earns (`earns`, of `weight`, `why`): a bug threatens its severity's share of what the
 * product earns now, counted twice (see EARNED_WEIGHT), or of what it is to win, whichever is more;
 * so it claims that share of the part of what its product is to win beyond what its earnings count
 * for. A product that earned nothing yet had its bugs claim nothing: a review's "Editor loses
 * images on paste", high, ranked below "Custom fonts" before launch, its card reading "no revenue
 * rides on it", where the same bug came second once the product earned $3,000. Counted beyond its
 * earnings, a bug's worth grows from the one to the other without a jump at the first dollar, and
 * a product earning half its share or more keeps its bugs' worth as it was. The share is what
 * the product's growth work claims too: their claims together above it, each is scaled to fit
 * (see allocateStakes), so the work on a product never claims more than its share. Null when its
 * earnings count for all of it.
 */
function toWinClaim(gap: Stake, earns: Stake | undefined, weight: number, why: string): Claim | null {
  const beyond = toWinBeyondEarnings(gap.usd, earns?.usd ?? 0);
  if (!(beyond > 0)) return null;
  const part = (weight * beyond) / gap.usd;
  return { stake: gap, weight: part, why: toWinWhy(why, gap.usd - beyond, part), toWin: true };
}

/**
 * Why a bug claims its part of what its product is to win (see toWinClaim): `… of what its product
 * is to win,` before the share's label, and beyond what its earnings count for, that and its part.
 */
const toWinWhy = (why: string, earned: number, part: number): string =>
  earned > 0
    ? `${why} what its product is to win beyond the ${formatUsd(earned)}/month its earnings count for, so ${formatShare(part)} of`
    : `${why} what its product is to win,`;

const NO_CLAIMS: readonly Claim[] = [];

/**
 * The projects whose open items may rank best, judged by their counts and stakes alone: as many
 * as hold at least `items` open items, `most` at most (ids ascending). Those with a critical bug
 * (a blocker) come first, then those with work (a feature or a high bug), then the rest; among them, those
 * with an item that may claim more dollars (what a score grows with most) first. Planned before
 * the others, they set the bar the later reads of a plan in parts are drafted against: any order
 * plans the same (only what ranks below the bar's places goes undrafted: see readWhatMatters and
 * RankBar), this one drafts the least.
 */
export function likeliestBest(
  projects: readonly ProjectState[],
  stakes: ProjectStakes,
  items: number,
  most: number,
): ProjectState[] {
  // Every project kept has an item: the best `items` projects hold at least as many.
  const size = Math.min(items, most);
  const best: { project: ProjectState; tier: number; usd: number; items: number }[] = [];
  const worse = (a: { tier: number; usd: number }, b: { tier: number; usd: number }) =>
    a.tier > b.tier || (a.tier === b.tier && a.usd < b.usd);
  // Run once per plan over every project, mostly before V8 optimises it: no lookups or objects a
  // project does not need (only an earner has a share of the gap; what a project earns is its
  // monthly revenue, as projectStakes counts it); an indexed loop, not for…of (see allocateStakes).
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i] as ProjectState;
    if (p.project.status !== 'active') continue;
    const feature = p.featuresTotal - p.featuresDone;
    const { critical, high, medium } = p.openBugs;
    const open = feature + p.upkeepOpen + critical + high + medium;
    if (open === 0) continue;
    const tier = critical > 0 ? TIER.blocker : feature > 0 || high > 0 ? TIER.work : TIER.fillIn;
    const last = best.at(-1);
    if (best.length >= size && last !== undefined && last.tier < tier) continue;
    // What a bug puts at risk weighs in a score as EARNED_WEIGHT times as many dollars of the gap,
    // or as what its product is to win where that is more (see toWinClaim); beside the project's
    // other bugs, its part of what they threaten together (see bugsAtRisk).
    const gap = stakes.gap.get(p.project.id);
    const earning =
      Math.max(0, p.monthlyRevenue) * EARNED_WEIGHT +
      (gap === undefined ? 0 : toWinBeyondEarnings(gap.usd, p.monthlyRevenue));
    const earns =
      earning > 0 && critical + high + medium > 1 ? earning * bugsAtRisk(p.openBugs).scale : earning;
    // A feature-size's part of its share: what an item may claim for each (see gapClaim).
    const share =
      feature + critical === 0 || !p.project.revenueBearing || gap === undefined
        ? 0
        : gap.usd / Math.max(gap.countedFor ?? 1, growthUnits(p));
    const usd =
      tier === TIER.blocker
        ? earns * SEVERITY_AT_RISK.critical + share
        : tier === TIER.work
          ? Math.max(feature > 0 ? share : 0, high > 0 ? earns * SEVERITY_AT_RISK.high : 0)
          : earns * SEVERITY_AT_RISK.medium;
    const candidate = { project: p, tier, usd, items: open };
    if (best.length >= size && last !== undefined && !worse(last, candidate)) continue;
    // After every project it ranks no worse than (ties keep the order projects come in).
    let from = 0;
    let to = best.length;
    while (from < to) {
      const mid = (from + to) >>> 1;
      if (worse(best[mid] as (typeof best)[number], candidate)) to = mid;
      else from = mid + 1;
    }
    best.splice(from, 0, candidate);
    if (best.length > size) best.pop();
  }
  const first: ProjectState[] = [];
  let held = 0;
  for (const b of best) {
    if (held >= items) break;
    first.push(b.project);
    held += b.items;
  }
  return first.sort((a, b) => a.project.id - b.project.id);
}

/** How many open items of each kind a project has, as its state counts them. */
type ItemCounts = Record<ItemGroup['kind'], number>;

function countsOf(p: ProjectState): ItemCounts {
  return {
    feature: p.featuresTotal - p.featuresDone,
    upkeep: p.upkeepOpen,
    critical: p.openBugs.critical,
    high: p.openBugs.high,
    medium: p.openBugs.medium,
    low: 0,
  };
}

/** The features planning drafts (those not done), by project. */
export function openFeaturesOf(features: readonly OpenFeature[]): Map<number, OpenFeature[]> {
  return groupBy(
    features.filter((f) => f.status !== 'done'),
    (f) => f.projectId,
  );
}

/** The bugs planning drafts (open ones but the low), by project. */
export function openBugsOf(bugs: readonly Bug[]): Map<number, Bug[]> {
  return groupBy(
    bugs.filter((b) => b.status === 'open' && b.severity !== 'low'),
    (b) => b.projectId,
  );
}

/** A project's groups from its rows, drafted. */
function readProjectGroups(
  p: ProjectState,
  features: OpenFeature[] | undefined,
  bugs: Bug[] | undefined,
  vision: Vision,
  stakes: ProjectStakes,
  nowMs: number,
): ItemGroup[] {
  if (features === undefined && bugs === undefined) return [];
  const rows = rowsByKind(features, bugs);
  const counts: ItemCounts = {
    feature: rows.feature.length,
    upkeep: rows.upkeep.length,
    critical: rows.critical.length,
    high: rows.high.length,
    medium: rows.medium.length,
    low: 0,
  };
  const groups = projectGroups(p, counts, vision, stakes, nowMs);
  for (const group of groups) draftItems(group, rows[group.kind], counts);
  return groups;
}

/** A project's open rows of each kind, in backlog order: features (growth, upkeep) by id, bugs of a severity by id. */
function rowsByKind(
  features: OpenFeature[] | undefined,
  bugs: Bug[] | undefined,
): Record<ItemGroup['kind'], readonly (OpenFeature | Bug)[]> {
  const broken = bugs?.sort(byId) ?? [];
  const open = features?.sort(byId) ?? [];
  const upkeep = open.filter((f) => f.upkeep);
  return {
    feature: upkeep.length === 0 ? open : open.filter((f) => !f.upkeep),
    upkeep,
    critical: broken.filter((b) => b.severity === 'critical'),
    high: broken.filter((b) => b.severity === 'high'),
    medium: broken.filter((b) => b.severity === 'medium'),
    low: [],
  };
}

/**
 * A group's items drafted from its rows (its project's `counts` of open items being what its claims
 * were made from): those scheduled after the revenue target forgo its gap, and bugs the team judged
 * claim the share it said they affect (see judgeShares).
 */
function draftItems(group: ItemGroup, rows: readonly (OpenFeature | Bug)[], counts: ItemCounts): void {
  group.items = rows.map((row) => new BacklogItem(group, row));
  group.unread = 0;
  if (!isFeatureKind(group.kind)) judgeShares(group, counts);
  if (group.scheduledAfter === null) return;
  const gap = group.claims.find((c) => c.perUnits !== undefined);
  if (gap === undefined) return;
  for (const item of group.items) if (item.scheduledLater) item.forgo(gap);
}

/** A project's groups, with what their items claim, from how many items of each kind it has: none drafted yet. */
function projectGroups(
  p: ProjectState,
  counts: ItemCounts,
  vision: Vision,
  stakes: ProjectStakes,
  nowMs: number,
): ItemGroup[] {
  const id = p.project.id;
  const focusArea = p.project.focusAreas.find((a) => vision.focusAreas.includes(a)) ?? null;
  const groups: ItemGroup[] = [];
  const gap = stakes.gap.get(id);
  // Items scheduled after the revenue target share none of the gap (a project with some is read
  // whole: see countedProjects); the rest share its part.
  const laterItems = gap === undefined ? undefined : stakes.scheduledAfter.items.get(id);
  const later =
    laterItems === undefined || laterItems.size === 0
      ? null
      : { month: stakes.scheduledAfter.month, items: laterItems };
  const add = (kind: ItemGroup['kind'], claims: readonly Claim[]) => {
    groups.push({
      kind,
      project: p,
      focusArea,
      visionFocus: vision.focusAreas,
      nowMs,
      claims,
      signals: NO_SIGNALS,
      items: [],
      unread: counts[kind],
      apart: null,
      scheduledAfter: later !== null && (kind === 'feature' || kind === 'critical') ? later : null,
    });
  };
  const growth = counts.feature + counts.critical - (later?.items.size ?? 0);
  const gapClaims: Claim[] =
    gap === undefined || growth <= 0
      ? []
      : [gapClaim(gap, growth, growthUnits(p) - laterUnits(stakes.scheduledAfter, id))];
  if (counts.feature > 0) add('feature', gapClaims);
  // Upkeep wins no customers and moves no focus area: it claims nothing, and is weighed by its
  // project and urgency alone.
  if (counts.upkeep > 0) add('upkeep', NO_CLAIMS);
  const earns = stakes.earns.get(id);
  let risk: ReturnType<typeof bugsAtRisk> | undefined;
  for (let i = 0; i < BUG_GROUPS.length; i++) {
    const severity = BUG_GROUPS[i] as BugSeverity;
    if (counts[severity] === 0) continue;
    risk ??= bugsAtRisk(counts);
    const weight = SEVERITY_AT_RISK[severity] * risk.scale;
    const why = risk.scale === 1 ? THREATENS[severity] : threatensBeside(severity, counts, risk);
    const claims: Claim[] = earns === undefined ? [] : [{ stake: earns, weight, why }];
    if (severity === 'critical') claims.push(...gapClaims);
    // What its product is to win, it threatens as it does what the product earns (see toWinClaim):
    // where what it earns is not known, as the gap counts it, as nothing.
    const toWin = gap === undefined ? null : toWinClaim(gap, earns, weight, why);
    if (toWin !== null) claims.push(toWin);
    add(severity, claims);
  }
  return groups;
}

const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

/**
 * The bugs of a group the team judged (`bug affects`: a trial expiry email reaching only trial
 * users, which its severity alone valued at 20% of what its product earns) claim the share the team
 * said in place of their severity's, times the scale their project's bugs are counted by (see
 * bugsAtRisk). The scale stays what the project's counts by severity make it, so every other bug's
 * claim stays as it was, and so does every bound a plan sets from the counts (likeliestBest,
 * scoreBound, a medium bug's part: see BacklogItem.mediumBugUsd): a share is never counted above
 * its severity's, and a bound from severity bounds it still. So it is of what its product is to win
 * (see toWinClaim): the customers a bug touches now are those it will. On what a product earns its bugs
 * claim no more than they threaten together, below all of it, so no claim on it is ever scaled to
 * fit (see allocateStakes); on its share of the gap, beside its growth work, they may be, and a
 * plan in parts reads a project with a judged bug at once (see BacklogSource.judgedProjects), its
 * totals those of a plan at once.
 */
function judgeShares(group: ItemGroup, counts: ItemCounts): void {
  let threatened: Claim[] | undefined;
  let risk: ReturnType<typeof bugsAtRisk> | undefined;
  // Indexed, not for…of: see allocateStakes.
  for (let i = 0; i < group.items.length; i++) {
    const item = group.items[i] as BacklogItem;
    const share = item.affects;
    if (share === null) continue;
    threatened ??= group.claims.filter((c) => isEarnings(c.stake) || c.toWin === true);
    // A project that earns nothing nor is to win anything has nothing a bug puts at risk, judged or not.
    if (threatened.length === 0) return;
    risk ??= bugsAtRisk(counts);
    const severity = group.kind as BugSeverity;
    const most = SEVERITY_AT_RISK[severity];
    const weight = Math.min(share, most) * risk.scale;
    const why = judgedWhy(severity, share, risk);
    const earns = threatened.find((c) => isEarnings(c.stake))?.stake;
    // What it is to win, beyond what the earnings count for, as its severity's was (see toWinClaim).
    for (const c of threatened)
      item.claimInstead(
        c,
        c.toWin === true ? (toWinClaim(c.stake, earns, weight, why) ?? c) : { ...c, weight, why },
      );
  }
}

/**
 * Why a bug the team judged claims its part of what its project earns: `the team judges it affects
 * 2% (a high bug threatens 20%) of`, and beside the project's other bugs, its part as they are
 * counted together (see threatensBeside). A share above its severity's (the severity lowered since,
 * here or by its labels on GitHub) counts as its severity's, and says so.
 */
function judgedWhy(severity: BugSeverity, share: number, risk: ReturnType<typeof bugsAtRisk>): string {
  const most = SEVERITY_AT_RISK[severity];
  const judged = `the team judges it affects ${formatShare(share)}`;
  const threatens = `a ${severity} bug threatens ${formatPct(most)}`;
  const counted =
    share > most
      ? `${judged}, more than ${threatens}, so it counts ${formatPct(most)}`
      : `${judged}${risk.scale === 1 ? '' : ' alone'} (${threatens})`;
  if (risk.scale === 1) return `${counted} of`;
  const part = formatShare(Math.min(share, most) * risk.scale);
  const [together, alone] = riskShares(risk);
  return `${counted}; its project's ${risk.bugs} open bugs threaten ${together} together by severity, not ${alone}, as a customer they drive away leaves once, so its part is ${part} of`;
}

/**
 * What a project's bugs threaten together and the sum of what each does alone, as a card says
 * them: to the whole point, or to the hundredth where that rounds them alike (two medium bugs read
 * "threaten 10% together, not 10%" for 9.75% and 10%).
 */
function riskShares(risk: ReturnType<typeof bugsAtRisk>): [string, string, (n: number) => string] {
  const fine = formatPct(risk.together) === formatPct(risk.alone);
  const format = fine ? formatShare : formatPct;
  return [format(risk.together), format(risk.alone), format];
}

/** Why a bug claims its part of what its project earns beside the project's other bugs (see bugsAtRisk), by severity and counts. */
const threatening = new Map<string, string>();

function threatensBeside(
  severity: BugSeverity,
  counts: ItemCounts,
  risk: ReturnType<typeof bugsAtRisk>,
): string {
  const key = `${severity}:${counts.critical}:${counts.high}:${counts.medium}`;
  let why = threatening.get(key);
  if (why === undefined) {
    const alone = SEVERITY_AT_RISK[severity];
    const [together, all, format] = riskShares(risk);
    why = `a ${severity} bug threatens ${formatPct(alone)} alone; its project's ${risk.bugs} open bugs threaten ${together} together, not ${all}, as a customer they drive away leaves once, so its part is ${format(alone * risk.scale)} of`;
    threatening.set(key, why);
  }
  return why;
}

/** What the items sharing a gap are when some of a project's are held back (see shareWhatHeldItemsLeave). */
export const NOT_HELD_BACK = ' not held back';

/**
 * A claim on a project's share of the revenue gap (`gap`) shared by `items` open items (`apart`:
 * those not held back) that come to `units` feature-sizes of work (see featureUnits): each item
 * claims its feature-sizes' part of it, a project's share being counted for one feature's worth at
 * least (see openWeight), or more when what the project earns asks more of it (see
 * Stake.countedFor).
 */
export function gapClaim(
  gap: Stake,
  items: number,
  units: number,
  apart: '' | typeof NOT_HELD_BACK = '',
): Claim {
  const countedFor = gap.countedFor ?? 1;
  const weight = 1 / Math.max(countedFor, units);
  const why =
    units !== items || (countedFor > 1 && units < countedFor)
      ? `${unitsSharing(1, units, apart, countedFor, gap.keptUnits)} sharing`
      : items === 1
        ? `the only open item${apart} to win`
        : `1 of ${items} open items${apart} sharing`;
  return { stake: gap, weight, why, perUnits: units };
}

/**
 * An item's part of the work sharing a gap, in feature-sizes: `2 of the 6.5 feature-sizes of open
 * work`, or, when that comes to less than one, `0.03 of the 1 feature-size a share is counted for
 * at least (the open work comes to 0.06)`: a share is one feature's worth at least (see gapClaim),
 * the rest left to the playbooks (see serveSignals); or less than what its product earns asks of
 * it (`countedFor`, see Stake.countedFor): `1 of the 9.68 feature-sizes the share is counted for by
 * what its product earns (the open work comes to 3.5)`.
 */
export function unitsSharing(units: number, of: number, apart = '', countedFor = 1, kept?: number): string {
  if (countedFor > 1 && of < countedFor)
    return `${formatUnits(units)} of the ${formatUnits(countedFor)} feature-sizes the share is counted for ${kept === undefined ? 'by what its product earns' : heldKeeping(kept)} (the open work${apart} comes to ${formatUnits(of)})`;
  return of >= 1
    ? `${formatUnits(units)} of the ${formatUnits(of)} feature-sizes of open work${apart}`
    : `${formatUnits(units)} of the 1 feature-size a share is counted for at least (the open work${apart} comes to ${formatUnits(of)})`;
}

/**
 * What the feature-sizes a share is counted for are beside its open work, when the work held back
 * keeps its part (see Stake.keptUnits): `1 of them held back, keeping its part`.
 */
export const heldKeeping = (kept: number): string =>
  `with ${formatUnits(kept)} of them held back, keeping ${kept === 1 ? 'its' : 'their'} part`;

/**
 * Feature-sizes as a card says them: two places, three below a tenth (0.0125 reads 0.013, not
 * 0.01, whose share would read as a fifth less than the dollars beside it).
 */
export const formatUnits = (units: number): string => formatNumber(units, units < 0.1 ? 3 : 2);
