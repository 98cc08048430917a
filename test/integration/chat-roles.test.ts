import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createChatBot } from '../../src/chat.js';
import { fixedClock, type Logger, openGoalpost, silentLogger } from '../../src/index.js';
import { chatHarness, isError, textOf } from '../helpers/chat.js';
import { runFixtureJson } from '../helpers/child.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'console:ana', source: 'console' });

function decisionEvents(dbPath: string, ref: string): Array<{ type: string; actor: string }> {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT e.type, e.actor FROM task_events e JOIN tasks t ON t.id = e.task_id
       WHERE 'T-' || t.seq = ? AND e.type <> 'created' ORDER BY e.id`,
    )
    .all(ref) as Array<{ type: string; actor: string }>;
  db.close();
  return rows;
}

function countRows(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const n = ['task_events', 'visions', 'members', 'goals', 'revenue_records', 'subscriptions']
    .map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number)
    .reduce((a, b) => a + b, 0);
  db.close();
  return n;
}

describe('roles', () => {
  it('refuses a member who approves, rejects or changes settings, with a message, writing nothing', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const before = countRows(chat.dbPath);
    for (const line of [
      'approve T-1',
      'reject T-1 nope',
      'vision set statement Something else',
      'revenue add 100',
      'goal add signups 10 --by 2026-12-31',
      'role @cy admin',
      'subscribe 09:00 Europe/Berlin',
      'unsubscribe',
      'assign T-1 @cy',
      'metric signups 3',
      'learn',
    ]) {
      const reply = await chat.say('cy', line);
      expect(isError(reply), line).toBe(true);
      expect(reply.visibility).toBe('ephemeral');
      expect(textOf(reply), line).toMatch(/needs the (approver|admin) role and you are a member/);
    }
    expect(countRows(chat.dbPath)).toBe(before);
    chat.close();
  });

  it('lets an approver decide but not change the vision or roles', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    expect(isError(await chat.say('bo', 'approve T-1'))).toBe(false);
    expect(textOf(await chat.say('bo', 'vision set statement X'))).toMatch(
      /needs the admin role and you are an approver/,
    );
    expect(textOf(await chat.say('bo', 'role @cy approver'))).toMatch(/needs the admin role/);
    chat.close();
  });

  it('grants and revokes roles, and never demotes the last admin', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    expect(textOf(await chat.say('ana', 'role @cy approver'))).toMatch(
      /@cy is now approver \(was member\), set by @ana/,
    );
    expect(isError(await chat.say('cy', 'approve T-1'))).toBe(false);
    expect(textOf(await chat.say('ana', 'role @cy member'))).toMatch(/@cy is now member \(was approver\)/);
    expect(textOf(await chat.say('cy', 'approve T-2'))).toMatch(/needs the approver role/);
    expect(textOf(await chat.say('ana', 'role @ana member'))).toMatch(/console:ana is the last admin/);
    expect(textOf(await chat.say('ana', 'role @bo admin'))).toMatch(/@bo is now admin/);
    expect(textOf(await chat.say('ana', 'role @ana member --force'))).toMatch(/@ana is now member/);
    chat.close();
  });

  it('warns an admin who demotes themselves and does it only with --force', async () => {
    const chat = chatHarness(tempDir());
    expect(textOf(await chat.say('ana', 'role @cy admin'))).toMatch(/@cy is now admin/);
    const before = countRows(chat.dbPath);
    const warned = await chat.say('ana', 'role @ana member');
    expect(isError(warned)).toBe(true);
    expect(warned.visibility).toBe('ephemeral');
    expect(textOf(warned)).toBe(
      'you are about to make yourself a member (you are an admin) and could no longer change roles, the vision, revenue, goals or schedules, or approve, reject, cancel, retry or assign tasks; nothing changed. Repeat it with --force if you mean it',
    );
    expect(textOf(await chat.say('ana', 'role @ana approver'))).toMatch(
      /^you are about to make yourself an approver \(you are an admin\) and could no longer change roles, the vision, revenue, goals or schedules; nothing changed/,
    );
    expect(countRows(chat.dbPath)).toBe(before);
    expect(textOf(await chat.say('ana', 'whoami'))).toMatch(/console:ana \(admin\)/);
    expect(textOf(await chat.say('ana', 'role @ana approver --force'))).toBe(
      '@ana is now approver (was admin), set by @ana.',
    );
    expect(textOf(await chat.say('ana', 'whoami'))).toMatch(/console:ana \(approver\)/);
    // Promoting yourself is refused as before (approvers cannot change roles); naming someone else never warns.
    expect(textOf(await chat.say('cy', 'role @bo member'))).toBe(
      '@bo is now member (was approver), set by @cy.',
    );
    chat.close();
  });

  it('logs a refusal and nothing else', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: (_o, msg) => lines.push(`info ${msg}`),
      warn: (_o, msg) => lines.push(`warn ${msg}`),
      error: (_o, msg) => lines.push(`error ${msg}`),
      child: () => logger,
    };
    const clock = fixedClock('2026-11-21T09:00:00Z');
    const { app, close } = openGoalpost({ dbPath: join(tempDir(), 'g.db'), clock, logger: silentLogger });
    app.context(admin);
    app.demo.load(admin);
    const bot = createChatBot({ app, clock, logger, defaultTimeZone: 'UTC' });
    await bot.handle({
      workspaceId: 'default',
      platform: 'slack',
      userId: 'U1',
      channelId: 'C1',
      text: 'vision set statement X',
    });
    expect(lines).toEqual(['info refused: role too low']);
    close();
  });

  it('makes the users in GOALPOST_ADMINS admins of every workspace', async () => {
    const clock = fixedClock('2026-11-21T09:00:00Z');
    const { app, close } = openGoalpost({
      dbPath: join(tempDir(), 'g.db'),
      clock,
      logger: silentLogger,
      admins: ['slack:U024BE7LH'],
    });
    app.context(admin);
    const bot = createChatBot({ app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
    const say = (userId: string, text: string) =>
      bot.handle({ workspaceId: 'T0001', platform: 'slack', userId, channelId: 'C1', text });
    expect(textOf(await say('U024BE7LH', 'vision set statement "Teach every kid to code"'))).toMatch(
      /version 1/,
    );
    expect(textOf(await say('U024BE7LH', 'role <@U0G9QF9C6|bo> approver'))).toMatch(
      /<@U0G9QF9C6> is now approver/,
    );
    expect(textOf(await say('U0G9QF9C6', 'whoami'))).toMatch(/slack:U0G9QF9C6 \(approver\)/);
    expect(textOf(await say('U024BE7LH', 'role <@U024BE7LH> member'))).toMatch(
      /admin through GOALPOST_ADMINS/,
    );
    close();
  });
});

describe('idempotent decisions', () => {
  it('changes nothing when the same event id comes twice', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const first = await chat.say('bo', 'approve T-1', 'Ev01');
    expect(first.duplicate).toBe(false);
    const again = await chat.say('bo', 'approve T-1', 'Ev01');
    expect(again.duplicate).toBe(true);
    expect(again.visibility).toBe('ephemeral');
    // Even a different decision under the same id is the same event, already handled.
    expect((await chat.say('bo', 'reject T-1 changed my mind', 'Ev01')).duplicate).toBe(true);
    expect(decisionEvents(chat.dbPath, 'T-1')).toEqual([{ type: 'approved', actor: 'console:bo' }]);
    chat.close();
  });

  it('treats a double click, and a reaction plus a button, as one decision', async () => {
    const chat = chatHarness(tempDir());
    const digest = await chat.say('ana', 'digest');
    const card = digest.messages.find((m) => m.kind === 'task');
    if (card?.kind !== 'task') throw new Error('no card');
    const ctx = { ...admin, workspaceId: 'default' };
    chat.app.chat.record(ctx, {
      platform: 'slack',
      channelId: 'C1',
      messageId: '1700000000.0001',
      kind: 'task',
      taskId: card.card.taskId,
      batchId: null,
    });
    const press = {
      workspaceId: 'default',
      platform: 'slack' as const,
      userId: 'U1',
      channelId: 'C1',
      taskId: card.card.taskId,
    };
    chat.app.members.grant(admin, { user: 'slack:U1', role: 'approver' });
    const reacted = chat.bot.react({
      ...press,
      messageId: '1700000000.0001',
      reaction: 'white_check_mark',
      eventId: 'Ev1',
    });
    expect(textOf(reacted ?? { messages: [], visibility: 'channel', updates: [], duplicate: false })).toMatch(
      new RegExp(`${card.card.ref} approved by <@U1>`),
    );
    const clicked = chat.bot.press({ ...press, action: 'approve', eventId: 'click-1' });
    expect(textOf(clicked)).toMatch(
      /was already approved \(approved by slack:U1 at \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );
    const clickedAgain = chat.bot.press({ ...press, action: 'approve', eventId: 'click-1' });
    expect(clickedAgain.duplicate).toBe(true);
    expect(decisionEvents(chat.dbPath, card.card.ref)).toEqual([{ type: 'approved', actor: 'slack:U1' }]);
    // A reaction on a message that shows no task, or an emoji that means nothing, is ignored.
    expect(chat.bot.react({ ...press, messageId: 'unknown', reaction: 'white_check_mark' })).toBeNull();
    expect(chat.bot.react({ ...press, messageId: '1700000000.0001', reaction: 'tada' })).toBeNull();
    chat.close();
  });

  /** Sets up `n` proposed tasks and returns a function that runs a decider process on them. */
  function raceSetup() {
    const chat = chatHarness(tempDir());
    chat.app.members.grant(admin, { user: 'console:cy', role: 'approver' });
    const ctx = chat.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    chat.app.projects.add(ctx, { name: 'Racing', revenueBearing: true, focus: ['payment_integration'] });
    for (let i = 1; i <= 12; i++) {
      chat.app.projects.addBug(ctx, 'Racing', {
        title: `Crash ${i} when paying with card type ${i}`,
        severity: 'critical',
      });
    }
    const n = chat.app.engine.generate(ctx, { maxTasks: 30 }).tasks.length;
    chat.close();
    expect(n).toBeGreaterThanOrEqual(12);
    const decider = (user: string, mode: 'type' | 'press', action: string, order: 'up' | 'down' = 'up') =>
      runFixtureJson<Record<string, string>>('decide-loop.mjs', [
        chat.dbPath,
        user,
        mode,
        action,
        String(n),
        order,
      ]);
    return { dbPath: chat.dbPath, n, decider };
  }

  /** Each task got exactly one decision; the winner's answer and the loser's match the patterns. */
  function expectOneWinner(
    dbPath: string,
    n: number,
    answers: Record<'bo' | 'cy', Record<string, string>>,
    winnerSays: (ref: string) => RegExp,
    loserSays: (ref: string, winner: string) => RegExp,
  ): void {
    for (let i = 1; i <= n; i++) {
      const ref = `T-${i}`;
      const events = decisionEvents(dbPath, ref);
      expect(events, ref).toHaveLength(1);
      const winner = events[0]?.actor ?? '';
      const [won, lost] = winner === 'console:bo' ? [answers.bo, answers.cy] : [answers.cy, answers.bo];
      expect(won[ref], ref).toMatch(winnerSays(ref));
      expect(lost[ref], ref).toMatch(loserSays(ref, winner));
    }
  }

  it('gives one winner when two people approve the same tasks at once, and tells the other who did', async () => {
    const { dbPath, n, decider } = raceSetup();
    // The second decider walks the tasks backwards, so the two meet and collide in the middle.
    const [bo, cy] = await Promise.all([
      decider('bo', 'type', 'approve'),
      decider('cy', 'type', 'approve', 'down'),
    ]);
    expectOneWinner(
      dbPath,
      n,
      { bo, cy },
      (ref) => new RegExp(`^channel: ✅ ${ref} approved by @`),
      (ref, winner) => new RegExp(`^ephemeral: ${ref} was already approved \\(approved by ${winner} at `),
    );
  });

  it('gives one winner when one person clicks approve and another reject at once', async () => {
    const { dbPath, n, decider } = raceSetup();
    const [bo, cy] = await Promise.all([
      decider('bo', 'press', 'approve'),
      decider('cy', 'press', 'reject', 'down'),
    ]);
    expectOneWinner(
      dbPath,
      n,
      { bo, cy },
      () => /^channel: /,
      (ref, winner) =>
        new RegExp(
          `^error: ${ref} changed while you were deciding: it is (approved|rejected) \\((approved|rejected) by ${winner} at .*\\); nothing changed$`,
        ),
    );
  });
});
