import type { Octokit } from '@octokit/rest';
import {
  type BacklogIssue,
  type ConnectingLink,
  type Ctx,
  ForbiddenError,
  type GitHubMilestone,
  type GitHubRepoLink,
  type Goalpost,
  type GoneIssue,
  ServiceError,
  type SyncChanges,
  type SyncCounts,
  type Task,
} from '../../src/index.js';
import { gitHubProblem } from './github-client.js';
import {
  blockerTotal,
  isOfRepo,
  isPullRequest,
  type RawIssue,
  type RawMilestone,
  repoNameOf,
  toBacklogIssue,
  toMilestone,
} from './records.js';

/**
 * The link a sync reads GitHub with: a linked repository, or one being connected (its first sync,
 * saved with the link: see ConnectingLink).
 */
export type SyncTarget = ConnectingLink;

/** What syncing one repository did. */
export interface RepoSync {
  repo: string;
  project: string;
  /** Issues GitHub sent (pull requests aside). */
  fetched: number;
  /**
   * True when GitHub answered 304 to both listings, the issues and the milestones: nothing changed
   * since the last sync (and no rate limit spent).
   */
  notModified: boolean;
  counts: SyncCounts;
  /** Tasks given an issue (task export), with the issue's number and page. */
  exported: Array<{ ref: string; number: number; url: string }>;
}

/** Whether GitHub answered 404: what was asked about is not there (any more). */
const notFound = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 404;

/** Whether GitHub answered 410 Gone: the issue asked about was deleted. */
const deleted = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 410;

/** Whether GitHub answered 304 Not Modified to a conditional request. */
const notModified = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 304;

/**
 * Reads what changed in `link`'s repository since its last sync and applies it to its project's
 * backlog in one transaction (see readRepo), then exports tasks (see exportTasks).
 * @throws NotFoundError, ConfigError, ForbiddenError or ServiceError saying what GitHub refused.
 */
export async function syncRepo(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: SyncTarget,
  credential = 'GITHUB_TOKEN',
): Promise<RepoSync> {
  const read = await readRepo(app, ctx, octokit, link, credential);
  const { issues, cursor, again } = read.changes;
  const counts = app.github.ingest(ctx, link.fullName, issues, cursor, again);
  return finishSync(app, ctx, octokit, link, read, counts);
}

/** What readRepo read: the changes to apply in one transaction, and how many issues GitHub sent. */
export interface RepoRead {
  changes: SyncChanges;
  fetched: number;
  /** GitHub answered 304 to both listings, and nothing else changed (see RepoSync.notModified). */
  notModified: boolean;
}

/**
 * After a sync's changes are saved (`counts`): exports `link`'s tasks (see exportTasks), and says
 * what the sync did.
 */
export async function finishSync(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: SyncTarget,
  read: RepoRead,
  counts: SyncCounts,
): Promise<RepoSync> {
  const exported = await exportTasks(app, ctx, octokit, link);
  const { fetched, notModified } = read;
  return { repo: link.fullName, project: link.projectName, fetched, notModified, counts, exported };
}

/**
 * Reads what changed in `link`'s repository since its last sync, writing nothing: what ingest
 * applies to its project's backlog. The first sync reads the open issues; later ones every issue
 * updated since the cursor (closed ones too), with the first page's ETag, so an unchanged
 * repository costs one 304. An issue GitHub says is blocked by others has them read too (see readBlockers). Then the
 * repository's milestones, with their list's ETag (see readMilestones). Once a day, the open items
 * are compared with the repository's open issues (see findGone). Every page is read before
 * anything is written: a sync that fails part-way writes nothing.
 * @throws NotFoundError, ConfigError, ForbiddenError or ServiceError saying what GitHub refused.
 */
export async function readRepo(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: SyncTarget,
  credential = 'GITHUB_TOKEN',
): Promise<RepoRead> {
  const [owner = '', repo = ''] = link.fullName.split('/');
  /** How many issues block each issue read, by its number, where GitHub said. */
  const blockerTotals = new Map<number, number>();
  /** Every page of one listing of the repository's issues (pull requests left out), and its first page's ETag. */
  const read = async (params: { state: 'open' | 'all'; since?: string; etag: string | null }) => {
    const issues: BacklogIssue[] = [];
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      state: params.state,
      ...(params.since === undefined ? {} : { since: params.since }),
      sort: 'updated',
      direction: 'asc',
      per_page: 100,
      headers: params.etag === null ? {} : { 'if-none-match': params.etag },
    });
    const { rows, etag } = await everyPage<RawIssue>(pages, `${link.fullName}'s issues`);
    for (const raw of rows) {
      if (isPullRequest(raw)) continue;
      issues.push(toBacklogIssue(raw));
      const total = blockerTotal(raw);
      if (total !== null) blockerTotals.set(raw.number, total);
    }
    return { issues, etag };
  };
  let issues: BacklogIssue[] = [];
  let etag: string | null = null;
  let cursor = link.cursor;
  let unchanged = false;
  try {
    const changed = await read(
      link.cursor === null
        ? { state: 'open', etag: link.etag }
        : { state: 'all', since: link.cursor, etag: link.etag },
    );
    issues = changed.issues;
    etag = changed.etag;
    for (const issue of issues) if (cursor === null || issue.updatedAt > cursor) cursor = issue.updatedAt;
  } catch (error) {
    if (!notModified(error)) throw gitHubProblem(error, link.fullName, 'read issues', credential);
    unchanged = true;
  }
  // Labels given other meanings: every open issue is read again and applied anew, besides what
  // changed since the cursor (a closure since then is among those, never lost to the re-read).
  // Each is applied anew, once: the same copy as seen too (GitHub's `since` takes the cursor's own
  // second, so the changed ones may be copies already seen).
  let again: BacklogIssue[] = [];
  // The issues of open items here, when they are to be compared with GitHub's open ones today.
  const linked = app.github.openToCheck(ctx, link.fullName);
  /** Every open issue, when this sync read them all; null when it did not. */
  let open: BacklogIssue[] | null = link.cursor === null && !unchanged ? issues : null;
  if ((link.reread || (linked !== null && linked.length > 0)) && link.cursor !== null) {
    try {
      open = (await read({ state: 'open', etag: null })).issues;
    } catch (error) {
      throw gitHubProblem(error, link.fullName, 'read issues', credential);
    }
  }
  if (link.reread) {
    const seen = new Set(issues.map((i) => i.number));
    again = [...issues, ...(open ?? []).filter((i) => !seen.has(i.number))];
    issues = [];
  }
  let gone: GoneIssue[] | null = null;
  if (linked !== null && (open !== null || linked.length === 0)) {
    try {
      const found = await findGone(octokit, link.fullName, linked, [...issues, ...again, ...(open ?? [])]);
      issues.push(...found.back);
      gone = found.gone;
    } catch (error) {
      throw gitHubProblem(error, link.fullName, 'read the issues of open items', credential);
    }
  }
  try {
    issues = await readBlockers(octokit, link.fullName, issues, blockerTotals);
    again = await readBlockers(octokit, link.fullName, again, blockerTotals);
  } catch (error) {
    throw gitHubProblem(error, link.fullName, 'read which issues block its issues', credential);
  }
  let milestones: Awaited<ReturnType<typeof readMilestones>>;
  try {
    milestones = await readMilestones(octokit, link);
  } catch (error) {
    throw gitHubProblem(error, link.fullName, 'read milestones', credential);
  }
  const checked = gone === null ? {} : { checked: { gone } };
  if (unchanged && issues.length === 0 && again.length === 0 && milestones === null && !gone?.length) {
    const cursor = { cursor: link.cursor, etag: link.etag, ...checked };
    return { changes: { issues: [], cursor, again: [] }, fetched: 0, notModified: true };
  }
  return {
    changes: {
      issues,
      cursor: { cursor, etag: unchanged ? link.etag : etag, milestones, ...checked },
      again,
    },
    fetched: issues.length + again.length,
    notModified: false,
  };
}

/**
 * The issues of open items (`linked`) that GitHub no longer shows in `fullName`: each one missing
 * from what this sync read (`read`: every open issue, and what changed since the cursor) is asked
 * about alone. 410 Gone: deleted. 404, though the repository answered the listing: transferred to
 * a repository this token may not read (GitHub's documented answer). A copy of another repository
 * (Octokit follows GitHub's 301): transferred there. A copy of this one (closed since the
 * listing, or an older closure missed) is handed `back`, to be applied as any other.
 */
async function findGone(
  octokit: Octokit,
  fullName: string,
  linked: readonly number[],
  read: readonly BacklogIssue[],
): Promise<{ gone: GoneIssue[]; back: BacklogIssue[] }> {
  const [owner = '', repo = ''] = fullName.split('/');
  const seen = new Set(read.map((i) => i.number));
  const gone: GoneIssue[] = [];
  const back: BacklogIssue[] = [];
  for (const number of linked) {
    if (seen.has(number)) continue;
    let raw: RawIssue;
    try {
      ({ data: raw } = (await octokit.rest.issues.get({ owner, repo, issue_number: number })) as {
        data: RawIssue;
      });
    } catch (error) {
      if (deleted(error)) gone.push({ number, to: null, toNumber: null, deleted: true });
      else if (notFound(error)) gone.push({ number, to: null, toNumber: null, deleted: false });
      else throw error;
      continue;
    }
    if (isOfRepo(raw, fullName)) back.push(toBacklogIssue(raw));
    else gone.push({ number, to: repoNameOf(raw), toNumber: raw.number, deleted: false });
  }
  return { gone, back };
}

/**
 * The issues given with the numbers of the issues of their own repository that block them
 * (`blockedBy`): none when GitHub's summary counts none, each one's list (every page) when it
 * counts some; left unsaid when GitHub sent no summary, and for a closed issue. Blockers in other repositories are left
 * out: their features are of other projects, and a feature waits only for one of its own.
 */
async function readBlockers(
  octokit: Octokit,
  fullName: string,
  issues: BacklogIssue[],
  totals: ReadonlyMap<number, number>,
): Promise<BacklogIssue[]> {
  const [owner = '', repo = ''] = fullName.split('/');
  const told: BacklogIssue[] = [];
  for (const issue of issues) {
    // A closed issue's feature is done (or gone): what blocked it no longer orders any plan, and
    // its list would cost a request per closed issue of the sync.
    const total = issue.state === 'closed' ? undefined : totals.get(issue.number);
    if (total === undefined || total === 0) {
      told.push(total === 0 ? { ...issue, blockedBy: [] } : issue);
      continue;
    }
    let blockers: RawIssue[];
    try {
      blockers = await octokit.paginate(octokit.rest.issues.listDependenciesBlockedBy, {
        owner,
        repo,
        issue_number: issue.number,
        per_page: 100,
      });
    } catch (error) {
      // Deleted or moved to another repository since the listing: its waits are left as they are
      // (gitHubProblem would say the repository is unknown).
      if (notFound(error)) {
        told.push(issue);
        continue;
      }
      throw error;
    }
    const blockedBy = blockers.filter((b) => isOfRepo(b, fullName)).map((b) => b.number);
    told.push({ ...issue, blockedBy });
  }
  return told;
}

/**
 * Every milestone of `link`'s repository, open and closed (an issue stays in a closed one), and
 * the list's ETag; null when GitHub answered 304 to the ETag of the last list read: none changed.
 * Renaming a milestone, moving its due date or deleting it changes none of its issues'
 * `updated_at`, so the issues changed since the cursor do not show it.
 */
async function readMilestones(
  octokit: Octokit,
  link: Pick<GitHubRepoLink, 'fullName' | 'milestonesEtag'>,
): Promise<{ list: GitHubMilestone[]; etag: string | null } | null> {
  const [owner = '', repo = ''] = link.fullName.split('/');
  const pages = octokit.paginate.iterator(octokit.rest.issues.listMilestones, {
    owner,
    repo,
    state: 'all',
    per_page: 100,
    headers: link.milestonesEtag === null ? {} : { 'if-none-match': link.milestonesEtag },
  });
  try {
    const { rows, etag } = await everyPage<RawMilestone>(pages, `${link.fullName}'s milestones`);
    return { list: rows.map(toMilestone), etag };
  } catch (error) {
    if (notModified(error)) return null;
    throw error;
  }
}

/**
 * The rows of every page of a listing, and its first page's ETag.
 * @throws ServiceError when a page is not a list; what GitHub refused, as Octokit throws it.
 */
async function everyPage<T>(
  pages: AsyncIterable<{ data: unknown; headers: { etag?: string } }>,
  what: string,
): Promise<{ rows: T[]; etag: string | null }> {
  const rows: T[] = [];
  let etag: string | null = null;
  for await (const page of pages) {
    if (!Array.isArray(page.data))
      throw new ServiceError(`GitHub's answer for ${what} is not a list; nothing was changed`);
    etag ??= String(page.headers.etag ?? '') || null;
    rows.push(...(page.data as T[]));
  }
  return { rows, etag };
}

/** The body of a task's issue: what it is, why (its reasoning), and how it closes. */
function issueBody(task: Task): string {
  const why = task.reasoning.map((line) => `- ${line}`).join('\n');
  return [
    `Goalpost task ${task.ref} (priority ${task.priority}, ${task.category}${task.projectName ? `, ${task.projectName}` : ''}), ${task.status.replace('_', ' ')}.`,
    why === '' ? '' : `Why:\n${why}`,
    `Closing this issue closes ${task.ref} in Goalpost; a pull request that names ${task.ref} records it done.`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/**
 * Task export: each approved or started task of `link`'s project with no issue gets one (label
 * `goalpost`), recorded one by one, so a failure part-way keeps the issues already made.
 * @throws ForbiddenError when the token may not create issues.
 */
async function exportTasks(
  app: Goalpost,
  ctx: Ctx,
  octokit: Octokit,
  link: Pick<GitHubRepoLink, 'fullName'>,
): Promise<RepoSync['exported']> {
  const [owner = '', repo = ''] = link.fullName.split('/');
  const exported: RepoSync['exported'] = [];
  for (const task of app.github.pendingExports(ctx, link.fullName)) {
    let created: { number: number; html_url: string };
    try {
      ({ data: created } = await octokit.rest.issues.create({
        owner,
        repo,
        title: task.title,
        body: issueBody(task),
        labels: ['goalpost'],
      }));
    } catch (error) {
      if ((error as { status?: unknown }).status === 403) {
        // The sync before it is saved (and any issue made before this one): say so, not that
        // nothing was written.
        throw new ForbiddenError(
          `GitHub refused to let GITHUB_TOKEN create issues in ${link.fullName}: task export needs Issues: Read and write (or connect it again with --no-export-tasks); the issues' changes were saved${exported.length > 0 ? ` and ${exported.map((e) => e.ref).join(', ')} given issues` : ''}, ${task.ref} and the tasks after it were not exported`,
        );
      }
      throw gitHubProblem(error, link.fullName, 'create an issue for a task');
    }
    app.github.recordExport(ctx, link.fullName, task.ref, { number: created.number, url: created.html_url });
    exported.push({ ref: task.ref, number: created.number, url: created.html_url });
  }
  return exported;
}
