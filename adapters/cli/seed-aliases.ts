import { GLOBAL_TAKES_VALUE } from './global-options.js';

/** What `goalpost --help` says of the seed's flags, after the commands. */
export const SEED_FLAGS_HELP = `
The Python goal engine's flags still work, for scripts written against it:
  --generate [--dry-run] [--max-tasks N]   generate (or preview) a batch
  --dry-run [--max-tasks N]                preview a batch
  --show-vision, --show-state, --show-revenue, --learn
  --update-vision --field F --value V      vision set F V`;

/**
 * Rewrites the seed's flag-style invocations (`goal_engine.py --generate --max-tasks 3`) into
 * subcommands, so scripts written against the seed keep working. Other arguments pass through.
 */
export function translateSeedFlags(argv: string[]): string[] {
  const has = (flag: string) => argv.includes(flag);
  const without = (...flags: string[]) => argv.filter((a) => !flags.includes(a));
  if (has('--generate')) return ['generate', ...without('--generate')];
  if (has('--show-vision')) return ['vision', 'show', ...without('--show-vision')];
  if (has('--show-state')) return ['state', ...without('--show-state')];
  if (has('--show-revenue')) return ['revenue', 'show', ...without('--show-revenue')];
  if (has('--learn')) return ['learn', ...without('--learn')];
  if (has('--update-vision')) {
    const rest = without('--update-vision');
    const take = (flag: string): string | undefined => {
      const i = rest.indexOf(flag);
      if (i < 0) return undefined;
      const value = rest[i + 1];
      rest.splice(i, 2);
      return value;
    };
    const field = take('--field');
    const value = take('--value');
    return ['vision', 'set', field ?? '', value ?? '', ...rest];
  }
  // The seed's `--dry-run` on its own previews a batch.
  if (
    has('--dry-run') &&
    !argv.some((a, i) => !a.startsWith('-') && !/^\d+$/.test(a) && !isOptionValue(argv, i))
  ) {
    return ['generate', ...argv];
  }
  return argv;
}

/** Whether `argv[i]` is the value of the option before it: a global one's, or the seed's `--max-tasks`. */
function isOptionValue(argv: string[], i: number): boolean {
  const option = argv[i - 1] ?? '';
  return i > 0 && (GLOBAL_TAKES_VALUE.get(option) === true || option === '--max-tasks');
}
