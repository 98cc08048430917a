import type { Outcome } from '../domain/outcome.js';
import { parseInstant } from '../engine/dates.js';

/** Each outcome's `at` in epoch milliseconds, parsed once, in input order. */
export function instantsOf(outcomes: readonly Outcome[]): Float64Array {
  const times = new Float64Array(outcomes.length);
  outcomes.forEach((outcome, index) => {
    times[index] = parseInstant(outcome.at, 'outcome.at');
  });
  return times;
}

/**
 * The input positions in time order; positions with the same instant keep their input order.
 * Logs usually arrive in time order already, so that case is detected in one pass and skips the
 * sort; otherwise the positions are sorted by their parsed instants (never by re-parsing text).
 */
export function timeOrderOf(times: Float64Array): Uint32Array {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  if (isNonDecreasing(times)) return order;
  return order.sort((a, b) => instantAt(times, a) - instantAt(times, b) || a - b);
}

function isNonDecreasing(times: Float64Array): boolean {
  for (let i = 1; i < times.length; i += 1) {
    if (instantAt(times, i) < instantAt(times, i - 1)) return false;
  }
  return true;
}

/** `times[index]`, for an index known to be in range. */
export function instantAt(times: Float64Array, index: number): number {
  return times[index] ?? Number.NaN;
}

/** The outcomes sorted by time; outcomes at the same instant keep their input order. */
export function inTimeOrder(outcomes: readonly Outcome[]): Outcome[] {
  const order = timeOrderOf(instantsOf(outcomes));
  return Array.from(order, (index) => outcomeAt(outcomes, index));
}

/** `outcomes[index]`, for an index known to be in range. */
export function outcomeAt(outcomes: readonly Outcome[], index: number): Outcome {
  const outcome = outcomes[index];
  if (outcome === undefined) throw new RangeError(`no outcome at position ${index}`);
  return outcome;
}
