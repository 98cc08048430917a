import { describe, expect, it } from 'vitest';
import { parseEnvironment } from '../../../src/config/env-schema.js';

describe('a whole-number setting is read as decimal digits', () => {
  it('refuses a blank value rather than reading it as 0 (a random port, no rejection hold)', () => {
    for (const name of ['PORT', 'GOALPOST_REJECT_COOLDOWN_DAYS', 'STRIPE_SYNC_MINUTES'] as const) {
      const read = parseEnvironment({ [name]: ' ' });
      expect(read.settings, name).toBeNull();
      expect(read.issues.map((i) => i.variable)).toEqual([name]);
    }
  });

  it('refuses hex, binary, exponent, signed and decimal forms, saying so once', () => {
    for (const value of ['0x10', '0b11', '0o17', '1e1', '3.0', '-1', '+5', '30m']) {
      const read = parseEnvironment({ GOALPOST_LEASE_MINUTES: value });
      expect(read.settings, value).toBeNull();
      expect(read.issues, value).toEqual([
        { variable: 'GOALPOST_LEASE_MINUTES', message: 'whole minutes from 1 to 10080 (a week), like 30' },
      ]);
    }
    expect(parseEnvironment({ GOALPOST_MAX_ATTEMPTS: '99999999999999999999' }).issues).toEqual([
      { variable: 'GOALPOST_MAX_ATTEMPTS', message: 'a whole number from 1 to 20, like 3' },
    ]);
  });

  it('reads digits, spaces around them aside, within the bounds', () => {
    const read = parseEnvironment({
      PORT: ' 8080 ',
      GOALPOST_REJECT_COOLDOWN_DAYS: '0',
      GOALPOST_MAX_TASKS: '50',
    });
    expect(read.settings?.PORT).toBe(8080);
    expect(read.settings?.GOALPOST_REJECT_COOLDOWN_DAYS).toBe(0);
    expect(read.settings?.GOALPOST_MAX_TASKS).toBe(50);
    expect(parseEnvironment({ GOALPOST_MAX_TASKS: '51' }).settings).toBeNull();
  });
});
