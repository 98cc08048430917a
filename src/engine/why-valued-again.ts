import type { BugSeverity } from '../domain/project.js';
import type { Task, TaskFacts } from '../domain/task.js';
import { SEVERITY_AT_RISK } from './BacklogItem.js';
import { formatUnits } from './backlog-candidates.js';
import { formatFixed, formatScore, formatShare, formatUsd, possessive } from './format.js';
import { rejectionsScope } from './rejections.js';
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
  const terms = termChanges(task, c);
  // Its dollars as they were: what moved beneath them cancelled out, and is no news.
  if (sameValue) {
    if (own.length > 0 || terms.length > 0) return [...own, ...terms].join('; ');
    return task.priority !== c.priority && formatScore(task.score) === formatScore(c.score)
      ? "its value as before: a priority is its score's place beside the best open work, which changed"
      : null;
  }
  const parts = [...own, ...dollarChanges(task, c), ...terms];
  // Its priority is no measure of its value alone: a review read a six-step jump beside an 18%
  // score change, the critical bug that set the scale having failed.
  if (parts.length > 0 && task.priority !== c.priority)
    parts.push("a priority being its score's place beside the best open work, which changed");
  return parts.length > 0 ? parts.join('; ') : null;
}

const cents = (n: number): number => Math.round(n * 100);

/** The terms of a score as its card's score line gave them (see explain): what a task keeps of them. */
interface ScoreLine {
  strategic: string;
  urgency: string;
  damp: string;
}

/** The terms of the score line among a task's reasoning; null when it has none (made by an older version). */
function scoreLineOf(reasoning: readonly string[]): ScoreLine | null {
  const line = reasoning.find((l) => l.startsWith('Score '));
  const m = line === undefined ? null : SCORE_LINE.exec(line);
  if (m === null) return null;
  return { strategic: m[1] as string, urgency: m[2] as string, damp: m[3] ?? formatFixed(1) };
}

const SCORE_LINE =
  /\+ (\$[\d,.]+) strategic\) \u00d7 ([\d.]+) urgency .*?(?:\u00d7 ([\d.]+) rejections)?(?: \u00d7 [\d.]+ team priority)? \u2192 priority/;

/**
 * What moved among the other terms of its score: how much the team rejects of its kind lately, how
 * pressing it is, its strategic value, and its confidence where dollars ride on it (confidence
 * weighs its dollars alone: a review read "confidence 0.50 → 0.67" beside a $0 proposal's score
 * falling by a third, which the team's rejections of its kind had damped).
 */
function termChanges(task: Task, c: ScoredCandidate): string[] {
  const parts: string[] = [];
  const was = scoreLineOf(task.reasoning);
  const damp = formatFixed(c.terms.damp);
  if (was !== null && was.damp !== damp) {
    const more = Number(damp) < Number(was.damp) ? 'more' : 'fewer';
    parts.push(
      `${more} of the team's recent ${c.category} tasks${rejectionsScope(c)} were rejected: its score ×${damp} for it now, ×${was.damp} before`,
    );
  }
  const dollars = task.revenueImpact + task.goalValue > 0 || c.revenueImpact + c.goalValue > 0;
  if (dollars && formatFixed(task.confidence) !== formatFixed(c.confidence))
    parts.push(
      `confidence ${formatFixed(task.confidence)} → ${formatFixed(c.confidence)}, from the finished work of its kind`,
    );
  const strategic = formatUsd(c.terms.strategic);
  if (was !== null && was.strategic !== strategic)
    parts.push(`its strategic value is ${strategic} now, ${was.strategic} before`);
  const urgency = formatFixed(c.terms.urgency);
  if (was !== null && was.urgency !== urgency)
    parts.push(`its urgency is ×${urgency} now, ×${was.urgency} before`);
  return parts;
}

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
  const affects = affectsChange(task.facts, c.facts);
  if (affects !== null) own.push(affects);
  return own;
}

/**
 * What the team said since of the share of what its product earns or is to win a bug affects (`bug affects`):
 * `the team judges it affects 2% of what its product earns or is to win now, 20% (its high severity's) before`,
 * or, taken back, `it is counted at its high severity's 20% of what its product earns or is to win again, 2%
 * as the team judged it before`.
 */
function affectsChange(was: TaskFacts, is: TaskFacts): string | null {
  const severity = is.severity;
  if (was.affects === is.affects || !isSeverity(severity)) return null;
  const own = formatShare(SEVERITY_AT_RISK[severity]);
  if (is.affects === undefined)
    return `it is counted at its ${severity} severity's ${own} of what its product earns or is to win again, ${formatShare(was.affects ?? 0)} as the team judged it before`;
  const before = was.affects === undefined ? `${own} (its ${severity} severity's)` : formatShare(was.affects);
  return `the team judges it affects ${formatShare(is.affects)} of what its product earns or is to win now, ${before} before`;
}

const isSeverity = (s: string | undefined): s is BugSeverity =>
  s !== undefined && Object.hasOwn(SEVERITY_AT_RISK, s);

/** What moved the dollars beneath it, from the facts it was valued on then and now. */
function dollarChanges(task: Task, c: ScoredCandidate): string[] {
  const was = task.facts;
  const is = c.facts;
  const moved = (a: number | undefined, b: number | undefined): b is number =>
    a !== undefined && b !== undefined && cents(a) !== cents(b);
  const usd = (n: number | undefined) => `${formatUsd(n ?? 0)}/month`;
  const parts: string[] = [];
  const whose = c.projectName === null ? 'its project' : possessive(c.projectName);
  // A launch's share moves day by day over its first quarter, whatever else moved (see provenShare).
  const launch =
    is.launchDays !== undefined
      ? 'as a launch is counted more by what it earns as its first quarter goes by'
      : was.launchDays !== undefined
        ? 'as its first quarter since its launch is over: it is counted by what it earns'
        : is.besideLaunch === true || was.besideLaunch === true
          ? 'as a product launched beside it is counted more by what it earns as its first quarter goes by, or what the products sharing it earn, or their open work, changed'
          : null;
  if (moved(was.gapUsd, is.gapUsd)) {
    parts.push(`the revenue gap is ${usd(is.gapUsd)} now, ${usd(was.gapUsd)} before`);
    if (launch !== null && moved(was.shareUsd, is.shareUsd))
      parts.push(`${whose} part of it is ${usd(is.shareUsd)} now, ${usd(was.shareUsd)} before, ${launch}`);
  } else if (moved(was.shareUsd, is.shareUsd)) {
    // Its product's whole part, what its open work wins and what is counted on what it shipped.
    const whole = (f: typeof was) => cents((f.shareUsd ?? 0) + (f.shippedUsd ?? 0));
    const shipped = cents(is.shippedUsd ?? 0) !== cents(was.shippedUsd ?? 0);
    parts.push(
      whole(was) === whole(is) && shipped
        ? `${whose} open work wins ${usd(is.shareUsd)} of its part of the gap now, ${usd(was.shareUsd)} before: ${usd(is.shippedUsd)} of it is counted on the work it shipped whose revenue is not in yet`
        : `${whose} part of the gap is ${usd(is.shareUsd)} now, ${usd(was.shareUsd)} before, ${launch ?? 'as what the products sharing it earn, or their open work, changed'}`,
    );
  }
  // A bug's claim on what its product is to win: its facts keep no share of the gap (see factsOf).
  if (is.launchDays !== undefined && is.shareUsd === undefined && was.shareUsd === undefined)
    parts.push(`${whose} part of the gap moved, ${launch}`);
  if (moved(was.shareUnits, is.shareUnits)) {
    const units = `${formatUnits(is.shareUnits)} feature-size${is.shareUnits === 1 ? '' : 's'}`;
    parts.push(`the open work sharing it comes to ${units} now, ${formatUnits(was.shareUnits ?? 0)} before`);
  }
  // What the share is counted for beside that work: the work held back keeps its part (see
  // keptBack); dropped, approved after all or turned down too, it moves what the rest claims. A
  // review read "$1,200.00 → $1,600.00 a month" with no reason after dropping a rejected feature.
  if (was.shareUnits !== undefined && moved(was.shareSizes ?? 1, is.shareSizes ?? 1)) {
    const held = (f: TaskFacts) => formatUnits(f.heldSizes ?? 0);
    parts.push(
      `the feature-sizes ${whose} part of the gap is counted for are ${formatUnits(is.shareSizes ?? 1)} now, ${formatUnits(was.shareSizes ?? 1)} before, ${held(is)} of them held back now, ${held(was)} before`,
    );
  }
  if (moved(was.stakeUsd, is.stakeUsd))
    parts.push(
      `what is at stake behind it besides the gap is ${usd(is.stakeUsd)} now, ${usd(was.stakeUsd)} before`,
    );
  if (moved(was.goalUsd, is.goalUsd))
    parts.push(`the goals it serves are worth ${usd(is.goalUsd)} to it now, ${usd(was.goalUsd)} before`);
  return parts;
}
