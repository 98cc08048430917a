import {
  Client,
  Events,
  GatewayIntentBits,
  type MessageReaction,
  type PartialMessageReaction,
  Partials,
  type PartialUser,
  REST,
  Routes,
  type User,
} from 'discord.js';
import type { ChatBot } from '../../src/chat.js';
import type { DiscordConfig, Goalpost, Logger } from '../../src/index.js';
import { createDiscordListeners, type DiscordListeners } from './discord-listeners.js';
import { createDiscordPort, type DiscordPort } from './discord-port.js';
import { discordReactionsLeft } from './reactions-left.js';

export interface DiscordAdapterOptions {
  app: Goalpost;
  bot: ChatBot;
  config: DiscordConfig;
  logger: Logger;
}

export interface DiscordAdapter {
  /** Where scheduled digests for Discord channels go. */
  port: DiscordPort;
  listeners: DiscordListeners;
  /** Logs in to the gateway. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The REST client Goalpost uses, pointed at DISCORD_API_URL when set (tests, proxies). */
export function discordRest(config: Pick<DiscordConfig, 'token' | 'apiUrl'>): REST {
  return new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
}

/**
 * The Discord adapter: a real discord.js gateway client with only the Guilds and
 * GuildMessageReactions intents (no privileged ones) and partials for messages, channels and
 * reactions, so reactions on digest messages from before a restart still count, unfetched. Slash commands,
 * buttons, the reject modal, autocomplete and reactions go to the chat bot; posts go over REST.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, logger } = options;
  const rest = discordRest(config);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    // Nothing Goalpost says ever pings @everyone, a role or a user by accident.
    allowedMentions: { parse: [] },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const port = createDiscordPort(rest, logger);
  const listeners = createDiscordListeners({
    app: options.app,
    bot: options.bot,
    port,
    logger,
    roles: config,
    botUserId: () => client.user?.id ?? null,
    async memberRoles(guildId, userId) {
      try {
        const member = (await rest.get(Routes.guildMember(guildId, userId))) as { roles?: string[] };
        return member.roles ?? [];
      } catch {
        return null;
      }
    },
    reactionsLeft: (at) => discordReactionsLeft(rest, logger, at),
  });

  const guard = (what: string, run: () => Promise<void>) => {
    run().catch((error: unknown) => logger.error({ err: error, what }, 'discord: a listener failed'));
  };
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) guard('command', () => listeners.chatInput(interaction));
    else if (interaction.isAutocomplete()) guard('autocomplete', () => listeners.autocomplete(interaction));
    else if (interaction.isButton()) guard('button', () => listeners.button(interaction));
    else if (interaction.isModalSubmit()) guard('modal', () => listeners.modal(interaction));
  });
  const onReaction = (
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    added: boolean,
  ) =>
    guard('reaction', async () => {
      // A partial message (one from before a restart) has all this needs: fetching it would need
      // Read Message History and a request per reaction.
      const { message } = reaction;
      await listeners.reaction(
        {
          emoji: { name: reaction.emoji.name },
          message: { id: message.id, channelId: message.channelId, guildId: message.guildId },
        },
        { id: user.id, bot: user.bot ?? false },
        added,
      );
    });
  client.on(Events.MessageReactionAdd, (reaction, user) => onReaction(reaction, user, true));
  client.on(Events.MessageReactionRemove, (reaction, user) => onReaction(reaction, user, false));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord: client error'));

  return {
    port,
    listeners,
    async start() {
      await client.login(config.token);
      logger.info({ user: client.user?.tag }, 'discord: connected');
    },
    async stop() {
      // A gateway that never answered can leave destroy() waiting; don't let it hold up shutdown.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.destroy(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 3000);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
