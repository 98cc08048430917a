import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../adapters/console/create-console-chat.js';
import { createChatBot } from '../../src/chat.js';
import {
  type ChatWatch,
  type Clock,
  createChatWatch,
  deliver,
  type Goalpost,
  type Logger,
  openGoalpost,
  type RunReport,
  reply,
  silentLogger,
} from '../../src/index.js';
import { taskCard } from '../../src/views/cards.js';
import type { FakeDiscordCall } from '../fakes/discord-rest.js';
import { slashCommandBody } from '../fakes/slack-signing.js';
import type { FakeSlackCall } from '../fakes/slack-web-api.js';
import { CHANNEL, GUILD, startDiscordBot } from '../helpers/discord-bot.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { startSlackBot, TEAM } from '../helpers/slack-bot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A clock the test moves (lease expiry). */
function movableClock(iso: string) {
  let at = Date.parse(iso);
  const clock: Clock = { now: () => new Date(at) };
  const advanceMinutes = (m: number): void => {
    at += m * 60_000;
  };
  return { clock, advanceMinutes };
}

const ran = (over: Partial<RunReport> = {}): RunReport => ({
  success: true,
  exitCode: 0,
  signal: null,
  timedOut: false,
  minutes: 2,
  reason: null,
  output: 'ok\n',
  ...over,
});

/**
 * A worker agent's process: its own connection to the bot's database, acting as `worker:bot1`
 * the way `goalpost worker` does in local mode. `T-1` is approved and routed to the agent `bot1`.
 */
function workerSide(dbPath: string, workspaceId: string, clock: Clock) {
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
  cleanups.push(() => opened.close());
  const admin = opened.app.context({ workspaceId, actor: 'cli:ops', source: 'cli', role: 'admin' });
  opened.app.assignees.add(admin, { name: 'bot1', kind: 'worker', capacity: 2 });
  opened.app.decisions.decide(admin, { ref: 'T-1', action: 'approve' });
  opened.app.decisions.assign(admin, 'T-1', 'bot1');
  const worker = opened.app.context({ workspaceId, actor: 'worker:bot1', source: 'worker' });
  return {
    app: opened.app,
    admin,
    claim: () => opened.app.queue.claim(worker, 'bot1', 15, 'build-7:4242'),
    finish: (run: RunReport) => opened.app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1' }, run),
  };
}

/** The Slack bot with today's tasks and T-1's card posted in C1; `ts` is that message. */
async function slackWithCard() {
  const b = await startSlackBot(tempDir());
  cleanups.push(() => b.stop());
  const { clock } = movableClock('2026-11-23T09:00:00Z');
  const ctx = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
  b.app.engine.generate(ctx, {});
  const task = b.app.tasks.show(ctx, 'T-1').task;
  await deliver(
    { app: b.app, port: b.adapter.port, logger: silentLogger },
    { workspaceId: TEAM, origin: 'schedule', channelId: 'C1' },
    reply.channel({ kind: 'task', card: taskCard(task) }),
  );
  const ts = b.app.chat.forTask(ctx, task.id)[0]?.messageId ?? '';
  expect(ts).not.toBe('');
  const watchOf = (logger: Logger = silentLogger) =>
    createChatWatch({ app: b.app, store: b.store, ports: { slack: b.adapter.port }, clock, logger });
  return { b, clock, ctx, ts, watchOf };
}

/** The chat watch of a Slack bot, started, stopped after the test. */
function watchingSlack(b: Awaited<ReturnType<typeof startSlackBot>>, clock: Clock): ChatWatch {
  const watch = createChatWatch({
    app: b.app,
    store: b.store,
    ports: { slack: b.adapter.port },
    clock,
    logger: silentLogger,
  });
  watch.start();
  cleanups.push(() => watch.stop());
  return watch;
}

const slackThread = (calls: FakeSlackCall[], ts: string) =>
  calls
    .filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && !c.rateLimited)
    .map((c) => String(c.args.text));
const slackEdits = (calls: FakeSlackCall[], ts: string) =>
  calls.filter((c) => c.method === 'chat.update' && c.args.ts === ts && !c.rateLimited);

describe('the chat watch: what workers, the CLI and the API do shows on the task in chat', () => {
  it('Slack: the card shows the pickup and the outcome, each said in its thread, once', async () => {
    const { b, clock, ts, watchOf } = await slackWithCard();
    const watch = watchOf();
    watch.start();
    cleanups.push(() => watch.stop());

    const worker = workerSide(b.dbPath, TEAM, clock);
    // The approval and routing came from the CLI: the card follows them too.
    expect(await watch.poll()).toBe(2);
    expect(slackThread(b.slack.calls, ts)).toEqual([expect.stringMatching(/^T-1 approved by cli:ops — /)]);
    expect(slackThread(b.slack.calls, ts)[0]).toMatch(/\nT-1 assigned by cli:ops/);

    expect(worker.claim().task?.ref).toBe('T-1');
    expect(await watch.poll()).toBe(1);
    const pickedUp = slackThread(b.slack.calls, ts).at(-1);
    expect(pickedUp).toMatch(/^🤖 T-1 picked up by bot1 \(attempt 1, on build-7:4242\) — /);
    const edit = slackEdits(b.slack.calls, ts).at(-1);
    expect(JSON.stringify(edit?.args.blocks)).toMatch(/in progress/i);
    expect(JSON.stringify(edit?.args.blocks)).toMatch(
      /icked up by bot1 on build-7:4242, lease until 09:15 UTC/,
    );

    expect(worker.finish(ran({ minutes: 2 })).recorded).toBe(true);
    expect(await watch.poll()).toBe(1);
    expect(slackThread(b.slack.calls, ts).at(-1)).toMatch(/^🏁 T-1 done by bot1 in 2 min — /);
    expect(JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks)).toMatch(/done/);

    // Nothing new: nothing posted again.
    const before = b.slack.calls.length;
    expect(await watch.poll()).toBe(0);
    expect(b.slack.calls.length).toBe(before);
  });

  it('Slack: a decision from the CLI edits the card in the digest thread and the header, and is said in that thread', async () => {
    const b = await startSlackBot(tempDir());
    cleanups.push(() => b.stop());
    const { clock } = movableClock('2026-11-23T09:00:00Z');
    const digest = await b.bot.handle({
      workspaceId: TEAM,
      platform: 'slack',
      userId: 'UADMIN',
      channelId: 'C1',
      text: 'digest',
    });
    const request = { workspaceId: TEAM, origin: 'command', channelId: 'C1' } as const;
    await deliver({ app: b.app, port: b.adapter.port, logger: silentLogger }, request, digest);
    const header = b.slack.topLevel('C1')[0]?.ts ?? '';
    const watch = watchingSlack(b, clock);
    const ops = b.app.context({ workspaceId: TEAM, actor: 'cli:ops', source: 'cli', role: 'admin' });
    b.app.decisions.decide(ops, { ref: 'T-2', action: 'reject', note: 'later' });
    expect(await watch.poll()).toBe(1);
    expect(JSON.stringify(b.slack.topLevel('C1')[0]?.blocks)).toContain('1 of 5 decided · 1 rejected');
    expect(b.slack.replies('C1', header).at(-1)?.text).toMatch(/^T-2 rejected by cli:ops: later — /);
    expect(b.slack.topLevel('C1')).toHaveLength(1);
  });

  it('leaves steps taken in chat to the chat (no double post), resumes after a restart, and never replays history', async () => {
    const { b, clock, ctx, ts, watchOf } = await slackWithCard();

    // The first start on a database with history shows none of it.
    b.app.decisions.decide(
      { ...ctx, actor: 'cli:ops', source: 'cli', role: 'admin' },
      { ref: 'T-2', action: 'approve' },
    );
    const first = watchOf();
    first.start();
    expect(await first.poll()).toBe(0);

    b.app.decisions.decide({ ...ctx, role: 'admin' }, { ref: 'T-1', action: 'approve' });
    expect(await first.poll()).toBe(0);
    await first.stop();

    // While the bot is down a worker takes T-1; the next start shows it.
    const worker = workerSide(b.dbPath, TEAM, clock);
    worker.claim();
    const second = watchOf();
    second.start();
    cleanups.push(() => second.stop());
    expect(await second.poll()).toBe(2);
    const thread = slackThread(b.slack.calls, ts);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatch(/T-1 assigned by cli:ops[^\n]*\n🤖 T-1 picked up by bot1/);
  });

  it("Slack: a digest that values a proposal again edits its card's numbers, and adds no line to its thread", async () => {
    const { b, ctx, ts, watchOf } = await slackWithCard();
    const watch = watchOf();
    watch.start();
    cleanups.push(() => watch.stop());
    expect(await watch.poll()).toBe(0);
    const before = b.app.tasks.show(ctx, 'T-1').task;
    // A second paid product shares the revenue gap: T-1's part of it is smaller today.
    const admin = { ...ctx, role: 'admin' as const };
    b.app.projects.add(admin, { name: 'Quiz Packs', revenueBearing: true, focus: ['payment_integration'] });
    b.app.projects.addFeature(admin, 'Quiz Packs', { title: 'Paid quiz packs', status: 'planned' });
    // Asked for in Slack, as `/goalpost digest` is: the watch still shows it on the card.
    b.app.engine.generate(ctx, { topUp: true, maxTasks: 6 });
    const after = b.app.tasks.show(ctx, 'T-1').task;
    expect(after.revenueImpact).toBeLessThan(before.revenueImpact);

    expect(await watch.poll()).toBeGreaterThanOrEqual(1);
    const card = JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks);
    expect(card).toContain(`+$${Math.round(after.revenueImpact)}/mo`);
    expect(card).toMatch(/Valued again with batch \d+: \$\d/);
    expect(slackThread(b.slack.calls, ts)).toEqual([]);
  });

  it('Slack: a digest asked for in Slack routes a proposal nobody held, and its card and thread say to whom', async () => {
    const { b, ctx, ts, watchOf } = await slackWithCard();
    const watch = watchOf();
    watch.start();
    cleanups.push(() => watch.stop());
    expect(await watch.poll()).toBe(0);
    const before = b.app.tasks.show(ctx, 'T-1').task;
    expect(before.assignee).toBeNull();
    // The team adds its first assignee after the first batch.
    b.app.assignees.add({ ...ctx, role: 'admin' as const }, { name: 'ana', capacity: 10 });
    const batch = b.app.engine.generate(ctx, { topUp: true, maxTasks: 6 });
    expect(batch.routed).toContainEqual({
      ref: 'T-1',
      title: before.title,
      status: 'proposed',
      assignee: 'ana',
    });
    expect(b.app.tasks.show(ctx, 'T-1').task.assignee).toBe('ana');

    expect(await watch.poll()).toBeGreaterThanOrEqual(1);
    expect(slackThread(b.slack.calls, ts)).toEqual([
      `👤 T-1 routed to ana with batch ${batch.batchId} — ${before.title}`,
    ]);
    const card = JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks);
    expect(card).toContain(`Routed to ana with batch ${batch.batchId}`);
    expect(card).toMatch(/Route: ana: /);
    expect(card).not.toContain('no assignees yet');
  });

  it('Slack: a digest asked for in Slack that withdraws a proposal whose reason went says so on its card and thread', async () => {
    const { clock, advanceMinutes } = movableClock('2026-11-23T09:00:00Z');
    const b = await startSlackBot(tempDir(), clock);
    cleanups.push(() => b.stop());
    const ctx = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
    b.app.engine.generate(ctx, { maxTasks: 5 });
    const refOf = (pattern: RegExp) =>
      b.app.tasks.list(ctx, { status: ['proposed'] }).find((t) => pattern.test(t.title))?.ref;
    // The pricing page rejected, checkout shipped, the dashboard failed: for a day nothing in the
    // backlog works on the product's gap, and an experiment is proposed for it.
    b.app.decisions.decide(ctx, { ref: refOf(/Pricing page/), action: 'reject', note: 'not this quarter' });
    const checkout = refOf(/Stripe checkout/);
    for (const action of ['approve', 'done'] as const) b.app.decisions.decide(ctx, { ref: checkout, action });
    const dashboard = refOf(/admin dashboard/);
    b.app.decisions.decide(ctx, { ref: dashboard, action: 'approve' });
    b.app.decisions.decide(ctx, { ref: dashboard, action: 'fail', note: 'no Stripe key' });
    b.app.engine.generate(ctx, { maxTasks: 5 });
    const experiment = b.app.tasks.show(ctx, refOf(/user-acquisition experiment/)).task;
    await deliver(
      { app: b.app, port: b.adapter.port, logger: silentLogger },
      { workspaceId: TEAM, origin: 'schedule', channelId: 'C1' },
      reply.channel({ kind: 'task', card: taskCard(experiment) }),
    );
    const ts = b.app.chat.forTask(ctx, experiment.id)[0]?.messageId ?? '';
    const watch = watchingSlack(b, clock);
    expect(await watch.poll()).toBe(0);

    // The next morning the dashboard is back in the plan, the team takes the pricing page it turned
    // down out of the backlog (its part was the experiment's), and the digest is asked for in Slack.
    advanceMinutes(26 * 60);
    const pricing = b.app.projects.features(ctx).find((f) => f.title.startsWith('Pricing page'));
    b.app.items.dropFeature(ctx, pricing?.id as number, 'annual plans are not for schools');
    const batch = b.app.engine.generate(ctx, { topUp: true, maxTasks: 5 });
    expect(batch.withdrawn.map((w) => w.ref)).toEqual([experiment.ref]);
    expect(await watch.poll()).toBeGreaterThanOrEqual(1);
    expect(slackThread(b.slack.calls, ts)).toEqual([
      `🚫 ${experiment.ref} withdrawn with batch ${batch.batchId}: other work answers Basic EDU Apps' share of the revenue gap now — ${experiment.title}`,
    ]);
    const card = JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks);
    expect(card).toMatch(/cancelled/i);
    expect(card).not.toContain('goalpost_approve');
  });

  it('two bots on one database, both watching Slack, show each change once', async () => {
    const { b, clock, ts } = await slackWithCard();
    const other = openGoalpost({ dbPath: b.dbPath, clock, logger: silentLogger });
    cleanups.push(() => other.close());
    const watches = [
      createChatWatch({
        app: b.app,
        store: b.store,
        ports: { slack: b.adapter.port },
        clock,
        logger: silentLogger,
      }),
      createChatWatch({
        app: other.app,
        store: other.store,
        ports: { slack: b.adapter.port },
        clock,
        logger: silentLogger,
      }),
    ];
    for (const w of watches) {
      w.start();
      cleanups.push(() => w.stop());
    }
    const worker = workerSide(b.dbPath, TEAM, clock);
    worker.claim();
    const [one = 0, two = 0] = await Promise.all(watches.map((w) => w.poll()));
    // Each change went to one of them, not both.
    expect(Math.min(one, two)).toBe(0);
    worker.finish(ran({ minutes: 1 }));
    await Promise.all(watches.map((w) => w.poll()));
    const thread = slackThread(b.slack.calls, ts);
    expect(thread.filter((l) => /picked up by bot1/.test(l))).toHaveLength(1);
    expect(thread.filter((l) => /done by bot1/.test(l))).toHaveLength(1);
  });

  it('Slack being down for one edit is logged and skipped: the next change still shows', async () => {
    const { b, clock, ts, watchOf } = await slackWithCard();
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const watch = watchOf(pino({ level: 'debug' }, sink));
    watch.start();
    cleanups.push(() => watch.stop());
    const worker = workerSide(b.dbPath, TEAM, clock);
    await watch.poll();
    b.slack.failNext('chat.update', { status: 200, error: 'message_not_found' });
    worker.claim();
    await watch.poll();
    worker.finish(ran({ success: false, exitCode: 2, reason: 'make: *** [run] Error 2', minutes: 0.5 }));
    expect(await watch.poll()).toBe(1);
    expect(slackThread(b.slack.calls, ts).at(-1)).toMatch(
      /^⚠️ T-1 failed \(bot1\): make: \*\*\* \[run\] Error 2$/,
    );
    expect(JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks)).toMatch(/failed/);
    // The refused edit was logged once, as a warning naming the task, the platform and Slack's error.
    const refused = lines.filter((l) => l.msg === 'could not show a task change in chat');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 40, component: 'chat-watch', task: 'T-1', platform: 'slack' });
    expect(JSON.stringify(refused[0]?.err)).toMatch(/message_not_found/);
  });

  it('a task shown in two channels: one edit refused does not keep the other message from changing', async () => {
    const { b, clock, ctx, ts, watchOf } = await slackWithCard();
    const task = b.app.tasks.show(ctx, 'T-1').task;
    await deliver(
      { app: b.app, port: b.adapter.port, logger: silentLogger },
      { workspaceId: TEAM, origin: 'schedule', channelId: 'C2' },
      reply.channel({ kind: 'task', card: taskCard(task) }),
    );
    const [, other] = b.app.chat.forTask(ctx, task.id);
    expect(other?.channelId).toBe('C2');
    const watch = watchOf();
    watch.start();
    cleanups.push(() => watch.stop());
    const worker = workerSide(b.dbPath, TEAM, clock);
    await watch.poll();
    b.slack.failNext('chat.update', { status: 200, error: 'message_not_found' });
    worker.claim();
    await watch.poll();
    const picked = /^🤖 T-1 picked up by bot1/;
    expect(slackThread(b.slack.calls, ts).at(-1)).not.toMatch(picked);
    expect(slackThread(b.slack.calls, other?.messageId ?? '').at(-1)).toMatch(picked);
    expect(JSON.stringify(slackEdits(b.slack.calls, other?.messageId ?? '').at(-1)?.args.blocks)).toMatch(
      /in progress/i,
    );
  });

  it('Slack: a prerequisite failed from chat re-opens its dependent’s card and says why in that thread', async () => {
    const b = await startSlackBot(tempDir());
    cleanups.push(() => b.stop());
    const { clock } = movableClock('2026-11-23T09:00:00Z');
    const ctx = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
    plantTasks(b, TEAM, [{ title: 'Get the payment API key' }, { title: 'Charge cards', after: ['T-1'] }]);
    const ts: string[] = [];
    for (const ref of ['T-1', 'T-2']) {
      const task = b.app.decisions.decide(ctx, { ref, action: 'approve' }).task;
      await deliver(
        { app: b.app, port: b.adapter.port, logger: silentLogger },
        { workspaceId: TEAM, origin: 'schedule', channelId: 'C1' },
        reply.channel({ kind: 'task', card: taskCard(task) }),
      );
      ts.push(b.app.chat.forTask(ctx, task.id)[0]?.messageId ?? '');
    }
    const [prerequisiteTs = '', dependentTs = ''] = ts;
    const watch = watchingSlack(b, clock);

    await b.post(
      slashCommandBody({
        userId: 'UMEMBER',
        channelId: 'C1',
        text: 'fail T-1 exit 2: missing API key',
        responseUrl: b.slack.responseUrl('fail'),
      }),
      'form',
    );
    await b.slack.waitFor((calls) => slackThread(calls, prerequisiteTs).length === 1);

    // The chat reply showed T-1; the watch shows T-2, which the reply did not.
    expect(await watch.poll()).toBe(1);
    expect(slackThread(b.slack.calls, dependentTs)).toEqual([
      '🔓 T-1 failed (exit 2: missing API key): T-2 no longer waits for it and needs a new decision — Charge cards',
    ]);
    const card = JSON.stringify(slackEdits(b.slack.calls, dependentTs).at(-1)?.args.blocks);
    expect(card).toMatch(/proposed/i);
    expect(card).toContain('goalpost_approve');
    expect(card).toContain('goalpost_reject');
    // Its last step reads as the note says it, not as the event's type.
    expect(card).toContain('T-1 failed (exit 2: missing API key): T-2 no longer waits for it');
    expect(card).not.toMatch(/dependency[\W_]*released/i);
    expect(card).not.toMatch(/After: T-1/);
    expect(slackThread(b.slack.calls, prerequisiteTs)).toEqual([
      expect.stringMatching(/T-1 failed by <@UMEMBER>: exit 2: missing API key/),
    ]);
  });

  it('Slack: a failed task retried from the CLI gets its new card posted beside the failed one, once', async () => {
    const { b, clock, ctx, ts, watchOf } = await slackWithCard();
    const watch = watchOf();
    watch.start();
    cleanups.push(() => watch.stop());
    const worker = workerSide(b.dbPath, TEAM, clock);
    worker.claim();
    worker.finish(ran({ success: false, exitCode: 1, reason: 'exit 1: staging is down' }));
    await watch.poll();
    const posted = () =>
      b.slack.calls.filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts && !c.rateLimited);
    const before = posted().length;

    const retry = worker.app.decisions.retry(worker.admin, 'T-1', 'staging is back').task;
    await watch.poll();
    expect(slackThread(b.slack.calls, ts).at(-1)).toMatch(
      new RegExp(`^T-1 retried by cli:ops: as ${retry.ref}: staging is back — `),
    );
    // The new card, in the channel the failed one is in, with the buttons an approved task has.
    const fresh = posted().slice(before);
    expect(fresh.map((c) => c.args.channel)).toEqual(['C1']);
    const blocks = JSON.stringify(fresh[0]?.args.blocks);
    expect(blocks).toContain(retry.ref);
    expect(blocks).toMatch(/approved/i);
    expect(blocks).toContain('goalpost_done');
    // Remembered as the retry's message: a reaction on it finds the task.
    const shown = b.app.chat.forTask(ctx, retry.id);
    expect(shown.map((m) => [m.channelId, m.messageId])).toEqual([['C1', expect.any(String)]]);
    // Shown once: the next pass posts nothing more.
    const calls = b.slack.calls.length;
    expect(await watch.poll()).toBe(0);
    expect(b.slack.calls.length).toBe(calls);
    // The retry cancelled in Slack: the failed card, which that reply does not show, offers Retry again.
    expect(JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks)).not.toContain('goalpost_retry');
    b.app.decisions.decide(ctx, { ref: retry.ref, action: 'cancel', note: 'wrong sandbox' });
    expect(await watch.poll()).toBe(1);
    expect(JSON.stringify(slackEdits(b.slack.calls, ts).at(-1)?.args.blocks)).toContain('goalpost_retry');
    expect(slackThread(b.slack.calls, ts).at(-1)).toMatch(
      new RegExp(
        `^🔁 T-1: ${retry.ref}, its retry, was cancelled \\(wrong sandbox\\): \`retry T-1\` tries again — `,
      ),
    );
    // Retried, cancelled and retried again from the CLI between two passes: only the open retry's card.
    const between = posted().length;
    const cancelled = worker.app.decisions.retry(worker.admin, 'T-1').task.ref;
    worker.app.decisions.decide(worker.admin, { ref: cancelled, action: 'cancel' });
    const open = worker.app.decisions.retry(worker.admin, 'T-1').task.ref;
    await watch.poll();
    const refs = posted()
      .slice(between)
      .map((c) => /T-\d+/.exec(JSON.stringify(c.args.blocks))?.[0]);
    expect(refs).toEqual([open]);
  });

  it('Discord: the message is edited and the lease running out is said in its thread', async () => {
    const b = await startDiscordBot(tempDir());
    cleanups.push(() => b.stop());
    const { clock, advanceMinutes } = movableClock('2026-11-23T09:00:00Z');
    const ctx = b.app.context({ workspaceId: GUILD, actor: 'cli:ops', source: 'cli', role: 'admin' });
    b.app.engine.generate(ctx, {});
    const task = b.app.tasks.show(ctx, 'T-1').task;
    await deliver(
      { app: b.app, port: b.port, logger: silentLogger },
      { workspaceId: GUILD, origin: 'schedule', channelId: CHANNEL },
      reply.channel({ kind: 'task', card: taskCard(task) }),
    );
    const messageId = b.app.chat.forTask(ctx, task.id)[0]?.messageId ?? '';
    const watch = createChatWatch({
      app: b.app,
      store: b.store,
      ports: { discord: b.port },
      clock,
      logger: silentLogger,
    });
    watch.start();
    cleanups.push(() => watch.stop());
    const worker = workerSide(b.dbPath, GUILD, clock);
    worker.claim();
    await watch.poll();
    // The worker died: 16 minutes later the lease sweep puts the task back in the queue.
    advanceMinutes(16);
    expect(worker.app.queue.view(worker.admin).requeued).toEqual(['T-1']);
    expect(await watch.poll()).toBe(1);
    const threadPosts = (calls: FakeDiscordCall[]) =>
      calls
        .filter((c) => c.method === 'POST' && c.path === `/channels/${messageId}/messages`)
        .map((c) => String((c.body as { content?: string }).content));
    expect(threadPosts(b.discord.calls).at(-1)).toMatch(
      /^↩️ T-1 is back in the queue: claim by bot1 expired; back in the queue \(lost lease 1 of 3\)$/,
    );
    const edits = b.discord.calls.filter(
      (c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL}/messages/${messageId}`,
    );
    expect(JSON.stringify(edits.at(-1)?.body)).toMatch(/approved/i);
  });

  it('the console: every change in its workspace is a line in the terminal', async () => {
    const dir = tempDir();
    const { clock } = movableClock('2026-11-23T09:00:00Z');
    const opened = openGoalpost({ dbPath: `${dir}/g.db`, clock, logger: silentLogger });
    cleanups.push(() => opened.close());
    const admin = opened.app.context({
      workspaceId: 'default',
      actor: 'console:ana',
      source: 'console',
      role: 'admin',
    });
    opened.app.demo.load(admin);
    opened.app.engine.generate(admin, {});
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    const bot = createChatBot({ app: opened.app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
    const chat = createConsoleChat({
      app: opened.app,
      bot,
      logger: silentLogger,
      input: new PassThrough(),
      output,
      workspaceId: 'default',
      user: 'ana',
      interactive: false,
    });
    const watch: ChatWatch = createChatWatch({
      app: opened.app as Goalpost,
      store: opened.store,
      ports: { console: chat.port },
      clock,
      logger: silentLogger,
      feeds: [{ workspaceId: 'default', platform: 'console', channelId: 'console' }],
    });
    watch.start();
    cleanups.push(() => watch.stop());
    const worker = workerSide(`${dir}/g.db`, 'default', clock);
    worker.claim();
    worker.finish(ran({ minutes: 0.25 }));
    expect(await watch.poll()).toBe(4);
    expect(printed).toMatch(/T-1 approved by cli:ops/);
    expect(printed).toMatch(/🤖 T-1 picked up by bot1 \(attempt 1, on build-7:4242\)/);
    expect(printed).toMatch(/🏁 T-1 done by bot1 in 15 s — /);
  });
});
