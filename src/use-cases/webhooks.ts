import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { nodeCrypto } from '../domain/lazy-builtin.js';
import type { Loose } from '../domain/validate.js';
import { hasControlCharacters, lazySchema, oneOf, positiveInt, validate } from '../domain/validate.js';
import { WEBHOOK_EVENTS, type Webhook } from '../domain/webhook.js';
import { webhookTargetProblem } from '../domain/webhook-target.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';

/** A new webhook, the only time its signing secret is shown. */
export interface AddedWebhook extends Webhook {
  /** `whsec_…`: the HMAC-SHA256 key of `X-Goalpost-Signature`. */
  secret: string;
}

const url = lazySchema(() =>
  z
    .string({ error: 'a URL like https://example.com/hooks/goalpost' })
    .trim()
    .max(2000, { error: 'at most 2000 characters' })
    // URL() drops tabs and line breaks and escapes other control characters, but the text as typed
    // is what is stored and shown: refused, so no stored URL holds one.
    .refine((v) => !hasControlCharacters(v) && !/\s/.test(v), {
      error: 'must not contain spaces, line breaks, tabs or control characters',
      abort: true,
    })
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
        } catch {
          return false;
        }
      },
      {
        error: (i) =>
          `an http or https URL like https://example.com/hooks/goalpost (got ${JSON.stringify(i.input)})`,
        abort: true,
      },
    )
    // Port 0 is no port a server listens on: every delivery would fail (a review's was taken).
    .refine((v) => new URL(v).port !== '0', {
      error: (i) => `a port from 1 to 65535, or none (got ${JSON.stringify(i.input)})`,
    }),
);

const events = lazySchema(() =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : v,
    z.array(oneOf(WEBHOOK_EVENTS)).min(1, { error: `at least one of ${WEBHOOK_EVENTS.join(', ')}` }),
  ),
);

const addInput = lazySchema(() => z.object({ url: url(), events: events().optional() }));

/** Outgoing webhooks: who gets told about batches, decisions and outcomes. All of it needs admin. */
export function createWebhookUseCases(
  deps: UseCaseDeps & { allowPrivateWebhooks: boolean },
  members: ReturnType<typeof createMemberUseCases>,
) {
  const { store } = deps;
  return {
    /** @throws ConflictError when the URL already has a webhook in this workspace. */
    add(ctx: Ctx, input: Loose<ReturnType<typeof addInput>>): AddedWebhook {
      const w = validate(addInput(), input);
      const problem = webhookTargetProblem(new URL(w.url), deps.allowPrivateWebhooks);
      if (problem) throw new ValidationError(`url: ${problem}`, 'url');
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'adding webhooks');
        if (store.webhooks.findByUrl(ctx.workspaceId, w.url)) {
          throw new ConflictError(`a webhook for ${w.url} already exists`);
        }
        const secret = `whsec_${nodeCrypto().randomBytes(24).toString('base64url')}`;
        const subscribed = w.events === undefined ? ['*'] : [...new Set(w.events)];
        const id = store.webhooks.add(
          { workspaceId: ctx.workspaceId, url: w.url, secret, events: subscribed, createdBy: ctx.actor },
          nowIso(deps),
        );
        const added = store.webhooks.find(ctx.workspaceId, id);
        if (!added) throw new Error(`webhook ${id} vanished after insert`);
        deps.logger.info(
          { workspace: ctx.workspaceId, webhook: id, url: w.url, by: ctx.actor },
          'webhook added',
        );
        return { ...added, secret };
      });
    },

    /** Every webhook with its delivery counts; never the secrets. */
    list(ctx: Ctx): Webhook[] {
      members.authorize(ctx, 'admin', 'listing webhooks');
      return store.webhooks.list(ctx.workspaceId);
    },

    /** Removes a webhook and its pending deliveries. @throws NotFoundError for an unknown id. */
    remove(ctx: Ctx, id: unknown): Webhook {
      const n = validate(z.object({ id: positiveInt(3) }), { id }).id;
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'removing webhooks');
        const hook = store.webhooks.find(ctx.workspaceId, n);
        if (!hook) throw new NotFoundError(`unknown webhook ${n}; \`goalpost webhook list\` shows them`);
        store.webhooks.remove(ctx.workspaceId, n);
        deps.logger.info({ workspace: ctx.workspaceId, webhook: n, by: ctx.actor }, 'webhook removed');
        return hook;
      });
    },
  };
}
