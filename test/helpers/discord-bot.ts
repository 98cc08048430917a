import { join } from 'node:path';
import { DiscordAPIError } from 'discord.js';
import { afterEach } from 'vitest';
import { discordRest } from '../../adapters/discord/create-discord-adapter.js';
import { createDiscordListeners, type DiscordListeners } from '../../adapters/discord/discord-listeners.js';
import { createDiscordPort, type DiscordPort } from '../../adapters/discord/discord-port.js';
import { discordReactionsLeft } from '../../adapters/discord/reactions-left.js';
import { type ChatBot, createChatBot } from '../../src/chat.js';
import {
  type Clock,
  fixedClock,
  type Goalpost,
  type Logger,
  openGoalpost,
  silentLogger,
} from '../../src/index.js';
import type { Store } from '../../src/store/create-store.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord-rest.js';

export const GUILD = '1150000000000000001';
export const CHANNEL = '1150000000000000101';
export const ADMIN_ROLE = '1150000000000000201';
export const APPROVER_ROLE = '1150000000000000202';
/** People: an approver by Discord role, a second approver, a plain member, the bot. */
export const USERS = {
  approver: '1150000000000000301',
  approver2: '1150000000000000302',
  member: '1150000000000000303',
  stranger: '1150000000000000304',
} as const;

/** One line the Discord adapter logged. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  obj: Record<string, unknown>;
}

/** A logger that keeps what it is told, for tests that read the log. */
export function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, msg: msg ?? '', obj: obj as Record<string, unknown> });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

export interface DiscordBot {
  app: Goalpost;
  store: Store;
  bot: ChatBot;
  discord: FakeDiscord;
  port: DiscordPort;
  listeners: DiscordListeners;
  /** What the chat bot, the port and the listeners logged. */
  logs: LogLine[];
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * Goalpost's Discord listeners and port against a fake Discord REST API on 127.0.0.1, over a
 * real SQLite file with the EDU demo in the guild's workspace. Approvers hold the approver role
 * in Discord; the member holds none; the stranger is not in the guild. `clock`: one the test moves.
 */
export async function startDiscordBot(
  dir: string,
  clock: Clock = fixedClock('2026-11-23T09:00:00Z'),
): Promise<DiscordBot> {
  const discord = await startFakeDiscord({
    token: 'test-discord-token-0123456789',
    channels: { [CHANNEL]: {} },
    guildId: GUILD,
  });
  discord.members.set(`${GUILD}:${USERS.approver}`, [APPROVER_ROLE]);
  discord.members.set(`${GUILD}:${USERS.approver2}`, [APPROVER_ROLE]);
  discord.members.set(`${GUILD}:${USERS.member}`, []);
  const dbPath = join(dir, 'discord.db');
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
  const { app } = opened;
  app.demo.load(app.context({ workspaceId: GUILD, actor: 'cli:setup', source: 'cli', role: 'admin' }));
  const logs: LogLine[] = [];
  const logger = recordingLogger(logs);
  const bot = createChatBot({ app, clock, logger, defaultTimeZone: 'UTC' });
  const rest = discordRest({ token: 'test-discord-token-0123456789', apiUrl: discord.apiUrl });
  const port = createDiscordPort(rest, logger);
  const listeners = createDiscordListeners({
    app,
    bot,
    port,
    logger,
    roles: { adminRoles: [ADMIN_ROLE], approverRoles: [APPROVER_ROLE] },
    botUserId: () => discord.botUserId,
    memberRoles: async (guildId, userId) => discord.members.get(`${guildId}:${userId}`) ?? null,
    reactionsLeft: (at) => discordReactionsLeft(rest, logger, at),
  });
  return {
    app,
    store: opened.store,
    bot,
    discord,
    port,
    listeners,
    logs,
    dbPath,
    async stop() {
      await discord.close();
      opened.close();
    },
  };
}

/** What discord.js throws when Discord refuses an interaction's answer, e.g. 10062 Unknown interaction. */
export const interactionRefused = (code: number, message: string): DiscordAPIError =>
  new DiscordAPIError(
    { code, message },
    code,
    code === 40060 ? 400 : 404,
    'POST',
    '/interactions/1/t/callback',
    {},
  );

/**
 * A recording stand-in for a discord.js interaction: the fields the adapter reads, the calls it
 * makes. Like discord.js, it refuses a second first answer (reply, defer, modal) and a follow-up
 * or edit before the first answer: Discord shows "This interaction failed" for those.
 * `refuseFirstAnswer` makes the first answer fail as Discord fails it (too late: 10062).
 */
export function interaction<E extends object = object>(
  user: string,
  roles: string[],
  extra?: E,
  refuseFirstAnswer?: DiscordAPIError,
) {
  const calls: Array<{ method: string; payload: unknown }> = [];
  let acknowledged = false;
  const first =
    (method: string) =>
    async (payload?: unknown): Promise<void> => {
      if (acknowledged)
        throw new Error(`${method}: the reply to this interaction has already been sent or deferred`);
      if (refuseFirstAnswer) throw refuseFirstAnswer;
      acknowledged = true;
      calls.push({ method, payload });
    };
  const later =
    (method: string) =>
    async (payload?: unknown): Promise<void> => {
      if (!acknowledged)
        throw new Error(`${method}: the reply to this interaction has not been sent or deferred`);
      calls.push({ method, payload });
    };
  return {
    calls,
    id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    guildId: GUILD,
    channelId: CHANNEL,
    user: { id: user },
    member: { roles },
    reply: first('reply'),
    deferReply: first('deferReply'),
    deferUpdate: first('deferUpdate'),
    showModal: first('showModal'),
    editReply: later('editReply'),
    followUp: later('followUp'),
    respond: first('respond'),
    ...(extra as E),
  };
}

/**
 * Registers the cleanup hook and returns `start`: a bot over a fresh folder's database, stopped
 * after each test.
 */
export function useDiscordBot(tempDir: () => string): (clock?: Clock) => Promise<DiscordBot> {
  let running: DiscordBot | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return async (clock?: Clock) => {
    running = await startDiscordBot(tempDir(), clock);
    return running;
  };
}
