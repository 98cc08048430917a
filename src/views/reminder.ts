import type { View } from '../domain/reply.js';
import type { Task } from '../domain/task.js';
import { mention } from './mention.js';

/**
 * The one reminder of tasks still awaiting a decision, for the digest's thread: the approvers
 * first (mentioned, and notified: a notification shows a message's first words), then the tasks.
 * Without approvers it says how to name some.
 */
export function reminderView(tasks: readonly Task[], approvers: readonly string[]): View {
  const still =
    tasks.length === 1 ? 'a task still awaits a decision' : `${tasks.length} tasks still await a decision`;
  const head =
    approvers.length > 0
      ? `⏰ ${approvers.map(mention).join(' ')}: ${still}. Approve or reject each with its buttons, or ✅ / ❌ on its card:`
      : `⏰ ${still[0]?.toUpperCase()}${still.slice(1)}, and nobody here holds the approver role: an admin can grant it with \`/goalpost role @someone approver\`.`;
  const listed = tasks.map((t) => `${t.ref} · ${t.title}`);
  return { kind: 'text', text: [head, ...listed].join('\n'), notify: [...approvers] };
}
