import type * as z from 'zod';
import type { Goalpost } from '../app.js';
import type { ChatPort } from '../delivery/chat-port.js';
import type { Clock } from '../domain/clock.js';
import type { Ctx } from '../domain/ctx.js';
import type { GitHubChat } from '../domain/github.js';
import type { Logger } from '../domain/logger.js';
import type { Platform, Reply } from '../domain/reply.js';
import type { Role } from '../domain/role.js';
import type { HeavyJobs } from '../jobs/heavy-jobs.js';
import type { ArgSpec } from './tokenize.js';

/** One `/goalpost …` line from a person on a chat surface. */
export interface ChatInvocation {
  /** Slack team, Discord guild, or the configured workspace for the console. */
  workspaceId: string;
  platform: Platform;
  /** The platform's user id (`U024BE7LH`, a Discord snowflake, the console user's name). */
  userId: string;
  channelId: string;
  /** The words after `/goalpost` (a leading `/goalpost` is ignored). */
  text: string;
  /** The platform's id for this event; the same id twice changes nothing the second time. */
  eventId?: string;
  /** The person's own time zone (Slack knows it): the default for `subscribe` and the digest's date. */
  timeZone?: string;
  /**
   * A role the platform vouches for (a Discord role mapped to approver or admin). The higher of
   * it and the person's role in Goalpost counts.
   */
  platformRole?: Role;
}

/** What a handler gets besides its parsed input. */
export interface CommandEnv {
  app: Goalpost;
  ctx: Ctx;
  invocation: ChatInvocation;
  clock: Clock;
  logger: Logger;
  /** Time zone `subscribe` uses when none is given. */
  defaultTimeZone: string;
  /** Called after a subscription changed, so the scheduler re-arms. */
  onSubscriptionsChanged: () => void;
  /** Where the heavy commands (digest, report, learn) run, off the thread that answers chat. */
  jobs: HeavyJobs;
  /** The GitHub connector, when a GitHub credential is configured. */
  github: GitHubChat | null;
  /** This process's chat connections, to say news beyond the reply (see ChatBotDeps.ports). */
  ports: Partial<Record<Platform, ChatPort>>;
}

/** A chat command: its words, who may run it, its schema, and what it does. */
export interface CommandDef<S extends z.ZodType = z.ZodType> {
  /** `approve`, or two words for a subcommand: `vision set`. */
  name: string;
  /** The usage line shown on bad input: `reject T-12 <reason>`. */
  usage: string;
  summary: string;
  /** The least role that may run it. */
  role: Role;
  args: ArgSpec;
  schema: S;
  run(env: CommandEnv, input: z.output<S>): Reply | Promise<Reply>;
}

/** Keeps the schema's output type tied to the handler's input. */
export const defineCommand = <S extends z.ZodType>(def: CommandDef<S>): CommandDef<S> => def;
