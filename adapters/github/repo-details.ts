import type { Octokit } from '@octokit/rest';
import type { BacklogIssue, GitHubMilestone, GitHubRepoLink, GoneIssue } from '../../src/index.js';
import { deleted, everyPage, notFound, notModified } from './github-pages.js';
import {
  isOfRepo,
  type RawIssue,
  type RawMilestone,
  repoNameOf,
  toBacklogIssue,
  toMilestone,
} from './records.js';

// What a sync reads beside a repository's changed issues: issues gone from it, what blocks each
// issue, and its milestones.

/**
 * The issues of open items (`linked`) that GitHub no longer shows in `fullName`: each one missing
 * from what this sync read (`read`: every open issue, and what changed since the cursor) is asked
 * about alone. 410 Gone: deleted. 404, though the repository answered the listing: transferred to
 * a repository this token may not read (GitHub's documented answer). A copy of another repository
 * (Octokit follows GitHub's 301): transferred there. A copy of this one (closed since the
 * listing, or an older closure missed) is handed `back`, to be applied as any other.
 */
export async function findGone(
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
export async function readBlockers(
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
export async function readMilestones(
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
