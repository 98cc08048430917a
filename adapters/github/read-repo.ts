import type { Octokit } from '@octokit/rest';
import type {
  BacklogIssue,
  ClosedPullRequest,
  ConnectingLink,
  Ctx,
  Goalpost,
  GoneIssue,
  SyncChanges,
} from '../../src/index.js';
import { gitHubProblem } from './github-client.js';
import { everyPage, notModified } from './github-pages.js';
import {
  blockerTotal,
  isPullRequest,
  mergedPullRequestOf,
  type RawIssue,
  toBacklogIssue,
} from './records.js';
import { findGone, readBlockers, readMilestones } from './repo-details.js';

/**
 * The link a sync reads GitHub with: a linked repository, or one being connected (its first sync,
 * saved with the link: see ConnectingLink).
 */
export type SyncTarget = ConnectingLink;

/** What readRepo read: the changes to apply in one transaction, and how many issues GitHub sent. */
export interface RepoRead {
  changes: SyncChanges;
  fetched: number;
  /** GitHub answered 304 to both listings, and nothing else changed (see RepoSync.notModified). */
  notModified: boolean;
}

/**
 * Reads what changed in `link`'s repository since its last sync, writing nothing: what ingest
 * applies to its project's backlog. The first sync reads the open issues; later ones every issue
 * updated since the cursor (closed ones too), with the first page's ETag, so an unchanged
 * repository costs one 304. An issue GitHub says is blocked by others has them read too (see readBlockers). Then the
 * repository's milestones, with their list's ETag (see readMilestones). Once a day, the open items
 * are compared with the repository's open issues (see findGone), and the open issues that say
 * other than what was synced of them (a label renamed on GitHub) are read as changed. Every page is read before
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
  /**
   * Every page of one listing of the repository's issues, and its first page's ETag; its pull
   * requests are no backlog, but those merged since `since` are work done (see SyncChanges.pulls).
   */
  const read = async (params: { state: 'open' | 'all'; since?: string; etag: string | null }) => {
    const issues: BacklogIssue[] = [];
    const pulls: ClosedPullRequest[] = [];
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
    // The latest update read, of an issue or a pull request: where the next sync reads from.
    let latest: string | null = null;
    for (const raw of rows) {
      if (latest === null || raw.updated_at > latest) latest = raw.updated_at;
      if (isPullRequest(raw)) {
        const merged = mergedPullRequestOf(raw);
        // One merged before the last sync's cursor is only updated since (a comment): applied then.
        if (merged !== null && params.since !== undefined && merged.closedAt >= params.since)
          pulls.push(merged);
        continue;
      }
      issues.push(toBacklogIssue(raw));
      const total = blockerTotal(raw);
      if (total !== null) blockerTotals.set(raw.number, total);
    }
    return { issues, pulls, etag, latest };
  };
  let issues: BacklogIssue[] = [];
  let pulls: ClosedPullRequest[] = [];
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
    pulls = changed.pulls;
    etag = changed.etag;
    if (changed.latest !== null && (cursor === null || changed.latest > cursor)) cursor = changed.latest;
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
  } else if (open !== null && link.cursor !== null) {
    // A label renamed or deleted on GitHub relabels its issues without moving their `updated_at`:
    // the daily listing holds them as they are now, and those that say otherwise are changes.
    const seen = new Set(issues.map((i) => i.number));
    const listed = open.filter((i) => !seen.has(i.number));
    issues.push(...app.github.unlikeSynced(ctx, link.fullName, listed));
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
    return { changes: { issues: [], pulls: [], cursor, again: [] }, fetched: 0, notModified: true };
  }
  return {
    changes: {
      issues,
      pulls,
      cursor: { cursor, etag: unchanged ? link.etag : etag, milestones, ...checked },
      again,
    },
    fetched: issues.length + again.length,
    notModified: false,
  };
}
