import type { Command } from 'commander';
import type { Runner } from '../runner.js';

/** `goalpost discord register`: the slash command, built from the chat grammar, registered with Discord. */
export function registerDiscordCommands(program: Command, run: Runner): void {
  const discord = program.command('discord').description('the Discord bot: slash command registration');
  discord
    .command('register')
    .description(
      'register /goalpost (every chat command as a subcommand) on DISCORD_GUILD_ID, or globally without it; ' +
        'safe to repeat: it overwrites',
    )
    .action(async (_o, cmd: Command) => {
      // The chat grammar and discord.js load only for this command, not for every other one.
      const { register, renderRegistered } = await import('./discord-register.js');
      return run(cmd, register, renderRegistered);
    });
}
