import { describe, expect, it } from 'vitest';
import { ruleFor, ruleSignature, skippedByRule } from '../../../src/scheduler/job-rule.js';

const at = (iso: string) => new Date(iso);

describe('node-schedule rules for subscriptions', () => {
  it('carries hour, minute, zone and week days counted from Sunday = 0', () => {
    const rule = ruleFor({ time: '09:30', timeZone: 'Asia/Kolkata', days: [1, 3, 7] });
    expect(rule).toMatchObject({ hour: 9, minute: 30, second: 0, dayOfWeek: [1, 3, 0], tz: 'Asia/Kolkata' });
    // Wednesday 2026-11-25 09:30 in Kolkata is 04:00Z.
    expect(rule.nextInvocationDate(at('2026-11-24T12:00:00Z'))).toEqual(at('2026-11-25T04:00:00Z'));
  });

  it('changes its signature only when the time, zone or days change', () => {
    const s = { time: '09:00', timeZone: 'UTC', days: [1] };
    expect(ruleSignature(s)).toBe(ruleSignature({ ...s }));
    expect(ruleSignature(s)).not.toBe(ruleSignature({ ...s, days: [1, 2] }));
  });

  it('finds the spring-forward occurrence a rule skips, and nothing otherwise', () => {
    const sundays = { time: '02:30', timeZone: 'Europe/Berlin', days: [7] };
    const base = at('2026-03-28T12:00:00Z');
    const ruleNext = ruleFor(sundays).nextInvocationDate(base);
    // node-schedule jumps over 2026-03-29, when 02:30 does not exist in Berlin.
    expect(ruleNext).toEqual(at('2026-04-05T00:30:00Z'));
    expect(skippedByRule(sundays, base, ruleNext)).toEqual(at('2026-03-29T01:00:00Z'));
    const later = at('2026-03-30T12:00:00Z');
    expect(skippedByRule(sundays, later, ruleFor(sundays).nextInvocationDate(later))).toBeNull();
    expect(skippedByRule(sundays, base, null)).toBeNull();
  });
});
