import { createIndex, type IssueIndex } from './github-index.js';

export type { IssueIndex } from './github-index.js';

/** A pull request's own facts; an issue has none (GitHub's issues list carries both kinds). */
export interface FakePullRequestFacts {
  mergedAt: number | null;
}

/** An issue or pull request as the fake keeps it; times are epoch milliseconds, whole seconds. */
export interface FakeGitHubIssue {
  readonly id: number;
  readonly number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  user: string;
  readonly createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  pullRequest: FakePullRequestFacts | null;
  /** The issues that block it (GitHub's "blocked by"), of any repository, in the order added. */
  readonly blockedBy: FakeBlocker[];
  /** The issues it blocks, the other side of their `blockedBy`. */
  readonly blocking: FakeBlocker[];
}

/** An issue that blocks another, with its repository (it may be another). */
export interface FakeBlocker {
  repo: FakeGitHubRepo;
  issue: FakeGitHubIssue;
}

/** What a test gives to add an issue; everything but the title has GitHub's default. */
export interface FakeGitHubIssueInput {
  title: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: FakeGitHubIssue['stateReason'];
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
  /** The author's login (default `octocat`). */
  user?: string;
  /** ISO 8601; defaults to the fake's clock. */
  createdAt?: string;
  /** ISO 8601, for seeding history; defaults to `createdAt`, as on a new issue. */
  updatedAt?: string;
  /** A pull request rather than an issue; `{ mergedAt }` for a merged one. */
  pullRequest?: boolean | { mergedAt?: string | null };
}

/** A change to an issue; any change moves `updated_at` to the clock's time, as on GitHub. */
export type FakeGitHubIssuePatch = Partial<
  Pick<
    FakeGitHubIssueInput,
    'title' | 'body' | 'state' | 'stateReason' | 'labels' | 'assignees' | 'milestone'
  >
> & { closedBy?: string };

export interface FakeGitHubMilestone {
  readonly id: number;
  readonly number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  dueOn: number | null;
  readonly createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface FakeGitHubMilestoneInput {
  title: string;
  description?: string | null;
  state?: 'open' | 'closed';
  /** ISO 8601 (GitHub keeps the date at 07:00 or 08:00 UTC; the fake keeps what it is given). */
  dueOn?: string | null;
}

export interface FakeGitHubRepo {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  isPrivate: boolean;
  readonly createdAt: number;
  /** Bumped by every change to its issues, so answers derived from all of them can be cached. */
  version: number;
  readonly issues: Map<number, FakeGitHubIssue>;
  readonly byCreated: IssueIndex;
  readonly byUpdated: IssueIndex;
  readonly milestones: Map<number, FakeGitHubMilestone>;
  /**
   * Issues no longer here, by number: deleted (`to` null; GitHub answers 410 Gone) or transferred
   * to another repository (`to`: where it is now; GitHub answers 301 there). Listings leave them out.
   */
  readonly gone: Map<number, { to: { repo: FakeGitHubRepo; number: number } | null }>;
  /** Label names by lower case, in the spelling first used (GitHub matches labels in any case). */
  readonly labels: Map<string, { id: number; name: string }>;
}

/** The fake's notion of now, settable so `updated_at` and `since` are deterministic. */
export interface FakeGitHubClock {
  now(): number;
  set(iso: string): void;
  advance(seconds: number): void;
}

export function createClock(startIso = '2026-01-05T09:00:00Z'): FakeGitHubClock {
  let now = parseTime(startIso);
  return {
    now: () => now,
    set(iso) {
      now = parseTime(iso);
    },
    advance(seconds) {
      now += Math.round(seconds) * 1000;
    },
  };
}

/** Epoch ms of an ISO time, truncated to the second as GitHub stores them. */
export function parseTime(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`fake GitHub: not an ISO 8601 time: ${iso}`);
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Repositories with their issues, pull requests and milestones. Numbers are shared by issues and
 * pull requests and only grow, ids are unique across the fake, and every change bumps
 * `updated_at` to the clock's time, as GitHub does.
 */
export function createGitHubState(clock: FakeGitHubClock) {
  const repos = new Map<string, FakeGitHubRepo>();
  const byId = new Map<number, FakeGitHubRepo>();
  const indexes = new Map<FakeGitHubRepo, ReturnType<typeof createIndex>[]>();
  const counters = { repo: 1296268, issue: 1347000000, milestone: 1002600, label: 208045900 };
  const next = (key: keyof typeof counters) => ++counters[key];

  function repo(fullName: string): FakeGitHubRepo {
    const found = repos.get(fullName.toLowerCase());
    if (!found) throw new Error(`fake GitHub: no repository ${fullName}; add it first`);
    return found;
  }

  function addRepo(fullName: string, options: { private?: boolean } = {}): FakeGitHubRepo {
    const [owner, name, ...rest] = fullName.split('/');
    if (!owner || !name || rest.length > 0) throw new Error(`fake GitHub: "${fullName}" is not owner/name`);
    if (repos.has(fullName.toLowerCase())) throw new Error(`fake GitHub: ${fullName} exists already`);
    const byCreated = createIndex((i) => i.createdAt);
    const byUpdated = createIndex((i) => i.updatedAt);
    const record: FakeGitHubRepo = {
      ...{ id: next('repo'), owner, name, fullName, isPrivate: options.private ?? false },
      ...{ createdAt: clock.now(), version: 0, issues: new Map(), byCreated, byUpdated },
      ...{ milestones: new Map(), gone: new Map(), labels: new Map() },
    };
    repos.set(fullName.toLowerCase(), record);
    byId.set(record.id, record);
    indexes.set(record, [byCreated, byUpdated]);
    return record;
  }

  function noteLabels(r: FakeGitHubRepo, names: string[]): string[] {
    return names.map((name) => {
      const known = r.labels.get(name.toLowerCase());
      if (known) return known.name;
      r.labels.set(name.toLowerCase(), { id: next('label'), name });
      return name;
    });
  }

  function addIssue(fullName: string, input: FakeGitHubIssueInput): FakeGitHubIssue {
    const r = repo(fullName);
    const createdAt = input.createdAt ? parseTime(input.createdAt) : clock.now();
    const updatedAt = input.updatedAt ? parseTime(input.updatedAt) : createdAt;
    const closed = input.state === 'closed';
    const pr = input.pullRequest;
    const issue: FakeGitHubIssue = {
      ...{
        id: next('issue'),
        number: r.issues.size + r.gone.size + 1,
        title: input.title,
        body: input.body ?? null,
      },
      ...{
        state: closed ? 'closed' : 'open',
        stateReason: input.stateReason ?? (closed ? 'completed' : null),
      },
      ...{ labels: noteLabels(r, input.labels ?? []), assignees: input.assignees ?? [] },
      ...{ milestone: input.milestone ?? null, user: input.user ?? 'octocat', createdAt, updatedAt },
      ...{ closedAt: closed ? updatedAt : null, closedBy: closed ? (input.user ?? 'octocat') : null },
      pullRequest: pr
        ? { mergedAt: typeof pr === 'object' && pr.mergedAt ? parseTime(pr.mergedAt) : null }
        : null,
      blockedBy: [],
      blocking: [],
    };
    if (issue.milestone !== null && !r.milestones.has(issue.milestone))
      throw new Error(`fake GitHub: ${fullName} has no milestone ${issue.milestone}`);
    r.issues.set(issue.number, issue);
    r.version += 1;
    for (const index of indexes.get(r) ?? []) index.insert(issue);
    return issue;
  }

  function updateIssue(fullName: string, number: number, patch: FakeGitHubIssuePatch): FakeGitHubIssue {
    const r = repo(fullName);
    const issue = r.issues.get(number);
    if (!issue) throw new Error(`fake GitHub: ${fullName} has no issue #${number}`);
    if (patch.milestone != null && !r.milestones.has(patch.milestone))
      throw new Error(`fake GitHub: ${fullName} has no milestone ${patch.milestone}`);
    const byUpdated = indexes.get(r)?.[1];
    byUpdated?.remove(issue);
    applyPatch(issue, patch, clock.now(), (names) => noteLabels(r, names));
    byUpdated?.insert(issue);
    r.version += 1;
    return issue;
  }

  /** Takes an issue out of its repository's map and listings, its number kept as gone. */
  function takeOut(
    fullName: string,
    number: number,
    to: { repo: FakeGitHubRepo; number: number } | null,
  ): FakeGitHubIssue {
    const { repo: r, issue } = issueOf(fullName, number);
    r.issues.delete(number);
    for (const index of indexes.get(r) ?? []) index.remove(issue);
    r.gone.set(number, { to });
    r.version += 1;
    return issue;
  }

  /**
   * Deletes an issue, as an admin may on GitHub: from then on it is in no listing, and asking for
   * it is 410 Gone. No other issue's `updated_at` moves: a sync since a time cannot see it.
   */
  function deleteIssue(fullName: string, number: number): void {
    takeOut(fullName, number, null);
  }

  /**
   * Transfers an issue to `toFullName`, as "Transfer issue" does: it gets that repository's next
   * number (its title, body, labels and assignees go with it; its milestone does not), and asking
   * for it where it was is 301 to where it is. Returns the issue there.
   */
  function transferIssue(fullName: string, number: number, toFullName: string): FakeGitHubIssue {
    const { issue } = issueOf(fullName, number);
    const target = repo(toFullName);
    const moved = addIssue(target.fullName, {
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      assignees: issue.assignees,
      user: issue.user,
      createdAt: new Date(issue.createdAt).toISOString(),
      updatedAt: new Date(clock.now()).toISOString(),
    });
    takeOut(fullName, number, { repo: target, number: moved.number });
    return moved;
  }

  function issueOf(fullName: string, number: number): { repo: FakeGitHubRepo; issue: FakeGitHubIssue } {
    const r = repo(fullName);
    const issue = r.issues.get(number);
    if (!issue || issue.pullRequest) throw new Error(`fake GitHub: ${fullName} has no issue #${number}`);
    return { repo: r, issue };
  }

  /**
   * Issue `number` of `fullName` is blocked by `blockerNumber` of `blockerFullName` (any
   * repository), as "Mark as blocked by" does on GitHub. Neither issue's `updated_at` moves: GitHub
   * documents no such change, so the fake assumes the cautious case (a sync since a time does not
   * see it; a webhook does).
   */
  function blockIssue(
    fullName: string,
    number: number,
    blockerFullName: string,
    blockerNumber: number,
  ): void {
    const blocked = issueOf(fullName, number);
    const { issue } = blocked;
    const blocker = issueOf(blockerFullName, blockerNumber);
    if (blocker.issue === issue) throw new Error(`fake GitHub: #${number} cannot block itself`);
    if (issue.blockedBy.some((b) => b.issue === blocker.issue))
      throw new Error(`fake GitHub: ${fullName}#${number} is blocked by that issue already`);
    issue.blockedBy.push(blocker);
    blocker.issue.blocking.push(blocked);
  }

  /** Takes back a "blocked by" (`updated_at` unmoved, as blockIssue). */
  function unblockIssue(
    fullName: string,
    number: number,
    blockerFullName: string,
    blockerNumber: number,
  ): void {
    const { issue } = issueOf(fullName, number);
    const blocker = issueOf(blockerFullName, blockerNumber);
    const at = issue.blockedBy.findIndex((b) => b.issue === blocker.issue);
    if (at === -1) throw new Error(`fake GitHub: ${fullName}#${number} is not blocked by that issue`);
    issue.blockedBy.splice(at, 1);
    const back = blocker.issue.blocking.findIndex((b) => b.issue === issue);
    blocker.issue.blocking.splice(back, 1);
  }

  /** The last milestone number given in each repository: GitHub never gives a deleted one's again. */
  const milestoneNumbers = new Map<string, number>();

  function addMilestone(fullName: string, input: FakeGitHubMilestoneInput): FakeGitHubMilestone {
    const r = repo(fullName);
    const now = clock.now();
    const closed = input.state === 'closed';
    const number = (milestoneNumbers.get(r.fullName) ?? 0) + 1;
    milestoneNumbers.set(r.fullName, number);
    const milestone: FakeGitHubMilestone = {
      ...{ id: next('milestone'), number, title: input.title },
      ...{ description: input.description ?? null, state: closed ? 'closed' : 'open' },
      ...{ dueOn: input.dueOn ? parseTime(input.dueOn) : null, createdAt: now, updatedAt: now },
      closedAt: closed ? now : null,
    };
    r.milestones.set(milestone.number, milestone);
    return milestone;
  }

  function updateMilestone(
    fullName: string,
    number: number,
    patch: Partial<FakeGitHubMilestoneInput>,
  ): FakeGitHubMilestone {
    const milestone = repo(fullName).milestones.get(number);
    if (!milestone) throw new Error(`fake GitHub: ${fullName} has no milestone ${number}`);
    const now = clock.now();
    if (patch.title !== undefined) milestone.title = patch.title;
    if (patch.description !== undefined) milestone.description = patch.description;
    if (patch.dueOn !== undefined) milestone.dueOn = patch.dueOn ? parseTime(patch.dueOn) : null;
    if (patch.state !== undefined && patch.state !== milestone.state)
      milestone.closedAt = patch.state === 'closed' ? now : null;
    if (patch.state !== undefined) milestone.state = patch.state;
    milestone.updatedAt = now;
    return milestone;
  }

  /**
   * Deletes a milestone: its issues are in none from then on. Their `updated_at` stays, as it does
   * when a milestone is renamed or given another due date: only the milestone list shows it.
   */
  function deleteMilestone(fullName: string, number: number): void {
    const r = repo(fullName);
    if (!r.milestones.delete(number)) throw new Error(`fake GitHub: ${fullName} has no milestone ${number}`);
    for (const issue of r.issues.values()) if (issue.milestone === number) issue.milestone = null;
  }

  /**
   * Renames a label, as Settings → Labels → Edit does: every issue carrying it carries the new
   * name. Their `updated_at` stays: GitHub documents no change to the issues, and trackers report
   * none, so the fake takes the cautious case (a sync since a time does not see it; the `label`
   * webhook does). Returns the label as renamed.
   */
  function renameLabel(fullName: string, from: string, to: string): { id: number; name: string } {
    const r = repo(fullName);
    const label = r.labels.get(from.toLowerCase());
    if (!label) throw new Error(`fake GitHub: ${fullName} has no label ${from}`);
    const taken = r.labels.get(to.toLowerCase());
    if (taken && taken !== label) throw new Error(`fake GitHub: ${fullName} has a label ${to} already`);
    r.labels.delete(from.toLowerCase());
    const renamed = { id: label.id, name: to };
    r.labels.set(to.toLowerCase(), renamed);
    for (const issue of r.issues.values())
      issue.labels = issue.labels.map((l) => (l.toLowerCase() === from.toLowerCase() ? to : l));
    r.version += 1;
    return renamed;
  }

  /** Deletes a label: no issue carries it from then on, their `updated_at` unmoved (see renameLabel). */
  function deleteLabel(fullName: string, name: string): void {
    const r = repo(fullName);
    if (!r.labels.delete(name.toLowerCase()))
      throw new Error(`fake GitHub: ${fullName} has no label ${name}`);
    for (const issue of r.issues.values())
      issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
    r.version += 1;
  }

  return {
    addRepo,
    repo,
    renameLabel,
    deleteLabel,
    /** The repository named in any case, or undefined. */
    findRepo: (fullName: string) => repos.get(fullName.toLowerCase()),
    findRepoById: (id: number) => byId.get(id),
    addIssue,
    updateIssue,
    deleteIssue,
    transferIssue,
    addMilestone,
    updateMilestone,
    deleteMilestone,
    noteLabels,
    blockIssue,
    unblockIssue,
  };
}

export type GitHubState = ReturnType<typeof createGitHubState>;

/** Applies a change as GitHub does: closing stamps `closed_at`, reopening clears it. */
function applyPatch(
  issue: FakeGitHubIssue,
  patch: FakeGitHubIssuePatch,
  now: number,
  labels: (names: string[]) => string[],
): void {
  if (patch.title !== undefined) issue.title = patch.title;
  if (patch.body !== undefined) issue.body = patch.body;
  if (patch.labels !== undefined) issue.labels = labels(patch.labels);
  if (patch.assignees !== undefined) issue.assignees = patch.assignees;
  if (patch.milestone !== undefined) issue.milestone = patch.milestone;
  if (patch.state === 'closed' && issue.state === 'open') {
    issue.closedAt = now;
    issue.closedBy = patch.closedBy ?? issue.user;
    issue.stateReason = patch.stateReason ?? 'completed';
  } else if (patch.state === 'open' && issue.state === 'closed') {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = 'reopened';
  } else if (patch.stateReason !== undefined) issue.stateReason = patch.stateReason;
  if (patch.state !== undefined) issue.state = patch.state;
  issue.updatedAt = now;
}
