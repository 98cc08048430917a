import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChatPort,
  ChatRefusedError,
  type ChatTarget,
  decisionsSentence,
  deliver,
  type EditableView,
  homeView,
  type Reply,
  silentLogger,
  type View,
} from '../../src/index.js';
import { type ChatHarness, chatHarness } from '../helpers/chat.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
let chat: ChatHarness | null = null;
afterEach(() => chat?.close());

/** A Slack-like port over one channel, recording what it did; `refuseEdits` makes every edit fail. */
function slackLike() {
  const log: string[] = [];
  let n = 0;
  const port = {
    platform: 'slack' as const,
    refuseEdits: false as boolean,
    async post(target: ChatTarget, messages: readonly View[]) {
      log.push(...messages.map((m) => `post ${target.channelId}: ${m.kind === 'text' ? m.text : m.kind}`));
      return messages.map(() => `ts-${++n}`);
    },
    async update(_target: ChatTarget, messageId: string, view: EditableView) {
      if (port.refuseEdits) throw new Error('message_not_found');
      const shows =
        view.kind === 'task'
          ? `${view.card.ref} ${view.card.status}`
          : `header ${decisionsSentence(view.decisions)}`;
      log.push(`edit ${messageId}: ${shows}`);
    },
    async threadReply(_target: ChatTarget, messageId: string, text: string) {
      log.push(`thread ${messageId}: ${text}`);
    },
  } satisfies ChatPort & { refuseEdits: boolean };
  return { port, log };
}

/** The demo's digest posted through `port` in C1, so T-1's card is message ts-1's neighbour. */
async function digestIn(port: ChatPort): Promise<void> {
  if (!chat) throw new Error('no chat');
  const reply = await chat.say('ana', 'digest');
  await deliver(
    { app: chat.app, port, logger: silentLogger },
    { workspaceId: 'default', origin: 'command', channelId: 'C1' },
    reply,
  );
}

/** bo clicks Approve on `ref`'s card in C1, and the reply is delivered through `port` as a click's. */
async function approveByClick(port: ChatPort, ref: string) {
  if (!chat) throw new Error('no chat');
  const taskId = chat.app.tasks.show(
    chat.app.context({ workspaceId: 'default', actor: 't', source: 'cli' }),
    ref,
  ).task.id;
  const clicked = chat.bot.press({
    workspaceId: 'default',
    platform: 'console',
    userId: 'bo',
    channelId: 'C1',
    action: 'approve',
    taskId,
  });
  return deliver(
    { app: chat.app, port, logger: silentLogger },
    { workspaceId: 'default', origin: 'button', channelId: 'C1', asker: { userId: 'bo' } },
    clicked,
  );
}

describe('deliver: one path from a reply to the chat', () => {
  it('edits the decided task where it shows, threads who decided, updates the header, and keeps a click out of the channel', async () => {
    chat = chatHarness(tempDir());
    const { port, log } = slackLike();
    await digestIn(port);
    log.length = 0;
    const done = await approveByClick(port, 'T-1');
    expect(done).toMatchObject({ edited: 1, posted: [], refused: [] });
    expect(log).toEqual([
      expect.stringMatching(/^edit ts-\d+: T-1 approved$/),
      expect.stringMatching(/^thread ts-\d+: ✅ T-1 approved by @bo/),
      'edit ts-1: header 1 of 5 decided · 1 approved',
    ]);
  });

  it('says a click in the channel when its card cannot be edited, and reports the refusal instead of failing', async () => {
    chat = chatHarness(tempDir());
    const { port, log } = slackLike();
    await digestIn(port);
    log.length = 0;
    port.refuseEdits = true;
    const done = await approveByClick(port, 'T-2');
    expect(done.edited).toBe(0);
    expect(String(done.refused[0])).toMatch(/message_not_found/);
    expect(log).toEqual([expect.stringMatching(/^post C1: ✅ T-2 approved by @bo/)]);
  });

  it('asks for the reason in words where no form can open, and that answer does not stick to later replies', async () => {
    chat = chatHarness(tempDir());
    const { port } = slackLike();
    const answers: string[][] = [];
    const asker = {
      userId: 'bo',
      answer: async (messages: readonly View[]) => {
        answers.push(messages.map((m) => (m.kind === 'text' ? m.text : m.kind)));
      },
    };
    const request = { workspaceId: 'default', origin: 'button', channelId: 'C1', asker } as const;
    const form: Reply = {
      visibility: 'ephemeral',
      messages: [],
      updates: [],
      duplicate: false,
      form: { kind: 'reject_reason', taskId: 1, ref: 'T-1', title: 'x', status: 'proposed' },
    };
    await deliver({ app: chat.app, port, logger: silentLogger }, request, form);
    await deliver({ app: chat.app, port, logger: silentLogger }, request, {
      ...form,
      form: undefined,
      duplicate: true,
    });
    await deliver({ app: chat.app, port, logger: silentLogger }, request, form);
    expect(answers).toEqual([
      ['Say why you reject T-1: the reject command takes a reason.'],
      ['Say why you reject T-1: the reject command takes a reason.'],
    ]);
  });

  it('shows a post the channel refused through the request instead, and tells the caller why', async () => {
    chat = chatHarness(tempDir());
    const refusing: ChatPort = {
      platform: 'slack',
      post: async () => {
        throw new ChatRefusedError('Goalpost is not in this channel: type /invite @goalpost', {
          platform: 'slack',
          reason: 'not_in_channel',
        });
      },
    };
    const digest = await chat.say('ana', 'digest');
    const seen: { inChannel: string[]; privately: string[] } = { inChannel: [], privately: [] };
    const texts = (messages: readonly View[]) => messages.map((m) => (m.kind === 'text' ? m.text : m.kind));
    const asker = {
      userId: 'ana',
      answer: async (messages: readonly View[]) => {
        seen.privately.push(...texts(messages));
      },
      postInChannel: async (messages: readonly View[]) => {
        seen.inChannel.push(...texts(messages));
      },
    };
    const request = { workspaceId: 'default', origin: 'command', channelId: 'G1', asker } as const;
    const done = await deliver({ app: chat.app, port: refusing, logger: silentLogger }, request, digest);
    expect(seen.inChannel[0]).toBe('digest_header');
    expect(seen.inChannel).toHaveLength(digest.messages.length);
    expect(seen.privately).toEqual(['Goalpost is not in this channel: type /invite @goalpost']);
    expect(done.answered).toBe(true);

    // Where the request cannot show it to the channel, the caller gets it, and why.
    seen.privately = [];
    const { postInChannel: _, ...answerOnly } = asker;
    await deliver(
      { app: chat.app, port: refusing, logger: silentLogger },
      { ...request, asker: answerOnly },
      digest,
    );
    expect(seen.privately.at(-1)).toBe('Goalpost is not in this channel: type /invite @goalpost');
    expect(seen.privately).toHaveLength(digest.messages.length + 1);
  });

  describe('a report’s charts', () => {
    /** The report as `/goalpost report` gives it, with a measured goal so it has charts. */
    async function reportWithCharts(): Promise<Reply> {
      if (!chat) throw new Error('no chat');
      const ctx = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
      chat.app.goals.add(ctx, { metric: 'active_teachers', target: 300, by: '2027-03-31' });
      chat.app.goals.observe(ctx, { metric: 'active_teachers', value: 120, at: '2026-10-01' });
      chat.app.goals.observe(ctx, { metric: 'active_teachers', value: 150, at: '2026-11-01' });
      const reply = await chat.say('ana', 'report');
      expect(reply.messages.at(-1)).toMatchObject({ kind: 'charts' });
      return reply;
    }
    const request = { workspaceId: 'default', origin: 'command', channelId: 'C1' } as const;

    it('attaches them after the report’s text where the port takes files, and remembers their files', async () => {
      chat = chatHarness(tempDir());
      const { port, log } = slackLike();
      const attached: string[][] = [];
      const withFiles: ChatPort = {
        ...port,
        async attach(_target, charts) {
          attached.push(charts.map((c) => c.name));
          return charts.map((c, i) => ({ name: c.name, fileId: `F00000000${i}` }));
        },
      };
      const reply = await reportWithCharts();
      const done = await deliver({ app: chat.app, port: withFiles, logger: silentLogger }, request, reply);
      expect(attached).toEqual([['revenue', 'goal-active_teachers']]);
      expect(log.filter((l) => l.endsWith(': charts'))).toEqual([]);
      expect(done.posted).toHaveLength(reply.messages.length);
      const ctx = chat.app.context({ workspaceId: 'default', actor: 't', source: 'cli' });
      expect(chat.app.chat.charts.latest(ctx, 'slack').map((f) => [f.name, f.fileId])).toEqual([
        ['goal-active_teachers', 'F000000001'],
        ['revenue', 'F000000000'],
      ]);
      // App Home shows them again: revenue's, then each goal's.
      expect(homeView(chat.app, ctx, 'slack').charts.map((c) => c.fileId)).toEqual([
        'F000000000',
        'F000000001',
      ]);
      expect(homeView(chat.app, ctx, 'discord').charts).toEqual([]);
    });

    it('keeps the report when attaching fails: logs why, and says it under the report with the charts as text', async () => {
      chat = chatHarness(tempDir());
      const { port, log } = slackLike();
      const warnings: string[] = [];
      const logger = { ...silentLogger, warn: (_o: object, msg?: string) => void warnings.push(msg ?? '') };
      const failing: ChatPort = {
        ...port,
        attach: async () => {
          throw new Error('socket hang up');
        },
      };
      const reply = await reportWithCharts();
      await deliver({ app: chat.app, port: failing, logger }, request, reply);
      expect(log.slice(0, 3).every((l) => l.startsWith('post C1: '))).toBe(true);
      expect(log.slice(-2)).toEqual([
        'post C1: Charts not attached: the upload failed (socket hang up); the next report tries again.',
        'post C1: charts',
      ]);
      expect(warnings).toEqual(['the report’s charts could not be attached; posted as text']);
      const ctx = chat.app.context({ workspaceId: 'default', actor: 't', source: 'cli' });
      expect(chat.app.chat.charts.latest(ctx, 'slack')).toEqual([]);
    });

    it('posts them as a view like any other where the port takes no files', async () => {
      chat = chatHarness(tempDir());
      const { port, log } = slackLike();
      await deliver({ app: chat.app, port, logger: silentLogger }, request, await reportWithCharts());
      expect(log.at(-1)).toBe('post C1: charts');
    });
  });
});
