import type { Command } from 'commander';
import {
  type AddedMetricSource,
  formatEvery,
  type MetricSource,
  type MetricSourceView,
} from '../../../src/index.js';
import { table } from '../format.js';
import type { Runner } from '../runner.js';

function renderAdded(s: AddedMetricSource): string {
  return [
    `Metric source ${s.name} added: it may push to POST /metrics/webhook/${s.name} (expected every ${formatEvery(s.everyMinutes)}).`,
    '',
    `  secret: ${s.secret}`,
    '',
    'Copy the secret now: it cannot be shown again. Sign each push with it as X-Goalpost-Signature',
    '(README, "Metrics pushed by other systems", has a curl example that signs).',
  ].join('\n');
}

const metricsOf = (s: MetricSourceView): string =>
  s.series.length === 0 ? '—' : s.series.map((x) => `${x.metric} (${x.points})`).join(', ');

function renderSources(list: MetricSourceView[]): string {
  if (list.length === 0) return 'No metric sources yet: `goalpost metric source add analytics --every 1d`.';
  return table(
    ['source', 'every', 'last push', 'metrics (points)', 'state'],
    list.map((s) => [
      s.name,
      formatEvery(s.everyMinutes),
      s.lastPushAt ?? 'never',
      metricsOf(s),
      s.silent ? `silent: expected every ${formatEvery(s.everyMinutes)}` : 'ok',
    ]),
  );
}

/** `goalpost metric source add|list|remove`: systems that push metrics with their own signing secret. */
export function registerMetricSourceCommands(
  metric: Command,
  run: Runner<'goals' | 'report' | 'metricSources'>,
): void {
  const source = metric
    .command('source')
    .description('systems that push metrics to POST /metrics/webhook/<name>, each with its own secret');
  source
    .command('add <name>')
    .description('let a system push metrics; prints its signing secret once')
    .option('--every <interval>', 'how often it is expected to push: 30m, 6h, 1d, 1w (default 1d)')
    .action((name: string, o: { every?: string }, cmd: Command) =>
      run(cmd, (s) => s.app().metricSources.add(s.ctx(), { name, every: o.every }), renderAdded),
    );
  source
    .command('list', { isDefault: true })
    .description('each source: how often it pushes, when it last did, what it feeds')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().metricSources.list(s.ctx()), renderSources));
  source
    .command('remove <name>')
    .description('stop accepting a source’s pushes (the points it pushed stay)')
    .action((name: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().metricSources.remove(s.ctx(), name),
        (m: MetricSource) => `Metric source ${m.name} removed; the points it pushed stay.`,
      ),
    );
}
