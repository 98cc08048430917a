import type { Ctx } from '../domain/ctx.js';
import { ForbiddenError } from '../errors.js';
import type { Assignee } from '../store/assignee-repository.js';
import type { UseCaseDeps } from './deps.js';

/**
 * Over the API, refuses a member token acting as an assignee it does not act for: claiming its
 * work, renewing or releasing its claims, starting a task routed to it or recording an outcome
 * credited to it. A token made `--for` assignees acts for those; one made for none, for worker
 * agents only: a person's record, from which routing learns, is theirs (a review's docs bot
 * failed a task as ana). Approvers and admins act for anyone, as in chat; the CLI and local
 * workers hold the database.
 * @throws ForbiddenError naming whom the token acts for and the token that would do.
 */
export function actAs(
  store: UseCaseDeps['store'],
  ctx: Ctx,
  assignee: Pick<Assignee, 'name' | 'kind'>,
  what: string,
): void {
  if (ctx.source !== 'api' || ctx.role !== 'member') return;
  const token = ctx.actor.replace(/^api:/, '');
  const named = store.tokens.find(ctx.workspaceId, token)?.actsFor ?? [];
  const who = assignee.name.toLowerCase();
  if (named.some((n) => n.toLowerCase() === who)) return;
  if (named.length === 0 && assignee.kind === 'worker') return;
  const whom =
    named.length > 0
      ? `token ${token} acts for ${named.join(', ')}, not ${assignee.name}`
      : `${assignee.name} is a person, and token ${token}, made for no assignee, acts for worker agents only`;
  throw new ForbiddenError(
    `${whom}: only a token made for ${assignee.name} (\`goalpost token create <name> --for ${assignee.name}\` on the command line), an approver or an admin can ${what}; nothing was recorded`,
  );
}
