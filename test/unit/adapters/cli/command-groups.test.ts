import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS } from '../../../../adapters/cli/command-groups.js';
import { helpAsFlag } from '../../../../adapters/cli/command-words.js';
import { GLOBAL_OPTIONS } from '../../../../adapters/cli/global-options.js';
import { bundleFor } from '../../../../adapters/cli/route.js';
import { groupsFor } from '../../../../adapters/cli/run-cli.js';
import { translateSeedFlags } from '../../../../adapters/cli/seed-aliases.js';
import { composeGoalpost, fixedClock, openGoalpost, silentLogger } from '../../../../src/index.js';
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
    expect(groupsFor(['vision', 'show'], COMMAND_GROUPS)).toEqual(only('vision'));
    expect(groupsFor(['--db', 'x.db', '--json', 'task', 'show', 'T-1'], COMMAND_GROUPS)).toEqual(
      only('task'),
    );
    expect(groupsFor(['--db=x.db', '--workspace', 'vision', 'generate'], COMMAND_GROUPS)).toEqual(
      only('generate'),
    );
    expect(groupsFor(['--now', '2026-01-01T00:00:00Z', 'learn'], COMMAND_GROUPS)).toEqual(only('learn'));
    // The seed's flags name their command once translated.
    expect(groupsFor(translateSeedFlags(['--show-vision']), COMMAND_GROUPS)).toEqual(only('vision'));
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
      expect(groupsFor(argv, COMMAND_GROUPS)).toBe(COMMAND_GROUPS);
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
    // `help` on a subcommand explains the subcommand, as `--help` after it does, not its group.
    const sub = await cli('help', 'project', 'add');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toBe((await cli('project', 'add', '--help')).stdout);
    expect(sub.stdout).toMatch(/^Usage: goalpost project add \[options\] <name>/);
    // A command the CLI does not have is refused as before, not shown the top-level help.
    expect((await cli('help', 'revenu', 'add')).code).toBe(2);
    // A word `help` inside a command's own words is left where it stands.
    expect(helpAsFlag(['feature', 'add', 'Shop', 'help', 'center', 'page'])).toEqual([
      'feature',
      'add',
      'Shop',
      'help',
      'center',
      'page',
    ]);
  });
});

describe('a bundle a command group', () => {
  it('is picked, before any is loaded, as the group the CLI then defines', () => {
    const words = COMMAND_GROUPS.flatMap((g) => g.words);
    const lines = [
      [],
      ['--help'],
      ['help', 'vision'],
      ['-V'],
      ['visoin', 'show'],
      ['--generate', '--dry-run', '--max-tasks', '3'],
      ['--show-state'],
      ['--learn'],
      ['--update-vision', '--field', 'statement', '--value', 'x'],
      ['--dry-run', '--db', 'tasks', 'tasks'],
      ['--dry-run', '--json'],
      ...words.map((w) => [w, 'show']),
      ...words.map((w) => ['--db', 'x.db', '--json', w]),
      ...words.map((w) => ['--workspace=team', '--now', '2026-01-01T00:00:00Z', w, '--help']),
      ...words.map((w) => ['--db', w, 'vision']),
    ];
    for (const argv of lines) {
      const defined = groupsFor(translateSeedFlags(argv), COMMAND_GROUPS);
      expect([argv, bundleFor(argv)]).toEqual([argv, defined.length === 1 ? defined[0]?.name : null]);
    }
  });

  it("makes each group's facade of the parts it names, and of no other", () => {
    const dbPath = join(tempDir(), 'parts.db');
    openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger }).close();
    const opened = openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
    try {
      const deps = { store: opened.store, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger };
      for (const group of COMMAND_GROUPS) {
        const facade = composeGoalpost(deps, group.parts as never);
        const shown = Object.keys(group.parts).filter((name) => name !== 'taskSteps');
        expect(Object.keys(facade).sort()).toEqual(['context', 'health', ...shown].sort());
      }
      const setup = composeGoalpost(deps, COMMAND_GROUPS[0]?.parts as never) as Record<string, unknown>;
      expect(setup.engine).toBeUndefined();
      // A part made without a unit it takes says which, as the facade is made.
      const { members: _members, ...withoutMembers } = COMMAND_GROUPS.find((g) => g.name === 'engine')
        ?.parts as Record<string, unknown>;
      expect(() => composeGoalpost(deps, withoutMembers as never)).toThrow(
        'the facade was made without its members, which another part takes',
      );
    } finally {
      opened.close();
    }
  });
});
