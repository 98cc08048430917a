import { describe, expect, it } from 'vitest';
import { parseArgs, tokenize } from '../../../src/commands/tokenize.js';
import { ValidationError } from '../../../src/errors.js';

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted words together', () => {
    expect(tokenize(`reject T-3 "not this quarter"  'or next'`)).toEqual([
      'reject',
      'T-3',
      'not this quarter',
      'or next',
    ]);
  });

  it('reads the curly quotes Slack and phones produce', () => {
    expect(tokenize('vision set statement “Ship the EDU apps”')).toEqual([
      'vision',
      'set',
      'statement',
      'Ship the EDU apps',
    ]);
  });

  it('keeps an apostrophe inside a word', () => {
    expect(tokenize("reject T-3 don't need it")).toEqual(['reject', 'T-3', "don't", 'need', 'it']);
  });

  it('refuses an unterminated quote', () => {
    expect(() => tokenize('reject T-3 "not this')).toThrow(ValidationError);
  });
});

describe('parseArgs', () => {
  const spec = { positionals: ['ref', '...note'], options: ['minutes'], flags: ['dry-run'] };

  it('maps positionals, joins the rest, reads --options and --flags', () => {
    expect(parseArgs(['T-2', 'shipped', 'it', '--minutes', '45', '--dry-run'], spec)).toEqual({
      ref: 'T-2',
      note: 'shipped it',
      minutes: '45',
      dryRun: true,
    });
    expect(parseArgs(['T-2', '--minutes=30'], spec)).toEqual({ ref: 'T-2', minutes: '30' });
  });

  it('names the options a command takes when given an unknown one', () => {
    expect(() => parseArgs(['T-2', '--hours', '3'], spec)).toThrow(
      /unknown option --hours; this command takes --minutes, --dry-run/,
    );
  });

  // A review's `project add Quizzly --revenue-bearing=false` added a revenue-bearing project.
  it('refuses a flag given a value, rather than reading it as given', () => {
    expect(() => parseArgs(['T-2', '--dry-run=false'], spec)).toThrow(
      '--dry-run takes no value: give it for yes, leave it out for no (got "false")',
    );
    const twins = { flags: ['export-tasks', 'no-export-tasks'] };
    expect(() => parseArgs(['--export-tasks=no'], twins)).toThrow(
      '--export-tasks takes no value: give it for yes (`--no-export-tasks` says no) (got "no")',
    );
  });

  it('refuses an option without its value and extra words', () => {
    expect(() => parseArgs(['T-2', '--minutes'], spec)).toThrow(/--minutes needs a value/);
    expect(() => parseArgs(['T-2', 'extra'], { positionals: ['ref'] })).toThrow(/unexpected "extra"/);
  });

  it('refuses an option given twice with two values, and takes the same value twice as one', () => {
    expect(() => parseArgs(['T-2', '--minutes', '45', '--minutes=30'], spec)).toThrow(
      /--minutes was given twice \("45" and "30"\): give it once/,
    );
    expect(parseArgs(['T-2', '--minutes', '45', '--minutes', '45'], spec)).toEqual({
      ref: 'T-2',
      minutes: '45',
    });
    // A positional and the option of the same name (chat's `goal add signups 200 --target 300`).
    const goal = { positionals: ['metric', 'target'], options: ['target', 'by'] };
    expect(() => parseArgs(['signups', '200', '--target', '300'], goal)).toThrow(
      /target was given twice \("200" and --target "300"\): give it once/,
    );
    expect(parseArgs(['signups', '200', '--target', '200'], goal)).toEqual({
      metric: 'signups',
      target: '200',
    });
  });
});
