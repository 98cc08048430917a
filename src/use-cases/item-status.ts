import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { BUG_STATUSES, FEATURE_STATUSES } from '../domain/project.js';
import { oneOf, positiveInt, validate } from '../domain/validate.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { openTasksOn } from './github-issues.js';
import type { createTaskUseCases } from './tasks.js';

/** A feature or bug moved by hand, and what became of the tasks made from it. */
export interface ItemStatusChange {
  id: number;
  status: string;
  /** Tasks still proposed from it, withdrawn (cancelled): the work is done, or will not be done. */
  withdrawn: string[];
  /** Tasks approved or under way on it, left to the team to finish or cancel. */
  underWay: string[];
}

/**
 * A backlog item's status set by hand (`feature set`, `bug set`). An item closed so (a feature
 * done, a bug fixed or won't-fix) takes back the tasks still proposed from it, as an issue closed
 * on GitHub does: otherwise the batch kept asking the team to approve work already done.
 */
export function createItemStatusUseCases(deps: UseCaseDeps, steps: ReturnType<typeof createTaskUseCases>) {
  const { store } = deps;

  /** @throws ConflictError when a feature or bug comes from GitHub: its truth is there, not here. */
  function refuseSynced(kind: 'feature' | 'bug', id: number): void {
    const issue = store.github.issueOfItem(kind, id);
    if (issue) {
      throw new ConflictError(
        `${kind} ${id} comes from GitHub (${issue.fullName}#${issue.number}): change it there, ${issue.htmlUrl}; nothing was changed`,
      );
    }
  }

  /** Withdraws the tasks still proposed from a closed item; names those under way. */
  function settle(ctx: Ctx, kind: 'feature' | 'bug', id: number, status: string): ItemStatusChange {
    const change: ItemStatusChange = { id, status, withdrawn: [], underWay: [] };
    const closed = kind === 'feature' ? status === 'done' : status !== 'open';
    if (!closed) return change;
    const note = `${kind} ${id} was marked ${status.replace('wontfix', "won't fix")}`;
    for (const task of openTasksOn(store, ctx, { kind, id })) {
      if (task.status !== 'proposed') {
        change.underWay.push(task.ref);
        continue;
      }
      steps.transition(ctx, task, 'cancel', note, {}, { via: 'item' });
      change.withdrawn.push(task.ref);
    }
    return change;
  }

  return {
    /** @throws NotFoundError for an unknown feature; ConflictError for one from GitHub. */
    setFeatureStatus(ctx: Ctx, id: unknown, status: unknown): ItemStatusChange {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(FEATURE_STATUSES) }), { id, status });
      const now = nowIso(deps);
      return store.transaction(() => {
        refuseSynced('feature', v.id);
        if (!store.projects.setFeatureStatus(ctx.workspaceId, v.id, v.status, now)) {
          throw new NotFoundError(
            `unknown feature ${v.id}; \`goalpost project show "Name"\` lists feature ids`,
          );
        }
        return settle(ctx, 'feature', v.id, v.status);
      });
    },

    /** @throws NotFoundError for an unknown bug; ConflictError for one from GitHub. */
    setBugStatus(ctx: Ctx, id: unknown, status: unknown): ItemStatusChange {
      const v = validate(z.object({ id: positiveInt(3), status: oneOf(BUG_STATUSES) }), { id, status });
      const now = nowIso(deps);
      return store.transaction(() => {
        refuseSynced('bug', v.id);
        if (!store.projects.setBugStatus(ctx.workspaceId, v.id, v.status, now)) {
          throw new NotFoundError(`unknown bug ${v.id}; \`goalpost bug list\` shows bug ids`);
        }
        return settle(ctx, 'bug', v.id, v.status);
      });
    },
  };
}
