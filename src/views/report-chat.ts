import type { View } from '../domain/reply.js';
import type { FeedbackReport } from '../use-cases/report.js';
import { goalProgress } from './cards.js';
import { n } from './report-markdown.js';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

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
  const steps = r.actions
    .filter((e) => e.type !== 'created')
    .map(
      (e) =>
        `• ${when(e.createdAt)} ${e.ref} ${e.type} by ${e.actor}: ${oneLine(e.title)}${e.note ? ` — ${oneLine(e.note)}` : ''}`,
    );
  const outcomes = Object.entries(r.outcomes.byCategory).map(
    ([category, c]) => `• ${category}: ${c.done} done, ${c.failed} failed`,
  );
  const lessons = r.lessons.map(
    (l) => `• ${oneLine(l.text)} (${l.source}${l.taskRef ? `, ${l.taskRef}` : ''}, ${l.actor})`,
  );
  const adjust = r.adjustments
    .filter((a) => a.scope === 'playbook')
    .map((a) => `• ${a.key}: ${a.recommendation} — ${oneLine(a.why)}`);
  const notes = r.notes.map(
    (note) => `• ${oneLine(note.text)} (${note.actor}, ${note.createdAt.slice(0, 10)})`,
  );

  const rest = [
    ...section('🎯 What moved the goals', moved),
    ...section('📋 Actions', steps, 'No decisions or steps in this period.'),
    ...section(
      `🏁 Outcomes: ${r.outcomes.done} done, ${r.outcomes.failed} failed`,
      outcomes,
      'Nothing was finished in this period.',
    ),
    ...section('💡 Lessons', lessons, 'None recorded.'),
    ...section('🔧 What to adjust', adjust, 'Nothing to judge yet.'),
    ...section('🗒️ Notes', notes),
  ];
  return [
    { kind: 'text', text: intro.join('\n') },
    { kind: 'progress', title: 'Goals', items: r.goals.map(goalProgress), empty: 'No goals set.' },
    { kind: 'text', text: rest.join('\n').trimEnd() },
  ];
}
