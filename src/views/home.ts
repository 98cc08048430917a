import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { HomeView } from '../domain/reply.js';
import { goalProgress, revenueProgress, taskCard } from './cards.js';

/** Revenue against the milestone, with where the figure comes from. */
function revenueFigure(app: Goalpost, ctx: Ctx) {
  const r = app.engine.state(ctx).revenue;
  return revenueProgress(r, app.freshness.revenue(r));
}

/** The home tab's content for a workspace; an empty workspace gets nulls and empty lists. */
export function homeView(app: Goalpost, ctx: Ctx): HomeView {
  const hasVision = app.vision.history(ctx).length > 0;
  const vision = hasVision ? app.vision.show(ctx) : null;
  const open = app.tasks
    .list(ctx, { status: ['open'] })
    .sort((a, b) => b.priority - a.priority || b.score - a.score || a.id - b.id)
    .slice(0, 20);
  const routing = app.learning.table(ctx);
  return {
    workspaceId: ctx.workspaceId,
    vision: vision
      ? {
          statement: vision.statement,
          primaryGoal: vision.primaryGoal,
          focusAreas: vision.focusAreas,
          version: vision.version,
        }
      : null,
    revenue: vision ? revenueFigure(app, ctx) : null,
    goals: app.goals.list(ctx).map(goalProgress),
    openTasks: open.map((t) => taskCard(t)),
    routing: {
      columns: ['category', 'assignee', 'expected success', 'done', 'failed', 'open / capacity'],
      rows: routing.map((r) => [
        r.category,
        r.assignee,
        `${Math.round(r.expectedSuccess * 100)}%`,
        String(r.successes),
        String(r.failures),
        `${r.openTasks} / ${r.capacity}`,
      ]),
    },
  };
}
