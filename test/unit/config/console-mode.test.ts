import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stdinKind } from '../../../adapters/console/stdin-kind.js';
import { consoleMode } from '../../../src/config/console-mode.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('the console chat rule of npm start', () => {
  it('runs the console on a terminal, with a prompt, and on piped input, without one', () => {
    expect(consoleMode('auto', false, 'terminal')).toEqual({ on: true, interactive: true, why: null });
    expect(consoleMode('auto', false, 'stream')).toEqual({ on: true, interactive: false, why: null });
  });

  it('runs as a bot without the console when nobody can type (stdin /dev/null or closed)', () => {
    const mode = consoleMode('auto', false, 'none');
    expect(mode.on).toBe(false);
    expect(mode.why).toMatch(/stdin is neither a terminal nor piped input \(GOALPOST_CONSOLE=on forces it\)/);
  });

  it('leaves the console out when Slack or Discord is configured, whatever stdin is', () => {
    expect(consoleMode('auto', true, 'terminal')).toMatchObject({
      on: false,
      why: expect.stringMatching(/Slack or Discord/),
    });
  });

  it('does what GOALPOST_CONSOLE=on or off says, whatever stdin and the tokens are', () => {
    expect(consoleMode('on', true, 'none')).toMatchObject({ on: true, interactive: false });
    expect(consoleMode('off', false, 'terminal')).toEqual({
      on: false,
      interactive: false,
      why: 'GOALPOST_CONSOLE=off',
    });
  });
});

describe('stdinKind', () => {
  it('calls /dev/null and a descriptor that is not open "none", a file "stream"', () => {
    const devNull = openSync('/dev/null', 'r');
    const file = join(tempDir(), 'commands.txt');
    writeFileSync(file, '/goalpost help\n');
    const fileFd = openSync(file, 'r');
    try {
      expect(stdinKind(devNull)).toBe('none');
      expect(stdinKind(fileFd)).toBe('stream');
    } finally {
      closeSync(devNull);
      closeSync(fileFd);
    }
    // Far above anything this process opens: fstat fails with EBADF.
    expect(stdinKind(65_000)).toBe('none');
  });
});
