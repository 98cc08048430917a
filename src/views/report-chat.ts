import { compareText } from '../domain/compare-text.js';
import { toMinute } from '../domain/duration.js';
import type { View } from '../domain/reply.js';
import { formatCount } from '../engine/format.js';
import { groupBy } from '../engine/group-by.js';
import { outcomeTally } from '../feedback/adjust.js';
import type { FeedbackReport } from '../use-cases/report.js';
import { goalProgress } from './cards.js';
import { adjusted, NO_REVENUE, n, revenueSummary, stepsTaken } from './report-markdown.js';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/**
 * How many steps the report lists in chat, the latest: a team whose worker agents close thousands
 * of tasks a week would otherwise get hundreds of messages every week. The Markdown report (the
 * CLI's `report` and `export`) lists every one; the hints say `npx goalpost`, which chat leaves as
 * the command line's (see chatSyntax), where `goalpost report` would read as chat's own report.
 */
const ACTIONS_SHOWN = 20;

/** "📋 Actions", and past ACTIONS_SHOWN steps how many there were of each kind, most first. */
function actionsHeading(steps: readonly FeedbackReport['actions'][number][]): string {
  if (steps.length <= ACTIONS_SHOWN) return '📋 Actions';
  const counts = [...groupBy(steps, (e) => e.type)]
    .sort(([a, of], [b, ofB]) => ofB.length - of.length || compareText(a, b))
    .map(([type, of]) => `${formatCount(of.length)} ${type}`);
  return `📋 Actions: ${formatCount(steps.length)} steps (${counts.join(', ')}), the latest ${ACTIONS_SHOWN}:`;
}

/** How many distinct lessons the report lists in chat (the Markdown report lists every one). */
const LESSONS_SHOWN = 20;

/**
 * The lessons as chat lists them: one that was learned once as it was, one said many times (the
 * same reason for a hundred failed builds) once, with how often and the first tasks it came from;
 * the first LESSONS_SHOWN of them, then how many more.
 */
function lessonLines(lessons: FeedbackReport['lessons'], since: string): string[] {
  const same = groupBy(lessons, (l) => `${l.source}\u0000${oneLine(l.text)}`);
  const lines = [...same.values()].slice(0, LESSONS_SHOWN).map((group) => {
    const [first] = group as [FeedbackReport['lessons'][number], ...FeedbackReport['lessons']];
    if (group.length === 1) {
      return `• ${oneLine(first.text)} (${first.source}${first.taskRef ? `, ${first.taskRef}` : ''}, ${first.actor})`;
    }
    const refs = group.flatMap((l) => (l.taskRef ? [l.taskRef] : []));
    const shown = refs.slice(0, 3).join(', ');
    const more = refs.length > 3 ? ` and ${formatCount(refs.length - 3)} more` : '';
    const from = refs.length > 0 ? `: ${shown}${more}` : '';
    return `• ${oneLine(first.text)} (${first.source}, ${formatCount(group.length)} times${from})`;
  });
  const rest = same.size - lines.length;
  if (rest > 0) lines.push(`… and ${formatCount(rest)} more${everyOne(since)}`);
  return lines;
}

/** Where the Markdown report lists every step and lesson of the period. */
const everyOne = (since: string): string =>
  `: on the command line, \`npx goalpost report --since ${since}\` lists every one`;

/** A section of the report: a marked heading, then its lines or what to say when it has none. */
function section(heading: string, lines: readonly string[], none?: string): string[] {
  if (lines.length === 0) return none === undefined ? [] : [heading, none, ''];
  return [heading, ...lines, ''];
}

/**
 * The weekly report as chat shows it: the goals as progress bars, and the rest as plain lines
 * under marked headings. Unlike {@link reportMarkdown} (a file, the CLI) it carries no Markdown:
 * chat shows people's words literally, so `#`, `**` and table pipes would show as typed; each
 * platform draws the progress view its own way and splits long text over several messages.
 */
export function reportViews(r: FeedbackReport): View[] {
  const intro = [`📊 Goalpost report since ${r.since}`];
  if (r.vision) intro.push(`Vision: ${oneLine(r.vision.statement)} — goal: ${oneLine(r.vision.primaryGoal)}`);

  const moved = r.goals.flatMap((g) => [
    ...g.actions.map((a) => `• ${g.goal.metric}: ${a.ref} ${oneLine(a.title)} — ${a.verdict}`),
    ...g.anomalies.map(
      (a) => `• ${g.goal.metric}: unusual value ${n(a.value)} on ${a.observedAt.slice(0, 10)} (z ${a.z})`,
    ),
  ]);
  const logged = stepsTaken(r);
  const steps = logged
    .slice(-ACTIONS_SHOWN)
    .map(
      (e) =>
        `• ${toMinute(e.createdAt)} ${e.ref} ${e.type} by ${e.actor}: ${oneLine(e.title)}${e.note ? ` — ${oneLine(e.note)}` : ''}`,
    );
  const earlier = logged.length - steps.length;
  if (earlier > 0) {
    steps.push(`… and ${formatCount(earlier)} earlier${everyOne(r.since)}`);
  }
  const outcomes = Object.entries(r.outcomes.byCategory).map(
    ([category, c]) => `• ${category}: ${outcomeTally(c)}`,
  );
  const lessons = lessonLines(r.lessons, r.since);
  const adjust = r.adjustments.map((a) => `• ${adjusted(a)}: ${a.recommendation} — ${oneLine(a.why)}`);
  const notes = r.notes.map(
    (note) => `• ${oneLine(note.text)} (${note.actor}, ${note.createdAt.slice(0, 10)})`,
  );

  const revenue = revenueSummary(r.revenue);
  const rest = [
    ...section(
      '💵 Revenue',
      [
        ...(revenue.months.length === 0 ? [NO_REVENUE] : revenue.months.map((m) => `• ${m}`)),
        ...(revenue.inProgress === null ? [] : [`• ${revenue.inProgress}`]),
        ...(revenue.target === null ? [] : [revenue.target]),
      ],
      NO_REVENUE,
    ),
    ...section('🎯 What moved the goals', moved),
    ...section(actionsHeading(logged), steps, 'No decisions or steps in this period.'),
    ...section(`🏁 Outcomes: ${outcomeTally(r.outcomes)}`, outcomes, 'Nothing was finished in this period.'),
    ...section('💡 Lessons', lessons, 'None recorded.'),
    // Judged on every task so far, not on the report's period alone, as the outcomes above are.
    ...section('🔧 What to adjust (from every task so far)', adjust, 'Nothing to judge yet.'),
    ...section('🗒️ Notes', notes),
  ];
  return [
    { kind: 'text', text: intro.join('\n') },
    { kind: 'progress', title: 'Goals', items: r.goals.map(goalProgress), empty: 'No goals set.' },
    { kind: 'text', text: rest.join('\n').trimEnd() },
  ];
}
