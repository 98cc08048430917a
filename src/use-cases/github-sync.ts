import type { Ctx } from '../domain/ctx.js';
import {
  type BacklogIssue,
  type ClosedPullRequest,
  type GitHubMilestone,
  type GoneIssue,
  openCheckDue,
} from '../domain/github.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { createBlockerApplier, type IssueDependency } from './github-blockers.js';
import {
  type ConnectPlan,
  type createGitHubConnectUseCases,
  findRepo,
  type RepoLinkView,
  requireRepo,
  type VerifiedRepo,
} from './github-connect.js';
import { createIssueApplier, type SyncCounts } from './github-issues.js';
import type { createGitHubTaskUseCases } from './github-tasks.js';
import type { createTaskUseCases } from './tasks.js';

/**
 * How far a sync got, recorded with what it read (see ingest): the cursor and ETag of the issue
 * listing; the milestone list (null: unchanged since the last); the open items compared with
 * GitHub's open issues, and those found gone.
 */
export interface SyncCursor {
  cursor: string | null;
  etag: string | null;
  milestones?: { list: readonly GitHubMilestone[]; etag: string | null } | null;
  checked?: { gone: readonly GoneIssue[] };
}

/** What a sync read, every page of it, to be applied in one transaction (see ingest). */
export interface SyncChanges {
  issues: readonly BacklogIssue[];
  cursor: SyncCursor;
  /** Open issues read again after the labels changed (GitHubRepoLink.reread). */
  again: readonly BacklogIssue[];
  /**
   * Pull requests merged since the last sync: what a `pull_request` webhook would have brought
   * (see closedPullRequest). A sync without the webhook read only that their issues closed, and
   * credited the work to whoever it was routed to, not to who did it.
   */
  pulls?: readonly ClosedPullRequest[];
}

/** Bringing GitHub's issues into the backlog: a sync's pages, and each webhook delivery once. */
export function createGitHubSyncUseCases(
  deps: UseCaseDeps,
  tasks: ReturnType<typeof createTaskUseCases>,
  links: Pick<ReturnType<typeof createGitHubConnectUseCases>, 'connect'>,
  pullRequests: Pick<ReturnType<typeof createGitHubTaskUseCases>, 'closedPullRequest'>,
) {
  const { store } = deps;
  const { applyIssue, applyGone, listedAsSeen } = createIssueApplier(store, tasks);
  const blockers = createBlockerApplier(store, tasks);
  const noCounts = (): SyncCounts => ({
    added: 0,
    updated: 0,
    closed: 0,
    unchanged: 0,
    rescheduled: 0,
    tasksClosed: [],
    tasksDone: [],
    tasksWithdrawn: [],
    tasksMoved: [],
    waitsAdded: 0,
    waitsRemoved: 0,
    waitsLeftOut: [],
    gone: [],
  });
  /**
   * Applies issues to the backlog of `link`'s project in one transaction: first the pull requests
   * merged (`more.pulls`: the tasks they finish are done, credited to their authors), then new
   * open issues become features or bugs, changed ones are updated, closed ones close their items
   * (and the open tasks made from them). Then each issue's `blockedBy`, when GitHub gave it, sets the waits of its
   * feature (see createBlockerApplier): after every issue, as a blocker may be new in the same
   * sync; and for an issue seen as it was too, as a "blocked by" added on GitHub may leave its
   * `updated_at` as it was. With `cursor`, records how far the sync got, in the same
   * transaction: a sync that fails part-way writes nothing and starts again from the old cursor.
   * With `cursor.milestones`, the repository's whole milestone list as read after the issues
   * (null: unchanged since the last), its issues are brought to their milestones' titles and due
   * dates, and a milestone no longer listed is taken off them. With `cursor.checked`, the sync
   * compared the open items with GitHub's open issues (see openToCheck): the ones it found gone
   * leave the backlog (see GoneIssue), and the comparison is dated now.
   */
  function ingest(
    ctx: Ctx,
    repo: string,
    issues: readonly BacklogIssue[],
    cursor?: SyncCursor,
    /** Open issues read again after the labels changed (GitHubRepoLink.reread), applied after `issues`. */
    more: Partial<Pick<SyncChanges, 'again' | 'pulls'>> = {},
  ): SyncCounts {
    const { again = [], pulls = [] } = more;
    return store.transaction(() => {
      const link = requireRepo(store, ctx, repo);
      const now = nowIso(deps);
      const counts = noCounts();
      for (const pr of pulls)
        for (const done of pullRequests.closedPullRequest(ctx, link, pr))
          if (done.result === 'done')
            counts.tasksDone.push({ ref: done.ref, pr: pr.number, author: pr.author });
      // In the order they were filed on GitHub, not read (the sync reads by last update): new
      // items are numbered so, and equal work is proposed in that order (see compareKeys).
      // A sync's (with its cursor) are read from GitHub now; a webhook's were delivered.
      const read = cursor !== undefined;
      for (const issue of byNumber(issues)) applyIssue(ctx, link, issue, now, counts, { read });
      for (const issue of again) applyIssue(ctx, link, issue, now, counts, { again: true, read });
      blockers.applyBlockers(ctx, link, [...issues, ...again], now, counts);
      if (cursor?.checked) {
        for (const gone of cursor.checked.gone) applyGone(ctx, link, gone, now, counts);
        store.github.setOpenChecked(link.id, now);
      }
      if (cursor !== undefined) store.github.setCursor(link.id, cursor.cursor, cursor.etag, now);
      const milestones = cursor?.milestones;
      if (milestones) {
        for (const m of milestones.list) counts.rescheduled += store.github.moveMilestone(link.id, m);
        const kept = milestones.list.map((m) => m.number);
        counts.rescheduled += store.github.dropMilestones(link.id, null, kept);
        store.github.setMilestonesEtag(link.id, milestones.etag);
      }
      return counts;
    });
  }

  return {
    /**
     * Runs a webhook delivery's work once per workspace: the same `X-GitHub-Delivery` again (GitHub
     * redelivers on timeouts, and people press "Redeliver") changes nothing. One transaction: the
     * work and the mark land together.
     */
    once<T>(
      ctx: Ctx,
      deliveryId: string,
      work: () => T,
    ): { duplicate: true } | { duplicate: false; result: T } {
      return store.transaction(() => {
        if (store.processed.outcome(ctx.workspaceId, 'github', deliveryId) !== null)
          return { duplicate: true };
        const result = work();
        store.processed.mark(ctx.workspaceId, 'github', deliveryId, 'delivered', nowIso(deps));
        return { duplicate: false, result };
      });
    },

    /**
     * The numbers of `repo`'s issues whose work is open here, when its next sync is to compare them
     * with GitHub's open issues (see OPEN_CHECK_HOURS); null when no comparison is due. None for a
     * repository not linked yet: the first sync of a connect reads before the link is saved.
     */
    openToCheck(ctx: Ctx, repo: string): number[] | null {
      // Not linked yet (the first sync of a connect, saved with the link): nothing is open here.
      const link = findRepo(store, ctx, repo);
      if (link === null) return [];
      if (!openCheckDue(link, deps.clock.now())) return null;
      return store.github.openIssueNumbers(link.id);
    },

    /**
     * The open issues of `repo`'s daily listing (see OPEN_CHECK_HOURS) that say other than what
     * was synced of them, to be applied as changes: a label renamed or deleted on GitHub relabels
     * its issues without moving their `updated_at`, so no listing since the cursor has them.
     * Reads, writes nothing. None for a repository not linked yet.
     */
    unlikeSynced(ctx: Ctx, repo: string, listed: readonly BacklogIssue[]): BacklogIssue[] {
      const link = findRepo(store, ctx, repo);
      if (link === null) return [];
      return listed.filter((issue) => issue.state === 'open' && !listedAsSeen(link, issue));
    },

    /**
     * A label of `repo` renamed or deleted on GitHub (a webhook's `label` delivery): its issues
     * carry it renamed, or no longer, with their `updated_at` as it was, so the next sync reads
     * every open issue again and applies each (see GitHubRepoLink.reread).
     */
    labelChanged(ctx: Ctx, repo: string): { reread: true } {
      return store.transaction(() => {
        store.github.resetSync(requireRepo(store, ctx, repo).id);
        return { reread: true };
      });
    },

    ingest,

    /**
     * {@link GitHubConnectUseCases.connect} and its first sync's changes, read from GitHub with
     * what previewConnect said, in one transaction (see ingest): a connect lands with its first
     * sync or not at all, so a read that failed leaves no link, nor moves one.
     */
    connectAndIngest(
      ctx: Ctx,
      plan: ConnectPlan,
      repo: VerifiedRepo,
      changes: SyncChanges,
    ): { link: RepoLinkView; created: boolean; counts: SyncCounts } {
      return store.transaction(() => {
        const { link, created } = links.connect(ctx, plan, repo);
        const counts = ingest(ctx, link.fullName, changes.issues, changes.cursor, changes);
        // As the sync left it: its cursor and the time it synced.
        const after = store.github.findRepo(ctx.workspaceId, link.fullName) ?? link;
        return { link: { ...after, projectName: link.projectName }, created, counts };
      });
    },

    /**
     * An issue of `repo` deleted or transferred on GitHub (a webhook's `deleted` or `transferred`):
     * its item and tasks leave as a sync's daily comparison takes them out, or, moved to a
     * repository of the same project, stay with it (see GoneIssue).
     */
    gone(ctx: Ctx, repo: string, gone: GoneIssue): SyncCounts {
      return store.transaction(() => {
        const link = requireRepo(store, ctx, repo);
        const counts = noCounts();
        applyGone(ctx, link, gone, nowIso(deps), counts);
        return counts;
      });
    },

    /**
     * A milestone of `repo` changed on GitHub (a webhook): its issues take its title and due date
     * (`formerTitle`: its title before a rename, for issues synced before milestone numbers were
     * kept), or, `deleted`, lose it.
     */
    milestone(
      ctx: Ctx,
      repo: string,
      m: GitHubMilestone,
      deleted: boolean,
      formerTitle?: string,
    ): SyncCounts {
      return store.transaction(() => {
        const link = requireRepo(store, ctx, repo);
        const counts = noCounts();
        // First by number: an issue synced before numbers were kept is found by title.
        const moved = store.github.moveMilestone(link.id, m, formerTitle);
        counts.rescheduled = deleted ? store.github.dropMilestones(link.id, m.number) : moved;
        return counts;
      });
    },

    /**
     * A "blocked by" added or removed on GitHub (a webhook), between two issues of `repo`: the
     * blocked issue's feature waits for the blocking one's, or no longer does (unless the team typed
     * that wait). Issues that are no features of its project change nothing.
     */
    dependency(ctx: Ctx, repo: string, dependency: IssueDependency, added: boolean): SyncCounts {
      return store.transaction(() => {
        const link = requireRepo(store, ctx, repo);
        const counts = noCounts();
        if (added) blockers.addDependency(ctx, link, dependency, nowIso(deps), counts);
        else blockers.removeDependency(link, dependency, counts);
        return counts;
      });
    },
  };
}

/**
 * Issues by their number, the order they were filed; an issue read twice (updated while the sync
 * paged) keeps its reads' order, so the later still applies last.
 */
function byNumber(issues: readonly BacklogIssue[]): BacklogIssue[] {
  return [...issues].sort((a, b) => a.number - b.number);
}
