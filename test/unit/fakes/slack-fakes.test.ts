import { createHmac } from 'node:crypto';
import { verifySlackRequest, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blockActionsBody,
  eventBody,
  SLACK_TEST_IDS,
  signSlackRequest,
  slashCommandBody,
  viewSubmissionBody,
} from '../../fakes/slack-signing.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack-web-api.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack({ users: { U1: { tz: 'Europe/Lisbon', name: 'ana' } } });
});
afterEach(() => fake.close());

// The Retry-After wait is WebClient's own; the rapid policy only removes p-retry's extra backoff.
const client = (token = 'xoxb-test', options: webApi.WebClientOptions = {}) =>
  new webApi.WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
    logLevel: webApi.LogLevel.ERROR,
    ...options,
  });

describe('fake Slack Web API', () => {
  it('answers chat.postMessage with increasing ts and records blocks as objects', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi* <@U1>' } }];
    const first = await client().chat.postMessage({ channel: 'C1', text: 'hi', blocks });
    const second = await client().chat.postMessage({ channel: 'C1', text: 'again', thread_ts: first.ts });
    expect(first).toMatchObject({
      ok: true,
      channel: 'C1',
      ts: '1700000000.000100',
      message: { text: 'hi' },
    });
    expect(second.ts).toBe('1700000000.000200');
    expect(fake.callsTo('chat.postMessage')[0]).toEqual({
      method: 'chat.postMessage',
      token: 'xoxb-test',
      args: { channel: 'C1', text: 'hi', blocks },
    });
    expect(fake.calls[1]?.args.thread_ts).toBe('1700000000.000100');
  });

  it('answers a 429 with Retry-After, which WebClient waits out and retries', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const result = await client().chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(result.ok).toBe(true);
    const attempts = fake.callsTo('chat.postMessage');
    expect(attempts.map((c) => c.rateLimited ?? false)).toEqual([true, false]);
    expect(attempts[0]?.error).toBe('ratelimited');
  });

  it('lets a client that rejects rate-limited calls see the 429', async () => {
    fake.failNext('chat.update');
    const call = client('xoxb-test', { rejectRateLimitedCalls: true }).chat.update({
      channel: 'C1',
      ts: '1.2',
      text: 'x',
    });
    await expect(call).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 });
  });

  it('refuses a missing or non-bot token and unknown methods as Slack does', async () => {
    await expect(client('xoxp-user').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(client('').auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    await expect(client().apiCall('no.such.method')).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(fake.calls.map((c) => c.error)).toEqual(['invalid_auth', 'not_authed', 'unknown_method']);
  });

  it('answers auth.test, users.info, views and reactions', async () => {
    await fake.close();
    fake = await startFakeSlack({
      users: { U1: { tz: 'Europe/Lisbon', name: 'ana' } },
      scopes: ['users:read', 'reactions:write'],
    });
    const c = client();
    expect(await c.auth.test()).toMatchObject({
      team_id: SLACK_TEST_IDS.teamId,
      user_id: SLACK_TEST_IDS.botUserId,
      bot_id: SLACK_TEST_IDS.botId,
    });
    expect((await c.users.info({ user: 'U1' })).user).toMatchObject({
      id: 'U1',
      name: 'ana',
      tz: 'Europe/Lisbon',
    });
    await expect(c.users.info({ user: 'U404' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    const view = { type: 'home' as const, blocks: [] };
    expect((await c.views.publish({ user_id: 'U1', view })).view).toMatchObject({ id: 'V123', type: 'home' });
    expect(fake.callsTo('views.publish')[0]?.args.view).toEqual(view);
    await c.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'white_check_mark' });
    await expect(
      c.reactions.add({ channel: 'C1', timestamp: '1.2', name: 'white_check_mark' }),
    ).rejects.toMatchObject({ data: { error: 'already_reacted' } });
  });

  it('records what Bolt-style respond() posts to a response_url, and waits for it', async () => {
    const url = fake.responseUrl('cmd-1');
    const waiting = fake.waitFor((_, responses) => responses.length > 0);
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'done' }),
    });
    await waiting;
    expect(fake.responses).toEqual([{ name: 'cmd-1', body: { response_type: 'ephemeral', text: 'done' } }]);
    await expect(fake.waitFor((calls) => calls.length > 0, 60)).rejects.toThrow(/not met within 60 ms/);
  });
});

describe('Slack request signing', () => {
  it('signs as Slack does, checked independently and by Bolt', () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&text=hi';
    const headers = signSlackRequest(secret, body, 1531420618);
    const expected = createHmac('sha256', secret).update(`v0:1531420618:${body}`).digest('hex');
    expect(headers).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': `v0=${expected}`,
    });
    const now = signSlackRequest(secret, body);
    const verify = (signature: string) =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': signature,
          'x-slack-request-timestamp': Number(now['x-slack-request-timestamp']),
        },
      });
    expect(() => verify(now['x-slack-signature'])).not.toThrow();
    expect(() => verify(headers['x-slack-signature'])).toThrow(/signature mismatch/);
  });

  it('builds the bodies Slack sends for commands, clicks, modal submissions and events', () => {
    const command = new URLSearchParams(
      slashCommandBody({ userId: 'U1', channelId: 'C1', text: 'approve T-1', responseUrl: 'http://x/r' }),
    );
    expect(Object.fromEntries(command)).toMatchObject({
      command: '/goalpost',
      text: 'approve T-1',
      user_id: 'U1',
    });
    const click = JSON.parse(
      new URLSearchParams(
        blockActionsBody({
          userId: 'U1',
          channelId: 'C1',
          messageTs: '1.2',
          actionId: 'a',
          value: '{"taskId":1}',
        }),
      ).get('payload') ?? '',
    );
    expect(click).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: '1.2', channel_id: 'C1' },
      actions: [{ action_id: 'a', value: '{"taskId":1}', type: 'button' }],
    });
    const submission = JSON.parse(
      new URLSearchParams(
        viewSubmissionBody({
          userId: 'U1',
          callbackId: 'cb',
          privateMetadata: '{}',
          values: { b: { a: { value: 'v' } } },
        }),
      ).get('payload') ?? '',
    );
    expect(submission.view.state.values).toEqual({ b: { a: { type: 'plain_text_input', value: 'v' } } });
    const event = JSON.parse(eventBody({ eventId: 'Ev1', event: { type: 'app_home_opened', user: 'U1' } }));
    expect(event).toMatchObject({
      type: 'event_callback',
      authorizations: [{ user_id: SLACK_TEST_IDS.botUserId }],
    });
  });
});
