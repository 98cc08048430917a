import type { App, BlockAction } from '@slack/bolt';
import type { ChatBot } from '../../src/chat.js';
import {
  type Asker,
  actionForReaction,
  type DeliveryRequest,
  deliver,
  type Goalpost,
  type Logger,
  type Reply,
  type TaskStatus,
} from '../../src/index.js';
import { createAfterAck } from './after-ack.js';
import { homePublisher } from './home-publisher.js';
import { slackReactionsLeft } from './reactions-left.js';
import {
  ACTION_IDS,
  type Mentionable,
  parseButtonValue,
  readRejectModal,
  rejectModal,
} from './render-blocks.js';
import { noticeModal } from './render-notice.js';
import { askerVia, clickerOf, mentionable, typedText } from './slack-asker.js';
import type { SlackPort } from './slack-port.js';
import { slackTimeZones } from './slack-time-zones.js';

export interface SlackListenerDeps {
  app: Goalpost;
  bot: ChatBot;
  port: SlackPort;
  logger: Logger;
}

/**
 * Wires Bolt's listeners to the chat bot. Every listener acks first (Slack allows 3 s), then
 * works; the core decides what a reply does (`deliver`), this only says where it came from.
 */
export function registerSlackListeners(bolt: App, deps: SlackListenerDeps): void {
  const { app, bot, port, logger } = deps;
  const timeZoneOf = slackTimeZones(logger);
  const publishHome = homePublisher(app, logger);
  // Acked requests wait here for their turn, so the acks of the requests behind them go first.
  const afterAck = createAfterAck();

  /** Carries out what the core decided; only the people in `names` (who asked) can be mentioned in it. */
  const present = async (
    reply: Reply,
    request: DeliveryRequest,
    names: Mentionable = mentionable(request.asker?.userId ?? ''),
  ) => {
    try {
      const done = await deliver({ app, port: port.mentioning(names), logger }, request, reply);
      for (const error of done.refused) logger.warn({ err: error }, 'slack: could not edit a task message');
    } catch (error) {
      logger.error({ err: error, channel: request.channelId }, 'slack: could not show a reply');
    }
  };

  bolt.command('/goalpost', async ({ command, ack, respond, client }) => {
    await ack();
    // The time zone before the queue: while Slack answers a lookup, every command waiting on it
    // would otherwise be let through the queue, then go on together when the answer came, in one
    // turn of the event loop, ahead of the acks of the requests behind them.
    const timeZone = await timeZoneOf(client, command.team_id, command.user_id);
    await afterAck();
    const names = mentionable(command.user_id, command.text);
    const reply = await bot.handle({
      workspaceId: command.team_id,
      platform: 'slack',
      userId: command.user_id,
      channelId: command.channel_id,
      text: typedText(command.text),
      // Slack signs a request, not its moment: a copy replayed within the signature's five
      // minutes carries the same trigger_id, and does nothing.
      eventId: `command:${command.trigger_id}`,
      ...(timeZone ? { timeZone } : {}),
    });
    await present(
      reply,
      {
        workspaceId: command.team_id,
        origin: 'command',
        channelId: command.channel_id,
        asker: askerVia(command.user_id, respond, names, command.channel_id),
      },
      names,
    );
  });

  /**
   * A clicked card button's task and the status its card showed; null once a value Goalpost did
   * not write (a tampered click) has been answered, to the clicker alone, with what the core says of it.
   */
  async function buttonOf(body: BlockAction, value: string | undefined, asker: Asker) {
    try {
      return parseButtonValue(value);
    } catch (error) {
      const by = { workspaceId: body.team?.id ?? '', platform: 'slack' as const, userId: body.user.id };
      await asker.answer?.([{ kind: 'error', message: bot.unreadable(by, error) }]);
      return null;
    }
  }

  // The buttons that decide at once, by action id (reject asks for a reason first: below).
  const pressed = new Map(
    (['approve', 'start', 'done', 'retry'] as const).map((verb) => [ACTION_IDS[verb] as string, verb]),
  );
  bolt.action(
    { type: 'block_actions', action_id: new RegExp(`^(${[...pressed.keys()].join('|')})$`) },
    async ({ ack, body, action, respond, client }) => {
      await ack();
      await afterAck();
      if (action.type !== 'button' || !body.team?.id) return;
      // A click on the App Home tab has no channel: the decision still edits the task's messages,
      // and the person's Home is published again.
      const channelId = body.channel?.id ?? null;
      const asker = clickerOf(body, respond, client);
      const button = await buttonOf(body, action.value, asker);
      const verb = pressed.get(action.action_id);
      if (!button || verb === undefined) return;
      const reply = bot.press({
        workspaceId: body.team.id,
        platform: 'slack',
        userId: body.user.id,
        channelId: channelId ?? '',
        action: verb,
        taskId: button.taskId,
        expectedStatus: button.status,
        eventId: `action:${action.action_ts}:${body.user.id}`,
      });
      await present(reply, {
        workspaceId: body.team.id,
        origin: channelId ? 'button' : 'home',
        channelId,
        asker,
      });
      if (!channelId) await publishHome(client, body.team.id, body.user.id);
    },
  );

  // Reject asks for a reason first: the button opens a modal (on a card or on App Home); its
  // submission decides.
  bolt.action(
    { type: 'block_actions', action_id: ACTION_IDS.reject },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await afterAck();
      if (action.type !== 'button' || !body.team?.id) return;
      const asker = clickerOf(body, respond, client);
      const button = await buttonOf(body, action.value, asker);
      if (!button) return;
      const channelId = body.channel?.id ?? null;
      const messageTs = body.container?.message_ts;
      // Without a reason, the bot answers with the reason form (or why it cannot be opened).
      const reply = bot.press({
        workspaceId: body.team.id,
        platform: 'slack',
        userId: body.user.id,
        channelId: channelId ?? '',
        action: 'reject',
        taskId: button.taskId,
        expectedStatus: button.status,
      });
      await present(reply, {
        workspaceId: body.team.id,
        origin: channelId ? 'button' : 'home',
        channelId,
        asker: {
          ...asker,
          openForm: async (form) => {
            const where = channelId ? { channelId, ...(messageTs ? { messageTs } : {}) } : {};
            try {
              await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(form, where) });
            } catch (error) {
              logger.warn({ err: error, task: form.ref }, 'slack: could not open the reject form');
              const text = `Could not open the form: type \`/goalpost reject ${form.ref} <reason>\``;
              if (channelId) await asker.answer?.([{ kind: 'text', text, tone: 'warning' }]);
            }
          },
        },
      });
    },
  );

  bolt.view(ACTION_IDS.rejectModal, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) return ack();
    let submitted: ReturnType<typeof readRejectModal>;
    try {
      submitted = readRejectModal(view);
    } catch (error) {
      // What the core says of it (a blank reason, a tampered form) is shown on the reason field;
      // the modal stays open.
      const said = bot.unreadable({ workspaceId: teamId, platform: 'slack', userId: body.user.id }, error);
      return ack({ response_action: 'errors', errors: { [ACTION_IDS.rejectReasonBlock]: said } });
    }
    const { channelId } = submitted;
    // One short transaction, so it can decide before the ack: from Home, whatever is for the
    // person alone replaces the form (there is no channel to answer in).
    const reply = bot.press({
      workspaceId: teamId,
      platform: 'slack',
      userId: body.user.id,
      channelId: channelId ?? '',
      action: 'reject',
      taskId: submitted.taskId,
      expectedStatus: submitted.status as TaskStatus,
      note: submitted.reason,
      eventId: `view:${view.id}`,
    });
    if (!channelId && reply.visibility === 'ephemeral' && !reply.duplicate) {
      return ack({ response_action: 'update', view: noticeModal(reply.messages, mentionable(body.user.id)) });
    }
    await ack();
    await afterAck();
    await present(reply, {
      workspaceId: teamId,
      origin: channelId ? 'modal' : 'home',
      channelId,
      asker: { userId: body.user.id },
    });
    if (!channelId) await publishHome(client, teamId, body.user.id);
  });

  for (const added of [true, false]) {
    bolt.event(added ? 'reaction_added' : 'reaction_removed', async ({ event, body, context, client }) => {
      const teamId = body.team_id;
      // Only reactions by people of this workspace, on messages, in channels it doesn't share.
      if (event.item.type !== 'message' || event.user === context.botUserId) return;
      if ((body as { is_ext_shared_channel?: boolean }).is_ext_shared_channel) return;
      const userTeam = (event as { user_team?: string }).user_team;
      if (userTeam && userTeam !== teamId) return;
      // A removed card emoji undoes nothing while another of its kind by them is left: Slack
      // says which are, asked before joining the queue, as a command's time zone is.
      const left =
        added || actionForReaction(event.reaction) === null
          ? undefined
          : await slackReactionsLeft(client, logger, {
              channel: event.item.channel,
              ts: event.item.ts,
              userId: event.user,
            });
      await afterAck(); // Bolt acked the event before this listener
      const reaction = {
        workspaceId: teamId,
        platform: 'slack' as const,
        userId: event.user,
        channelId: event.item.channel,
        messageId: event.item.ts,
        reaction: event.reaction,
        eventId: body.event_id,
        ...(left === undefined ? {} : { left }),
      };
      const reply = added ? bot.react(reaction) : bot.unreact(reaction);
      if (reply) {
        await present(reply, {
          workspaceId: teamId,
          origin: 'reaction',
          channelId: event.item.channel,
          asker: { userId: event.user },
        });
      }
    });
  }

  bolt.event('app_home_opened', async ({ event, body, client }) => {
    await afterAck();
    if (event.tab === 'home') await publishHome(client, body.team_id, event.user);
  });

  bolt.error(async (error) => {
    logger.error({ err: error }, 'slack: a listener failed');
  });
}
