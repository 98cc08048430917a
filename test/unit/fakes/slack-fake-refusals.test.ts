import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_MODEL } from '../../fakes/slack-limits.js';
import { mrkdwnEffects } from '../../fakes/slack-mrkdwn.js';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../../fakes/slack-web-api.js';
import { manifestScopes } from '../../fakes/slack-workspace.js';

let fake: FakeSlack | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeSlackOptions = {}) {
  fake = await startFakeSlack(options);
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
    logLevel: webApi.LogLevel.ERROR,
  });
  /** The `error` Slack answers a call with; null when it succeeds. */
  const errorOf = async (call: Promise<unknown>): Promise<string | null> => {
    try {
      await call;
      return null;
    } catch (error) {
      return (error as { data?: { error?: string } }).data?.error ?? String(error);
    }
  };
  return { fake, client, errorOf };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('fake Slack refuses what Slack refuses', () => {
  it('posts where the bot may: public channels by chat:write.public; private ones and DMs only when in them', async () => {
    const { fake, client, errorOf } = await start({ channels: { CSECRET: { kind: 'private' } } });
    const post = (channel: string) => errorOf(client.chat.postMessage({ channel, text: 'hi' }));
    expect(await post('C1')).toBeNull();
    expect(await post('G1')).toBe('channel_not_found');
    expect(await post('CSECRET')).toBe('channel_not_found');
    expect(await post('D1')).toBe('channel_not_found');
    expect(await post('not-a-channel')).toBe('channel_not_found');
    fake.workspace.invite('G1');
    expect(await post('G1')).toBeNull();
    fake.workspace.archive('G1');
    expect(await post('G1')).toBe('is_archived');
  });

  it('answers not_in_channel for a public channel the bot is not in when chat:write.public is not granted', async () => {
    const { fake, client, errorOf } = await start({ scopes: ['chat:write', 'channels:join'] });
    expect(await errorOf(client.chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('not_in_channel');
    await client.conversations.join({ channel: 'C1' });
    expect(fake.workspace.isMember('C1')).toBe(true);
    expect(await errorOf(client.chat.postMessage({ channel: 'C1', text: 'hi' }))).toBeNull();
  });

  it('joins public channels only: a private one is invisible, a DM is the wrong kind', async () => {
    const { client, errorOf } = await start({ scopes: ['channels:join'] });
    const first = await client.conversations.join({ channel: 'C1' });
    expect(first.warning).toBeUndefined();
    expect((await client.conversations.join({ channel: 'C1' })).warning).toBe('already_in_channel');
    expect(await errorOf(client.conversations.join({ channel: 'G1' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.join({ channel: 'D1' }))).toBe(
      'method_not_supported_for_channel_type',
    );
  });

  it('checks scopes against manifest.yml, naming the one needed', async () => {
    const { fake, client } = await start();
    expect([...fake.workspace.scopes].sort()).toEqual([...manifestScopes()].sort());
    const limited = await start({ scopes: ['chat:write'] });
    await expect(limited.client.conversations.join({ channel: 'C1' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'channels:join', provided: 'chat:write' },
    });
    await expect(limited.client.users.info({ user: 'U0GOALBOT' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'users:read' },
    });
    expect(client).toBeDefined();
  });

  it('refuses blocks past Block Kit limits as invalid_blocks, and too much text as msg_blocks_too_long', async () => {
    const { client, errorOf } = await start();
    const post = (blocks: unknown[], text = 'x') =>
      errorOf(client.chat.postMessage({ channel: 'C1', text, blocks: blocks as never }));
    expect(await post(Array.from({ length: 50 }, () => section('a')))).toBeNull();
    expect(await post(Array.from({ length: 51 }, () => section('a')))).toBe('invalid_blocks');
    expect(await post([section('a'.repeat(3000))])).toBeNull();
    expect(await post([section('a'.repeat(3001))])).toBe('invalid_blocks');
    expect(await post([section('')])).toBe('invalid_blocks');
    expect(await post([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toBe(
      'invalid_blocks',
    );
    expect(await post([{ type: 'nonsense' }])).toBe('invalid_blocks');
    expect(
      await post([
        { ...section('a'), block_id: 'b' },
        { ...section('b'), block_id: 'b' },
      ]),
    ).toBe('invalid_blocks');
    const under = Math.floor(SLACK_MODEL.blocksTextTotal / 4);
    expect(await post(Array.from({ length: 4 }, () => section('t'.repeat(under))))).toBeNull();
    expect(await post(Array.from({ length: 4 }, () => section('t'.repeat(2900))))).toBe(
      'msg_blocks_too_long',
    );
    expect(await post([], 'm'.repeat(40_001))).toBe('msg_too_long');
  });

  it('sends reaction events only from channels the bot is in', async () => {
    const { fake } = await start();
    const reaction = { eventId: 'Ev1', user: 'U1', reaction: 'x', channel: 'C1', ts: '1.2' };
    expect(fake.reactionEvent(reaction)).toBeNull();
    fake.workspace.invite('C1');
    expect(JSON.parse(fake.reactionEvent(reaction) ?? '{}')).toMatchObject({
      event: { type: 'reaction_added', item: { channel: 'C1', ts: '1.2' } },
    });
    const deaf = await start({ scopes: ['chat:write'] });
    deaf.fake.workspace.invite('C1');
    expect(deaf.fake.reactionEvent(reaction)).toBeNull();
  });

  it('takes five posts per response_url and refuses invalid blocks there, but not a long total', async () => {
    const { fake } = await start();
    const url = fake.responseUrl('r');
    const send = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await send({ blocks: Array.from({ length: 51 }, () => section('a')) })).status).toBe(400);
    expect((await send({ blocks: Array.from({ length: 5 }, () => section('t'.repeat(2900))) })).status).toBe(
      200,
    );
    for (let i = 0; i < 3; i++) expect((await send({ text: `${i}` })).status).toBe(200);
    const sixth = await send({ text: 'too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    expect(fake.responses).toHaveLength(4);
  });

  it('opens one view per trigger and refuses a modal title over 24 characters', async () => {
    const { client, errorOf } = await start();
    const modal = (title: string) => ({
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: title },
      blocks: [section('hi')] as never,
    });
    expect(await errorOf(client.views.open({ trigger_id: 't1', view: modal('Reject T-1') }))).toBeNull();
    expect(await errorOf(client.views.open({ trigger_id: 't1', view: modal('Reject T-1') }))).toBe(
      'trigger_exchanged',
    );
    expect(await errorOf(client.views.open({ trigger_id: 't2', view: modal('x'.repeat(25)) }))).toBe(
      'invalid_arguments',
    );
  });
});

describe('mrkdwnEffects', () => {
  it('says who a message pings and which links hide behind labels', () => {
    const effects = mrkdwnEffects({
      text: '<!channel> see <https://evil.example|Re-authenticate>',
      blocks: [
        section('by <@U1> &lt;!here&gt;'),
        { type: 'header', text: { type: 'plain_text', text: '<!everyone>' } },
      ],
    });
    expect(effects.pings).toEqual(['!channel', 'U1']);
    expect(effects.links).toEqual([{ url: 'https://evil.example', label: 'Re-authenticate' }]);
  });
});
