import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { isTimeZone } from './domain/due.js';
import { type LearningConfig, ROUTING_POLICIES } from './domain/learning-config.js';
import { ConfigError } from './errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma list of Discord ids (roles, users). */
const snowflakeList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .pipe(
    z.array(z.string().regex(/^\d{15,21}$/, { error: (i) => `"${String(i.input)}" is not a Discord id` })),
  )
  .default([]);

/** A whole number from `min` to `max`, from an environment string; one message for every way it's wrong. */
const wholeNumber = (min: number, max: number, error: string) =>
  z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });

const schema = z.object({
  GOALPOST_DB: z
    .string()
    .trim()
    .min(1, { error: 'must be a file path, like ./data/goalpost.db' })
    .default('./data/goalpost.db'),
  GOALPOST_WORKSPACE: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'letters, digits and _.:- only, up to 64, like default' })
    .default('default'),
  GOALPOST_MAX_TASKS: wholeNumber(1, 50, 'a whole number from 1 to 50, like 5').default(5),
  GOALPOST_REJECT_COOLDOWN_DAYS: wholeNumber(
    0,
    3650,
    'a whole number of days from 0 to 3650, like 30',
  ).default(30),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).optional(),
  GOALPOST_HALF_LIFE_DAYS: z.coerce
    .number({ error: 'a number of days > 0, like 30' })
    .positive({ error: 'a number of days > 0, like 30' })
    .max(3650, { error: 'at most 3650 days' })
    .default(30),
  GOALPOST_ROUTING: z
    .enum(ROUTING_POLICIES, { error: `one of ${ROUTING_POLICIES.join(', ')}` })
    .default('thompson'),
  GOALPOST_LEASE_MINUTES: wholeNumber(1, 10080, 'whole minutes from 1 to 10080, like 30').default(30),
  GOALPOST_MAX_ATTEMPTS: wholeNumber(1, 20, 'a whole number from 1 to 20, like 3').default(3),
  GOALPOST_SEED: z.string().max(100, { error: 'at most 100 characters' }).default('goalpost'),
  PORT: wholeNumber(0, 65535, 'a port from 0 to 65535, like 3000 (0 picks a free one)').default(3000),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,253}$/, { error: 'a host name or address, like 127.0.0.1 or 0.0.0.0' })
    .default('127.0.0.1'),
  GOALPOST_ADMINS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(
      z.array(
        z.string().regex(/^(console|slack|discord):[A-Za-z0-9_.@-]{1,100}$/, {
          error: (i) =>
            `"${String(i.input)}" is not platform:user; use a comma list like slack:U024BE7LH,discord:80351110224678912,console:ana`,
        }),
      ),
    )
    .default([]),
  GOALPOST_CONSOLE: z.enum(['auto', 'on', 'off'], { error: 'auto, on or off' }).default('auto'),
  GOALPOST_CONSOLE_USER: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{1,100}$/, { error: 'letters, digits and _.@- only, like ana' })
    .optional(),
  GOALPOST_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { error: (i) => `"${String(i.input)}" is not an IANA time zone, like Europe/Berlin` })
    .optional(),
  GOALPOST_DIGEST_GRACE_MINUTES: wholeNumber(0, 1440, 'whole minutes from 0 to 1440, like 180').default(180),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-\S+$/, { error: 'a bot token starting xoxb-' })
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, { error: 'an app-level token starting xapp- (Socket Mode)' })
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^\S{8,}$/, { error: 'the signing secret from Basic Information' })
    .optional(),
  SLACK_CLIENT_ID: z
    .string()
    .regex(/^[\d.]+$/, { error: 'the client id from Basic Information, like 1234.5678' })
    .optional(),
  SLACK_CLIENT_SECRET: z
    .string()
    .regex(/^\S{8,}$/, { error: 'the client secret from Basic Information' })
    .optional(),
  SLACK_STATE_SECRET: z.string().min(16, { error: 'a random string of 16 or more characters' }).optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL ending in /api/, like https://slack.com/api/' })
    .optional(),
  DISCORD_TOKEN: z
    .string()
    .regex(/^\S{20,}$/, { error: 'the bot token from the Developer Portal’s Bot page' })
    .optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{15,21}$/, { error: 'the application id, like 1150000000000000000' })
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{15,21}$/, { error: 'a server (guild) id, like 1150000000000000000' })
    .optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL like https://discord.com/api' })
    .optional(),
  DISCORD_ADMIN_ROLES: snowflakeList,
  DISCORD_APPROVER_ROLES: snowflakeList,
});

/** Goalpost's configuration, parsed once at start from the environment. */
export interface Config {
  /** Absolute path of the SQLite file. */
  dbPath: string;
  workspace: string;
  maxTasks: number;
  /** Days a rejected task stays away unless its facts change. */
  rejectCooldownDays: number;
  /** Unset means the entry point picks (the CLI is quieter than the bot). */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
  learning: LearningConfig;
  http: { port: number; host: string };
  /** Platform users (`slack:U024BE7LH`) who are admins of every workspace from the start. */
  admins: string[];
  chat: {
    /** Whether to run the console chat on stdin/stdout; `auto` runs it when no chat token is set. */
    console: 'auto' | 'on' | 'off';
    /** The console user's name; defaults to the OS user. */
    consoleUser: string | undefined;
    /** True when any Slack or Discord token is configured. */
    tokens: boolean;
  };
  /** Slack, when any SLACK_ variable is set; null otherwise. */
  slack: SlackConfig | null;
  /** Discord, when DISCORD_TOKEN is set; null otherwise. */
  discord: DiscordConfig | null;
  schedule: {
    /** Time zone for `subscribe` without one; defaults to the machine's. */
    defaultTimeZone: string | undefined;
    /** How late a missed digest may still be posted on start. */
    graceMinutes: number;
  };
}

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

function discordConfig(c: z.output<typeof schema>): DiscordConfig | null {
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
function slackProblems(c: z.output<typeof schema>): string[] {
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

function slackConfig(c: z.output<typeof schema>): SlackConfig | null {
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

/** How Goalpost learns from outcomes and hands out queued work. */

/**
 * Parses the environment into a Config.
 * @throws ConfigError listing every bad variable with its accepted form.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    dbPath: resolve(cwd, c.GOALPOST_DB),
    workspace: c.GOALPOST_WORKSPACE,
    maxTasks: c.GOALPOST_MAX_TASKS,
    rejectCooldownDays: c.GOALPOST_REJECT_COOLDOWN_DAYS,
    logLevel: c.LOG_LEVEL,
    learning: {
      halfLifeDays: c.GOALPOST_HALF_LIFE_DAYS,
      policy: c.GOALPOST_ROUTING,
      leaseMinutes: c.GOALPOST_LEASE_MINUTES,
      maxAttempts: c.GOALPOST_MAX_ATTEMPTS,
      seed: c.GOALPOST_SEED,
    },
    http: { port: c.PORT, host: c.HOST },
    admins: c.GOALPOST_ADMINS,
    chat: {
      console: c.GOALPOST_CONSOLE,
      consoleUser: c.GOALPOST_CONSOLE_USER,
      tokens: slackConfig(c) !== null || discordConfig(c) !== null,
    },
    slack: slackConfig(c),
    discord: discordConfig(c),
    schedule: { defaultTimeZone: c.GOALPOST_TIME_ZONE, graceMinutes: c.GOALPOST_DIGEST_GRACE_MINUTES },
  };
}

/**
 * The environment with `.env` from `cwd` underneath it: a variable set in the environment wins
 * over the file. A missing file is fine; an unreadable one is a ConfigError.
 */
export function withDotEnv(
  env: Record<string, string | undefined>,
  cwd: string,
): Record<string, string | undefined> {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return env;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return { ...parseEnv(text), ...env };
}
