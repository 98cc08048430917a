import { z } from 'zod';
import { compareText } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import type { FeedbackNote, Lesson } from '../domain/goal.js';
import { isoDate, type Loose, oneOf, validate } from '../domain/validate.js';
import type { Vision } from '../domain/vision.js';
import { type AdjustRecommendation, recommendAdjustments, type TrendEffect } from '../feedback/adjust.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import { type GoalSuggestion, suggestNext } from '../feedback/suggest-next.js';
import type { LoggedEvent } from '../store/event-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
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
  /** Continue / modify / retire from outcomes, rejections and how shipped tasks moved their goals. */
  function adjustments(ctx: Ctx, analytics: readonly GoalAnalytics[]): AdjustRecommendation[] {
    const effects = new Map<string, TrendEffect>();
    for (const g of analytics) for (const a of g.actions) if (a.effect) effects.set(a.ref, a.effect);
    return recommendAdjustments(store.tasks.list(ctx.workspaceId, { limit: 1_000_000 }), effects);
  }

  return {
    /** Next nudges per goal and the continue / modify / retire recommendations. */
    suggest(ctx: Ctx): { goals: GoalSuggestion[]; adjustments: AdjustRecommendation[] } {
      const analytics = goals.list(ctx);
      return {
        goals: analytics.map(suggestNext),
        adjustments: adjustments(ctx, analytics),
      };
    },

    /** Builds the report; `since` defaults to 7 days ago. */
    build(ctx: Ctx, input: Loose<typeof reportInput> = {}): FeedbackReport {
      const r = validate(reportInput, input);
      const now = nowIso(deps);
      const since = r.since ?? new Date(Date.parse(now) - 7 * 86_400_000).toISOString().slice(0, 10);
      const actions = store.events.since(ctx.workspaceId, since);
      const analytics = goals.list(ctx);
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
      ].sort((a, b) => compareText(a.createdAt, b.createdAt));
      return {
        workspace: ctx.workspaceId,
        generatedAt: now,
        since,
        vision: store.visions.active(ctx.workspaceId),
        goals: analytics,
        actions,
        outcomes: { done, failed, byCategory },
        lessons,
        notes: store.goals.notes(ctx.workspaceId).filter((n) => n.createdAt >= since),
        adjustments: adjustments(ctx, analytics),
      };
    },
  };
}
