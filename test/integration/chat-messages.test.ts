import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/index.js';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { manualClock } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const DAY = 24 * 60 * 60 * 1000;

/** The digest header's suggestion lines. */
function suggestions(reply: Reply): string[] {
  const header = reply.messages.find((m) => m.kind === 'digest_header');
  if (header?.kind !== 'digest_header') throw new Error('no digest header');
  return header.suggestions;
}

/** The reasoning lines of each task card of a reply, by ref. */
function reasoning(reply: Reply): Record<string, string[]> {
  return Object.fromEntries(
    reply.messages.flatMap((m) => (m.kind === 'task' ? [[m.card.ref, m.card.reasoning]] : [])),
  );
}

/** The demo with ten more features, and a digest that proposed up to 20 tasks of its backlog. */
async function busyDigest() {
  const chat = chatHarness(tempDir());
  const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
  for (let n = 1; n <= 10; n++)
    chat.app.projects.addFeature(admin, 'Basic EDU Apps', { title: `Lesson pack ${n}` });
  await chat.say('bo', 'digest --max-tasks 20');
  return { chat, admin };
}

describe('what chat says, in words a person reads', () => {
  it('names what is missing from subscribe in words, not the field behind it', async () => {
    const chat = chatHarness(tempDir());
    const none = await chat.say('ana', 'subscribe');
    expect(isError(none)).toBe(true);
    expect(textOf(none)).toBe(
      'time: a time like 09:00 or 09:00 Europe/Berlin (missing)\nusage: /goalpost subscribe [digest|report] HH:MM [Time/Zone] [mon-fri|daily|mon,wed,fri] [--max-tasks n] [--style thread|cards|compact] [--remind-after 1d|4h|off]',
    );
    expect(textOf(await chat.say('ana', 'subscribe 09:00 Mars/Olympus_Mons'))).toMatch(
      /^time zone: an IANA time zone like Europe\/Berlin or UTC \(got "Mars\/Olympus_Mons"\)/,
    );
    // An abbreviation is read as the zone it tries to be, not as days.
    expect(textOf(await chat.say('ana', 'subscribe 09:00 est'))).toMatch(
      /^time zone: "est" is an abbreviation/,
    );
    expect(textOf(await chat.say('ana', 'subscribe 09:00 EST'))).toMatch(
      /^time zone: "EST" is an abbreviation, .*America\/New_York \(US Eastern, with daylight saving\)/,
    );
    expect(textOf(await chat.say('ana', 'subscribe 09:00 TUES'))).toMatch(/at 09:00 .*\(Tue;/);
    expect(textOf(await chat.say('ana', 'subscribe 09:00 UTC MON'))).toMatch(/with 09:00 UTC \(Mon;/);
    chat.close();
  });

  it('refuses an unknown style or reminder delay with the usage line, and writes nothing', async () => {
    const chat = chatHarness(tempDir());
    const before = chat.changes();
    const style = await chat.say('ana', 'subscribe 09:00 UTC --style threads');
    expect(isError(style)).toBe(true);
    expect(textOf(style)).toMatch(
      /^--style: thread, cards or compact \(got "threads"\)\nusage: \/goalpost subscribe .* \[--style thread\|cards\|compact\]/,
    );
    const remind = await chat.say('ana', 'subscribe 09:00 UTC --remind-after 3w');
    expect(textOf(remind)).toMatch(
      /^remind after: working days like 1d \(1–10\), hours like 4h \(1–72\), or off \(got "3w"\)\nusage: \/goalpost subscribe /,
    );
    const report = await chat.say('ana', 'subscribe report 16:00 UTC --style compact');
    expect(textOf(report)).toMatch(/^style: only a digest has a layout; leave it out for a report/);
    expect(chat.changes()).toBe(before);
    chat.close();
  });

  it('says "cannot mark T-1 done", not "cannot done T-1"', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    expect(textOf(await chat.say('ana', 'done T-1'))).toBe(
      'cannot mark T-1 done: it is proposed (only a task that is approved or in progress can be marked done)',
    );
    expect(textOf(await chat.say('ana', 'fail T-1 no keys'))).toBe(
      'cannot mark T-1 failed: it is proposed (only a task that is approved or in progress can be marked failed)',
    );
    expect(textOf(await chat.say('ana', 'start T-1'))).toBe(
      'cannot start T-1: it is proposed (only a task that is approved can be started)',
    );
    chat.close();
  });

  it('hints in chat syntax that chat accepts', async () => {
    const chat = chatHarness(tempDir());
    const unknown = textOf(await chat.say('bo', 'metric nosuch 5'));
    expect(unknown).toBe(
      'unknown goal or metric "nosuch"; there are no goals yet (add one with `/goalpost goal add nosuch --target N --by YYYY-MM-DD`)',
    );
    // The hint works as written.
    expect(textOf(await chat.say('ana', 'goal add nosuch --target 40 --by 2027-01-31'))).toMatch(
      /Goal set by @ana: nosuch → 40 by 2027-01-31/,
    );
    expect(textOf(await chat.say('bo', 'task T-99'))).toBe('unknown task T-99; `/goalpost tasks` lists them');
    expect(textOf(await chat.say('ana', 'revenue add 100 --project Nope'))).toMatch(
      /^unknown project "Nope"; projects are: .*$/,
    );
    chat.close();
  });

  it('leaves a hint chat cannot run as the command line wrote it, even when chat has a command of that name', async () => {
    const chat = chatHarness(tempDir());
    expect(textOf(await chat.say('ana', 'assignee add ria'))).toMatch(/ria/);
    // Chat has `assignee` (the list), not `assignee set`: a slash would send the person to an error.
    const twice = textOf(await chat.say('ana', 'assignee add ria'));
    // Chat has no `assignee set`: the hint is said to be the command line's.
    expect(twice).toContain('change it with `goalpost assignee set ria` on the command line');
    expect(twice).not.toContain('/goalpost assignee set');
    chat.close();
  });

  it('names the nearest few projects, not every one, when a large workspace has no such project', async () => {
    const chat = chatHarness(tempDir());
    const admin = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    for (let n = 1; n <= 400; n++) chat.app.projects.add(admin, { name: `Course ${n}` });
    const text = textOf(await chat.say('ana', 'revenue add 100 --project "Cours 12"'));
    // 403 names would be some 5,000 characters; the ten nearest say what was meant: one edit away,
    // then the two edits away in order.
    expect(text).toBe(
      'unknown project "Cours 12"; the nearest of the 403 projects: "Course 12", "Course 1", "Course 10", "Course 102", "Course 11", "Course 112", "Course 120", "Course 121", "Course 122", "Course 123" (`goalpost project list` on the command line lists them all)',
    );
    chat.close();
  });

  it("lists a busy week's latest 20 steps in the chat report, with how many of each kind there were", async () => {
    const { chat, admin } = await busyDigest();
    const refs = chat.app.tasks.list(admin, { status: ['proposed'] }).map((t) => t.ref);
    expect(refs.length).toBeGreaterThanOrEqual(15);
    const [rejected, ...approved] = refs;
    for (const ref of approved) expect(isError(await chat.say('bo', `approve ${ref}`)), ref).toBe(false);
    expect(isError(await chat.say('bo', `reject ${rejected} not this quarter`))).toBe(false);
    for (const ref of approved.slice(0, 6))
      expect(isError(await chat.say('bo', `start ${ref}`)), ref).toBe(false);
    const broken = approved.slice(0, 3);
    for (const ref of broken)
      expect(isError(await chat.say('bo', `fail ${ref} the build failed`)), ref).toBe(false);
    const steps = approved.length + 1 + 6 + 3;
    const report = textOf(await chat.say('ana', 'report'));
    expect(report).toContain(
      `📋 Actions: ${steps} steps (${approved.length} approved, 6 started, 3 failed, 1 rejected), the latest 20:`,
    );
    const listed = report.split('\n').filter((line) => /^• \d{4}-\d\d-\d\d \d\d:\d\d T-\d+ /.test(line));
    expect(listed).toHaveLength(20);
    expect(listed.at(-1)).toContain(`${broken[2]} failed by console:bo`);
    // The same reason for three failures is one lesson, with how often and where from.
    expect(report).toContain(`• the build failed (failure, 3 times: ${broken.join(', ')})`);
    // A rejection that only puts the work off is no lesson.
    expect(report).not.toContain('not this quarter (rejection');
    expect(report).toContain(
      `… and ${steps - 20} earlier: on the command line, \`npx goalpost report --since 2026-11-14\` lists every one`,
    );
    chat.close();
  });

  it('says which goal is off track, what to aim for and by when, in round numbers', async () => {
    const clock = manualClock('2026-09-01T09:00:00Z');
    const chat = chatHarness(tempDir(), undefined, true, clock);
    await chat.say('ana', 'goal add active_teachers 300 --by 2027-03-31 --unit teachers --baseline 100');
    // Each measured on its day (a measurement ahead of the clock is refused).
    for (const [days, at, value] of [
      [0, '2026-09-01', '100'],
      [30, '2026-10-01', '104'],
      [31, '2026-11-01', '109'],
    ] as const) {
      clock.advance(days * DAY);
      expect(isError(await chat.say('bo', `metric active_teachers ${value} --at ${at}`)), at).toBe(false);
    }
    clock.advance(20 * DAY); // 2026-11-21
    const lines = suggestions(await chat.say('ana', 'digest'));
    const line = lines.find((l) => l.includes('active_teachers'));
    expect(line).toBe(
      'active_teachers is off track for 300 teachers by 2027-03-31: aim for 205 teachers by 2027-01-25',
    );
    chat.close();
  });

  it('does not say it learned from outcomes and then that there are none', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    for (const ref of ['T-1', 'T-2', 'T-3']) {
      await chat.say('bo', `approve ${ref}`);
      await chat.say('bo', `done ${ref}`);
    }
    const learned = await chat.say('bo', 'learn');
    expect(textOf(learned)).toBe(
      'Learned from 3 outcomes, but none names who did the work, so routing has nothing to go on yet: tasks assigned (`/goalpost assign T-12 dev_worker1`) or claimed by a worker agent teach it when they are done or failed.',
    );
    expect(learned.messages).toHaveLength(1);
    chat.close();
  });

  it("shows each category's five likeliest assignees after learn, and says where every pair is", async () => {
    const { chat, admin } = await busyDigest();
    const features = chat.app.tasks
      .list(admin, { status: ['proposed'] })
      .filter((t) => t.category === 'feature')
      .slice(0, 7);
    expect(features).toHaveLength(7);
    for (const [i, task] of features.entries()) {
      chat.app.assignees.add(admin, { name: `worker${i + 1}`, kind: 'worker' });
      for (const line of [`approve ${task.ref}`, `assign ${task.ref} worker${i + 1}`, `done ${task.ref}`])
        expect(isError(await chat.say('bo', line)), line).toBe(false);
    }
    const learned = await chat.say('bo', 'learn');
    const table = learned.messages.find((m) => m.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.title).toBe('Success by category: the 5 likeliest assignees of each');
    expect(table.rows.filter((r) => r[0] === 'feature')).toHaveLength(5);
    expect(learned.messages.at(-1)).toEqual({
      kind: 'text',
      text: 'On the command line, `npx goalpost learn` lists all 7 category × assignee pairs.',
    });
    chat.close();
  });

  it('marks tasks proposed under an earlier vision, when it changes and on their cards', async () => {
    const clock = manualClock();
    const chat = chatHarness(tempDir(), undefined, true, clock);
    await chat.say('ana', 'digest --max-tasks 3');
    await chat.say('bo', 'approve T-3');
    clock.advance(60_000);
    const set = textOf(await chat.say('ana', 'vision set primary_goal "Win schools over with a free tier"'));
    expect(set).toMatch(/^Vision primary_goal set by @ana \(now version 2\)\./);
    expect(set).toContain(
      'T-1 and T-2 await a decision on reasoning from version 1 of the vision: reject what no longer fits; what the digest proposes from now on follows version 2.',
    );
    clock.advance(60_000);
    const cards = reasoning(await chat.say('cy', 'digest'));
    expect(cards['T-1']?.[0]).toBe(
      'Proposed under version 1 of the vision, before it changed to version 2: this reasoning may cite the old goal, focus or targets.',
    );
    expect(Object.keys(cards)).toEqual(['T-1', 'T-2']);
    chat.close();
  });

  it('says what a second subscribe replaced, and keeps the time zone it had unless given another', async () => {
    const chat = chatHarness(tempDir());
    const first = textOf(await chat.say('ana', 'subscribe 09:00 Europe/Berlin'));
    expect(first).toMatch(
      /^@ana subscribed this channel to the digest at 09:00 Europe\/Berlin \(weekdays; one post, its tasks in its thread; reminders after 1 working day\); next: /,
    );
    const second = textOf(await chat.say('ana', 'subscribe 10:00'));
    expect(second).toMatch(
      /^@ana replaced this channel's 09:00 digest with 10:00 Europe\/Berlin \(weekdays; one post, its tasks in its thread; reminders after 1 working day; the time zone it had\); next: Mon 2026-11-23 10:00\.$/,
    );
    const third = textOf(
      await chat.say('ana', 'subscribe 10:00 America/New_York --style compact --remind-after 4h'),
    );
    expect(third).toMatch(
      /^@ana replaced this channel's 10:00 Europe\/Berlin digest with 10:00 America\/New_York \(weekdays; one message with every task; reminders after 4 hours\); next: /,
    );
    const report = textOf(await chat.say('ana', 'subscribe report 16:00'));
    expect(report).toMatch(
      /^@ana subscribed this channel to the report at 16:00 Europe\/Berlin \(Mon; Goalpost's default time zone: give one, like `\/goalpost subscribe report 16:00 Asia\/Tokyo`, for another\); next: /,
    );
    chat.close();
  });

  it('goalpost schedule add keeps the time zone of the schedule it changes', async () => {
    const dir = tempDir();
    const chat = chatHarness(dir);
    const cli = cliFor(`${dir}/chat.db`, undefined, { GOALPOST_TIME_ZONE: 'UTC' });
    expect((await cli('schedule', 'add', '09:00', 'Europe/Berlin')).stdout).toMatch(
      /^Subscribed #1 digest → console at 09:00 Europe\/Berlin \(weekdays, one post, its tasks in its thread, reminders after 1 working day\)/,
    );
    const moved = await cli('schedule', 'add', '9:30');
    expect(moved.stdout).toMatch(
      /^Changed #1 digest → console from 09:00 to 09:30 Europe\/Berlin \(weekdays, one post, its tasks in its thread, reminders after 1 working day; the time zone it had\)/,
    );
    const fresh = await cli('schedule', 'add', '08:00', '--kind', 'report');
    expect(fresh.stdout).toMatch(
      /^Subscribed #2 report → console at 08:00 UTC \(Mon; from GOALPOST_TIME_ZONE\)/,
    );
    chat.close();
  });
});
