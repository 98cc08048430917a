import { rewriteCommandHints } from '../domain/command-hints.js';
import type { ProgressView, Reply, TaskCardView, View } from '../domain/reply.js';
import { findCommand, grammar } from './grammar.js';
import { parseArgs, tokenize } from './tokenize.js';

const COMMANDS = grammar();

/**
 * A message from the core in chat's words. The core writes the commands it suggests as the
 * command line types them, `` `goalpost metric signups <value>` ``; in chat the same words follow
 * `/goalpost`, so a hint naming a chat command gets the slash. A command chat does not have
 * (`goalpost project add`) is left as the command line's, and said to be, unless the words before
 * it say so already.
 */
export function chatSyntax(text: string): string {
  return rewriteCommandHints(text, (rest) => (inChat(rest) ? `\`/goalpost ${rest}\`` : null));
}

/**
 * Whether chat runs `words` as written: a command of that name that takes what follows it (chat's
 * `assignee` lists, and takes no `set ria`).
 */
function inChat(words: string): boolean {
  try {
    const found = findCommand(COMMANDS, tokenize(words));
    if (found === null) return false;
    parseArgs(found.rest, found.def.args);
    return true;
  } catch {
    return false;
  }
}

const card = (c: TaskCardView): TaskCardView => ({ ...c, reasoning: c.reasoning.map(chatSyntax) });

/** A progress bar's words: its detail and where its figure comes from (`revenue remove --all`). */
const progressItem = (p: ProgressView): ProgressView => ({
  ...p,
  detail: chatSyntax(p.detail),
  freshness: p.freshness === null ? null : chatSyntax(p.freshness),
});

function view(v: View): View {
  switch (v.kind) {
    case 'text':
      return { ...v, text: chatSyntax(v.text) };
    case 'error':
      return { ...v, message: chatSyntax(v.message) };
    case 'progress':
      return { ...v, items: v.items.map(progressItem) };
    case 'digest_header':
      return {
        ...v,
        suggestions: v.suggestions.map(chatSyntax),
        warnings: v.warnings.map(chatSyntax),
        goalsAtRisk: v.goalsAtRisk.map(progressItem),
        ...(v.revenue ? { revenue: progressItem(v.revenue) } : {}),
        // The team's room names the command that widens what someone takes (`assignee set`).
        ...(v.batch.capacity === undefined
          ? {}
          : { batch: { ...v.batch, capacity: chatSyntax(v.batch.capacity) } }),
        ...(v.tasks === undefined ? {} : { tasks: v.tasks.map(card) }),
      };
    case 'task':
      return { ...v, card: card(v.card) };
    case 'table':
    case 'charts':
      return v;
  }
}

/** A reply with every hint in it in chat syntax (see `chatSyntax`): what chat surfaces post. */
export function inChatSyntax(reply: Reply): Reply {
  return { ...reply, messages: reply.messages.map(view), updates: reply.updates.map(card) };
}
