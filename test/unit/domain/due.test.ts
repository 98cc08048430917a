import { describe, expect, it } from 'vitest';
import {
  addDays,
  isoWeekday,
  latestOccurrence,
  localTimeOf,
  nextOccurrence,
  offsetMinutes,
  zonedInstant,
} from '../../../src/domain/due.js';
import { formatDays, parseDays } from '../../../src/domain/week-days.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined) => d?.toISOString();

describe('local time of an instant', () => {
  it('reads the wall clock in Berlin, New York and Kolkata', () => {
    const t = at('2026-11-20T23:30:00Z');
    expect(localTimeOf(t, 'Europe/Berlin')).toEqual({ date: '2026-11-21', time: '00:30', weekday: 6 });
    expect(localTimeOf(t, 'America/New_York')).toEqual({ date: '2026-11-20', time: '18:30', weekday: 5 });
    expect(localTimeOf(t, 'Asia/Kolkata')).toEqual({ date: '2026-11-21', time: '05:00', weekday: 6 });
  });

  it('knows the offsets on both sides of a DST change', () => {
    expect(offsetMinutes(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(offsetMinutes(at('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(at('2026-12-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('counts ISO week days from Monday and moves dates across month ends', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('the instant of a local time', () => {
  it('converts in winter and summer', () => {
    expect(iso(zonedInstant('2026-01-15', '09:00', 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', '09:00', 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
    expect(iso(zonedInstant('2026-11-20', '09:00', 'America/New_York'))).toBe('2026-11-20T14:00:00.000Z');
    expect(iso(zonedInstant('2026-11-20', '09:00', 'Asia/Kolkata'))).toBe('2026-11-20T03:30:00.000Z');
    expect(iso(zonedInstant('2026-11-20', '00:00', 'UTC'))).toBe('2026-11-20T00:00:00.000Z');
  });

  it('moves a time the clock skips (spring forward) to the first minute after it', () => {
    // Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST.
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '02:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '01:59', 'Europe/Berlin'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '03:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    // New York 2026-03-08: 02:00 EST becomes 03:00 EDT.
    expect(iso(zonedInstant('2026-03-08', '02:15', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the earlier of a time the clock shows twice (fall back)', () => {
    // Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and 01:30Z.
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '03:00', 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('occurrences of a weekly schedule', () => {
  const weekdays = { time: '09:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] };

  it('finds the latest at or before now, looking back over the week days', () => {
    // Saturday 2026-11-21 10:00 Berlin: the latest weekday 09:00 is Friday's.
    expect(latestOccurrence(weekdays, at('2026-11-21T09:00:00Z'))).toEqual({
      localDate: '2026-11-20',
      at: at('2026-11-20T08:00:00Z'),
    });
    // Friday exactly at 09:00 counts; a minute before, Thursday's is the latest.
    expect(latestOccurrence(weekdays, at('2026-11-20T08:00:00Z'))?.localDate).toBe('2026-11-20');
    expect(latestOccurrence(weekdays, at('2026-11-20T07:59:00Z'))?.localDate).toBe('2026-11-19');
  });

  it('finds the next after now, skipping days not in the schedule', () => {
    expect(nextOccurrence(weekdays, at('2026-11-20T08:00:00Z'))).toEqual({
      localDate: '2026-11-23',
      at: at('2026-11-23T08:00:00Z'),
    });
    expect(nextOccurrence(weekdays, at('2026-11-20T07:59:00Z'))?.localDate).toBe('2026-11-20');
  });

  it('uses the local date, not the UTC one, for a zone far from UTC', () => {
    const kolkata = { time: '09:00', timeZone: 'Asia/Kolkata', days: [1] };
    // Sunday 2026-11-22 23:00Z is already Monday 04:30 in Kolkata; Monday's 09:00 is ahead.
    expect(nextOccurrence(kolkata, at('2026-11-22T23:00:00Z'))).toEqual({
      localDate: '2026-11-23',
      at: at('2026-11-23T03:30:00Z'),
    });
    expect(latestOccurrence(kolkata, at('2026-11-22T23:00:00Z'))?.localDate).toBe('2026-11-16');
  });

  it('keeps a weekly report to its day, a full week back and ahead', () => {
    const mondays = { time: '16:00', timeZone: 'America/New_York', days: [1] };
    expect(latestOccurrence(mondays, at('2026-11-23T20:59:00Z'))?.localDate).toBe('2026-11-16');
    expect(latestOccurrence(mondays, at('2026-11-23T21:00:00Z'))?.localDate).toBe('2026-11-23');
    expect(nextOccurrence(mondays, at('2026-11-23T21:00:00Z'))?.localDate).toBe('2026-11-30');
  });

  it('fires on a spring-forward day at the first valid minute', () => {
    const sundays = { time: '02:30', timeZone: 'Europe/Berlin', days: [7] };
    expect(nextOccurrence(sundays, at('2026-03-28T12:00:00Z'))?.at).toEqual(at('2026-03-29T01:00:00Z'));
    expect(latestOccurrence(sundays, at('2026-10-25T01:00:00Z'))?.at).toEqual(at('2026-10-25T00:30:00Z'));
  });

  it('has no occurrence without week days', () => {
    expect(nextOccurrence({ ...weekdays, days: [] }, at('2026-11-20T08:00:00Z'))).toBeNull();
    expect(latestOccurrence({ ...weekdays, days: [] }, at('2026-11-20T08:00:00Z'))).toBeNull();
  });
});

describe('week days', () => {
  it('reads words, lists, ranges and arrays', () => {
    expect(parseDays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('daily')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays('mon,wed,fri')).toEqual([1, 3, 5]);
    expect(parseDays('Mon-Fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('fri-mon')).toEqual([1, 5, 6, 7]);
    expect(parseDays('tuesday thu')).toEqual([2, 4]);
    expect(parseDays([5, 1, 1])).toEqual([1, 5]);
    expect(parseDays(['sun'])).toEqual([7]);
  });

  it('refuses what it does not understand', () => {
    for (const bad of ['', 'someday', 'mon-', 'mo', '8', [0], [], 3, null]) expect(parseDays(bad)).toBeNull();
  });

  it('shows them back briefly', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('weekdays');
    expect(formatDays([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(formatDays([6, 7])).toBe('weekends');
  });
});
