import { describe, expect, it } from 'vitest';
import {
  availability,
  dayAvailability,
  type Person,
  unknownPerson,
  workingMinutes,
} from '../../../src/domain/person.js';
import { parseHours } from '../../../src/domain/work-hours.js';

const person = (patch: Partial<Person>): Person => ({ ...unknownPerson('slack:U1'), ...patch });
const at = (p: Person, iso: string) => availability(p, new Date(iso), 'UTC');

describe('availability at an instant', () => {
  const tokyo = person({ timeZone: 'Asia/Tokyo', hours: { start: '09:00', end: '17:00' } });

  it('reads hours in the person’s own zone: Tokyo 09:00-17:00 is off at 10:00 UTC on their Monday', () => {
    // 2026-11-23T10:00Z is Monday 19:00 in Tokyo: a working day, after their hours.
    expect(at(tokyo, '2026-11-23T10:00:00Z')).toEqual({
      available: false,
      why: 'off: works 09:00-17:00',
      localDate: '2026-11-23',
    });
    // 01:00 UTC is 10:00 in Tokyo, the same Monday.
    expect(at(tokyo, '2026-11-23T01:00:00Z')).toMatchObject({ available: true, localDate: '2026-11-23' });
  });

  it('includes the start and ends just before the end, across the UTC date line', () => {
    // Sunday 23:59 UTC is Monday 08:59 in Tokyo; midnight UTC is their 09:00.
    expect(at(tokyo, '2026-11-22T23:59:00Z').available).toBe(false);
    expect(at(tokyo, '2026-11-23T00:00:00Z')).toMatchObject({ available: true, localDate: '2026-11-23' });
    expect(at(tokyo, '2026-11-23T07:59:00Z').available).toBe(true);
    expect(at(tokyo, '2026-11-23T08:00:00Z').available).toBe(false);
  });

  it('says a day they do not work before their hours: Friday 23:00 UTC is Saturday in Tokyo', () => {
    expect(at(tokyo, '2026-11-27T23:00:00Z')).toEqual({
      available: false,
      why: 'off: works weekdays',
      localDate: '2026-11-28',
    });
  });

  it('keeps wall-clock hours across a daylight-saving change', () => {
    const ny = person({ timeZone: 'America/New_York', hours: { start: '09:00', end: '17:00' } });
    // New York is UTC-4 on Friday 2026-10-30 and UTC-5 from Sunday 2026-11-01.
    expect(at(ny, '2026-10-30T13:00:00Z').available).toBe(true);
    expect(at(ny, '2026-11-02T13:00:00Z')).toMatchObject({ available: false, why: 'off: works 09:00-17:00' });
    expect(at(ny, '2026-11-02T14:00:00Z').available).toBe(true);
  });

  it('takes any hour of a working day from someone who said any hour', () => {
    const anyHour = person({ timeZone: 'Asia/Tokyo', hours: { start: '00:00', end: '24:00' } });
    // 23:30 on a Monday in Tokyo.
    expect(at(anyHour, '2026-11-23T14:30:00Z')).toMatchObject({ available: true, localDate: '2026-11-23' });
  });

  it('keeps someone who set no hours to 09:00-18:00 of their zone, not midnight', () => {
    const unset = person({ timeZone: 'Asia/Tokyo' });
    // 00:00 on a Tuesday in Tokyo; then 09:00 and 17:59.
    expect(at(unset, '2026-11-23T15:00:00Z')).toMatchObject({
      available: false,
      why: 'off: outside 09:00-18:00, the hours of someone who set none',
    });
    expect(at(unset, '2026-11-24T00:00:00Z').available).toBe(true);
    expect(at(unset, '2026-11-24T08:59:00Z').available).toBe(true);
    expect(at(unset, '2026-11-24T09:00:00Z').available).toBe(false);
  });

  it('leaves hours out of the day’s answer, and time off wins over hours', () => {
    expect(dayAvailability(tokyo, new Date('2026-11-23T10:00:00Z'), 'UTC').available).toBe(true);
    const away = { ...tokyo, away: { from: '2026-11-23', until: '2026-11-24' } };
    expect(at(away, '2026-11-23T01:00:00Z')).toMatchObject({
      available: false,
      why: 'away until 2026-11-24',
    });
  });
});

describe('parseHours', () => {
  it('reads a span of 24-hour times, with or without a leading zero, and any hour', () => {
    expect(parseHours('09:00-17:30')).toEqual({ ok: true, hours: { start: '09:00', end: '17:30' } });
    expect(parseHours(' 9:05 – 17:30 ')).toEqual({ ok: true, hours: { start: '09:05', end: '17:30' } });
    expect(parseHours('18:00-24:00')).toEqual({ ok: true, hours: { start: '18:00', end: '24:00' } });
    for (const word of ['any', 'ANY', 'off'])
      expect(parseHours(word)).toEqual({ ok: true, hours: { start: '00:00', end: '24:00' } });
  });

  it('says what is wrong with a time no clock shows, an empty span, one past midnight or other words', () => {
    const why = (text: string) => {
      const read = parseHours(text);
      return read.ok ? null : read.why;
    };
    expect(why('25:00-17:00')).toBe('25:00 is not a time of day (00:00 to 23:59)');
    expect(why('09:00-17:60')).toBe('17:60 is not a time of day (00:00 to 24:00)');
    expect(why('24:00-24:00')).toBe('24:00 is not a time of day (00:00 to 23:59)');
    expect(why('09:00-09:00')).toBe('09:00-09:00 is no time at all: the end must come after the start');
    expect(why('22:00-06:00')).toBe(
      '22:00-06:00 runs past midnight; give hours within one day, like 09:00-17:30 or 22:00-24:00',
    );
    for (const text of ['9-17', '09:00-17:30 please', '09:00', '9am-5pm', ''])
      expect(why(text), text).toBe('24-hour local times like 09:00-17:30, or any');
  });
});

describe('workingMinutes', () => {
  const berlin: Person = {
    userId: 'console:bo',
    timeZone: 'Europe/Berlin',
    workDays: [1, 2, 3, 4, 5],
    hours: { start: '09:00', end: '17:30' },
    away: null,
  };
  const at = (iso: string) => new Date(iso);

  it('counts the hours of the days they work, in their zone, not the night between', () => {
    // Monday 16:00 to Tuesday 11:00 in Berlin: 1.5 h and 2 h of work, 19 h on the clock.
    expect(workingMinutes(berlin, at('2026-11-23T15:00:00Z'), at('2026-11-24T10:00:00Z'), 'UTC')).toBe(210);
  });

  it('counts 09:00 to 17:00 of each working day for someone who gave no hours, and no weekend', () => {
    const anyone = unknownPerson('console:ana');
    // Friday 16:00 to Monday 10:00 UTC: an hour each side of the weekend.
    expect(workingMinutes(anyone, at('2026-11-20T16:00:00Z'), at('2026-11-23T10:00:00Z'), 'UTC')).toBe(120);
  });

  it('skips the days they are away', () => {
    const away = { ...berlin, away: { from: '2026-11-24', until: '2026-11-24' } };
    // Monday 16:00 to Wednesday 10:00: Tuesday off, so 1.5 h and 1 h.
    expect(workingMinutes(away, at('2026-11-23T15:00:00Z'), at('2026-11-25T09:00:00Z'), 'UTC')).toBe(150);
  });

  it('takes the clock for work done wholly outside their hours: an evening fix took its evening', () => {
    expect(workingMinutes(berlin, at('2026-11-24T18:00:00Z'), at('2026-11-24T20:30:00Z'), 'UTC')).toBe(150);
  });

  it('takes the working days it spans for work done outside their hours over a weekend', () => {
    // Friday 18:00 to Monday 08:30 UTC, ana giving no hours: 6 h on Friday and 8.5 h on Monday,
    // not the 62.5 h on the clock.
    const ana = unknownPerson('console:ana');
    expect(workingMinutes(ana, at('2026-11-20T18:00:00Z'), at('2026-11-23T08:30:00Z'), 'UTC')).toBe(870);
  });

  it('reads hours that end at midnight', () => {
    const late = { ...berlin, hours: { start: '14:00', end: '24:00' } };
    // Monday 22:00 to Tuesday 15:00 in Berlin: 2 h, then 1 h.
    expect(workingMinutes(late, at('2026-11-23T21:00:00Z'), at('2026-11-24T14:00:00Z'), 'UTC')).toBe(180);
  });
});
