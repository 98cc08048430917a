import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../../src/config/dot-env.js';
import { ConfigError } from '../../../src/errors.js';

const FILE = '/srv/goalpost/.env';

/** The ConfigError parseDotEnv throws for `text`. */
function refusal(text: string): string {
  try {
    parseDotEnv(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parseDotEnv took it');
}

describe('parseDotEnv', () => {
  it('reads what Node reads from a well-formed file, the same way', () => {
    const text = [
      '# Goalpost',
      '',
      'GOALPOST_DB=./data/g.db',
      'export GOALPOST_WORKSPACE=default',
      '  PORT = 3001  ',
      'HOST=127.0.0.1 # loopback only',
      'GOALPOST_SEED="a # b" # the seed',
      "GOALPOST_CONSOLE_USER='ana'",
      'GOALPOST_ROUTING=`greedy`',
      'GITHUB_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----"',
      'SLACK_STATE_SECRET="two',
      'lines"',
      'LOG_FILE=',
      // Names other tools sharing the file use: Node takes them, and so does Goalpost.
      'spring.datasource.url=jdbc:h2:mem',
      'FEATURE-FLAG=on',
      '\t',
    ].join('\n');
    expect(parseDotEnv(text, FILE)).toEqual(parseEnv(text));
    expect(parseDotEnv('A=1\r\nB=2\r\n', FILE)).toEqual({ A: '1', B: '2' });
  });

  it('names the file and each line that is no KEY=value, without quoting it back', () => {
    const message = refusal('GOALPOST_DB=a.db\nthis is garbage\nxoxb-123-secret\n=1\n');
    expect(message).toBe(
      `invalid ${FILE}:\n  line 2: not KEY=value, a # comment or blank\n  line 3: not KEY=value, a # comment or blank\n  line 4: not KEY=value, a # comment or blank`,
    );
    expect(message).not.toContain('secret');
  });

  it('refuses a quote never closed, which Node keeps as part of the value', () => {
    const text = 'GOALPOST_SEED="abc\nGOALPOST_ROUTING=greedy\n';
    expect(parseEnv(text)).toMatchObject({ GOALPOST_SEED: '"abc' });
    expect(refusal(text)).toBe(
      `invalid ${FILE}:\n  line 1: GOALPOST_SEED opens a " quote that is never closed`,
    );
  });

  it('refuses text after a closing quote, which Node drops', () => {
    expect(refusal('GOALPOST_SEED="a\\"b"\n')).toContain(
      'line 1: GOALPOST_SEED has text after its closing " quote; quote the whole value',
    );
  });

  it('refuses a name given twice, naming both lines', () => {
    expect(refusal('PORT=1\nHOST=0.0.0.0\n\nPORT=2\n')).toBe(
      `invalid ${FILE}:\n  line 4: PORT again (first on line 1); keep one of the two`,
    );
  });
});
