import * as z from 'zod';
import { MAX_LEASE_MINUTES, ROUTING_POLICIES } from '../domain/learning-config.js';
import { refineTimeZone } from '../domain/validate.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma list (`a, b,c`), each item read by `item`; blanks between commas are dropped. */
const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(item));

/** A comma list of Discord ids (roles, users). */
const snowflakeList = () =>
  commaList(z.string().regex(/^\d{15,21}$/, { error: (i) => `"${String(i.input)}" is not a Discord id` }));

/**
 * A whole number from `min` to `max`, from an environment string of decimal digits (spaces around
 * them aside); one message, once, for every way it's wrong. Not Number()'s reading, which takes a
 * blank value (`PORT=" "`) for 0 (a random port; `GOALPOST_REJECT_COOLDOWN_DAYS=" "` holding
 * nothing back) and `0x1e` or `1e1` for 30 and 10.
 */
const wholeNumber = (min: number, max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .refine((v) => /^\d{1,16}$/.test(v) && Number(v) >= min && Number(v) <= max, { error })
    .transform(Number);

/**
 * A file's path, as `example` shows it. A leading `~` is refused: neither `.env` nor systemd's
 * EnvironmentFile expands it (a shell does, unquoted), and taken as it is it made a folder named `~`
 * in the working folder, where the team's database went without a word.
 */
const filePath = (example: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `a file path, like ${example}` })
    .refine((v) => !v.startsWith('~'), {
      error: `\`~\` is not expanded here; give an absolute path or one relative to the working folder, like ${example}`,
    });

/**
 * A variable Goalpost reads: its schema, built only when the variable is set, and its value when
 * it is not. A command reads a few of these forty; building every schema took some 5 ms of each (a z.object of them).
 */
export interface EnvVariable<S extends z.ZodType, U> {
  schema: () => S;
  unset: U;
}

/** A variable that is undefined when unset. */
const optional = <S extends z.ZodType>(schema: () => S): EnvVariable<S, undefined> => ({
  schema,
  unset: undefined,
});

/** A variable that is `unset` when unset (what a value read by its schema would be). */
const orElse = <S extends z.ZodType>(unset: z.output<S>, schema: () => S): EnvVariable<S, z.output<S>> => ({
  schema,
  unset,
});

/** Every environment variable Goalpost reads, with its accepted form and its value when unset. */
export const ENV_VARIABLES = {
  GOALPOST_DB: orElse('./data/goalpost.db', () => filePath('./data/goalpost.db')),
  GOALPOST_WORKSPACE: orElse('default', () =>
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: 'letters, digits and _.:- only, up to 64, like default' }),
  ),
  GOALPOST_MAX_TASKS: orElse(5, () => wholeNumber(1, 50, 'a whole number from 1 to 50, like 5')),
  GOALPOST_REJECT_COOLDOWN_DAYS: orElse(30, () =>
    wholeNumber(0, 3650, 'a whole number of days from 0 to 3650, like 30'),
  ),
  LOG_LEVEL: optional(() => z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` })),
  LOG_FILE: optional(() => filePath('./data/goalpost.log')),
  GOALPOST_HALF_LIFE_DAYS: orElse(30, () =>
    z.coerce
      .number({ error: 'a number of days > 0, like 30' })
      .positive({ error: 'a number of days > 0, like 30' })
      .max(3650, { error: 'at most 3650 days' }),
  ),
  GOALPOST_ROUTING: orElse('thompson', () =>
    z.enum(ROUTING_POLICIES, { error: `one of ${ROUTING_POLICIES.join(', ')}` }),
  ),
  GOALPOST_LEASE_MINUTES: orElse(30, () =>
    wholeNumber(1, MAX_LEASE_MINUTES, `whole minutes from 1 to ${MAX_LEASE_MINUTES} (a week), like 30`),
  ),
  GOALPOST_MAX_ATTEMPTS: orElse(3, () => wholeNumber(1, 20, 'a whole number from 1 to 20, like 3')),
  GOALPOST_SEED: orElse('goalpost', () => z.string().max(100, { error: 'at most 100 characters' })),
  PORT: orElse(3000, () => wholeNumber(0, 65535, 'a port from 0 to 65535, like 3000 (0 picks a free one)')),
  HOST: orElse('127.0.0.1', () =>
    z
      .string()
      .regex(/^[A-Za-z0-9.:-]{1,253}$/, { error: 'a host name or address, like 127.0.0.1 or 0.0.0.0' }),
  ),
  GOALPOST_ADMINS: orElse([], () =>
    commaList(
      z.string().regex(/^(console|slack|discord):[A-Za-z0-9_.@-]{1,100}$/, {
        error: (i) =>
          `"${String(i.input)}" is not platform:user; use a comma list like slack:U024BE7LH,discord:80351110224678912,console:ana`,
      }),
    ),
  ),
  GOALPOST_CONSOLE: orElse('auto', () => z.enum(['auto', 'on', 'off'], { error: 'auto, on or off' })),
  GOALPOST_WEBHOOK_ALLOW_PRIVATE: orElse(false, () =>
    z.enum(['on', 'off'], { error: 'on or off' }).transform((v) => v === 'on'),
  ),
  GOALPOST_CONSOLE_USER: optional(() =>
    z.string().regex(/^[A-Za-z0-9_.@-]{1,100}$/, { error: 'letters, digits and _.@- only, like ana' }),
  ),
  GOALPOST_TIME_ZONE: optional(() => z.string().superRefine(refineTimeZone)),
  GOALPOST_DIGEST_GRACE_MINUTES: orElse(180, () =>
    wholeNumber(0, 1440, 'whole minutes from 0 to 1440, like 180'),
  ),
  SLACK_BOT_TOKEN: optional(() => z.string().regex(/^xoxb-\S+$/, { error: 'a bot token starting xoxb-' })),
  SLACK_APP_TOKEN: optional(() =>
    z.string().regex(/^xapp-\S+$/, { error: 'an app-level token starting xapp- (Socket Mode)' }),
  ),
  SLACK_SIGNING_SECRET: optional(() =>
    z.string().regex(/^\S{8,}$/, { error: 'the signing secret from Basic Information' }),
  ),
  SLACK_CLIENT_ID: optional(() =>
    z.string().regex(/^[\d.]+$/, { error: 'the client id from Basic Information, like 1234.5678' }),
  ),
  SLACK_CLIENT_SECRET: optional(() =>
    z.string().regex(/^\S{8,}$/, { error: 'the client secret from Basic Information' }),
  ),
  SLACK_STATE_SECRET: optional(() =>
    z.string().min(16, { error: 'a random string of 16 or more characters' }),
  ),
  SLACK_API_URL: optional(() =>
    z.url({ protocol: /^https?$/, error: 'an http(s) URL ending in /api/, like https://slack.com/api/' }),
  ),
  DISCORD_TOKEN: optional(() =>
    z.string().regex(/^\S{20,}$/, { error: 'the bot token from the Developer Portal’s Bot page' }),
  ),
  DISCORD_APPLICATION_ID: optional(() =>
    z.string().regex(/^\d{15,21}$/, { error: 'the application id, like 1150000000000000000' }),
  ),
  DISCORD_GUILD_ID: optional(() =>
    z.string().regex(/^\d{15,21}$/, { error: 'a server (guild) id, like 1150000000000000000' }),
  ),
  DISCORD_API_URL: optional(() =>
    z.url({ protocol: /^https?$/, error: 'an http(s) URL like https://discord.com/api' }),
  ),
  DISCORD_ADMIN_ROLES: orElse([], snowflakeList),
  DISCORD_APPROVER_ROLES: orElse([], snowflakeList),
  GITHUB_TOKEN: optional(() =>
    z.string().regex(/^\S{20,255}$/, {
      error: 'a GitHub token (fine-grained github_pat_…, or ghp_…), read-only on issues and pull requests',
    }),
  ),
  GITHUB_API_URL: optional(() =>
    z.url({
      protocol: /^https?$/,
      error: 'an http(s) URL like https://api.github.com (GitHub Enterprise: https://HOST/api/v3)',
    }),
  ),
  GITHUB_APP_ID: optional(() =>
    z.string().regex(/^\d{1,12}$/, { error: 'the App ID from the GitHub App’s settings page, like 123456' }),
  ),
  GITHUB_PRIVATE_KEY: optional(() =>
    z
      .string()
      // Environments often carry a PEM on one line with its newlines written \n.
      .transform((s) => s.replace(/\\n/g, '\n').trim())
      .refine(
        (s) => /^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA )?PRIVATE KEY-----$/.test(s),
        {
          error:
            'the GitHub App’s private key, the whole .pem file (-----BEGIN … PRIVATE KEY----- …), newlines as is or written \\n',
        },
      ),
  ),
  STRIPE_WEBHOOK_SECRET: optional(() =>
    z.string().regex(/^whsec_\S{8,}$/, { error: 'the endpoint’s signing secret from Stripe, whsec_…' }),
  ),
  STRIPE_API_BASE: optional(() =>
    z.url({ protocol: /^https?$/, error: 'an http(s) URL like https://api.stripe.com (proxies, tests)' }),
  ),
  GITHUB_SYNC_MINUTES: orElse(15, () => wholeNumber(0, 1440, 'whole minutes from 0 (off) to 1440, like 15')),
  STRIPE_SYNC_MINUTES: orElse(360, () =>
    wholeNumber(0, 10_080, 'whole minutes from 0 (off) to 10080 (a week), like 360'),
  ),
  GITHUB_WEBHOOK_SECRET: optional(() =>
    z
      .string()
      .regex(/^\S{16,}$/, { error: 'the webhook secret you gave GitHub: 16 or more characters, no spaces' }),
  ),
};

type Variables = typeof ENV_VARIABLES;

/** The environment, parsed. */
export type EnvSettings = {
  [K in keyof Variables]: Variables[K]['unset'] | z.output<ReturnType<Variables[K]['schema']>>;
};

/** A variable set to something it does not accept. */
export interface EnvIssue {
  variable: keyof Variables;
  message: string;
}

/**
 * Reads the variables Goalpost knows from `present` (the set ones; others are ignored): each set
 * one by its schema, each unset one as its value when unset. Every bad variable is an issue, in
 * the order of ENV_VARIABLES; with any, there are no settings.
 */
export function parseEnvironment(
  present: Readonly<Record<string, string | undefined>>,
): { settings: EnvSettings; issues: [] } | { settings: null; issues: EnvIssue[] } {
  const settings: Record<string, unknown> = {};
  const issues: EnvIssue[] = [];
  for (const [name, variable] of Object.entries(ENV_VARIABLES) as [
    keyof Variables,
    EnvVariable<z.ZodType, unknown>,
  ][]) {
    const value = Object.hasOwn(present, name) ? present[name] : undefined;
    if (value === undefined) {
      settings[name] = variable.unset;
      continue;
    }
    const result = variable.schema().safeParse(value);
    if (result.success) settings[name] = result.data;
    else for (const issue of result.error.issues) issues.push({ variable: name, message: issue.message });
  }
  return issues.length > 0 ? { settings: null, issues } : { settings: settings as EnvSettings, issues: [] };
}
