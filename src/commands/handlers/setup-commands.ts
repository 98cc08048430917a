import * as z from 'zod';
import { compareText } from '../../domain/compare-text.js';
import { exampleMonth } from '../../domain/examples.js';
import { reply } from '../../domain/reply.js';
import { besideClause, countsFromClause, sameAsBefore } from '../../domain/revenue-period.js';
import { atMost, isoDate, monthKey, oneOf, TEXT_LIMITS } from '../../domain/validate.js';
import { VISION_FIELDS, type Vision } from '../../domain/vision.js';
import { subscriptionsSaid } from '../../engine/analyse-revenue.js';
import { formatDollars } from '../../engine/format.js';
import { revenueProgress } from '../../views/cards.js';
import { requireVision } from '../../views/digest.js';
import { mention } from '../../views/mention.js';
import { awaitingOldVision, copiedSentence, droppedSentence, strandedSentences } from '../../views/words.js';
import { type CommandDef, defineCommand } from '../define-command.js';

function visionTable(v: Vision) {
  const targets = Object.entries(v.revenueTargets)
    .sort(([a], [b]) => compareText(a, b))
    .map(([m, t]) => `${m}: ${formatDollars(t)}/month`);
  return {
    kind: 'table' as const,
    title: `Vision (version ${v.version}, set by ${v.createdBy})`,
    columns: ['field', 'value'],
    rows: [
      ['statement', v.statement],
      ['primary_goal', v.primaryGoal],
      ['focus_areas', v.focusAreas.join(', ') || '—'],
      ['revenue_targets', targets.join(', ') || '—'],
      [
        'success_metrics',
        Object.entries(v.successMetrics)
          .map(([k, t]) => `${k}: ${t}`)
          .join(', ') || '—',
      ],
    ],
    empty: '',
  };
}

export const setupCommands: CommandDef[] = [
  defineCommand({
    name: 'vision',
    usage: 'vision',
    summary: 'show the strategic vision',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) => reply.ephemeral(visionTable(requireVision(app, ctx))),
  }),
  defineCommand({
    name: 'vision set',
    usage: `vision set <${VISION_FIELDS.join('|')}> <value>`,
    summary: 'change one field of the vision (admin)',
    role: 'admin',
    args: { positionals: ['field', '...value'] },
    schema: z.object({
      field: oneOf(VISION_FIELDS),
      value: z
        .string({ error: 'the new value' })
        .trim()
        .min(1, { error: 'the new value' })
        .max(...atMost(TEXT_LIMITS.visionText)),
    }),
    run: ({ app, ctx }, input) => {
      const v = app.vision.set(ctx, input.field, input.value);
      if (v.unchanged) {
        return reply.ephemeral(
          reply.text(
            `Vision ${input.field} already says that (version ${v.version}); nothing changed.`,
            'info',
          ),
        );
      }
      return reply.channel(
        reply.text(
          `Vision ${input.field} set by ${mention(ctx.actor)} (now version ${v.version}).${copiedSentence(v.copied)}${droppedSentence(v.dropped)}${v.awaitingDecision.length ? ` ${awaitingOldVision(v.awaitingDecision, v.version)}` : ''}`,
          'success',
        ),
        visionTable(v),
        ...strandedSentences(v.strandedProjects, v.focusAreas).map((s) => reply.text(s, 'warning')),
      );
    },
  }),
  defineCommand({
    name: 'revenue',
    usage: 'revenue',
    summary: 'revenue against the milestone',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) => {
      requireVision(app, ctx);
      const r = app.engine.state(ctx).revenue;
      const p = revenueProgress(r, app.freshness.revenue(ctx, r));
      return reply.ephemeral({
        kind: 'progress',
        title: `Revenue: ${formatDollars(r.current)}/month (${subscriptionsSaid(r)})`,
        items: p ? [p] : [],
        empty: `The vision sets no revenue targets: \`/goalpost vision set revenue_targets ${exampleMonth()}=999\`.`,
      });
    },
  }),
  defineCommand({
    name: 'revenue add',
    usage:
      'revenue add <dollars> [--project name] [--month YYYY-MM | --from date --to date] [--subscriptions n] [--churn 5%]',
    summary: 'record revenue for a period (admin)',
    role: 'admin',
    args: { positionals: ['actual'], options: ['project', 'month', 'from', 'to', 'subscriptions', 'churn'] },
    schema: z.object({
      actual: z.string({ error: 'the amount earned, like 420' }),
      project: z
        .string()
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName))
        .optional(),
      month: monthKey().optional(),
      from: isoDate().optional(),
      to: isoDate().optional(),
      subscriptions: z.string().optional(),
      churn: z.string().optional(),
    }),
    run: ({ app, ctx }, input) => {
      const record = app.revenue.add(ctx, input);
      return reply.channel(
        reply.text(
          `Recorded ${formatDollars(record.actual)} for ${record.periodStart}…${record.periodEnd}${record.projectName === null ? '' : ` (${record.projectName})`}${sameAsBefore(record) ? ', as typed for it before (nothing changed)' : record.replaced.length > 0 ? `, in place of ${record.replaced.map(formatDollars).join(' and ')} typed for it before${record.changed.length > 0 ? ` (${record.changed.join(', ')})` : ''}` : ''}${countsFromClause(record.countsFrom)}${besideClause(record, formatDollars, '/goalpost revenue remove')}.`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'revenue remove',
    usage: 'revenue remove [--project name] (--from date --to date | --all)',
    // Short: Discord holds the whole /goalpost command in 4,000 characters of names and descriptions.
    summary: 'remove typed revenue (admin)',
    role: 'admin',
    args: { options: ['project', 'from', 'to'], flags: ['all'] },
    schema: z.object({
      project: z
        .string()
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName))
        .optional(),
      from: isoDate().optional(),
      to: isoDate().optional(),
      all: z.boolean().optional(),
    }),
    run: ({ app, ctx }, input) => {
      const removed = app.revenue.remove(ctx, { ...input, all: input.all === true });
      return reply.channel(
        reply.text(
          `Removed ${removed.length === 1 ? '1 typed record' : `${removed.length} typed records`}${input.project ? ` of ${input.project}` : ''}: ${removed
            .map((r) => `${formatDollars(r.actual)} for ${r.periodStart}…${r.periodEnd}`)
            .join(', ')}.`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'demo',
    usage: 'demo',
    summary: 'load the EDU demo (admin)',
    role: 'admin',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) => {
      const r = app.demo.load(ctx);
      return reply.channel(
        reply.text(
          r.loaded
            ? `Loaded the EDU demo: a vision and ${r.projects} projects. \`/goalpost digest\` proposes today's tasks.`
            : 'The demo is already loaded.',
          'success',
        ),
      );
    },
  }),
];
