import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import {
  BUG_SEVERITIES,
  BUG_STATUSES,
  type BugSeverity,
  FEATURE_STATUSES,
  type Feature,
  type FeatureStatus,
  featureUnits,
  isOpenItem,
} from '../domain/project.js';
import type { RejectionHold } from '../domain/task.js';
import {
  estimateHours,
  freeText,
  MAX_ESTIMATE_HOURS,
  metricName,
  oneOf,
  positiveInt,
  shown,
  TEXT_LIMITS,
  validate,
} from '../domain/validate.js';
import { SEVERITY_AT_RISK } from '../engine/BacklogItem.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ItemWrite } from '../store/project-repository.js';
import { createBugAffects } from './bug-affects.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { prerequisiteOf, unknownFeature, workspaceFeature } from './feature-order.js';
import { createFeaturePriority } from './feature-priority.js';
import { servedGoalId } from './goals.js';
import { type Withdrawal, withdrawProposals } from './item-tasks.js';
import { heldByRejection } from './rejection-hold.js';
import { SAME_WORK, sameOpenItem } from './same-open-item.js';
import type { createTaskUseCases } from './tasks.js';

/** A feature or bug moved by hand, and what became of the tasks made from it. */
export interface ItemStatusChange extends Withdrawal {
  id: number;
  status: string;
  /** The item had that status already: nothing was written. */
  unchanged: boolean;
}

/** A typed bug's severity set by hand, and the proposals that took back (lowered to low). */
export interface BugSeverityChange extends Withdrawal {
  id: number;
  title: string;
  severity: BugSeverity;
  /** Its severity before. */
  was: BugSeverity;
  /** It had that severity already: nothing was written. */
  unchanged: boolean;
  /** It is fixed or won't be: no plan proposes it, whatever its severity. */
  closed: boolean;
  /**
   * The share of what its product earns or is to win that the team judged it affects (`bug affects`), when more than
   * its new severity threatens (see SEVERITY_AT_RISK): plans count it as that. Absent otherwise.
   */
  affectsAbove?: number;
}

/** A feature made upkeep or growth work by hand, and the proposals that took back. */
export interface FeatureKindChange extends Withdrawal {
  id: number;
  upkeep: boolean;
  /** It was so already: nothing was written. */
  unchanged: boolean;
}

const NO_WITHDRAWAL: Withdrawal = { withdrawn: [], underWay: [] };

/** Whether a status closes an item: a feature done, a bug fixed or won't-fix. */
const isClosed = (kind: 'feature' | 'bug', status: string): boolean =>
  kind === 'feature' ? status === 'done' : status !== 'open';

/**
 * A backlog item's status set by hand (`feature set`, `bug set`). An item closed so (a feature
 * done, a bug fixed or won't-fix) takes back the tasks still proposed from it, as an issue closed
 * on GitHub does: otherwise the batch kept asking the team to approve work already done.
 */
/** An item's estimate as `feature estimate` / `bug estimate` left it (hours null: none). */
export interface EstimateChange {
  kind: 'feature' | 'bug';
  id: number;
  hours: number | null;
  /** True when it already said that: nothing was written. */
  unchanged: boolean;
  /** Whether the item is open work (a feature not done, a bug open): only that is planned. */
  open: boolean;
  /**
   * An open growth feature's feature-sizes as plans now count it in its share of a revenue gap
   * (see featureUnits); absent for a bug, upkeep, and an item not open.
   */
  units?: number;
  /** The hours a feature under way was started at, when it is now estimated lower (see Feature.sizeHours). */
  startedHours?: number;
}

/** An item's goal as `feature goal` / `bug goal` left it (goal null: none). */
export interface GoalLinkChange {
  kind: 'feature' | 'bug';
  id: number;
  /** The metric of the goal it serves now, or null. */
  goal: string | null;
  /** True when it already said that: nothing was written. */
  unchanged: boolean;
  /** Whether the item is open work (a feature not done, a bug open): only that is planned. */
  open: boolean;
  /** The goal's own proposals awaiting a decision (its playbooks'), withdrawn as the item serves it. */
  withdrawn: string[];
  /** An open bug of low severity, which no plan proposes: linked, it serves the goal in name only. */
  lowBug: boolean;
  /**
   * The item's task rejected and still held back, which the link may bring back early: the goal's
   * value behind it is a material change (see materialChange). Absent otherwise.
   */
  rejected?: { ref: string; at: string; reason: string | null; hold: RejectionHold };
}

/** A feature's prerequisites as `feature after` left them. */
export interface PrerequisiteChange {
  id: number;
  title: string;
  /** The features it waits for now, with where each stands (done: met). */
  after: Array<{ id: number; title: string; status: FeatureStatus }>;
  /** True when it already said that: nothing was written. */
  unchanged: boolean;
  /** Whether the feature is open work (not done): only that is planned. */
  open: boolean;
  /** Its proposals awaiting a decision, withdrawn: the next plan proposes it after what it waits for. */
  withdrawn: string[];
  /** Its tasks approved or under way, left as they are: the team started it already. */
  underWay: string[];
  /**
   * Its task rejected and still held back, which the feature it now waits for brings back early
   * once done. Absent otherwise.
   */
  rejected?: GoalLinkChange['rejected'];
  /**
   * The waits `none` cleared that GitHub's "blocked by" gave, which the next sync reading the
   * feature's issue gives back unless they are taken off on GitHub. Absent otherwise.
   */
  fromGitHub?: Array<{ id: number; title: string }>;
}

/** What `feature drop` did: the feature gone from its project's backlog, and what that left. */
export interface FeatureDrop {
  id: number;
  title: string;
  project: string;
  /** Its proposals awaiting a decision, withdrawn (cancelled). */
  withdrawn: string[];
  /** The features of its project that waited for it (`feature after`): they wait for it no more. */
  freed: Array<{ id: number; title: string }>;
}

export function createItemStatusUseCases(deps: UseCaseDeps, steps: ReturnType<typeof createTaskUseCases>) {
  const { store } = deps;
  const { setPriority } = createFeaturePriority(deps);
  const { setAffects } = createBugAffects(deps);

  /**
   * Writes the status, then refuses an item from GitHub (its truth is there), inside one
   * transaction so a refusal writes nothing; an item of another workspace is unknown, never named.
   * @throws NotFoundError for an unknown item; ConflictError for one from GitHub.
   */
  function set(ctx: Ctx, kind: 'feature' | 'bug', id: number, status: string, write: () => ItemWrite) {
    return store.transaction((): ItemStatusChange => {
      const before = kind === 'feature' ? store.projects.feature(id) : store.projects.bug(id);
      const wrote = write();
      if (wrote === 'unknown') {
        throw kind === 'feature'
          ? unknownFeature(store, ctx, id)
          : new NotFoundError(`unknown bug ${id}; \`goalpost bug list\` shows bug ids`);
      }
      const issue = store.github.issueOfItem(kind, id);
      if (issue) {
        throw new ConflictError(
          `${kind} ${id} comes from GitHub (${issue.fullName}#${issue.number}): change it there, ${issue.htmlUrl}; nothing was changed`,
        );
      }
      const unchanged = wrote === 'unchanged';
      const closed = isClosed(kind, status);
      if (!closed) {
        if (before !== null && isClosed(kind, before.status)) refuseReopened(kind, before);
        return { id, status, unchanged, withdrawn: [], underWay: [] };
      }
      // Said again, any proposal still on it goes as well (none, normally: closing withdrew them).
      const note = `${kind} ${id} was marked ${status.replace('wontfix', "won't fix")}`;
      const withdrawal = withdrawProposals(store, steps, ctx, { kind, id }, note, { via: 'item' });
      return { id, status, unchanged, ...withdrawal };
    });
  }

  /** @throws ConflictError when an item opened again reads as another its project has open. */
  function refuseReopened(
    kind: 'feature' | 'bug',
    item: { id: number; projectId: number; title: string },
  ): void {
    const same = sameOpenItem(store, item.projectId, kind, item.title, item.id);
    if (same === null) return;
    throw new ConflictError(
      `${kind} ${item.id}, "${item.title}", reads the same as ${kind} ${same.id}, "${same.title}" (${same.state}), open on its project; nothing was changed. ${SAME_WORK}`,
    );
  }

  /**
   * Whether an item a write without a date (an estimate, a goal) reached is open work (a feature
   * not done, a bug open). @throws NotFoundError when the write found no such item.
   */
  function openAfter(kind: 'feature' | 'bug', id: number, wrote: ItemWrite): boolean {
    if (wrote === 'unknown') {
      throw new NotFoundError(`unknown ${kind} ${id}; \`goalpost project show "Name"\` lists ${kind} ids`);
    }
    const item = kind === 'feature' ? store.projects.feature(id) : store.projects.bug(id);
    return item !== null && isOpenItem(kind, item.status);
  }

  /**
   * The item's latest rejected task, when it still holds the item back (within the cooldown, or
   * the longer hold of work rejected again: see rejectHoldDays); null otherwise.
   */
  function rejectedLately(ctx: Ctx, kind: 'feature' | 'bug', id: number): GoalLinkChange['rejected'] | null {
    const held = heldByRejection(deps, ctx.workspaceId, `${kind}:${id}`, nowIso(deps));
    if (held === null) return null;
    const { rejected, hold } = held;
    return { ref: rejected.ref, at: rejected.at, reason: rejected.reason, hold };
  }

  const featureOf = (ctx: Ctx, id: number): Feature => workspaceFeature(store, ctx, id);

  return {
    setPriority,
    setAffects,

    /**
     * Takes a feature the team will not do out of its project's backlog, as GitHub's "closed as
     * not planned" takes a synced one: no plan proposes it again, its proposals awaiting a decision
     * are withdrawn (their step says why, with `reason`), the features that waited for it wait no
     * more, and its project's completion counts the work left. Done work is history (its project's
     * completion counts it) and work approved or under way is the team's to cancel first: both
     * refused, as is a feature from GitHub (closed there as not planned, it goes at the next sync).
     * All in one transaction: a refusal writes nothing.
     * @throws NotFoundError for an unknown feature; ConflictError as above.
     */
    dropFeature(ctx: Ctx, id: unknown, reason?: unknown): FeatureDrop {
      const v = validate(
        z.object({
          id: positiveInt(3),
          reason: freeText(TEXT_LIMITS.dropReason, { oneLine: true }).optional(),
        }),
        {
          id,
          reason,
        },
      );
      return store.transaction((): FeatureDrop => {
        const feature = featureOf(ctx, v.id);
        const issue = store.github.issueOfItem('feature', v.id);
        if (issue) {
          throw new ConflictError(
            `feature ${v.id} comes from GitHub (${issue.fullName}#${issue.number}): close its issue there as not planned, and the next sync takes it out of the backlog, ${issue.htmlUrl}; nothing was changed`,
          );
        }
        if (feature.status === 'done') {
          throw new ConflictError(
            `feature ${v.id}, "${feature.title}", is done: shipped work stays in its project's completion; nothing was changed`,
          );
        }
        const item = { kind: 'feature' as const, id: v.id };
        const decided = store.tasks.openOnItem(ctx.workspaceId, item).filter((t) => t.status !== 'proposed');
        if (decided.length > 0) {
          const which = decided.map(
            (t) => `${t.ref} is ${t.status === 'in_progress' ? 'in progress' : t.status}`,
          );
          throw new ConflictError(
            `feature ${v.id}, "${feature.title}", is the team's work already: ${which.join(', ')} on it; cancel ${decided.length === 1 ? 'it' : 'them'} first (\`goalpost cancel ${decided[0]?.ref}\`); nothing was changed`,
          );
        }
        const waiting = new Set<number>();
        for (const [dependent, afters] of store.projects.prerequisites(ctx.workspaceId))
          if (afters.includes(v.id)) waiting.add(dependent);
        const freed = [...waiting]
          .sort((a, b) => a - b)
          .map((dependent) => store.projects.featureIn(ctx.workspaceId, dependent))
          .filter((f) => f !== null)
          .map((f) => ({ id: f.id, title: f.title }));
        const note = `feature ${v.id} was dropped${v.reason === undefined ? '' : `: ${v.reason}`}`;
        const { withdrawn } = withdrawProposals(store, steps, ctx, item, note, { via: 'item' });
        store.projects.deleteFeature(v.id);
        const project = store.projects.nameOf(ctx.workspaceId, feature.projectId) ?? '';
        store.projects.recordDrop(ctx.workspaceId, {
          id: v.id,
          project,
          title: feature.title,
          reason: v.reason ?? null,
          at: nowIso(deps),
        });
        return { id: v.id, title: feature.title, project, withdrawn, freed };
      });
    },

    /** @throws NotFoundError for an unknown feature; ConflictError for one from GitHub. */
    setFeatureStatus(ctx: Ctx, id: unknown, status: unknown): ItemStatusChange {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(FEATURE_STATUSES) }), { id, status });
      const now = nowIso(deps);
      return set(ctx, 'feature', v.id, v.status, () =>
        store.projects.setFeatureStatus(ctx.workspaceId, v.id, v.status, now),
      );
    },

    /**
     * Makes a feature upkeep (a chore, docs, an upgrade: no share of the revenue gap) or growth
     * work again. A feature made upkeep takes back the tasks still proposed from it, valued at a
     * share of the gap it no longer has (as relabelling its issue on GitHub does).
     * @throws NotFoundError for an unknown feature; ConflictError for one from GitHub (its labels say).
     */
    setFeatureUpkeep(ctx: Ctx, id: unknown, upkeep: boolean): FeatureKindChange {
      const v = validate(z.object({ id: positiveInt(3) }), { id });
      const now = nowIso(deps);
      return store.transaction((): FeatureKindChange => {
        const wrote = store.projects.setFeatureUpkeep(ctx.workspaceId, v.id, upkeep, now);
        if (wrote === 'unknown') throw unknownFeature(store, ctx, v.id);
        const issue = store.github.issueOfItem('feature', v.id);
        if (issue) {
          throw new ConflictError(
            `feature ${v.id} comes from GitHub (${issue.fullName}#${issue.number}): its labels say whether it is upkeep (\`github connect --upkeep-labels\`); label it there, ${issue.htmlUrl}; nothing was changed`,
          );
        }
        const unchanged = wrote === 'unchanged';
        if (unchanged || !upkeep) return { id: v.id, upkeep, unchanged, withdrawn: [], underWay: [] };
        const note = `feature ${v.id} was marked upkeep, and upkeep shares no part of the revenue gap it was valued at`;
        const withdrawal = withdrawProposals(store, steps, ctx, { kind: 'feature', id: v.id }, note, {
          via: 'item',
        });
        return { id: v.id, upkeep, unchanged, ...withdrawal };
      });
    },

    /**
     * Sets the hours a feature or bug is expected to take, which a plan divides its value by;
     * `none` takes it back (its kind's default stands again). Proposals made from it are valued
     * again by the next plan that saves a batch.
     * @throws ValidationError for bad hours; NotFoundError for an unknown item.
     */
    setEstimate(ctx: Ctx, kind: 'feature' | 'bug', id: unknown, hours: unknown): EstimateChange {
      const v = validate(
        z.object({
          id: positiveInt(3),
          hours: z.union([z.literal('none'), estimateHours()], {
            error: (i) =>
              `a number of hours like 3, 1.5h, 90m, 2d, 1w or 3h30m, from 0.1 (6m) to ${MAX_ESTIMATE_HOURS}, or none (got ${shown(i.input)})`,
          }),
        }),
        { id, hours },
      );
      const estimate = v.hours === 'none' ? null : v.hours;
      return store.transaction((): EstimateChange => {
        const wrote = store.projects.setEstimate(ctx.workspaceId, kind, v.id, estimate);
        const open = openAfter(kind, v.id, wrote);
        const change: EstimateChange = {
          kind,
          id: v.id,
          hours: estimate,
          unchanged: wrote === 'unchanged',
          open,
        };
        const feature = kind === 'feature' && open ? store.projects.feature(v.id) : null;
        if (feature === null || feature.upkeep) return change;
        change.units = featureUnits(feature);
        const started = feature.sizeHours;
        if (started !== undefined && estimate !== null && started > estimate) change.startedHours = started;
        return change;
      });
    },

    /**
     * Links a feature or bug already in the backlog to the goal it serves (`none`: to no goal), as
     * `--goal` on `feature add` does: while the goal is off track, the items linked to it share its
     * value, ahead of items that only name what it measures. An item from GitHub may be linked too
     * (the link is Goalpost's, not the issue's). Its updated_at stays, as an estimate's does.
     * @throws ValidationError for a bad id or an archived goal; NotFoundError for an unknown item or goal.
     */
    setGoal(ctx: Ctx, kind: 'feature' | 'bug', id: unknown, goal: unknown): GoalLinkChange {
      const v = validate(z.object({ id: positiveInt(3), goal: metricName() }), { id, goal });
      return store.transaction((): GoalLinkChange => {
        const goalId =
          v.goal === 'none' ? null : servedGoalId(store, ctx.workspaceId, v.goal, 'link it again');
        const wrote = store.projects.setGoal(ctx.workspaceId, kind, v.id, goalId);
        const open = openAfter(kind, v.id, wrote);
        const unchanged = wrote === 'unchanged';
        // Its open tasks serve the goal too (a report counts them under it once done), and the
        // goal's own proposals, made while nothing in the backlog served it, give way.
        if (!unchanged) store.tasks.setGoalOfItemTasks(ctx.workspaceId, { kind, id: v.id }, goalId);
        const lowBug = open && kind === 'bug' && store.projects.bug(v.id)?.severity === 'low';
        // Linked now to a goal, as work a plan proposes.
        const serves = !unchanged && open && !lowBug && goalId !== null;
        const withdrawn: string[] = [];
        if (serves) {
          const note = `${kind} ${v.id} was linked to ${v.goal}, which it serves now`;
          for (const task of store.tasks.goalPlaybookProposals(ctx.workspaceId, goalId)) {
            steps.transition(ctx, task, 'cancel', note, {}, { via: 'item' });
            withdrawn.push(task.ref);
          }
        }
        const rejected = serves ? rejectedLately(ctx, kind, v.id) : null;
        return {
          kind,
          id: v.id,
          goal: goalId === null ? null : v.goal,
          unchanged,
          open,
          withdrawn,
          lowBug,
          ...(rejected === null ? {} : { rejected }),
        };
      });
    },

    /**
     * Makes a feature wait for another of its project (`feature after 7 9`: the checkout after its
     * design spike): a plan proposes it only with that one, ordered after it, or after the task open
     * for it, and holds it back while the team holds that one back (rejected or failed). Each call
     * adds one; `none` clears them. Its proposals awaiting a decision are withdrawn when it now
     * waits for open work, so that the next plan proposes the two in order. A feature from GitHub
     * may wait too: the order is Goalpost's, as a goal link is.
     * @throws ValidationError for a bad id, a feature of another project or itself; NotFoundError
     * for an unknown feature; ConflictError when the other waits for this one already.
     */
    setAfter(ctx: Ctx, id: unknown, after: unknown): PrerequisiteChange {
      const v = validate(
        z.object({
          id: positiveInt(3),
          after: z.union([z.literal('none'), positiveInt(3)], {
            error: (i) =>
              `the id of the feature it comes after (\`goalpost project show "Name"\` lists them), or none (got ${JSON.stringify(i.input)})`,
          }),
        }),
        { id, after },
      );
      const now = nowIso(deps);
      return store.transaction((): PrerequisiteChange => {
        const feature = featureOf(ctx, v.id);
        const open = feature.status !== 'done';
        const result = (unchanged: boolean, withdrawal: Withdrawal = NO_WITHDRAWAL): PrerequisiteChange => ({
          id: feature.id,
          title: feature.title,
          // A feature waits only for features of its own project.
          after: (store.projects.prerequisites(ctx.workspaceId, feature.projectId).get(feature.id) ?? []).map(
            (a) => {
              const f = featureOf(ctx, a);
              return { id: f.id, title: f.title, status: f.status };
            },
          ),
          unchanged,
          open,
          ...withdrawal,
        });
        if (v.after === 'none') {
          // GitHub's "blocked by" gave these: a sync that reads the issue gives them back.
          const fromGitHub = store.projects.gitHubPrerequisites(feature.id).map((a) => {
            const f = featureOf(ctx, a);
            return { id: f.id, title: f.title };
          });
          const cleared = result(store.projects.clearPrerequisites(feature.id) === 0);
          return fromGitHub.length === 0 ? cleared : { ...cleared, fromGitHub };
        }
        const prerequisite = prerequisiteOf(store, ctx, feature, v.after);
        if (store.projects.waitsFor(prerequisite.id, feature.id)) {
          throw new ConflictError(
            `feature ${prerequisite.id} waits for feature ${feature.id} already (\`goalpost project show\` shows what waits for what): the two would wait for each other; nothing was changed`,
          );
        }
        if (!store.projects.addPrerequisite(feature.id, prerequisite.id, now)) return result(true);
        if (!open || prerequisite.status === 'done') return result(false);
        const note = `feature ${feature.id} now waits for feature ${prerequisite.id}, '${prerequisite.title}': the next plan proposes it after that`;
        const withdrawal = withdrawProposals(store, steps, ctx, { kind: 'feature', id: feature.id }, note, {
          via: 'item',
        });
        // Rejected for want of it, most likely: done, it brings the feature back early (see recall).
        const rejected = rejectedLately(ctx, 'feature', feature.id);
        return { ...result(false, withdrawal), ...(rejected === null ? {} : { rejected }) };
      });
    },

    /**
     * Sets a typed bug's severity: plans weigh a bug by it, and never propose a low one, so a bug
     * lowered to low has its proposals awaiting a decision withdrawn (those approved or under way
     * are the team's to finish). A bug from GitHub takes its severity from its labels there.
     * @throws ValidationError for a bad id or level; NotFoundError for an unknown bug;
     * ConflictError for one from GitHub (nothing written).
     */
    setBugSeverity(ctx: Ctx, id: unknown, severity: unknown): BugSeverityChange {
      const v = validate(z.object({ id: positiveInt(3), severity: oneOf(BUG_SEVERITIES) }), { id, severity });
      return store.transaction((): BugSeverityChange => {
        const bug = store.projects.bug(v.id);
        const wrote = store.projects.setBugSeverity(ctx.workspaceId, v.id, v.severity);
        if (bug === null || wrote === 'unknown') {
          throw new NotFoundError(`unknown bug ${v.id}; \`goalpost bug list\` shows bug ids`);
        }
        const issue = store.github.issueOfItem('bug', v.id);
        if (issue) {
          throw new ConflictError(
            `bug ${v.id} comes from GitHub (${issue.fullName}#${issue.number}): its severity is its labels there (critical, high, medium, low), ${issue.htmlUrl}; nothing was changed`,
          );
        }
        const closed = !isOpenItem('bug', bug.status);
        const lowered = wrote === 'changed' && v.severity === 'low' && !closed;
        const withdrawal = lowered
          ? withdrawProposals(
              store,
              steps,
              ctx,
              { kind: 'bug', id: v.id },
              `bug ${v.id} was lowered to low: plans never propose a low bug`,
              { via: 'item' },
            )
          : { withdrawn: [], underWay: [] };
        const affects = bug.affects;
        const above = affects !== undefined && v.severity !== 'low' && affects > SEVERITY_AT_RISK[v.severity];
        return {
          id: v.id,
          title: bug.title,
          severity: v.severity,
          was: bug.severity,
          unchanged: wrote === 'unchanged',
          closed,
          ...withdrawal,
          ...(above ? { affectsAbove: affects } : {}),
        };
      });
    },

    /** @throws NotFoundError for an unknown bug; ConflictError for one from GitHub. */
    setBugStatus(ctx: Ctx, id: unknown, status: unknown): ItemStatusChange {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(BUG_STATUSES) }), { id, status });
      const now = nowIso(deps);
      return set(ctx, 'bug', v.id, v.status, () =>
        store.projects.setBugStatus(ctx.workspaceId, v.id, v.status, now),
      );
    },
  };
}
