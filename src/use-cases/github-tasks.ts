import type { Ctx } from '../domain/ctx.js';
import { type ClosedPullRequest, closedIssuesIn, type GitHubRepoLink, taskRefsIn } from '../domain/github.js';
import type { Task } from '../domain/task.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { requireRepo } from './github-connect.js';
import { recordStep } from './record-step.js';
import type { createTaskUseCases } from './tasks.js';

/** What a closed pull request did to the tasks it names. */
export interface PullRequestOutcome {
  ref: string;
  /** `done`: recorded done now; `already`: it was done before; `noted`: the PR is in its log only. */
  result: 'done' | 'already' | 'noted';
  /** Why it was only noted (closed unmerged, or the task was not approved yet). */
  why: string | null;
  /** The assignee credited (the PR's author, by GitHub login), if any. */
  assignee: string | null;
  minutes: number | null;
  /** The pull request's number, on those it recorded done. */
  pr?: number;
}

/** Tasks and GitHub: tasks exported as issues, and the pull requests that finish them. */
export function createGitHubTaskUseCases(deps: UseCaseDeps, tasks: ReturnType<typeof createTaskUseCases>) {
  const { store } = deps;
  return {
    /**
     * The tasks to export to `repo` (connected with task export): approved or started, with no
     * issue yet, and not made from one. Empty when its export is off.
     */
    pendingExports(ctx: Ctx, repo: string): Task[] {
      const link = requireRepo(store, ctx, repo);
      if (!link.exportTasks) return [];
      return store.github
        .exportable(ctx.workspaceId, link.projectId)
        .map((id) => store.tasks.findById(id))
        .filter((t): t is Task => t !== null);
    },

    /** Records that task `ref` was given issue `number` (at `url`) in `repo`, in its log too. */
    recordExport(ctx: Ctx, repo: string, ref: string, issue: { number: number; url: string }): Task {
      return store.transaction(() => {
        const link = requireRepo(store, ctx, repo);
        const exported = tasks.requireTask(ctx, ref);
        // Failed and retried while its issue was being made: the issue is its open retry's.
        const retry = tasks.openRetry(exported);
        const task = retry !== null && retry.issue === undefined ? retry : exported;
        const now = nowIso(deps);
        store.github.addTaskIssue(task.id, link.id, issue.number, issue.url, now);
        const note = `tracked as ${link.fullName}#${issue.number} on GitHub: ${issue.url}`;
        recordStep(
          store,
          ctx,
          task,
          { type: 'exported', to: task.status, note, data: { issue: issue.url } },
          now,
        );
        return task;
      });
    },

    /**
     * A pull request closed on GitHub. Merged: each task it names (`T-12` in its title or body) or
     * made from an issue it closes (`Closes #4`) is recorded done, with the PR as evidence: who
     * (its author, by GitHub login), when, the link, and the minutes from the task's start (or the
     * PR's opening) to the merge. Closed unmerged: the PR is noted in their logs, not a failure.
     * Once each time it closes, whether a webhook or a sync brings it (none when it came before).
     */
    closedPullRequest(ctx: Ctx, link: GitHubRepoLink, pr: ClosedPullRequest): PullRequestOutcome[] {
      return store.transaction(() => {
        const closing = `pull:${link.fullName}#${pr.number}:${pr.closedAt}`;
        if (
          !store.processed.mark(
            ctx.workspaceId,
            'github',
            closing,
            pr.merged ? 'merged' : 'closed',
            nowIso(deps),
          )
        )
          return [];
        const named = new Set(taskRefsIn(`${pr.title}\n${pr.body}`));
        const found = new Map<string, Task>();
        // A task ref names a task of one workspace: a repository connected in several (two teams'
        // projects) cannot tell whose T-2 a pull request means, so there it counts only for a task
        // of the project the repository is connected to in this workspace.
        const shared = store.github.reposNamed(link.fullName).length > 1;
        for (const ref of named) {
          const byRef = store.tasks.findByRef(ctx.workspaceId, ref);
          // A failed task retried: its open retry does the work now (its issue went to it too).
          const task = (byRef && tasks.openRetry(byRef)) ?? byRef;
          if (task && (!shared || task.projectId === link.projectId)) found.set(task.ref, task);
        }
        for (const number of closedIssuesIn(pr.body, link.fullName)) {
          const item = store.github.itemOfIssue(link.id, number);
          if (item)
            for (const task of store.tasks.openOnItem(ctx.workspaceId, item)) found.set(task.ref, task);
        }
        const author = store.assignees.findByGitHub(ctx.workspaceId, pr.author);
        const now = nowIso(deps);
        const outcomes: PullRequestOutcome[] = [];
        const evidence = {
          via: 'github',
          pr: {
            number: pr.number,
            url: pr.htmlUrl,
            author: pr.author,
            mergedBy: pr.mergedBy,
            closedAt: pr.closedAt,
          },
        };
        for (const task of found.values()) {
          const noted = (why: string): PullRequestOutcome => {
            recordStep(
              store,
              ctx,
              task,
              { type: 'pr_closed', to: task.status, note: why, data: evidence },
              now,
            );
            return { ref: task.ref, result: 'noted', why, assignee: null, minutes: null };
          };
          if (!pr.merged) {
            outcomes.push(noted(`PR #${pr.number} was closed without merging: ${pr.htmlUrl}`));
            continue;
          }
          if (task.status === 'done') {
            outcomes.push({ ref: task.ref, result: 'already', why: null, assignee: null, minutes: null });
            continue;
          }
          // Merged before the task was proposed, it is no work of the task's: a sync reading from a
          // cursor weeks old (a repository connected since) found a merge into another branch from
          // before, and closed the open bug's task with it.
          if (Date.parse(pr.closedAt) < Date.parse(task.createdAt)) {
            outcomes.push(
              noted(
                `PR #${pr.number} was merged on ${pr.closedAt.slice(0, 10)}, before ${task.ref} was proposed: ${pr.htmlUrl}`,
              ),
            );
            continue;
          }
          if (task.status !== 'approved' && task.status !== 'in_progress') {
            outcomes.push(
              noted(
                `PR #${pr.number} was merged while ${task.ref} is ${task.status.replace('_', ' ')}: ${pr.htmlUrl}`,
              ),
            );
            continue;
          }
          const since = store.events.lastAt(task.id, ['started', 'claimed']) ?? pr.createdAt;
          const minutes = Math.max(0, Math.round((Date.parse(pr.closedAt) - Date.parse(since)) / 6_000) / 10);
          const assignee = author?.name ?? task.claimedBy ?? task.assignee;
          // A sync's listing does not say who merged it.
          const merged = pr.mergedBy === null ? `by @${pr.author} merged` : `merged by @${pr.mergedBy}`;
          const note = `PR #${pr.number} ${merged}: ${pr.htmlUrl}`;
          tasks.transition(ctx, task, 'done', note, { minutes, ...(assignee ? { assignee } : {}) }, evidence);
          outcomes.push({ ref: task.ref, result: 'done', why: null, assignee, minutes, pr: pr.number });
        }
        return outcomes;
      });
    },
  };
}
