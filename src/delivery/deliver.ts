import type { Goalpost } from '../app.js';
import type { Logger } from '../domain/logger.js';
import type { Reply, View } from '../domain/reply.js';
import { ChatRefusedError } from '../errors.js';
import type { Asker, ChatPort, ChatTarget } from './chat-port.js';
import { type Origin, planDelivery } from './plan-delivery.js';

/** Where a reply goes: the workspace, where it came from, the channel, and who asked. */
export interface DeliveryRequest {
  workspaceId: string;
  origin: Origin;
  /** The channel the request came from or the scheduler posts to; null on App Home and for the watch. */
  channelId: string | null;
  asker?: Asker;
  /** The batch a digest's task messages belong to. */
  batchId?: number | null;
}

/** What delivering did. */
export interface Delivered {
  /** The caller was answered privately. */
  answered: boolean;
  /** Platform ids of the messages posted in the channel. */
  posted: Array<string | null>;
  /** Messages of changed tasks edited in place. */
  edited: number;
  /** What the platform refused when asked to edit a task's message or add to its thread. */
  refused: unknown[];
}

export interface DeliveryDeps {
  app: Goalpost;
  port: ChatPort;
  logger: Logger;
}

/**
 * Delivers a reply through a port as `planDelivery` says: opens the form, answers the caller,
 * edits the changed tasks' messages (with a line in each thread), posts in the channel. A message
 * the platform refuses to edit is reported in `refused` and does not keep the others from being
 * edited; when no message could be edited, a click's decision is said in the channel instead.
 * Opening a form, answering or posting that fails throws: nothing reached the person.
 */
export async function deliver(
  deps: DeliveryDeps,
  request: DeliveryRequest,
  reply: Reply,
): Promise<Delivered> {
  const { app, port } = deps;
  const plan = planDelivery(reply, request.origin, port.update !== undefined);
  const done: Delivered = { answered: false, posted: [], edited: 0, refused: [] };
  const target = (channelId: string): ChatTarget => ({
    workspaceId: request.workspaceId,
    platform: port.platform,
    channelId,
  });

  const answers = [...plan.answer];
  if (plan.form) {
    if (request.asker?.openForm) await request.asker.openForm(plan.form);
    // A surface with no forms: the reject command takes the reason instead.
    else
      answers.push({
        kind: 'text',
        text: `Say why you reject ${plan.form.ref}: the reject command takes a reason.`,
      });
  }
  if (answers.length > 0) done.answered = await answer(deps, request, answers);

  if (plan.edit.length > 0) {
    const ctx = app.context({
      workspaceId: request.workspaceId,
      actor: `${port.platform}:goalpost`,
      source: 'scheduler',
    });
    for (const card of plan.edit) {
      for (const m of app.chat.forTask(ctx, card.taskId).filter((x) => x.platform === port.platform)) {
        try {
          await port.update?.(target(m.channelId), m.messageId, card);
          if (plan.thread) await port.threadReply?.(target(m.channelId), m.messageId, plan.thread);
          done.edited += 1;
        } catch (error) {
          done.refused.push(error);
        }
      }
    }
  }
  const post = plan.postWhen === 'always' || done.edited === 0;
  if (plan.post.length > 0 && post && request.channelId) {
    try {
      done.posted = await postAndRemember(
        deps,
        target(request.channelId),
        plan.post,
        request.batchId ?? null,
      );
    } catch (error) {
      if (!(error instanceof ChatRefusedError) || !request.asker) throw error;
      await refusedPost(deps, request, plan.post, error, done);
    }
  }
  return done;
}

/**
 * The channel refused the post (the bot is not in it, or may not write there), but someone asked:
 * show it through their request where the platform allows (Slack's response_url), and tell them
 * why and what to do, so nothing that happened goes unsaid.
 */
async function refusedPost(
  deps: DeliveryDeps,
  request: DeliveryRequest,
  messages: View[],
  refusal: ChatRefusedError,
  done: Delivered,
): Promise<void> {
  deps.logger.warn(
    { err: refusal, channel: request.channelId, reason: refusal.reason },
    'the channel refused a post',
  );
  const why: View = { kind: 'text', text: refusal.message, tone: 'warning' };
  if (request.asker?.postInChannel) {
    await request.asker.postInChannel(messages);
    done.posted = messages.map(() => null);
    done.answered = await answer(deps, request, [why]);
    return;
  }
  done.answered = await answer(deps, request, [...messages, why]);
  if (!done.answered) throw refusal;
}

/** Answers the caller only: through the request (response_url, interaction), else the port's ephemeral. */
async function answer(deps: DeliveryDeps, request: DeliveryRequest, messages: View[]): Promise<boolean> {
  const { asker, channelId } = request;
  if (asker?.answer) {
    await asker.answer(messages);
    return true;
  }
  if (asker && channelId && deps.port.ephemeral) {
    await deps.port.ephemeral(
      { workspaceId: request.workspaceId, platform: deps.port.platform, channelId },
      asker.userId,
      messages,
    );
    return true;
  }
  // A Discord reaction, an App Home click: the platform offers no way to tell one person alone.
  deps.logger.info(
    { platform: deps.port.platform, user: asker?.userId, origin: request.origin },
    'a reply for the caller alone could not be shown',
  );
  return false;
}

/**
 * Posts messages in order and remembers which one shows which task (and the digest header), so a
 * reaction or a click on it later finds its task.
 */
async function postAndRemember(
  deps: DeliveryDeps,
  target: ChatTarget,
  messages: readonly View[],
  batchId: number | null,
): Promise<Array<string | null>> {
  const { app } = deps;
  const ctx = app.context({
    workspaceId: target.workspaceId,
    actor: `${target.platform}:goalpost`,
    source: 'scheduler',
  });
  const recorded = new Set<number>();
  const remember = (i: number, messageId: string | null | undefined): void => {
    const view = messages[i];
    if (!view || messageId === undefined || messageId === null || recorded.has(i)) return;
    recorded.add(i);
    const where = { platform: target.platform, channelId: target.channelId, messageId };
    if (view.kind === 'task') {
      app.chat.record(ctx, { ...where, kind: 'task', taskId: view.card.taskId, batchId });
    } else if (view.kind === 'digest_header') {
      app.chat.record(ctx, { ...where, kind: 'digest_header', taskId: null, batchId: view.batch.id });
    }
  };
  const ids = await deps.port.post(target, messages, remember);
  // Ports that do not report message by message are recorded at the end.
  ids.forEach((id, i) => {
    remember(i, id);
  });
  return ids;
}
