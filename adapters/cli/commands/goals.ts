import type { Command } from 'commander';
import { clipForMessage, reportMarkdown, ValidationError } from '../../../src/index.js';
import {
  renderGoal,
  renderGoalArchived,
  renderGoalChange,
  renderGoalDetail,
  renderGoals,
  renderLesson,
  renderNote,
  renderObservation,
  renderSuggestions,
} from '../render-goals.js';
import type { Runner } from '../runner.js';
import { collectList } from '../runner.js';
import type { CliSession } from '../session.js';
import { registerMetricSourceCommands } from './metric-sources.js';
import type { WrittenReport } from './report-out.js';

export function registerGoalCommands(
  program: Command,
  run: Runner<'goals' | 'report' | 'metricSources'>,
): void {
  const goal = program.command('goal').description('SMART product goals');
  goal
    .command('add <metric> [target]')
    .description('set a goal for a metric (its target after it, or as --target, as chat takes it)')
    .option('--target <n>', 'the value to reach (or give it after the metric)')
    .requiredOption('--by <date>', 'deadline, YYYY-MM-DD')
    .option('--unit <unit>', 'USD, %, users…', '')
    .option('--direction <dir>', 'up (raise it) or down (lower it)', 'up')
    .option('--baseline <n>', 'the value today (default: the latest observation)')
    .option('--owner <name>', 'who owns the goal')
    .option('--value <dollars>', 'dollars a month one unit of the metric is worth (e.g. a seller: 30)')
    .option('--weight <w>', 'what reaching it is worth against the revenue milestone (1 = as much)')
    .action(
      (metric: string, target: string | undefined, o: Record<string, string | undefined>, cmd: Command) =>
        run(
          cmd,
          (s) => s.app().goals.add(s.ctx(), { metric, ...o, target: targetOnce(target, o.target) }),
          renderGoal,
        ),
    );
  goal
    .command('set <metric>')
    .description(
      'change a goal: its target, deadline, direction, unit, baseline or owner, or what it is worth to the planner (--value per unit, or --weight against revenue)',
    )
    .option('--target <n>', 'the value to reach')
    .option('--by <date>', 'deadline, YYYY-MM-DD')
    .option('--unit <unit>', 'USD, %, users…')
    .option('--direction <dir>', 'up (raise it) or down (lower it)')
    .option('--baseline <n>', 'the value it started from')
    .option('--owner <name>', 'who owns the goal')
    .option('--value <dollars>', 'dollars a month one unit of the metric is worth')
    .option('--weight <w>', 'what reaching it is worth against the revenue milestone (1 = as much)')
    .action((metric: string, o: Record<string, string | undefined>, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().goals.change(s.ctx(), { metric, ...o }),
        (g) => renderGoalChange(g, o),
      ),
    );
  goal
    .command('archive <metric>')
    .description('stop tracking a goal: it leaves the goals, the digest and the plan; its measurements stay')
    .action((metric: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().goals.archive(s.ctx(), metric), renderGoalArchived),
    );
  // With no goal tracked, the table says which are archived; --json stays the list of goals.
  const listGoals = (_o: unknown, cmd: Command) => {
    let archived: string[] = [];
    return run(
      cmd,
      (s) => {
        const goals = s.app().goals.list(s.ctx());
        if (goals.length === 0) archived = s.app().goals.archived(s.ctx());
        return goals;
      },
      (goals) => renderGoals(goals, archived),
    );
  };
  goal
    .command('show <metric>')
    .description('one goal: where it stands, what it is worth, and what the work done on it did')
    .action((metric: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().goals.show(s.ctx(), metric), renderGoalDetail),
    );
  goal
    .command('list', { isDefault: true })
    .description('each goal: current, gap, baseline, momentum, forecast, status')
    .action(listGoals);
  program
    .command('goals')
    .description('each goal: current, gap, baseline, momentum, forecast, status')
    .action(listGoals);
  const metric = program
    .command('metric <name> <value>')
    .description('record an observation of a goal’s metric')
    .option('--at <date>', 'when it was measured (default: now)')
    .option('--context <k=v>', 'context tags like campaign=launch (comma list or repeated)', collectList)
    .action((name: string, value: string, o: { at?: string; context?: string[] }, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().goals.observe(s.ctx(), { metric: name, value, at: o.at, context: o.context ?? [] }),
        renderObservation,
      ),
    );
  registerMetricSourceCommands(metric, run);
  metric
    // The day as an argument, not --at: `metric`'s own --at would take it first.
    .command('remove <name> <at>')
    .description(
      'remove the points of a metric typed on a day (YYYY-MM-DD: every one that day, UTC) or at an instant: a wrong one',
    )
    .action((name: string, at: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().goals.removePoints(s.ctx(), { metric: name, at }),
        (r) =>
          `Removed ${r.removed} point${r.removed === 1 ? '' : 's'} of ${r.metric} typed ${at.length === 10 ? 'on' : 'at'} ${at}.`,
      ),
    );
  program
    .command('note <text>')
    .description('a qualitative note (what users say, what the market does)')
    .option('--goal <metric>', 'the goal it is about')
    .action((text: string, o: { goal?: string }, cmd: Command) =>
      run(cmd, (s) => s.app().goals.note(s.ctx(), text, o.goal), renderNote),
    );
  program
    .command('lesson')
    .description('lessons learned')
    .command('add <text>')
    .description('record a lesson')
    .action((text: string, _o, cmd: Command) =>
      run(cmd, (s) => s.app().goals.addLesson(s.ctx(), text), renderLesson),
    );
  program
    .command('suggest')
    .description(
      'next nudges per goal with the analytics behind them, and what to continue, modify or retire',
    )
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().report.suggest(s.ctx()), renderSuggestions));
  program
    .command('report')
    .description('goals, actions, outcomes and lessons since a date, as Markdown')
    .option('--since <date>', 'YYYY-MM-DD (default: 7 days ago)')
    .option('--out <file>', 'write to this new file, with its charts as PNGs beside it, instead of stdout')
    .option('--force', 'replace --out and its charts if they exist (never the database)')
    .action((o: { since?: string; out?: string; force?: boolean }, cmd: Command) =>
      run(
        cmd,
        (s) => reportOut(s, { ...o, format: 'markdown' }),
        (r) => (r.written ? writtenText(r.written) : (r.body ?? '').trimEnd()),
      ),
    );
  program
    .command('export')
    .description('the report as JSON or Markdown, to stdout or a file')
    .option('--format <format>', 'json or markdown', 'json')
    .option('--since <date>', 'YYYY-MM-DD (default: 7 days ago)')
    .option('--out <file>', 'write to this new file instead of stdout (0600, atomically)')
    .option('--force', 'replace --out if it exists (never the database)')
    .action((o: { format: string; since?: string; out?: string; force?: boolean }, cmd: Command) =>
      run(
        cmd,
        (s) => reportOut(s, o),
        (r) => (r.written ? writtenText(r.written) : (r.body ?? '').trimEnd()),
      ),
    );
}

/** The report to stdout, or with `--out` to a file with its charts beside it. */
async function reportOut(
  s: CliSession<'report'>,
  o: { format: string; since?: string | undefined; out?: string | undefined; force?: boolean | undefined },
): Promise<{ body: string | null; written: WrittenReport | null }> {
  const input = { since: o.since, format: o.format };
  const format = o.format === 'markdown' ? 'markdown' : 'json';
  if (o.out === undefined) {
    const report = s.app().report.build(s.ctx(), input);
    return {
      body: format === 'markdown' ? reportMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`,
      written: null,
    };
  }
  const options = { force: o.force === true, dbPath: s.config().dbPath, cwd: s.cwd() };
  const { writeReport } = await import('./report-out.js');
  const { report, charts } = s.app().report.withCharts(s.ctx(), input);
  // Refused before a file is written, not after (see refuseReadOfNothing).
  s.refuseReadOfNothing();
  return { body: null, written: await writeReport(report, charts, format, o.out, options) };
}

const writtenText = (w: WrittenReport): string =>
  [
    `Report written to ${w.report}.`,
    ...w.charts.map((c) => `Chart written to ${c}.`),
    ...w.kept.map((c) => `Chart ${c} was there already, as drawn now: kept.`),
  ].join('\n');

/**
 * A goal's target, given after its metric or as --target, as chat takes it (`goal add signups 200`):
 * once. Both, differing, name one thing twice (as chat refuses `goal add signups 200 --target 300`).
 * @throws ValidationError naming both.
 */
function targetOnce(word: string | undefined, option: string | undefined): string | undefined {
  if (word !== undefined && option !== undefined && word !== option) {
    throw new ValidationError(
      `target was given twice ("${clipForMessage(word)}" and --target "${clipForMessage(option)}"): give it once`,
      'target',
    );
  }
  return word ?? option;
}
