import type { Goal } from '../domain/goal.js';
import type { ProgressView, TaskButton, TaskCardView } from '../domain/reply.js';
import { TASK_BUTTONS } from '../domain/reply.js';
import {
  itemSourceText,
  RETRY_CANCELLED,
  reasoningNow,
  retryStands,
  type Task,
  type TaskEvent,
  type TaskStatus,
} from '../domain/task.js';
import { bindsText, paceOverText, reachedText } from '../engine/analyse-revenue.js';
import { formatDollars } from '../engine/format.js';
import { growthApartText, type RevenueState } from '../engine/workspace-state.js';
import type { GoalAnalytics } from '../feedback/analyse-goal.js';
import { DEPENDENCY_RELEASED, DEPENDENCY_RESTORED } from '../use-cases/release-dependents.js';
import { ROUTED } from '../use-cases/route-batch.js';
import { REVALUED } from '../use-cases/value-change.js';

/** Which buttons a card offers in each status: only steps that are legal from there. */
const BUTTONS_BY_STATUS: Partial<Record<TaskStatus, Array<keyof typeof TASK_BUTTONS>>> = {
  proposed: ['approve', 'reject'],
  approved: ['start', 'done', 'reject'],
  in_progress: ['done'],
  // The team may change its mind (a wrong card tapped, news the next day): see tasks.transition.
  rejected: ['approve'],
  // What stopped it cleared: its work again, as a new task (see tasks.retry).
  failed: ['retry'],
};

export function buttonsFor(status: TaskStatus): TaskButton[] {
  return (BUTTONS_BY_STATUS[status] ?? []).map((action) => ({ action, ...TASK_BUTTONS[action] }));
}

/** Steps whose note says who did what: a card shows it as it is. */
const NOTE_TELLS: ReadonlySet<string> = new Set([
  DEPENDENCY_RELEASED,
  DEPENDENCY_RESTORED,
  RETRY_CANCELLED,
  REVALUED,
  ROUTED,
]);

/** The card's line about the task's last step: who did what, and why. */
function lastStep(e: TaskEvent): string {
  if (e.type === 'claimed' && typeof e.data.assignee === 'string') {
    const worker = typeof e.data.worker === 'string' ? ` on ${e.data.worker}` : '';
    const lease =
      typeof e.data.leaseExpiresAt === 'string'
        ? `, lease until ${e.data.leaseExpiresAt.slice(11, 16)} UTC`
        : '';
    return `picked up by ${e.data.assignee}${worker}${lease}`;
  }
  // Its note is the whole story ("T-3 failed (…): T-5 no longer waits for it and needs a new
  // decision", "T-3 retried as T-9: T-5 waits for T-9 again", "valued again with batch 7: $325.80
  // → $282.37 a month, P8 → P6").
  if (NOTE_TELLS.has(e.type) && e.note) return e.note;
  return `${e.type} by ${e.actor}${e.note ? ` — ${e.note}` : ''}`;
}

/**
 * What a task is worth a month, as a card's header says it: its revenue (`+$333/mo`), what it is
 * worth toward a goal it serves (`+$65/mo toward its goal`: not `+$0/mo` beside a reasoning that
 * values it), or both (`+$333/mo and +$400/mo toward its goal`: a cancellation survey that wins
 * back revenue and serves the churn goal, ranked on both, showed only the first).
 */
export function impactText(card: Pick<TaskCardView, 'revenueImpact' | 'goalValue'>): string {
  const goal = `+${formatDollars(card.goalValue)}/mo toward its goal`;
  if (card.goalValue <= 0) return `+${formatDollars(card.revenueImpact)}/mo`;
  return card.revenueImpact <= 0 ? goal : `+${formatDollars(card.revenueImpact)}/mo and ${goal}`;
}

/**
 * A task's impact in a list of tasks (chat's `/goalpost tasks`, the CLI's `goalpost tasks`): as its
 * card says it (impactText), `—` for work worth nothing a month rather than `+$0/mo`.
 */
export function impactInList(t: Pick<TaskCardView, 'revenueImpact' | 'goalValue'>): string {
  return t.revenueImpact > 0 || t.goalValue > 0 ? impactText(t) : '—';
}

/** A task as a card: what it is, why, for whom, and what can be done with it now. */
export function taskCard(task: Task, events: readonly TaskEvent[] = []): TaskCardView {
  // A decided task's priority said again on a later plan's scale is in its header and reasoning:
  // its last line keeps who decided or holds it (`picked up by ci-bot, lease until 14:00 UTC`).
  const last = [...events]
    .reverse()
    .find(
      (e) =>
        e.type !== 'proposed' && e.type !== 'created' && !(e.type === REVALUED && task.status !== 'proposed'),
    );
  return {
    taskId: task.id,
    ref: task.ref,
    title: task.title,
    status: task.status,
    priority: task.priority,
    category: task.category,
    project: task.projectName,
    revenueImpact: task.revenueImpact,
    goalValue: task.goalValue,
    alignment: task.alignment,
    score: task.score,
    assignee: task.assignee,
    reasoning: reasoningNow(task),
    dependsOn: task.dependsOn,
    source: sourceText(task),
    // A failed task retried already offers no retry: its retry's card is the one to act on.
    buttons: retryStands(events) ? [] : buttonsFor(task.status),
    lastEvent: last ? lastStep(last) : null,
  };
}

/**
 * Where a task comes from and where it is tracked, in words: its backlog item (`bug #4 (done closes
 * it)`), and the GitHub issue it was exported to (`tracked as acme/app#45 on GitHub, …`).
 */
function sourceText(task: Task): string | null {
  const tracked = task.issue
    ? `tracked as ${task.issue.ref} on GitHub, ${task.issue.url} (closing the issue closes the task)`
    : null;
  if (task.item === null) return tracked;
  const from = itemSourceText(task.item, task.status);
  return tracked === null ? from : `${from}; ${tracked}`;
}

/**
 * `, growing +$300/month` (each product's trend summed), or, when some products grow and some
 * fall, how many do each: their sum is no pace (`growing +$0/month` of one falling to nothing
 * and one climbing). '' before growth is measured.
 */
function growingText(r: RevenueState): string {
  if (r.monthlyGrowth === null) return '';
  const apart = growthApartText(r);
  if (apart !== null) return `, ${apart}`;
  return `, growing ${r.monthlyGrowth >= 0 ? '+' : ''}${formatDollars(r.monthlyGrowth)}/month`;
}

/**
 * Monthly revenue against the current milestone, with where the figure comes from; null when the
 * vision sets no revenue targets.
 */
export function revenueProgress(r: RevenueState, freshness: string | null): ProgressView | null {
  if (!r.milestone) return null;
  const ratio = r.milestone.target > 0 ? Math.min(1, Math.max(0, r.current / r.milestone.target)) : 1;
  const status =
    r.current >= r.milestone.target
      ? 'achieved'
      : r.onTrack === null
        ? 'no_data'
        : r.onTrack
          ? 'on_track'
          : 'off_track';
  const pace =
    r.requiredPace !== null && r.current < r.milestone.target
      ? `; needs +${formatDollars(r.requiredPace)}/month each month${paceOverText(r)}${growingText(r)}`
      : r.milestone.passed
        ? `; the ${r.milestone.month} milestone has passed and no later one is set (on the command line, \`goalpost vision set revenue_targets YYYY-MM=N\` sets the next)`
        : '';
  return {
    label: `Revenue by ${r.milestone.month}`,
    current: r.current,
    target: r.milestone.target,
    unit: 'USD/month',
    ratio,
    status,
    detail: `${formatDollars(r.current)} of ${formatDollars(r.milestone.target)} MRR, gap ${formatDollars(r.gap)}${pace}${r.milestone.reached === undefined ? '' : `; ${reachedText(r.milestone.reached)}`}${r.milestone.nearer === undefined ? '' : `; ${bindsText(r)}`}`,
    freshness,
  };
}

/** A goal from baseline to target, with the sentence the analytics wrote. */
export function goalProgress(a: GoalAnalytics): ProgressView {
  return {
    label: `${a.goal.metric} by ${a.goal.deadline}`,
    current: a.current,
    target: a.goal.target,
    unit: a.goal.unit,
    ratio: a.progressRatio === null ? null : Math.min(1, Math.max(0, a.progressRatio)),
    status: a.status,
    detail: a.why,
    freshness: a.freshness,
  };
}

/** What a goal is worth to the planner, in words: "active_sellers: $30/month per unit (sellers)". */
export function goalValueText(goal: Goal): string {
  const unit = goal.unit ? ` (${goal.unit})` : '';
  if (goal.valuePerUnit !== null) {
    const v = goal.valuePerUnit;
    return `${goal.metric}: ${Number.isInteger(v) ? formatDollars(v) : `$${v.toFixed(2)}`}/month per unit${unit}`;
  }
  if (goal.weight !== null) return `${goal.metric}: weight ${goal.weight} against the revenue milestone`;
  return `${goal.metric}: its default weight (see the README, "How a task is valued")`;
}
