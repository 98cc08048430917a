import type { Task } from '../domain/task.js';
import { formatUnits } from './backlog-candidates.js';
import { formatFixed, formatUsd, possessive } from './format.js';
import type { ScoredCandidate } from './score-candidate.js';

/**
 * What moved a proposal's value since it was last valued (`task`, as it stands) to today's
 * candidate of the same work, said for its history, the digest and `--json` (ValueChange.because):
 * what changed of the work itself (its estimate, the team's priority, its focus area); when its
 * dollars moved, what moved them (the revenue gap, its project's part of it, the work sharing that
 * part, the other dollars at stake, the goals' worth); when they did not, its confidence, else the
 * batch's scale of priority alone. Null when none of these moved (urgency as the days pass). Two
 * reviews found dollars, scores and priorities moving overnight with nothing said of why.
 */
export function whyValuedAgain(task: Task, c: ScoredCandidate): string | null {
  const own = workChanges(task, c);
  const sameValue =
    cents(task.revenueImpact) === cents(c.revenueImpact) && cents(task.goalValue) === cents(c.goalValue);
  // Its dollars as they were: what moved beneath them cancelled out, and is no news.
  if (sameValue) {
    if (own.length > 0) return own.join('; ');
    if (formatFixed(task.confidence) !== formatFixed(c.confidence))
      return `confidence ${formatFixed(task.confidence)} → ${formatFixed(c.confidence)}, from the finished work of its kind`;
    return task.priority !== c.priority
      ? "its value as before: a priority is its score's place beside the best open work, which changed"
      : null;
  }
  const parts = [...own, ...dollarChanges(task, c)];
  // Its priority is no measure of its value alone: a review read a six-step jump beside an 18%
  // score change, the critical bug that set the scale having failed.
  if (parts.length > 0 && task.priority !== c.priority)
    parts.push("a priority being its score's place beside the best open work, which changed");
  return parts.length > 0 ? parts.join('; ') : null;
}

const cents = (n: number): number => Math.round(n * 100);

/** What changed of the work itself: a score moved by half with no reason, the team having raised its priority. */
function workChanges(task: Task, c: ScoredCandidate): string[] {
  const own: string[] = [];
  if (task.effortHours !== c.effortHours)
    own.push(`its estimate is ${c.effortHours} h now, ${task.effortHours} h before`);
  const was = task.facts.priority;
  const is = c.facts.priority;
  if (was !== undefined && is !== undefined && was !== is)
    own.push(`the team's priority is ${is} now, ${was} before`);
  if (task.focusArea !== c.focusArea)
    own.push(`it works on ${c.focusArea ?? 'no focus area'} now, ${task.focusArea ?? 'none'} before`);
  return own;
}

/** What moved the dollars beneath it, from the facts it was valued on then and now. */
function dollarChanges(task: Task, c: ScoredCandidate): string[] {
  const was = task.facts;
  const is = c.facts;
  const moved = (a: number | undefined, b: number | undefined): b is number =>
    a !== undefined && b !== undefined && cents(a) !== cents(b);
  const usd = (n: number | undefined) => `${formatUsd(n ?? 0)}/month`;
  const parts: string[] = [];
  if (moved(was.gapUsd, is.gapUsd))
    parts.push(`the revenue gap is ${usd(is.gapUsd)} now, ${usd(was.gapUsd)} before`);
  else if (moved(was.shareUsd, is.shareUsd)) {
    const whose = c.projectName === null ? 'its project' : possessive(c.projectName);
    parts.push(
      `${whose} part of the gap is ${usd(is.shareUsd)} now, ${usd(was.shareUsd)} before, as the open work of the products sharing it changed`,
    );
  }
  if (moved(was.shareUnits, is.shareUnits)) {
    const units = `${formatUnits(is.shareUnits)} feature-size${is.shareUnits === 1 ? '' : 's'}`;
    parts.push(`the open work sharing it comes to ${units} now, ${formatUnits(was.shareUnits ?? 0)} before`);
  }
  if (moved(was.stakeUsd, is.stakeUsd))
    parts.push(
      `what is at stake behind it besides the gap is ${usd(is.stakeUsd)} now, ${usd(was.stakeUsd)} before`,
    );
  if (moved(was.goalUsd, is.goalUsd))
    parts.push(`the goals it serves are worth ${usd(is.goalUsd)} to it now, ${usd(was.goalUsd)} before`);
  return parts;
}
