import { createHmac, randomUUID } from 'node:crypto';

/** The ids the Slack fakes use unless a test says otherwise (Slack ids are upper-case alphanumerics). */
export const SLACK_TEST_IDS = {
  teamId: 'T0GOALPOST',
  botUserId: 'U0GOALBOT',
  botId: 'B0GOALBOT',
  apiAppId: 'A0GOALPOST',
  /** The deprecated verification token Slack still puts in every payload; Bolt ignores it. */
  verificationToken: 'legacy-verification-token',
} as const;

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/**
 * The headers Slack signs a request with: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * keyed by the app's signing secret.
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const hex = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSeconds), 'x-slack-signature': `v0=${hex}` };
}

/** POSTs a body to the app's `/slack/events` as Slack would: signed, with its content type. */
export function postSigned(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlackRequest(signingSecret, rawBody), ...extraHeaders },
    body: rawBody,
  });
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const payload = (json: unknown): string => form({ payload: JSON.stringify(json) });
const trigger = (): string => `13345224609.738474920.${randomUUID().replace(/-/g, '').slice(0, 24)}`;
const nowTs = (): string => (Date.now() / 1000).toFixed(6);

/** A `/goalpost …` slash command as Slack sends it (form-encoded). */
export function slashCommandBody(o: {
  teamId?: string;
  userId: string;
  userName?: string;
  channelId: string;
  text: string;
  responseUrl: string;
  triggerId?: string;
}): string {
  return form({
    token: SLACK_TEST_IDS.verificationToken,
    team_id: o.teamId ?? SLACK_TEST_IDS.teamId,
    team_domain: 'goalpost-test',
    channel_id: o.channelId,
    channel_name: 'general',
    user_id: o.userId,
    user_name: o.userName ?? o.userId.toLowerCase(),
    command: '/goalpost',
    text: o.text,
    api_app_id: SLACK_TEST_IDS.apiAppId,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? trigger(),
  });
}

/**
 * A button click as Slack sends it (form-encoded `payload`). On a message by default; pass
 * `viewId` (and no `messageTs`) for a click on the App Home tab, which carries no response_url.
 */
export function blockActionsBody(o: {
  teamId?: string;
  userId: string;
  channelId?: string;
  messageTs?: string;
  viewId?: string;
  actionId: string;
  blockId?: string;
  value: string;
  triggerId?: string;
  responseUrl?: string;
  message?: { text?: string; blocks?: unknown[] };
}): string {
  const teamId = o.teamId ?? SLACK_TEST_IDS.teamId;
  const onMessage = o.messageTs !== undefined;
  return payload({
    type: 'block_actions',
    user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: teamId },
    api_app_id: SLACK_TEST_IDS.apiAppId,
    token: SLACK_TEST_IDS.verificationToken,
    container: onMessage
      ? { type: 'message', message_ts: o.messageTs, channel_id: o.channelId, is_ephemeral: false }
      : { type: 'view', view_id: o.viewId ?? 'V0HOME' },
    trigger_id: o.triggerId ?? trigger(),
    team: { id: teamId, domain: 'goalpost-test' },
    enterprise: null,
    is_enterprise_install: false,
    ...(onMessage
      ? {
          channel: { id: o.channelId, name: 'general' },
          message: {
            type: 'message',
            ts: o.messageTs,
            user: SLACK_TEST_IDS.botUserId,
            text: '',
            ...o.message,
          },
          response_url: o.responseUrl,
        }
      : {
          view: {
            id: o.viewId ?? 'V0HOME',
            type: 'home',
            team_id: teamId,
            blocks: [],
            state: { values: {} },
          },
        }),
    state: { values: {} },
    actions: [
      {
        action_id: o.actionId,
        block_id: o.blockId ?? 'goalpost_block',
        text: { type: 'plain_text', text: o.actionId, emoji: true },
        value: o.value,
        type: 'button',
        action_ts: nowTs(),
      },
    ],
  });
}

/** A modal submitted, as Slack sends it (form-encoded `payload` of type view_submission). */
export function viewSubmissionBody(o: {
  teamId?: string;
  userId: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, { type?: string; value?: string | null }>>;
  viewId?: string;
  triggerId?: string;
}): string {
  const teamId = o.teamId ?? SLACK_TEST_IDS.teamId;
  const values = Object.fromEntries(
    Object.entries(o.values).map(([block, actions]) => [
      block,
      Object.fromEntries(
        Object.entries(actions).map(([id, v]) => [id, { type: 'plain_text_input', value: null, ...v }]),
      ),
    ]),
  );
  return payload({
    type: 'view_submission',
    team: { id: teamId, domain: 'goalpost-test' },
    user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: teamId },
    api_app_id: SLACK_TEST_IDS.apiAppId,
    token: SLACK_TEST_IDS.verificationToken,
    trigger_id: o.triggerId ?? trigger(),
    view: {
      id: o.viewId ?? 'V0MODAL',
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: o.privateMetadata,
      callback_id: o.callbackId,
      state: { values },
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'Goalpost', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: o.viewId ?? 'V0MODAL',
      app_id: SLACK_TEST_IDS.apiAppId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: SLACK_TEST_IDS.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}

/** An Events API callback (JSON): a reaction, an App Home open, a message… wrapped as Slack wraps it. */
export function eventBody(o: {
  teamId?: string;
  eventId: string;
  event: Record<string, unknown>;
  isExtSharedChannel?: boolean;
  botUserId?: string;
}): string {
  const teamId = o.teamId ?? SLACK_TEST_IDS.teamId;
  return JSON.stringify({
    token: SLACK_TEST_IDS.verificationToken,
    team_id: teamId,
    context_team_id: teamId,
    api_app_id: SLACK_TEST_IDS.apiAppId,
    event: o.event,
    type: 'event_callback',
    event_id: o.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: o.botUserId ?? SLACK_TEST_IDS.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: o.isExtSharedChannel ?? false,
  });
}
