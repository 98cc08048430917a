import { describe, expect, it } from 'vitest';
import { parseRemindAfter, remindAfterText, remindAt } from '../../../src/domain/remind-after.js';

const at = (from: string, spec: string, zone = 'Europe/Berlin') =>
  remindAt(new Date(from), spec, zone)?.toISOString() ?? null;

describe('remind-after', () => {
  it('reads working days, hours or off as people type them, and nothing else', () => {
    expect(['1d', ' 10D ', '72h', '1h', 'off', 'Never'].map(parseRemindAfter)).toEqual([
      '1d',
      '10d',
      '72h',
      '1h',
      'off',
      'off',
    ]);
    for (const bad of ['0d', '11d', '73h', '0h', '3w', '1.5d', 'd', '', 'soon', 5, undefined]) {
      expect(parseRemindAfter(bad)).toBeNull();
    }
    expect(['1d', '3d', '1h', '4h', 'off'].map(remindAfterText)).toEqual([
      '1 working day',
      '3 working days',
      '1 hour',
      '4 hours',
      'never',
    ]);
  });

  it('counts working days at the same local time, never landing on a weekend', () => {
    // Monday 10:00 in Berlin → Tuesday 10:00.
    expect(at('2026-11-23T09:00:00Z', '1d')).toBe('2026-11-24T09:00:00.000Z');
    // Friday 17:00 → Monday 17:00; two working days → Tuesday.
    expect(at('2026-11-27T16:00:00Z', '1d')).toBe('2026-11-30T16:00:00.000Z');
    expect(at('2026-11-27T16:00:00Z', '2d')).toBe('2026-12-01T16:00:00.000Z');
    // A digest on a Saturday (a daily schedule) is followed up on Monday.
    expect(at('2026-11-28T08:00:00Z', '1d')).toBe('2026-11-30T08:00:00.000Z');
    // Across the spring-forward weekend the wall clock time holds: 09:00 CET, then 09:00 CEST.
    expect(at('2026-03-27T08:00:00Z', '1d')).toBe('2026-03-30T07:00:00.000Z');
    // In the channel's own zone: Friday 23:30 in New York is Saturday in Berlin, but Friday there.
    expect(at('2026-11-28T04:30:00Z', '1d', 'America/New_York')).toBe('2026-12-01T04:30:00.000Z');
  });

  it('counts hours as they pass, and never for off', () => {
    expect(at('2026-11-27T16:00:00Z', '4h')).toBe('2026-11-27T20:00:00.000Z');
    expect(at('2026-11-27T16:00:00Z', 'off')).toBeNull();
  });
});
