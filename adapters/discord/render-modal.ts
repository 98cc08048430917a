import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import { TASK_STATUSES, type TaskStatus, ValidationError } from '../../src/index.js';
import { clip, LIMITS } from './render-limits.js';

/** The reason input's custom id inside the reject modal. */
export const REJECT_REASON_ID = 'reason';

const REASON_MAX = 1000;
const MODAL_ID = /^goalpost:reject-modal:(\d{1,15}):([a-z_]{1,20})$/;

/**
 * The modal the ❌ Reject button opens (Goalpost needs a reason to reject): custom id
 * `goalpost:reject-modal:<taskId>:<status>` (the status the card showed, to detect a stale card),
 * title `Reject T-12`, and one required paragraph input `reason` (≤ 1000 chars).
 */
export function rejectModal(card: {
  taskId: number;
  ref: string;
  title: string;
  status: TaskStatus;
}): APIModalInteractionResponseCallbackData {
  return {
    custom_id: clip(`goalpost:reject-modal:${card.taskId}:${card.status}`, LIMITS.customId),
    title: clip(`Reject ${card.ref}`, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REJECT_REASON_ID,
            label: clip(`Why reject "${card.title.trim()}"?`, LIMITS.inputLabel),
            style: TextInputStyle.Paragraph,
            required: true,
            min_length: 1,
            max_length: REASON_MAX,
            placeholder: 'e.g. Not this quarter: the checkout rewrite comes first',
          },
        ],
      },
    ],
  };
}

/** One submitted modal input, in an action row (`components`) or a label (`component`). */
interface SubmittedInput {
  custom_id?: string;
  value?: string | null;
}

/** A submitted modal's data: the raw API's `data` of a MODAL_SUBMIT interaction, or the same shape. */
export interface ModalSubmitData {
  custom_id: string;
  components: ReadonlyArray<{ components?: ReadonlyArray<SubmittedInput>; component?: SubmittedInput }>;
}

/**
 * Reads a submitted reject modal back into the task, the status its card showed, and the reason
 * (trimmed, at most 1000 chars).
 * @throws Error when the custom id is not the reject modal's, the reason input is missing, or the
 * reason is blank.
 */
export function readRejectModal(data: ModalSubmitData): {
  taskId: number;
  status: TaskStatus;
  reason: string;
} {
  const m = MODAL_ID.exec(data.custom_id);
  const taskId = Number(m?.[1]);
  const status = TASK_STATUSES.find((s) => s === m?.[2]);
  if (!m || status === undefined || !Number.isSafeInteger(taskId) || taskId < 1) {
    throw new ValidationError(`"${clip(data.custom_id, 100)}" is not a Goalpost reject form`, 'form');
  }
  const inputs = data.components.flatMap((row) => [
    ...(row.components ?? []),
    ...(row.component ? [row.component] : []),
  ]);
  const input = inputs.find((c) => c.custom_id === REJECT_REASON_ID);
  if (!input) throw new ValidationError('the reject form has no reason field', 'reason');
  const reason = (input.value ?? '').trim();
  if (!reason) throw new ValidationError('say why the task is rejected', 'reason');
  return { taskId, status, reason: clip(reason, REASON_MAX, '') };
}
