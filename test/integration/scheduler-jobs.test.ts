import { join } from 'node:path';
import { type Job, scheduledJobs } from 'node-schedule';
import { describe, expect, it, vi } from 'vitest';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/chat.js';
import {
  type ChatPort,
  type Clock,
  fixedClock,
  localTimeOf,
  nextOccurrence,
  type OpenedGoalpost,
  silentLogger,
} from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useGoalposts } from '../helpers/goalposts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'cli:ana', source: 'cli', role: 'admin' });
const { open, track } = useGoalposts();

function scheduler(o: OpenedGoalpost, now: string, extra: Partial<SchedulerOptions> = {}): Scheduler {
  const s = createScheduler({
    app: o.app,
    store: o.store,
    ports: {},
    clock: fixedClock(now),
    logger: silentLogger,
    graceMinutes: 180,
    ...extra,
  });
  track(s);
  return s;
}

/** Fake timers: callbacks wait until the test runs them; `delays` says what each waits for. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays = new Map<number, number>();
  let n = 0;
  return {
    pending,
    delays,
    setTimeout: (run: () => void, ms: number) => {
      pending.set(++n, run);
      delays.set(n, ms);
      return n;
    },
    clearTimeout: (handle: unknown) => {
      pending.delete(handle as number);
    },
  };
}

describe('node-schedule jobs', () => {
  it('arms one job per subscription at its local time in its zone, and re-arms on sync', async () => {
    const o = open(join(tempDir(), 'g.db'), '2026-11-20T12:00:00Z');
    o.app.context(admin);
    const kolkata = o.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'india',
      time: '09:30',
      timeZone: 'Asia/Kolkata',
      days: 'mon,wed',
    });
    const s = scheduler(o, '2026-11-20T12:00:00Z');
    await s.start();
    const [job] = s.jobs();
    expect(job?.subscriptionId).toBe(kolkata.id);
    const next = job?.next ?? new Date(0);
    expect(localTimeOf(next, 'Asia/Kolkata')).toMatchObject({ time: '09:30' });
    expect([1, 3]).toContain(localTimeOf(next, 'Asia/Kolkata').weekday);
    // node-schedule and Goalpost's own time-zone math agree on when that is.
    expect(nextOccurrence(kolkata, new Date(next.getTime() - 60_000))?.at).toEqual(next);

    const berlin = o.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'berlin',
      time: '07:15',
      timeZone: 'Europe/Berlin',
      days: 'daily',
    });
    s.sync();
    expect(s.jobs().map((j) => j.subscriptionId)).toEqual([kolkata.id, berlin.id]);
    o.app.subscriptions.unsubscribe(admin, { platform: 'console', channelId: 'india' });
    o.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'berlin',
      time: '18:45',
      timeZone: 'Europe/Berlin',
    });
    s.sync();
    const jobs = s.jobs();
    expect(jobs.map((j) => j.subscriptionId)).toEqual([berlin.id]);
    expect(localTimeOf(jobs[0]?.next ?? new Date(0), 'Europe/Berlin').time).toBe('18:45');

    await s.stop();
    expect(s.jobs()).toEqual([]);
  });

  it('retries a failed post with the injected timers while attempts remain', async () => {
    const db = join(tempDir(), 'g.db');
    const setup = open(db, '2026-11-19T12:00:00Z');
    setup.app.context(admin);
    setup.app.demo.load(admin);
    const sub = setup.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'general',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
    const o = open(db, '2026-11-20T08:01:00Z');
    o.app.context(admin);
    let down = true;
    const posted: string[] = [];
    const port: ChatPort = {
      platform: 'console',
      post: async (_target, messages) => {
        if (down) throw new Error('terminal unplugged');
        posted.push(messages[0]?.kind ?? '');
        return messages.map((_m, i) => `m-${i}`);
      },
    };
    const timers = manualTimers();
    const s = scheduler(o, '2026-11-20T08:01:00Z', { ports: { console: port }, timers });
    expect((await s.start()).map((r) => r.status)).toEqual(['failed']);
    const retries = () => [...timers.pending].filter(([handle]) => timers.delays.get(handle) === 5 * 60_000);
    expect(retries()).toHaveLength(1);
    down = false;
    for (const [handle, run] of retries()) {
      timers.pending.delete(handle);
      run();
    }
    await s.stop(); // waits for the retry in flight
    expect(posted).toEqual(['digest_header']);
    expect(o.app.subscriptions.runs.find(sub.id, '2026-11-20')).toMatchObject({
      status: 'posted',
      attempts: 2,
    });
    expect(timers.pending.size).toBe(0); // posted: no further retry, and stopped: no re-read
  });
});

/** Runs the timers due so far (those they set again wait for the next call). */
function runPending(timers: ReturnType<typeof manualTimers>): void {
  for (const [handle, run] of [...timers.pending]) {
    timers.pending.delete(handle);
    run();
  }
}

/** The node-schedule jobs armed now (with a next firing): what fires at its time, in this process. */
const armedJobs = (): Job[] => Object.values(scheduledJobs).filter((j) => j.nextInvocation() !== null);

describe('subscriptions changed by another process', () => {
  it('arms within a minute a schedule the CLI adds or changes while the bot runs, and posts it once', async () => {
    const db = join(tempDir(), 'g.db');
    const setup = open(db, '2026-11-20T08:00:00Z');
    setup.app.context(admin);
    setup.app.demo.load(admin);
    let now = new Date('2026-11-20T08:58:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const bot = open(db, clock);
    const headers: string[] = [];
    const port: ChatPort = {
      platform: 'console',
      post: async (_target, messages) => {
        for (const m of messages) if (m.kind === 'digest_header') headers.push(m.date);
        return messages.map((_m, i) => `m-${i}`);
      },
    };
    const timers = manualTimers();
    // The bot's scheduler, without maintenance jobs: the digest's is the only job armed.
    const s = track(
      createScheduler({
        app: bot.app,
        ports: { console: port },
        clock,
        logger: silentLogger,
        graceMinutes: 180,
        timers,
      }),
    );
    await s.start();
    expect(s.jobs()).toEqual([]);

    // `goalpost schedule add 09:00 UTC --days daily`, two minutes ahead, from another process.
    const cli = open(db, '2026-11-20T08:58:10Z');
    const sub = cli.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'general',
      time: '09:00',
      timeZone: 'UTC',
      days: 'daily',
    });
    now = new Date('2026-11-20T08:59:00Z');
    runPending(timers);
    expect(s.jobs().map((j) => j.subscriptionId)).toEqual([sub.id]);
    expect(localTimeOf(s.jobs()[0]?.next ?? new Date(0), 'UTC').time).toBe('09:00');
    const [job] = armedJobs();
    expect(armedJobs()).toHaveLength(1);

    // At 09:00 node-schedule fires it: the digest is posted.
    now = new Date('2026-11-20T09:00:01Z');
    await job?.invoke();
    expect(headers).toEqual(['2026-11-20']);

    // Re-reads that find nothing changed keep the same job, and never post again.
    now = new Date('2026-11-20T09:01:00Z');
    runPending(timers);
    runPending(timers);
    expect(armedJobs()).toEqual([job]);
    await job?.invoke();
    expect(headers).toEqual(['2026-11-20']);

    // `goalpost schedule add 17:30 UTC` on the same channel: moved at the next re-read.
    cli.app.subscriptions.subscribe(admin, {
      platform: 'console',
      channelId: 'general',
      time: '17:30',
      timeZone: 'UTC',
    });
    runPending(timers);
    expect(s.jobs().map((j) => j.subscriptionId)).toEqual([sub.id]);
    expect(localTimeOf(s.jobs()[0]?.next ?? new Date(0), 'UTC').time).toBe('17:30');
    expect(armedJobs()).toHaveLength(1);
    expect(armedJobs()).not.toContain(job);

    // `goalpost schedule remove`: dropped at the next re-read; stopping leaves no timer behind.
    cli.app.subscriptions.unsubscribe(admin, { platform: 'console', channelId: 'general' });
    runPending(timers);
    expect(s.jobs()).toEqual([]);
    await s.stop();
    expect(timers.pending.size).toBe(0);
    expect(headers).toEqual(['2026-11-20']);
  });
});

describe('a schedule the CLI sets moments before its time', () => {
  /** The bot's scheduler on `db` at `now()`, posting digests to a console port; their dates. */
  async function bot(db: string, now: () => Date) {
    const headers: string[] = [];
    const port: ChatPort = {
      platform: 'console',
      post: async (_target, messages) => {
        for (const m of messages) if (m.kind === 'digest_header') headers.push(m.date);
        return messages.map((_m, i) => `m-${i}`);
      },
    };
    const timers = manualTimers();
    const clock: Clock = { now };
    const s = track(
      createScheduler({
        app: open(db, clock).app,
        ports: { console: port },
        clock,
        logger: silentLogger,
        graceMinutes: 180,
        timers,
      }),
    );
    await s.start();
    return { s, timers, headers };
  }
  const daily = (time: string) => ({
    platform: 'console' as const,
    channelId: 'general',
    time,
    timeZone: 'UTC',
    days: 'daily' as const,
  });

  it('posts today a digest added seconds before its time, read again after it', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = open(db, '2026-11-20T08:59:40Z');
    cli.app.context(admin);
    cli.app.demo.load(admin);
    let now = new Date('2026-11-20T08:50:00Z');
    const { s, timers, headers } = await bot(db, () => new Date(now));
    // `goalpost schedule add 09:00 UTC` at 08:59:40; the bot reads it at 09:00:05, when the job it
    // arms next fires tomorrow.
    cli.app.subscriptions.subscribe(admin, daily('09:00'));
    now = new Date('2026-11-20T09:00:05Z');
    runPending(timers);
    await vi.waitFor(() => expect(headers).toEqual(['2026-11-20']));
    // Read again: nothing new, nothing posted again.
    runPending(timers);
    await s.stop();
    expect(headers).toEqual(['2026-11-20']);
  });

  it('posts today a digest moved to a minute that passed before the bot read it', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = open(db, '2026-11-20T08:00:00Z');
    cli.app.context(admin);
    cli.app.demo.load(admin);
    cli.app.subscriptions.subscribe(admin, daily('09:00'));
    let now = new Date('2026-11-20T08:50:00Z');
    const { s, timers, headers } = await bot(db, () => new Date(now));
    // At 08:58:30 the team moves it to 08:59; the bot reads that at 08:59:05.
    const moved = open(db, '2026-11-20T08:58:30Z');
    moved.app.subscriptions.subscribe(admin, daily('08:59'));
    now = new Date('2026-11-20T08:59:05Z');
    runPending(timers);
    await vi.waitFor(() => expect(headers).toEqual(['2026-11-20']));
    // Its 09:00 job is gone: nothing more today.
    now = new Date('2026-11-20T09:00:05Z');
    runPending(timers);
    await s.stop();
    expect(headers).toEqual(['2026-11-20']);
  });
});

describe('maintenance jobs', () => {
  it('arms the learning refresh, lease sweep, pruning, goal watch, reminders and leave, each one can be turned off', async () => {
    const o = open(join(tempDir(), 'g.db'), '2026-11-20T12:00:00Z');
    o.app.context(admin);
    const all = scheduler(o, '2026-11-20T12:00:00Z');
    await all.start();
    expect(all.maintenanceJobs().map((j) => j.job)).toEqual([
      'learning',
      'leases',
      'prune',
      'goals',
      'reminders',
      'leave',
    ]);
    expect(all.maintenanceJobs().every((j) => j.next instanceof Date)).toBe(true);
    const fewer = scheduler(o, '2026-11-20T12:00:00Z', {
      maintenance: { prune: false, goals: '*/10 * * * *' },
    });
    await fewer.start();
    expect(fewer.maintenanceJobs().map((j) => j.job)).toEqual([
      'learning',
      'leases',
      'goals',
      'reminders',
      'leave',
    ]);
    const bare = createScheduler({
      app: o.app,
      ports: {},
      clock: fixedClock('2026-11-20T12:00:00Z'),
      logger: silentLogger,
      graceMinutes: 0,
    });
    track(bare);
    await bare.start();
    expect(bare.maintenanceJobs()).toEqual([]);
  });

  it('prunes processed event ids older than 30 days', async () => {
    const o = open(join(tempDir(), 'g.db'), '2026-11-20T12:00:00Z');
    o.app.context(admin);
    o.store.transaction(() => {
      o.store.processed.mark('default', 'slack', 'Ev-old', 'ok', '2026-10-01T00:00:00Z');
      o.store.processed.mark('default', 'slack', 'Ev-new', 'ok', '2026-11-19T00:00:00Z');
    });
    const result = await scheduler(o, '2026-11-20T12:00:00Z').runMaintenance('prune');
    expect(result.details).toEqual([{ dropped: 1, before: '2026-10-21T12:00:00.000Z' }]);
    expect(o.store.processed.outcome('default', 'slack', 'Ev-new')).toBe('ok');
  });

  it('reports goals sliding off track once, then only changes', async () => {
    const o = open(join(tempDir(), 'g.db'), '2026-11-20T12:00:00Z');
    o.app.context(admin);
    o.app.goals.add(admin, { metric: 'signups', target: 999, by: '2027-03-31', baseline: 400 });
    for (const [value, at] of [
      [420, '2026-10-01'],
      [455, '2026-10-15'],
      [490, '2026-11-01'],
      [510, '2026-11-15'],
    ] as const) {
      o.app.goals.observe(admin, { metric: 'signups', value, at });
    }
    const seen: string[] = [];
    const s = scheduler(o, '2026-11-20T12:00:00Z', {
      onGoalStatusChange: (c) => seen.push(`${c.metric}:${c.to}`),
    });
    expect((await s.runMaintenance('goals')).changes).toMatchObject([
      { workspaceId: 'default', metric: 'signups', from: null, to: 'off_track' },
    ]);
    expect((await s.runMaintenance('goals')).changes).toEqual([]);
    // One reading of 1000 on a climb of 20 a week reads as an outlier (a typo as well as a launch),
    // and the goal is judged on its trend; a second at that level makes it the level.
    o.app.goals.observe(admin, { metric: 'signups', value: 1000, at: '2026-11-19' });
    expect((await s.runMaintenance('goals')).changes).toEqual([]);
    o.app.goals.observe(admin, { metric: 'signups', value: 1004, at: '2026-11-20' });
    expect((await s.runMaintenance('goals')).changes).toMatchObject([
      { metric: 'signups', from: 'off_track', to: 'achieved' },
    ]);
    expect(seen).toEqual(['signups:off_track', 'signups:achieved']);
  });

  it('refreshes learning and returns expired queue claims in every workspace', async () => {
    const db = join(tempDir(), 'g.db');
    const o = open(db, '2026-11-20T12:00:00Z');
    o.app.context(admin);
    o.app.demo.load(admin);
    o.app.assignees.add(admin, { name: 'dev' });
    const [task] = o.app.engine.generate(admin, {}).tasks;
    o.app.decisions.decide(admin, { ref: task?.ref, action: 'approve' });
    expect(o.app.queue.claim(admin, 'dev', 30).task?.ref).toBe(task?.ref);
    const later = open(db, '2026-11-20T13:00:00Z');
    later.app.context(admin);
    const s = scheduler(later, '2026-11-20T13:00:00Z');
    expect((await s.runMaintenance('leases')).details).toEqual([
      { workspace: 'default', requeued: [task?.ref] },
    ]);
    expect((await s.runMaintenance('leases')).details).toEqual([]);
    expect(await s.runMaintenance('learning')).toMatchObject({ job: 'learning', errors: 0 });
  });
});
