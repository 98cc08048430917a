import * as z from 'zod';
import { digestChannels, postLeaveNews } from '../../delivery/post-leave.js';
import type { Person } from '../../domain/person.js';
import { reply } from '../../domain/reply.js';
import { DAYS_FORM, formatDays } from '../../domain/week-days.js';
import { formatHours, HOURS_FORM, isAnyHour } from '../../domain/work-hours.js';
import type { LeaveBack } from '../../use-cases/back-from-leave.js';
import { AWAY_FORM, type Replaced } from '../../use-cases/people.js';
import { leaveBackText, leaveHandOnText } from '../../views/leave.js';
import { type CommandDef, type CommandEnv, defineCommand } from '../define-command.js';

/**
 * `Europe/Berlin, works weekdays 09:00-17:30, away 2026-11-21 to 2026-12-01`: how Goalpost
 * schedules around someone (no hours shown: any hour of those days, or none set).
 */
export function personText(p: Person & { zone: string }): string {
  const zone = p.timeZone ?? `${p.zone} (the workspace's default)`;
  const hours = p.hours && !isAnyHour(p.hours) ? ` ${formatHours(p.hours)}` : '';
  return `${zone}, works ${formatDays(p.workDays)}${hours}${p.away ? `, away ${p.away.from} to ${p.away.until}` : ''}`;
}

/**
 * What a new range of time off did to the one booked: one range is kept, so a later holiday
 * booked during the current one ends it today (a review found it ended without a word).
 */
function replacedText(replaced: Replaced | null): string {
  if (replaced === null) return '';
  const what = `your time off from ${replaced.from} to ${replaced.until}`;
  // Extended or shortened while under way: they are still away, not back today.
  if (replaced.continued) return ` This changes ${what}: one range is kept at a time.`;
  return replaced.begun
    ? ` This replaces ${what}, so you count as back today: one range is kept at a time (\`/goalpost away until ${replaced.until}\` puts it back instead; book the later one once you are back).`
    : ` This replaces ${what}, which is no longer booked: one range is kept at a time.`;
}

/**
 * me timezone, me days, me hours, away: each person says when they work; routing, digests and
 * reminders follow it.
 */
export const peopleCommands: CommandDef[] = [
  defineCommand({
    name: 'me timezone',
    usage: 'me timezone <zone>',
    summary: 'your time zone',
    role: 'member',
    args: { positionals: ['zone'] },
    schema: z.object({ zone: z.string({ error: 'an IANA time zone like Europe/Berlin or UTC' }) }),
    run: ({ app, ctx }, input) => {
      app.people.setTimeZone(ctx, input.zone);
      return reply.ephemeral(
        reply.text(`Your time zone is now ${personText(app.people.me(ctx))}.`, 'success'),
      );
    },
  }),
  defineCommand({
    name: 'me days',
    usage: 'me days <days>',
    summary: 'the days you work',
    role: 'member',
    args: { positionals: ['...days'] },
    schema: z.object({ days: z.string({ error: DAYS_FORM }).trim().min(1, { error: DAYS_FORM }) }),
    run: ({ app, ctx }, input) => {
      app.people.setDays(ctx, input.days);
      return reply.ephemeral(reply.text(`You work ${personText(app.people.me(ctx))}.`, 'success'));
    },
  }),
  defineCommand({
    name: 'me hours',
    usage: 'me hours <09:00-17:30|any>',
    summary: 'the hours you work',
    role: 'member',
    args: { positionals: ['...hours'] },
    schema: z.object({ hours: z.string({ error: HOURS_FORM }).trim().min(1, { error: HOURS_FORM }) }),
    run: ({ app, ctx }, input) => {
      const person = app.people.setHours(ctx, input.hours);
      const me = app.people.me(ctx);
      return reply.ephemeral(
        reply.text(
          person.hours && !isAnyHour(person.hours)
            ? `You work ${personText(me)}: reminders mention you only within those hours, and the time your work takes is counted in them.`
            : `You work ${personText(me)}, any hour of those days (the time your work takes is counted from 09:00 to 17:00 of them).`,
          'success',
        ),
      );
    },
  }),
  defineCommand({
    name: 'away',
    usage: 'away until <date> | away <from>..<until> | away off',
    summary: 'time off, or back',
    role: 'member',
    args: { positionals: ['...when'] },
    schema: z.object({ when: z.string({ error: AWAY_FORM }).trim().min(1, { error: AWAY_FORM }) }),
    run: async (env, input) => {
      const { app, ctx } = env;
      const { person, replaced, handedOn, back } = app.people.setAway(ctx, input.when);
      const said = reply.text(
        person.away
          ? `Away from ${person.away.from} to ${person.away.until}: no work is routed to you meanwhile (\`/goalpost away off\` when you are back sooner).${replacedText(replaced)}`
          : 'Welcome back: work is routed to you again.',
        'success',
      );
      // Work moved is the team's news: said in the channel, not to the caller alone.
      // So is work coming back, or staying with whoever holds it, when the leave ends early.
      const moved = [...back.map(leaveBackText), ...handedOn.map(leaveHandOnText)];
      if (moved.length === 0) return reply.ephemeral(said);
      const unsaid = await sayBackInDigests(env, back);
      return reply.channel(said, ...moved.map((line) => reply.text(line)), ...unsaid);
    },
  }),
];

/**
 * Says a bring-back in each digest channel, through the path the `leave` job says a hand-on
 * (postLeaveNews): the team read there that the person was away and their work went to others,
 * and the reply to `away off` (a DM, the console) reached only whoever was there. The channel the
 * reply goes to is left out: said once there. Returns a warning for each channel where the post
 * failed, naming it and why, so the person can tell the team there by hand.
 */
async function sayBackInDigests(env: CommandEnv, back: readonly LeaveBack[]) {
  if (back.length === 0) return [];
  const { invocation } = env;
  const channels = digestChannels(env.ctx.workspaceId, env.app.subscriptions.list(env.ctx)).filter(
    (c) => c.platform !== invocation.platform || c.channelId !== invocation.channelId,
  );
  const { failed } = await postLeaveNews(env, channels, back.map(leaveBackText));
  return failed.map((f) =>
    reply.text(`Your return could not be said in the digest channel ${f.channel} (${f.error}).`, 'warning'),
  );
}
