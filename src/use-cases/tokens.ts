import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { nodeCrypto, sha256Hex } from '../domain/lazy-builtin.js';
import { ROLES, type Role } from '../domain/role.js';
import { type Loose, lazySchema, oneOf, validate } from '../domain/validate.js';
import type { ApiToken } from '../domain/webhook.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { requireAssignee } from './assignees.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';

/** A new token, the only time its secret is shown. */
export interface CreatedToken {
  name: string;
  role: Role;
  /** The assignees it acts for, as registered (see ApiToken.actsFor). */
  actsFor: string[];
  /** `gp_` + 32 random bytes, base64url. Only its SHA-256 is stored. */
  token: string;
  /** The first characters, shown in listings to tell tokens apart. */
  prefix: string;
}

/** Who a valid token speaks for. */
export interface TokenIdentity {
  workspaceId: string;
  name: string;
  role: Role;
}

const tokenName = lazySchema(() =>
  z
    .string({ error: 'a name like ci-bot' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
      error: (i) => `a name of letters, digits, - _ . like ci-bot (got ${JSON.stringify(i.input)})`,
    }),
);
/** The assignees a member token acts for, by name; an empty list: worker agents only. */
const assigneeNames = lazySchema(() =>
  z
    .array(z.string().trim().min(1, { error: 'an assignee name, not a blank one' }), {
      error: 'a list of assignee names',
    })
    .max(100, { error: 'at most 100 assignees' }),
);
const createInput = lazySchema(() =>
  z.object({
    name: tokenName(),
    role: oneOf(ROLES).default('member'),
    actsFor: assigneeNames().default([]),
  }),
);
const actsForInput = lazySchema(() => z.object({ name: tokenName(), actsFor: assigneeNames() }));

const TOKEN_SHAPE = /^gp_[A-Za-z0-9_-]{43}$/;
/** last_used_at is refreshed at most this often, so authenticating is not a write per request. */
const TOUCH_EVERY_MS = 60_000;

/** Bearer tokens for the HTTP API. Creating, listing and revoking need admin. */
export function createTokenUseCases(deps: UseCaseDeps, members: ReturnType<typeof createMemberUseCases>) {
  const { store } = deps;
  /** Assignee names as registered, once each: a name unknown here is refused with the assignees there are. */
  const registered = (ctx: Ctx, names: readonly string[]): string[] => [
    ...new Set(names.map((n) => requireAssignee(store, ctx, n).name)),
  ];
  /** The token named `name`. @throws NotFoundError saying where the tokens are listed. */
  const requireToken = (ctx: Ctx, name: string): ApiToken => {
    const token = store.tokens.find(ctx.workspaceId, name);
    if (token === null) throw new NotFoundError(`unknown token ${name}; \`goalpost token list\` shows them`);
    return token;
  };
  return {
    /** @throws ConflictError when the name is taken (a revoked token keeps its name). */
    create(ctx: Ctx, input: Loose<ReturnType<typeof createInput>>): CreatedToken {
      const t = validate(createInput(), input);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'creating API tokens');
        if (t.actsFor.length > 0 && t.role !== 'member') {
          throw new ValidationError(
            `actsFor: only a member token acts for the assignees named; an ${t.role} token acts for anyone (drop them, or make it --role member); nothing was created`,
            'actsFor',
          );
        }
        const actsFor = registered(ctx, t.actsFor);
        const existing = store.tokens.find(ctx.workspaceId, t.name);
        if (existing) {
          throw new ConflictError(
            `a token named ${t.name} already exists${existing.revokedAt ? ' (revoked)' : ''}; pick another name`,
          );
        }
        const token = `gp_${nodeCrypto().randomBytes(32).toString('base64url')}`;
        const prefix = token.slice(0, 10);
        store.tokens.insert(
          {
            workspaceId: ctx.workspaceId,
            name: t.name,
            role: t.role,
            tokenHash: sha256Hex(token),
            prefix,
            createdBy: ctx.actor,
            actsFor,
          },
          nowIso(deps),
        );
        deps.logger.info(
          { workspace: ctx.workspaceId, token: t.name, role: t.role, actsFor, by: ctx.actor },
          'API token created',
        );
        return { name: t.name, role: t.role, actsFor, token, prefix };
      });
    },

    /**
     * Sets the assignees a member token acts for (see ApiToken.actsFor), replacing them; none: worker
     * agents only. A token made before migration 0059 acts for worker agents only: this is how a
     * script that works for a person keeps its token.
     * @throws NotFoundError for an unknown token or assignee; ConflictError for a revoked token, or
     *   one of another role (an approver or admin token acts for anyone).
     */
    setActsFor(ctx: Ctx, input: Loose<ReturnType<typeof actsForInput>>): ApiToken & { changed: boolean } {
      const t = validate(actsForInput(), input);
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'changing API tokens');
        const token = requireToken(ctx, t.name);
        if (token.revokedAt !== null) throw new ConflictError(`token ${t.name} is revoked; nothing changed`);
        if (token.role !== 'member') {
          throw new ConflictError(
            `token ${t.name} is an ${token.role} token, which acts for anyone: only a member token acts for the assignees named; nothing changed`,
          );
        }
        const actsFor = registered(ctx, t.actsFor);
        const before = [...token.actsFor].sort();
        const changed = before.join('\n') !== [...actsFor].sort().join('\n');
        if (changed) {
          store.tokens.setActsFor(ctx.workspaceId, t.name, actsFor);
          deps.logger.info(
            { workspace: ctx.workspaceId, token: t.name, actsFor, by: ctx.actor },
            'API token changed',
          );
        }
        return { ...(store.tokens.find(ctx.workspaceId, t.name) as ApiToken), changed };
      });
    },

    /** Every token of the workspace, active first; never the secret. */
    list(ctx: Ctx): ApiToken[] {
      members.authorize(ctx, 'admin', 'listing API tokens');
      return store.tokens.list(ctx.workspaceId);
    },

    /** Revokes a token at once. @throws NotFoundError for an unknown name. */
    revoke(ctx: Ctx, name: unknown): { name: string; changed: boolean } {
      const n = validate(z.object({ name: tokenName() }), { name }).name;
      return store.transaction(() => {
        members.authorize(ctx, 'admin', 'revoking API tokens');
        requireToken(ctx, n);
        const changed = store.tokens.revoke(ctx.workspaceId, n, nowIso(deps));
        if (changed)
          deps.logger.info({ workspace: ctx.workspaceId, token: n, by: ctx.actor }, 'API token revoked');
        return { name: n, changed };
      });
    },

    /**
     * Who `token` speaks for, or null for an unknown, malformed or revoked token. Not scoped to a
     * workspace: the token names it. Refreshes last_used_at at most once a minute.
     */
    authenticate(token: string): TokenIdentity | null {
      if (!TOKEN_SHAPE.test(token)) return null;
      const hash = sha256Hex(token);
      const owner = store.tokens.byHash(hash);
      if (!owner || owner.revokedAt !== null) return null;
      const now = deps.clock.now();
      const since = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
      if (owner.lastUsedAt === null || owner.lastUsedAt < since) {
        // Bookkeeping only: a request never waits for the write lock, nor fails, for it.
        try {
          store.transactionIfFree(() => store.tokens.touch(hash, now.toISOString(), since));
        } catch (error) {
          deps.logger.warn({ err: error, token: owner.name }, 'could not record the token’s last use');
        }
      }
      return { workspaceId: owner.workspaceId, name: owner.name, role: owner.role };
    },
  };
}
