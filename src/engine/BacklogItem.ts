import { areaOfLabel } from '../domain/github.js';
import {
  type Bug,
  type BugSeverity,
  FEATURE_SIZE_HOURS,
  featureUnits,
  type ItemSource,
  MOST_FEATURE_UNITS,
  type OpenFeature,
  teamPriorityOf,
} from '../domain/project.js';
import type { BacklogRef, TaskCategory } from '../domain/task.js';
import type { Claim, Signal, SizePart } from './batch-plan.js';
import { CHURN_WORDS, namesChurnArea, namesChurnWork } from './churn-words.js';
import { DAY_MS } from './dates.js';
import { type Draft, TIER } from './draft.js';
import { namesPaymentArea, namesPaymentWork } from './payment-words.js';
import { toWinBeyondEarnings } from './stakes.js';
import { mentionsAny, significantTokens } from './tokens.js';
import type { ProjectState } from './workspace-state.js';

/** Share of a project's revenue a bug puts at risk, by severity. */
export const SEVERITY_AT_RISK: Readonly<Record<BugSeverity, number>> = {
  critical: 0.5,
  high: 0.2,
  medium: 0.05,
  low: 0,
};
/** A project's open bugs by severity, as many as it has of each (low ones put nothing at risk). */
export type OpenBugCounts = Readonly<Record<BugSeverity, number>>;

/**
 * What a project's open bugs put at risk of what it earns, together: each severity's share
 * (SEVERITY_AT_RISK) is what one bug alone threatens, and several threaten 1 − Π(1 − share), not
 * the sum, as a customer several bugs drive away leaves once (a critical, two high and two medium
 * bugs of a $13,900/month product read "$11,362 protected" between them, 82% of what it earns,
 * where together they threaten 71%). `scale` is what each bug's share is multiplied by for the
 * shares to add up to that: 1 for a project with one bug that puts anything at risk.
 */
export function bugsAtRisk(open: OpenBugCounts): {
  bugs: number;
  together: number;
  alone: number;
  scale: number;
} {
  let spared = 1;
  let alone = 0;
  let bugs = 0;
  for (let i = 0; i < BUG_SEVERITIES_AT_RISK.length; i++) {
    const severity = BUG_SEVERITIES_AT_RISK[i] as BugSeverity;
    const n = open[severity];
    if (!(n > 0)) continue;
    const share = SEVERITY_AT_RISK[severity];
    spared *= (1 - share) ** n;
    alone += share * n;
    bugs += n;
  }
  const together = 1 - spared;
  // One bug threatens its share exactly (1 − (1 − 0.2) is not 0.2 in floating point).
  if (bugs <= 1) return { bugs, together: alone, alone, scale: 1 };
  return { bugs, together, alone, scale: together / alone };
}
const BUG_SEVERITIES_AT_RISK: readonly BugSeverity[] = ['critical', 'high', 'medium'];

/** Signals about keeping what a product earns: customers leaving, failed payments. */
const EARNINGS_KEPT: ReadonlySet<string> = new Set(['churn_rise', 'revenue_fall', 'payment_failures']);
const keepsEarnings = (signal: Signal): boolean => EARNINGS_KEPT.has(signal.kind);

/** How pressing a bug is in itself, by severity. */
const SEVERITY_URGENCY: Readonly<Record<BugSeverity, number>> = {
  critical: 1,
  high: 0.6,
  medium: 0.3,
  low: 0,
};
/**
 * What a feature's score is multiplied by for the team's priority (see BacklogItem.ownWeight): the
 * team's own ranking of its backlog, which it knows best, moves work ahead of work it valued alike.
 */
export const TEAM_PRIORITY_WEIGHT: Readonly<Record<BugSeverity, number>> = {
  critical: 2,
  high: 1.5,
  medium: 1,
  low: 0.5,
};
/** The most an item's own urgency can be: a milestone due or overdue; no severity is more. */
export const MOST_OWN_URGENCY = Math.max(1, ...Object.values(SEVERITY_URGENCY));
/** Hours a fix or a feature takes when nobody estimated it. */
const BUG_EFFORT_HOURS = 4;
const FEATURE_EFFORT = { planned: FEATURE_SIZE_HOURS, in_progress: 4 } as const;
/** Hours upkeep (a chore, docs, an upgrade) takes when nobody estimated it, begun or not. */
const UPKEEP_EFFORT_HOURS = 4;
/** The fewest hours any open item takes: what bounds the score of items not drafted (scoreBound). */
export const MIN_EFFORT_HOURS = Math.min(
  BUG_EFFORT_HOURS,
  FEATURE_EFFORT.planned,
  FEATURE_EFFORT.in_progress,
  UPKEEP_EFFORT_HOURS,
);
/** How far ahead a milestone's due date starts to press: from nothing at this many days to all at 0. */
const MILESTONE_WINDOW_DAYS = 14;

/** Where an item's effort figure comes from, per kind (shared strings: one per kind, not per item). */
const EFFORT_NOTE = {
  planned: 'default for a planned feature (no estimate)',
  started: 'default for a feature in progress (no estimate)',
  upkeep: 'default for upkeep (no estimate)',
  critical: 'default for a critical bug (no estimate)',
  high: 'default for a high bug (no estimate)',
  medium: 'default for a medium bug (no estimate)',
  low: 'default for a low bug (no estimate)',
} as const;

/** The effort note of an item the team estimated (`feature estimate`, `bug estimate`). */
const ESTIMATED = "the team's estimate";

/** Most backlog items wait for nothing: they all share this list, which nothing writes to. */
const NO_DEPENDENCIES: string[] = [];

/**
 * How pressing an item is for its milestone's due date, 0–1, and why: nothing beyond two weeks
 * out, rising to 1 on the day (and after it, overdue). Null when it has no dated milestone.
 */
function milestoneUrgency(source: ItemSource | null, nowMs: number): { urgency: number; why: string } | null {
  const milestone = source?.milestone;
  if (!milestone?.dueOn) return null;
  const dueMs = Date.parse(milestone.dueOn);
  if (Number.isNaN(dueMs)) return null;
  const days = Math.ceil((dueMs - nowMs) / DAY_MS);
  if (days > MILESTONE_WINDOW_DAYS) return null;
  const due = milestone.dueOn.slice(0, 10);
  if (days <= 0) return { urgency: 1, why: `milestone '${milestone.title}' was due ${due}` };
  return {
    urgency: 1 - days / MILESTONE_WINDOW_DAYS,
    why: `milestone '${milestone.title}' is due ${due}, in ${days} day${days === 1 ? '' : 's'}`,
  };
}

/**
 * Whether an item's GitHub milestone is due after the month `month` (YYYY-MM): after the end of
 * it, by the due date's own day. An item with no milestone, or one with no due date, is not.
 * The store's statement compares the same way (see BacklogRepository.scheduledAfter).
 */
export function scheduledAfterMonth(source: ItemSource | null | undefined, month: string): boolean {
  const due = source?.milestone?.dueOn;
  return due != null && due.slice(0, 7) > month;
}

/** The fingerprint of work on a backlog item: its identity, so two items titled alike stay two. */
function itemFingerprint(key: string): string {
  return `item:${key}`;
}

/** The key of an open item of a group of `kind`: what its draft is known by, and memory asks about. */
export function itemKey(kind: ItemGroup['kind'], row: { readonly id: number }): string {
  // Joined, not concatenated: one flat string each rather than a chain of pieces.
  return [kind === 'feature' || kind === 'upkeep' ? 'feature:' : 'bug:', row.id].join('');
}

/** Whether a memory key is a backlog item's (see itemKey), not a playbook's or work typed by hand. */
export const isItemKey = (key: string): boolean => key.startsWith('feature:') || key.startsWith('bug:');

/** The title of work on an open item of a group of `kind`: what its draft, and its task, are called. */
export function itemTitle(
  kind: ItemGroup['kind'],
  row: { readonly status: string; readonly title: string },
  projectName: string,
): string {
  // Joined, not concatenated: one flat string rather than a chain of pieces holding the row's
  // title, since the cut list keeps the key and title of hundreds of thousands of items.
  const bug = kind !== 'feature' && kind !== 'upkeep';
  // Work the team named by what to do ("Add dark mode", a GitHub issue's usual title) is called by
  // its own words: "Build 'Add dark mode' for Tallyo" and "Fix 'Fix typo in footer' in Ledgerly"
  // said the verb twice. Work under way is still finished: "Finish 'Add dark mode'" says it once.
  if (row.status !== 'in_progress' && leadsWithVerb(row.title, bug ? BUG_VERBS : LEADING_VERBS))
    return ownWords(row.title, projectName, bug ? ' in ' : ' for ');
  if (kind === 'feature')
    return [row.status === 'in_progress' ? 'Finish' : 'Build', " '", row.title, "' for ", projectName].join(
      '',
    );
  // A question (GitHub's `question` label is upkeep) is answered, not done.
  if (kind === 'upkeep') return [upkeepVerb(row), " '", row.title, "' for ", projectName].join('');
  return ["Fix '", row.title, "' in ", projectName].join('');
}

/**
 * Words a title leads with that say what to do, and are seldom the name of a thing: "Export",
 * "Design", "Support", "Launch", "Polish" or "Document" lead "Export page", "Design spike",
 * "Support inbox", "Launch screen", "Polish translation" and "Document upload" as often as an
 * instruction, so those titles keep the verb they are given.
 */
const LEADING_VERBS: ReadonlySet<string> = new Set(
  (
    'add allow automate build configure convert create deprecate disable enable ensure expose ' +
    'extract fix hide implement improve integrate introduce investigate let localise localize make ' +
    'migrate optimise optimize prevent redesign reduce refactor remove rename replace revamp ' +
    'rewrite ship simplify translate update upgrade write'
  ).split(' '),
);

/**
 * What a bug's title leads with when it says what to do: a bug is mostly named by its symptom,
 * which may lead with any verb ("Build fails on Node 22", "Update banner overlaps footer").
 */
const BUG_VERBS: ReadonlySet<string> = new Set(['fix', 'resolve', 'prevent']);

/** Whether a title leads with a verb of `verbs`, with more words after it, and asks nothing. */
function leadsWithVerb(title: string, verbs: ReadonlySet<string>): boolean {
  const space = title.indexOf(' ');
  return space > 0 && verbs.has(title.slice(0, space).toLowerCase()) && !title.trimEnd().endsWith('?');
}

/**
 * A title in the team's own words (see itemTitle): capitalised, without a closing full stop, and
 * its project after `joint` unless it names it already ("Add SSO to Tallyo", not "… for Tallyo").
 */
function ownWords(title: string, projectName: string, joint: string): string {
  const own = title.trimEnd().replace(/[.!]+$/, '');
  const words = [own.charAt(0).toUpperCase(), own.slice(1)];
  return (namesProject(own, projectName) ? words : [...words, joint, projectName]).join('');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether a title names a project, as whole words in any case. */
function namesProject(title: string, projectName: string): boolean {
  const name = projectName.toLowerCase();
  if (name === '') return false;
  const text = title.toLowerCase();
  const isWord = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
    if (!isWord(text[at - 1]) && !isWord(text[at + name.length])) return true;
  return false;
}

/** How upkeep is named: finished when under way, answered when its title asks, else done. */
function upkeepVerb(row: { readonly status: string; readonly title: string }): string {
  if (row.status === 'in_progress') return 'Finish';
  return row.title.trimEnd().endsWith('?') ? 'Answer' : 'Do';
}

/**
 * The tier of a group's items: a critical bug blocks, a medium one and upkeep fill in, the rest is
 * work. A feature or upkeep the team marked critical (`teamPriority`: GitHub's P0) goes first as a
 * critical bug does: the same label on a bug issue is its severity, critical, and the team's word
 * that it comes before the rest is one no dollar figure can weigh. Weighed ×2 among the other
 * features instead, a review's team's critical feature under way, on a product past its revenue
 * target, claimed no dollars, fell among the fill-ins behind two medium bugs and was cut.
 */
export function tierOf(kind: ItemGroup['kind'], teamPriority: BugSeverity | null = null): number {
  if (teamPriority === 'critical' && isFeatureKind(kind)) return TIER.blocker;
  return kind === 'critical'
    ? TIER.blocker
    : kind === 'medium' || kind === 'upkeep'
      ? TIER.fillIn
      : TIER.work;
}

/** The kind of group an open feature is in: upkeep, or growth work. */
export const featureKind = (feature: { readonly upkeep: boolean }): 'feature' | 'upkeep' =>
  feature.upkeep ? 'upkeep' : 'feature';

/** Whether a group of `kind` holds features (growth work or upkeep), not bugs. */
export const isFeatureKind = (kind: ItemGroup['kind']): kind is 'feature' | 'upkeep' =>
  kind === 'feature' || kind === 'upkeep';

/**
 * A project's open items of one kind (its growth features, its upkeep, or its bugs of one
 * severity): what they have in common is kept here once, not on each of them.
 */
export interface ItemGroup {
  readonly kind: 'feature' | 'upkeep' | BugSeverity;
  readonly project: ProjectState;
  /** The project's first focus area that is also the vision's: its items' unless one names another (see BacklogItem.focusArea). */
  readonly focusArea: string | null;
  /** The vision's focus areas, in its order. */
  readonly visionFocus: readonly string[];
  readonly nowMs: number;
  /**
   * The stakes every item of the group claims, with the same weights (a project's part of the gap
   * weighed again among its items memory does not hold back: see shareWhatHeldItemsLeave).
   */
  claims: readonly Claim[];
  /** The signals every item of the group serves, in signal order (a new list for each one added). */
  signals: readonly Signal[];
  /** The group's items, in backlog order. */
  items: readonly BacklogItem[];
  /**
   * How many of its items are not read (nor drafted): a plan in parts counts items that can show
   * nowhere but in its counts (see planPart). 0 once they are read.
   */
  unread: number;
  /** Its items that serve signals of their own too (null while none does): a signal the whole group serves goes on their lists as well. */
  apart: BacklogItem[] | null;
  /**
   * For a group of growth items (features, critical bugs) of a project sharing the gap, of which
   * some are scheduled after the revenue target (see ScheduledAfter): the target's month and those
   * items' keys. They claim no part of the gap and serve no revenue gap signal. Null for nearly all.
   */
  readonly scheduledAfter: { readonly month: string; readonly items: ReadonlyMap<string, number> } | null;
}

/**
 * The focus area of its project (of several) an item titled `title` names, or null: of its
 * project's focus areas that are also the vision's, the first whose words the title names all of
 * ('Annual billing plans' on a project of onboarding and billing: billing). Worked out when read,
 * not kept: most projects have one focus area, and a large backlog has hundreds of thousands of
 * items (see BacklogItem.focusArea).
 */
function namedAreaOf(group: ItemGroup, title: string): string | null {
  return areaNamedIn(title, group.project.project.focusAreas, group.visionFocus, group.kind === 'feature');
}

/**
 * The area of `areas` (its project's) that one of an item's GitHub labels names (`labels`: see
 * ItemSource.areaLabels), with that label as written, or null: of several, the one the vision
 * (`visionFocus`) ranks first; an area the vision or the project does not have, none. The team's
 * own word on what the work is about, it wins over the title's: a review found a bug labelled
 * `billing`, its title naming no area, scored as the least of its product's areas.
 */
export function labelledAreaIn(
  labels: readonly string[] | undefined,
  areas: readonly string[],
  visionFocus: readonly string[],
): { area: string; label: string } | null {
  if (labels === undefined) return null;
  let labelled: { area: string; label: string } | null = null;
  let rank = Number.POSITIVE_INFINITY;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    const area = areaOfLabel(label);
    if (area === null || !areas.includes(area)) continue;
    const at = visionFocus.indexOf(area);
    if (at >= 0 && at < rank) {
      rank = at;
      labelled = { area, label };
    }
  }
  return labelled;
}

/**
 * The area of `areas` (a project's, of several) that `title` names, or null (see namedAreaOf):
 * the first that is also the vision's (`visionFocus`) whose words the title names all of, or,
 * for an area on payments, that names payments work (see namesPaymentWork); for a growth feature (`feature`), an area on customers leaving named by work on them, the vision's
 * whatever its project's areas (see churnAreaNamedIn).
 */
export function areaNamedIn(
  title: string,
  areas: readonly string[],
  visionFocus: readonly string[],
  feature: boolean,
): string | null {
  if (areas.length < 2) return feature ? churnAreaNamedIn(title, areas, visionFocus) : null;
  let named: readonly string[] | null = null;
  for (let i = 0; i < areas.length; i++) {
    const area = areas[i] as string;
    if (!visionFocus.includes(area)) continue;
    const wanted = headWordsOf(area);
    // An area of stopwords alone (`us`, `it`) names nothing a title could say.
    if (wanted.length === 0) continue;
    named ??= significantTokens(title);
    const words = named;
    if (wanted.every((w) => words.some((t) => namesWord(t, w)))) return area;
    // An area on customers leaving (`retention`) is named by a feature on them in any of the words
    // a title uses for it: a cancellation survey is retention work, not the project's first area's.
    if (feature && namesChurnArea(wanted) && namesChurnWork(words)) return area;
    // An area on payments is named by payments work in any of its words (see PAYMENT_WORDS).
    if (namesPaymentArea(wanted) && namesPaymentWork(words)) return area;
  }
  return feature ? churnAreaNamedIn(title, areas, visionFocus) : null;
}

/**
 * The vision's first focus area on customers leaving (`retention`, `churn_reduction`), or null:
 * kept by the vision's list of areas (one per plan).
 */
const CHURN_AREA = new WeakMap<readonly string[], string | null>();

/** Whether a focus area's words (`retention`, `churn_reduction`) name customers leaving. */
export const isChurnArea = (area: string): boolean => namesChurnArea(areaWords(area));

export function churnAreaOf(visionFocus: readonly string[]): string | null {
  let area = CHURN_AREA.get(visionFocus);
  if (area === undefined) {
    area = visionFocus.find(isChurnArea) ?? null;
    CHURN_AREA.set(visionFocus, area);
  }
  return area;
}

const mentionsChurn = mentionsAny(CHURN_WORDS);

/**
 * The vision's area on customers leaving, for a growth feature whose title names work on them
 * ("Cancellation survey with save offer") on a project not of that area: a review's plan said
 * "Nothing is planned for retention" beside that survey, in progress on a project of `payments`
 * alone. Null for any other title, a project of the area (its own area says so), or a vision
 * without one.
 */
function churnAreaNamedIn(
  title: string,
  areas: readonly string[],
  visionFocus: readonly string[],
): string | null {
  const area = churnAreaOf(visionFocus);
  if (area === null || areas.includes(area) || !mentionsChurn(title)) return null;
  return namesChurnWork(significantTokens(title)) ? area : null;
}

/**
 * Whether a title's word names an area's word: the same, a plural its stem leaves an `e` on
 * (`heroes` reads `heroe`: see significantTokens), or the area's -ing form of it or it of the
 * area's (`alert` names alerting, `report` reporting): a review found the team's alerting work
 * leaving alerting "neglected".
 */
function namesWord(titleWord: string, areaWord: string): boolean {
  return (
    titleWord === areaWord ||
    titleWord === `${areaWord}e` ||
    areaWord === `${titleWord}ing` ||
    titleWord === `${areaWord}ing`
  );
}

/**
 * Words that only qualify what a focus area is about (`self_serve_onboarding` is onboarding,
 * `customer_retention` retention, `data_connectors` connectors): a title names the area without
 * them. A review found "Guided onboarding checklist" taken for retention work, its project's other
 * area, as its title did not say "self serve".
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'self',
  'serve',
  'customer',
  'user',
  'data',
  'product',
  'team',
]);

/** An area's words a title must name: those that are not qualifiers, all of them when all are. */
const HEAD_WORDS = new Map<string, readonly string[]>();

function headWordsOf(area: string): readonly string[] {
  let head = HEAD_WORDS.get(area);
  if (head === undefined) {
    const words = areaWords(area);
    const own = words.filter((w) => !QUALIFIERS.has(w));
    head = own.length === 0 ? words : own;
    if (HEAD_WORDS.size < 1024) HEAD_WORDS.set(area, head);
  }
  return head;
}

/** The significant words of focus area names, each split once (a workspace has a handful). */
const AREA_WORDS = new Map<string, readonly string[]>();

export function areaWords(area: string): readonly string[] {
  let words = AREA_WORDS.get(area);
  if (words === undefined) {
    words = significantTokens(area.replace(/[_-]+/g, ' '));
    if (AREA_WORDS.size < 1024) AREA_WORDS.set(area, words);
  }
  return words;
}

/**
 * The focus area the vision ranks first of those `group`'s items may work on (any of its project's
 * that are the vision's): what bounds their alignment before they are read.
 */
export function bestFocusOf(group: ItemGroup): string | null {
  if (group.kind === 'upkeep') return null;
  const areas = group.project.project.focusAreas;
  if (areas.length < 2) return group.focusArea;
  let best: string | null = null;
  let rank = Number.POSITIVE_INFINITY;
  for (let i = 0; i < areas.length; i++) {
    const at = group.visionFocus.indexOf(areas[i] as string);
    if (at >= 0 && at < rank) {
      rank = at;
      best = areas[i] as string;
    }
  }
  return best;
}

/**
 * The category of work on items of a group of `kind`: building a feature, keeping the product up
 * (upkeep: its chores, docs and upgrades), or fixing a bug.
 */
export function categoryOf(kind: ItemGroup['kind']): TaskCategory {
  return kind === 'feature' ? 'feature' : kind === 'upkeep' ? 'infrastructure' : 'bugfix';
}

/** Work that fixes or keeps things running (a bug, upkeep, automation): not work on what a goal measures. */
const NOT_GOAL_WORK: ReadonlySet<TaskCategory> = new Set(['bugfix', 'infrastructure', 'automation']);

/** Whether work of a category may be work on what a goal measures (see NOT_GOAL_WORK). */
export const isGoalWork = (category: TaskCategory): boolean => !NOT_GOAL_WORK.has(category);

const isFocusGap = (s: Signal): boolean => s.kind === 'focus_gap';

/** No signals yet: what every group starts with. */
export const NO_SIGNALS: readonly Signal[] = [];

/**
 * The most pressing an item of `group` can be while only its group's signals are its own: an
 * item's own urgency at its most, or the most pressing signal the group serves.
 */
export function mostPressing(group: ItemGroup): number {
  let pressing = MOST_OWN_URGENCY;
  // Indexed, not for…of: see allocateStakes.
  for (let i = 0; i < group.signals.length; i++) {
    const urgency = (group.signals[i] as Signal).urgency;
    if (urgency > pressing) pressing = urgency;
  }
  return pressing;
}

/** A signal every item of `group` serves. */
export function serveGroup(group: ItemGroup, signal: Signal): void {
  group.signals = [...group.signals, signal];
  for (const item of group.apart ?? []) item.ownSignals?.push(signal);
}

/**
 * An open feature or bug as a draft. A large workspace has hundreds of thousands, and most never
 * get past a score: each holds only its row, its group and what it alone has (key, title, tier,
 * goal); the rest of the Draft is worked out from those when read, on the prototype. Signals and
 * claims are its group's lists until it serves or claims something of its own.
 */
export class BacklogItem implements Draft {
  readonly key: string;
  readonly title: string;
  readonly tier: number;
  goalId: number | null;
  /** It names a goal off track that work linked to it serves instead (see Draft.namedGoal). */
  namedGoal = false;
  /** Its own list of signals, once it serves one its group does not (see ItemGroup.apart). */
  ownSignals: Signal[] | null = null;
  private ownClaims: Claim[] | null = null;
  private words: readonly string[] | null = null;
  private ownWords: readonly string[] | null = null;
  private ownDependsOn: string[] | null = null;
  /** `signals` as worked out from `workedFrom` (its list when last read). */
  private workedFrom: readonly Signal[] | null = null;
  private worked: readonly Signal[] = NO_SIGNALS;

  constructor(
    readonly group: ItemGroup,
    private readonly row: OpenFeature | Bug,
  ) {
    this.key = itemKey(group.kind, row);
    this.title = itemTitle(group.kind, row, group.project.project.name);
    this.tier = tierOf(group.kind, this.teamPriority);
    this.goalId = row.goalId;
  }

  /** A signal only this item (of its group) serves. */
  serve(signal: Signal): void {
    if (this.ownSignals === null) {
      this.ownSignals = [...this.group.signals];
      this.group.apart ??= [];
      this.group.apart.push(this);
    }
    this.ownSignals.push(signal);
  }

  /** A stake only this item (of its group) claims a share of. */
  claim(claim: Claim): void {
    this.ownClaims = [...this.claims, claim];
  }

  /** Its own claims with `was` (its group's, which the group now claims as `now`) replaced. */
  reclaim(was: Claim, now: Claim): void {
    if (this.ownClaims !== null) this.ownClaims = this.ownClaims.map((c) => (c === was ? now : c));
  }

  /**
   * The signals it serves: its group's (or its own list), but, for an item whose title names one
   * of its project's areas (or the vision's on customers leaving: see churnAreaNamedIn), a
   * neglected area other than that one. A project of
   * several areas is served as a whole (see serveSignals), and an item that names none may work on
   * any of them; one that names its area says what it is: a payments page is no retention work.
   */
  get signals(): readonly Signal[] {
    const all = this.ownSignals ?? this.group.signals;
    const later = this.scheduledLater;
    // One area, its project's, unless its title names the vision's on customers leaving (see
    // churnAreaNamedIn): its project's neglected area is no area it works on.
    if (
      !later &&
      this.group.project.project.focusAreas.length < 2 &&
      (this.group.kind !== 'feature' || !all.some(isFocusGap))
    )
      return all;
    if (this.workedFrom !== all) {
      this.workedFrom = all;
      const named = all.some(isFocusGap) ? this.namedArea : null;
      const worked = named === null ? all : all.filter((s) => !isFocusGap(s) || s.focusArea === named);
      // Work scheduled after the revenue target wins none of its gap: the gap presses it no more.
      this.worked = later ? worked.filter((s) => s.kind !== 'revenue_gap') : worked;
    }
    return this.worked;
  }

  /** Whether the team scheduled it after the revenue target (see ItemGroup.scheduledAfter). */
  get scheduledLater(): boolean {
    return this.group.scheduledAfter?.items.has(this.key) === true;
  }

  /**
   * Why it claims no part of the revenue gap its kind shares: its milestone is due after the
   * target's month, as its card says. Null for any other item.
   */
  get claimNote(): string | null {
    const later = this.group.scheduledAfter;
    if (later === null || !later.items.has(this.key)) return null;
    const milestone = this.row.source?.milestone;
    const due = milestone?.dueOn?.slice(0, 10) ?? '';
    return `Scheduled for milestone '${milestone?.title ?? ''}', due ${due}, after the ${later.month} revenue target: no part of its gap`;
  }

  /**
   * The share of what its project earns the team judges it affects (`bug affects`: see Bug.affects);
   * null for a feature, upkeep, and a bug the team did not judge (nearly every one).
   */
  get affects(): number | null {
    return isFeatureKind(this.group.kind) ? null : ((this.row as Bug).affects ?? null);
  }

  /** It claims `now` in place of its group's `was` (what it affects, as the team judged it: see judgeShares). */
  claimInstead(was: Claim, now: Claim): void {
    this.ownClaims = this.claims.map((c) => (c === was ? now : c));
  }

  /** It claims none of `claim` (its group's share of the gap), keeping the group's other claims. */
  forgo(claim: Claim): void {
    this.ownClaims = this.claims.filter((c) => c !== claim);
  }

  get claims(): readonly Claim[] {
    return this.ownClaims ?? this.group.claims;
  }

  get memoryKey(): string {
    return this.key;
  }

  get subject(): string {
    return this.key;
  }

  get fingerprint(): string {
    return itemFingerprint(this.key);
  }

  get about(): string {
    return `${this.row.title} ${this.group.project.project.name}`;
  }

  get aboutWords(): readonly string[] {
    this.words ??= significantTokens(this.about);
    return this.words;
  }

  /** Its row's own title, as the team typed it (`title` is the task's: `Build '…' for …`). */
  get ownTitle(): string {
    return this.row.title;
  }

  /** The significant words of its title alone (aboutWords has its project's name's too). */
  get titleWords(): readonly string[] {
    this.ownWords ??= significantTokens(this.row.title);
    return this.ownWords;
  }

  get category(): TaskCategory {
    return categoryOf(this.group.kind);
  }

  get projectId(): number {
    return this.group.project.project.id;
  }

  get projectName(): string {
    return this.group.project.project.name;
  }

  get playbookKey(): null {
    return null;
  }

  get signal(): 'backlog' {
    return 'backlog';
  }

  get item(): BacklogRef {
    const kind = isFeatureKind(this.group.kind) ? 'feature' : 'bug';
    const { id, source } = this.row;
    return source ? { kind, id, source } : { kind, id };
  }

  get itemDetail(): Draft['itemDetail'] {
    const { kind } = this.group;
    const severity = isFeatureKind(kind) ? null : kind;
    const met = (this.row as OpenFeature).metAfter;
    // A feature's priority, unless its labels are yet to be read again (see ItemSource.labelsPending).
    const detail: NonNullable<Draft['itemDetail']> =
      severity === null && this.row.source?.labelsPending !== true
        ? { status: this.row.status, severity, updatedAt: this.row.updatedAt, priority: this.teamPriority }
        : { status: this.row.status, severity, updatedAt: this.row.updatedAt };
    const mediumBug = this.mediumBugUsd;
    if (mediumBug !== null) detail.mediumBugUsd = mediumBug;
    const affects = this.affects;
    if (affects !== null) detail.affects = affects;
    return met === undefined ? detail : { ...detail, metPrerequisites: met };
  }

  /**
   * For growth work no bigger than a fix (BUG_EFFORT_HOURS, what a bug takes when nobody estimated
   * it) of a project that earns, or is to win a share of the gap, and has a medium bug open, unless
   * the team committed to it (under way, ranked high or critical, or its milestone pressing): what
   * a medium bug of the project puts at risk, cents rounded down.
   * Claiming fewer dollars, it fills in beside such bugs (see tierClaiming): a half-hour favicon
   * claiming $41 of the gap went before invoices with the wrong VAT rate, a bug protecting $400 a
   * month and scoring three times as much. Not where no such bug is open: a two-hour export to PDF
   * fell behind a 25-day rebuild, beside no bug. Nor for bigger work: on a product earning $17,600
   * a month a medium bug puts $880 at risk, and a review's three-day timesheet approval, claiming
   * $855 of the gap, was cut as a fill-in while a second product's features of the same or less,
   * beside no bug, made the batch (fill-ins come after all real work, of every product). Work no
   * bigger than the fix and worth less waits for it; a feature is its product's growth work. Nor
   * for work on customers leaving or failed payments (it serves such a signal of its own), which
   * keeps what the product earns as a bug does: a review's half-day "Ask why on every plan
   * downgrade" on a product whose revenue fell 8 % (its dollars its share of the gap, which counts
   * the fall) was lowered behind a signature pad's lag, and cut for five days. Work on a slipping
   * goal is weighed by its dollars, the goal's value among them, as the team valued the goal.
   */
  private get mediumBugUsd(): number | null {
    const { project } = this.group;
    const earns = Math.max(0, project.monthlyRevenue);
    // And what it threatens of what its product is to win (see toWinClaim in backlog-candidates),
    // before its claims are scaled to fit: before launch a half-hour favicon claiming $118 of the gap
    // went before a medium bug claiming $952 of it.
    const gap = this.group.claims.find((c) => c.perUnits !== undefined)?.stake;
    const toWin = gap === undefined ? 0 : toWinBeyondEarnings(gap.usd, earns);
    if (
      this.group.kind !== 'feature' ||
      this.ownSignals?.some(keepsEarnings) === true ||
      !(earns + toWin > 0) ||
      this.started ||
      project.openBugs.medium === 0 ||
      this.effortHours > BUG_EFFORT_HOURS
    )
      return null;
    const priority = this.teamPriority;
    if (priority === 'high' || priority === 'critical' || this.milestone() !== null) return null;
    const atRisk = (earns + toWin) * SEVERITY_AT_RISK.medium * bugsAtRisk(project.openBugs).scale;
    return Math.floor(atRisk * 100 + 1e-6) / 100;
  }

  /**
   * Its focus area: its project's (the first the vision has); of a project on several, the one its
   * title names (see namedAreaOf); none for upkeep, which keeps a product running and moves no area.
   * Of a project on several areas, an item naming none works on the one the vision ranks first
   * (see bestFocusOf), whatever is neglected today: a review found "Buyer reviews with photos" said
   * to advance its product "in search", its project's first area, two lines above "works on trust",
   * and counted as search work once approved, trust still neglected; a second, an item's area
   * following what was neglected from one day to the next, its value moving with it.
   */
  get focusArea(): string | null {
    const { group } = this;
    if (group.kind === 'upkeep') return null;
    if (group.project.project.focusAreas.length < 2) return this.namedArea ?? group.focusArea;
    return this.namedArea ?? bestFocusOf(group) ?? group.focusArea;
  }

  /**
   * The area its GitHub labels name (see labelledAreaIn), else the one its title names (see
   * namedAreaOf), or null.
   */
  private get namedArea(): string | null {
    return this.labelled?.area ?? namedAreaOf(this.group, this.row.title);
  }

  /** Its GitHub label that names its focus area, as written (see labelledAreaIn); none for upkeep. */
  get areaLabel(): string | undefined {
    return this.group.kind === 'upkeep' ? undefined : this.labelled?.label;
  }

  private get labelled(): { area: string; label: string } | null {
    const { group } = this;
    return labelledAreaIn(this.row.source?.areaLabels, group.project.project.focusAreas, group.visionFocus);
  }

  /**
   * Of an item naming none of its project's several areas, the area its alignment counts: the
   * least of them the vision ranks, while `focusArea` (what it is counted as work on) is the one
   * the vision ranks first. Which it works on is not known, and what is not known is no reason to
   * rank it above work that says: a lead's "Custom report builder" read "retention is focus area
   * 1 of 2" (0.85) above a QuickBooks integration naming integrations, area 2 (0.73), and a
   * review's "Dark mode" was counted as payments work above an onboarding checklist. Undefined
   * when it names one, and for a project of one area of the vision.
   */
  get alignedArea(): string | undefined {
    const { group } = this;
    const areas = group.project.project.focusAreas;
    if (group.kind === 'upkeep' || areas.length < 2 || this.namedArea !== null) return undefined;
    let least: string | undefined;
    let rank = -1;
    for (let i = 0; i < areas.length; i++) {
      const at = group.visionFocus.indexOf(areas[i] as string);
      if (at > rank) {
        rank = at;
        least = areas[i] as string;
      }
    }
    return least === this.focusArea ? undefined : least;
  }

  get effortHours(): number {
    // The team's estimate, as it stands, begun or not (nobody said how much is left).
    const estimate = this.row.estimateHours;
    if (estimate !== null) return estimate;
    const { kind } = this.group;
    if (kind === 'upkeep') return UPKEEP_EFFORT_HOURS;
    if (kind !== 'feature') return BUG_EFFORT_HOURS;
    return this.started ? FEATURE_EFFORT.in_progress : FEATURE_EFFORT.planned;
  }

  /**
   * What it weighs in the split of its project's share of the revenue gap, in feature-sizes (see
   * featureUnits): a growth feature by its estimate, a critical bug one.
   */
  get units(): number {
    return this.group.kind === 'feature' ? featureUnits(this.row as OpenFeature) : 1;
  }

  /**
   * How many of its kind's size a feature or upkeep the team estimated is (see featureUnits): its
   * hours over the default's (a quarter-hour of the 8 a planned feature takes: 0.03; two days: 2),
   * MOST_FEATURE_UNITS at most, at least one for work under way (its estimate may be what is left of it: a client portal an
   * hour from done is no smaller a feature); null at its kind's size, unestimated, and for a bug.
   * It claims that many of a feature's parts of the revenue gap, and of its kind's strategic value:
   * counted per item, whatever its size, they made a typo fix filed as a feature score twenty
   * times the team's high-priority feature, and that feature, estimated at three days, rank last.
   * A bug's worth is what it puts at risk, whatever the fix takes: a quick fix stays a quick win.
   */
  get sizePart(): SizePart | null {
    const estimate = this.row.estimateHours;
    const { kind } = this.group;
    if (estimate === null || !isFeatureKind(kind)) return null;
    const upkeep = kind === 'upkeep';
    const countedHours = upkeep ? UPKEEP_EFFORT_HOURS : FEATURE_SIZE_HOURS;
    const feature = this.row as OpenFeature;
    const part = featureUnits(feature, countedHours);
    if (part === 1) return null;
    const of = upkeep ? 'upkeep' : 'a planned feature';
    const started =
      feature.sizeHours !== undefined && feature.sizeHours > estimate ? feature.sizeHours : null;
    const size: SizePart =
      started === null ? { part, countedHours, of } : { part, countedHours, of, startedHours: started };
    if ((started ?? estimate) / countedHours > MOST_FEATURE_UNITS) size.capped = true;
    return size;
  }

  get effortNote(): string {
    if (this.row.estimateHours !== null) return ESTIMATED;
    const { kind } = this.group;
    if (kind !== 'feature') return EFFORT_NOTE[kind];
    return this.started ? EFFORT_NOTE.started : EFFORT_NOTE.planned;
  }

  /** Its severity's urgency (a feature in progress: 0.3), or its milestone's when that presses more. */
  get ownUrgency(): number {
    return this.milestone()?.urgency ?? this.ownUrgencyOfKind;
  }

  get inProgressSince(): string | undefined {
    return this.started ? this.row.updatedAt.slice(0, 10) : undefined;
  }

  get ownUrgencyWhy(): string | null {
    const milestone = this.milestone();
    if (milestone !== null) return milestone.why;
    const { kind } = this.group;
    if (isFeatureKind(kind)) return this.started ? 'already in progress' : null;
    return kind === 'critical' ? `critical bug: it blocks ${this.projectName}` : `${kind} bug`;
  }

  /**
   * What the team's priority multiplies its score by (TEAM_PRIORITY_WEIGHT): a feature the team
   * marked critical ×2, high ×1.5, low ×0.5; none or medium ×1. A plan bounds the scores of items
   * it does not read with the most any feature of their project is weighed (see scoreBound).
   */
  get ownWeight(): number {
    const priority = this.teamPriority;
    return priority === null ? 1 : TEAM_PRIORITY_WEIGHT[priority];
  }

  /** A feature's priority as the team set it (see teamPriorityOf); null for a bug. */
  private get teamPriority(): BugSeverity | null {
    return isFeatureKind(this.group.kind) ? teamPriorityOf(this.row as OpenFeature) : null;
  }

  /** Why its score is weighed so (see ownWeight), as its card says it; null at ×1. */
  get ownWeightWhy(): string | null {
    const priority = this.teamPriority;
    if (priority === null || TEAM_PRIORITY_WEIGHT[priority] === 1) return null;
    return `the team marked it ${priority} priority${this.row.source?.priority ? ' on GitHub' : ''}`;
  }

  /**
   * Whether the team has committed to it: a feature (or upkeep) under way, or one it ranked
   * critical or high. The team chose this work itself, so its rejections of other proposals of
   * the category ("this one is cosmetic") say nothing of it: they do not damp its score (see
   * scoreNumbers). Its own rejection holds it back as any work's does (see recall).
   */
  get committed(): boolean {
    return this.started || this.ownWeight > 1;
  }

  /**
   * Whether a medium bug outscoring it may take its place in a batch (see liftBug): growth work the
   * team has not committed to (see committed), its milestone not pressing, as for the floor a
   * medium bug sets (see mediumBugUsd). Never a bug: each is the team's report of something broken.
   */
  get givesWay(): boolean {
    return isFeatureKind(this.group.kind) && !this.committed && this.milestone() === null;
  }

  /** The keys of the open features it waits for (see OpenFeature.after), unless a plan set them. */
  get dependsOn(): string[] {
    if (this.ownDependsOn !== null) return this.ownDependsOn;
    const after = (this.row as OpenFeature).after;
    return after === undefined ? NO_DEPENDENCIES : after.map((id) => itemKey('feature', { id }));
  }

  /** What it still waits for, once a plan finds some of it met (a prerequisite's work done). */
  set dependsOn(keys: string[]) {
    this.ownDependsOn = keys;
  }

  get recurDays(): null {
    return null;
  }

  private get started(): boolean {
    return this.row.status === 'in_progress';
  }

  private get ownUrgencyOfKind(): number {
    const { kind } = this.group;
    if (isFeatureKind(kind)) return this.started ? 0.3 : 0;
    return SEVERITY_URGENCY[kind];
  }

  /** Its milestone's urgency when that presses more than its own; null otherwise (most items have none). */
  private milestone(): { urgency: number; why: string } | null {
    if (!this.row.source) return null;
    const m = milestoneUrgency(this.row.source, this.group.nowMs);
    return m !== null && m.urgency > this.ownUrgencyOfKind ? m : null;
  }
}
