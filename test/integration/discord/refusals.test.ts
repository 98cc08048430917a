import { describe, expect, it } from 'vitest';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import { runDue } from '../../../src/chat.js';
import { fixedClock, silentLogger } from '../../../src/index.js';
import type { FakePermission } from '../../fakes/discord-rest.js';
import { declaredCtx } from '../../helpers/ctx.js';
import {
  CHANNEL,
  type DiscordBot,
  GUILD,
  interaction,
  interactionRefused,
  USERS,
  useDiscordBot,
} from '../../helpers/discord-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);

const APPROVER = ['1150000000000000202'];
const ctx = declaredCtx({ workspaceId: GUILD, actor: 't', source: 'cli', role: 'admin' });
const command = (name: string, options: OptionLike[] = [], roles: string[] = []) =>
  interaction(roles.length > 0 ? USERS.approver : USERS.member, roles, {
    options: { data: [{ name, type: 1, options }] as OptionLike[] },
  });

async function started(deny: FakePermission[] = []): Promise<DiscordBot> {
  const b = await startBot();
  b.discord.channel(CHANNEL, { deny });
  return b;
}

/** Subscribes the channel and runs the scheduler when the digest is due. */
async function scheduledDigest(b: DiscordBot) {
  b.app.subscriptions.subscribe(ctx, {
    platform: 'discord',
    channelId: CHANNEL,
    time: '09:00',
    timeZone: 'UTC',
  });
  const [result] = await runDue({
    app: b.app,
    ports: { discord: b.port },
    clock: fixedClock('2026-11-24T09:05:00Z'),
    logger: silentLogger,
    graceMinutes: 180,
  });
  return result;
}

describe('Discord refusals a retry will not cure say what a server admin should do', () => {
  it('a channel without Send Messages: the scheduled digest is refused for good, naming the permission', async () => {
    const b = await started(['SendMessages']);
    const result = await scheduledDigest(b);
    expect(result?.status).toBe('refused');
    expect(result?.reason).toMatch(/Send Messages/);
    expect(result?.reason).toMatch(/server admin/i);
  });

  it('someone who asks for the digest there sees it privately, and why it is not in the channel', async () => {
    const b = await started(['SendMessages']);
    const i = command('digest', [], APPROVER);
    await b.listeners.chatInput(i);
    const said = i.calls.slice(1);
    expect(said[0]?.method).toBe('editReply');
    expect(JSON.stringify(said[0]?.payload)).toMatch(/Goalpost digest for/);
    expect(
      said.slice(1).every((c) => c.method === 'followUp' && (c.payload as { flags?: number }).flags === 64),
    ).toBe(true);
    expect(JSON.stringify(said.at(-1)?.payload)).toMatch(/Send Messages/);
    expect(b.discord.messagesIn(CHANNEL)).toEqual([]);
  });

  it('a deleted channel, one Goalpost cannot see, and one without Embed Links: each refused with what to do', async () => {
    const gone = await started();
    gone.discord.deleteChannel(CHANNEL);
    expect(await scheduledDigest(gone)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/no longer exists|subscribe/),
    });
    await gone.stop();
    const hidden = await started(['ViewChannel']);
    expect(await scheduledDigest(hidden)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/View Channel/),
    });
    await hidden.stop();
    const plain = await started(['EmbedLinks']);
    expect(await scheduledDigest(plain)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/Embed Links/),
    });
    // Nothing half-shown is left behind: a card without its embed would be buttons alone.
    expect(plain.discord.messagesIn(CHANNEL)).toEqual([]);
  });

  it('a message Discord finds malformed (50035) is refused for good as a Goalpost bug, with Discord’s words', async () => {
    const b = await started();
    b.discord.failNext('POST', /^\/channels\/\d+\/messages$/, { status: 400, code: 50035 });
    const result = await scheduledDigest(b);
    expect(result?.status).toBe('refused');
    expect(result?.reason).toMatch(/bug in Goalpost/);
  });

  it('a decision whose thread Goalpost may not write in: the card is still edited, and the log says what to grant', async () => {
    const b = await started(['SendMessagesInThreads']);
    await b.listeners.chatInput(command('digest', [], APPROVER));
    await b.listeners.chatInput(command('approve', [{ name: 'ref', type: 3, value: 'T-1' }], APPROVER));
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    expect(b.discord.callsTo('PATCH', /^\/channels\/\d+\/messages\/\d+$/).at(-1)?.status).toBe(200);
    const warned = b.logs.filter((l) => l.level === 'warn').map((l) => l.msg);
    expect(warned.join('\n')).toMatch(/Send Messages in Threads/);
  });
});

describe('Discord interactions that can no longer be answered', () => {
  it('logs an interaction that expired before Goalpost answered (10062), does nothing, and does not throw', async () => {
    const b = await started();
    const late = interaction(
      USERS.member,
      [],
      {
        options: { data: [{ name: 'digest', type: 1, options: [] }] as OptionLike[] },
      },
      interactionRefused(10062, 'Unknown interaction'),
    );
    await expect(b.listeners.chatInput(late)).resolves.toBeUndefined();
    expect(b.discord.messagesIn(CHANNEL)).toEqual([]);
    expect(b.logs.map((l) => l.msg).join('\n')).toMatch(/expired before Goalpost answered.*3 s/);
    const click = interaction(
      USERS.approver,
      APPROVER,
      { customId: 'goalpost:approve:1:proposed' },
      interactionRefused(10062, 'Unknown interaction'),
    );
    await expect(b.listeners.button(click)).resolves.toBeUndefined();
    expect(b.app.tasks.list(ctx, { status: ['approved'] })).toEqual([]);
  });
});
