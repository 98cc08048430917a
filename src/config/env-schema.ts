import { z } from 'zod';
import { isTimeZone } from '../domain/due.js';
import { ROUTING_POLICIES } from '../domain/learning-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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

/** Every environment variable Goalpost reads, with its accepted form and default. */
export const envSchema = z.object({
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
  LOG_FILE: z.string().trim().min(1, { error: 'a file path, like ./data/goalpost.log' }).optional(),
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
  GOALPOST_WEBHOOK_ALLOW_PRIVATE: z
    .enum(['on', 'off'], { error: 'on or off' })
    .default('off')
    .transform((v) => v === 'on'),
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
  GITHUB_TOKEN: z
    .string()
    .regex(/^\S{20,255}$/, {
      error: 'a GitHub token (fine-grained github_pat_…, or ghp_…), read-only on issues and pull requests',
    })
    .optional(),
  GITHUB_API_URL: z
    .url({
      protocol: /^https?$/,
      error: 'an http(s) URL like https://api.github.com (GitHub Enterprise: https://HOST/api/v3)',
    })
    .optional(),
  GITHUB_APP_ID: z
    .string()
    .regex(/^\d{1,12}$/, { error: 'the App ID from the GitHub App’s settings page, like 123456' })
    .optional(),
  GITHUB_PRIVATE_KEY: z
    .string()
    // Environments often carry a PEM on one line with its newlines written \n.
    .transform((s) => s.replace(/\\n/g, '\n').trim())
    .refine(
      (s) => /^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA )?PRIVATE KEY-----$/.test(s),
      {
        error:
          'the GitHub App’s private key, the whole .pem file (-----BEGIN … PRIVATE KEY----- …), newlines as is or written \\n',
      },
    )
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\S{8,}$/, { error: 'the endpoint’s signing secret from Stripe, whsec_…' })
    .optional(),
  STRIPE_API_BASE: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL like https://api.stripe.com (proxies, tests)' })
    .optional(),
  GITHUB_SYNC_MINUTES: wholeNumber(0, 1440, 'whole minutes from 0 (off) to 1440, like 15').default(15),
  STRIPE_SYNC_MINUTES: wholeNumber(
    0,
    10_080,
    'whole minutes from 0 (off) to 10080 (a week), like 360',
  ).default(360),
  GITHUB_WEBHOOK_SECRET: z
    .string()
    .regex(/^\S{16,}$/, { error: 'the webhook secret you gave GitHub: 16 or more characters, no spaces' })
    .optional(),
});

/** The environment, parsed. */
export type EnvSettings = z.output<typeof envSchema>;
