import type { Ctx } from '../domain/ctx.js';
import type { BacklogIssue, GitHubRepoLink } from '../domain/github.js';
import type { Feature } from '../domain/project.js';
import type { Store } from '../store/create-store.js';
import type { SyncCounts } from './github-issues.js';
import { withdrawProposals } from './item-tasks.js';
import type { createTaskUseCases } from './tasks.js';

/** One "blocked by" as a webhook tells it: issue `blocked` of the repository waits for `blocking`. */
export interface IssueDependency {
  blocked: number;
  blocking: number;
  /** The blocked issue's page, for the log of a proposal withdrawn. */
  htmlUrl: string;
}

/**
 * GitHub's "blocked by" as waits between the features synced from the issues (`feature after`, with
 * `from_github`): the blocked issue's feature waits for the blocking one's. Only features of the
 * repository's project count (a bug, or an issue not synced, waits for nothing and holds nothing
 * back), and no wait that would close a cycle or wait for itself. A wait the team typed is theirs:
 * GitHub never takes it away.
 */
export function createBlockerApplier(store: Store, tasks: ReturnType<typeof createTaskUseCases>) {
  /** The feature synced from issue `number`, when it is one of the repository's project. */
  function featureOfIssue(link: GitHubRepoLink, number: number): Feature | null {
    const id = store.github.issue(link.id, number)?.featureId ?? null;
    const feature = id === null ? null : store.projects.feature(id);
    return feature !== null && feature.projectId === link.projectId ? feature : null;
  }

  /**
   * `feature` waits for `blocker`, unless that is itself or waits for it already. A new wait on
   * open work withdraws the feature's proposals, as `feature after` does, so that the next plan
   * proposes the two in order.
   */
  function addWait(
    ctx: Ctx,
    feature: Feature,
    blocker: Feature,
    htmlUrl: string,
    now: string,
    counts: SyncCounts,
  ): void {
    if (feature.id === blocker.id) return;
    // Waiting for each other, neither would be proposed: left out, and the sync's line says so.
    if (store.projects.waitsFor(blocker.id, feature.id)) {
      counts.waitsLeftOut.push(`${feature.id} after ${blocker.id}`);
      return;
    }
    if (!store.projects.addGitHubPrerequisite(feature.id, blocker.id, now)) return;
    counts.waitsAdded++;
    if (feature.status === 'done' || blocker.status === 'done') return;
    const note = `feature ${feature.id} is blocked by feature ${blocker.id}, '${blocker.title}', on GitHub now: the next plan proposes it after that`;
    const { withdrawn } = withdrawProposals(store, tasks, ctx, { kind: 'feature', id: feature.id }, note, {
      via: 'github',
      issue: htmlUrl,
    });
    counts.tasksWithdrawn.push(...withdrawn);
  }

  return {
    /**
     * Makes the GitHub waits of each issue whose `blockedBy` GitHub gave exactly those: call after
     * every issue of the sync is applied, as its blockers may be new in the same one. Every wait
     * GitHub no longer gives is dropped before any is added, or a pair turned round on GitHub
     * would be refused as a cycle with the wait it replaces.
     */
    applyBlockers(
      ctx: Ctx,
      link: GitHubRepoLink,
      issues: readonly BacklogIssue[],
      now: string,
      counts: SyncCounts,
    ): void {
      // The last copy of an issue read twice (changed, then read again after a relabel) says it.
      const told = new Map(issues.filter((i) => i.blockedBy !== undefined).map((i) => [i.number, i]));
      const wanted = [...told.values()].flatMap((issue) => {
        const feature = featureOfIssue(link, issue.number);
        if (feature === null) return [];
        const blockers = (issue.blockedBy ?? [])
          .map((n) => featureOfIssue(link, n))
          .filter((b): b is Feature => b !== null);
        return [{ issue, feature, blockers }];
      });
      for (const { feature, blockers } of wanted) {
        const keep = blockers.map((b) => b.id);
        counts.waitsRemoved += store.projects.dropGitHubPrerequisites(feature.id, keep);
      }
      for (const { issue, feature, blockers } of wanted)
        for (const blocker of blockers) addWait(ctx, feature, blocker, issue.htmlUrl, now, counts);
    },

    /** One "blocked by" added on GitHub (a webhook): a wait, when both issues are features here. */
    addDependency(
      ctx: Ctx,
      link: GitHubRepoLink,
      dependency: IssueDependency,
      now: string,
      counts: SyncCounts,
    ): void {
      const feature = featureOfIssue(link, dependency.blocked);
      const blocker = featureOfIssue(link, dependency.blocking);
      if (feature !== null && blocker !== null)
        addWait(ctx, feature, blocker, dependency.htmlUrl, now, counts);
    },

    /** One "blocked by" removed on GitHub (a webhook): its wait goes, unless the team typed it. */
    removeDependency(link: GitHubRepoLink, dependency: IssueDependency, counts: SyncCounts): void {
      const feature = featureOfIssue(link, dependency.blocked);
      const blocker = featureOfIssue(link, dependency.blocking);
      if (feature === null || blocker === null) return;
      if (store.projects.dropGitHubPrerequisite(feature.id, blocker.id)) counts.waitsRemoved++;
    },
  };
}
