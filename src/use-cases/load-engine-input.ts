import { OPEN_STATUSES } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { FOCUS_RECENT_DAYS } from '../engine/task-history.js';
import type { EngineInput } from '../engine/types.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import type { Store } from '../store/create-store.js';

/** How far back closed tasks count for confidence and recency. */
const HISTORY_DAYS = 90;

/** Reads everything the engine needs for one workspace in one consistent snapshot. */
export function loadEngineInput(
  store: Store,
  vision: Vision,
  now: Date,
  goals: readonly GoalAnalytics[] = [],
): EngineInput {
  const ws = vision.workspaceId;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  return {
    now: now.toISOString(),
    vision,
    projects: store.projects.list(ws),
    features: store.projects.features(ws),
    bugs: store.projects.bugs(ws),
    revenue: store.revenue.list(ws),
    playbooks: store.playbooks.list(ws),
    openTasks: store.tasks.list(ws, { status: [...OPEN_STATUSES], limit: 1_000_000 }),
    history: store.tasks.history(ws, {
      since,
      focusSince: new Date(now.getTime() - FOCUS_RECENT_DAYS * 86_400_000).toISOString(),
      focusAreas: vision.focusAreas,
    }),
    goals: goals.map((a) => ({
      goalId: a.goal.id,
      metric: a.goal.metric,
      target: a.goal.target,
      unit: a.goal.unit,
      deadline: a.goal.deadline,
      status: a.status,
      gap: a.gap,
      why: a.why,
    })),
  };
}
