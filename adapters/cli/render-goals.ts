import type {
  AdjustRecommendation,
  FeedbackNote,
  Goal,
  GoalAnalytics,
  GoalChange,
  GoalSuggestion,
  Lesson,
  Observation,
  TaskSummary,
} from '../../src/index.js';
import {
  archivedReadingText,
  exampleDeadline,
  formatNumber,
  goalFigure,
  goalStatusText,
  goalUnitSuffix,
  goalValueText,
  judgedOnText,
  noGoalsText,
  sparkline,
  typedOutlierText,
} from '../../src/index.js';
import { bar, table } from './format.js';
import { openTaskList } from './render-projects.js';

const num = (v: number | null): string => (v === null ? '—' : goalFigure(v));

/** A figure in its goal's unit: "300 teachers", "4.5 %"; a change of a rate in points ("1.5 pts"). */
const inUnit = (v: number | null, unit: string, change = false): string =>
  v === null ? '—' : `${num(v)}${goalUnitSuffix(unit, change)}`;

/** The goals as a table; with none, `archived` (their metrics) says whether any were archived. */
export function renderGoals(goals: GoalAnalytics[], archived: readonly string[] = []): string {
  if (goals.length === 0)
    return noGoalsText(archived, 'goalpost goal add', `signups --target 500 --by ${exampleDeadline()}`);
  const rows = goals.map((g) => {
    const unit = g.goal.unit;
    const momentum = g.momentumPerWeek;
    return [
      g.goal.metric,
      // A latest reading the goal is not judged on says what it is judged on instead.
      `${inUnit(g.current, unit)}${judgedOnText(g)}`,
      inUnit(g.goal.target, unit),
      inUnit(g.gap, unit, true),
      inUnit(g.baseline, unit),
      momentum === null ? '—' : `${momentum >= 0 ? '+' : ''}${inUnit(momentum, unit, true)}/wk`,
      g.forecast === null ? '—' : `${inUnit(g.forecast, unit)} by ${g.goal.deadline}`,
      goalStatusText(g),
      sparkline(g.recent) || '—',
    ];
  });
  return [
    table(['goal', 'current', 'target', 'gap', 'baseline', 'momentum', 'forecast', 'status', 'trend'], rows),
    '',
    ...goals.map(
      (g) =>
        `${g.goal.metric.padEnd(12)} ${bar(g.progressRatio)}  ${g.why}${g.freshness ? `\n${''.padEnd(12)} ${g.freshness}` : ''}`,
    ),
  ].join('\n');
}

/**
 * `goal show`: one goal as the table has it, then what it is worth, its anomalies and what the
 * work done on it did (a review found `goal show nps` taken for `goal list nps` and refused).
 */
export function renderGoalDetail(g: GoalAnalytics): string {
  const lines = [renderGoals([g]), '', `Worth: ${goalValueText(g.goal)}.`];
  if (g.freshness === null && g.updated === null)
    lines.push('No measurement yet: `goalpost metric <name> <value>` records one.');
  for (const a of g.anomalies)
    lines.push(
      `Anomaly: ${inUnit(a.value, g.goal.unit)} on ${a.observedAt.slice(0, 10)} (z ${a.z}): check it`,
    );
  if (g.actions.length === 0) lines.push('Work done on it: none yet.');
  else {
    lines.push('Work done on it:');
    for (const a of g.actions)
      lines.push(`  ${a.ref} ${a.title} (done ${a.doneAt.slice(0, 10)}): ${a.verdict}`);
  }
  return lines.join('\n');
}

export function renderGoal(g: Goal): string {
  return `Goal ${g.metric}: ${g.direction === 'up' ? 'raise' : 'lower'} to ${g.target}${g.unit ? ` ${g.unit}` : ''} by ${g.deadline}${g.baseline === null ? '' : ` (baseline ${g.baseline}${g.unit ? ` ${g.unit}` : ''})`}.`;
}

export function renderGoalValue(g: Goal): string {
  return `Goal value set: ${goalValueText(g)}.`;
}

/** After `goal archive`: what leaves with it, and the tasks on it still open. */
export function renderGoalArchived(g: Goal & { openTasks: TaskSummary[] }): string {
  return [
    `Goal ${g.metric} archived: it leaves the goals, the digest and the plan; its measurements stay (\`goalpost goal add ${g.metric} …\` tracks it again).`,
    ...(g.openTasks.length === 0
      ? []
      : [
          `Its open tasks stay open: ${openTaskList(g.openTasks)}; \`goalpost cancel <ref>\` ends one its end makes moot.`,
        ]),
  ].join('\n');
}

/**
 * After `goal set`: what changed, or that nothing did; given only a worth, the worth as
 * `goal set --value` always said it.
 */
export function renderGoalChange(g: GoalChange, given: Record<string, string | undefined>): string {
  const asked = Object.entries(given)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  if (asked.every((k) => k === 'value' || k === 'weight') && g.changes.length > 0) return renderGoalValue(g);
  if (g.changes.length === 0)
    return `Goal ${g.metric}: nothing changed (${renderGoal(g)
      .replace(/^Goal [^:]+: /, '')
      .replace(/\.$/, '')}).`;
  return `Goal ${g.metric}: ${g.changes.join('; ')}.`;
}

export function renderObservation(
  o: Observation & {
    replaced?: number | null;
    unit?: string;
    outlier?: { trend: number | null } | null;
    archived?: boolean;
  },
): string {
  const ctx = Object.entries(o.context).map(([k, v]) => `${k}=${v}`);
  const unit = goalUnitSuffix(o.unit ?? '');
  const replaced =
    o.replaced === null || o.replaced === undefined
      ? ''
      : o.replaced === o.value
        ? ', as typed for that time before (nothing changed)'
        : `, in place of ${formatNumber(o.replaced, 10)}${unit} typed for that time before`;
  return `Recorded ${o.metric} = ${formatNumber(o.value, 10)}${unit} at ${o.observedAt}${ctx.length ? ` (${ctx.join(', ')})` : ''}${replaced}.${typedOutlierText({ ...o, unit: o.unit ?? '' }, o.outlier ?? null)}${archivedReadingText(o.metric, o.archived === true)}`;
}

export function renderNote(n: FeedbackNote): string {
  return `Noted${n.goalId === null ? '' : ' on the goal'}: ${n.text}`;
}

export function renderLesson(l: Lesson): string {
  return `Lesson recorded: ${l.text}`;
}

export function renderSuggestions(r: {
  goals: GoalSuggestion[];
  adjustments: AdjustRecommendation[];
}): string {
  const out = ['Next nudges:'];
  if (r.goals.length === 0) out.push('  no goals yet');
  for (const s of r.goals) {
    out.push(`  ${s.metric} (${goalStatusText(s.analytics)}): ${s.advice}`, `    why: ${s.analytics.why}`);
  }
  // Backlog work comes from no playbook: its categories are judged too.
  out.push('', 'Playbooks and categories — continue, modify or retire:');
  if (r.adjustments.length === 0) out.push('  nothing to judge yet (no decided tasks)');
  for (const a of r.adjustments) {
    out.push(`  ${`${a.scope} ${a.key}`.padEnd(27)} ${a.recommendation.padEnd(8)} ${a.why}`);
  }
  return out.join('\n');
}
