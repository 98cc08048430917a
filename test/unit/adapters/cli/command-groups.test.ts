import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS } from '../../../../adapters/cli/global-options.js';
import { COMMAND_GROUPS, groupsFor } from '../../../../adapters/cli/run-cli.js';
import { translateSeedFlags } from '../../../../adapters/cli/seed-aliases.js';
import { cliFor } from '../../../helpers/run-cli.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

/** The top-level words `register` defines, aliases included, as commander holds them. */
function definedBy(group: (typeof COMMAND_GROUPS)[number]): string[] {
  const program = new Command('goalpost');
  group.register(program, () => undefined);
  return program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
}

const only = (word: string) => [COMMAND_GROUPS.find((g) => g.words.includes(word))];

describe('the CLI defines only the group a command line names', () => {
  it('lists, for each group, exactly the words its commands define, and no word twice', () => {
    for (const group of COMMAND_GROUPS) expect(definedBy(group).sort()).toEqual([...group.words].sort());
    const words = COMMAND_GROUPS.flatMap((g) => g.words);
    expect(new Set(words).size).toBe(words.length);
  });

  it('finds the command after the global options, in either of their forms', () => {
    expect(groupsFor(['vision', 'show'])).toEqual(only('vision'));
    expect(groupsFor(['--db', 'x.db', '--json', 'task', 'show', 'T-1'])).toEqual(only('task'));
    expect(groupsFor(['--db=x.db', '--workspace', 'vision', 'generate'])).toEqual(only('generate'));
    expect(groupsFor(['--now', '2026-01-01T00:00:00Z', 'learn'])).toEqual(only('learn'));
    // The seed's flags name their command once translated.
    expect(groupsFor(translateSeedFlags(['--show-vision']))).toEqual(only('vision'));
  });

  it('reads a global option’s value as a value, not as the seed’s command, whatever the word', () => {
    const valued = GLOBAL_OPTIONS.map(([flags]) => flags.split(' ')).filter((f) => f.length > 1);
    expect(valued.map(([name]) => name)).toEqual(['--db', '--workspace', '--now']);
    for (const [name] of valued) {
      // `tasks` is a command word: after a global option that takes a value, it is that value.
      expect(translateSeedFlags(['--dry-run', name ?? '', 'tasks'])).toEqual([
        'generate',
        '--dry-run',
        name,
        'tasks',
      ]);
    }
    expect(translateSeedFlags(['--dry-run', '--max-tasks', '3'])).toEqual([
      'generate',
      '--dry-run',
      '--max-tasks',
      '3',
    ]);
    // A word that is no option's value is a command, and the seed's `--dry-run` is its flag.
    // The same word again, after the value, is a command: each word is read where it stands.
    expect(translateSeedFlags(['--dry-run', '--db', 'tasks', 'tasks'])).toEqual([
      '--dry-run',
      '--db',
      'tasks',
      'tasks',
    ]);
    expect(translateSeedFlags(['--dry-run', '--json', 'tasks'])).toEqual(['--dry-run', '--json', 'tasks']);
  });

  it('defines every group for help, the version, and a command it does not know', () => {
    for (const argv of [[], ['--help'], ['-h', 'vision'], ['help', 'vision'], ['-V'], ['visoin', 'show']]) {
      expect(groupsFor(argv)).toBe(COMMAND_GROUPS);
    }
  });

  it('still lists every command in the help, and suggests the command meant', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const word of ['vision', 'generate', 'task', 'learn', 'goal', 'schedule', 'stripe', 'worker']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${word}\\b`, 'm'));
    }
    const typo = await cli('visoin', 'show');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean vision\?/);
    const group = await cli('vision', '--help');
    expect(group.stdout).toMatch(/^ {2}show\b/m);
    expect(group.stdout).toMatch(/^ {2}history\b/m);
  });
});
