import type { ShownValue, ValueChange } from '../domain/task.js';
import type { RescaledTask, RevaluedTask } from '../engine/batch-plan.js';
import { formatCents, formatScore } from '../engine/format.js';

/**
 * The step a plan writes in the history of a proposal it valued differently: by whoever ran the
 * plan (a person, or the scheduler's digest), from proposed to proposed, its note saying what
 * changed (`valued again with batch 7: $325.80 → $282.37 a month, P8 → P6`), its data the values
 * before and after (`{batchId, was, now}`).
 */
export const REVALUED = 'revalued';

/** `$1,325.80`: dollars and cents, as `goalpost tasks` and `task show` print a task's value. */
const cents = formatCents;
/** A score as cards and the CLI print it (see formatScore). */
const tenths = formatScore;

/**
 * What a plan changed of a proposal as the team reads it (its priority, its dollars to the cent,
 * its score to a tenth, its title), or null when a card would show the same: a second digest the same
 * day values a proposal alike, and says nothing of it.
 */
export function valueChangeOf(r: RevaluedTask): ValueChange | null {
  const now: ShownValue = {
    title: r.title,
    priority: r.priority,
    revenueImpact: r.revenueImpact,
    goalValue: r.goalValue,
    score: r.score,
  };
  const { was } = r;
  if (
    was.title === now.title &&
    was.priority === now.priority &&
    cents(was.revenueImpact) === cents(now.revenueImpact) &&
    cents(was.goalValue) === cents(now.goalValue) &&
    tenths(was.score) === tenths(now.score)
  ) {
    return null;
  }
  return r.because === undefined ? { ref: r.ref, was, now } : { ref: r.ref, was, now, because: r.because };
}

/**
 * `$325.80 → $282.37 a month, P8 → P6, score 117.9 → 98.2` (a goal's value: `$4,200.00 → $0.00 a
 * month toward its goal`): only what changed, and the new title
 * if it changed (`now titled "…"`), then why when the plan said (`(Pagewise's part of the gap is …)`).
 */
export function describeValueChange({ was, now, because }: ValueChange): string {
  const changed = [
    cents(was.revenueImpact) === cents(now.revenueImpact)
      ? null
      : `${cents(was.revenueImpact)} → ${cents(now.revenueImpact)} a month`,
    cents(was.goalValue) === cents(now.goalValue)
      ? null
      : `${cents(was.goalValue)} → ${cents(now.goalValue)} a month toward its goal`,
    was.priority === now.priority ? null : `P${was.priority} → P${now.priority}`,
    tenths(was.score) === tenths(now.score) ? null : `score ${tenths(was.score)} → ${tenths(now.score)}`,
    was.title === now.title ? null : `now titled "${now.title}"`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return because === undefined ? changed : `${changed} (${because})`;
}

/**
 * `priority on the scale of batch 12: P7 → P10`: an open task's priority said again on a later
 * batch's scale, its value as it was decided (see BatchPlan.rescaled).
 */
export function describeRescale(batch: number, r: Pick<RescaledTask, 'was' | 'priority'>): string {
  return `priority on the scale of batch ${batch}: P${r.was} → P${r.priority}`;
}
