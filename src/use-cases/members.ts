import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { mention } from '../domain/mention.js';
import { ROLES, type Role } from '../domain/role.js';
import { lazySchema, oneOf, validate } from '../domain/validate.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { Member } from '../store/member-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';

const RANK: Record<Role, number> = { member: 0, approver: 1, admin: 2 };

const article = (role: Role): string => (role === 'member' ? 'a' : 'an');

/** A platform user as Goalpost keys them: `slack:U024BE7LH`, `discord:80351…`, `console:ana`. */
export const userKey = lazySchema(() =>
  z
    .string({ error: 'a user like slack:U024BE7LH' })
    .trim()
    .regex(/^(console|slack|discord):[A-Za-z0-9_.@-]{1,100}$/, {
      error: (i) => `a user like slack:U024BE7LH or console:ana (got ${JSON.stringify(i.input)})`,
    }),
);

const grantInput = lazySchema(() =>
  z.object({ user: userKey(), role: oneOf(ROLES), force: z.boolean().default(false) }),
);

/** What a role lets its holder do that the one below does not, in a sentence's words. */
const WHAT_A_ROLE_ADDS: Record<Role, string> = {
  member: '',
  approver: 'approve, reject, cancel, retry or assign tasks',
  admin: 'change roles, the vision, revenue, goals or schedules',
};

/** What someone going from `from` down to `to` could no longer do: "change roles, … or approve …". */
function lostBy(from: Role, to: Role): string {
  return ROLES.filter((r) => RANK[r] > RANK[to] && RANK[r] <= RANK[from])
    .reverse()
    .map((r) => WHAT_A_ROLE_ADDS[r])
    .join(', or ');
}

export interface RoleEntry extends Member {
  /** True for admins named in GOALPOST_ADMINS: they cannot be changed from chat. */
  fromConfig: boolean;
}

/**
 * Roles per workspace and platform user: admin > approver > member. Admins named in config
 * (`GOALPOST_ADMINS`) are admins of every workspace; everyone else without a row is a member.
 */
export function createMemberUseCases(deps: UseCaseDeps & { admins: readonly string[] }) {
  const { store } = deps;

  function roleOf(ctx: Ctx, user: string = ctx.actor): Role {
    if (user === ctx.actor && ctx.role !== undefined) return ctx.role;
    if (deps.admins.includes(user)) return 'admin';
    return store.members.roleOf(ctx.workspaceId, user);
  }

  /**
   * @throws ForbiddenError naming the role needed and how to get it. Writes nothing, so a refused
   * attempt leaves no trace but the caller's log line.
   */
  function authorize(ctx: Ctx, needed: Role, what: string): void {
    const has = roleOf(ctx);
    if (RANK[has] >= RANK[needed]) return;
    // An API token's role is fixed when it is made: no one can grant it more.
    if (ctx.source === 'api') {
      throw new ForbiddenError(
        `${what} needs the ${needed} role and this API token has the ${has} role; a token keeps the role it was made with, so make one with it: \`goalpost token create <name> --role ${needed}\``,
      );
    }
    throw new ForbiddenError(
      `${what} needs the ${needed} role and you are ${has === 'approver' ? 'an' : 'a'} ${has}; an admin can grant it with \`/goalpost role ${mention(ctx.actor)} ${needed}\``,
    );
  }

  return {
    roleOf,
    authorize,
    /** Admins first, then approvers; config admins included. */
    list(ctx: Ctx): RoleEntry[] {
      const rows: RoleEntry[] = store.members
        .list(ctx.workspaceId)
        .map((m) => ({ ...m, fromConfig: deps.admins.includes(m.userKey) }));
      for (const admin of deps.admins) {
        if (!rows.some((r) => r.userKey === admin)) {
          rows.unshift({
            userKey: admin,
            role: 'admin',
            grantedBy: 'GOALPOST_ADMINS',
            grantedAt: '',
            fromConfig: true,
          });
        }
      }
      return rows;
    },
    /**
     * Grants `role` (member revokes). Needs admin. Refuses to change a config admin or to demote
     * the last admin, so a workspace is never locked out of its own settings; and refuses to demote
     * the caller themselves unless `force` says they mean it (the CLI's `goalpost role` can undo it).
     * @throws ConflictError for each of those, saying what to do instead.
     */
    grant(
      ctx: Ctx,
      input: { user: unknown; role: unknown; force?: unknown },
    ): { user: string; role: Role; previous: Role } {
      const g = validate(grantInput(), input);
      return store.transaction(() => {
        authorize(ctx, 'admin', 'changing roles');
        if (deps.admins.includes(g.user)) {
          throw new ConflictError(`${g.user} is an admin through GOALPOST_ADMINS; change it there`);
        }
        const previous = store.members.roleOf(ctx.workspaceId, g.user);
        const lastAdmin =
          previous === 'admin' &&
          g.role !== 'admin' &&
          deps.admins.length === 0 &&
          store.members.adminCount(ctx.workspaceId) <= 1;
        if (lastAdmin) {
          throw new ConflictError(`${g.user} is the last admin; make someone else admin first`);
        }
        if (g.user === ctx.actor && RANK[g.role] < RANK[previous] && !g.force) {
          throw new ConflictError(
            `you are about to make yourself ${article(g.role)} ${g.role} (you are ${article(previous)} ${previous}) and could no longer ${lostBy(previous, g.role)}; nothing changed. Repeat it with --force if you mean it`,
          );
        }
        store.members.setRole(ctx.workspaceId, g.user, g.role, ctx.actor, nowIso(deps));
        deps.logger.info(
          { workspace: ctx.workspaceId, user: g.user, role: g.role, by: ctx.actor },
          'role set',
        );
        return { user: g.user, role: g.role, previous };
      });
    },
    /** Makes `user` an admin when the workspace has none yet (the installer, the console operator). */
    bootstrapAdmin(ctx: Ctx, user: string): boolean {
      const key = validate(z.object({ user: userKey() }), { user }).user;
      // Looked at first without the write lock: a workspace that has an admin (every start but
      // the first) needs no write, and so does not wait for, or fail on, another process's lock.
      if (store.members.adminCount(ctx.workspaceId) > 0) return false;
      return store.transaction(() => {
        if (store.members.adminCount(ctx.workspaceId) > 0) return false;
        store.members.setRole(ctx.workspaceId, key, 'admin', ctx.actor, nowIso(deps));
        return true;
      });
    },
  };
}
