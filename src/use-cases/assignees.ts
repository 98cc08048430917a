import { z } from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { count, type Loose, oneOf, validate } from '../domain/validate.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Assignee } from '../store/assignee-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';

const assigneeInput = z.object({
  name: z
    .string({ error: 'a name like dev_worker1' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
      error: (i) => `letters, digits and _.- like dev_worker1 (got ${JSON.stringify(i.input)})`,
    }),
  kind: oneOf(['person', 'worker'] as const).default('person'),
  capacity: count.pipe(z.number().max(100, { error: 'at most 100 open tasks' })).default(3),
  slack: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,20}$/, {
      error: (i) => `a Slack user id like U024BE7LH (got ${JSON.stringify(i.input)})`,
    })
    .optional(),
  discord: z
    .string()
    .regex(/^\d{15,21}$/, {
      error: (i) => `a Discord user id like 80351110224678912 (got ${JSON.stringify(i.input)})`,
    })
    .optional(),
});

/**
 * The assignee named `name` in the caller's workspace: the one place that says it is unknown.
 * @throws NotFoundError listing the assignees there are and how to add this one.
 */
export function requireAssignee(store: UseCaseDeps['store'], ctx: Ctx, name: string): Assignee {
  const found = store.assignees.find(ctx.workspaceId, name);
  if (found) return found;
  const known = store.assignees.list(ctx.workspaceId).map((a) => a.name);
  throw new NotFoundError(
    `unknown assignee "${name}"; ${known.length ? `the assignees are ${known.join(', ')}` : 'there are none yet'}; add it with \`goalpost assignee add ${name}\` (\`--kind worker\` for an agent)`,
  );
}

export function createAssigneeUseCases(deps: UseCaseDeps, members: ReturnType<typeof createMemberUseCases>) {
  const { store } = deps;
  return {
    list: (ctx: Ctx): Assignee[] => store.assignees.list(ctx.workspaceId),
    /** The assignee named `name`. @throws NotFoundError listing the assignees there are. */
    require: (ctx: Ctx, name: string): Assignee => requireAssignee(store, ctx, name),
    /**
     * Adds a person or worker agent tasks can be routed to. Needs admin: who takes work is the
     * team's setup, like roles.
     * @throws ValidationError naming the field; ForbiddenError unless admin; ConflictError for a taken name.
     */
    add(ctx: Ctx, input: Loose<typeof assigneeInput>): Assignee {
      const a = validate(assigneeInput, input);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'adding assignees');
        if (store.assignees.find(ctx.workspaceId, a.name)) {
          throw new ConflictError(`an assignee named "${a.name}" already exists`);
        }
        return store.assignees.add(
          {
            workspaceId: ctx.workspaceId,
            name: a.name,
            kind: a.kind,
            capacity: a.capacity,
            slackUser: a.slack ?? null,
            discordUser: a.discord ?? null,
          },
          nowIso(deps),
        );
      });
    },
  };
}
