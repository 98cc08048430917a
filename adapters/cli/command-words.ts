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
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const takesValue = GLOBAL_TAKES_VALUE.get(word.split('=')[0] ?? word);
    if (takesValue !== undefined) {
      if (takesValue && !word.includes('=')) i++; // `--db=<path>` is one word
      continue;
    }
    return word.startsWith('-') ? null : word;
  }
  return null;
}
