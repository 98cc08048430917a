import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDue } from '../../src/chat.js';
import { type ChatPort, type ChatTarget, fixedClock, silentLogger, type View } from '../../src/index.js';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useGoalposts } from '../helpers/goalposts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const { open, close } = useGoalposts();
const boCtx = { workspaceId: 'default', actor: 'console:bo', source: 'console', role: 'approver' } as const;

/** A ChatPort that records what it posts. */
function recordingPort(): ChatPort & { posts: Array<{ target: ChatTarget; messages: readonly View[] }> } {
  const posts: Array<{ target: ChatTarget; messages: readonly View[] }> = [];
  let n = 0;
  return {
    platform: 'console',
    posts,
    async post(target: ChatTarget, messages: readonly View[]) {
      posts.push({ target, messages });
      return messages.map(() => `m-${++n}`);
    },
  };
}

describe('people: time zones, working days and time off', () => {
  // The harness's clock: Saturday 2026-11-21, 09:00 UTC.
  it('lets each person say when they work and when they are away, and shows it back', async () => {
    const chat = chatHarness(tempDir());
    expect(textOf(await chat.say('bo', 'me timezone america/new_york'))).toBe(
      'Your time zone is now America/New_York, works weekdays.',
    );
    expect(textOf(await chat.say('bo', 'me days mon-thu'))).toBe(
      'You work America/New_York, works Mon, Tue, Wed, Thu.',
    );
    expect(textOf(await chat.say('bo', 'away until 2026-12-01'))).toBe(
      'Away from 2026-11-21 to 2026-12-01: no work is routed to you meanwhile (`/goalpost away off` when you are back sooner).',
    );
    expect(textOf(await chat.say('bo', 'whoami'))).toBe(
      'You are console:bo (approver) in workspace default. Schedule: America/New_York, works Mon, Tue, Wed, Thu, away 2026-11-21 to 2026-12-01; now away until 2026-12-01.',
    );
    expect(textOf(await chat.say('bo', 'away 2026-12-20..2027-01-03'))).toContain(
      'Away from 2026-12-20 to 2027-01-03',
    );
    expect(textOf(await chat.say('bo', 'away off'))).toBe('Welcome back: work is routed to you again.');
    chat.close();
  });

  it('keeps and shows the zone as typed, not the runtime’s older name for the city', async () => {
    const chat = chatHarness(tempDir());
    expect(textOf(await chat.say('bo', 'me timezone Asia/Kolkata'))).toBe(
      'Your time zone is now Asia/Kolkata, works weekdays.',
    );
    expect(textOf(await chat.say('bo', 'whoami'))).toContain('Schedule: Asia/Kolkata, works weekdays');
    // Typed in lower case, spelled as IANA does; an abbreviation is still its city's zone.
    expect(textOf(await chat.say('bo', 'me timezone europe/kyiv'))).toBe(
      'Your time zone is now Europe/Kyiv, works weekdays.',
    );
    expect(textOf(await chat.say('bo', 'me timezone PST'))).toBe(
      'Your time zone is now America/Los_Angeles, works weekdays.',
    );
    // An alias typed in lower case is its zone as the runtime files it, not the text typed.
    expect(textOf(await chat.say('bo', 'me timezone us/eastern'))).toBe(
      'Your time zone is now America/New_York, works weekdays.',
    );
    chat.close();
  });

  it('says plainly when a new time off replaces the one booked, with the dates of both', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'away until 2026-12-01');
    expect(textOf(await chat.say('bo', 'away 2026-12-20..2027-01-03'))).toBe(
      'Away from 2026-12-20 to 2027-01-03: no work is routed to you meanwhile (`/goalpost away off` when you are back sooner). This replaces your time off from 2026-11-21 to 2026-12-01, so you count as back today: one range is kept at a time (`/goalpost away until 2026-12-01` puts it back instead; book the later one once you are back).',
    );
    expect(textOf(await chat.say('bo', 'whoami'))).not.toContain('now away');
    expect(textOf(await chat.say('bo', 'away 2027-02-01..2027-02-05'))).toContain(
      'This replaces your time off from 2026-12-20 to 2027-01-03, which is no longer booked: one range is kept at a time.',
    );
    // The same range again replaces nothing.
    expect(textOf(await chat.say('bo', 'away 2027-02-01..2027-02-05'))).not.toContain('replaces');
    chat.close();
  });

  it('says time off under way was changed, not ended, when it is extended', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'away until 2026-11-24');
    const longer = textOf(await chat.say('bo', 'away until 2026-12-04'));
    expect(longer).toContain('This changes your time off from 2026-11-21 to 2026-11-24');
    expect(longer).not.toContain('back today');
    expect(textOf(await chat.say('bo', 'whoami'))).toContain('now away until 2026-12-04');
    chat.close();
  });

  it('refuses a past date, a zone that does not exist and days it cannot read, with the usage, writing nothing', async () => {
    const chat = chatHarness(tempDir());
    const before = chat.changes();
    for (const [line, message] of [
      // Offering dates from today on, not the fixed ones that had passed too.
      [
        'away until 2026-11-20',
        'away: 2026-11-20 is in the past (today is 2026-11-21 where you are); until 2026-11-28, 2026-12-05..2026-12-12, or off',
      ],
      ['away 2026-12-05..2026-12-01', 'away: 2026-12-01 is before 2026-12-05'],
      ['away sometime soon', 'away: until 2026-11-28, 2026-12-05..2026-12-12, or off (got "sometime soon")'],
      // A typo of a month or a day: until 2026-12-05 these crashed as an error on our side.
      ['away until 2026-13-01', 'away: 2026-13-01 is no day on the calendar; until 2026-11-28,'],
      ['away 2026-12-30..2026-12-32', 'away: 2026-12-32 is no day on the calendar; until 2026-11-28,'],
      ['me timezone Mars/Olympus', 'time zone: an IANA time zone like Europe/Berlin'],
      // EST is America/Panama to the runtime: no daylight saving, an hour off for New York half the year.
      [
        'me timezone EST',
        'time zone: "EST" is an abbreviation, which names more than one place or none the runtime knows: give the zone of the city, America/New_York (US Eastern, with daylight saving) or America/Panama (UTC-5 all year)',
      ],
      [
        'me timezone CEST',
        'give the zone of the city, Europe/Berlin, Europe/Paris or another city of the zone',
      ],
      ['me days funday', 'days: weekdays, daily, weekends'],
    ] as const) {
      const reply = await chat.say('bo', line);
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toContain(message);
    }
    expect(textOf(await chat.say('bo', 'away until 2026-11-20'))).toContain(
      '/goalpost away until <date> | away <from>..<until> | away off',
    );
    expect(chat.changes()).toBe(before);
    chat.close();
  });

  it('keeps each person’s working hours, shows them back, and clears them with any', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'me timezone Asia/Tokyo');
    expect(textOf(await chat.say('bo', 'me hours 9:00-17:30'))).toBe(
      'You work Asia/Tokyo, works weekdays 09:00-17:30: reminders mention you only within those hours, and the time your work takes is counted in them.',
    );
    await chat.say('bo', 'me days daily');
    // 09:00 UTC is 18:00 in Tokyo: a day bo works, after their hours.
    expect(textOf(await chat.say('bo', 'whoami'))).toBe(
      'You are console:bo (approver) in workspace default. Schedule: Asia/Tokyo, works daily 09:00-17:30; now off: works 09:00-17:30.',
    );
    expect(chat.app.people.me(declaredCtx(boCtx)).hours).toEqual({ start: '09:00', end: '17:30' });
    expect(textOf(await chat.say('bo', 'me hours any'))).toBe(
      'You work Asia/Tokyo, works daily, any hour of those days (the time your work takes is counted from 09:00 to 17:00 of them).',
    );
    expect(textOf(await chat.say('bo', 'whoami'))).toBe(
      'You are console:bo (approver) in workspace default. Schedule: Asia/Tokyo, works daily.',
    );
    chat.close();
  });

  it('refuses hours that do not read, with the usage, writing nothing', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('bo', 'me hours 09:00-17:00');
    const before = chat.changes();
    for (const [line, message] of [
      ['me hours 25:00-17:00', 'hours: 25:00 is not a time of day (00:00 to 23:59); 24-hour local times'],
      ['me hours 9-17', 'hours: 24-hour local times like 09:00-17:30, or any (got "9-17")'],
      ['me hours 09:00-09:00', 'hours: 09:00-09:00 is no time at all: the end must come after the start'],
      ['me hours 22:00-06:00', 'hours: 22:00-06:00 runs past midnight; give hours within one day'],
      ['me hours 09:00-17:00 please', '(got "09:00-17:00 please")'],
      ['me hours', 'hours: 24-hour local times like 09:00-17:30, or any'],
    ] as const) {
      const reply = await chat.say('bo', line);
      expect(isError(reply), line).toBe(true);
      expect(textOf(reply), line).toContain(message);
      expect(textOf(reply), line).toContain('usage: /goalpost me hours <09:00-17:30|any>');
    }
    expect(chat.changes()).toBe(before);
    expect(chat.app.people.me(declaredCtx(boCtx)).hours).toEqual({ start: '09:00', end: '17:00' });
    chat.close();
  });

  it('lets hours hold neither a digest nor work: those go by the day', async () => {
    const chat = chatHarness(tempDir(), '2026-11-23T09:00:00Z'); // Monday
    const admin = declaredCtx({ ...boCtx, actor: 'console:ana', role: 'admin' });
    chat.app.assignees.add(admin, { name: 'bo', kind: 'person', capacity: 10 });
    // At 09:00 UTC both approvers are outside their hours (10:00 in Berlin, their default zone).
    await chat.say('ana', 'me hours 14:00-18:00');
    await chat.say('bo', 'me hours 14:00-18:00');
    expect(chat.app.people.availability('default', 'console:bo').available).toBe(false);
    expect(chat.app.people.approversAway('default', 'console', '2026-11-23')).toEqual({
      all: false,
      away: [],
    });
    const batch = chat.app.engine.generate(admin, { dryRun: true, maxTasks: 3 });
    expect(batch.tasks.map((t) => t.assignee)).toEqual(batch.tasks.map(() => 'bo'));
    chat.close();
  });

  it('knows an assignee added as "Bo" is the console\'s bo: away, routed nothing, and told so', async () => {
    const chat = chatHarness(tempDir());
    const admin = declaredCtx({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    chat.app.assignees.add(admin, { name: 'Bo', kind: 'person', capacity: 10 });
    chat.app.assignees.add(admin, { name: 'dev_worker1', kind: 'worker', capacity: 10 });
    await chat.say('bo', 'away until 2026-12-01');
    expect(textOf(await chat.say('bo', 'whoami'))).toContain('tasks routed to Bo are yours');
    const next = chat.app.learning.route(admin, 'feature');
    expect(next.decision?.assignee).toBe('dev_worker1');
    expect(next.away).toEqual(['Bo is away until 2026-12-01']);
    chat.close();
  });

  it('routes no work to an assignee who is away, and says so in the reasoning', async () => {
    const chat = chatHarness(tempDir());
    const admin = declaredCtx({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    chat.app.assignees.add(admin, { name: 'bo', kind: 'person', capacity: 10 });
    chat.app.assignees.add(admin, { name: 'dev_worker1', kind: 'worker', capacity: 10 });
    await chat.say('bo', 'away until 2026-12-01');
    const batch = chat.app.engine.generate(admin, { dryRun: true, maxTasks: 5 });
    expect(batch.tasks.length).toBeGreaterThan(0);
    for (const task of batch.tasks) {
      expect(task.assignee).toBe('dev_worker1');
      expect(task.reasoning).toContain('Route: left out while away: bo is away until 2026-12-01');
    }
    // `goalpost route` answers as a batch would be routed.
    for (const category of ['feature', 'bugfix', 'growth'] as const) {
      const next = chat.app.learning.route(admin, category);
      expect(next.decision?.assignee).toBe('dev_worker1');
      expect(next.away).toEqual(['bo is away until 2026-12-01']);
    }
    chat.close();
  });

  it('holds a digest while every approver is away, and posts it with a note when one is back', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'g.db');
    const admin = declaredCtx({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    const bo = declaredCtx({
      workspaceId: 'default',
      actor: 'console:bo',
      source: 'console',
      role: 'approver',
    });
    const setup = open(dbPath, '2026-11-23T06:00:00Z'); // Monday
    setup.app.context(admin);
    setup.app.members.bootstrapAdmin(admin, 'console:ana');
    setup.app.members.grant(admin, { user: 'console:bo', role: 'approver' });
    setup.app.demo.load(admin);
    setup.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'general',
      time: '09:00',
      timeZone: 'Europe/Berlin',
      days: 'daily',
    });
    setup.app.people.setAway(admin, 'until 2026-11-24');
    setup.app.people.setAway(bo, 'until 2026-11-23');
    close(setup);
    const port = recordingPort();
    const runAt = async (now: string) => {
      const o = open(dbPath, now);
      const results = await runDue({
        app: o.app,
        ports: { console: port },
        clock: fixedClock(now),
        logger: silentLogger,
        graceMinutes: 180,
      });
      close(o);
      return results;
    };
    const [monday] = await runAt('2026-11-23T08:05:00Z');
    expect(monday).toMatchObject({
      status: 'held',
      reason: 'every approver is away or off today (console:ana, console:bo): held until one of them works',
    });
    expect(port.posts).toEqual([]);
    // Tuesday: bo is back (ana is not); the digest is posted, saying it waited.
    const [tuesday] = await runAt('2026-11-24T08:05:00Z');
    expect(tuesday?.status).toBe('posted');
    const [header, note] = port.posts[0]?.messages ?? [];
    expect(header?.kind).toBe('digest_header');
    expect(note).toEqual({
      kind: 'text',
      text: 'This digest waited since 2026-11-23: every approver was away or off. The tasks below were proposed today.',
      tone: 'info',
    });
    // Wednesday posts as usual, with no note.
    await runAt('2026-11-25T08:05:00Z');
    expect(port.posts[1]?.messages.some((m) => m.kind === 'text' && m.text.includes('waited since'))).toBe(
      false,
    );
  });

  it("holds a digest by the approvers' days off on the digest's date, not by their clock when it is due", async () => {
    const dbPath = join(tempDir(), 'g.db');
    const ana = declaredCtx({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    const setup = open(dbPath, '2026-12-01T00:00:00Z');
    setup.app.context(ana);
    setup.app.members.bootstrapAdmin(ana, 'console:ana');
    setup.app.demo.load(ana);
    // The team's weekday digest at 08:00 in Tokyo; its one approver works weekdays in New York,
    // and takes Tuesday 2026-12-15 off.
    setup.app.subscriptions.subscribe(ana, {
      platform: 'console',
      channelId: 'general',
      time: '08:00',
      timeZone: 'Asia/Tokyo',
    });
    setup.app.people.setTimeZone(ana, 'America/New_York');
    setup.app.people.setAway(ana, '2026-12-15..2026-12-15');
    close(setup);
    const port = recordingPort();
    const runAt = async (now: string) => {
      const o = open(dbPath, now);
      const [result] = await runDue({
        app: o.app,
        ports: { console: port },
        clock: fixedClock(now),
        logger: silentLogger,
        graceMinutes: 180,
      });
      close(o);
      return result;
    };
    // Monday 08:05 in Tokyo is Sunday 18:05 in New York; Monday is a working day of hers.
    expect(await runAt('2026-12-13T23:05:00Z')).toMatchObject({ status: 'posted', localDate: '2026-12-14' });
    expect(port.posts).toHaveLength(1);
    // Tuesday 08:05 in Tokyo is still Monday in New York, but Tuesday is her day off: held.
    expect(await runAt('2026-12-14T23:05:00Z')).toMatchObject({
      status: 'held',
      localDate: '2026-12-15',
      reason: 'every approver is away or off today (console:ana): held until one of them works',
    });
    // Wednesday she works: posted, saying it waited since Tuesday.
    expect(await runAt('2026-12-15T23:05:00Z')).toMatchObject({ status: 'posted', localDate: '2026-12-16' });
    expect(
      port.posts[1]?.messages.some((m) => m.kind === 'text' && m.text.includes('waited since 2026-12-15')),
    ).toBe(true);
  });
});
