// `goalpost discord register`'s work, loaded only when that command runs (discord.js takes ~0.5 s to load).
import { REST } from 'discord.js';
import { createChatBot } from '../../../src/chat.js';
import { ConfigError, silentLogger } from '../../../src/index.js';
import { type RegisterCommandsResult, registerCommands } from '../../discord/register-commands.js';
import type { CliSession } from '../session.js';

const DEFAULT_API = 'https://discord.com/api';

export function renderRegistered(r: RegisterCommandsResult): string {
  // `/goalpost with 57 subcommands and /backlog with 3`: how many each slash command took.
  const counts = Object.keys(r.commandIds).map((name) => {
    const n = r.registered.filter((path) => path.startsWith(`/${name} `)).length;
    return `/${name} with ${n} subcommand${n === 1 ? '' : 's'}`;
  });
  const what = counts.join(' and ');
  return r.scope === 'guild'
    ? `Registered ${what} on guild ${r.guildId}.`
    : `Registered ${what} globally; global commands can take up to an hour to appear.`;
}

interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  api: string;
}

/** The Discord settings registration needs, or a ConfigError naming every one missing. */
function discordSettings(s: CliSession): DiscordSettings {
  const discord = s.config().discord;
  const token = discord?.token;
  const applicationId = discord?.applicationId;
  if (!token || !applicationId) {
    const missing = [
      token ? '' : 'DISCORD_TOKEN: the bot token (Developer Portal → your app → Bot → Reset Token)',
      applicationId
        ? ''
        : 'DISCORD_APPLICATION_ID: the application id (Developer Portal → General Information)',
    ].filter((m) => m !== '');
    throw new ConfigError(`missing Discord settings to register commands:\n  ${missing.join('\n  ')}`);
  }
  // REST appends `/v10/...` itself, so a trailing slash would double it.
  const api = (discord.apiUrl ?? DEFAULT_API).replace(/\/+$/, '');
  return { token, applicationId, guildId: discord.guildId, api };
}

/** Discord's refusals that mean a setting is wrong, as a ConfigError that says which; anything else as is. */
function explain(error: unknown, d: DiscordSettings): unknown {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  const why = error instanceof Error ? error.message : String(error);
  const where = d.guildId ? `guild ${d.guildId}` : 'globally';
  if (status === 401)
    return new ConfigError(`Discord refused DISCORD_TOKEN (${why}); reset it on the Bot page`);
  if (status === 403) {
    return new ConfigError(
      `Discord refused to register commands ${where} (${why}): invite the bot to that server with the ` +
        'bot and applications.commands scopes, and check DISCORD_APPLICATION_ID is this bot’s application',
    );
  }
  if (status === 404) {
    return new ConfigError(`Discord does not know DISCORD_APPLICATION_ID or DISCORD_GUILD_ID (${why})`);
  }
  return error;
}

export async function register(s: CliSession): Promise<RegisterCommandsResult> {
  const settings = discordSettings(s);
  const { commands } = createChatBot({
    app: s.app(),
    clock: s.clock(),
    logger: silentLogger,
    defaultTimeZone: 'UTC',
  });
  const rest = new REST({ api: settings.api, version: '10' }).setToken(settings.token);
  try {
    return await registerCommands({
      rest,
      applicationId: settings.applicationId,
      guildId: settings.guildId,
      commands,
    });
  } catch (error) {
    throw explain(error, settings);
  }
}
