import { ConfigError } from '../errors.js';
import type { EnvSettings } from './env-schema.js';

/** How Goalpost talks to Slack: Events over HTTP (signing secret) or Socket Mode (app token). */
export interface SlackConfig {
  mode: 'http' | 'socket';
  botToken: string | undefined;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Several workspaces install the app through OAuth; without it, the one bot token's workspace. */
  oauth: { clientId: string; clientSecret: string; stateSecret: string } | null;
  /** Where the Web API lives (tests, proxies); Slack's own when unset. */
  apiUrl: string | undefined;
}

/** How Goalpost talks to Discord: the gateway (bot token) and REST. */
export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  /** Register commands on this server only (instant), instead of globally. */
  guildId: string | undefined;
  apiUrl: string | undefined;
  /** Discord roles whose members are Goalpost admins / approvers in their server. */
  adminRoles: string[];
  approverRoles: string[];
}

export function discordConfig(c: EnvSettings): DiscordConfig | null {
  if (!c.DISCORD_TOKEN) {
    const stray = ['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID', 'DISCORD_API_URL'].filter(
      (k) => c[k as keyof typeof c] !== undefined,
    );
    if (stray.length > 0)
      throw new ConfigError(`invalid Discord settings:\n  DISCORD_TOKEN: needed with ${stray.join(', ')}`);
    return null;
  }
  return {
    token: c.DISCORD_TOKEN,
    applicationId: c.DISCORD_APPLICATION_ID,
    guildId: c.DISCORD_GUILD_ID,
    apiUrl: c.DISCORD_API_URL,
    adminRoles: c.DISCORD_ADMIN_ROLES,
    approverRoles: c.DISCORD_APPROVER_ROLES,
  };
}

/** Every SLACK_ combination that cannot work, as messages; empty when it can. */
function slackProblems(c: EnvSettings): string[] {
  const problems: string[] = [];
  const oauthParts = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
  const oauth = oauthParts.every((p) => p !== undefined);
  if (oauthParts.some((p) => p !== undefined) && !oauth) {
    problems.push('  SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: OAuth needs all three');
  }
  if (!c.SLACK_BOT_TOKEN && !oauth) {
    problems.push('  SLACK_BOT_TOKEN: set it (one workspace) or SLACK_CLIENT_ID/SECRET/STATE_SECRET (OAuth)');
  }
  if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    problems.push(
      '  SLACK_SIGNING_SECRET: needed to verify Slack requests over HTTP (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if (oauth && !c.SLACK_SIGNING_SECRET) {
    problems.push('  SLACK_SIGNING_SECRET: OAuth installs arrive over HTTP, so they need it');
  }
  return problems;
}

export function slackConfig(c: EnvSettings): SlackConfig | null {
  const any = Object.keys(c).some((k) => k.startsWith('SLACK_') && c[k as keyof typeof c] !== undefined);
  if (!any) return null;
  const problems = slackProblems(c);
  if (problems.length > 0) throw new ConfigError(`invalid Slack settings:\n${problems.join('\n')}`);
  return {
    mode: c.SLACK_APP_TOKEN ? 'socket' : 'http',
    botToken: c.SLACK_BOT_TOKEN,
    signingSecret: c.SLACK_SIGNING_SECRET,
    appToken: c.SLACK_APP_TOKEN,
    oauth:
      c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET && c.SLACK_STATE_SECRET
        ? {
            clientId: c.SLACK_CLIENT_ID,
            clientSecret: c.SLACK_CLIENT_SECRET,
            stateSecret: c.SLACK_STATE_SECRET,
          }
        : null,
    apiUrl: c.SLACK_API_URL,
  };
}
