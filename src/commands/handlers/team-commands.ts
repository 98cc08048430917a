import * as z from 'zod';
import { distance } from '../../domain/compare-text.js';
import { reply } from '../../domain/reply.js';
import { ROLES } from '../../domain/role.js';
import { oneOf, positiveInt, validate } from '../../domain/validate.js';
import { ValidationError } from '../../errors.js';
import { digestLayout, requireVision } from '../../views/digest.js';
import { mention, mentionArg } from '../../views/mention.js';
import { commandLineOnly, commandLineOnlyText } from '../command-line-only.js';
import { type CommandDef, defineCommand } from '../define-command.js';
import { personText } from './people-commands.js';

/** The local date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** help, digest, whoami, role; `all` lists every command for help. */
export function teamCommands(all: () => readonly CommandDef[]): CommandDef[] {
  return [
    defineCommand({
      name: 'help',
      usage: 'help [command]',
      summary: 'what Goalpost can do',
      role: 'member',
      args: { positionals: ['...command'] },
      schema: z.object({ command: z.string().optional() }),
      run: (_env, input) => {
        const shown = all().filter(
          (c) => !input.command || c.name === input.command || c.name.startsWith(`${input.command} `),
        );
        if (shown.length === 0) {
          // A command-line command is said to be one, as typing it is answered.
          const names = all().map((c) => c.name);
          const elsewhere = commandLineOnly((input.command ?? '').split(/\s+/), names);
          if (elsewhere !== null) return reply.error(commandLineOnlyText(elsewhere, names, false));
          // As a mistyped command is answered: the one it was most likely meant to be.
          const typed = (input.command ?? '').toLowerCase();
          const near = all()
            .map((c) => c.name.split(' ')[0] ?? '')
            .find((n) => distance(n, typed) <= 2);
          return reply.error(
            `no command "${input.command}"; ${near ? `did you mean \`/goalpost help ${near}\`? ` : ''}\`/goalpost help\` lists them`,
          );
        }
        // Each platform shows the commands as its people type them (see the table's `commands`):
        // Discord has the backlog's under a slash command of their own, and some in groups.
        return reply.ephemeral({
          kind: 'table',
          title: 'Goalpost commands (type /goalpost <command>)',
          columns: ['command', 'what it does'],
          rows: shown.map((c) => [c.usage, c.summary]),
          empty: '',
          commands: shown.map((c) => c.name),
        });
      },
    }),
    defineCommand({
      name: 'digest',
      usage: 'digest [--max-tasks n]',
      summary: "today's digest; approvers also propose tasks",
      role: 'member',
      args: { options: ['max-tasks'] },
      schema: z.object({
        maxTasks: positiveInt(5)
          .pipe(z.number().max(50, { error: (i) => `at most 50 tasks per batch (got ${i.input})` }))
          .optional(),
      }),
      run: ({ app, ctx, clock, defaultTimeZone, jobs, invocation }, input) => {
        requireVision(app, ctx); // a quick, clear refusal here rather than from the job thread
        // Laid out as this channel's digest subscription says, else in a thread.
        const { platform, channelId } = invocation;
        const settings = app.subscriptions.digestSettings(ctx, platform, channelId, defaultTimeZone);
        return jobs.digest(ctx, {
          date: localDate(clock.now(), defaultTimeZone),
          ...(input.maxTasks === undefined ? {} : { maxTasks: input.maxTasks }),
          layout: digestLayout(settings, clock.now()),
        });
      },
    }),
    defineCommand({
      name: 'whoami',
      usage: 'whoami',
      summary: 'who you are here',
      role: 'member',
      args: {},
      schema: z.object({}),
      run: ({ app, ctx }) => {
        const role = app.members.roleOf(ctx);
        const assignee = app.decisions.assigneeForUser(ctx, ctx.actor);
        const me = app.people.me(ctx);
        return reply.ephemeral(
          reply.text(
            `You are ${ctx.actor} (${role}) in workspace ${ctx.workspaceId}${assignee ? `; tasks routed to ${assignee} are yours` : ''}. Schedule: ${personText(me)}${me.now.available ? '' : `; now ${me.now.why}`}.`,
          ),
        );
      },
    }),
    defineCommand({
      name: 'role',
      usage: 'role [@user admin|approver|member] [--force]',
      summary: 'list roles, or grant one (admin)',
      role: 'member',
      args: { positionals: ['user', 'role'], flags: ['force'] },
      schema: z.object({
        user: z.string().optional(),
        role: oneOf(ROLES).optional(),
        force: z.boolean().optional(),
      }),
      run: ({ app, ctx, invocation }, input) => {
        if (input.user === undefined) {
          return reply.ephemeral({
            kind: 'table',
            title: 'Roles (everyone else is a member)',
            columns: ['user', 'role', 'granted by'],
            rows: app.members.list(ctx).map((m) => [mention(m.userKey), m.role, m.grantedBy]),
            empty: 'No admins or approvers yet.',
          });
        }
        if (input.role === undefined) {
          throw new ValidationError('say which role: admin, approver or member', 'role');
        }
        const { user } = validate(z.object({ user: mentionArg(invocation.platform) }), { user: input.user });
        const r = app.members.grant(ctx, { user, role: input.role, force: input.force === true });
        return reply.channel(
          reply.text(
            r.previous === r.role
              ? `${mention(user)} was already ${r.role}.`
              : `${mention(user)} is now ${r.role} (was ${r.previous}), set by ${mention(ctx.actor)}.`,
            'success',
          ),
        );
      },
    }),
  ];
}
