import * as z from 'zod';
import { DIGEST_STYLES } from '../../domain/digest-layout.js';
import { isZoneAbbreviation } from '../../domain/due.js';
import { REMIND_AFTER_FORM } from '../../domain/remind-after.js';
import { reply } from '../../domain/reply.js';
import { accepts, positiveInt } from '../../domain/validate.js';
import { parseDays } from '../../domain/week-days.js';
import type { SavedSubscription } from '../../use-cases/subscriptions.js';
import { mention } from '../../views/mention.js';
import { channelText, digestLayoutCell, digestLayoutWords } from '../../views/words.js';
import { type CommandDef, defineCommand } from '../define-command.js';

const KINDS = ['digest', 'report'] as const;

/**
 * `subscribe [digest|report] HH:MM [time zone] [days]`: the words in that order, each optional
 * but the time, e.g. `subscribe 09:00 Europe/Berlin`, `subscribe report 16:00 UTC fri`.
 */
function readSubscribeWords(words: string) {
  const parts = words.split(/\s+/).filter((w) => w !== '');
  const kind = KINDS.find((k) => k === parts[0]?.toLowerCase()) ?? 'digest';
  if (parts[0]?.toLowerCase() === kind) parts.shift();
  const time = parts.shift() ?? '';
  // A zone has a slash (Europe/Berlin), or is UTC, GMT or an abbreviation (EST, which the zone's
  // check then refuses, naming the cities it may mean): days are what parseDays reads (TUES too).
  const first = parts[0];
  const zone =
    first !== undefined &&
    ((/[A-Za-z]+\/[A-Za-z_]+|^UTC$|^GMT$|^[A-Z]{3,4}$/.test(first) && parseDays(first) === null) ||
      isZoneAbbreviation(first))
      ? parts.shift()
      : undefined;
  const days = parts.length > 0 ? parts.join(',') : undefined;
  return { kind, time, timeZone: zone, days };
}

/** What a saved subscription's time zone is, when nobody typed one: why it is that zone. */
function zoneNote(sub: SavedSubscription, defaultWhy: string): string {
  if (sub.zoneFrom === 'kept') return '; the time zone it had';
  if (sub.zoneFrom === 'given') return '';
  const example = `/goalpost subscribe ${sub.kind === 'report' ? 'report ' : ''}${sub.time} Asia/Tokyo`;
  return `; ${defaultWhy}: give one, like \`${example}\`, for another`;
}

/** How a digest is laid out and nudged: "; one post, its tasks in its thread; reminders after 1 working day". */
const layoutNote = (sub: SavedSubscription): string =>
  sub.kind === 'digest' ? `; ${digestLayoutWords(sub).join('; ')}` : '';

/**
 * "@ana subscribed this channel to the digest at 09:00 Europe/Berlin (weekdays; one post, its tasks
 * in its thread; reminders after 1 working day)…", or for a channel that had one, what it
 * replaced: "replaced this channel's 09:00 digest with 10:00 …".
 */
function subscribedText(sub: SavedSubscription, by: string, defaultWhy: string): string {
  const when = `${sub.time} ${sub.timeZone} (${sub.daysText}${layoutNote(sub)}${zoneNote(sub, defaultWhy)})`;
  const next = `next: ${sub.nextLocal}`;
  const old = sub.previous;
  if (old === null) return `${by} subscribed this channel to the ${sub.kind} at ${when}; ${next}.`;
  const was = `${old.time}${old.timeZone === sub.timeZone ? '' : ` ${old.timeZone}`}`;
  return `${by} replaced this channel's ${was} ${sub.kind} with ${when}; ${next}.`;
}

export const scheduleCommands: CommandDef[] = [
  defineCommand({
    name: 'subscribe',
    usage:
      'subscribe [digest|report] HH:MM [Time/Zone] [mon-fri|daily|mon,wed,fri] [--max-tasks n] [--style thread|cards|compact] [--remind-after 1d|4h|off]',
    summary: 'schedule a digest or report here (admin)',
    role: 'admin',
    args: { positionals: ['...time'], options: ['max-tasks', 'style', 'remind-after'] },
    schema: z.object({
      // The words after `subscribe` (kind, time, zone, days); it is the time that can be missing.
      time: z
        .string({ error: 'a time like 09:00 or 09:00 Europe/Berlin' })
        .min(1, { error: 'a time like 09:00 or 09:00 Europe/Berlin' }),
      maxTasks: positiveInt(5)
        .pipe(z.number().max(50, { error: (i) => `at most 50 tasks per batch (got ${i.input})` }))
        .optional(),
      style: z.enum(DIGEST_STYLES, { error: accepts('thread, cards or compact') }).optional(),
      remindAfter: z.string({ error: accepts(REMIND_AFTER_FORM) }).optional(),
    }),
    run: ({ app, ctx, invocation, defaultTimeZone, onSubscriptionsChanged }, input) => {
      const w = readSubscribeWords(input.time);
      const sub = app.subscriptions.subscribe(ctx, {
        kind: w.kind,
        platform: invocation.platform,
        channelId: invocation.channelId,
        time: w.time,
        ...(w.timeZone ? { timeZone: w.timeZone } : {}),
        defaultTimeZone,
        ...(w.days ? { days: w.days } : {}),
        ...(input.maxTasks === undefined ? {} : { maxTasks: input.maxTasks }),
        ...(input.style === undefined ? {} : { style: input.style }),
        ...(input.remindAfter === undefined ? {} : { remindAfter: input.remindAfter }),
      });
      onSubscriptionsChanged();
      // Slack says each person's zone; elsewhere the zone is the bot's.
      const why = invocation.timeZone ? 'your time zone' : "Goalpost's default time zone";
      return reply.channel(reply.text(subscribedText(sub, mention(ctx.actor), why), 'success'));
    },
  }),
  defineCommand({
    name: 'unsubscribe',
    usage: 'unsubscribe [digest|report]',
    summary: 'stop a digest or report schedule (admin)',
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
        columns: ['kind', 'where', 'when', 'days', 'layout', 'next'],
        rows: app.subscriptions
          .list(ctx)
          .map((s) => [
            s.kind,
            channelText(s),
            `${s.time} ${s.timeZone}`,
            s.daysText,
            s.kind === 'digest' ? digestLayoutCell(s) : '—',
            s.nextLocal,
          ]),
        empty: 'None yet: `/goalpost subscribe 09:00 Europe/Berlin` posts the digest here on weekdays.',
      }),
  }),
];
