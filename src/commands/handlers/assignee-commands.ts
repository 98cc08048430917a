import * as z from 'zod';
import { reply } from '../../domain/reply.js';
import { oneOf } from '../../domain/validate.js';
import type { Assignee } from '../../store/assignee-repository.js';
import { takes } from '../../use-cases/assignee-scope.js';
import { worksOn } from '../../use-cases/assignees.js';
import { mention } from '../../views/mention.js';
import { plural } from '../../views/words.js';
import { type CommandDef, defineCommand } from '../define-command.js';

/** "a worker agent that takes up to 2 open tasks", "a person who takes up to 3 open tasks". */
const described = (a: Assignee): string =>
  a.capacity === 0
    ? `${a.kind === 'worker' ? 'a worker agent that' : 'a person whom'} routing gives no tasks (capacity 0)`
    : `${a.kind === 'worker' ? 'a worker agent that' : 'a person who'} takes up to ${plural(a.capacity, 'open task', 'open tasks')}`;

/** `assignee` and `assignee add`: who tasks go to, set up from chat as from the command line. */
export const assigneeCommands: CommandDef[] = [
  defineCommand({
    name: 'assignee',
    usage: 'assignee',
    summary: 'who tasks can go to',
    role: 'member',
    args: {},
    schema: z.object({}),
    run: ({ app, ctx }) => {
      const all = app.assignees.list(ctx);
      // Who works where, once anyone is given projects (`assignee set --project`); the kinds of
      // work each takes, once anyone is given kinds (`--category`).
      const where = all.some((a) => a.projects.length > 0);
      const kinds = all.some((a) => a.categories.length > 0);
      return reply.ephemeral({
        kind: 'table',
        title: 'Assignees',
        columns: [
          'name',
          'kind',
          'open tasks at most',
          ...(where ? ['works on'] : []),
          ...(kinds ? ['takes'] : []),
        ],
        rows: all.map((a) => [
          a.name,
          a.kind,
          String(a.capacity),
          ...(where ? [worksOn(a.projects)] : []),
          ...(kinds ? [takes(a.categories)] : []),
        ]),
        empty: 'No assignees yet: an admin adds one with `/goalpost assignee add dev_worker1 worker`.',
      });
    },
  }),
  defineCommand({
    name: 'assignee add',
    usage: 'assignee add <name> [person|worker] [capacity] [--category kind,kind] [--project "Name"]',
    summary: 'add a person or worker agent (admin)',
    role: 'admin',
    // `--kind` and `--capacity` too, as the command line writes them (hints name one form for both);
    // the kinds of work they take and the project they work on, as a docs bot is set up from chat.
    args: {
      positionals: ['name', 'kind', 'capacity'],
      options: ['kind', 'capacity', 'category', 'project'],
    },
    // The use case checks the name, capacity, kinds and project, with the command line's words.
    schema: z.object({
      name: z.string({ error: 'a name like dev_worker1' }),
      kind: oneOf(['person', 'worker'] as const).optional(),
      capacity: z.string().optional(),
      // One option in chat, so the kinds come as one list: `--category infrastructure,research`.
      category: z.string().optional(),
      project: z.string().optional(),
    }),
    run: ({ app, ctx }, { category, project, ...input }) => {
      const a = app.assignees.add(ctx, {
        ...input,
        categories: category
          ?.split(',')
          .map((k) => k.trim())
          .filter((k) => k !== ''),
        projects: project === undefined ? undefined : [project],
      });
      const it = a.kind === 'worker' ? 'it' : 'them';
      // A ref to fill in, not an example one: T-12 names no task in most workspaces.
      const assign = `\`/goalpost assign <ref> ${a.name}\``;
      const then =
        a.capacity === 0 ? `${assign} still gives ${it} one by hand` : `${assign} routes a task to ${it}`;
      // Where they take work and what kinds, when not any, as `assignee` lists them.
      const scope = `${a.projects.length > 0 ? `, on ${worksOn(a.projects)} only` : ''}${
        a.categories.length > 0 ? `, ${takes(a.categories)} work only` : ''
      }`;
      return reply.channel(
        reply.text(`${mention(ctx.actor)} added ${a.name}, ${described(a)}${scope}: ${then}.`, 'success'),
      );
    },
  }),
];
