/**
 * Commands the command line has and chat does not: typed in chat, they are answered as such
 * ("`project` is for the command line …"), not as a mistyped chat command ("did you mean
 * `reject`?") or, for `metric remove`, as a metric named "remove". Two words first (`metric
 * remove`: chat's `metric` records a measurement). A test holds the list to the CLI's command
 * words and keeps it apart from chat's commands.
 */
export const COMMAND_LINE_ONLY = [
  'metric remove',
  'metric source',
  'assignee set',
  'assignee remove',
  'init',
  'playbook',
  'project',
  'feature',
  'bug',
  'state',
  'generate',
  'route',
  'simulate',
  'goals',
  'lesson',
  'suggest',
  'export',
  'schedule',
  'token',
  'webhook',
  'discord',
  'stripe',
  'worker',
] as const;

/** What chat has for a command-line-only command, where it has something. */
export const IN_CHAT: Readonly<Partial<Record<(typeof COMMAND_LINE_ONLY)[number], string>>> = {
  schedule: '`/goalpost subscribe`, `unsubscribe` and `subscriptions`',
  goals: '`/goalpost goal`, each goal with its progress',
  // A review's lead set up from Slack alone and got a digest of filler: say where the backlog comes from.
  project:
    '`/goalpost github connect owner/repo --project "Name"` brings in the backlog of a project the command line added',
  feature:
    'a project\'s features come from GitHub once it is connected (`/goalpost github connect owner/repo --project "Name"`)',
  bug: 'a project\'s bugs come from GitHub once it is connected (`/goalpost github connect owner/repo --project "Name"`)',
};

/** The command-line-only command `words` start with, or null. */
export function commandLineOnly(words: readonly string[]): (typeof COMMAND_LINE_ONLY)[number] | null {
  const two = words.slice(0, 2).join(' ').toLowerCase();
  const one = (words[0] ?? '').toLowerCase();
  return COMMAND_LINE_ONLY.find((c) => c === two) ?? COMMAND_LINE_ONLY.find((c) => c === one) ?? null;
}
