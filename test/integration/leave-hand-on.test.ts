import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/chat.js';
import { deliver, silentLogger } from '../../src/index.js';
import { type ChatHarness, chatHarness, consolePort, textOf } from '../helpers/chat.js';
import { declaredCtx } from '../helpers/ctx.js';
import { manualClock } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const HOUR = 3_600_000;
let chat: ChatHarness | null = null;
afterEach(() => chat?.close());

const admin = declaredCtx({ workspaceId: 'default', actor: 'console:ana', source: 'console', role: 'admin' });

/** ana's team: ana and bo, people; a digest in the console channel; T-1 approved and ana's. */
async function team(clock: ReturnType<typeof manualClock>) {
  const harness = chatHarness(tempDir(), undefined, true, clock);
  chat = harness;
  const { port, posted } = consolePort();
  const say = async (user: string, text: string) => {
    const request = { workspaceId: 'default', origin: 'command', channelId: 'console' } as const;
    const r = await harness.say(user, text);
    await deliver({ app: harness.app, port, logger: silentLogger }, request, r);
    return r;
  };
  harness.app.assignees.add(admin, { name: 'ana', kind: 'person', capacity: 10 });
  await say('ana', 'subscribe 09:00 UTC');
  const batch = harness.app.engine.generate(admin, { maxTasks: 2 });
  const [first] = batch.tasks;
  if (!first?.ref) throw new Error('expected a task');
  await say('ana', `approve ${first.ref}`);
  harness.app.assignees.add(admin, { name: 'bo', kind: 'person', capacity: 10 });
  const leave = async () =>
    (
      await createScheduler({
        app: harness.app,
        store: harness.store,
        ports: { console: port },
        clock,
        logger: silentLogger,
        graceMinutes: 180,
      }).runMaintenance('leave')
    ).details;
  const task = (ref: string) => harness.app.tasks.show(admin, ref).task;
  return { harness, say, posted, leave, task, ref: first.ref };
}

describe('work of someone whose leave begins', () => {
  it('is offered again the day the leave starts, and the channel is told what moved', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z'); // Monday
    const { say, posted, leave, task, ref } = await team(clock);
    expect(task(ref)).toMatchObject({ status: 'approved', assignee: 'ana' });
    await say('ana', 'away 2026-11-25..2026-11-30');
    // Booked ahead: still hers until it begins.
    expect(await leave()).toEqual([]);
    expect(task(ref).assignee).toBe('ana');
    clock.advance(48 * HOUR); // Wednesday, her first day away
    const before = posted.length;
    expect(await leave()).toHaveLength(1);
    expect(task(ref)).toMatchObject({ status: 'approved', assignee: 'bo' });
    const said = posted.slice(before).map((p) => p.text);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `^ana is away until 2026-11-30, so their open work is offered again: ${ref} ".+" goes to bo`,
      ),
    );
    // Moved once: the next run finds nothing of hers.
    expect(await leave()).toEqual([]);
  });

  it('is offered again at once when the leave booked starts today, said in the channel', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { say, task, ref } = await team(clock);
    const r = await say('ana', 'away until 2026-11-27');
    expect(r.visibility).toBe('channel');
    expect(textOf(r)).toContain(`ana is away until 2026-11-27, so their open work is offered again: ${ref}`);
    expect(task(ref).assignee).toBe('bo');
  });

  it('goes to nobody, said once, when nobody else can take it', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { harness, say, posted, leave, task, ref } = await team(clock);
    // Nobody but ana takes this work.
    harness.app.assignees.remove(admin, 'bo');
    const r = await say('ana', 'away until 2026-11-27');
    expect(textOf(r)).toContain(`${ref} "`);
    expect(textOf(r)).not.toMatch(/goes to ana/);
    expect(task(ref)).toMatchObject({ status: 'approved', assignee: null });
    const before = posted.length;
    clock.advance(10 * 60_000);
    expect(await leave()).toEqual([]);
    clock.advance(10 * 60_000);
    expect(await leave()).toEqual([]);
    expect(posted.slice(before)).toEqual([]);
  });

  it('stays with them when the lead gives it back to them by hand during their leave', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { say, leave, task, ref } = await team(clock);
    await say('ana', 'away until 2026-11-27');
    expect(task(ref).assignee).toBe('bo');
    // The lead knows she is away: it waits for her return.
    await say('ana', `assign ${ref} ana`);
    clock.advance(HOUR);
    expect(await leave()).toEqual([]);
    expect(task(ref).assignee).toBe('ana');
    // The next day she extends it: the same leave, so what the lead gave back stays hers.
    clock.advance(24 * HOUR);
    const longer = await say('ana', 'away until 2026-12-04');
    expect(textOf(longer)).toContain('Away from 2026-11-23 to 2026-12-04');
    expect(textOf(longer)).not.toContain('offered again');
    expect(task(ref).assignee).toBe('ana');
  });
});

/**
 * ana's team of three approved tasks, all hers, and `others` added once approved (who takes the
 * work when her leave begins); the leave job as the scheduler runs it.
 */
async function threeTasks(
  clock: ReturnType<typeof manualClock>,
  others: { name: string; kind: 'person' | 'worker'; capacity: number }[],
) {
  const harness = chatHarness(tempDir(), undefined, true, clock);
  chat = harness;
  const say = (user: string, text: string) => harness.say(user, text);
  harness.app.assignees.add(admin, { name: 'ana', kind: 'person', capacity: 10 });
  const refs = harness.app.engine
    .generate(admin, { maxTasks: 3 })
    .tasks.flatMap((t) => (t.ref ? [t.ref] : []));
  expect(refs).toHaveLength(3);
  for (const ref of refs) await say('ana', `approve ${ref}`);
  for (const other of others) harness.app.assignees.add(admin, other);
  const leave = async () =>
    (
      await createScheduler({
        app: harness.app,
        store: harness.store,
        ports: {},
        clock,
        logger: silentLogger,
        graceMinutes: 180,
      }).runMaintenance('leave')
    ).details;
  const task = (ref: string) => harness.app.tasks.show(admin, ref).task;
  return { harness, say, leave, task, refs };
}

describe('work of someone back before their leave ends', () => {
  it('comes back to them when nobody took it, and what others hold stays, named, once', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z'); // Monday
    const { say, leave, task, refs } = await threeTasks(clock, [{ name: 'bo', kind: 'person', capacity: 2 }]);
    await say('ana', 'away until 2026-11-27');
    const withBo = refs.filter((r) => task(r).assignee === 'bo');
    const nobody = refs.filter((r) => task(r).assignee === null);
    expect(withBo).toHaveLength(2);
    expect(nobody).toHaveLength(1);
    clock.advance(24 * HOUR); // Tuesday: she is back early
    const r = await say('ana', 'away off');
    expect(r.visibility).toBe('channel');
    const said = textOf(r);
    expect(said).toContain('Welcome back: work is routed to you again.');
    expect(said).toContain('ana is back before the end of their time off (booked until 2026-11-27): ');
    expect(said).toContain(`${nobody[0]} "${task(nobody[0] ?? '').title}" is theirs again`);
    for (const ref of withBo)
      expect(said).toContain(`${ref} "${task(ref).title}" stays with bo, who holds it now`);
    expect(task(nobody[0] ?? '')).toMatchObject({ status: 'approved', assignee: 'ana' });
    for (const ref of withBo) expect(task(ref)).toMatchObject({ status: 'approved', assignee: 'bo' });
    // Once: a second `away off` and the job's next runs move and say nothing more.
    const again = await say('ana', 'away off');
    expect(again.visibility).not.toBe('channel');
    expect(textOf(again)).toBe('Welcome back: work is routed to you again.');
    clock.advance(10 * 60_000);
    expect(await leave()).toEqual([]);
    expect(refs.map((ref) => task(ref).assignee).sort()).toEqual(['ana', 'bo', 'bo']);
  });

  it('never takes back what a lead gave someone by hand, nor what a worker agent holds', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { say, task, refs } = await threeTasks(clock, [
      { name: 'bo', kind: 'person', capacity: 1 },
      { name: 'bot1', kind: 'worker', capacity: 1 },
      { name: 'cy', kind: 'person', capacity: 0 },
    ]);
    await say('ana', 'away until 2026-11-27');
    expect(refs.map((ref) => task(ref).assignee).sort()).toEqual(['bo', 'bot1', null]);
    const nobody = refs.find((ref) => task(ref).assignee === null) ?? '';
    // The lead gives the one nobody took to cy by hand meanwhile.
    await say('bo', `assign ${nobody} cy`);
    clock.advance(24 * HOUR);
    const said = textOf(await say('ana', 'away off'));
    expect(said).not.toContain('theirs again');
    for (const ref of refs)
      expect(said).toContain(`${ref} "${task(ref).title}" stays with ${task(ref).assignee}`);
    expect(task(nobody).assignee).toBe('cy');
    expect(refs.map((ref) => task(ref).assignee).sort()).toEqual(['bo', 'bot1', 'cy']);
  });

  it('comes back too when a later holiday booked while away ends this one today', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { say, task, refs } = await threeTasks(clock, []);
    await say('ana', 'away until 2026-11-27');
    expect(refs.map((ref) => task(ref).assignee)).toEqual([null, null, null]);
    clock.advance(24 * HOUR);
    const r = await say('ana', 'away 2026-12-14..2026-12-18');
    expect(textOf(r)).toContain('so you count as back today');
    const back = refs.map((ref) => `${ref} "${task(ref).title}"`).join(', ');
    expect(textOf(r)).toContain(`(booked until 2026-11-27): ${back} are theirs again.`);
    expect(refs.map((ref) => task(ref).assignee)).toEqual(['ana', 'ana', 'ana']);
  });
});

/**
 * ana alone (nobody else takes her work), linked to Slack user U024BE7LH besides her console name,
 * with one approved task of hers; `slack` says a line as that user.
 */
async function linked(clock: ReturnType<typeof manualClock>) {
  const harness = chatHarness(tempDir(), undefined, true, clock);
  chat = harness;
  harness.app.assignees.add(admin, { name: 'ana', kind: 'person', capacity: 10, slack: 'U024BE7LH' });
  const [first] = harness.app.engine.generate(admin, { maxTasks: 1 }).tasks;
  if (!first?.ref) throw new Error('expected a task');
  const ref = first.ref;
  await harness.say('ana', `approve ${ref}`);
  const slack = (text: string) =>
    harness.bot.handle({
      workspaceId: 'default',
      platform: 'slack',
      userId: 'U024BE7LH',
      channelId: 'C1',
      text,
    });
  const task = () => harness.app.tasks.show(admin, ref).task;
  return { harness, slack, task, ref };
}

describe("a person's time off, from any of their chat users", () => {
  it('away on Slack and back on the console: the work comes back and routing counts her in', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z'); // Monday
    const { harness, slack, task, ref } = await linked(clock);
    await slack('away until 2026-11-27');
    expect(task()).toMatchObject({ status: 'approved', assignee: null });
    clock.advance(24 * HOUR); // Tuesday: back early, on the console
    const r = await harness.say('ana', 'away off');
    expect(textOf(r)).toContain('Welcome back: work is routed to you again.');
    expect(textOf(r)).toContain(`${ref} "${task().title}" is theirs again`);
    expect(task()).toMatchObject({ status: 'approved', assignee: 'ana' });
    expect(textOf(await slack('whoami'))).not.toMatch(/away/);
    const plan = harness.app.engine.generate(admin, { maxTasks: 2 }).tasks;
    expect(plan.map((t) => t.assignee)).toContain('ana');
  });

  it('away on the console when Slack told her zone: her work is handed on, and back on Slack', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { harness, slack, task, ref } = await linked(clock);
    // Her Slack user's record, as the zone Slack reports makes one, is the one routing reads.
    await slack('me timezone Europe/Lisbon');
    const away = await harness.say('ana', 'away until 2026-11-27');
    expect(textOf(away)).toContain(`${ref} "`);
    expect(task().assignee).toBeNull();
    expect(textOf(await slack('whoami'))).toContain('away until 2026-11-27');
    clock.advance(24 * HOUR);
    expect(textOf(await slack('away off'))).toContain('is theirs again');
    expect(task().assignee).toBe('ana');
    expect(textOf(await harness.say('ana', 'whoami'))).not.toMatch(/away/);
  });
});

describe('time off of someone who moved time zone while away', () => {
  it('still brings back, on `away off`, what it handed on', async () => {
    // Monday 2026-11-23 00:30 in Tokyo, Sunday 15:30 UTC.
    const clock = manualClock('2026-11-22T15:30:00Z');
    const { harness, task, ref } = await linked(clock);
    await harness.say('ana', 'me timezone Asia/Tokyo');
    await harness.say('ana', 'away until 2026-11-27');
    expect(task().assignee).toBeNull();
    // She flies to Los Angeles and says so, then is back early: Tuesday there.
    clock.advance(48 * HOUR);
    await harness.say('ana', 'me timezone America/Los_Angeles');
    const r = await harness.say('ana', 'away off');
    expect(textOf(r)).toContain(`${ref} "${task().title}" is theirs again`);
    expect(task()).toMatchObject({ status: 'approved', assignee: 'ana' });
  });
});

/**
 * ana alone, linked to Slack user U024BE7LH, with one approved task, and the team's digest in the
 * console channel, which the bot's process reaches through the console port (`down`: its posts
 * fail); `dm` says a line as her Slack user in a DM, `inDigest` in the digest channel.
 */
async function digestTeam(clock: ReturnType<typeof manualClock>) {
  const { port, posted } = consolePort();
  const link = { down: false };
  const console: typeof port = {
    platform: 'console',
    post: (target, messages) =>
      link.down ? Promise.reject(new Error('not_in_channel')) : port.post(target, messages),
  };
  const harness = chatHarness(tempDir(), undefined, true, clock, { console });
  chat = harness;
  const inDigest = async (text: string) => {
    const request = { workspaceId: 'default', origin: 'command', channelId: 'console' } as const;
    const r = await harness.say('ana', text);
    await deliver({ app: harness.app, port: console, logger: silentLogger }, request, r);
    return r;
  };
  const dm = (text: string) =>
    harness.bot.handle({
      workspaceId: 'default',
      platform: 'slack',
      userId: 'U024BE7LH',
      channelId: 'D1',
      text,
    });
  harness.app.assignees.add(admin, { name: 'ana', kind: 'person', capacity: 10, slack: 'U024BE7LH' });
  await inDigest('subscribe 09:00 UTC');
  const [first] = harness.app.engine.generate(admin, { maxTasks: 1 }).tasks;
  if (!first?.ref) throw new Error('expected a task');
  await inDigest(`approve ${first.ref}`);
  const leave = async () =>
    (
      await createScheduler({
        app: harness.app,
        store: harness.store,
        ports: { console },
        clock,
        logger: silentLogger,
        graceMinutes: 180,
      }).runMaintenance('leave')
    ).details;
  const task = () => harness.app.tasks.show(admin, first.ref ?? '').task;
  /** What the digest channel read about her return. */
  const backSaid = () => posted.map((p) => p.text).filter((t) => t.startsWith('ana is back'));
  return { dm, inDigest, leave, task, posted, backSaid, link, ref: first.ref };
}

describe('coming back early, in the channel where the hand-on was said', () => {
  it('is said in the digest channel once when `away off` is typed in a DM', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z'); // Monday
    const { dm, leave, task, posted, backSaid, ref } = await digestTeam(clock);
    await dm('away 2026-11-24..2026-11-27');
    clock.advance(24 * HOUR); // Tuesday: her leave begins, the job hands her work on
    expect(await leave()).toHaveLength(1);
    expect(task().assignee).toBeNull();
    expect(posted.at(-1)?.text).toMatch(/^ana is away until 2026-11-27, so their open work is offered again/);
    clock.advance(24 * HOUR); // Wednesday: back early, said in a DM
    const r = await dm('away off');
    const line = `ana is back before the end of their time off (booked until 2026-11-27): ${ref} "${task().title}" is theirs again.`;
    expect(textOf(r)).toContain(line);
    expect(task().assignee).toBe('ana');
    expect(backSaid()).toEqual([line]);
    expect(posted.at(-1)?.target).toMatchObject({ platform: 'console', channelId: 'console' });
    // Once: a second `away off` and the job's next run say nothing more there.
    await dm('away off');
    clock.advance(10 * 60_000);
    expect(await leave()).toEqual([]);
    expect(backSaid()).toEqual([line]);
  });

  it('is said once when `away off` is typed in the digest channel itself', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { dm, inDigest, leave, backSaid, ref } = await digestTeam(clock);
    await dm('away 2026-11-24..2026-11-27');
    clock.advance(24 * HOUR);
    await leave();
    clock.advance(24 * HOUR);
    await inDigest('away off');
    expect(backSaid()).toHaveLength(1);
    expect(backSaid()[0]).toContain(`${ref} "`);
  });

  it('says in the reply which digest channel it could not be said in, and why', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const { dm, leave, task, backSaid, link } = await digestTeam(clock);
    await dm('away 2026-11-24..2026-11-27');
    clock.advance(24 * HOUR);
    await leave();
    clock.advance(24 * HOUR);
    link.down = true;
    const r = await dm('away off');
    expect(textOf(r)).toContain(
      'Your return could not be said in the digest channel console:console (not_in_channel).',
    );
    // The work is back all the same: the write was made.
    expect(task().assignee).toBe('ana');
    expect(backSaid()).toEqual([]);
  });
});
