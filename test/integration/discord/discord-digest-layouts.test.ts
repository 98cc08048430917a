import { describe, expect, it } from 'vitest';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import { createScheduler } from '../../../src/chat.js';
import { type Clock, silentLogger } from '../../../src/index.js';
import type { FakeChannelOptions, FakeDiscordCall } from '../../fakes/discord-rest.js';
import { declaredCtx } from '../../helpers/ctx.js';
import {
  CHANNEL,
  type DiscordBot,
  GUILD,
  interaction,
  USERS,
  useDiscordBot,
} from '../../helpers/discord-bot.js';
import { manualClock } from '../../helpers/goalpost-fixture.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);

const APPROVER = ['1150000000000000202'];
const HOUR = 3_600_000;
const admin = declaredCtx({ workspaceId: GUILD, actor: 'cli:setup', source: 'cli', role: 'admin' });

interface Shown {
  id: string;
  content?: string;
  embeds: Array<{
    title?: string;
    footer?: { text: string };
    fields?: Array<{ name: string; value: string }>;
  }>;
  components: Array<{ components: Array<{ custom_id: string }> }>;
}

const posts = (calls: FakeDiscordCall[], channel = CHANNEL) =>
  calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages` && !c.rateLimited);
const shown = (b: DiscordBot, channel: string): Shown[] =>
  b.discord.messagesIn(channel) as unknown as Shown[];
const fields = (m: Shown | undefined) => m?.embeds[0]?.fields ?? [];
const buttonsOf = (m: Shown | undefined) =>
  m?.components.flatMap((r) => r.components.map((c) => c.custom_id));

/** Lays the channel's digest out in `style`, as `/goalpost schedule add … style:` does. */
function subscribe(b: DiscordBot, style: string): void {
  b.app.subscriptions.subscribe(admin, {
    platform: 'discord',
    channelId: CHANNEL,
    time: '09:00',
    timeZone: 'UTC',
    style,
  });
}

/** An approver's `/goalpost digest` in the channel, with `max_tasks` when given. */
async function digest(b: DiscordBot, maxTasks?: number): Promise<void> {
  const options: OptionLike[] = maxTasks ? [{ name: 'max_tasks', type: 4, value: maxTasks }] : [];
  await b.listeners.chatInput(
    interaction(USERS.approver, APPROVER, {
      options: { data: [{ name: 'digest', type: 1, options }] as OptionLike[] },
    }),
  );
}

describe('Discord digest layouts', () => {
  it('compact: one message with every task and a row of buttons each, which decide and edit it in place', async () => {
    const b = await startBot();
    subscribe(b, 'compact');
    await digest(b);
    expect(posts(b.discord.calls)).toHaveLength(1);
    const [only] = shown(b, CHANNEL);
    expect(
      fields(only)
        .slice(-5)
        .map((f) => f.name.split(' · ')[0]),
    ).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
    expect(only?.components).toHaveLength(5);
    expect(buttonsOf(only)).toContain('goalpost:approve:3:proposed');
    expect(only?.embeds[0]?.footer?.text).toBe('2026-11-23 · decide on each task with its buttons');

    await b.listeners.button(
      interaction(USERS.approver, APPROVER, { customId: 'goalpost:approve:3:proposed' }),
    );
    const edited = shown(b, CHANNEL)[0];
    expect(fields(edited).find((f) => f.name === 'Decisions')?.value).toBe('1 of 5 decided · 1 approved');
    expect(fields(edited).find((f) => f.name.startsWith('T-3 '))?.value).toMatch(
      /approved\n.*\nApproved by <@1150000000000000301>/s,
    );
    expect(buttonsOf(edited)).toContain('goalpost:start:3:approved');
    expect(buttonsOf(edited)).not.toContain('goalpost:approve:3:proposed');
    // The decision is said in the message's thread, not in the channel.
    expect(shown(b, only?.id ?? '').map((m) => m.content)).toEqual([
      expect.stringMatching(/T-3 approved by <@1150000000000000301>/),
    ]);
    expect(posts(b.discord.calls)).toHaveLength(1);
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('compact with more tasks than one message holds: the header, its tasks in its thread, and why', async () => {
    const b = await startBot();
    subscribe(b, 'compact');
    await digest(b, 6);
    const [header, ...more] = shown(b, CHANNEL);
    expect(more).toEqual([]);
    expect(shown(b, header?.id ?? '')).toHaveLength(6);
    expect(fields(header).find((f) => f.name === "Today's batch")?.value).toContain(
      "6 tasks are too many for one message (a compact digest holds 5): each is in this message's thread.",
    );
  });

  for (const [where, channel, why] of [
    ['a voice channel’s chat, which has no threads', { type: 'voice' }, /no threads in this kind of channel/],
    [
      'a channel where Goalpost may not start threads',
      { deny: ['CreatePublicThreads'] },
      /Create Public Threads/,
    ],
    [
      'a channel whose threads Goalpost may not post in',
      { deny: ['SendMessagesInThreads'] },
      /Send Messages in Threads/,
    ],
  ] satisfies Array<[string, FakeChannelOptions, RegExp]>) {
    it(`thread in ${where}: the tasks follow in the channel, and the header says why`, async () => {
      const b = await startBot();
      b.discord.channel(CHANNEL, channel);
      await digest(b);
      const [header, ...cards] = shown(b, CHANNEL);
      expect(cards.map((c) => c.embeds[0]?.title?.split(' · ')[0])).toEqual([
        'T-1',
        'T-2',
        'T-3',
        'T-4',
        'T-5',
      ]);
      const batch = fields(header).find((f) => f.name === "Today's batch")?.value;
      expect(batch).toMatch(
        /Goalpost could not post in a thread here \(.*\): the tasks follow in the channel\./,
      );
      expect(batch).toMatch(why);
      expect(header?.embeds[0]?.footer?.text).toMatch(/decide on each task below/);
      // Decisions still land: the card, and the header's tally.
      await b.listeners.button(
        interaction(USERS.approver, APPROVER, { customId: 'goalpost:approve:2:proposed' }),
      );
      expect(fields(shown(b, CHANNEL)[0]).find((f) => f.name === 'Decisions')?.value).toBe(
        '1 of 5 decided · 1 approved',
      );
    });
  }
});

describe('Discord: the header follows the decisions', () => {
  it('counts two decisions made at once on different cards', async () => {
    const b = await startBot();
    await digest(b);
    const header = shown(b, CHANNEL)[0]?.id ?? '';
    const thread = { channelId: header };
    await Promise.all([
      b.listeners.button(
        interaction(USERS.approver, APPROVER, { customId: 'goalpost:approve:1:proposed', ...thread }),
      ),
      b.listeners.button(
        interaction(USERS.approver2, APPROVER, { customId: 'goalpost:reject:2:proposed', ...thread }),
      ),
      b.listeners.button(
        interaction(USERS.approver2, APPROVER, { customId: 'goalpost:approve:3:proposed', ...thread }),
      ),
    ]);
    expect(fields(shown(b, CHANNEL)[0]).find((f) => f.name === 'Decisions')?.value).toBe(
      '2 of 5 decided · 2 approved',
    );
  });
});

describe('Discord: a digest whose thread Discord archived', () => {
  it('still edits a card in it: Goalpost unarchives the thread it started, then edits, then says why there', async () => {
    const b = await startBot();
    await digest(b);
    const threadId = shown(b, CHANNEL)[0]?.id ?? '';
    const card = () => shown(b, threadId).find((m) => m.embeds[0]?.title?.startsWith('T-1 '));
    expect(buttonsOf(card())).toContain('goalpost:approve:1:proposed');
    // A week with no message in the thread: Discord archives it; its messages can't be edited.
    b.discord.archiveThread(threadId);
    await b.listeners.chatInput(
      interaction(USERS.approver, APPROVER, {
        options: { data: [{ name: 'approve', type: 1, options: [{ name: 'ref', type: 3, value: 'T-1' }] }] },
      }),
    );
    expect(b.discord.calls.filter((c) => c.status === 400).map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /channels/${threadId}/messages/${card()?.id}`,
    ]);
    expect(buttonsOf(card())).toContain('goalpost:start:1:approved');
    expect(shown(b, threadId).at(-1)?.content).toMatch(/T-1 approved by <@1150000000000000301>/);
    expect(b.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('Discord reminders', () => {
  /** The scheduler's reminder job, as the running bot has it, on `clock`. */
  const reminders = (b: DiscordBot, clock: Clock) =>
    createScheduler({
      app: b.app,
      store: b.store,
      ports: { discord: b.port },
      clock,
      logger: silentLogger,
      graceMinutes: 180,
    });

  it('reminds once in the digest’s thread, pinging the approvers and no one else', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const b = await startBot(clock);
    b.app.members.grant(admin, { user: `discord:${USERS.approver}`, role: 'approver' });
    b.app.members.grant(admin, { user: `discord:${USERS.approver2}`, role: 'admin' });
    await digest(b);
    const thread = shown(b, CHANNEL)[0]?.id ?? '';
    const run = () => reminders(b, clock).runMaintenance('reminders');
    clock.advance(23 * HOUR);
    expect((await run()).details).toEqual([]);
    clock.advance(HOUR);
    expect((await run()).details.map((d) => d.refs)).toEqual([['T-1', 'T-2', 'T-3', 'T-4', 'T-5']]);
    const reminder = posts(b.discord.calls, thread).at(-1)?.body as {
      content: string;
      allowed_mentions: unknown;
    };
    expect(reminder.content).toMatch(
      new RegExp(`^⏰ <@${USERS.approver2}> <@${USERS.approver}>: 5 tasks still await a decision\\.`),
    );
    expect(reminder.allowed_mentions).toEqual({ parse: [], users: [USERS.approver2, USERS.approver] });
    expect((await run()).details).toEqual([]);
    expect(posts(b.discord.calls)).toHaveLength(1);
  });

  it('reminds of a cards digest in a thread it starts under the header, or finds there', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const b = await startBot(clock);
    subscribe(b, 'cards');
    await digest(b);
    const header = shown(b, CHANNEL)[0]?.id ?? '';
    // Someone already started a thread under the header: Discord says 160004, and Goalpost posts there.
    await b.port.startThread(
      { workspaceId: GUILD, platform: 'discord', channelId: CHANNEL },
      header,
      'talk about today',
    );
    clock.advance(25 * HOUR);
    expect((await reminders(b, clock).runMaintenance('reminders')).details).toHaveLength(1);
    expect(
      b.discord.callsTo('POST', new RegExp(`/messages/${header}/threads$`)).map((c) => c.status),
    ).toEqual([200, 400]);
    expect(String(shown(b, header).at(-1)?.content)).toMatch(
      /^⏰ 5 tasks still await a decision, and nobody here holds the approver role/,
    );
  });

  it('never reminds of a digest in a channel that was deleted, nor tries again', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const b = await startBot(clock);
    await digest(b);
    b.discord.deleteChannel(shown(b, CHANNEL)[0]?.id ?? '');
    clock.advance(25 * HOUR);
    const first = await reminders(b, clock).runMaintenance('reminders');
    expect(first).toMatchObject({ errors: 1, details: [] });
    clock.advance(HOUR);
    const again = await reminders(b, clock).runMaintenance('reminders');
    expect(again).toMatchObject({ errors: 0, details: [] });
  });
});
