import type * as z from 'zod';
import type { Goalpost } from '../app.js';
import type { ChatPort } from '../delivery/chat-port.js';
import type { Clock } from '../domain/clock.js';
import { distance } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import type { GitHubChat } from '../domain/github.js';
import type { Logger } from '../domain/logger.js';
import { actionForReaction, type Platform, type Reply, reply } from '../domain/reply.js';
import type { Role } from '../domain/role.js';
import { clipForMessage, validate } from '../domain/validate.js';
import { asGoalpostError, ValidationError } from '../errors.js';
import { type HeavyJobs, inlineJobs } from '../jobs/heavy-jobs.js';
import {
  type ChatActor,
  type ChatButtonPress,
  type ChatReaction,
  pressButton,
  react,
  unreact,
} from './card-actions.js';
import { chatFailure, failureMessage, type Who } from './chat-failure.js';
import { inChatSyntax } from './chat-syntax.js';
import { commandLineOnly, commandLineOnlyText } from './command-line-only.js';
import type { ChatInvocation, CommandDef, CommandEnv } from './define-command.js';
import { findCommand, grammar } from './grammar.js';
import { parseArgs, tokenize } from './tokenize.js';

/** A task ref as typed (`T-13`, `t-13`), as refs are made: no `T-0`, at most nine digits. */
const TASK_REF = /^T-[1-9][0-9]{0,8}$/i;

export type { ChatActor, ChatButtonPress, ChatReaction } from './card-actions.js';

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
  /** The GitHub connector for `github connect` and `github sync` (none: they say how to set it up). */
  github?: GitHubChat;
  /**
   * The chat connections of this process, read at each command (so ports added later count):
   * where a command says the team's news beyond its reply (`away off` in the digest channels).
   */
  ports?: Partial<Record<Platform, ChatPort>>;
}

const RANK: Record<Role, number> = { member: 0, approver: 1, admin: 2 };

/** The words the command line shows or lists a thing by (see the dispatch in createChatBot). */
const SHOWING: ReadonlySet<string> = new Set(['show', 'list']);

const whoOf = (a: Pick<ChatActor, 'workspaceId' | 'platform' | 'userId'>): Who => ({
  workspaceId: a.workspaceId,
  actor: `${a.platform}:${a.userId}`,
});

/**
 * The one chat command grammar and its handlers, shared by every chat surface (console, Slack,
 * Discord). Adapters turn a slash command, a button or a reaction into a call here and hand the
 * Reply to `deliver`. Bad input gets the command's usage, for the caller only, and writes nothing;
 * any failure, even in finding out who the caller is, becomes a Reply as the error table says.
 */
export function createChatBot(deps: ChatBotDeps) {
  const { app, logger } = deps;
  const jobs = deps.jobs ?? inlineJobs(app);
  const commands = grammar();
  const names = commands.map((c) => c.name);

  const ctxFor = (a: ChatActor): Ctx => {
    const ctx = app.context({ ...whoOf(a), source: a.platform });
    if (a.platformRole === undefined) return ctx;
    const own = app.members.roleOf(ctx);
    return { ...ctx, role: RANK[a.platformRole] > RANK[own] ? a.platformRole : own };
  };

  /**
   * Runs `fn` as the actor; any error becomes the Reply the error table says. Either way the hints
   * in it are in chat syntax (the core writes the command line's).
   */
  async function guarded(
    a: ChatActor,
    what: string,
    fn: (ctx: Ctx) => Reply | Promise<Reply>,
    usage?: string,
  ): Promise<Reply> {
    try {
      return inChatSyntax(await fn(ctxFor(a)));
    } catch (error) {
      return inChatSyntax(chatFailure(logger, error, whoOf(a), what, usage));
    }
  }

  /** `guarded` for the handlers that never wait (a click, a reaction); null when there is nothing to say. */
  function guardedNow<R extends Reply | null>(a: ChatActor, what: string, fn: (ctx: Ctx) => R): R | Reply {
    try {
      const said = fn(ctxFor(a));
      return said === null ? said : inChatSyntax(said as Reply);
    } catch (error) {
      return inChatSyntax(chatFailure(logger, error, whoOf(a), what));
    }
  }

  function unknown(words: string[]): Reply {
    const typed = (words[0] ?? '').toLowerCase();
    // A word that only starts commands (`me`): which ones, not "did you mean `me`".
    const group = commands.filter((c) => c.name.startsWith(`${typed} `)).map((c) => `\`${c.name}\``);
    if (group.length > 0) {
      const after = words[1] === undefined ? '' : ` (got "${clipForMessage(words[1])}")`;
      return reply.error(`"${clipForMessage(typed)}" goes with one of ${group.join(', ')}${after}`);
    }
    const near = commands.map((c) => c.name.split(' ')[0] ?? '').find((n) => distance(n, typed) <= 2);
    return reply.error(
      `unknown command "${clipForMessage(typed)}"; ${near ? `did you mean \`${near}\`? ` : ''}\`/goalpost help\` lists them`,
    );
  }

  return {
    commands: commands as readonly CommandDef[],

    /** A `/goalpost …` line typed by a person; one whose `eventId` was handled before does nothing. */
    async handle(invocation: ChatInvocation): Promise<Reply> {
      if (invocation.eventId !== undefined) {
        try {
          // Its own key: the decision commands also mark the event id, in their transaction.
          const first = app.chat.claimEvent(
            ctxFor(invocation),
            `invocation:${invocation.eventId}`,
            'command',
          );
          if (!first) return { ...reply.ephemeral(reply.text('Already handled.')), duplicate: true };
        } catch (error) {
          return chatFailure(logger, error, whoOf(invocation), 'command');
        }
      }
      let words: string[];
      try {
        words = tokenize(invocation.text);
      } catch (error) {
        return chatFailure(logger, error, whoOf(invocation), 'tokenize');
      }
      if (/^\/?goalpost$/i.test(words[0] ?? '')) words = words.slice(1);
      if (words.length === 0) words = ['help'];
      const elsewhere = commandLineOnly(words, names);
      // None is a chat command (a test holds the list apart from the grammar).
      if (elsewhere !== null) return reply.error(commandLineOnlyText(elsewhere, names));
      const found = findCommand(commands, words);
      if (!found) return unknown(words);
      const { def } = found;
      // `vision show`, `goal list`: the command line's words for what chat's command of no
      // arguments does by itself; read as it, not refused as an unexpected word. (Only typed:
      // a hint naming `revenue show` still means the command line's, which lists the records.)
      const rest =
        (def.args.positionals ?? []).length === 0 && SHOWING.has((found.rest[0] ?? '').toLowerCase())
          ? found.rest.slice(1)
          : found.rest;
      // Its example task is the one typed, where one was (first, as a task command takes it, and a
      // ref there can be): `reject T-13` is told `reject T-13 <reason>`.
      const typedRef = TASK_REF.test(rest[0] ?? '') ? rest[0]?.toUpperCase() : undefined;
      const usage = `/goalpost ${typedRef === undefined ? def.usage : def.usage.replace(/\bT-12\b/, typedRef)}`;
      return guarded(
        invocation,
        def.name,
        (ctx) => {
          app.members.authorize(ctx, def.role, `/goalpost ${def.name}`);
          // The zone the platform knows the person by (Slack's profile), until they set their own.
          if (invocation.timeZone) app.people.learnTimeZone(ctx, invocation.timeZone);
          let input: z.output<typeof def.schema>;
          try {
            input = validate(def.schema, parseArgs(rest, def.args), optionWords(def.args.options));
          } catch (error) {
            if (error instanceof ValidationError) return reply.error(error.message, usage);
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
            github: deps.github ?? null,
            ports: deps.ports ?? {},
          };
          return def.run(env, input);
        },
        usage,
      );
    },

    /** A click on a task card's button (see `pressButton`). */
    press: (press: ChatButtonPress): Reply =>
      guardedNow(press, `button ${press.action}`, (ctx) => pressButton(app, ctx, press)),

    /**
     * An emoji reaction on a task's message (see `react`); null when there is nothing to say. Any
     * other emoji is dropped before anything is read.
     */
    react: (reaction: ChatReaction): Reply | null =>
      actionForReaction(reaction.reaction) === null
        ? null
        : guardedNow(reaction, 'reaction', (ctx) => react(app, ctx, reaction)),

    /** A reaction removed (see `unreact`); null when there is nothing to undo. */
    unreact: (reaction: ChatReaction): Reply | null =>
      actionForReaction(reaction.reaction) === null
        ? null
        : guardedNow(reaction, 'undo reaction', (ctx) => unreact(app, logger, ctx, reaction)),

    /**
     * What a submitted form or a clicked button that could not be read (a blank reason, a tampered
     * form or button value) tells whoever sent it, by the same rule as a command on every
     * platform: our own checks as they are, anything else logged behind an error id.
     */
    unreadable: (a: Pick<ChatActor, 'workspaceId' | 'platform' | 'userId'>, error: unknown): string =>
      failureMessage(logger, asGoalpostError(error), whoOf(a), 'unreadable input'),
  };
}

export type ChatBot = ReturnType<typeof createChatBot>;

/**
 * How a problem names a command's options: as typed (`--max-tasks`), not by the key they are
 * parsed into (`maxTasks`), which no one typed.
 */
function optionWords(options: readonly string[] | undefined): Record<string, string> {
  const words: Record<string, string> = {};
  for (const option of options ?? []) {
    words[option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = `--${option}`;
  }
  return words;
}
