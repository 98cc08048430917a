import { parseInstant } from '../engine/dates.js';
import type { Outcome } from './types.js';

/** The outcomes sorted by time; outcomes at the same instant keep their input order. */
export function inTimeOrder(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes
    .map((outcome, index) => ({ outcome, index, at: parseInstant(outcome.at, 'outcome.at') }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ outcome }) => outcome);
}
