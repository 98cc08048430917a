import { webApi } from '@slack/bolt';
import { ChatRefusedError } from '../../src/index.js';

/** What to tell the person when Slack will not let Goalpost into a conversation. */
export function notInChannelText(channelId: string): string {
  if (channelId.startsWith('D'))
    return (
      'Goalpost cannot post in a direct message between people, so what it said is shown here only through ' +
      'your command: digests, reports and reactions need a channel (in a private one, type `/invite @goalpost`).'
    );
  return 'Goalpost is not in this channel: type `/invite @goalpost` here, then try again.';
}

const MALFORMED = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_attachments',
  'too_many_attachments',
  'invalid_thread_ts',
]);
const TOKEN = new Set([
  'token_revoked',
  'token_expired',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'team_access_not_granted',
  'not_allowed_token_type',
]);
const DENIED = new Set(['access_denied', 'ekm_access_denied', 'posting_to_general_channel_denied']);
const NO_EDIT = new Set(['cant_update_message', 'message_not_found', 'edit_window_closed']);
/** Slack refused the files as Goalpost made them: a bug to report, not something to try again. */
const BAD_FILES = new Set(['alt_txt_too_large', 'missing_argument', 'invalid_arguments', 'file_not_found']);
/** A workspace setting keeps Goalpost's files out. */
const NO_FILES = new Set([
  'file_uploads_disabled',
  'file_uploads_except_images_disabled',
  'file_upload_size_restricted',
]);

/** The person-facing text for a Slack error code no retry cures; null for the ones a retry may. */
function refusalText(code: string, channelId: string, needed: string | undefined): string | null {
  if (code === 'not_in_channel' || code === 'channel_not_found') return notInChannelText(channelId);
  if (code === 'thread_not_found')
    return 'The digest this belongs to was deleted from the channel, so Goalpost cannot reply in its thread.';
  if (code === 'is_archived')
    return 'This channel is archived, so Goalpost cannot post in it: unarchive it or use another channel.';
  if (code === 'restricted_action')
    return 'A workspace setting keeps Goalpost from posting in this channel (restricted_action): ask a Slack admin to let apps post here.';
  if (code === 'missing_scope')
    return `Goalpost's Slack app lacks the \`${needed ?? 'needed'}\` permission: add it to the app (manifest.yml lists every one) and re-install the app to the workspace.`;
  if (code === 'user_not_in_channel')
    return 'That person is not in this channel, so Goalpost cannot show them a message here.';
  if (MALFORMED.has(code))
    return `Slack refused Goalpost's message (${code}: too long or malformed for Slack); sending it again would not help, so please report it.`;
  if (TOKEN.has(code))
    return `Slack no longer accepts Goalpost's token (${code}): re-install the app to the workspace.`;
  if (DENIED.has(code)) return `Slack does not let Goalpost post here (${code}): ask a Slack admin.`;
  if (NO_EDIT.has(code)) return `Slack will not let Goalpost edit that message (${code}).`;
  if (NO_FILES.has(code))
    return `This Slack workspace does not take Goalpost's files (${code}): a Slack admin can allow file uploads under Settings & Permissions.`;
  if (BAD_FILES.has(code))
    return `Slack refused Goalpost's files (${code}); sending them again would not help, so please report it.`;
  return null;
}

/** Slack's error code of a Web API platform error (`ok: false`), and the scope it needed; null otherwise. */
export function platformError(error: unknown): { code: string; needed?: string } | null {
  const e = error as { code?: unknown; data?: { error?: unknown; needed?: unknown } } | null;
  if (e?.code !== webApi.ErrorCode.PlatformError || typeof e.data?.error !== 'string') return null;
  return typeof e.data.needed === 'string'
    ? { code: e.data.error, needed: e.data.needed }
    : { code: e.data.error };
}

/**
 * `error` as the core should see it: a ChatRefusedError (its message for the person, `reason`
 * Slack's code) when Slack refused for a reason sending the same again will not cure; otherwise
 * unchanged, so the scheduler retries (rate limits, Slack's own failures, the network).
 */
export function asRefusal(error: unknown, channelId: string): unknown {
  const platform = platformError(error);
  if (!platform) return error;
  const text = refusalText(platform.code, channelId, platform.needed);
  if (text === null) return error;
  return new ChatRefusedError(text, { platform: 'slack', reason: platform.code, cause: error });
}

/** Runs a Web API call; a refusal no retry cures comes out as a ChatRefusedError (see {@link asRefusal}). */
export async function refusing<T>(channelId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asRefusal(error, channelId);
  }
}

/** Slack refused a view or message over an image block's `slack_file` (a file deleted, or not processed yet). */
export function refusesSlackFile(error: unknown): boolean {
  const code = platformError(error)?.code;
  const data = (error as { data?: unknown } | null)?.data;
  return (
    (code === 'invalid_arguments' || code === 'invalid_blocks') && JSON.stringify(data).includes('slack_file')
  );
}
