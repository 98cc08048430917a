import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../../adapters/cli/command-words.js';
import { COMMAND_LINE_ONLY } from '../../../src/commands/command-line-only.js';
import { grammar } from '../../../src/commands/grammar.js';

describe('commands only the command line has', () => {
  const cli: readonly string[] = Object.values(COMMAND_WORDS).flat();
  const chat = grammar().map((c) => c.name);

  it('are command-line commands chat does not have', () => {
    for (const name of COMMAND_LINE_ONLY) {
      expect(cli, name).toContain(name.split(' ')[0]);
      expect(chat, name).not.toContain(name);
    }
  });

  it('name every command-line command chat has no command for', () => {
    const chatWords = new Set(chat.map((name) => name.split(' ')[0]));
    const missing = cli.filter((word) => !chatWords.has(word) && !COMMAND_LINE_ONLY.includes(word as never));
    expect(missing).toEqual([]);
  });
});
