import type { Ctx } from '../domain/ctx.js';
import {
  areaLabelsOf,
  type BacklogIssue,
  classifyIssue,
  closedUndone,
  DELETED,
  estimateOfLabels,
  type GitHubRepoLink,
  type GoneIssue,
  leftWithIssue,
  notBacklogLabel,
  priorityOfLabels,
  TRANSFERRED,
} from '../domain/github.js';
import { type BugSeverity, type BugStatus, type FeatureStatus, isOpenItem } from '../domain/project.js';
import { OPEN_STATUSES, type Task, type TaskFacts } from '../domain/task.js';
import { asOneLine } from '../domain/validate.js';
import { categoryOf, itemKey, itemTitle } from '../engine/BacklogItem.js';
import type { Store } from '../store/create-store.js';
import type { SyncedIssue } from '../store/github-repository.js';
import { withdrawProposals } from './item-tasks.js';
import { recordStep } from './record-step.js';
import type { createTaskUseCases } from './tasks.js';

/** The event of an open task whose bug's severity changed on GitHub (see resever). */
export const SEVERITY_CHANGED = 'severity_changed';

/** How the reasoning of such a task begins its line saying so. */
const SEVERITY_NOW = 'Severity on GitHub now: ';

/** The event of an approved or started task moved to its issue's item of the other kind (see moveStarted). */
export const KIND_CHANGED = 'kind_changed';

/** How the reasoning of such a task begins its line saying so. */
const KIND_NOW = 'Kind on GitHub now: ';

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
  /**
   * Items whose milestone changed on GitHub (the issue moved to another or out of one, or its
   * milestone renamed, given another due date, or deleted), however else they changed: a
   * milestone's due date presses work, or puts it after the revenue target.
   */
  rescheduled: number;
  /** Open tasks closed because their issue closed. */
  tasksClosed: string[];
  /** Open tasks recorded done by a pull request merged (a sync's: see SyncChanges.pulls), and its author's login. */
  tasksDone: Array<{ ref: string; pr: number; author: string }>;
  /**
   * Proposed tasks withdrawn because their issue changed (relabelled, moved, now a low bug or
   * upkeep, blocked by another).
   */
  tasksWithdrawn: string[];
  /**
   * Tasks approved or under way moved to their issue's new item, as it was relabelled from feature
   * to bug or back: the same work, now of the other kind (see moveStarted).
   */
  tasksMoved: string[];
  /** Waits between features added because GitHub says an issue is blocked by another. */
  waitsAdded: number;
  /** Waits GitHub gave before and no longer does, dropped (a wait the team typed never is). */
  waitsRemoved: number;
  /**
   * GitHub's "blocked by"s left out as waits, `7 after 9` (feature ids): feature 9 waits for
   * feature 7 already (the team typed it, or GitHub said so the other way), and each would wait for
   * the other.
   */
  waitsLeftOut: string[];
  /**
   * Issues of open items GitHub no longer shows in the repository, found by a sync's daily
   * comparison (see OPEN_CHECK_HOURS): deleted, or transferred to `to`. Their items left the
   * backlog (counted in `closed`) and their tasks closed (in `tasksClosed`); or, `kept`, moved to
   * another repository of the same project, their items and tasks with them.
   */
  gone: Array<GoneIssue & { kept: boolean }>;
}

/**
 * What an issue should be in Goalpost now: its kind, status and severity, and the estimate its
 * labels give (null: they give none, and the item keeps the one the team typed, if any); null when
 * it should not be there.
 */
type Wanted =
  | { kind: 'feature'; title: string; status: FeatureStatus; upkeep: boolean; estimate: number | null }
  | { kind: 'bug'; title: string; status: BugStatus; severity: BugSeverity; estimate: number | null }
  | null;

/** A synced item as it stands: enough to compare with what its issue says now. */
interface Current {
  kind: 'feature' | 'bug';
  id: number;
  projectId: number;
  title: string;
  status: FeatureStatus | BugStatus;
  severity: BugSeverity | null;
  /** Whether a feature is upkeep (false for a bug). */
  upkeep: boolean;
  estimate: number | null;
  /** The goal the team linked it to (`feature goal`), or null. */
  goalId: number | null;
  /** Its last change (see Feature.updatedAt). */
  updatedAt: string;
}

function wantedOf(issue: BacklogIssue, link: GitHubRepoLink): Wanted {
  // Labelled as no work to do (wontfix, duplicate, invalid): not backlog while it is.
  if (issue.state === 'open' && notBacklogLabel(issue.labels) !== null) return null;
  const title = asOneLine(issue.title).slice(0, 300);
  const kind = classifyIssue(issue.labels, link);
  const open = issue.state === 'open';
  const notPlanned = closedUndone(issue.stateReason) !== null;
  const estimate = estimateOfLabels(issue.labels);
  if (kind.kind === 'bug') {
    return {
      kind: 'bug',
      title,
      severity: kind.severity,
      status: open ? 'open' : notPlanned ? 'wontfix' : 'fixed',
      estimate,
    };
  }
  // A feature has no "won't do": one closed as not planned (or as a duplicate) leaves the backlog.
  if (!open && notPlanned) return null;
  // Someone assigned is on it.
  const status = open ? (issue.assignee ? 'in_progress' : 'planned') : 'done';
  return { kind: 'feature', title, status, upkeep: kind.upkeep, estimate };
}

/**
 * An item's estimate once its issue's labels say `label` (null: they give none), where they said
 * `seen` at the last sync (undefined: the item was typed, and is linked to its issue now). Labels
 * that changed it set it; labels taken off take back the estimate they gave, unless the team
 * typed another since (`feature estimate`); labels as they were leave it as the team left it, so an
 * edit of the issue's text does not undo an estimate typed.
 */
function estimateNow(
  current: number | null,
  label: number | null,
  seen: number | null | undefined,
): number | null {
  if (label === seen) return current;
  if (label !== null) return label;
  return seen !== undefined && current === seen ? null : current;
}

/**
 * How an issue changes the backlog of its repository's project: a new open one becomes a feature
 * or a bug, a changed one updates it, a closed one closes it and the open tasks made from it; an
 * issue Goalpost made for a task (task export) moves that task instead.
 */
export function createIssueApplier(store: Store, tasks: ReturnType<typeof createTaskUseCases>) {
  /**
   * An open task closed with its issue: done if the issue was completed and the task was approved
   * or under way, cancelled otherwise (still proposed, or the issue closed as not planned or as a
   * duplicate: see closedUndone), its step saying how the issue closed.
   */
  function closeWithIssue(ctx: Ctx, link: GitHubRepoLink, issue: BacklogIssue, task: Task): void {
    const undone = closedUndone(issue.stateReason);
    const action = undone === null && task.status !== 'proposed' ? 'done' : 'cancel';
    const note = `${link.fullName}#${issue.number} was ${undone ?? 'closed on GitHub'}`;
    tasks.transition(ctx, task, action, note, {}, { via: 'github', issue: issue.htmlUrl });
  }

  /**
   * When an issue closes on GitHub, the open tasks made from it close too (see closeWithIssue).
   * Returns their refs.
   */
  function closeTasksOf(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    item: { kind: 'feature' | 'bug'; id: number },
  ): string[] {
    const closed: string[] = [];
    for (const task of store.tasks.openOnItem(ctx.workspaceId, item)) {
      closeWithIssue(ctx, link, issue, task);
      closed.push(task.ref);
    }
    return closed;
  }

  /**
   * A synced feature that left the backlog with its issue (closed there as no work, or labelled
   * so), recorded as dropped with the issue, so a later command naming it says where it went.
   */
  function recordLeft(ctx: Ctx, link: GitHubRepoLink, issue: BacklogIssue, item: Current, now: string): void {
    const reason = leftWithIssue(issue, notBacklogLabel(issue.labels) ?? 'wontfix');
    store.projects.recordDrop(ctx.workspaceId, {
      id: item.id,
      project: store.projects.nameOf(ctx.workspaceId, item.projectId) ?? '',
      title: item.title,
      reason,
      at: now,
      issue: { ref: `${link.fullName}#${issue.number}`, url: issue.htmlUrl },
    });
  }

  /** The tasks still proposed from `item`, cancelled with `note`: their refs (see withdrawProposals). */
  function withdrawFrom(
    ctx: Ctx,
    issue: BacklogIssue,
    item: { kind: 'feature' | 'bug'; id: number },
    note: string,
  ): string[] {
    return withdrawProposals(store, tasks, ctx, item, note, { via: 'github', issue: issue.htmlUrl })
      .withdrawn;
  }

  /**
   * An open issue whose item goes (relabelled from feature to bug or back, its repository moved to
   * another project, or labelled as no work to do): the proposals from the old item are withdrawn,
   * as the work is proposed again as what it is now, if it is work; without that, the next batch
   * proposed it twice ("Build …" and "Fix …" for one issue).
   */
  function withdrawMoved(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    item: { kind: 'feature' | 'bug'; id: number },
    wanted: Wanted,
  ): string[] {
    const ref = `${link.fullName}#${issue.number}`;
    const note =
      wanted === null
        ? `${ref} is labelled '${notBacklogLabel(issue.labels) ?? 'not planned'}' on GitHub now: not backlog`
        : `${ref} is a ${wanted.kind}${wanted.kind === item.kind ? ' of another project' : ''} on GitHub now; it is proposed again as such`;
    return withdrawFrom(ctx, issue, item, note);
  }

  /**
   * An open bug relabelled low: a low bug is never proposed (backlog-candidates), so a proposal
   * made while it was worse is withdrawn rather than left in the batch to be approved. An open
   * feature relabelled upkeep: its proposal was valued at a share of the revenue gap upkeep does
   * not have, so it is withdrawn too (the next plan proposes it as upkeep, if it still ranks).
   */
  function withdrawDevalued(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    current: Current,
    wanted: NonNullable<Wanted>,
  ): string[] {
    if (wanted.kind === 'feature') {
      if (!wanted.upkeep || wanted.status === 'done' || current.kind !== 'feature' || current.upkeep)
        return [];
      const note = `${link.fullName}#${issue.number} is labelled upkeep on GitHub now, and upkeep shares no part of the revenue gap it was valued at`;
      return withdrawFrom(ctx, issue, current, note);
    }
    if (wanted.status !== 'open' || wanted.severity !== 'low') return [];
    if (current.kind !== 'bug' || current.severity === 'low') return [];
    const note = `${link.fullName}#${issue.number} is a low bug on GitHub now, and low bugs are not proposed`;
    return withdrawFrom(ctx, issue, current, note);
  }

  /**
   * An open bug relabelled to another severity (a customer escalated it: P1 to P0): the tasks
   * approved or under way on it take the new severity, which the queue and a plan's tiers read (a
   * critical bug goes first), and a line saying so. A review found an approved fix still saying
   * "this high bug" and queued as one the day the bug was relabelled P0 and listed as a blocker.
   * Proposals are valued again by the next saved plan; a bug relabelled low keeps its approved work.
   */
  function resever(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    current: Current,
    wanted: NonNullable<Wanted>,
    now: string,
  ): void {
    if (current.kind !== 'bug' || wanted.kind !== 'bug' || wanted.status !== 'open') return;
    if (current.severity === null || current.severity === wanted.severity) return;
    const where = `${link.fullName}#${issue.number}`;
    for (const task of store.tasks.openOnItem(ctx.workspaceId, current)) {
      if (task.status === 'proposed' || task.facts.severity === wanted.severity) continue;
      const was = task.facts.severity ?? current.severity;
      const line = `${SEVERITY_NOW}${wanted.severity} (${where}), ${was} when it was proposed`;
      const reasoning = [...task.reasoning.filter((l) => !l.startsWith(SEVERITY_NOW)), line];
      if (!store.tasks.setSeverity(task.id, wanted.severity, reasoning)) continue;
      const first = wanted.severity === 'critical' ? ': it goes first' : '';
      recordStep(
        store,
        ctx,
        task,
        {
          type: SEVERITY_CHANGED,
          to: task.status,
          note: `is a ${wanted.severity} bug on GitHub now (${where}), ${was} when it was proposed${first}`,
          data: { via: 'github', issue: issue.htmlUrl, from: was, to: wanted.severity },
        },
        now,
      );
    }
  }

  /**
   * An open issue relabelled from feature to bug or back (the issue relabelled, or a label renamed
   * in the repository's settings): its item goes and one of the other kind comes (features and bugs
   * are items of their own), but the task approved or under way on the old item is the same work,
   * taken on by the team. It moves to the new item: its category, title, facts and memory key as
   * that item's work reads them, and a line saying so; its status, assignee and value as decided
   * (the next plan rescales it). A review found a started "Build 'Crash when saving a quiz'" left
   * a feature of no item, and the next plan proposing "Fix 'Crash when saving a quiz'" beside it
   * with dollars of its own. Work open on the new item already (a typed bug linked to the issue,
   * with its own task) keeps it: no two open tasks are one item's work. Returns the ref moved.
   */
  function moveStarted(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    task: Task | undefined,
    item: { kind: 'feature' | 'bug'; id: number },
    wanted: NonNullable<Wanted>,
    now: string,
  ): string[] {
    if (task === undefined) return [];
    // The group a plan reads it in: a bug's by its severity, a feature's as growth or upkeep.
    const kind = wanted.kind === 'bug' ? wanted.severity : wanted.upkeep ? 'upkeep' : 'feature';
    const key = itemKey(kind, item);
    const fingerprint = `item:${key}`;
    if (store.tasks.openWithFingerprint(ctx.workspaceId, fingerprint) !== null) return [];
    const where = `${link.fullName}#${issue.number}`;
    const was = wanted.kind === 'bug' ? 'feature' : 'bug';
    const what = wanted.kind === 'bug' ? `a ${wanted.severity} bug` : 'a feature';
    const line = `${KIND_NOW}${what} (${where}), a ${was} when it was proposed`;
    const title = itemTitle(kind, { status: wanted.status, title: wanted.title }, task.projectName ?? '');
    const move = {
      item,
      category: categoryOf(kind),
      title,
      key,
      fingerprint,
      facts: factsAs(task.facts, wanted),
      reasoning: [...task.reasoning.filter((l) => !l.startsWith(KIND_NOW)), line],
    };
    if (!store.tasks.moveToItem(task.id, move)) return [];
    recordStep(
      store,
      ctx,
      task,
      {
        type: KIND_CHANGED,
        to: task.status,
        note: `is ${what} on GitHub now (${where}): it is "${title}", "${task.title}" before`,
        data: { via: 'github', issue: issue.htmlUrl, from: was, to: wanted.kind },
      },
      now,
    );
    return [task.ref];
  }

  /** The item an issue was synced into, as it stands now (null if it is gone). */
  function currentItem(synced: Pick<SyncedIssue, 'featureId' | 'bugId'>): Current | null {
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
          upkeep: f.upkeep,
          estimate: f.estimateHours,
          goalId: f.goalId,
          updatedAt: f.updatedAt,
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
        upkeep: false,
        estimate: b.estimateHours,
        goalId: b.goalId,
        updatedAt: b.updatedAt,
      }
    );
  }

  /**
   * Whether a copy of an issue with the `updated_at` of the one last seen says what that one did:
   * the item it makes (kind, project, title, status, severity, upkeep) and what the link keeps of
   * it (its labels' estimate and priority, milestone, assignee); for one seen closed with no item
   * here (`synced` null), that it is still no backlog. GitHub's `updated_at` has whole seconds, so
   * two changes within one (a triage bot labelling an issue as it is opened, `gh issue edit` and
   * `gh issue close` run together) come as two copies of that second: only what they say tells
   * the second change from a redelivery of the first, and skipping it lost it for good, as no
   * sync reads a newer copy while the issue stays as it is.
   */
  function saysAsSeen(link: GitHubRepoLink, issue: BacklogIssue, synced: SyncedIssue | null): boolean {
    const wanted = wantedOf(issue, link);
    if (synced === null) return wanted === null || issue.state === 'closed';
    const current = currentItem(synced);
    if (current === null) return true;
    if (wanted === null) return false;
    return (
      wanted.kind === current.kind &&
      current.projectId === link.projectId &&
      wanted.title === current.title &&
      wanted.status === current.status &&
      (wanted.kind === 'bug' ? wanted.severity : null) === current.severity &&
      (wanted.kind === 'feature' && wanted.upkeep) === current.upkeep &&
      estimateOfLabels(issue.labels) === synced.labelEstimate &&
      labelPriorityOf(link, issue, current.kind) === synced.labelPriority &&
      sameLabels(areaLabelsOf(issue.labels, link), synced.areaLabels) &&
      (issue.milestone?.title ?? null) === synced.milestone &&
      (issue.milestone?.dueOn ?? null) === synced.milestoneDue &&
      issue.assignee === synced.assignee
    );
  }

  /**
   * An issue Goalpost made for a task (task export) is the task's, not backlog: closed as
   * completed, the task is done if it was approved or started; closed otherwise, it is cancelled.
   * Returns false when the issue is no exported task's.
   */
  function applyTaskIssue(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    now: string,
    counts: SyncCounts,
  ): boolean {
    const taskId = store.github.taskOfIssue(link.id, issue.number);
    if (taskId === null) return false;
    const task = store.tasks.findById(taskId);
    const open = task !== null && (OPEN_STATUSES as readonly string[]).includes(task.status);
    // Closed or opened again after its task ended: a retry of the task takes it over only if open.
    // A copy older than one seen already (webhooks come in any order) changes nothing.
    const fresh = store.github.seeTaskIssue(link.id, issue.number, issue.state === 'closed', issue.updatedAt);
    if (task === null || !open || issue.state === 'open' || !fresh) {
      counts.unchanged++;
      return true;
    }
    if (closedBeforeRetry(ctx, link, issue, task, now)) {
      counts.unchanged++;
      return true;
    }
    closeWithIssue(ctx, link, issue, task);
    counts.tasksClosed.push(task.ref);
    return true;
  }

  /**
   * An issue closed on GitHub before the retry that holds it took it over (a sync or webhook that
   * came late): the close was about the failed task, not the retry's work, so the issue goes back
   * to the failed task, the retry says so, and the export gives the retry an issue of its own.
   */
  function closedBeforeRetry(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    task: Task,
    now: string,
  ): boolean {
    if (Date.parse(issue.updatedAt) >= Date.parse(task.createdAt)) return false;
    const failed = tasks.retried(task);
    if (failed === null) return false;
    store.github.returnTaskIssue(task.id, failed.id);
    const ref = `${link.fullName}#${issue.number}`;
    recordStep(
      store,
      ctx,
      task,
      {
        type: 'unexported',
        to: task.status,
        note: `${ref} was closed on GitHub before ${task.ref} took it over: it stays ${failed.ref}'s, and ${task.ref} is exported anew`,
        data: { issue: issue.htmlUrl },
      },
      now,
    );
    return true;
  }

  /**
   * Whether a copy opens an issue last seen closed, or closes one last seen open. Of two copies of
   * one second, delivered by webhook in either order (GitHub does not keep their order), only a
   * read tells which state stands: an issue closed and reopened within a second, its `closed`
   * delivered last, closed its approved task as done for good.
   */
  function turnsOver(issue: BacklogIssue, synced: SyncedIssue | null): boolean {
    const current = synced === null ? null : currentItem(synced);
    const seenOpen = current !== null && isOpenItem(current.kind, current.status);
    return (issue.state === 'open') !== seenOpen;
  }

  /**
   * Applies one issue to the backlog of `link`'s project. Call inside a write transaction. `again`:
   * the issue is read again after its repository's labels changed, so the copy already seen is
   * applied anew (an older one never is). `read`: the copy was read from GitHub now (a sync), not
   * delivered (a webhook), so it is the issue as it stands.
   */
  function applyIssue(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    now: string,
    counts: SyncCounts,
    { again = false, read = false }: { again?: boolean; read?: boolean } = {},
  ): void {
    if (applyTaskIssue(ctx, link, issue, now, counts)) return;
    const synced = store.github.issue(link.id, issue.number);
    // An older copy (webhooks come in any order), or the same one again (a redelivery, a second
    // sync): nothing to do. That holds for an issue seen closed with no item here too (its
    // `opened`, delivered after its `closed`). A copy of the same second that says something else
    // is a second change within that second, and is applied (see saysAsSeen), but one delivered
    // that opens or closes it is left to the next sync's read (see turnsOver).
    const seenClosedAt = synced === null ? store.github.closedAt(link.id, issue.number) : null;
    const seenAt = synced?.githubUpdatedAt ?? seenClosedAt;
    const sameSecond = seenAt === issue.updatedAt && !again;
    if (
      seenAt !== null &&
      (seenAt > issue.updatedAt ||
        (sameSecond && (saysAsSeen(link, issue, synced) || (!read && turnsOver(issue, synced)))))
    ) {
      counts.unchanged++;
      return;
    }
    // Opened again since it was seen closed: an item from now on.
    if (seenClosedAt !== null && issue.state === 'open') store.github.unmarkClosed(link.id, issue.number);
    const wanted = wantedOf(issue, link);
    const current = synced === null ? null : currentItem(synced);
    // Closed as not planned, relabelled (a feature now a bug), or its repository moved to another
    // project: the old item goes, and its open tasks close if the issue did.
    if (
      current !== null &&
      (wanted === null || wanted.kind !== current.kind || current.projectId !== link.projectId)
    ) {
      if (issue.state === 'closed') counts.tasksClosed.push(...closeTasksOf(ctx, link, issue, current));
      else counts.tasksWithdrawn.push(...withdrawMoved(ctx, link, issue, current, wanted));
      // Read before the item goes (its tasks then name none): the work taken on, if it stays.
      const relabelled =
        wanted !== null && wanted.kind !== current.kind && current.projectId === link.projectId;
      const started = relabelled
        ? store.tasks.openOnItem(ctx.workspaceId, current).find((t) => t.status !== 'proposed')
        : undefined;
      if (current.kind === 'feature') store.projects.deleteFeature(current.id);
      else store.projects.deleteBug(current.id);
      if (current.kind === 'feature' && wanted === null) recordLeft(ctx, link, issue, current, now);
      store.github.deleteIssue(link.id, issue.number);
      if (wanted === null || issue.state === 'closed') {
        store.github.markClosed(link.id, issue.number, issue.updatedAt);
        counts.closed++;
        return;
      }
      // What the team gave the old item is the work's, whatever it is now: its goal, its estimate.
      const item = addItem(ctx, link, issue, wanted, now, counts, {
        goalId: current.goalId,
        estimate: current.estimate,
      });
      counts.tasksMoved.push(...moveStarted(ctx, link, issue, started, item, wanted, now));
      return;
    }
    if (current === null) {
      // A closed issue never seen is history, not backlog; kept as seen closed, so that an older
      // copy of it arriving later does not add it.
      if (wanted === null || issue.state === 'closed') {
        store.github.markClosed(link.id, issue.number, issue.updatedAt);
        counts.unchanged++;
      } else addItem(ctx, link, issue, wanted, now, counts);
      return;
    }
    counts.tasksWithdrawn.push(...withdrawDevalued(ctx, link, issue, current, wanted as NonNullable<Wanted>));
    resever(ctx, link, issue, current, wanted as NonNullable<Wanted>, now);
    const changed = updateItem(
      ctx,
      current,
      wanted as NonNullable<Wanted>,
      now,
      synced?.labelEstimate ?? null,
    );
    // A feature relabelled to another priority, or an item to another focus area, is updated too,
    // though the item itself is not.
    const reranked =
      synced !== null &&
      (synced.labelPriority !== labelPriorityOf(link, issue, current.kind) ||
        !sameLabels(areaLabelsOf(issue.labels, link), synced.areaLabels));
    if (
      synced !== null &&
      (synced.milestone !== (issue.milestone?.title ?? null) ||
        synced.milestoneDue !== (issue.milestone?.dueOn ?? null))
    )
      counts.rescheduled++;
    if (changed === 'closed') {
      counts.closed++;
      counts.tasksClosed.push(...closeTasksOf(ctx, link, issue, current));
    } else if (changed === 'updated' || reranked) counts.updated++;
    else counts.unchanged++;
    linkIssue(link, issue, current);
  }

  /**
   * An issue of an open item that GitHub no longer shows in its repository (see GoneIssue): the
   * item and its tasks close as for an issue closed not planned, their notes saying it was deleted
   * or transferred. The copy is made from what was synced, dated now (nothing newer of it can come
   * from this repository): its title, and for a bug labels that keep it the bug it was, so that it
   * stays in the bug list as won't fix, as a webhook's copy of a deleted bug leaves it.
   */
  function applyGone(ctx: Ctx, link: GitHubRepoLink, gone: GoneIssue, now: string, counts: SyncCounts): void {
    const synced = store.github.issue(link.id, gone.number);
    const current = synced === null ? null : currentItem(synced);
    if (current !== null && movedWithin(ctx, link, gone, current, counts)) {
      counts.gone.push({ ...gone, kept: true });
      return;
    }
    const copy: BacklogIssue = {
      number: gone.number,
      title: current?.title ?? '',
      state: 'closed',
      stateReason: gone.deleted ? DELETED : TRANSFERRED,
      labels: current?.kind === 'bug' ? bugLabelsOf(link, current.severity) : [],
      htmlUrl: `${link.htmlUrl}/issues/${gone.number}`,
      assignee: null,
      milestone: null,
      updatedAt: now,
    };
    applyIssue(ctx, link, copy, now, counts);
    counts.gone.push({ ...gone, kept: false });
  }

  /**
   * An issue transferred to another repository connected to the same project: the same work,
   * still this project's, so its item and the tasks on it stay, linked to the issue where it is
   * now. A review's in-progress task was cancelled and its feature proposed again from the copy
   * the other repository's sync had added. That copy, if any, goes (its proposals withdrawn)
   * unless the team took work on it already: then the old item leaves as for any transfer.
   * Returns false when the move is not this project's.
   */
  function movedWithin(
    ctx: Ctx,
    link: GitHubRepoLink,
    gone: GoneIssue,
    current: Current,
    counts: SyncCounts,
  ): boolean {
    if (gone.to === null || gone.toNumber === null) return false;
    const target = store.github.findRepo(ctx.workspaceId, gone.to);
    if (target === null || target.id === link.id || target.projectId !== link.projectId) return false;
    const there = `${target.htmlUrl}/issues/${gone.toNumber}`;
    const copy = store.github.issue(target.id, gone.toNumber);
    const copied = copy === null ? null : currentItem(copy);
    if (copied !== null) {
      // Work taken on the copy keeps the copy: decided before anything of it is withdrawn.
      if (store.tasks.openOnItem(ctx.workspaceId, copied).some((t) => t.status !== 'proposed')) return false;
      const note = `${link.fullName}#${gone.number} was transferred to ${target.fullName}#${gone.toNumber}, the same work as ${copied.kind} ${current.id}`;
      const out = withdrawProposals(store, tasks, ctx, copied, note, { via: 'github', issue: there });
      counts.tasksWithdrawn.push(...out.withdrawn);
      if (copied.kind === 'feature') store.projects.deleteFeature(copied.id);
      else store.projects.deleteBug(copied.id);
    }
    store.github.deleteIssue(target.id, gone.toNumber);
    store.github.moveIssue(link.id, gone.number, target.id, gone.toNumber, there);
    counts.updated++;
    return true;
  }

  /**
   * A new open issue as a feature or bug of `link`'s project; or, when the team typed that item
   * into Goalpost before connecting the repository (an open one of the same kind and title, from
   * no issue), that item, linked to the issue and brought to what it says: the same work twice
   * in the backlog would be proposed twice, and the tasks made from the typed one would not
   * close with the issue.
   */
  function addItem(
    ctx: Ctx,
    link: GitHubRepoLink,
    issue: BacklogIssue,
    wanted: NonNullable<Wanted>,
    now: string,
    counts: SyncCounts,
    /** What the team gave the item this issue was before (relabelled, moved): kept. */
    carried: { goalId: number | null; estimate: number | null } = { goalId: null, estimate: null },
  ): { kind: 'feature' | 'bug'; id: number } {
    const typed = store.github.typedItem(link.projectId, wanted.kind, wanted.title);
    if (typed !== null) {
      const current = currentItem(
        wanted.kind === 'feature' ? { featureId: typed, bugId: null } : { featureId: null, bugId: typed },
      );
      if (current !== null) {
        counts.tasksWithdrawn.push(...withdrawDevalued(ctx, link, issue, current, wanted));
        updateItem(ctx, current, wanted, now, undefined);
        counts.updated++;
        linkIssue(link, issue, current);
        return current;
      }
    }
    const item =
      wanted.kind === 'feature'
        ? {
            kind: 'feature' as const,
            id: store.projects.addFeature(
              link.projectId,
              wanted.title,
              wanted.status,
              now,
              carried.goalId,
              wanted.upkeep,
              wanted.estimate ?? carried.estimate,
            ).id,
          }
        : {
            kind: 'bug' as const,
            id: store.projects.addBug(
              link.projectId,
              wanted.title,
              wanted.severity,
              now,
              carried.goalId,
              wanted.estimate ?? carried.estimate,
            ).id,
          };
    counts.added++;
    linkIssue(link, issue, item);
    return item;
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
      milestoneNumber: issue.milestone?.number ?? null,
      githubUpdatedAt: issue.updatedAt,
      labelEstimate: estimateOfLabels(issue.labels),
      labelPriority: labelPriorityOf(link, issue, item.kind),
      areaLabels: areaLabelsOf(issue.labels, link),
    });
  }

  /** The priority an issue's labels give the feature it is (null: none, and for a bug: its severity is its own). */
  function labelPriorityOf(
    link: GitHubRepoLink,
    issue: BacklogIssue,
    kind: 'feature' | 'bug',
  ): BugSeverity | null {
    return kind === 'feature' ? priorityOfLabels(issue.labels, link.severityLabels) : null;
  }

  /**
   * Brings a synced item to what its issue says. Only a change of title, status, severity or upkeep touches
   * the item (a comment on GitHub changes nothing here, so done work is not taken as reopened).
   * Its estimate follows its labels' when they change it (see estimateNow), as `feature estimate`
   * sets one (its updated_at kept).
   */
  function updateItem(
    ctx: Ctx,
    current: Current,
    wanted: NonNullable<Wanted>,
    now: string,
    seenLabel: number | null | undefined,
  ): 'closed' | 'updated' | 'same' {
    const severity = wanted.kind === 'bug' ? wanted.severity : null;
    const upkeep = wanted.kind === 'feature' && wanted.upkeep;
    const estimate = estimateNow(current.estimate, wanted.estimate, seenLabel);
    const estimated =
      estimate !== current.estimate &&
      store.projects.setEstimate(ctx.workspaceId, current.kind, current.id, estimate) === 'changed';
    if (
      current.title === wanted.title &&
      current.status === wanted.status &&
      current.severity === severity &&
      current.upkeep === upkeep
    ) {
      return estimated ? 'updated' : 'same';
    }
    if (wanted.kind === 'feature')
      store.projects.syncFeature(current.id, wanted.title, wanted.status, wanted.upkeep, now);
    else store.projects.syncBug(current.id, wanted.title, wanted.severity, wanted.status, now);
    const wasOpen = current.status !== 'done' && current.status !== 'fixed' && current.status !== 'wontfix';
    const isOpen = wanted.status !== 'done' && wanted.status !== 'fixed' && wanted.status !== 'wontfix';
    if (wasOpen && !isOpen) {
      shippedWhenDone(ctx, current, wanted.status, now);
      return 'closed';
    }
    return 'updated';
  }

  /**
   * An item whose task was done before its issue closed (done in chat, the pull request merged
   * later) shipped when its task was done, not at the sync that saw the close: a plan counted it
   * as shipped from that day (see heldGrowthItems), and a later date would count it as shipped
   * again, awaiting revenue already in. Only a task done since the item's last change counts (one
   * done before the item was reopened shipped something else).
   */
  function shippedWhenDone(ctx: Ctx, current: Current, status: FeatureStatus | BugStatus, now: string): void {
    if (status !== 'done' && status !== 'fixed') return;
    const done = store.tasks.lastDoneOnItem(ctx.workspaceId, current);
    if (done === null || done.updatedAt <= current.updatedAt || done.updatedAt >= now) return;
    store.projects.setShippedAt(current.kind, current.id, done.updatedAt);
  }

  /**
   * Whether a listed copy of an open issue (the daily listing: see OPEN_CHECK_HOURS) says what was
   * synced of it, or is older. A label renamed or deleted on GitHub changes the issues that carry
   * it but not their `updated_at`, so only what the copy says tells it. An exported task's issue is
   * its task's (see applyTaskIssue): as seen.
   */
  function listedAsSeen(link: GitHubRepoLink, issue: BacklogIssue): boolean {
    if (store.github.taskOfIssue(link.id, issue.number) !== null) return true;
    const synced = store.github.issue(link.id, issue.number);
    const seenAt = synced?.githubUpdatedAt ?? store.github.closedAt(link.id, issue.number);
    if (seenAt === null) return false;
    return seenAt > issue.updatedAt || (seenAt === issue.updatedAt && saysAsSeen(link, issue, synced));
  }

  return { applyIssue, applyGone, listedAsSeen };
}

/** Whether two lists of labels are the same labels, in the same order. */
function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/**
 * Labels `link` reads as a bug of `severity` (see classifyIssue): its first bug label, and a label
 * of that severity where it has one. For a copy of an issue GitHub no longer has.
 */
function bugLabelsOf(link: GitHubRepoLink, severity: BugSeverity | null): string[] {
  const bug = link.bugLabels[0];
  const level = Object.keys(link.severityLabels).find((label) => link.severityLabels[label] === severity);
  return [bug, level].filter((label) => label !== undefined);
}

/**
 * A task's facts as work on an item of what its issue is now: a bug's severity, or a feature's
 * status, in place of what the other kind had (a plan compares them, see materialChange); its
 * stakes as decided.
 */
function factsAs(facts: TaskFacts, wanted: NonNullable<Wanted>): TaskFacts {
  const { severity: _s, affects: _a, itemStatus: _i, priority: _p, mediumBugUsd: _m, ...kept } = facts;
  return wanted.kind === 'bug'
    ? { ...kept, severity: wanted.severity }
    : { ...kept, itemStatus: wanted.status };
}
