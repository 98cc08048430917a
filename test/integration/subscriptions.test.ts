import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  fixedClock,
  NotFoundError,
  type OpenedGoalpost,
  openGoalpost,
  silentLogger,
  ValidationError,
} from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'slack:UADMIN', source: 'slack', role: 'admin' });
const member = declaredCtx({ workspaceId: 'default', actor: 'slack:UMEMBER', source: 'slack' });
const digest = { platform: 'slack', channelId: 'C024BE91L', time: '09:00', timeZone: 'Europe/Berlin' };
let o: OpenedGoalpost | null = null;
afterEach(() => o?.close());

function setup(now = '2026-11-20T12:00:00Z') {
  const db = join(tempDir(), 'g.db');
  o = openGoalpost({ dbPath: db, clock: fixedClock(now), logger: silentLogger });
  o.app.context(admin);
  return { db, app: o.app };
}

function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('subscribing a channel', () => {
  it('schedules a digest on week days by default, with its next run in its own zone', () => {
    const { app } = setup();
    const s = app.subscriptions.subscribe(admin, { ...digest, time: '9:00', timeZone: 'europe/berlin' });
    expect(s).toMatchObject({
      created: true,
      kind: 'digest',
      time: '09:00',
      timeZone: 'Europe/Berlin',
      days: [1, 2, 3, 4, 5],
      maxTasks: null,
      daysText: 'weekdays',
      nextLocal: 'Mon 2026-11-23 09:00',
      next: { at: '2026-11-23T08:00:00.000Z', localDate: '2026-11-23', localTime: '09:00', weekday: 1 },
    });
  });

  it('keeps the zone as typed, Asia/Kolkata not the runtime’s Asia/Calcutta', () => {
    const { app } = setup();
    const s = app.subscriptions.subscribe(admin, { ...digest, time: '9:30', timeZone: 'asia/kolkata' });
    expect(s).toMatchObject({ timeZone: 'Asia/Kolkata', nextLocal: 'Mon 2026-11-23 09:30' });
    expect(app.subscriptions.list(admin)[0]).toMatchObject({ timeZone: 'Asia/Kolkata' });
  });

  it('accepts days as words, lists, ranges and arrays, and changes the same channel in place', () => {
    const { app } = setup();
    const first = app.subscriptions.subscribe(admin, { ...digest, days: 'mon,wed,fri', maxTasks: '4' });
    expect(first).toMatchObject({ days: [1, 3, 5], maxTasks: 4 });
    const changed = app.subscriptions.subscribe(admin, { ...digest, time: '10:30', days: 'mon-fri' });
    expect(changed).toMatchObject({ id: first.id, created: false, time: '10:30', days: [1, 2, 3, 4, 5] });
    expect(app.subscriptions.subscribe(admin, { ...digest, days: 'daily' }).days).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(app.subscriptions.subscribe(admin, { ...digest, days: [6, 7] }).daysText).toBe('weekends');
    const report = app.subscriptions.subscribe(admin, { ...digest, kind: 'report' });
    expect(report).toMatchObject({ created: true, kind: 'report', days: [1] });
    expect(app.subscriptions.list(admin).map((s) => s.kind)).toEqual(['digest', 'report']);
  });

  it('refuses bad input with one line naming the field and the accepted form, writing nothing', () => {
    const { db, app } = setup();
    const before = snapshot(db);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ ...digest, time: '24:00' }, 'time', /time: a time like 09:00, from 00:00 to 23:59 \(got "24:00"\)/],
      [{ ...digest, time: '9am' }, 'time', /a time like 09:00/],
      [
        { ...digest, timeZone: 'Mars/Olympus' },
        'timeZone',
        /^time zone: an IANA time zone like Europe\/Berlin/,
      ],
      [{ ...digest, timeZone: 'BST' }, 'timeZone', /^time zone: "BST" is an abbreviation.*Europe\/London/],
      [{ ...digest, days: 'someday' }, 'days', /days: weekdays, daily, .*mon-fri \(got "someday"\)/],
      [{ ...digest, days: [0, 8] }, 'days', /days: /],
      [{ ...digest, maxTasks: 51 }, 'maxTasks', /^max tasks: a whole number from 1 to 50/],
      [{ ...digest, maxTasks: 0 }, 'maxTasks', /^max tasks: a whole number from 1 to 50/],
      [{ ...digest, platform: 'irc' }, 'platform', /platform: one of console, slack, discord/],
      [{ ...digest, channelId: '' }, 'channelId', /^channel: a channel id like/],
      [{ ...digest, kind: 'weekly' }, 'kind', /kind: one of digest, report/],
      [{ ...digest, kind: 'report', maxTasks: 3 }, 'maxTasks', /only a digest takes a task cap/],
    ];
    for (const [input, field, message] of cases) {
      const error = refusal(() => app.subscriptions.subscribe(admin, input));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
    expect(snapshot(db)).toEqual(before);
  });

  it('lets only admins subscribe, unsubscribe or remove, and a refusal writes nothing', () => {
    const { db, app } = setup();
    const s = app.subscriptions.subscribe(admin, digest);
    const before = snapshot(db);
    expect(refusal(() => app.subscriptions.subscribe(member, { ...digest, channelId: 'C2' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(refusal(() => app.subscriptions.unsubscribe(member, digest))).toBeInstanceOf(ForbiddenError);
    expect(refusal(() => app.subscriptions.remove(member, s.id))).toBeInstanceOf(ForbiddenError);
    expect(snapshot(db)).toEqual(before);
    expect(app.subscriptions.list(member)).toHaveLength(1);
  });

  it('unsubscribes a channel, saying whether there was a subscription, and removes by id', () => {
    const { app } = setup();
    app.subscriptions.subscribe(admin, digest);
    expect(
      app.subscriptions.unsubscribe(admin, { kind: 'report', platform: 'slack', channelId: 'C024BE91L' }),
    ).toBe(false);
    expect(app.subscriptions.unsubscribe(admin, { platform: 'slack', channelId: 'C024BE91L' })).toBe(true);
    expect(app.subscriptions.unsubscribe(admin, { platform: 'slack', channelId: 'C024BE91L' })).toBe(false);
    const again = app.subscriptions.subscribe(admin, digest);
    expect(app.subscriptions.remove(admin, `#${again.id}`).id).toBe(again.id);
    expect(refusal(() => app.subscriptions.remove(admin, again.id))).toBeInstanceOf(NotFoundError);
    expect(refusal(() => app.subscriptions.remove(admin, 'x'))).toBeInstanceOf(ValidationError);
    expect(app.subscriptions.list(admin)).toEqual([]);
  });

  it('claims a (subscription, local date) once, and a failed run again only while attempts remain', () => {
    const { app } = setup();
    const s = app.subscriptions.subscribe(admin, digest);
    const { runs } = app.subscriptions;
    const id = runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z');
    expect(id).not.toBeNull();
    expect(runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z')).toBeNull();
    runs.failed(id ?? 0, 'chat is down');
    expect(runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z')).toBe(id);
    expect(runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z')).toBeNull();
    runs.failed(id ?? 0, 'still down');
    expect(runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z')).toBe(id);
    runs.failed(id ?? 0, 'down for good');
    expect(runs.claim(s.id, '2026-11-23', '2026-11-23T08:00:00Z')).toBeNull();
    expect(runs.find(s.id, '2026-11-23')).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'down for good',
    });
  });
});
