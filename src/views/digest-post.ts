import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { DecisionTally, DigestHeaderView, TaskCardView } from '../domain/reply.js';
import type { TaskStatus } from '../domain/task.js';
import type { DigestPost } from '../store/digest-post-repository.js';
import { taskCard } from './cards.js';

/** The statuses of a task the team said yes to, whatever happened after. */
const SAID_YES: ReadonlySet<TaskStatus> = new Set(['approved', 'in_progress', 'done', 'failed']);

/** How the decisions on these tasks stand. */
export function tallyDecisions(statuses: readonly TaskStatus[]): DecisionTally {
  return {
    total: statuses.length,
    decided: statuses.filter((s) => s !== 'proposed').length,
    approved: statuses.filter((s) => SAID_YES.has(s)).length,
    rejected: statuses.filter((s) => s === 'rejected').length,
    cancelled: statuses.filter((s) => s === 'cancelled').length,
  };
}

/**
 * A posted digest's header as it should read now: its tally of decisions, and for a compact one
 * each task's card as it stands (`fresh` cards, as the reply that changed them has them, win over
 * ones read again).
 */
export function digestPostView(
  app: Goalpost,
  ctx: Ctx,
  post: DigestPost,
  fresh: readonly TaskCardView[] = [],
): DigestHeaderView {
  const tasks = post.taskIds.map((id) => app.tasks.byId(ctx, id));
  const header: DigestHeaderView = {
    ...post.header,
    decisions: tallyDecisions(tasks.map((t) => t.status)),
  };
  if (post.header.tasks === undefined) return header;
  const cards = tasks.map(
    (t) => fresh.find((c) => c.taskId === t.id) ?? taskCard(t, app.tasks.show(ctx, t.ref).events),
  );
  return { ...header, tasks: cards };
}
