/**
 * The options every command takes, before or after it: `[flags, description]`. Commander defines
 * them from this list (run-cli.ts), and the two places that read a command line before commander
 * does (the lookup of its command group, the seed's flags) tell an option's value from a command
 * word by it.
 */
export const GLOBAL_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['--json', 'machine-readable output on stdout'],
  ['--db <path>', 'SQLite file (env GOALPOST_DB, default ./data/goalpost.db)'],
  ['--workspace <id>', 'workspace id (env GOALPOST_WORKSPACE, default "default")'],
  ['--now <iso>', 'pretend the time is this: what it writes is dated then (dry runs, tests)'],
];

/** Each global option's name, and whether it takes the next word as its value (`--db x`). */
export const GLOBAL_TAKES_VALUE: ReadonlyMap<string, boolean> = new Map(
  GLOBAL_OPTIONS.map(([flags]) => [flags.split(' ')[0] ?? flags, flags.includes('<')]),
);
