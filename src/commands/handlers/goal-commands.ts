import * as z from 'zod';
import { exampleDeadline } from '../../domain/examples.js';
import { reply } from '../../domain/reply.js';
import { atMost, isoDate, oneOf, TEXT_LIMITS } from '../../domain/validate.js';
import { formatCount, formatNumber } from '../../engine/format.js';
import { goalUnitSuffix } from '../../engine/goal-value.js';
import { archivedReadingText, typedOutlierText } from '../../feedback/analyse-goal.js';
import { goalProgress, goalValueText } from '../../views/cards.js';
import { mention } from '../../views/mention.js';
import { learnedSentence, noGoalsText } from '../../views/words.js';
import { type CommandDef, defineCommand } from '../define-command.js';

/** How many assignees of each category chat's routing table shows (the CLI's shows every one). */
const PER_CATEGORY = 5;

export const goalCommands: CommandDef[] = [
  defineCommand({
    name: 'goal',
    usage: 'goal',
    summary: 'goals with progress and forecast',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) => {
      const goals = app.goals.list(ctx);
      return reply.ephemeral({
        kind: 'progress',
        title: 'Goals',
        items: goals.map(goalProgress),
        // Which goals are archived is read only when none is tracked.
        empty:
          goals.length === 0
            ? noGoalsText(
                app.goals.archived(ctx),
                '/goalpost goal add',
                `signups 500 --by ${exampleDeadline()}`,
              )
            : '',
      });
    },
  }),
  defineCommand({
    name: 'goal add',
    usage:
      'goal add <metric> <target> --by YYYY-MM-DD [--unit users] [--direction up|down] [--baseline n] [--value $ | --weight w]',
    summary: 'set a SMART goal on a metric (admin)',
    role: 'admin',
    args: {
      positionals: ['metric', 'target'],
      // `--target N` too, as the command line writes it (hints name one form for both).
      options: ['target', 'by', 'unit', 'direction', 'baseline', 'owner', 'value', 'weight'],
    },
    schema: z.object({
      metric: z.string({ error: 'a metric name like signups' }),
      target: z.string({ error: 'the target, like 500' }),
      by: z.string({ error: () => `a deadline: --by ${exampleDeadline()}` }),
      unit: z
        .string()
        .trim()
        .max(...atMost(TEXT_LIMITS.goalUnit))
        .optional(),
      direction: oneOf(['up', 'down'] as const).optional(),
      baseline: z.string().optional(),
      owner: z
        .string()
        .trim()
        .max(...atMost(TEXT_LIMITS.goalOwner))
        .optional(),
      value: z.string().optional(),
      weight: z.string().optional(),
    }),
    run: ({ app, ctx }, input) => {
      const goal = app.goals.add(ctx, {
        ...(input.value ? { value: input.value } : {}),
        ...(input.weight ? { weight: input.weight } : {}),
        metric: input.metric,
        target: input.target,
        by: input.by,
        ...(input.unit ? { unit: input.unit } : {}),
        ...(input.direction ? { direction: input.direction } : {}),
        ...(input.baseline ? { baseline: input.baseline } : {}),
        ...(input.owner ? { owner: input.owner } : {}),
      });
      return reply.channel(
        reply.text(
          `Goal set by ${mention(ctx.actor)}: ${goal.metric} ${goal.direction === 'up' ? '→' : '↓'} ${goal.target}${goal.unit ? ` ${goal.unit}` : ''} by ${goal.deadline}.`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'goal set',
    // The target, the deadline and the worth: what a team moves in chat (the CLI changes the rest;
    // Discord's 4,000 characters of command text leave no room for more options).
    usage: 'goal set <metric> [--target n] [--by YYYY-MM-DD] [--value <dollars per unit> | --weight <w>]',
    summary: 'change a goal (admin)',
    role: 'admin',
    args: { positionals: ['metric'], options: ['target', 'by', 'value', 'weight'] },
    schema: z.object({
      metric: z.string({ error: 'a goal metric like active_sellers' }),
      target: z.string().optional(),
      by: z.string().optional(),
      value: z.string().optional(),
      weight: z.string().optional(),
    }),
    run: ({ app, ctx }, input) => {
      const goal = app.goals.change(ctx, input);
      if (goal.changes.length === 0) {
        return reply.ephemeral(reply.text(`Goal ${goal.metric}: nothing changed.`, 'info'));
      }
      const onlyWorth = Object.entries(input).every(
        ([k, v]) => v === undefined || k === 'metric' || k === 'value' || k === 'weight',
      );
      return reply.channel(
        reply.text(
          onlyWorth
            ? `${mention(ctx.actor)} set ${goalValueText(goal)}.`
            : `${mention(ctx.actor)} changed goal ${goal.metric}: ${goal.changes.join('; ')}.`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'goal archive',
    usage: 'goal archive <metric>',
    summary: 'stop tracking a goal (admin)',
    role: 'admin',
    args: { positionals: ['metric'] },
    schema: z.object({ metric: z.string({ error: 'a goal metric like active_sellers' }) }),
    run: ({ app, ctx }, input) => {
      const goal = app.goals.archive(ctx, input.metric);
      const open = goal.openTasks.map((t) => `${t.ref} (${t.status.replace('_', ' ')})`);
      return reply.channel(
        reply.text(
          `${mention(ctx.actor)} archived goal ${goal.metric}: it leaves the goals, the digest and the plan; its measurements stay.${open.length ? ` Its open tasks stay open: ${open.join(', ')}; \`/goalpost cancel <ref>\` ends one.` : ''}`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'metric',
    usage: 'metric <name> <value> [--at YYYY-MM-DD]',
    summary: 'record a goal metric’s value (approver)',
    role: 'approver',
    args: { positionals: ['metric', 'value'], options: ['at'] },
    schema: z.object({
      metric: z.string({ error: 'the metric, like signups' }),
      value: z.string({ error: 'the value, like 420' }),
      at: isoDate().optional(),
    }),
    run: ({ app, ctx }, input) => {
      const o = app.goals.observe(ctx, {
        metric: input.metric,
        value: input.value,
        ...(input.at ? { at: input.at } : {}),
      });
      const goal = app.goals.list(ctx).find((g) => g.goal.metric === o.metric);
      return reply.channel(
        reply.text(
          `${o.metric} = ${formatNumber(o.value, 10)}${goalUnitSuffix(o.unit)} recorded by ${mention(ctx.actor)}${o.replaced === null ? '' : o.replaced === o.value ? ', as typed for that time before (nothing changed)' : `, in place of ${formatNumber(o.replaced, 10)}${goalUnitSuffix(o.unit)} typed for that time before`}.${typedOutlierText(o, o.outlier)}${archivedReadingText(o.metric, o.archived)}`,
          'success',
        ),
        ...(goal
          ? [{ kind: 'progress' as const, title: 'Goal', items: [goalProgress(goal)], empty: '' }]
          : []),
      );
    },
  }),
  defineCommand({
    name: 'note',
    usage: 'note <text> [--goal metric]',
    summary: 'a feedback note for the weekly report',
    role: 'member',
    args: { positionals: ['...text'], options: ['goal'] },
    schema: z.object({
      text: z
        .string({ error: 'what to note' })
        .trim()
        .min(1, { error: 'what to note' })
        .max(...atMost(TEXT_LIMITS.note)),
      goal: z.string().optional(),
    }),
    run: ({ app, ctx }, input) => {
      app.goals.note(ctx, input.text, input.goal);
      return reply.ephemeral(reply.text('Noted; it will be in the weekly report.', 'success'));
    },
  }),
  defineCommand({
    name: 'learn',
    usage: 'learn',
    summary: 'rebuild routing from outcomes (approver)',
    role: 'approver',
    args: {},
    schema: z.object({}),
    run: async ({ ctx, jobs }) => {
      const r = await jobs.learn(ctx);
      if (r.pairs === 0) return reply.ephemeral(reply.text(learnedSentence(r)));
      // The table comes by category, likeliest first: a team of many worker agents has hundreds of
      // pairs, which chat would post over many messages; the likeliest few of each category are
      // who routing picks from.
      const seen = new Map<string, number>();
      const shown = r.table.filter((row) => {
        const rank = seen.get(row.category) ?? 0;
        seen.set(row.category, rank + 1);
        return rank < PER_CATEGORY;
      });
      const cut = shown.length < r.table.length;
      const table = {
        kind: 'table' as const,
        title: cut
          ? `Success by category: the ${PER_CATEGORY} likeliest assignees of each`
          : 'Success by category and assignee',
        columns: ['category', 'assignee', 'done', 'failed', 'expected success'],
        rows: shown.map((row) => [
          row.category,
          row.assignee,
          String(row.successes),
          String(row.failures),
          `${Math.round(row.expectedSuccess * 100)}%`,
        ]),
        empty: 'No outcomes yet.',
      };
      const every = reply.text(
        `On the command line, \`npx goalpost learn\` lists all ${formatCount(r.table.length)} category × assignee pairs.`,
      );
      return reply.ephemeral(reply.text(learnedSentence(r)), table, ...(cut ? [every] : []));
    },
  }),
  defineCommand({
    name: 'report',
    usage: 'report [--since YYYY-MM-DD]',
    summary: 'the weekly report',
    role: 'member',
    args: { options: ['since'] },
    schema: z.object({ since: isoDate().optional() }),
    run: ({ ctx, jobs }, input) => jobs.report(ctx, input.since),
  }),
];
