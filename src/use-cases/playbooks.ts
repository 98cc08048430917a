import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { PLAYBOOK_SIGNALS, type Playbook, TEMPLATE_VARIABLES } from '../domain/playbook.js';
import { TASK_CATEGORIES } from '../domain/task.js';
import { type Loose, lazySchema, line, oneOf, slug, validate } from '../domain/validate.js';
import { templatePlaceholders } from '../engine/instantiate-playbooks.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';

const keyPattern = lazySchema(() =>
  z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/, { error: 'lowercase letters, digits and _.- like pay.stripe' }),
);

const playbookInput = lazySchema(() =>
  z.object({
    key: keyPattern(),
    signal: oneOf(PLAYBOOK_SIGNALS),
    focusArea: slug().nullable().default(null),
    title: line(300),
    category: oneOf(TASK_CATEGORIES),
    effortHours: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z.number({ error: 'hours > 0 like 4' }).positive({ error: 'hours > 0 like 4' }).max(1000),
    ),
    impactShare: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z
        .number({ error: 'a share from 0 to 1 like 0.25' })
        .min(0)
        .max(1, { error: 'a share from 0 to 1 like 0.25' }),
    ),
    dependsOn: z.array(keyPattern()).default([]),
    recurDays: z
      .preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
        z
          .number({ error: 'whole days from 1 to 3650, like 30' })
          .int({ error: 'whole days from 1 to 3650, like 30' })
          .min(1, { error: 'whole days from 1 to 3650, like 30' })
          .max(3650, { error: 'whole days from 1 to 3650, like 30' }),
      )
      .nullable()
      .default(null),
  }),
);

export function createPlaybookUseCases(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    list: (ctx: Ctx): Playbook[] => store.playbooks.list(ctx.workspaceId),

    /** Adds a task template. @throws ValidationError for unknown placeholders, signals, categories. */
    add(ctx: Ctx, input: Loose<ReturnType<typeof playbookInput>>): Playbook {
      if (input.signal === 'blocker' || input.signal === 'near_completion') {
        throw new ValidationError(
          `signal: ${input.signal} is always served by the team's backlog (${input.signal === 'blocker' ? 'the critical bug is its own task' : "the project's remaining features are its tasks"}); playbooks answer ${PLAYBOOK_SIGNALS.join(', ')}`,
          'signal',
        );
      }
      const p = validate(playbookInput(), input);
      const unknown = templatePlaceholders(p.title).filter(
        (v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v),
      );
      if (unknown.length > 0) {
        throw new ValidationError(
          `title: unknown placeholder {${unknown[0]}}; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
          'title',
        );
      }
      return store.transaction(() => {
        if (store.playbooks.find(ctx.workspaceId, p.key))
          throw new ConflictError(`playbook ${p.key} already exists`);
        for (const dep of p.dependsOn) {
          if (!store.playbooks.find(ctx.workspaceId, dep)) {
            throw new ValidationError(
              `dependsOn: unknown playbook "${dep}"; \`goalpost playbook list\` shows keys`,
              'dependsOn',
            );
          }
        }
        return store.playbooks.add(ctx.workspaceId, p, nowIso(deps));
      });
    },

    remove(ctx: Ctx, key: string): void {
      store.transaction(() => {
        if (!store.playbooks.remove(ctx.workspaceId, key)) {
          throw new NotFoundError(`unknown playbook "${key}"; \`goalpost playbook list\` shows keys`);
        }
      });
    },
  };
}
