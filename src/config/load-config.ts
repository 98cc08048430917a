import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LearningConfig } from '../domain/learning-config.js';
import { ConfigError } from '../errors.js';
import { type DiscordConfig, discordConfig, type SlackConfig, slackConfig } from './chat-config.js';
import { parseDotEnv } from './dot-env.js';
import { type EnvIssue, type LOG_LEVELS, parseEnvironment } from './env-schema.js';
import { misspeltServiceSettings, unknownSettings } from './unknown-settings.js';

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
  /** Absolute path `npm start` appends its log to; unset means the entry point picks. */
  logFile: string | undefined;
  learning: LearningConfig;
  http: { port: number; host: string };
  /** Platform users (`slack:U024BE7LH`) who are admins of every workspace from the start. */
  admins: string[];
  webhooks: {
    /** Whether webhooks may go to loopback, private and link-local addresses (off by default). */
    allowPrivate: boolean;
  };
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
  github: {
    /** The token the connector reads issues with (and writes them with, if task export is on). */
    token: string | undefined;
    /** A GitHub App to sign in as instead (organisations): its id and private key. */
    app: { id: number; privateKey: string } | undefined;
    /** GitHub's REST API: github.com's, or a GitHub Enterprise server's. */
    apiUrl: string;
    /** Verifies `POST /github/webhook` deliveries; without it the endpoint is off. */
    webhookSecret: string | undefined;
    /** How often `npm start` syncs every connected repository; 0 is never. */
    syncMinutes: number;
  };
  stripe: {
    /** Stripe's API base: unset is Stripe's own (https://api.stripe.com). */
    apiBase: string | undefined;
    /** Verifies `POST /stripe/webhook` events; without it the endpoint is off. */
    webhookSecret: string | undefined;
    /** How often `npm start` reads every connected account again; 0 is never. */
    syncMinutes: number;
  };
  schedule: {
    /** Time zone for `subscribe` without one; defaults to the machine's. */
    defaultTimeZone: string | undefined;
    /** How late a missed digest may still be posted on start. */
    graceMinutes: number;
  };
}

/**
 * Parses the environment into a Config.
 * With `files` (the bot's start), a GOALPOST_DB or LOG_FILE naming a folder is among them. With
 * `dotEnv` (the names the `.env` file sets), each near miss of a SLACK_, DISCORD_, GITHUB_ or
 * STRIPE_ setting among those is given to `warn`, once: a `.env` shared with other tools holds
 * their names, some a letter or two from Goalpost's.
 * @throws ConfigError listing every bad variable with its accepted form, and every GOALPOST_ name
 * Goalpost does not read (a misspelt setting), with the one most likely meant.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string,
  options: { files?: boolean; dotEnv?: readonly string[]; warn?: (line: string) => void } = {},
): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const { settings: c, issues } = parseEnvironment(present);
  // Other tools' own names (SLACK_API_TOKEN, GITHUB_TOKEN_2) are as near as a slip: said, not refused.
  for (const near of misspeltServiceSettings(options.dotEnv ?? []))
    options.warn?.(`${near.variable} in .env is ${near.message}`);
  const unknown = unknownSettings(present);
  // The bot's (`files`): the command line's --db is its own flag, whose folder the open names.
  const folders = options.files === true ? foldersForFiles(present, cwd) : [];
  if (c === null || unknown.length > 0 || folders.length > 0) {
    const lines = [...issues, ...folders, ...unknown].map((i) => `  ${i.variable}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  if ((c.GITHUB_APP_ID === undefined) !== (c.GITHUB_PRIVATE_KEY === undefined)) {
    throw new ConfigError(
      `invalid environment:\n  ${c.GITHUB_APP_ID === undefined ? 'GITHUB_APP_ID' : 'GITHUB_PRIVATE_KEY'}: set it too: a GitHub App needs both GITHUB_APP_ID and GITHUB_PRIVATE_KEY`,
    );
  }
  return {
    dbPath: resolve(cwd, c.GOALPOST_DB),
    workspace: c.GOALPOST_WORKSPACE,
    maxTasks: c.GOALPOST_MAX_TASKS,
    rejectCooldownDays: c.GOALPOST_REJECT_COOLDOWN_DAYS,
    logLevel: c.LOG_LEVEL,
    logFile: c.LOG_FILE === undefined ? undefined : resolve(cwd, c.LOG_FILE),
    learning: {
      halfLifeDays: c.GOALPOST_HALF_LIFE_DAYS,
      policy: c.GOALPOST_ROUTING,
      leaseMinutes: c.GOALPOST_LEASE_MINUTES,
      maxAttempts: c.GOALPOST_MAX_ATTEMPTS,
      seed: c.GOALPOST_SEED,
    },
    http: { port: c.PORT, host: c.HOST },
    admins: c.GOALPOST_ADMINS,
    webhooks: { allowPrivate: c.GOALPOST_WEBHOOK_ALLOW_PRIVATE },
    chat: {
      console: c.GOALPOST_CONSOLE,
      consoleUser: c.GOALPOST_CONSOLE_USER,
      tokens: slackConfig(c) !== null || discordConfig(c) !== null,
    },
    slack: slackConfig(c),
    discord: discordConfig(c),
    github: {
      token: c.GITHUB_TOKEN,
      app:
        c.GITHUB_APP_ID !== undefined && c.GITHUB_PRIVATE_KEY !== undefined
          ? { id: Number(c.GITHUB_APP_ID), privateKey: c.GITHUB_PRIVATE_KEY }
          : undefined,
      apiUrl: (c.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
      webhookSecret: c.GITHUB_WEBHOOK_SECRET,
      syncMinutes: c.GITHUB_SYNC_MINUTES,
    },
    stripe: {
      apiBase: c.STRIPE_API_BASE,
      webhookSecret: c.STRIPE_WEBHOOK_SECRET,
      syncMinutes: c.STRIPE_SYNC_MINUTES,
    },
    schedule: { defaultTimeZone: c.GOALPOST_TIME_ZONE, graceMinutes: c.GOALPOST_DIGEST_GRACE_MINUTES },
  };
}

/** The settings that name a file: a folder there is no file, whatever else the environment holds. */
const FILE_SETTINGS = ['GOALPOST_DB', 'LOG_FILE'] as const;

/**
 * The settings naming a file that name a folder, listed with every other problem of the
 * environment (a review's PORT, LOG_FILE and GOALPOST_DB were each found by a start of its own,
 * once the one before was mended).
 */
function foldersForFiles(present: Readonly<Record<string, string | undefined>>, cwd: string): EnvIssue[] {
  const found: EnvIssue[] = [];
  for (const variable of FILE_SETTINGS) {
    const value = present[variable]?.trim();
    if (value === undefined || value === '' || value === ':memory:') continue;
    const path = resolve(cwd, value);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
      found.push({
        variable,
        message: `${path} is a folder: name a file in it, like ${join(path, variable === 'LOG_FILE' ? 'goalpost.log' : 'goalpost.db')}`,
      });
  }
  return found;
}

/**
 * The environment with `.env` from `cwd` underneath it: a variable set in the environment wins
 * over the file. A missing file is fine.
 * @throws ConfigError as readDotEnv
 */
export function withDotEnv(
  env: Record<string, string | undefined>,
  cwd: string,
): Record<string, string | undefined> {
  return { ...readDotEnv(cwd), ...env };
}

/**
 * What the `.env` file in `cwd` sets (nothing when there is none): its names are loadConfig's
 * `dotEnv`.
 * @throws ConfigError for an unreadable file, or naming each line of it that is not `KEY=value`,
 * a comment or blank, a quote never closed, and a name given twice.
 */
export function readDotEnv(cwd: string): Record<string, string> {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseDotEnv(text, file);
}
