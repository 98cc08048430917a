import { z } from 'zod';
import type { FeedbackNote, Lesson } from '../domain/goal.js';
import { isoDate, type Loose, oneOf, validate } from '../domain/validate.js';
import type { Vision } from '../domain/vision.js';
import { type AdjustRecommendation, recommendAdjustments } from '../feedback/adjust.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import { type GoalSuggestion, suggestNext } from '../feedback/suggest-next.js';
import type { LoggedEvent } from '../store/task-repository.js';
import { type Ctx, nowIso, type UseCaseDeps } from './deps.js';
import type { createGoalUseCases } from './goals.js';

/** Everything the team did and learned since a date: the "document and share" step. */
export interface FeedbackReport {
  workspace: string;
  generatedAt: string;
  since: string;
  vision: Vision | null;
  goals: GoalAnalytics[];
  /** Decisions and steps from the event log. */
  actions: LoggedEvent[];
  outcomes: { done: number; failed: number; byCategory: Record<string, { done: number; failed: number }> };
  /** Manual lessons plus the reasons given for failures and rejections. */
  lessons: Array<Pick<Lesson, 'text' | 'source' | 'taskRef' | 'actor' | 'createdAt'>>;
  notes: FeedbackNote[];
  adjustments: AdjustRecommendation[];
}

const reportInput = z.object({
  since: isoDate.optional(),
  format: oneOf(['markdown', 'json'] as const).default('markdown'),
});

export function createReportUseCases(deps: UseCaseDeps, goals: ReturnType<typeof createGoalUseCases>) {
  const { store } = deps;
  return {
    /** Next nudges per goal and the continue / modify / retire recommendations. */
    suggest(ctx: Ctx): { goals: GoalSuggestion[]; adjustments: AdjustRecommendation[] } {
      return {
        goals: goals.list(ctx).map(suggestNext),
        adjustments: recommendAdjustments(store.tasks.list(ctx.workspaceId, { limit: 1_000_000 })),
      };
    },

    /** Builds the report; `since` defaults to 7 days ago. */
    build(ctx: Ctx, input: Loose<typeof reportInput> = {}): FeedbackReport {
      const r = validate(reportInput, input);
      const now = nowIso(deps);
      const since = r.since ?? new Date(Date.parse(now) - 7 * 86_400_000).toISOString().slice(0, 10);
      const actions = store.tasks.eventsSince(ctx.workspaceId, since);
      const byCategory: Record<string, { done: number; failed: number }> = {};
      let done = 0;
      let failed = 0;
      for (const e of actions) {
        if (e.type !== 'done' && e.type !== 'failed') continue;
        const c = byCategory[e.category] ?? { done: 0, failed: 0 };
        if (e.type === 'done') {
          c.done += 1;
          done += 1;
        } else {
          c.failed += 1;
          failed += 1;
        }
        byCategory[e.category] = c;
      }
      const lessons = [
        ...store.goals.lessons(ctx.workspaceId).filter((l) => l.createdAt >= since),
        ...actions
          .filter((e) => (e.type === 'failed' || e.type === 'rejected') && e.note)
          .map((e) => ({
            text: e.note ?? '',
            source: e.type === 'failed' ? ('failure' as const) : ('rejection' as const),
            taskRef: e.ref,
            actor: e.actor,
            createdAt: e.createdAt,
          })),
      ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return {
        workspace: ctx.workspaceId,
        generatedAt: now,
        since,
        vision: store.visions.active(ctx.workspaceId),
        goals: goals.list(ctx),
        actions,
        outcomes: { done, failed, byCategory },
        lessons,
        notes: store.goals.notes(ctx.workspaceId).filter((n) => n.createdAt >= since),
        adjustments: recommendAdjustments(store.tasks.list(ctx.workspaceId, { limit: 1_000_000 })),
      };
    },
  };
}
