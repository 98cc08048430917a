import type { DecisionMemory } from '../domain/history.js';
import { OPEN_STATUSES } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { FOCUS_RECENT_DAYS } from '../engine/task-history.js';
import type { EngineInput } from '../engine/types.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import type { Store } from '../store/create-store.js';
import { loadPaymentFailures } from './payment-failures.js';

/** How far back closed tasks count for confidence and recency. */
const HISTORY_DAYS = 90;

/**
 * Reads everything the engine needs for one workspace in one consistent snapshot, but the memory of
 * decided work (see loadMemory: it depends on the candidates).
 */
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
    // The open features, and the rest only counted: a large workspace has many done ones.
    features: store.projects.openFeatures(ws),
    featureStats: store.projects.featureStats(ws),
    bugs: store.projects.bugs(ws),
    revenue: store.revenue.list(ws),
    playbooks: store.playbooks.list(ws),
    paymentFailures: loadPaymentFailures(store, ws, now),
    openTasks: store.tasks.list(ws, { status: [...OPEN_STATUSES], limit: 1_000_000 }),
    history: store.history.summary(ws, {
      since,
      focusSince: new Date(now.getTime() - FOCUS_RECENT_DAYS * 86_400_000).toISOString(),
      focusAreas: vision.focusAreas,
    }),
    goals: goals.map((a) => ({
      goalId: a.goal.id,
      metric: a.goal.metric,
      target: a.goal.target,
      unit: a.goal.unit,
      direction: a.goal.direction,
      baseline: a.baseline,
      current: a.current,
      valuePerUnit: a.goal.valuePerUnit,
      weight: a.goal.weight,
      deadline: a.goal.deadline,
      status: a.status,
      gap: a.gap,
      why: a.why,
    })),
  };
}

/**
 * The done and rejected tasks of the work a plan considers: done ever, rejected within twice the
 * cooldown (so the reasoning can say a returning task was rejected before).
 */
export function loadMemory(
  store: Store,
  workspaceId: string,
  keys: readonly string[],
  now: Date,
  rejectCooldownDays: number,
): DecisionMemory {
  const rejectedSince = new Date(now.getTime() - 2 * rejectCooldownDays * 86_400_000).toISOString();
  return store.history.memory(workspaceId, { keys, rejectedSince });
}
