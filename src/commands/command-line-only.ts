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
    '`/goalpost project add "Name"` adds one, and `/goalpost github connect owner/repo --project "Name"` brings in its backlog from GitHub',
  feature:
    '`/goalpost feature add "Project" "Title"` adds one, and a project connected to GitHub (`/goalpost github connect`) gets its features from its issues',
  bug: '`/goalpost bug add "Project" "Title" --severity high` records one, and a project connected to GitHub (`/goalpost github connect`) gets its bugs from its issues',
};

/**
 * The command-line-only command `words` start with, or null. A word chat has some commands under
 * (`feature add`) is the command line's only with other words after it (`feature drop 3`); typed
 * alone, chat says which of its commands it goes with.
 * @param chat the names of chat's commands.
 */
export function commandLineOnly(
  words: readonly string[],
  chat: readonly string[],
): (typeof COMMAND_LINE_ONLY)[number] | null {
  const two = words.slice(0, 2).join(' ').toLowerCase();
  const one = (words[0] ?? '').toLowerCase();
  const byTwo = words.length < 2 ? undefined : COMMAND_LINE_ONLY.find((c) => c === two);
  if (byTwo !== undefined) return byTwo;
  const byOne = COMMAND_LINE_ONLY.find((c) => c === one);
  if (byOne === undefined || chat.includes(two)) return null;
  return words.length < 2 && chatPart(byOne, chat).length > 0 ? null : byOne;
}

/** Chat's commands under a command-line word (`feature` → `feature add`). */
const chatPart = (word: string, chat: readonly string[]): string[] =>
  chat.filter((name) => name.startsWith(`${word} `));

/**
 * What chat says of a command-line-only command typed in it: where to run it, and what chat has
 * instead (`\`/goalpost feature add\`` where chat has part of it).
 */
export function commandLineOnlyText(
  command: (typeof COMMAND_LINE_ONLY)[number],
  chat: readonly string[],
  typed = true,
): string {
  const part = chatPart(command, chat);
  const line = typed
    ? `\`goalpost ${command} …\` (\`goalpost ${command} --help\` says how)`
    : `\`goalpost ${command} --help\` says how`;
  if (part.length > 0) {
    const takes = part.map((name) => `\`${name.slice(command.length + 1)}\``).join(', ');
    return `chat's \`${command}\` takes ${takes} only (${IN_CHAT[command] ?? `\`/goalpost help ${command}\``}); the rest of it is for the command line: ${line}`;
  }
  const here = IN_CHAT[command];
  return `\`${command}\` is for the command line, not chat: ${line}; ${here ? `in chat, ${here}` : '`/goalpost help` lists what chat takes'}`;
}
