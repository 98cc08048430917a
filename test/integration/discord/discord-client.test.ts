import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDiscordAdapter,
  type DiscordAdapter,
} from '../../../adapters/discord/create-discord-adapter.js';
import { createChatBot } from '../../../src/chat.js';
import { fixedClock, type Goalpost, openGoalpost, silentLogger } from '../../../src/index.js';
import { discordEvents } from '../../fakes/discord-events.js';
import { type FakeGateway, startFakeGateway } from '../../fakes/discord-gateway.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord-rest.js';
import { type LogLine, recordingLogger } from '../../helpers/discord-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'test-discord-token-0123456789';
const APP = '1150000000000000001';
const GUILD = '1150000000000000011';
const CHANNEL = '1150000000000000101';
const APPROVER_ROLE = '1150000000000000202';
const APPROVER = '1150000000000000301';
const APPROVER2 = '1150000000000000302';

const tempDir = useTempDir();
const events = discordEvents({ applicationId: APP, guildId: GUILD, channelId: CHANNEL });

interface Message {
  id: string;
  content: string;
  embeds: Array<{ title?: string; description?: string }>;
}

/** Goalpost on the real discord.js client, against a fake gateway and REST API, over a demo workspace. */
interface Running {
  app: Goalpost;
  gateway: FakeGateway;
  discord: FakeDiscord;
  logs: LogLine[];
  /** Stops the adapter and starts another (a new client), as a restarted bot does. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

let running: Running | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function start(): Promise<Running> {
  const gateway = await startFakeGateway({
    bot: { id: APP, username: 'goalpost' },
    applicationId: APP,
    token: TOKEN,
    guild: { id: GUILD, name: 'Team', channels: [CHANNEL], roles: [APPROVER_ROLE] },
    heartbeatIntervalMs: 300,
  });
  const discord = await startFakeDiscord({
    applicationId: APP,
    token: TOKEN,
    gatewayUrl: gateway.url,
    channels: { [CHANNEL]: {} },
    guildId: GUILD,
    dispatch: (event, data) => gateway.dispatch(event, data),
  });
  discord.members.set(`${GUILD}:${APPROVER}`, [APPROVER_ROLE]);
  discord.members.set(`${GUILD}:${APPROVER2}`, [APPROVER_ROLE]);
  const clock = fixedClock('2026-11-23T09:00:00Z');
  const opened = openGoalpost({ dbPath: join(tempDir(), 'discord.db'), clock, logger: silentLogger });
  const { app } = opened;
  app.demo.load(app.context({ workspaceId: GUILD, actor: 'cli:setup', source: 'cli', role: 'admin' }));
  const logs: LogLine[] = [];
  const config = {
    token: TOKEN,
    applicationId: APP,
    guildId: GUILD,
    apiUrl: discord.apiUrl,
    adminRoles: [],
    approverRoles: [APPROVER_ROLE],
  };
  const connect = async (): Promise<DiscordAdapter> => {
    const bot = createChatBot({ app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
    const adapter = createDiscordAdapter({ app, bot, config, logger: recordingLogger(logs) });
    const identified = gateway.received.filter((p) => p.op === 2).length;
    await adapter.start();
    await discord.waitFor(() => gateway.received.filter((p) => p.op === 2).length > identified);
    await gateway.identified();
    return adapter;
  };
  let adapter = await connect();
  running = {
    app,
    gateway,
    discord,
    logs,
    async restart() {
      await adapter.stop();
      adapter = await connect();
    },
    async stop() {
      await adapter.stop();
      await gateway.close();
      await discord.close();
      opened.close();
    },
  };
  return running;
}

const ctx = (app: Goalpost) =>
  app.context({ workspaceId: GUILD, actor: 'cli:lead', source: 'cli', role: 'admin' });
const statusOf = (app: Goalpost, ref: string) => app.tasks.show(ctx(app), ref).task.status;
const answers = (d: FakeDiscord) => d.callsTo('PATCH', /@original$/);

/** `/goalpost digest` by an approver: the header in the channel, its cards in the header's thread. */
async function postDigest(r: Running) {
  r.gateway.dispatch('INTERACTION_CREATE', events.slashCommand(APPROVER, [APPROVER_ROLE], 'digest'));
  await r.discord.waitFor(() => answers(r.discord).length > 0);
  const header = (r.discord.messagesIn(CHANNEL) as unknown as Message[]).find((m) =>
    m.embeds[0]?.title?.startsWith('Goalpost digest'),
  );
  const thread = { id: header?.id ?? '', parentId: CHANNEL };
  const cardOf = (ref: string) =>
    (r.discord.messagesIn(thread.id) as unknown as Message[]).find((m) =>
      m.embeds[0]?.title?.startsWith(`${ref} · `),
    );
  expect(cardOf('T-5')).toBeDefined();
  return { thread, cardOf };
}

describe('Discord failing a post (5xx past the REST client’s retries)', () => {
  it('/goalpost approve: the approver is told it was approved and that Discord failed to post it, not to check permissions', async () => {
    const r = await start();
    const { cardOf } = await postDigest(r);
    // The first try and the REST client's three retries.
    for (let k = 0; k < 4; k++)
      r.discord.failNext('POST', new RegExp(`^/channels/${CHANNEL}/messages$`), { status: 500 });
    const from = r.discord.calls.length;
    r.gateway.dispatch(
      'INTERACTION_CREATE',
      events.slashCommand(APPROVER, [APPROVER_ROLE], 'approve', [{ name: 'ref', type: 3, value: 'T-2' }]),
    );
    // What the approver alone sees: the deferred reply edited, then any follow-ups.
    const privately = () =>
      r.discord.calls
        .slice(from)
        .filter((c) => /^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(c.path) && c.method !== 'GET')
        .map((c) => JSON.stringify(c.body))
        .join('\n');
    await r.discord.waitFor(() => /T-2 approved by/.test(privately()), 15_000);
    await r.discord.waitFor(() => /permissions|HTTP 500/.test(privately()));
    expect(statusOf(r.app, 'T-2')).toBe('approved');
    expect(JSON.stringify(r.discord.messages.get(cardOf('T-2')?.id ?? ''))).toMatch(/Approved by/);
    const said = privately();
    expect(said).toMatch(/T-2 approved by/);
    expect(said).toMatch(/Discord failed to post it in the channel \(HTTP 500\)/);
    expect(said).not.toMatch(/permissions/);
    expect(r.logs.some((l) => l.level === 'error' && /failed to take a post/.test(l.msg))).toBe(true);
  });
});

describe('Reject on a card out of date', () => {
  it('answers at the click, as Approve does, and opens no form to refuse the reason typed in it', async () => {
    const r = await start();
    const { thread, cardOf } = await postDigest(r);
    r.app.decisions.decide(ctx(r.app), { ref: 'T-1', action: 'approve' });
    const before = r.discord.interactionResponses.length;
    r.gateway.dispatch(
      'INTERACTION_CREATE',
      events.buttonClick(
        APPROVER2,
        [APPROVER_ROLE],
        'goalpost:reject:1:proposed',
        { ...cardOf('T-1') },
        thread,
      ),
    );
    await r.discord.waitFor(() => r.discord.interactionResponses.length > before);
    const answer = r.discord.interactionResponses.at(-1);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(answer?.data)).toMatch(/T-1 changed while you were deciding: it is approved/);
    expect(r.discord.interactionResponses.some((x) => x.type === 9)).toBe(false);
    expect(statusOf(r.app, 'T-1')).toBe('approved');
  });

  it('still opens the form on a card that shows the task as it is', async () => {
    const r = await start();
    const { thread, cardOf } = await postDigest(r);
    const before = r.discord.interactionResponses.length;
    r.gateway.dispatch(
      'INTERACTION_CREATE',
      events.buttonClick(
        APPROVER2,
        [APPROVER_ROLE],
        'goalpost:reject:3:proposed',
        { ...cardOf('T-3') },
        thread,
      ),
    );
    await r.discord.waitFor(() => r.discord.interactionResponses.length > before);
    expect(r.discord.interactionResponses.at(-1)?.type).toBe(9);
  });
});

describe('after a restart', () => {
  it('a ✅ on a card posted in the digest’s thread before the restart still approves it', async () => {
    const r = await start();
    const { thread, cardOf } = await postDigest(r);
    await r.restart();
    r.gateway.dispatch(
      'MESSAGE_REACTION_ADD',
      events.reactionAdd(APPROVER, [APPROVER_ROLE], cardOf('T-5')?.id ?? '', '✅', thread),
    );
    await r.discord.waitFor(() => statusOf(r.app, 'T-5') === 'approved');
    await r.discord.waitFor(() =>
      (r.discord.messagesIn(thread.id) as unknown as Message[]).some((m) =>
        /T-5 approved by/.test(m.content),
      ),
    );
  });
});
