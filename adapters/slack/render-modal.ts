import type { types } from '@slack/bolt';
import * as z from 'zod';
import { TASK_STATUSES, type TaskStatus, ValidationError } from '../../src/index.js';
import { ACTION_IDS, REJECT_MODAL_CALLBACK_ID } from './render-card.js';
import { escapeMrkdwn, LIMITS, plain, section } from './render-limits.js';

/** What a submitted reject modal says: which task, as it was when clicked, where its card is, and why. */
export interface RejectModalSubmission {
  taskId: number;
  /** The task's status when the button was clicked, to detect a stale card. */
  status: TaskStatus;
  /** The channel of the card clicked; null when Reject was clicked on App Home. */
  channelId: string | null;
  messageTs: string | undefined;
  reason: string;
}

const REASON_MAX = 1000;

const metadataSchema = z.object({
  taskId: z.number().int().positive(),
  status: z.enum(TASK_STATUSES),
  channelId: z.string().min(1).optional(),
  messageTs: z.string().min(1).optional(),
});

/**
 * The modal the ❌ Reject button opens (Goalpost needs a reason to reject): the task's title, a
 * required reason, and in `private_metadata` the task, its status and the card's message (none
 * when clicked on App Home).
 * @throws Error when the metadata would pass Slack's 3000-char limit (ids that long are not Slack's).
 */
export function rejectModal(
  card: { taskId: number; ref: string; title: string; status: string },
  context: { channelId?: string; messageTs?: string } = {},
): types.ModalView {
  const metadata = JSON.stringify({
    taskId: card.taskId,
    status: card.status,
    channelId: context.channelId,
    messageTs: context.messageTs,
  });
  if (metadata.length > LIMITS.privateMetadata) {
    throw new Error(
      `reject modal metadata is ${metadata.length} chars; Slack allows ${LIMITS.privateMetadata}`,
    );
  }
  return {
    type: 'modal',
    callback_id: REJECT_MODAL_CALLBACK_ID,
    title: plain(`Reject ${card.ref}`, LIMITS.modalTitle),
    submit: plain('Reject', LIMITS.modalTitle),
    close: plain('Cancel', LIMITS.modalTitle),
    private_metadata: metadata,
    blocks: [
      section(`*${escapeMrkdwn(card.ref)}* · ${escapeMrkdwn(card.title)}`),
      {
        type: 'input',
        block_id: ACTION_IDS.rejectReasonBlock,
        label: plain('Why reject it?', 2000),
        hint: plain('The reason is recorded and teaches Goalpost what not to propose.', 2000),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.rejectReasonInput,
          multiline: true,
          max_length: REASON_MAX,
          placeholder: plain('e.g. Not this quarter: the checkout rewrite comes first', 150),
        },
      },
    ],
  };
}

const stateSchema = z.object({
  values: z.object({
    [ACTION_IDS.rejectReasonBlock]: z.object({
      [ACTION_IDS.rejectReasonInput]: z.object({ value: z.string().nullish() }),
    }),
  }),
});

/**
 * Reads a submitted reject modal (`view` of a `view_submission`) back into the task, where its
 * card is, and the reason.
 * @throws Error when the metadata or the state is not what {@link rejectModal} built, or the
 * reason is blank (block id {@link ACTION_IDS}.rejectReasonBlock, for `response_action: 'errors'`).
 */
export function readRejectModal(view: {
  private_metadata?: unknown;
  state?: unknown;
}): RejectModalSubmission {
  let json: unknown;
  try {
    json = JSON.parse(typeof view.private_metadata === 'string' ? view.private_metadata : '');
  } catch {
    throw new ValidationError('this form was not sent by Goalpost (its metadata is not JSON)', 'form');
  }
  const meta = metadataSchema.safeParse(json);
  if (!meta.success) {
    throw new ValidationError(`this form was not sent by Goalpost: ${z.prettifyError(meta.error)}`, 'form');
  }
  const state = stateSchema.safeParse(view.state);
  if (!state.success) {
    throw new ValidationError(`this form's answers are malformed: ${z.prettifyError(state.error)}`, 'form');
  }
  const input = state.data.values[ACTION_IDS.rejectReasonBlock]?.[ACTION_IDS.rejectReasonInput];
  const reason = (input?.value ?? '').trim();
  if (!reason) throw new ValidationError('say why the task is rejected', 'reason');
  return {
    taskId: meta.data.taskId,
    status: meta.data.status,
    channelId: meta.data.channelId ?? null,
    messageTs: meta.data.messageTs,
    reason: reason.slice(0, REASON_MAX),
  };
}
