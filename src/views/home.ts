import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { Goal } from '../domain/goal.js';
import type { HomeChart, HomeView, Platform } from '../domain/reply.js';
import { byPriority } from '../domain/task.js';
import { goalProgress, revenueProgress, taskCard } from './cards.js';

/** Revenue against the milestone, with where the figure comes from. */
function revenueFigure(app: Goalpost, ctx: Ctx) {
  const r = app.engine.state(ctx).revenue;
  return revenueProgress(r, app.freshness.revenue(ctx, r));
}

/**
 * The charts the latest weekly reports attached on `platform` that still mean something: revenue's
 * (with a vision), then each current goal's, in the goals' order.
 */
function homeCharts(app: Goalpost, ctx: Ctx, platform: Platform, goals: readonly Goal[], hasVision: boolean) {
  const files = new Map(app.chat.charts.latest(ctx, platform).map((f) => [f.name, f]));
  const names = [...(hasVision ? ['revenue'] : []), ...goals.map((g) => `goal-${g.metric}`)];
  return names.flatMap((name): HomeChart[] => {
    const f = files.get(name);
    return f
      ? [{ name, title: f.title, alt: f.alt, fileId: f.fileId, channelId: f.channelId, postedAt: f.postedAt }]
      : [];
  });
}

/**
 * The home tab's content for a workspace on a platform; an empty workspace gets nulls and empty
 * lists. Its charts are the files the latest weekly report attached there.
 */
export function homeView(app: Goalpost, ctx: Ctx, platform: Platform): HomeView {
  const vision = app.vision.find(ctx);
  const open = app.tasks
    .list(ctx, { status: ['open'] })
    .sort(byPriority)
    .slice(0, 20);
  const routing = app.learning.table(ctx);
  const goals = app.goals.list(ctx);
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
    goals: goals.map(goalProgress),
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
    charts: homeCharts(
      app,
      ctx,
      platform,
      goals.map((g) => g.goal),
      vision !== null,
    ),
  };
}
