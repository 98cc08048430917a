import type { Goalpost } from '../app.js';
import type { Logger } from '../domain/logger.js';
import type { Reply, View } from '../domain/reply.js';
import { ChatRefusedError, ServiceError } from '../errors.js';
import type { Asker, ChatPort, ChatTarget } from './chat-port.js';
import { type DeliveryPlan, type Origin, planDelivery } from './plan-delivery.js';
import { postWithCharts } from './post-charts.js';
import { postDigest } from './post-digest.js';
import { refreshDigests } from './refresh-digests.js';
import { postingCtx } from './remember.js';

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
 * edits the changed tasks' messages (with a line in each thread) and the headers of the digests
 * showing them, posts in the channel (a digest as its layout says: see `postDigest`; a report's
 * charts as images where the port attaches files: see `postWithCharts`). A message
 * the platform refuses to edit is reported in `refused` and does not keep the others from being
 * edited; when no message could be edited, a click's decision is said in the channel instead.
 * A post the platform refused or failed (a ChatRefusedError, a ServiceError) is shown to whoever
 * asked instead, with why. Opening a form, answering or posting that fails otherwise throws:
 * nothing reached the person.
 */
export async function deliver(
  deps: DeliveryDeps,
  request: DeliveryRequest,
  reply: Reply,
): Promise<Delivered> {
  const { port } = deps;
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

  if (plan.edit.length > 0) await editChanged(deps, request.workspaceId, plan, done);
  const post = plan.postWhen === 'always' || done.edited === 0;
  if (plan.post.length > 0 && post && request.channelId) {
    try {
      const where = target(request.channelId);
      const batchId = request.batchId ?? null;
      done.posted =
        plan.post[0]?.kind === 'digest_header'
          ? await postDigest(deps, where, plan.post, batchId)
          : await postWithCharts(deps, where, plan.post, batchId);
    } catch (error) {
      if (!request.asker) throw error;
      if (error instanceof ChatRefusedError) await refusedPost(deps, request, plan.post, error, done);
      else if (error instanceof ServiceError) await failedPost(deps, request, plan.post, error, done);
      else throw error;
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

/**
 * The platform failed to take the post (it answered 5xx past its client's retries, or could not be
 * reached), after what was asked was done: the person who asked sees what was done, and that it
 * is not in the channel, rather than a refusal that is not one.
 */
async function failedPost(
  deps: DeliveryDeps,
  request: DeliveryRequest,
  messages: View[],
  failure: ServiceError,
  done: Delivered,
): Promise<void> {
  deps.logger.error({ err: failure, channel: request.channelId }, 'the platform failed to take a post');
  const why: View = { kind: 'text', text: `${failure.message}; only you see it here.`, tone: 'warning' };
  done.answered = await answer(deps, request, [...messages, why]);
  if (!done.answered) throw failure;
}

/**
 * Edits every message showing a changed task, with the decision's line in its thread (the
 * thread it is in, for a card in a digest's thread), then the digests showing those tasks. A
 * message the platform refuses to edit is recorded in `done.refused` and keeps nothing else from
 * being edited.
 */
async function editChanged(deps: DeliveryDeps, workspaceId: string, plan: DeliveryPlan, done: Delivered) {
  const { app, port } = deps;
  const ctx = postingCtx(app, { workspaceId, platform: port.platform });
  for (const card of plan.edit) {
    for (const m of app.chat.forTask(ctx, card.taskId).filter((x) => x.platform === port.platform)) {
      const where: ChatTarget = {
        workspaceId,
        platform: port.platform,
        channelId: m.channelId,
        ...(m.threadId === null ? {} : { threadId: m.threadId }),
      };
      try {
        await port.update?.(where, m.messageId, { kind: 'task', card });
        if (plan.thread) await port.threadReply?.(where, m.messageId, plan.thread);
        done.edited += 1;
      } catch (error) {
        done.refused.push(error);
      }
    }
  }
  const refreshed = await refreshDigests(deps, workspaceId, plan.edit, plan.thread);
  done.edited += refreshed.shown.size;
  done.refused.push(...refreshed.refused);
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
