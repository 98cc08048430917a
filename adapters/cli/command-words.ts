import { GLOBAL_TAKES_VALUE } from './global-options.js';

/**
 * The CLI's command groups, by name, with the top-level words each defines (a test holds each
 * group to them). Each group is bundled on its own (see command-groups.ts), and the bin picks a
 * command line's bundle by these words before it loads any (route.ts).
 */
export const COMMAND_WORDS = {
  setup: ['init', 'vision', 'playbook'],
  projects: ['project', 'feature', 'bug', 'revenue'],
  engine: ['state', 'generate'],
  tasks: ['tasks', 'task', 'assign', 'approve', 'reject', 'start', 'done', 'fail', 'cancel', 'retry'],
  learning: ['assignee', 'learn', 'route', 'simulate', 'queue'],
  goals: ['goal', 'goals', 'metric', 'note', 'lesson', 'suggest', 'report', 'export'],
  schedule: ['schedule'],
  tokens: ['token'],
  roles: ['role'],
  webhooks: ['webhook'],
  discord: ['discord'],
  github: ['github'],
  stripe: ['stripe'],
  worker: ['worker'],
} as const satisfies Record<string, readonly string[]>;

export type GroupName = keyof typeof COMMAND_WORDS;

export const GROUP_NAMES = Object.keys(COMMAND_WORDS) as GroupName[];

/**
 * The group a command line needs defined: the one its command names, when it names one after
 * nothing but global options, as most command lines do; null when it needs every group
 * (`--help`, `--version`, `help`, a mistyped command, which commander answers with the commands
 * there are).
 */
export function groupNamed(argv: readonly string[]): GroupName | null {
  const word = commandWord(argv);
  if (word === null) return null;
  return GROUP_NAMES.find((name) => (COMMAND_WORDS[name] as readonly string[]).includes(word)) ?? null;
}

/** The command a command line names after nothing but global options (`init`, `tasks`); null when an option comes first. */
export function commandWord(argv: readonly string[]): string | null {
  const at = commandWordAt(argv);
  return at === null ? null : (argv[at] ?? null);
}

/** How many words the global option at `i` takes (`--json` 1, `--db x` 2, `--db=x` 1); 0 for any other word. */
function globalWords(argv: readonly string[], i: number): number {
  const word = argv[i] ?? '';
  const takesValue = GLOBAL_TAKES_VALUE.get(word.split('=')[0] ?? word);
  if (takesValue === undefined) return 0;
  return takesValue && !word.includes('=') ? 2 : 1;
}

function commandWordAt(argv: readonly string[]): number | null {
  for (let i = 0; i < argv.length; ) {
    const skip = globalWords(argv, i);
    if (skip === 0) return (argv[i] ?? '').startsWith('-') ? null : i;
    i += skip;
  }
  return null;
}

/**
 * `help project add` as `project add --help`: commander's `help` takes one command, and printed
 * the group's help for a subcommand (a walkthrough's lead asked for `help project add` and got
 * `project`'s). A command line of another kind comes back as it was.
 */
export function helpAsFlag(argv: string[]): string[] {
  const at = commandWordAt(argv);
  if (at === null || argv[at] !== 'help') return argv;
  const words: string[] = [];
  const globals: string[] = [];
  for (let i = at + 1; i < argv.length; ) {
    const skip = globalWords(argv, i);
    const word = argv[i] ?? '';
    if (skip > 0) globals.push(...argv.slice(i, i + skip));
    else if (word.startsWith('-')) return argv;
    else words.push(word);
    i += Math.max(1, skip);
  }
  // A command the CLI does not have is left to commander, which says so and exits 2.
  if (
    words.length < 2 ||
    !GROUP_NAMES.some((g) => (COMMAND_WORDS[g] as readonly string[]).includes(words[0] ?? ''))
  )
    return argv;
  return [...argv.slice(0, at), ...words, ...globals, '--help'];
}
