import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/chat.js';
import { type Clock, silentLogger } from '../../../src/index.js';
import { blockActionsBody, slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackCall } from '../../fakes/slack-web-api.js';
import { manualClock } from '../../helpers/goalpost-fixture.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const start = useSlackBot(tempDir);
const HOUR = 3_600_000;

const posts = (calls: FakeSlackCall[]) =>
  calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited);

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });

/** Lays C1's digest out in `style`, as `/goalpost subscribe … --style` does. */
function subscribe(b: SlackBot, style: string): void {
  b.app.subscriptions.subscribe(ctxOf(b), {
    platform: 'slack',
    channelId: 'C1',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    style,
  });
}

/** UADMIN types `/goalpost digest` (with `options`) in C1; resolves once `messages` messages are posted. */
async function digest(b: SlackBot, messages: number, options = ''): Promise<void> {
  const before = posts(b.slack.calls).length;
  const text = `digest ${options}`.trim();
  await b.post(
    slashCommandBody({ userId: 'UADMIN', channelId: 'C1', text, responseUrl: b.slack.responseUrl(text) }),
    'form',
  );
  await b.slack.waitFor((calls) => posts(calls).length >= before + messages);
  await new Promise((r) => setTimeout(r, 100)); // nothing more follows
}

/** A click on a button of the message at `ts` in C1. */
const click = (b: SlackBot, ts: string, action: string, taskId: number) =>
  b.post(
    blockActionsBody({
      userId: 'UAPPROVER',
      channelId: 'C1',
      messageTs: ts,
      actionId: `goalpost_${action}`,
      value: JSON.stringify({ taskId, status: 'proposed' }),
      responseUrl: b.slack.responseUrl(`click-${taskId}`),
    }),
    'form',
  );

describe('Slack digest layouts', () => {
  it('cards: the header and one top-level message per task, as before', async () => {
    const b = await start();
    subscribe(b, 'cards');
    await digest(b, 6);
    const top = b.slack.topLevel('C1');
    expect(top).toHaveLength(6);
    expect(top.slice(1).map((m) => /^T-\d+/.exec(m.text)?.[0])).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
    expect(posts(b.slack.calls).some((c) => c.args.thread_ts !== undefined)).toBe(false);
  });

  it('compact: one message holding every task, whose buttons decide and edit it in place', async () => {
    const b = await start();
    subscribe(b, 'compact');
    await digest(b, 1);
    const [only, ...more] = b.slack.topLevel('C1');
    expect(more).toEqual([]);
    expect(b.slack.replies('C1', only?.ts ?? '')).toEqual([]);
    const blocks = JSON.stringify(only?.blocks);
    for (const ref of ['T-1', 'T-2', 'T-3', 'T-4', 'T-5']) expect(blocks).toContain(`*${ref}*`);
    expect(blocks.match(/goalpost_approve/g)).toHaveLength(5);
    expect((await click(b, only?.ts ?? '', 'approve', 2)).status).toBe(200);
    await b.slack.waitFor(() => b.slack.replies('C1', only?.ts ?? '').length > 0);
    const edited = JSON.stringify(b.slack.topLevel('C1')[0]?.blocks);
    expect(edited).toContain('1 of 5 decided · 1 approved');
    expect(edited).toMatch(/Approved by <@UAPPROVER>/);
    // T-2 now offers what an approved task can do; the others still ask for a decision.
    expect(edited.match(/goalpost_approve/g)).toHaveLength(4);
    expect(edited).toContain('goalpost_start');
    expect(b.slack.replies('C1', only?.ts ?? '').map((m) => m.text)).toEqual([
      expect.stringMatching(/T-2 approved by <@UAPPROVER>/),
    ]);
    expect(b.slack.topLevel('C1')).toHaveLength(1);
    // A reaction cannot say which of its tasks it means: it decides nothing.
    await b.react({
      eventId: 'Ev1',
      user: 'UAPPROVER',
      reaction: 'white_check_mark',
      channel: 'C1',
      ts: only?.ts ?? '',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(b.app.tasks.show(ctxOf(b), 'T-1').task.status).toBe('proposed');
  });

  it('compact: what follows the tasks (nothing left to decide) goes in its thread, one message in the channel', async () => {
    const b = await start();
    subscribe(b, 'compact');
    const ops = b.app.context({ workspaceId: TEAM, actor: 'cli:ops', source: 'cli', role: 'admin' });
    await digest(b, 1);
    for (const ref of ['T-1', 'T-2', 'T-3', 'T-4', 'T-5'])
      b.app.decisions.decide(ops, { ref, action: 'approve' });
    await digest(b, 1); // the last candidate, T-6
    b.app.decisions.decide(ops, { ref: 'T-6', action: 'approve' });
    await digest(b, 2);
    const top = b.slack.topLevel('C1');
    expect(top).toHaveLength(3);
    expect(b.slack.replies('C1', top[2]?.ts ?? '').map((m) => m.text)).toEqual([
      'Nothing awaits a decision today: every open task is decided.',
    ]);
  });

  it('compact with more tasks than one message holds: a thread instead, and the header says so', async () => {
    const b = await start();
    subscribe(b, 'compact');
    await digest(b, 7, '--max-tasks 6');
    const [header, ...more] = b.slack.topLevel('C1');
    expect(more).toEqual([]);
    expect(b.slack.replies('C1', header?.ts ?? '')).toHaveLength(6);
    expect(JSON.stringify(header?.blocks)).toContain(
      "6 tasks are too many for one message (a compact digest holds 5): each is in this message's thread.",
    );
  });
});

describe('Slack: the header follows the decisions', () => {
  it('keeps every decision when Slack rate-limits the header edit or refuses the edits', async () => {
    const b = await start();
    await digest(b, 6);
    const header = () => JSON.stringify(b.slack.topLevel('C1')[0]?.blocks);
    const cardTs = (n: number) => b.app.chat.forTask(ctxOf(b), n)[0]?.messageId ?? '';
    // A 429 on an edit: the Web API client waits Retry-After and edits again.
    b.slack.failNext('chat.update', { retryAfterSeconds: 1 });
    b.slack.failNext('chat.update', { retryAfterSeconds: 1 });
    await click(b, cardTs(1), 'approve', 1);
    await b.slack.waitFor(() => header().includes('1 of 5 decided · 1 approved'));
    expect(b.slack.callsTo('chat.update').filter((c) => c.rateLimited)).toHaveLength(2);
    // Edits refused for good (the messages were deleted): the decision stands, and is said in the channel.
    b.slack.failNext('chat.update', { status: 200, error: 'message_not_found' });
    b.slack.failNext('chat.update', { status: 200, error: 'message_not_found' });
    await click(b, cardTs(2), 'approve', 2);
    await b.slack.waitFor(() => b.slack.topLevel('C1').length === 2);
    expect(b.app.tasks.show(ctxOf(b), 'T-2').task.status).toBe('approved');
    expect(b.slack.topLevel('C1')[1]?.text).toMatch(/T-2 approved by <@UAPPROVER>/);
    // The next decision brings the header up to date with both.
    await click(b, cardTs(3), 'approve', 3);
    await b.slack.waitFor(() => header().includes('3 of 5 decided · 3 approved'));
  });
});

describe('Slack reminders', () => {
  /** The scheduler's reminder job, as the running bot has it, on `clock`. */
  const reminders = (b: SlackBot, clock: Clock) => {
    const scheduler = createScheduler({
      app: b.app,
      store: b.store,
      ports: { slack: b.adapter.port },
      clock,
      logger: silentLogger,
      graceMinutes: 180,
    });
    return () => scheduler.runMaintenance('reminders');
  };

  it('reminds once of the tasks still undecided a working day later, in the thread, mentioning the approvers', async () => {
    const clock = manualClock('2026-11-27T09:00:00Z'); // a Friday: the next working day is Monday
    const b = await start(clock);
    await digest(b, 6);
    const headerTs = b.slack.topLevel('C1')[0]?.ts ?? '';
    await click(b, b.app.chat.forTask(ctxOf(b), 1)[0]?.messageId ?? '', 'approve', 1);
    await b.slack.waitFor(() => b.app.tasks.show(ctxOf(b), 'T-1').task.status === 'approved');
    await b.slack.waitFor(() => b.slack.replies('C1', headerTs).length === 6);
    const remind = reminders(b, clock);

    clock.advance(71 * HOUR); // Sunday night
    expect((await remind()).details).toEqual([]);
    clock.advance(2 * HOUR); // Monday 10:00 in Berlin, where UADMIN is: one working day on
    const sent = await remind();
    expect(sent.details).toEqual([
      { workspaceId: TEAM, platform: 'slack', channelId: 'C1', refs: ['T-2', 'T-3', 'T-4', 'T-5'] },
    ]);
    const reminder = b.slack.replies('C1', headerTs).at(-1);
    // Goalpost's own mentions of the approvers notify them; nothing else in it can.
    expect(reminder?.text).toMatch(
      /^⏰ <@UADMIN> <@UAPPROVER> <@UAPPROVER2>: 4 tasks still await a decision\. Approve or reject each/,
    );
    expect(JSON.stringify(reminder?.blocks)).toMatch(
      /T-2 · Build 'Pricing page with monthly and annual plans'.*T-5 · /,
    );
    expect(JSON.stringify(reminder?.blocks)).not.toContain('T-1 ');
    expect(b.slack.topLevel('C1')).toHaveLength(1);

    // Never again: not on the next run, nor from a scheduler started afresh, nor after a new digest
    // shows them again; that digest's own new task (T-6) gets its one reminder, in its thread.
    expect((await remind()).details).toEqual([]);
    expect((await reminders(b, clock)()).details).toEqual([]);
    await digest(b, 6);
    const next = b.slack.topLevel('C1')[1];
    expect(b.slack.replies('C1', next?.ts ?? '').map((m) => /^T-\d+/.exec(m.text)?.[0])).toEqual([
      'T-2',
      'T-3',
      'T-4',
      'T-5',
      'T-6',
    ]);
    clock.advance(48 * HOUR);
    expect((await remind()).details.map((d) => d.refs)).toEqual([['T-6']]);
    expect(b.slack.replies('C1', next?.ts ?? '').at(-1)?.text).toMatch(/a task still awaits a decision/);
    expect(b.slack.replies('C1', headerTs).filter((m) => m.text.startsWith('⏰'))).toHaveLength(1);
  });

  it('tries again on the next run when Slack fails for a passing reason, still once', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const b = await start(clock);
    await digest(b, 6);
    const headerTs = b.slack.topLevel('C1')[0]?.ts ?? '';
    clock.advance(25 * HOUR);
    b.slack.failNext('chat.postMessage', { status: 200, error: 'internal_error' });
    const failed = await reminders(b, clock)();
    expect(failed.errors).toBe(1);
    const retried = await reminders(b, clock)();
    expect(retried.details.map((d) => d.refs)).toEqual([['T-1', 'T-2', 'T-3', 'T-4', 'T-5']]);
    expect(b.slack.replies('C1', headerTs).filter((m) => m.text.startsWith('⏰'))).toHaveLength(1);
  });
});
