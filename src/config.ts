import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ROUTING_POLICIES = ['thompson', 'ucb', 'greedy'] as const;

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
  GOALPOST_MAX_TASKS: z.coerce
    .number({ error: 'a whole number from 1 to 50, like 5' })
    .int({ error: 'a whole number from 1 to 50, like 5' })
    .min(1, { error: 'a whole number from 1 to 50, like 5' })
    .max(50, { error: 'a whole number from 1 to 50, like 5' })
    .default(5),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).optional(),
  GOALPOST_HALF_LIFE_DAYS: z.coerce
    .number({ error: 'a number of days > 0, like 30' })
    .positive({ error: 'a number of days > 0, like 30' })
    .max(3650, { error: 'at most 3650 days' })
    .default(30),
  GOALPOST_ROUTING: z
    .enum(ROUTING_POLICIES, { error: `one of ${ROUTING_POLICIES.join(', ')}` })
    .default('thompson'),
  GOALPOST_LEASE_MINUTES: z.coerce
    .number({ error: 'whole minutes from 1 to 10080, like 30' })
    .int({ error: 'whole minutes from 1 to 10080, like 30' })
    .min(1, { error: 'whole minutes from 1 to 10080, like 30' })
    .max(10080, { error: 'whole minutes from 1 to 10080, like 30' })
    .default(30),
  GOALPOST_MAX_ATTEMPTS: z.coerce
    .number({ error: 'a whole number from 1 to 20, like 3' })
    .int({ error: 'a whole number from 1 to 20, like 3' })
    .min(1, { error: 'a whole number from 1 to 20, like 3' })
    .max(20, { error: 'a whole number from 1 to 20, like 3' })
    .default(3),
  GOALPOST_SEED: z.string().max(100, { error: 'at most 100 characters' }).default('goalpost'),
});

/** Goalpost's configuration, parsed once at start from the environment. */
export interface Config {
  /** Absolute path of the SQLite file. */
  dbPath: string;
  workspace: string;
  maxTasks: number;
  /** Unset means the entry point picks (the CLI is quieter than the bot). */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
  learning: LearningConfig;
}

/** How Goalpost learns from outcomes and hands out queued work. */
export interface LearningConfig {
  halfLifeDays: number;
  policy: (typeof ROUTING_POLICIES)[number];
  leaseMinutes: number;
  maxAttempts: number;
  /** Seeds routing's exploration, so the same data routes the same way. */
  seed: string;
}

/**
 * Parses the environment into a Config.
 * @throws ConfigError listing every bad variable with its accepted form.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    dbPath: resolve(cwd, c.GOALPOST_DB),
    workspace: c.GOALPOST_WORKSPACE,
    maxTasks: c.GOALPOST_MAX_TASKS,
    logLevel: c.LOG_LEVEL,
    learning: {
      halfLifeDays: c.GOALPOST_HALF_LIFE_DAYS,
      policy: c.GOALPOST_ROUTING,
      leaseMinutes: c.GOALPOST_LEASE_MINUTES,
      maxAttempts: c.GOALPOST_MAX_ATTEMPTS,
      seed: c.GOALPOST_SEED,
    },
  };
}
