import type { Command } from 'commander';
import {
  besideClause,
  countsFromClause,
  exampleMonth,
  sameAsBefore,
  ValidationError,
} from '../../../src/index.js';
import { usd } from '../format.js';
import { renderRevenue } from '../render-engine.js';
import { renderRevenueRecords } from '../render-projects.js';
import type { Runner } from '../runner.js';

/** `goalpost revenue …`: revenue records and progress to the milestone. */
export function registerRevenueCommands(
  program: Command,
  run: Runner<'revenue' | 'engine' | 'freshness' | 'vision' | 'projects'>,
): void {
  const revenue = program.command('revenue').description('revenue records and progress to the milestone');
  revenue
    .command('show', { isDefault: true })
    .description('revenue against the current milestone, and the records')
    .action((_o, cmd: Command) =>
      run(
        cmd,
        (s) => {
          // Without a vision there is no milestone to measure against; the records are still shown.
          const hasVision = s.app().vision.find(s.ctx()) !== null;
          const state = hasVision ? s.app().engine.state(s.ctx()).revenue : null;
          return {
            revenue: state,
            freshness: state === null ? null : s.app().freshness.revenue(s.ctx(), state),
            warnings: s.app().freshness.warnings(s.ctx()),
            records: s.app().revenue.list(s.ctx()),
            projects: s.app().projects.list(s.ctx()),
          };
        },
        (r) =>
          [
            r.revenue === null
              ? `No vision yet, so no milestone to measure revenue against: \`goalpost vision set statement "…"\`, then \`goalpost vision set revenue_targets ${exampleMonth()}=999\`, sets one (or \`goalpost init --demo\`).`
              : renderRevenue(r.revenue, r.records.length),
            ...(r.freshness ? [`Source:           ${r.freshness}`] : []),
            ...r.warnings.map((w) => `Warning:          ${w}`),
            '',
            renderRevenueRecords(r.records, r.projects),
          ].join('\n'),
      ),
    );
  revenue
    .command('add')
    .description('record revenue for a period (this month without --month or --from/--to)')
    .argument('[dollars]', 'revenue earned in the period (or --actual)')
    .option('--actual <dollars>', 'revenue earned in the period')
    .option('--month <YYYY-MM>', 'a calendar month')
    .option('--from <date>', 'period start, YYYY-MM-DD (with --to)')
    .option('--to <date>', 'period end, YYYY-MM-DD')
    .option('--project <name>', 'the project it belongs to (default: the whole workspace)')
    .option('--projected <dollars>', 'what was projected for the period')
    .option('--subscriptions <n>', 'paying subscriptions at period end')
    .option('--churn <ratio>', 'churn rate in the period, 0.05 or 5%')
    .option('--notes <text>', 'free text')
    .action((dollars: string | undefined, o: Record<string, string | undefined>, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().revenue.add(s.ctx(), { ...o, actual: amountOf(dollars, o.actual) }),
        (r) =>
          `Revenue recorded: ${usd(r.actual)} for ${r.periodStart} → ${r.periodEnd}${r.projectName === null ? '' : ` (${r.projectName})`}${sameAsBefore(r) ? ', as typed for that period before (nothing changed)' : r.replaced.length > 0 ? `, in place of ${r.replaced.map(usd).join(' and ')} typed for that period before${r.changed.length > 0 ? ` (${r.changed.join(', ')})` : ''}` : ''}${countsFromClause(r.countsFrom)}${besideClause(r, usd, 'goalpost revenue remove')}.`,
      ),
    );
  revenue
    .command('remove')
    .description('remove typed revenue records of a project, or of the whole workspace (Stripe’s stay)')
    .option('--from <date>', 'the records lying within --from and --to, YYYY-MM-DD')
    .option('--to <date>', 'see --from')
    .option('--all', 'every typed record of the project (or of the whole workspace)')
    .option('--project <name>', 'the project whose records go (default: the whole workspace’s own)')
    .action((o: { from?: string; to?: string; all?: boolean; project?: string }, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().revenue.remove(s.ctx(), { ...o, all: o.all === true }),
        (removed) =>
          `Removed ${removed.length === 1 ? '1 typed record' : `${removed.length} typed records`}: ${removed
            .map((r) => `${usd(r.actual)} for ${r.periodStart} → ${r.periodEnd}`)
            .join(', ')}.`,
      ),
    );
}

/**
 * The amount earned, typed as chat types it (`revenue add 420`) or as `--actual 420`: once.
 * @throws ValidationError for neither, or two different amounts.
 */
function amountOf(dollars: string | undefined, actual: string | undefined): string {
  if (dollars !== undefined && actual !== undefined && dollars !== actual) {
    throw new ValidationError(
      `actual: the amount was given twice ("${dollars}" and --actual "${actual}"): give it once`,
      'actual',
    );
  }
  const amount = dollars ?? actual;
  if (amount === undefined) {
    throw new ValidationError('actual: the amount earned, like `revenue add 420` or --actual 420', 'actual');
  }
  return amount;
}
