import type { ChatBot, ChatReaction } from '../../src/chat.js';
import {
  type Asker,
  actionForReaction,
  type DiscordConfig,
  type Goalpost,
  type Logger,
} from '../../src/index.js';
import { invokedCommand, toCommandText } from './command-definitions.js';
import { grammarSuggestions, matching, SUGGESTION_NAME_MAX, type Suggestion } from './command-suggestions.js';
import type { DiscordPort } from './discord-port.js';
import { createPresenter } from './discord-present.js';
import {
  type AutocompleteLike,
  answerVia,
  type ButtonLike,
  type ChatInputLike,
  EPHEMERAL,
  type InteractionLike,
  type ModalLike,
  platformRoleOf,
  type ReactionLike,
  roleIdsOf,
  say,
} from './interactions.js';
import { parseCustomId, readRejectModal, rejectModal } from './render-discord.js';
import { clip, codePoints } from './render-limits.js';

export type { OptionLike } from './interactions.js';

export interface DiscordListenerDeps {
  app: Goalpost;
  bot: ChatBot;
  port: DiscordPort;
  logger: Logger;
  roles: Pick<DiscordConfig, 'adminRoles' | 'approverRoles'>;
  /** The bot's own user id: its reactions never decide. */
  botUserId: () => string | null;
  /** A member's role ids, for reactions (which carry no member); null when not a member. */
  memberRoles(guildId: string, userId: string): Promise<string[] | null>;
  /**
   * The card emoji a person still has on a message, as Discord answers when asked (see
   * discordReactionsLeft); undefined when it won't say.
   */
  reactionsLeft(at: { channelId: string; messageId: string; userId: string }): Promise<string[] | undefined>;
}

/**
 * Turns Discord interactions and reactions into calls on the chat bot and hands the replies to
 * `deliver`. Every interaction gets exactly one first answer within Discord's 3 s: a deferral
 * before any work, except the Reject button, whose first answer is the reason form itself (or
 * why it cannot be opened), after reads only.
 */
export function createDiscordListeners(deps: DiscordListenerDeps) {
  const { app, bot, port, logger } = deps;

  const who = (i: InteractionLike) => {
    const platformRole = platformRoleOf(roleIdsOf(i.member), deps.roles);
    return {
      workspaceId: i.guildId ?? '',
      platform: 'discord' as const,
      userId: i.user.id,
      channelId: i.channelId ?? '',
      ...(platformRole ? { platformRole } : {}),
    };
  };

  const { present, answered } = createPresenter({ app, port, logger });

  /** Open tasks whose ref starts with, or whose title holds, what was typed. */
  const taskSuggestions = (workspaceId: string, userId: string, typed: string): Suggestion[] => {
    const t = typed.trim().toUpperCase();
    const ctx = app.context({ workspaceId, actor: `discord:${userId}`, source: 'discord' });
    return app.tasks
      .list(ctx, { status: ['open'], limit: 100 })
      .filter((task) => t === '' || task.ref.startsWith(t) || task.title.toUpperCase().includes(t))
      .slice(0, 25)
      .map((task) => ({
        name: clip(`${task.ref} · ${task.status.replace('_', ' ')} · ${task.title}`, SUGGESTION_NAME_MAX),
        value: task.ref,
      }));
  };

  /**
   * The workspace's projects whose name holds what was typed, those it starts first: all but a
   * name longer than the 100 characters a suggested value may hold (typed out, it is read).
   */
  const projectSuggestions = (workspaceId: string, userId: string, typed: string): Suggestion[] => {
    const ctx = app.context({ workspaceId, actor: `discord:${userId}`, source: 'discord' });
    const named = app.projects
      .list(ctx)
      .filter((p) => codePoints(p.name) <= SUGGESTION_NAME_MAX)
      .map((p) => ({ name: p.name, value: p.name }));
    return matching(named, typed);
  };

  return {
    /** `/goalpost …` and `/backlog …`: the options become the grammar's command line. */
    async chatInput(i: ChatInputLike): Promise<void> {
      if (!i.guildId) return;
      if (!(await answered(i, () => i.deferReply({ flags: EPHEMERAL })))) return;
      const invocation = {
        ...who(i),
        text: toCommandText(i.options.data, bot.commands, i.commandName),
        eventId: `interaction:${i.id}`,
      };
      const reply = await bot.handle(invocation);
      const done = await present(reply, {
        workspaceId: invocation.workspaceId,
        origin: 'command',
        channelId: invocation.channelId,
        asker: {
          userId: invocation.userId,
          answer: answerVia(
            (p) => i.editReply(p),
            (p) => i.followUp(p),
          ),
        },
      });
      // The deferred reply must end in something: what happened in the channel. A refusal or a
      // failed post is answered by `deliver`, saying why; null is anything else (logged).
      if (done === null) {
        await i.editReply(say('Goalpost could not show its reply here; what went wrong is in its log.'));
      } else if (!done.answered) {
        await i.editReply(say(reply.duplicate ? 'Already handled.' : 'Posted in the channel.'));
      }
    },

    /** A task card's button. Reject asks for the reason in a modal first. */
    async button(i: ButtonLike): Promise<void> {
      const parsed = parseCustomId(i.customId);
      if (!parsed || !i.guildId) return;
      const base = who(i);
      const asker: Asker = { userId: base.userId };
      const request = {
        workspaceId: base.workspaceId,
        origin: 'button',
        channelId: base.channelId,
        asker,
      } as const;
      if (parsed.action === 'reject') {
        // The reason form has to be the interaction's first answer, so this asks before deferring:
        // the bot only reads here (who may reject, the task), and answers with the form or why not.
        const reply = bot.press({
          ...base,
          action: 'reject',
          taskId: parsed.taskId,
          expectedStatus: parsed.status,
        });
        asker.openForm = async (form) => {
          try {
            if (!(await answered(i, () => i.showModal(rejectModal(form))))) return;
          } catch (error) {
            logger.warn({ err: error, task: form.ref }, 'discord: could not open the reject form');
            await i.reply({
              ...say(`Could not open the form: reject with \`/goalpost reject ref:${form.ref} reason:…\``),
              flags: EPHEMERAL,
            });
          }
        };
        asker.answer = answerVia(
          (p) => i.reply({ ...p, flags: EPHEMERAL }),
          (p) => i.followUp(p),
        );
        await present(reply, request);
        return;
      }
      if (!(await answered(i, () => i.deferUpdate()))) return;
      const reply = bot.press({
        ...base,
        action: parsed.action,
        taskId: parsed.taskId,
        expectedStatus: parsed.status,
        eventId: `interaction:${i.id}`,
      });
      asker.answer = answerVia(
        (p) => i.followUp({ ...p, flags: EPHEMERAL }),
        (p) => i.followUp(p),
      );
      await present(reply, request);
    },

    /** The reject modal, submitted with its reason. */
    async modal(i: ModalLike): Promise<void> {
      if (!i.guildId) return;
      if (!(await answered(i, () => i.deferReply({ flags: EPHEMERAL })))) return;
      let submitted: ReturnType<typeof readRejectModal>;
      try {
        submitted = readRejectModal({
          custom_id: i.customId,
          components: [
            { components: [{ custom_id: 'reason', value: i.fields.getTextInputValue('reason') }] },
          ],
        });
      } catch (error) {
        await i.editReply(say(`⚠️ ${bot.unreadable(who(i), error)}`));
        return;
      }
      const base = who(i);
      const reply = bot.press({
        ...base,
        action: 'reject',
        taskId: submitted.taskId,
        expectedStatus: submitted.status,
        note: submitted.reason,
        eventId: `interaction:${i.id}`,
      });
      const done = await present(reply, {
        workspaceId: base.workspaceId,
        origin: 'modal',
        channelId: base.channelId,
        asker: {
          userId: base.userId,
          answer: answerVia(
            (p) => i.editReply(p),
            (p) => i.followUp(p),
          ),
        },
      });
      // The deferred reply must end in something.
      if (done === null) await i.editReply(say('Rejected, but Goalpost could not show it in the channel.'));
      else if (!done.answered) await i.editReply(say(reply.duplicate ? 'Already handled.' : 'Rejected.'));
    },

    /**
     * Suggests values while someone types an option that autocompletes: open task refs, `help`'s
     * commands, and the values of a long list (`tasks` `status`, `vision set` `field`). The answer
     * is the interaction's one response: no deferral, nothing after it.
     */
    async autocomplete(i: AutocompleteLike): Promise<void> {
      if (!i.guildId) return i.respond([]) as Promise<void>;
      const focused = i.options.getFocused(true);
      const typed = String(focused.value);
      const def = invokedCommand(i.options.data, bot.commands, i.commandName)?.def;
      const choices =
        focused.name === 'ref'
          ? taskSuggestions(i.guildId, i.user.id, typed)
          : focused.name === 'project'
            ? projectSuggestions(i.guildId, i.user.id, typed)
            : def === undefined
              ? []
              : (grammarSuggestions(def, focused.name, bot.commands, typed) ?? []);
      await answered(i, () => i.respond(choices));
    },

    /**
     * ✅ approves, ❌ rejects, 🚀 starts, 🏁 marks done on a task message; removing the reaction
     * undoes its decision unless another of the same action by that person is left on it.
     * Reactions by the bot, outside a server, or by non-members are ignored.
     */
    async reaction(r: ReactionLike, user: { id: string; bot?: boolean }, added: boolean): Promise<void> {
      const guildId = r.message.guildId;
      if (!guildId || user.bot || user.id === deps.botUserId() || !r.emoji.name) return;
      const roles = await deps.memberRoles(guildId, user.id);
      if (roles === null) return;
      const platformRole = platformRoleOf(roles, deps.roles);
      // A removed card emoji undoes nothing while another of its kind by them is left.
      const at = { channelId: r.message.channelId, messageId: r.message.id, userId: user.id };
      const left =
        added || actionForReaction(r.emoji.name) === null ? undefined : await deps.reactionsLeft(at);
      const reaction: ChatReaction = {
        workspaceId: guildId,
        platform: 'discord',
        userId: user.id,
        channelId: r.message.channelId,
        messageId: r.message.id,
        reaction: r.emoji.name,
        ...(platformRole ? { platformRole } : {}),
        ...(left === undefined ? {} : { left }),
      };
      const reply = added ? bot.react(reaction) : bot.unreact(reaction);
      if (!reply) return;
      // Discord has no message only one person sees outside interactions: a refusal is logged.
      await present(reply, {
        workspaceId: guildId,
        origin: 'reaction',
        channelId: r.message.channelId,
        asker: { userId: user.id },
      });
    },
  };
}

export type DiscordListeners = ReturnType<typeof createDiscordListeners>;
