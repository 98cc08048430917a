import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Goalpost } from '../app.js';
import type { Clock } from '../domain/clock.js';
import type { Ctx } from '../domain/ctx.js';
import type { Logger } from '../domain/logger.js';
import { actionForReaction, type Platform, type Reply, reply } from '../domain/reply.js';
import type { Role } from '../domain/role.js';
import type { TaskStatus } from '../domain/task.js';
import type { TaskAction } from '../domain/task-lifecycle.js';
import { clipForMessage, validate } from '../domain/validate.js';
import { asGoalpostError, errorKind, ForbiddenError, UserError, ValidationError } from '../errors.js';
import { type HeavyJobs, inlineJobs } from '../jobs/heavy-jobs.js';
import { taskCard } from '../views/cards.js';
import { decisionReply } from '../views/decision-reply.js';
import { mention } from '../views/mention.js';
import type { ChatInvocation, CommandDef, CommandEnv } from './define-command.js';
import { goalCommands } from './handlers/goal-commands.js';
import { scheduleCommands } from './handlers/schedule-commands.js';
import { setupCommands } from './handlers/setup-commands.js';
import { taskCommands } from './handlers/task-commands.js';
import { teamCommands } from './handlers/team-commands.js';
import { parseArgs, tokenize } from './tokenize.js';

export interface ChatBotDeps {
  app: Goalpost;
  clock: Clock;
  logger: Logger;
  /** Time zone for `subscribe` without one, and for the digest's date. */
  defaultTimeZone: string;
  /** Called after `subscribe`/`unsubscribe`, so the scheduler re-arms its jobs. */
  onSubscriptionsChanged?: () => void;
  /** Where digests and reports run: the job thread in the bot (default: this thread). */
  jobs?: HeavyJobs;
}

/** Who clicked or reacted, and where. */
interface ChatActor {
  workspaceId: string;
  platform: Platform;
  userId: string;
  channelId: string;
  eventId?: string;
  /** See ChatInvocation.platformRole. */
  platformRole?: Role;
}

const RANK: Record<Role, number> = { member: 0, approver: 1, admin: 2 };

/** A button on a task card. */
export interface ChatButtonPress extends ChatActor {
  action: TaskAction;
  taskId: number;
  /** The card's status when it was rendered (buttons carry it): a stale click changes nothing. */
  expectedStatus?: TaskStatus;
  /** A reason (Slack's reject modal, Discord's); without one a reject records that none was given. */
  note?: string;
}

/** An emoji reaction added to a message. */
export interface ChatReaction extends ChatActor {
  messageId: string;
  /** A Unicode emoji (Discord) or an emoji name (Slack: `white_check_mark`). */
  reaction: string;
}

const NO_REASON = 'no reason given (decided from a button or reaction)';

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = saved;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The one chat command grammar and its handlers, shared by every chat surface (console, Slack,
 * Discord). Adapters turn a slash command, a button or a reaction into a call here and render
 * the Reply. Bad input gets the command's usage, for the caller only, and writes nothing.
 */
export function createChatBot(deps: ChatBotDeps) {
  const { app, logger } = deps;
  const jobs = deps.jobs ?? inlineJobs(app);
  const commands: CommandDef[] = [];
  commands.push(
    ...teamCommands(() => commands),
    ...taskCommands,
    ...setupCommands,
    ...goalCommands,
    ...scheduleCommands,
  );

  const ctxFor = (a: ChatActor): Ctx => {
    const ctx = app.context({
      workspaceId: a.workspaceId,
      actor: `${a.platform}:${a.userId}`,
      source: a.platform,
    });
    if (a.platformRole === undefined) return ctx;
    const own = app.members.roleOf(ctx);
    return { ...ctx, role: RANK[a.platformRole] > RANK[own] ? a.platformRole : own };
  };

  function find(words: string[]): { def: CommandDef; rest: string[] } | null {
    const two = words.slice(0, 2).join(' ').toLowerCase();
    const one = (words[0] ?? '').toLowerCase();
    const byTwo = commands.find((c) => c.name === two);
    if (byTwo) return { def: byTwo, rest: words.slice(2) };
    const byOne = commands.find((c) => c.name === one);
    return byOne ? { def: byOne, rest: words.slice(1) } : null;
  }

  /**
   * Turns any error into a Reply for the caller, as the error table says: a message meant for them
   * (with the usage line for bad input), or an apology naming an error id, logged with the error.
   */
  function failure(error: unknown, ctx: Ctx, what: string, usage?: string): Reply {
    const e = asGoalpostError(error);
    if (e instanceof ForbiddenError) {
      logger.info({ workspace: ctx.workspaceId, actor: ctx.actor, what }, 'refused: role too low');
    }
    if (errorKind(e).shown) {
      if (!(e instanceof UserError)) logger.warn({ err: e, workspace: ctx.workspaceId, what }, e.message);
      return reply.error(e.message, e instanceof ValidationError ? usage : undefined);
    }
    const id = randomUUID().slice(0, 8);
    logger.error(
      { err: e.cause ?? e, errorId: id, workspace: ctx.workspaceId, actor: ctx.actor, what },
      'command failed',
    );
    return reply.error(`Something went wrong on our side (error ${id}); it has been logged.`);
  }

  function run(ctx: Ctx, what: string, fn: () => Reply, usage?: string): Reply {
    try {
      return fn();
    } catch (error) {
      return failure(error, ctx, what, usage);
    }
  }

  /** `run` for a command, which may finish on the job worker. */
  async function runAsync(
    ctx: Ctx,
    what: string,
    fn: () => Reply | Promise<Reply>,
    usage: string,
  ): Promise<Reply> {
    try {
      return await fn();
    } catch (error) {
      return failure(error, ctx, what, usage);
    }
  }

  return {
    commands: commands as readonly CommandDef[],

    /** A `/goalpost …` line typed by a person. */
    async handle(invocation: ChatInvocation): Promise<Reply> {
      const ctx = ctxFor(invocation);
      let words: string[];
      try {
        words = tokenize(invocation.text);
      } catch (error) {
        return failure(error, ctx, 'tokenize');
      }
      if (/^\/?goalpost$/i.test(words[0] ?? '')) words = words.slice(1);
      if (words.length === 0) words = ['help'];
      const found = find(words);
      if (!found) {
        const typed = (words[0] ?? '').toLowerCase();
        const word = clipForMessage(typed);
        const near = commands.map((c) => c.name.split(' ')[0] ?? '').find((n) => distance(n, typed) <= 2);
        return reply.error(
          `unknown command "${word}"${near ? `; did you mean \`${near}\`?` : ''} \`/goalpost help\` lists them`,
        );
      }
      const { def, rest } = found;
      return runAsync(
        ctx,
        def.name,
        () => {
          app.members.authorize(ctx, def.role, `/goalpost ${def.name}`);
          let input: z.output<typeof def.schema>;
          try {
            input = validate(def.schema, parseArgs(rest, def.args));
          } catch (error) {
            if (error instanceof ValidationError) return reply.error(error.message, `/goalpost ${def.usage}`);
            throw error;
          }
          const env: CommandEnv = {
            app,
            ctx,
            invocation,
            clock: deps.clock,
            logger,
            defaultTimeZone: invocation.timeZone ?? deps.defaultTimeZone,
            onSubscriptionsChanged: deps.onSubscriptionsChanged ?? (() => {}),
            jobs,
          };
          return def.run(env, input);
        },
        `/goalpost ${def.usage}`,
      );
    },

    /** A click on a task card's button. */
    press(press: ChatButtonPress): Reply {
      const ctx = ctxFor(press);
      return run(ctx, `button ${press.action}`, () => {
        const note =
          press.note?.trim() ||
          (press.action === 'reject' || press.action === 'fail' ? NO_REASON : undefined);
        const result = app.decisions.decide(ctx, {
          taskId: press.taskId,
          action: press.action,
          ...(note ? { note } : {}),
          ...(press.eventId ? { eventId: press.eventId } : {}),
          ...(press.expectedStatus ? { expectedStatus: press.expectedStatus } : {}),
        });
        return decisionReply(app, ctx, result, press.note?.trim() || undefined);
      });
    },

    /**
     * An emoji reaction: ✅ approves, ❌ rejects, 🚀 starts, 🏁 marks done — on a message that
     * shows a task. Null for any other emoji or message (nothing to say).
     */
    react(reaction: ChatReaction): Reply | null {
      const action = actionForReaction(reaction.reaction);
      if (action === null) return null;
      const ctx = ctxFor(reaction);
      const message = app.chat.find(ctx, reaction.platform, reaction.channelId, reaction.messageId);
      if (message?.taskId === null || message?.taskId === undefined) return null;
      const taskId = message.taskId;
      return run(ctx, `reaction ${action}`, () => {
        const result = app.decisions.decide(ctx, {
          taskId,
          action,
          reaction: reaction.reaction,
          ...(action === 'reject' ? { note: NO_REASON } : {}),
          ...(reaction.eventId ? { eventId: reaction.eventId } : {}),
        });
        return decisionReply(app, ctx, result);
      });
    },

    /**
     * A reaction removed: undoes the decision that reaction made, while it is still the task's
     * latest step. Null when there is nothing to undo (nothing to say either).
     */
    unreact(reaction: ChatReaction): Reply | null {
      const action = actionForReaction(reaction.reaction);
      if (action === null) return null;
      const ctx = ctxFor(reaction);
      const message = app.chat.find(ctx, reaction.platform, reaction.channelId, reaction.messageId);
      if (message?.taskId === null || message?.taskId === undefined) return null;
      const taskId = message.taskId;
      try {
        const undone = app.decisions.undo(ctx, {
          taskId,
          action,
          ...(reaction.eventId ? { eventId: reaction.eventId } : {}),
        });
        if (!undone.changed) {
          logger.debug({ task: undone.task.ref, why: undone.why }, 'reaction removed: nothing to undo');
          return null;
        }
        const { events } = app.tasks.show(ctx, undone.task.ref);
        return {
          ...reply.channel(
            reply.text(
              `↩️ ${undone.task.ref} is ${undone.task.status.replace('_', ' ')} again: ${mention(ctx.actor)} removed the reaction`,
            ),
          ),
          updates: [taskCard(undone.task, events)],
        };
      } catch (error) {
        return failure(error, ctx, `undo ${action}`);
      }
    },
  };
}

export type ChatBot = ReturnType<typeof createChatBot>;
