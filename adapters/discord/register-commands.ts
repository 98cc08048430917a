import { Routes } from 'discord-api-types/v10';
import type { CommandDef } from '../../src/index.js';
import { buildCommandDefinitions, registeredPaths, SLASH_COMMAND } from './command-definitions.js';

/** The part of @discordjs/rest's `REST` registration needs (a `REST` instance fits). */
export interface CommandsRest {
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
}

/** What to register, where, with which client. */
export interface RegisterCommandsOptions {
  rest: CommandsRest;
  applicationId: string;
  /** Register on this server only (shows at once); without it, globally (every server the app is in). */
  guildId?: string | undefined;
  /** The chat grammar: `createChatBot(…).commands`. */
  commands: readonly CommandDef[];
}

/** What was registered: the scope, Discord's id of each slash command, and every command as typed. */
export interface RegisterCommandsResult {
  scope: 'guild' | 'global';
  guildId: string | null;
  /** Discord's id of the `/goalpost` command (as before `/backlog` came; `commandIds` has both). */
  commandId: string;
  /** Discord's id of each slash command, by name: `goalpost`, `backlog`. */
  commandIds: Record<string, string>;
  /** Every command registered, as typed: `/goalpost approve`, `/goalpost vision show`, `/backlog feature add`. */
  registered: string[];
}

const isCommandList = (v: unknown): v is Array<{ id?: unknown; name?: unknown }> =>
  Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null);

/**
 * Registers `/goalpost` and `/backlog` with every grammar command as a subcommand of one of them,
 * by bulk overwrite (`PUT`): the scope ends up with exactly these commands however often it runs,
 * and commands Goalpost no longer has disappear. Guild commands show at once; global ones can
 * take a while.
 * @throws DiscordAPIError (from REST) when Discord refuses, Error when its answer lacks a command.
 */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const { rest, applicationId, guildId, commands } = options;
  const body = buildCommandDefinitions(commands);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const answer = await rest.put(route, { body });
  const commandIds: Record<string, string> = {};
  for (const { name } of body) {
    const registered = isCommandList(answer) ? answer.find((c) => c.name === name) : undefined;
    if (registered === undefined || typeof registered.id !== 'string') {
      throw new Error(`Discord answered the registration without a /${name} command`);
    }
    commandIds[name] = registered.id;
  }
  return {
    scope: guildId ? 'guild' : 'global',
    guildId: guildId ?? null,
    commandId: commandIds[SLASH_COMMAND] ?? '',
    commandIds,
    registered: registeredPaths(commands),
  };
}
