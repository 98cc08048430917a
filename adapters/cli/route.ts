import { type GroupName, groupNamed } from './command-words.js';
import { translateSeedFlags } from './seed-aliases.js';

/**
 * The command group whose bundle runs a command line (dist/cli/group-<name>.cjs), or null for the
 * whole CLI's (dist/cli/goalpost.cjs): bin/goalpost.js asks before it loads either, so a command
 * loads only its group's commands and use cases. The same lookup the CLI makes to define the
 * group (groupsFor in run-cli.ts), on the same words: the seed's flags (`--generate --dry-run`)
 * name their group once translated.
 */
export function bundleFor(argv: readonly string[]): GroupName | null {
  return groupNamed(translateSeedFlags([...argv]));
}
