import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { BUG_SEVERITIES, type BugSeverity, isOpenItem } from '../domain/project.js';
import { oneOf, positiveInt, validate } from '../domain/validate.js';
import { ConflictError } from '../errors.js';
import type { UseCaseDeps } from './deps.js';
import { unknownFeature } from './feature-order.js';

/** A feature's priority as `feature priority` left it (null: none set). */
export interface PriorityChange {
  id: number;
  title: string;
  priority: BugSeverity | null;
  /** It said that already: nothing was written. */
  unchanged: boolean;
  /** Whether the feature is open work (not done): only that is planned. */
  open: boolean;
}

/** What `feature priority` takes: a level, or none. */
export const PRIORITY_CHOICES = [...BUG_SEVERITIES, 'none'] as const;

/** The team's priority of a feature typed into Goalpost (a synced one's is its labels'). */
export function createFeaturePriority(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    /**
     * Sets the team's priority of a feature (`none`: takes it back): a plan weighs its score ×2
     * for critical, ×1.5 for high and ×0.5 for low (see TEAM_PRIORITY_WEIGHT). Its
     * updated_at stays (see ProjectRepository.setFeaturePriority); proposals made from it are
     * valued again by the next plan that saves a batch. A feature from GitHub takes its priority
     * from its labels there, so it is refused, and nothing written.
     * @throws ValidationError for a bad id or level; NotFoundError for an unknown feature;
     * ConflictError for a feature from GitHub.
     */
    setPriority(ctx: Ctx, id: unknown, priority: unknown): PriorityChange {
      const v = validate(z.object({ id: positiveInt(3), priority: oneOf(PRIORITY_CHOICES) }), {
        id,
        priority,
      });
      const level = v.priority === 'none' ? null : v.priority;
      return store.transaction((): PriorityChange => {
        const feature = store.projects.featureIn(ctx.workspaceId, v.id);
        if (feature === null) throw unknownFeature(store, ctx, v.id);
        const issue = store.github.issueOfItem('feature', v.id);
        if (issue) {
          throw new ConflictError(
            `feature ${v.id} comes from GitHub (${issue.fullName}#${issue.number}): its priority is its labels there (P0-P3, priority: high, low priority), ${issue.htmlUrl}; nothing was changed`,
          );
        }
        const wrote = store.projects.setFeaturePriority(ctx.workspaceId, v.id, level);
        return {
          id: v.id,
          title: feature.title,
          priority: level,
          unchanged: wrote === 'unchanged',
          open: isOpenItem('feature', feature.status),
        };
      });
    },
  };
}
