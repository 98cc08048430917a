import { z } from 'zod';
import { reply } from '../../domain/reply.js';
import { positiveInt } from '../../domain/validate.js';
import { mention } from '../../views/mention.js';
import { type CommandDef, defineCommand } from '../define-command.js';

const KINDS = ['digest', 'report'] as const;

/**
 * `subscribe [digest|report] HH:MM [time zone] [days]`: the words in that order, each optional
 * but the time, e.g. `subscribe 09:00 Europe/Berlin`, `subscribe report 16:00 UTC fri`.
 */
function readSubscribeWords(words: string, defaultZone: string) {
  const parts = words.split(/\s+/).filter((w) => w !== '');
  const kind = KINDS.find((k) => k === parts[0]?.toLowerCase()) ?? 'digest';
  if (parts[0]?.toLowerCase() === kind) parts.shift();
  const time = parts.shift() ?? '';
  const zone =
    parts[0] !== undefined && /[A-Za-z]+\/[A-Za-z_]+|^UTC$|^GMT$/.test(parts[0]) ? parts.shift() : undefined;
  const days = parts.length > 0 ? parts.join(',') : undefined;
  return { kind, time, timeZone: zone ?? defaultZone, days };
}

export const scheduleCommands: CommandDef[] = [
  defineCommand({
    name: 'subscribe',
    usage: 'subscribe [digest|report] HH:MM [Time/Zone] [mon-fri|daily|mon,wed,fri] [--max-tasks n]',
    summary: 'post the digest or weekly report here at a local time (admin)',
    role: 'admin',
    args: { positionals: ['...words'], options: ['max-tasks'] },
    schema: z.object({
      words: z.string({ error: 'a time like 09:00' }).min(1, { error: 'a time like 09:00' }),
      maxTasks: positiveInt(5)
        .pipe(z.number().max(50, { error: 'at most 50 tasks' }))
        .optional(),
    }),
    run: ({ app, ctx, invocation, defaultTimeZone, onSubscriptionsChanged }, input) => {
      const w = readSubscribeWords(input.words, defaultTimeZone);
      const sub = app.subscriptions.subscribe(ctx, {
        kind: w.kind,
        platform: invocation.platform,
        channelId: invocation.channelId,
        time: w.time,
        timeZone: w.timeZone,
        ...(w.days ? { days: w.days } : {}),
        ...(input.maxTasks === undefined ? {} : { maxTasks: input.maxTasks }),
      });
      onSubscriptionsChanged();
      return reply.channel(
        reply.text(
          `${mention(ctx.actor)} subscribed this channel to the ${sub.kind} at ${sub.time} ${sub.timeZone} (${sub.daysText}); next: ${sub.nextLocal}.`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'unsubscribe',
    usage: 'unsubscribe [digest|report]',
    summary: 'stop posting the digest or report here (admin)',
    role: 'admin',
    args: { positionals: ['kind'] },
    schema: z.object({ kind: z.enum(KINDS, { error: 'digest or report' }).default('digest') }),
    run: ({ app, ctx, invocation, onSubscriptionsChanged }, input) => {
      const removed = app.subscriptions.unsubscribe(ctx, {
        kind: input.kind,
        platform: invocation.platform,
        channelId: invocation.channelId,
      });
      if (!removed) return reply.ephemeral(reply.text(`This channel has no ${input.kind} subscription.`));
      onSubscriptionsChanged();
      return reply.channel(
        reply.text(`${mention(ctx.actor)} unsubscribed this channel from the ${input.kind}.`, 'success'),
      );
    },
  }),
  defineCommand({
    name: 'subscriptions',
    usage: 'subscriptions',
    summary: 'every digest and report schedule',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) =>
      reply.ephemeral({
        kind: 'table',
        title: 'Subscriptions',
        columns: ['kind', 'where', 'when', 'days', 'next'],
        rows: app.subscriptions
          .list(ctx)
          .map((s) => [
            s.kind,
            `${s.platform} ${s.channelId}`,
            `${s.time} ${s.timeZone}`,
            s.daysText,
            s.nextLocal,
          ]),
        empty: 'None yet: `/goalpost subscribe 09:00 Europe/Berlin` posts the digest here on weekdays.',
      }),
  }),
];
