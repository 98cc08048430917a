import { toMinute } from '../domain/duration.js';
import { bindsText, reachedText } from '../engine/analyse-revenue.js';
import { formatNumber, formatUsd } from '../engine/format.js';
import { goalUnitSuffix } from '../engine/goal-value.js';
import { outcomeTally } from '../feedback/adjust.js';
import { goalFigure, goalStatusText, judgedOnText } from '../feedback/analyse-goal.js';
import type { FeedbackReport, MonthInProgress } from '../use-cases/report.js';
import { ROUTED } from '../use-cases/route-batch.js';
import { REVALUED } from '../use-cases/value-change.js';

/**
 * The report's actions as people and workers took them: not a task's creation, nor a plan valuing
 * a proposal again (the export's JSON keeps both).
 */
export function stepsTaken(r: FeedbackReport): FeedbackReport['actions'] {
  return r.actions.filter((e) => e.type !== 'created' && e.type !== REVALUED && e.type !== ROUTED);
}

/** A report's number as people read it: rounded to `digits` places, grouped, "—" when unknown. */
export const n = (v: number | null, digits = 2): string => (v === null ? '—' : formatNumber(v, digits));
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** How many of the latest complete months the report lists. */
const REVENUE_MONTHS = 3;

/**
 * The report's revenue: the latest complete months' monthly revenue, each with its change on the
 * month before, and how far the next target is reached (the chart's figures, complete months
 * only); then the month under way, if a record has ended in it, as what it has so far and how
 * much of it is recorded, compared with nothing. Plain text: each surface marks it its own way.
 */
export function revenueSummary(revenue: FeedbackReport['revenue']): {
  months: string[];
  inProgress: string | null;
  target: string | null;
} {
  const { months, targets } = revenue;
  const shown = months.slice(-REVENUE_MONTHS);
  const first = months.length - shown.length;
  const lines = shown.map((m, i) => {
    const before = months[first + i - 1];
    const change =
      before === undefined
        ? ''
        : ` (${m.mrr >= before.mrr ? '+' : '-'}${formatUsd(Math.abs(m.mrr - before.mrr))} on ${before.month})`;
    return `${m.month}: ${formatUsd(m.mrr)}/month${change}`;
  });
  const latest = months.at(-1);
  const next =
    revenue.planned?.milestone ??
    targets.find((t) => latest === undefined || t.month > latest.month) ??
    targets.at(-1);
  const reached =
    latest === undefined || next === undefined || next.target <= 0
      ? null
      : Math.round((latest.mrr / next.target) * 100);
  return {
    months: lines,
    inProgress: revenue.inProgress === undefined ? null : monthSoFar(revenue.inProgress),
    target:
      next === undefined
        ? null
        : `Target: ${formatUsd(next.target)}/month by ${next.month}${reached === null ? '' : `: ${reached}% reached`}${plannedWhy(revenue.planned)}.`,
  };
}

/**
 * Why the report's target is the one `state` plans against, as `state` says it: a target met
 * early before it, and the nearer one it binds past ('' when it is simply the next).
 */
function plannedWhy(planned: FeedbackReport['revenue']['planned']): string {
  const milestone = planned?.milestone;
  if (planned === undefined || milestone === null || milestone === undefined) return '';
  const reached = milestone.reached === undefined ? '' : `; ${reachedText(milestone.reached)}`;
  const binds = bindsText(planned);
  return `${reached}${binds === '' ? '' : `; ${binds}`}`;
}

/** `2026-03 so far: $7,343/month (in progress; 1 of 3 sources has recorded it, to 2026-03-15)`. */
function monthSoFar(m: MonthInProgress): string {
  const who =
    m.recorded === m.sources
      ? `every source has`
      : `${m.recorded} of ${m.sources} sources ${m.recorded === 1 ? 'has' : 'have'}`;
  return `${m.month} so far: ${formatUsd(m.mrr)}/month (in progress; ${who} recorded it, to ${m.through})`;
}

/** What the report says when no month with revenue has ended. */
export const NO_REVENUE = 'No revenue recorded for a month that has ended.';

function revenueLines(revenue: FeedbackReport['revenue']): string[] {
  const { months, inProgress, target } = revenueSummary(revenue);
  return [
    '## Revenue',
    '',
    ...(months.length === 0 ? [NO_REVENUE] : months.map((m) => `- ${m}`)),
    ...(inProgress === null ? [] : [`- ${inProgress}`]),
    ...(target === null ? [] : ['', target]),
    '',
  ];
}

/** The report as Markdown, for `goalpost report`, `goalpost export --format markdown` and chat posts. */
/** What an adjustment judges: a playbook by its key, a category as its tasks ("feature tasks"). */
export function adjusted(a: FeedbackReport['adjustments'][number]): string {
  return a.scope === 'playbook' ? a.key : `${a.key} tasks`;
}

export function reportMarkdown(r: FeedbackReport): string {
  const out: string[] = [
    `# Goalpost report: ${r.workspace}`,
    '',
    `Since ${r.since}, generated ${r.generatedAt}.`,
    '',
  ];
  if (r.vision) out.push(`**Vision:** ${r.vision.statement} — **goal:** ${r.vision.primaryGoal}`, '');
  out.push('## Goals', '');
  if (r.goals.length === 0) out.push('No goals set.', '');
  else {
    out.push(
      '| metric | current | target | progress | momentum/week | forecast | deadline | status |',
      '|---|---|---|---|---|---|---|---|',
      ...r.goals.map((g) => {
        // Each figure in the goal's unit ("300 teachers"; a rate's momentum in points), as `goals`
        // and the goal's sentence round it (233 teachers, not 232.57), its momentum signed.
        const inUnit = (v: number | null, change = false) =>
          v === null ? '—' : `${goalFigure(v)}${cell(goalUnitSuffix(g.goal.unit, change))}`;
        const m = g.momentumPerWeek;
        const momentum = m === null ? '—' : `${m >= 0 ? '+' : ''}${inUnit(m, true)}`;
        const current = `${inUnit(g.current)}${judgedOnText(g)}`;
        return `| ${g.goal.metric} | ${current} | ${inUnit(g.goal.target)} | ${g.progressRatio === null ? '—' : `${Math.round(g.progressRatio * 100)}%`} | ${momentum} | ${inUnit(g.forecast)} | ${g.goal.deadline} | ${goalStatusText(g)} |`;
      }),
      '',
    );
    for (const g of r.goals) {
      out.push(`- **${g.goal.metric}**: ${cell(g.why)}`);
      for (const a of g.anomalies)
        out.push(`  - anomaly: ${n(a.value)} on ${a.observedAt.slice(0, 10)} (z ${a.z})`);
      for (const a of g.actions) out.push(`  - ${a.ref} ${cell(a.title)}: ${a.verdict}`);
    }
    out.push('');
  }
  out.push(...revenueLines(r.revenue));
  out.push('## Actions', '');
  const steps = stepsTaken(r);
  if (steps.length === 0) out.push('No decisions or steps in this period.', '');
  else {
    out.push(
      ...steps.map(
        (e) =>
          `- ${toMinute(e.createdAt)} ${e.ref} ${e.type} by ${e.actor} (${e.source}): ${cell(e.title)}${e.note ? ` — ${cell(e.note)}` : ''}`,
      ),
      '',
    );
  }
  out.push('## Outcomes', '', `${outcomeTally(r.outcomes)}.`, '');
  for (const [category, c] of Object.entries(r.outcomes.byCategory))
    out.push(`- ${category}: ${outcomeTally(c)}`);
  out.push('', '## Lessons', '');
  if (r.lessons.length === 0) out.push('None recorded.');
  for (const l of r.lessons)
    out.push(`- ${cell(l.text)} (${l.source}${l.taskRef ? `, ${l.taskRef}` : ''}, ${l.actor})`);
  // Judged on every task so far, not on the report's period alone, as the outcomes above are.
  out.push('', '## What to adjust (from every task so far)', '');
  // Playbooks, then categories (a team working from its own backlog has only those to judge), as
  // `suggest` and the digest advise them.
  if (r.adjustments.length === 0) out.push('Nothing to judge yet.');
  for (const a of r.adjustments) out.push(`- ${adjusted(a)}: **${a.recommendation}** — ${a.why}`);
  if (r.notes.length) {
    out.push('', '## Notes', '');
    for (const note of r.notes)
      out.push(`- ${cell(note.text)} (${note.actor}, ${note.createdAt.slice(0, 10)})`);
  }
  return `${out.join('\n')}\n`;
}
