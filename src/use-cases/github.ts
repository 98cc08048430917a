import type { Ctx } from '../domain/ctx.js';
import {
  type BacklogIssue,
  type ClosedPullRequest,
  type ConnectInput,
  classifyIssue,
  closedIssuesIn,
  DEFAULT_BUG_LABELS,
  DEFAULT_SEVERITY_LABELS,
  type GitHubRepoLink,
  parseRepoName,
  taskRefsIn,
} from '../domain/github.js';
import { BUG_SEVERITIES, type BugSeverity, type BugStatus, type FeatureStatus } from '../domain/project.js';
import { OPEN_STATUSES, type Task } from '../domain/task.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { SyncedIssue } from '../store/github-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import type { createProjectUseCases } from './projects.js';
import { recordStep } from './record-step.js';
import type { createTaskUseCases } from './tasks.js';

/** A connect request checked before anyone asks GitHub: the repository named, the label maps parsed. */
export interface ConnectPlan {
  fullName: string;
  project: string;
  bugLabels: string[];
  severityLabels: Record<string, BugSeverity>;
  exportTasks: boolean;
}

/** The repository as GitHub answered for it: how it spells its name, and its page. */
export interface VerifiedRepo {
  fullName: string;
  htmlUrl: string;
  /** The GitHub App installation that reaches it, when the connector signs in as an App. */
  installationId?: number;
}

/** A linked repository, with the name of its project. */
export interface RepoLinkView extends GitHubRepoLink {
  projectName: string;
}

/** What one sync (or one webhook delivery) did to the backlog. */
export interface SyncCounts {
  /** Issues that became features or bugs. */
  added: number;
  /** Items whose title, status or severity changed. */
  updated: number;
  /** Items closed (done, fixed or won't fix) or removed (closed as not planned). */
  closed: number;
  /** Issues already as synced. */
  unchanged: number;
  /** Open tasks closed because their issue closed. */
  tasksClosed: string[];
}

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
}

const MAX_LABELS = 50;
const LABEL = /^[^,=\n\r\t]{1,50}$/;

/** `bug, type: bug` → lowercase labels. @throws ValidationError naming the bad one. */
function parseBugLabels(text: string): string[] {
  const labels = text
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  if (labels.length === 0)
    throw new ValidationError('bug labels: give at least one, like "bug,type: bug"', 'bugLabels');
  if (labels.length > MAX_LABELS) throw new ValidationError(`bug labels: at most ${MAX_LABELS}`, 'bugLabels');
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined)
    throw new ValidationError(`bug labels: "${bad}" is not a label (1–50 characters)`, 'bugLabels');
  return [...new Set(labels)];
}

/** `P0=critical, sev:low=low` → label → severity. @throws ValidationError naming the entry that does not parse. */
function parseSeverityLabels(text: string): Record<string, BugSeverity> {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) {
    throw new ValidationError(
      'severity labels: give label=severity pairs, like "P0=critical,P1=high"',
      'severityLabels',
    );
  }
  if (entries.length > MAX_LABELS)
    throw new ValidationError(`severity labels: at most ${MAX_LABELS}`, 'severityLabels');
  const map: Record<string, BugSeverity> = {};
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    const label = entry.slice(0, eq).trim().toLowerCase();
    const severity = entry
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (eq < 0 || !LABEL.test(label) || !(BUG_SEVERITIES as readonly string[]).includes(severity)) {
      throw new ValidationError(
        `severity labels: "${entry}" is not label=severity (severity one of ${BUG_SEVERITIES.join(', ')}), like "P0=critical"`,
        'severityLabels',
      );
    }
    map[label] = severity as BugSeverity;
  }
  return map;
}

/** What an issue should be in Goalpost now: its kind, status and severity; null when it should not be there. */
type Wanted =
  | { kind: 'feature'; title: string; status: FeatureStatus }
  | { kind: 'bug'; title: string; status: BugStatus; severity: BugSeverity }
  | null;

/** A synced item as it stands: enough to compare with what its issue says now. */
interface Current {
  kind: 'feature' | 'bug';
  id: number;
  projectId: number;
  title: string;
  status: FeatureStatus | BugStatus;
  severity: BugSeverity | null;
}

function wantedOf(issue: BacklogIssue, link: GitHubRepoLink): Wanted {
  const title = issue.title.trim().slice(0, 300);
  const kind = classifyIssue(issue.labels, link.bugLabels, link.severityLabels);
  const open = issue.state === 'open';
  const notPlanned = issue.stateReason === 'not_planned';
  if (kind.kind === 'bug') {
    return {
      kind: 'bug',
      title,
      severity: kind.severity,
      status: open ? 'open' : notPlanned ? 'wontfix' : 'fixed',
    };
  }
  // A feature has no "won't do": one closed as not planned leaves the backlog.
  if (!open && notPlanned) return null;
  // Someone assigned is on it.
  return { kind: 'feature', title, status: open ? (issue.assignee ? 'in_progress' : 'planned') : 'done' };
}

export function createGitHubUseCases(
  deps: UseCaseDeps,
  members: ReturnType<typeof createMemberUseCases>,
  projects: ReturnType<typeof createProjectUseCases>,
  tasks: ReturnType<typeof createTaskUseCases>,
) {
  const { store } = deps;

  /** The link of repository `repo` in the caller's workspace. @throws NotFoundError listing the connected ones. */
  function requireRepo(ctx: Ctx, repo: string): GitHubRepoLink {
    const fullName = parseRepoName(repo) ?? repo;
    const link = store.github.findRepo(ctx.workspaceId, fullName);
    if (link) return link;
    const known = store.github.listRepos(ctx.workspaceId).map((r) => r.fullName);
    throw new NotFoundError(
      `${fullName} is not connected; ${known.length ? `connected: ${known.join(', ')}` : 'connect one with `goalpost github connect owner/repo --project "Name"`'}`,
    );
  }

  /** The open tasks made from a backlog item. */
  function openTasksOn(ctx: Ctx, item: { kind: 'feature' | 'bug'; id: number }): Task[] {
    return store.tasks
      .list(ctx.workspaceId, { status: [...OPEN_STATUSES], limit: 1_000_000 })
      .filter((t) => t.item?.kind === item.kind && t.item.id === item.id);
  }

  /**
   * When an issue closes on GitHub, the open tasks made from it close too: done if it was completed
   * and the task was under way, cancelled otherwise (the work went away). Returns their refs.
   */
  function closeTasksOf(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    item: { kind: 'feature' | 'bug'; id: number },
  ): string[] {
    const closed: string[] = [];
    for (const task of openTasksOn(ctx, item)) {
      const completed = issue.stateReason !== 'not_planned';
      const action = completed && task.status !== 'proposed' ? 'done' : 'cancel';
      const note = `${link.fullName}#${issue.number} was closed on GitHub${completed ? '' : ' as not planned'}`;
      tasks.transition(ctx, task, action, note, {}, { via: 'github', issue: issue.htmlUrl });
      closed.push(task.ref);
    }
    return closed;
  }

  /** The item an issue was synced into, as it stands now (null if it is gone). */
  function currentItem(synced: SyncedIssue): Current | null {
    if (synced.featureId !== null) {
      const f = store.projects.feature(synced.featureId);
      return (
        f && {
          kind: 'feature',
          id: f.id,
          projectId: f.projectId,
          title: f.title,
          status: f.status,
          severity: null,
        }
      );
    }
    const b = store.projects.bug(synced.bugId as number);
    return (
      b && {
        kind: 'bug',
        id: b.id,
        projectId: b.projectId,
        title: b.title,
        status: b.status,
        severity: b.severity,
      }
    );
  }

  /**
   * An issue Goalpost made for a task (task export) is the task's, not backlog: closed as
   * completed, the task is done if it was approved or started; closed otherwise, it is cancelled.
   * Returns false when the issue is no exported task's.
   */
  function applyTaskIssue(ctx: Ctx, link: GitHubRepoLink, issue: BacklogIssue, counts: SyncCounts): boolean {
    const taskId = store.github.taskOfIssue(link.id, issue.number);
    if (taskId === null) return false;
    const task = store.tasks.findById(taskId);
    const open = task !== null && (OPEN_STATUSES as readonly string[]).includes(task.status);
    if (task === null || !open || issue.state === 'open') {
      counts.unchanged++;
      return true;
    }
    const completed = issue.stateReason !== 'not_planned';
    const action = completed && task.status !== 'proposed' ? 'done' : 'cancel';
    const note = `${link.fullName}#${issue.number} was closed on GitHub${completed ? '' : ' as not planned'}`;
    tasks.transition(ctx, task, action, note, {}, { via: 'github', issue: issue.htmlUrl });
    counts.tasksClosed.push(task.ref);
    return true;
  }

  /** Applies one issue to the backlog of `link`'s project. Call inside a write transaction. */
  function applyIssue(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    now: string,
    counts: SyncCounts,
  ): void {
    if (applyTaskIssue(ctx, link, issue, counts)) return;
    const synced = store.github.issue(link.id, issue.number);
    // The same copy again (a redelivery, a second sync) or an older one: nothing to do.
    if (synced !== null && synced.githubUpdatedAt >= issue.updatedAt) {
      counts.unchanged++;
      return;
    }
    const wanted = wantedOf(issue, link);
    const current = synced === null ? null : currentItem(synced);
    // Closed as not planned, relabelled (a feature now a bug), or its repository moved to another
    // project: the old item goes, and its open tasks close if the issue did.
    if (
      current !== null &&
      (wanted === null || wanted.kind !== current.kind || current.projectId !== link.projectId)
    ) {
      if (issue.state === 'closed') counts.tasksClosed.push(...closeTasksOf(ctx, link, issue, current));
      if (current.kind === 'feature') store.projects.deleteFeature(current.id);
      else store.projects.deleteBug(current.id);
      store.github.deleteIssue(link.id, issue.number);
      if (wanted === null || issue.state === 'closed') {
        counts.closed++;
        return;
      }
      addItem(link, issue, wanted, now, counts);
      return;
    }
    if (current === null) {
      // A closed issue never seen is history, not backlog.
      if (wanted === null || issue.state === 'closed') counts.unchanged++;
      else addItem(link, issue, wanted, now, counts);
      return;
    }
    const changed = updateItem(current, wanted as NonNullable<Wanted>, now);
    if (changed === 'closed') {
      counts.closed++;
      counts.tasksClosed.push(...closeTasksOf(ctx, link, issue, current));
    } else if (changed === 'updated') counts.updated++;
    else counts.unchanged++;
    linkIssue(link, issue, current);
  }

  /** A new open issue as a feature or bug of `link`'s project. */
  function addItem(
    link: GitHubRepoLink,
    issue: BacklogIssue,
    wanted: NonNullable<Wanted>,
    now: string,
    counts: SyncCounts,
  ): void {
    const item =
      wanted.kind === 'feature'
        ? {
            kind: 'feature' as const,
            id: store.projects.addFeature(link.projectId, wanted.title, wanted.status, now).id,
          }
        : {
            kind: 'bug' as const,
            id: store.projects.addBug(link.projectId, wanted.title, wanted.severity, now).id,
          };
    counts.added++;
    linkIssue(link, issue, item);
  }

  function linkIssue(
    link: GitHubRepoLink,
    issue: BacklogIssue,
    item: { kind: 'feature' | 'bug'; id: number },
  ): void {
    store.github.upsertIssue({
      repoId: link.id,
      number: issue.number,
      featureId: item.kind === 'feature' ? item.id : null,
      bugId: item.kind === 'bug' ? item.id : null,
      htmlUrl: issue.htmlUrl,
      assignee: issue.assignee,
      milestone: issue.milestone?.title ?? null,
      milestoneDue: issue.milestone?.dueOn ?? null,
      githubUpdatedAt: issue.updatedAt,
    });
  }

  /**
   * Brings a synced item to what its issue says. Only a change of title, status or severity touches
   * the item (a comment on GitHub changes nothing here, so done work is not taken as reopened).
   */
  function updateItem(
    current: Current,
    wanted: NonNullable<Wanted>,
    now: string,
  ): 'closed' | 'updated' | 'same' {
    const severity = wanted.kind === 'bug' ? wanted.severity : null;
    if (current.title === wanted.title && current.status === wanted.status && current.severity === severity) {
      return 'same';
    }
    if (wanted.kind === 'feature') store.projects.syncFeature(current.id, wanted.title, wanted.status, now);
    else store.projects.syncBug(current.id, wanted.title, wanted.severity, wanted.status, now);
    const wasOpen = current.status !== 'done' && current.status !== 'fixed' && current.status !== 'wontfix';
    const isOpen = wanted.status !== 'done' && wanted.status !== 'fixed' && wanted.status !== 'wontfix';
    return wasOpen && !isOpen ? 'closed' : 'updated';
  }

  return {
    requireRepo,

    /**
     * Checks a connect request before GitHub is asked anything: the repository's name, the project,
     * the label maps. @throws ValidationError naming the bad part; NotFoundError for the project.
     */
    planConnect(ctx: Ctx, input: ConnectInput): ConnectPlan {
      members.authorize(ctx, 'admin', 'connecting GitHub');
      const fullName = parseRepoName(input.repo ?? '');
      if (fullName === null) {
        throw new ValidationError(
          `repository: "${input.repo}" is not owner/name (like acme/booking-app) or a GitHub URL`,
          'repo',
        );
      }
      const project = projects.requireProject(ctx, input.project ?? '');
      return {
        fullName,
        project: project.name,
        bugLabels: input.bugLabels === undefined ? [...DEFAULT_BUG_LABELS] : parseBugLabels(input.bugLabels),
        severityLabels:
          input.severityLabels === undefined
            ? { ...DEFAULT_SEVERITY_LABELS }
            : parseSeverityLabels(input.severityLabels),
        exportTasks: input.exportTasks === true,
      };
    },

    /**
     * Links the repository GitHub confirmed to the plan's project; connecting it again changes its
     * project and labels. @throws ConflictError when the repository's name changed meanwhile.
     */
    connect(ctx: Ctx, plan: ConnectPlan, repo: VerifiedRepo): { link: RepoLinkView; created: boolean } {
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'connecting GitHub');
        const project = projects.requireProject(ctx, plan.project);
        const settings = {
          projectId: project.id,
          htmlUrl: repo.htmlUrl,
          bugLabels: plan.bugLabels,
          severityLabels: plan.severityLabels,
          exportTasks: plan.exportTasks,
          installationId: repo.installationId ?? null,
        };
        const existing = store.github.findRepo(ctx.workspaceId, repo.fullName);
        if (existing) {
          store.github.updateRepo(existing.id, settings);
          // Other labels (or another project) make other items of the same issues: read them all again.
          const relabelled =
            existing.projectId !== project.id ||
            JSON.stringify(existing.bugLabels) !== JSON.stringify(plan.bugLabels) ||
            JSON.stringify(existing.severityLabels) !== JSON.stringify(plan.severityLabels);
          if (relabelled) store.github.resetSync(existing.id);
          const cursor = relabelled ? { cursor: null, etag: null } : {};
          return { link: { ...existing, ...settings, ...cursor, projectName: project.name }, created: false };
        }
        const link = store.github.addRepo(
          { workspaceId: ctx.workspaceId, fullName: repo.fullName, createdBy: ctx.actor, ...settings },
          nowIso(deps),
        );
        return { link: { ...link, projectName: project.name }, created: true };
      });
    },

    /** Every linked repository of the workspace, with its project's name. */
    repos(ctx: Ctx): RepoLinkView[] {
      const names = new Map(store.projects.list(ctx.workspaceId).map((p) => [p.id, p.name]));
      return store.github
        .listRepos(ctx.workspaceId)
        .map((link) => ({ ...link, projectName: names.get(link.projectId) ?? '?' }));
    },

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
     * The tasks to export to `repo` (connected with task export): approved or started, with no
     * issue yet, and not made from one. Empty when its export is off.
     */
    pendingExports(ctx: Ctx, repo: string): Task[] {
      const link = requireRepo(ctx, repo);
      if (!link.exportTasks) return [];
      return store.github
        .exportable(link.projectId)
        .map((id) => store.tasks.findById(id))
        .filter((t): t is Task => t !== null);
    },

    /** Records that task `ref` was given issue `number` (at `url`) in `repo`, in its log too. */
    recordExport(ctx: Ctx, repo: string, ref: string, issue: { number: number; url: string }): Task {
      return store.transaction(() => {
        const link = requireRepo(ctx, repo);
        const task = tasks.requireTask(ctx, ref);
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

    /** The workspaces with a linked repository: what the scheduled sync visits. */
    linkedWorkspaces: (): string[] => store.github.linkedWorkspaces(),

    /** Every workspace's link to `fullName`: where a webhook delivery for it applies. */
    linksNamed: (fullName: string): GitHubRepoLink[] => store.github.reposNamed(fullName),

    /**
     * Applies issues to the backlog of `link`'s project in one transaction: new open issues become
     * features or bugs, changed ones are updated, closed ones close their items (and the open tasks
     * made from them). With `cursor`, records how far the sync got, in the same transaction: a sync
     * that fails part-way writes nothing and starts again from the old cursor.
     */
    ingest(
      ctx: Ctx,
      repo: string,
      issues: readonly BacklogIssue[],
      cursor?: { cursor: string | null; etag: string | null },
    ): SyncCounts {
      return store.transaction(() => {
        const link = requireRepo(ctx, repo);
        const now = nowIso(deps);
        const counts: SyncCounts = { added: 0, updated: 0, closed: 0, unchanged: 0, tasksClosed: [] };
        for (const issue of issues) applyIssue(ctx, link, issue, now, counts);
        if (cursor !== undefined) store.github.setCursor(link.id, cursor.cursor, cursor.etag, now);
        return counts;
      });
    },

    /**
     * A pull request closed on GitHub. Merged: each task it names (`T-12` in its title or body) or
     * made from an issue it closes (`Closes #4`) is recorded done, with the PR as evidence: who
     * (its author, by GitHub login), when, the link, and the minutes from the task's start (or the
     * PR's opening) to the merge. Closed unmerged: the PR is noted in their logs, not a failure.
     */
    closedPullRequest(ctx: Ctx, link: GitHubRepoLink, pr: ClosedPullRequest): PullRequestOutcome[] {
      return store.transaction(() => {
        const named = new Set(taskRefsIn(`${pr.title}\n${pr.body}`));
        const found = new Map<string, Task>();
        for (const ref of named) {
          const task = store.tasks.findByRef(ctx.workspaceId, ref);
          if (task) found.set(task.ref, task);
        }
        for (const number of closedIssuesIn(pr.body, link.fullName)) {
          const item = store.github.itemOfIssue(link.id, number);
          if (item) for (const task of openTasksOn(ctx, item)) found.set(task.ref, task);
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
          const note = `PR #${pr.number} merged by @${pr.mergedBy ?? pr.author}: ${pr.htmlUrl}`;
          tasks.transition(ctx, task, 'done', note, { minutes, ...(assignee ? { assignee } : {}) }, evidence);
          outcomes.push({ ref: task.ref, result: 'done', why: null, assignee, minutes });
        }
        return outcomes;
      });
    },
  };
}
