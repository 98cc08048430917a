import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScheduler, type RunResult, runDue } from '../../src/chat.js';
import {
  type ChatPort,
  ChatRefusedError,
  type ChatTarget,
  type Clock,
  fixedClock,
  type Logger,
  type OpenedGoalpost,
  silentLogger,
  type View,
} from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useGoalposts } from '../helpers/goalposts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'cli:ana', source: 'cli', role: 'admin' });
const { open, close, track } = useGoalposts();

/** A ChatPort that records what it posts; `failures` makes the next posts throw. */
function recordingPort(platform: ChatPort['platform'] = 'console') {
  const posts: Array<{ target: ChatTarget; messages: readonly View[] }> = [];
  let n = 0;
  const port = {
    platform,
    posts,
    failures: 0,
    async post(target: ChatTarget, messages: readonly View[]) {
      if (port.failures > 0) {
        port.failures -= 1;
        throw new Error('chat is down');
      }
      posts.push({ target, messages });
      return messages.map(() => `m-${++n}`);
    },
  };
  return port;
}

/** A database with the demo and subscriptions made on 2026-11-02 (a Monday), then closed. */
function prepared(subscribe: Array<Record<string, unknown>>): string {
  const db = join(tempDir(), 'g.db');
  const o = open(db, '2026-11-02T06:00:00Z');
  o.app.context(admin);
  o.app.demo.load(admin);
  for (const s of subscribe) o.app.subscriptions.subscribe(admin, s);
  close(o);
  return db;
}

const berlinDigest = {
  platform: 'console',
  channelId: 'general',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  maxTasks: 3,
};

function due(
  o: OpenedGoalpost,
  port: ChatPort | null,
  now: string,
  graceMinutes = 180,
): Promise<RunResult[]> {
  return runDue({
    app: o.app,
    ports: port ? { console: port } : {},
    clock: fixedClock(now),
    logger: silentLogger,
    graceMinutes,
  });
}

/** A logger that keeps its warnings and errors, with its children's fields: what an operator reads. */
function keptLog(
  lines: Array<{ level: string; msg: string; obj: Record<string, unknown> }>,
  bindings: object = {},
): Logger {
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, msg: msg ?? '', obj: { ...bindings, ...obj } });
  };
  return {
    debug: () => {},
    info: () => {},
    warn: at('warn'),
    error: at('error'),
    child: (more) => keptLog(lines, { ...bindings, ...more }),
  };
}

const runs = (o: OpenedGoalpost) =>
  o.db.prepare('SELECT local_date, status, attempts, batch_id FROM digest_runs ORDER BY id').all();

describe('running due digests', () => {
  it('posts a due digest once, with its tasks, and remembers which message shows which task', async () => {
    const db = prepared([berlinDigest]);
    const o = open(db, '2026-11-20T08:05:00Z');
    o.app.context(admin);
    const port = recordingPort();
    const [result] = await due(o, port, '2026-11-20T08:05:00Z');
    expect(result).toMatchObject({
      status: 'posted',
      localDate: '2026-11-20',
      scheduledFor: '2026-11-20T08:00:00.000Z',
    });
    expect(port.posts).toHaveLength(1);
    const [post] = port.posts;
    expect(post?.target).toEqual({ workspaceId: 'default', platform: 'console', channelId: 'general' });
    const [header, ...cards] = post?.messages ?? [];
    expect(header).toMatchObject({ kind: 'digest_header', date: '2026-11-20' });
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThanOrEqual(3);
    expect(cards.every((c) => c.kind === 'task')).toBe(true);
    const messages = o.db
      .prepare("SELECT kind, task_id FROM chat_messages WHERE channel_id = 'general'")
      .all();
    expect(messages).toHaveLength(1 + cards.length);
    expect(runs(o)).toEqual([
      { local_date: '2026-11-20', status: 'posted', attempts: 1, batch_id: result?.batchId },
    ]);

    expect((await due(o, port, '2026-11-20T09:30:00Z'))[0]?.status).toBe('already_posted');
    expect(port.posts).toHaveLength(1);
  });

  it('posts nothing again for the same local date after a restart', async () => {
    const db = prepared([berlinDigest]);
    const first = open(db, '2026-11-20T08:05:00Z');
    first.app.context(admin);
    expect((await due(first, recordingPort(), '2026-11-20T08:05:00Z'))[0]?.status).toBe('posted');
    close(first);
    const again = open(db, '2026-11-20T09:00:00Z');
    again.app.context(admin);
    const port = recordingPort();
    const scheduler = createScheduler({
      app: again.app,
      ports: { console: port },
      clock: fixedClock('2026-11-20T09:00:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    track(scheduler);
    expect((await scheduler.start()).map((r) => r.status)).toEqual(['already_posted']);
    expect(port.posts).toHaveLength(0);
  });

  it('posts a digest missed while down on start within the grace window, and not beyond it', async () => {
    for (const [now, status, posts] of [
      ['2026-11-20T10:59:00Z', 'posted', 1],
      ['2026-11-20T11:01:00Z', 'missed', 0],
    ] as const) {
      const o = open(prepared([berlinDigest]), now);
      o.app.context(admin);
      const port = recordingPort();
      const scheduler = createScheduler({
        app: o.app,
        ports: { console: port },
        clock: fixedClock(now),
        logger: silentLogger,
        graceMinutes: 180,
      });
      track(scheduler);
      const [result] = await scheduler.start();
      expect(result).toMatchObject({ status, localDate: '2026-11-20' });
      expect(port.posts).toHaveLength(posts);
      expect(runs(o)).toHaveLength(posts);
    }
  });

  it('leaves a subscription whose platform has no port unclaimed, for the bot that has it', async () => {
    const o = open(
      prepared([{ ...berlinDigest, platform: 'slack', channelId: 'C024BE91L' }]),
      '2026-11-20T08:05:00Z',
    );
    o.app.context(admin);
    const [result] = await due(o, recordingPort(), '2026-11-20T08:05:00Z');
    expect(result).toMatchObject({ status: 'no_port', platform: 'slack' });
    expect(runs(o)).toEqual([]);
    const slack = recordingPort('slack');
    const posted = await runDue({
      app: o.app,
      ports: { slack },
      clock: fixedClock('2026-11-20T08:06:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    expect(posted[0]?.status).toBe('posted');
    expect(slack.posts[0]?.target.channelId).toBe('C024BE91L');
  });

  it("warns in the bot's log, at start and at each due time, of a subscription on a platform it has no connection for", async () => {
    const db = prepared([{ ...berlinDigest, platform: 'slack', channelId: 'C024BE91L', days: 'daily' }]);
    let now = new Date('2026-11-20T08:00:01Z'); // 09:00 in Berlin: due as the bot starts
    const clock: Clock = { now: () => new Date(now) };
    const o = open(db, clock);
    const lines: Array<{ level: string; msg: string; obj: Record<string, unknown> }> = [];
    // Started without SLACK_BOT_TOKEN: a console connection only.
    const s = track(
      createScheduler({
        app: o.app,
        ports: { console: recordingPort() },
        clock,
        logger: keptLog(lines),
        graceMinutes: 180,
      }),
    );
    expect((await s.start()).map((r) => r.status)).toEqual(['no_port']);
    const warning = {
      level: 'warn',
      msg: 'no slack connection in this process: this subscription is not posted (set SLACK_BOT_TOKEN (or Slack OAuth), or run a bot that has one)',
      obj: expect.objectContaining({ subscription: 1, platform: 'slack', channel: 'C024BE91L' }),
    };
    const due = (localDate: string) => ({
      level: 'warn',
      msg: 'digest due, not posted: no slack connection in this process',
      obj: expect.objectContaining({ subscription: 1, localDate }),
    });
    expect(lines).toEqual([warning, due('2026-11-20')]);
    // The next day its job fires (as node-schedule runs it): said again.
    now = new Date('2026-11-21T08:00:01Z');
    expect((await s.runDue(1))[0]?.status).toBe('no_port');
    expect(lines).toEqual([warning, due('2026-11-20'), due('2026-11-21')]);
    expect(runs(o)).toEqual([]);
  });

  it('marks a failed post and retries it on a later run, giving up after three attempts', async () => {
    const o = open(prepared([berlinDigest]), '2026-11-20T08:05:00Z');
    o.app.context(admin);
    const port = recordingPort();
    port.failures = 1;
    expect(await due(o, port, '2026-11-20T08:05:00Z')).toMatchObject([
      { status: 'failed', reason: 'chat is down' },
    ]);
    expect(runs(o)).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect((await due(o, port, '2026-11-20T08:10:00Z'))[0]?.status).toBe('posted');
    expect(runs(o)).toMatchObject([{ status: 'posted', attempts: 2 }]);

    port.failures = 5;
    for (const now of ['2026-11-23T08:01:00Z', '2026-11-23T08:02:00Z', '2026-11-23T08:03:00Z']) {
      expect((await due(o, port, now))[0]?.status).toBe('failed');
    }
    const [gaveUp] = await due(o, port, '2026-11-23T08:04:00Z');
    expect(gaveUp).toMatchObject({ status: 'failed', reason: 'gave up after 3 attempts: chat is down' });
    expect(port.failures).toBe(2);
  });

  it('never sends again a post the platform refused as it stands (a message too long, a channel it is not in)', async () => {
    const o = open(prepared([berlinDigest]), '2026-11-20T08:05:00Z');
    o.app.context(admin);
    const port = recordingPort();
    let tries = 0;
    const refusing: ChatPort = {
      platform: 'console',
      post: async () => {
        tries += 1;
        throw new ChatRefusedError('the message is longer than the channel takes', {
          platform: 'console',
          reason: 'msg_blocks_too_long',
        });
      },
    };
    expect(await due(o, refusing, '2026-11-20T08:05:00Z')).toMatchObject([
      { status: 'refused', reason: 'the message is longer than the channel takes' },
    ]);
    expect((await due(o, refusing, '2026-11-20T08:10:00Z'))[0]).toMatchObject({ status: 'failed' });
    expect(tries).toBe(1);
    expect(port.posts).toEqual([]);
  });

  it('posts the weekly report on its day only', async () => {
    const report = {
      kind: 'report',
      platform: 'console',
      channelId: 'team',
      time: '16:00',
      timeZone: 'America/New_York',
    };
    const o = open(prepared([report]), '2026-11-20T21:30:00Z');
    o.app.context(admin);
    expect(o.app.subscriptions.list(admin)[0]?.days).toEqual([1]);
    const port = recordingPort();
    expect((await due(o, port, '2026-11-20T21:30:00Z'))[0]?.status).toBe('missed'); // Friday
    expect((await due(o, port, '2026-11-23T20:59:00Z'))[0]?.status).toBe('missed'); // Monday, before 16:00
    expect((await due(o, port, '2026-11-23T21:30:00Z'))[0]).toMatchObject({
      status: 'posted',
      localDate: '2026-11-23',
    });
    expect(port.posts).toHaveLength(1);
    expect(port.posts[0]?.messages[0]).toMatchObject({ kind: 'text' });
  });

  it('keeps one failing subscription from stopping the others', async () => {
    const o = open(prepared([berlinDigest, { ...berlinDigest, channelId: 'other' }]), '2026-11-20T08:05:00Z');
    o.app.context(admin);
    const port = recordingPort();
    port.failures = 1;
    const results = await due(o, port, '2026-11-20T08:05:00Z');
    expect(results.map((r) => r.status)).toEqual(['failed', 'posted']);
  });
});
