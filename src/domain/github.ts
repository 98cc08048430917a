import type { Ctx } from './ctx.js';
import type { BugSeverity } from './project.js';
import { asChoice, durationHours, MAX_ESTIMATE_HOURS, MIN_ESTIMATE_HOURS } from './validate.js';

/** A GitHub repository linked to a project: its issues are the project's backlog. */
export interface GitHubRepoLink {
  id: number;
  workspaceId: string;
  projectId: number;
  /** `owner/name`, as GitHub spells it. */
  fullName: string;
  htmlUrl: string;
  /** Labels that make an issue a bug (lowercase). */
  bugLabels: string[];
  /** Label → the severity it gives a bug (lowercase labels). */
  severityLabels: Record<string, BugSeverity>;
  /** Labels that make an issue that is no bug upkeep: a chore, docs, an upgrade (lowercase). */
  upkeepLabels: string[];
  /** Whether an approved task with no issue gets one in this repository. */
  exportTasks: boolean;
  /** The latest issue `updated_at` taken: the next sync asks GitHub for what changed since. */
  cursor: string | null;
  /** The ETag of that request's first page: an unchanged repository answers 304. */
  etag: string | null;
  /** The ETag of the last milestone list read (see GitHubMilestone). */
  milestonesEtag: string | null;
  /**
   * Whether the next sync reads every open issue again and applies each, even one seen as it is
   * (its labels were given other meanings), besides what changed since the cursor.
   */
  reread: boolean;
  /**
   * When every open issue was last listed and compared with the open items here (see
   * OPEN_CHECK_HOURS); null before the first comparison.
   */
  openCheckedAt: string | null;
  syncedAt: string | null;
  /** The GitHub App installation its syncs sign in as; null when they use GITHUB_TOKEN. */
  installationId: number | null;
  createdBy: string;
  createdAt: string;
}

/**
 * How often a sync lists every open issue of a repository and asks GitHub about each open item's
 * issue missing from the list: deleted or transferred, an issue leaves no trace in what changed
 * since the cursor, and without the webhook its item would stay in the backlog for good. Once a
 * day costs a listing (a request per 100 open issues) a day.
 */
export const OPEN_CHECK_HOURS = 24;

/** Whether `link`'s next sync, at `now`, compares its open items with GitHub's open issues. */
export function openCheckDue(link: Pick<GitHubRepoLink, 'openCheckedAt'>, now: Date): boolean {
  if (link.openCheckedAt === null) return true;
  return now.getTime() - Date.parse(link.openCheckedAt) >= OPEN_CHECK_HOURS * 3_600_000;
}

/** An issue of an open item that GitHub no longer shows in its repository. */
export interface GoneIssue {
  number: number;
  /** Deleted (GitHub answers 410 Gone); else transferred to another repository. */
  deleted: boolean;
  /**
   * The repository it was transferred to, `owner/name`; null when it was deleted, or moved to one
   * the credential may not read (GitHub answers 404 then).
   */
  to: string | null;
  /** Its number there, when GitHub said (a 301 followed); null otherwise. */
  toNumber: number | null;
}

/**
 * The `stateReason` a sync or webhook gives an issue that left its repository (see GoneIssue):
 * its work left this backlog, as if closed not planned.
 */
export const DELETED = 'deleted';
export const TRANSFERRED = 'transferred';

/**
 * How an issue closed without its work being done here, as the note of a task it closes says it
 * after `… was`: `closed on GitHub as not planned`, `… as a duplicate`, `deleted on GitHub`,
 * `transferred to another repository on GitHub`; null when it was completed (GitHub's default
 * reason, or none given). A duplicate's work is done, if ever, under the issue it duplicates:
 * closing one is no more a success than closing it as not planned.
 */
export function closedUndone(stateReason: string | null): string | null {
  if (stateReason === 'not_planned') return `${CLOSED} as not planned`;
  if (stateReason === 'duplicate') return `${CLOSED} as a duplicate`;
  if (stateReason === DELETED) return 'deleted on GitHub';
  if (stateReason === TRANSFERRED) return 'transferred to another repository on GitHub';
  return null;
}

const CLOSED = 'closed on GitHub';
const LABELLED = 'labelled ';

/**
 * How a synced feature left the backlog with its issue, as recorded of it (see DroppedFeature):
 * closed without its work done (closedUndone; `closed on GitHub` when GitHub gave no reason), or
 * labelled as no work (`labelled 'wontfix' on GitHub`).
 */
export function leftWithIssue(issue: Pick<BacklogIssue, 'state' | 'stateReason'>, label: string): string {
  return issue.state === 'closed'
    ? (closedUndone(issue.stateReason) ?? CLOSED)
    : `${LABELLED}'${label}' on GitHub`;
}

/**
 * What brings back a feature that left with its issue, by the reason leftWithIssue recorded:
 * reopening the issue, taking its label off, or neither (deleted, transferred: typed in again).
 */
export function comesBackBy(reason: string | null): 'reopen' | 'unlabel' | 'add' {
  if (reason === null) return 'add';
  if (reason.startsWith(CLOSED)) return 'reopen';
  return reason.startsWith(LABELLED) ? 'unlabel' : 'add';
}

/** An issue as the GitHub connector hands it to the core: plain data, never a payload. */
export interface BacklogIssue {
  number: number;
  title: string;
  state: 'open' | 'closed';
  /**
   * Why it was closed: `completed`, `not_planned`, `duplicate`, or null; `deleted` or
   * `transferred` for one that left its repository (see GoneIssue).
   */
  stateReason: string | null;
  /** Label names as written on GitHub. */
  labels: string[];
  htmlUrl: string;
  /** The login of its first assignee. */
  assignee: string | null;
  /**
   * Its milestone; `number` is the milestone's in its repository, by which a rename or a new due
   * date on GitHub finds the issues in it (undefined where the copy did not say).
   */
  milestone: { number?: number; title: string; dueOn: string | null } | null;
  /** GitHub's `updated_at` (ISO 8601). */
  updatedAt: string;
  /**
   * The issues of its own repository it is blocked by (GitHub's "blocked by"), by number: its
   * feature waits for theirs. Undefined when GitHub did not say (a webhook's copy, a GitHub
   * Enterprise without issue dependencies): the waits GitHub gave before stay as they are.
   */
  blockedBy?: number[];
}

/**
 * A milestone of a repository, as GitHub lists it. Renaming one, moving its due date or deleting it
 * changes none of its issues' `updated_at`: a sync reads the list beside the issues, and a
 * `milestone` webhook delivery hands over the one changed.
 */
export interface GitHubMilestone {
  number: number;
  title: string;
  /** Its due date (ISO 8601), or null. */
  dueOn: string | null;
}

/** A pull request closed on GitHub, as the connector hands it to the core. */
export interface ClosedPullRequest {
  number: number;
  title: string;
  body: string;
  htmlUrl: string;
  /** Who opened it: whose work it is. */
  author: string;
  merged: boolean;
  /** Who merged it (null when closed unmerged). */
  mergedBy: string | null;
  /** When it was merged, or closed unmerged (ISO 8601). */
  closedAt: string;
  /** When it was opened (ISO 8601): the start of the work when its task was never started. */
  createdAt: string;
}

/** What `github connect` takes, as a person types it. */
export interface ConnectInput {
  repo: string;
  project: string;
  /** Comma list of labels that make an issue a bug; default {@link DEFAULT_BUG_LABELS}. */
  bugLabels?: string;
  /** Comma list of `label=severity`; default {@link DEFAULT_SEVERITY_LABELS}. */
  severityLabels?: string;
  /** Comma list of labels that make an issue upkeep; default {@link DEFAULT_UPKEEP_LABELS}. */
  upkeepLabels?: string;
  /** Turns task export on or off; left out, a repository connected again keeps its setting (off for a new one). */
  exportTasks?: boolean;
}

/**
 * What chat asks of the GitHub connector (an adapter: it talks to GitHub): connect a repository,
 * or sync, answering with the lines to show. Absent when no GitHub credential is configured.
 */
export interface GitHubChat {
  connect(ctx: Ctx, input: ConnectInput): Promise<string>;
  sync(ctx: Ctx, repo?: string): Promise<string>;
}

/**
 * Labels that make an issue a bug unless a repository says otherwise: each in any of its common
 * spellings (see bugLabelTest), so `Bug 🐛`, `kind: bug` and `type/bug` are bugs too.
 */
export const DEFAULT_BUG_LABELS: readonly string[] = ['bug', 'type: bug', 'type:bug', 'kind/bug'];

/** Emoji and other symbols, dropped from a label before its word is read (`Bug 🐛`, `🐞 bug`). */
const LABEL_SYMBOLS = /\p{Extended_Pictographic}|\p{S}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
/**
 * Punctuation and spaces around a label's word (`[bug]`, `bug:`), but a question mark after it:
 * `bug?` is a triage label for "maybe a bug", and read as `bug` it made an unconfirmed report a
 * confirmed bug (a blocker, at P0), proposed as a fix with the revenue it was said to threaten.
 */
const LABEL_EDGES = /^[\p{P}\s]+|(?:(?![?\uff1f])[\p{P}\s])+$/gu;
/** The prefix teams put before an issue's kind: `type: bug`, `kind/bug`, `type-bug`, `Type Bug`, `type::bug`. */
const KIND_PREFIX = /^(?:type|kind)(?:\s*[:/-]+\s*|\s+)/;

/**
 * A label's word, lowercase, once emoji and symbols, the punctuation around it and a `type` or
 * `kind` prefix are dropped: `Bug 🐛`, `kind: bug`, `type/bug` and `[Bug]` are `bug`; `not a bug`,
 * `debug`, `bug bounty` and `bug?` stay what they are.
 */
export function labelWord(label: string): string {
  const plain = label.replace(LABEL_SYMBOLS, ' ').replace(/\s+/g, ' ').toLowerCase().replace(LABEL_EDGES, '');
  return plain.replace(KIND_PREFIX, '').replace(LABEL_EDGES, '');
}

/**
 * Whether `bugLabels` reads each label's common spellings as it (see bugLabelTest): the default
 * list (DEFAULT_BUG_LABELS, in any order), not one the team gave.
 */
export const readsBugSpellings = (bugLabels: readonly string[]): boolean =>
  bugLabels.length === DEFAULT_BUG_LABELS.length && DEFAULT_BUG_LABELS.every((l) => bugLabels.includes(l));

/**
 * Whether a label is one of `bugLabels`, case-insensitively. With the default list, a spelling of
 * one of its words counts (see labelWord): teams write `Bug 🐛`, `kind: bug`, `type/bug`, and an
 * exact match took their P0 crash for a feature. A list of the team's own (`--bug-labels`) is
 * matched as written: they said what they mean.
 */
export function bugLabelTest(bugLabels: readonly string[]): (label: string) => boolean {
  if (!readsBugSpellings(bugLabels)) return (label) => bugLabels.includes(label.trim().toLowerCase());
  const words = new Set(bugLabels.map(labelWord));
  return (label) => words.has(labelWord(label));
}

/** The labels among `labels` that `bugLabels` reads as bug labels (see bugLabelTest), each once, as written. */
export function bugLabelsAmong(labels: Iterable<string>, bugLabels: readonly string[]): string[] {
  const isBug = bugLabelTest(bugLabels);
  return [...new Set(labels)].filter(isBug).sort((a, b) => a.localeCompare(b));
}

/**
 * Labels that make an issue upkeep unless a repository says otherwise: GitHub's own `documentation`
 * and `question`, and the common names of chores, upgrades and clean-ups.
 */
export const DEFAULT_UPKEEP_LABELS: readonly string[] = [
  'chore',
  'documentation',
  'docs',
  'dependencies',
  'refactor',
  'refactoring',
  'tech debt',
  'tech-debt',
  'maintenance',
  'ci',
  'question',
];

/** Label → severity unless a repository says otherwise: the common conventions. */
export const DEFAULT_SEVERITY_LABELS: Readonly<Record<string, BugSeverity>> = {
  critical: 'critical',
  'severity: critical': 'critical',
  'severity:critical': 'critical',
  p0: 'critical',
  high: 'high',
  'severity: high': 'high',
  'severity:high': 'high',
  p1: 'high',
  medium: 'medium',
  'severity: medium': 'medium',
  'severity:medium': 'medium',
  p2: 'medium',
  low: 'low',
  'severity: low': 'low',
  'severity:low': 'low',
  p3: 'low',
  // The priority labels teams put on any issue: on a bug its severity, on a feature the team's
  // priority (see priorityOfLabels).
  'priority: critical': 'critical',
  'priority:critical': 'critical',
  'priority: high': 'high',
  'priority:high': 'high',
  'high priority': 'high',
  'priority: medium': 'medium',
  'priority:medium': 'medium',
  'priority: low': 'low',
  'priority:low': 'low',
  'low priority': 'low',
};

/**
 * Labels that say an open issue is no work to do: GitHub's defaults for it (`wontfix`, `duplicate`,
 * `invalid`) and the common spellings of the first; and an epic's or a tracking issue's, whose work
 * is its sub-issues (a review saw "Build 'Epic: Self-serve billing portal'" proposed beside its own
 * parts, taking a feature-size of the gap of its own). An issue with one is not backlog while it
 * has it, whatever else its labels say.
 */
const NOT_BACKLOG_LABELS: ReadonlySet<string> = new Set([
  'wontfix',
  "won't fix",
  'wont fix',
  'won’t fix',
  'duplicate',
  'invalid',
  'epic',
  'tracking',
  'tracking issue',
]);

/** The first of an issue's labels that says it is no work to do (see NOT_BACKLOG_LABELS), as written, or null. */
export function notBacklogLabel(labels: readonly string[]): string | null {
  return labels.find((l) => NOT_BACKLOG_LABELS.has(l.trim().toLowerCase())) ?? null;
}

/** A bug's severity when none of its labels gives one: the middle of the scale, not a guess upward. */
export const UNLABELLED_BUG_SEVERITY: BugSeverity = 'medium';

const SEVERITY_RANK: Readonly<Record<BugSeverity, number>> = { critical: 3, high: 2, medium: 1, low: 0 };

/** What an issue is in Goalpost: a feature (growth work or upkeep), or a bug of some severity. */
export type IssueKind = { kind: 'feature'; upkeep: boolean } | { kind: 'bug'; severity: BugSeverity };

/** The labels a repository's issues are sorted by. */
export type IssueLabels = Pick<GitHubRepoLink, 'bugLabels' | 'severityLabels' | 'upkeepLabels'>;

/**
 * What an issue's labels make it: a bug when one of them is a bug label (see bugLabelTest), with the worst severity its
 * labels give (or {@link UNLABELLED_BUG_SEVERITY}); otherwise a feature, upkeep when one of them is
 * an upkeep label (a bug label wins: a broken build script is a bug). Labels match case-insensitively.
 */
export function classifyIssue(labels: readonly string[], by: IssueLabels): IssueKind {
  const { bugLabels, severityLabels, upkeepLabels } = by;
  const lower = labels.map((l) => l.trim().toLowerCase());
  if (!labels.some(bugLabelTest(bugLabels)))
    return { kind: 'feature', upkeep: lower.some((l) => upkeepLabels.includes(l)) };
  return { kind: 'bug', severity: priorityOfLabels(labels, severityLabels) ?? UNLABELLED_BUG_SEVERITY };
}

/**
 * The most pressing level an issue's labels give by a repository's severity labels (`P0`,
 * `priority: high`, `low priority`), or null when none does: a bug's severity, and on a feature the
 * team's priority, which a plan weighs (see BacklogItem's ownUrgency and ownWeight).
 */
export function priorityOfLabels(
  labels: readonly string[],
  severityLabels: Readonly<Record<string, BugSeverity>>,
): BugSeverity | null {
  let level: BugSeverity | null = null;
  for (const raw of labels) {
    const label = raw.trim().toLowerCase();
    // Own labels only: an issue labelled `constructor` names no severity.
    const s = Object.hasOwn(severityLabels, label) ? severityLabels[label] : undefined;
    if (s !== undefined && (level === null || SEVERITY_RANK[s] > SEVERITY_RANK[level])) level = s;
  }
  return level;
}

/**
 * An estimate label: a duration after `estimate`, `est`, `effort` or `size` (`estimate: 3h`,
 * `est:90m`, `effort/2d`, `size 1.5 hours`, `estimate: 1w`, `estimate: 3h30m`: see durationHours). Both are needed: a duration alone is as often
 * something else (`24h` support, `3D`, `6M` users, `1H` for a half-year), and a bare number is
 * most often story points, not hours.
 */
const ESTIMATE_LABEL = /^(?:estimate|est|effort|size)\s*[:=/ -]\s*(.+)$/i;

/**
 * The hours an issue's labels estimate it at (see ESTIMATE_LABEL), or null when none does. Of
 * several, the largest (the cautious reading of a label left behind when another was added); one
 * out of Goalpost's range (6 minutes to 10,000 hours) counts for nothing.
 */
export function estimateOfLabels(labels: readonly string[]): number | null {
  let hours: number | null = null;
  for (const label of labels) {
    const m = ESTIMATE_LABEL.exec(label.trim());
    const duration = m === null ? null : durationHours(m[1] as string);
    if (duration === null) continue;
    const h = Math.round(duration * 100) / 100;
    if (h < MIN_ESTIMATE_HOURS || h > MAX_ESTIMATE_HOURS) continue;
    if (hours === null || h > hours) hours = h;
  }
  return hours;
}

/** The prefix teams put before an area label (`area: billing`, `area/billing`, `focus:billing`). */
const AREA_PREFIX = /^(?:area|focus)\s*[:/]\s*/i;

/** A focus area's name as a slug: lowercase letters, digits and `_` (see validate's slug). */
const AREA_SLUG = /^[a-z][a-z0-9_]{0,47}$/;

/**
 * The focus area a label names, as the vision spells areas (`Billing`, `area: billing`,
 * `area/billing` are billing; `Self-serve onboarding` is self_serve_onboarding), or null when it
 * cannot be one. Whether it is one is the vision's to say, when a plan reads it.
 */
export function areaOfLabel(label: string): string | null {
  const area = asChoice(label.trim().replace(AREA_PREFIX, ''));
  return AREA_SLUG.test(area) ? area : null;
}

/**
 * An issue's labels that may name a focus area (see areaOfLabel), as written: those that say
 * nothing else here (a bug, a severity or priority, upkeep, an estimate, no work), so that a
 * `bug` label never reads as an area named bug. Kept with the issue, not matched against the
 * vision when synced: a plan matches them against the areas of the day.
 */
export function areaLabelsOf(labels: readonly string[], by: IssueLabels): string[] {
  const { bugLabels, severityLabels, upkeepLabels } = by;
  const isBug = bugLabelTest(bugLabels);
  return labels.filter((raw) => {
    const label = raw.trim().toLowerCase();
    if (isBug(raw) || upkeepLabels.includes(label) || Object.hasOwn(severityLabels, label)) return false;
    if (NOT_BACKLOG_LABELS.has(label) || estimateOfLabels([raw]) !== null) return false;
    return areaOfLabel(raw) !== null;
  });
}

/** `owner/name`: GitHub's owner (letters, digits, hyphens) and repository name (also `.` and `_`). */
const FULL_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** A repository as a person named it: `owner/name`, and the host its URL named (null for `owner/name`). */
export interface RepoSpec {
  fullName: string;
  /** Lowercase, without port or a leading `www.`. */
  host: string | null;
}

/**
 * A repository as a person gives it: `owner/name`, or its URL on any host
 * (`https://github.com/owner/name`, with or without `.git`; `git@github.com:owner/name.git`).
 * Returns null when it is neither.
 */
export function parseRepoSpec(input: string): RepoSpec | null {
  let s = input.trim();
  let host: string | null = null;
  const url = /^(?:(https?:\/\/[^/\s]+)\/|git@([^:\s]+):)(.+)$/.exec(s);
  if (url) {
    try {
      host = url[2] ?? new URL(url[1] as string).hostname;
    } catch {
      return null;
    }
    host = host.toLowerCase().replace(/^www\./, '');
    // `git@github-work:acme/app.git`: a host alias of the person's SSH config (no dot), which may
    // be GitHub's; only a real host name can be told apart from it.
    if (url[2] !== undefined && !host.includes('.')) host = null;
    s = (url[3] as string).replace(/\.git$/, '').replace(/\/+$/, '');
  }
  const m = FULL_NAME.exec(s);
  if (!m || m[2] === '.' || m[2] === '..') return null;
  return { fullName: `${m[1]}/${m[2]}`, host };
}

/** `owner/name` of a repository as a person gives it (see {@link parseRepoSpec}), or null. */
export const parseRepoName = (input: string): string | null => parseRepoSpec(input)?.fullName ?? null;

/**
 * Why a repository URL on `host` is not one of the GitHub at `apiUrl` (GITHUB_API_URL), or null
 * when it is: that GitHub's web host is its API's host, without `api.` (api.github.com →
 * github.com; a GitHub Enterprise Server's https://HOST/api/v3 → HOST).
 */
export function foreignHostProblem(host: string, apiUrl: string): string | null {
  const api = new URL(apiUrl);
  const web = api.hostname.replace(/^api\./, '');
  if (host === web || host === api.hostname) return null;
  const what = web === 'github.com' ? 'GitHub' : `the GitHub this bot reads (${web})`;
  const base = `${api.protocol}//${web}${api.port === '' ? '' : `:${api.port}`}`;
  return `${host} is not ${what}: give owner/repo or a ${base}/… URL`;
}

/**
 * The task refs a pull request names in its title or body: `T-12`, `Goalpost: T-12`, `(T-12)`.
 * A ref inside a word (`ST-12`, `T-12a`) is not one.
 */
export function taskRefsIn(text: string): string[] {
  const refs = new Set<string>();
  for (const m of text.matchAll(/(?<![A-Za-z0-9-])T-([1-9][0-9]{0,8})(?![A-Za-z0-9])/g))
    refs.add(`T-${m[1]}`);
  return [...refs];
}

/**
 * The issues a pull request closes by GitHub's keywords (`closes #12`, `Fixes #3`, `resolved #7`), in
 * this repository. `owner/name#12` counts only when it names `fullName`.
 */
export function closedIssuesIn(text: string, fullName: string): number[] {
  const numbers = new Set<number>();
  const keyword =
    /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+([A-Za-z0-9._/-]+)?#([1-9][0-9]{0,8})\b/gi;
  for (const m of text.matchAll(keyword)) {
    const repo = m[1];
    if (repo !== undefined && repo.toLowerCase() !== fullName.toLowerCase()) continue;
    numbers.add(Number(m[2]));
  }
  return [...numbers];
}
