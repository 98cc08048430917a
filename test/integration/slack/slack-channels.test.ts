import { describe, expect, it } from 'vitest';
import { runDue } from '../../../src/chat.js';
import { ChatRefusedError, fixedClock, silentLogger } from '../../../src/index.js';
import { slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackOptions } from '../../fakes/slack-web-api.js';
import { manifestScopes } from '../../fakes/slack-workspace.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

const start = (fake: Omit<FakeSlackOptions, 'users'> = {}): Promise<SlackBot> =>
  startBot('2026-11-23T09:00:00Z', fake);

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });

/** `/goalpost digest` typed in `channel`; resolves to the ts of T-1's message there. */
async function digestIn(b: SlackBot, channel: string): Promise<string> {
  await b.post(
    slashCommandBody({
      userId: 'UADMIN',
      channelId: channel,
      text: 'digest',
      responseUrl: b.slack.responseUrl('d'),
    }),
    'form',
  );
  await b.slack.waitFor(() => b.app.chat.forTask(ctxOf(b), 1).length > 0);
  return b.app.chat.forTask(ctxOf(b), 1)[0]?.messageId ?? '';
}

const text = { kind: 'text', text: 'hello' } as const;
const target = (channelId: string) => ({ workspaceId: TEAM, platform: 'slack' as const, channelId });

/** What posting `hello` to `channel` through Goalpost's Slack port rejects with. */
async function refusal(b: SlackBot, channel: string): Promise<unknown> {
  return b.adapter.port.post(target(channel), [text]).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('Slack channels Goalpost posts to', () => {
  it('joins a public channel before posting a digest there, so reactions on its cards reach Goalpost', async () => {
    const b = await start();
    const ts = await digestIn(b, 'C1');
    expect(b.slack.workspace.isMember('C1')).toBe(true);
    const delivered = await b.react({
      eventId: 'EvJ1',
      user: 'UAPPROVER',
      reaction: 'white_check_mark',
      channel: 'C1',
      ts,
    });
    expect(delivered?.status).toBe(200);
    await b.slack.waitFor(() => b.app.tasks.show(ctxOf(b), 'T-1').task.status === 'approved');
  });

  it('joins each channel once, however many posts follow', async () => {
    const b = await start();
    await digestIn(b, 'C1');
    await b.adapter.port.post(target('C1'), [text]);
    await b.adapter.port.post(target('C2'), [text]);
    await b.adapter.port.post(target('C2'), [text]);
    expect(b.slack.callsTo('conversations.join').map((c) => c.args.channel)).toEqual(['C1', 'C2']);
  });

  it('without channels:join still posts, warning once; once a reinstall grants it, the next post joins', async () => {
    const b = await start({ scopes: manifestScopes().filter((s) => s !== 'channels:join') });
    await b.adapter.port.post(target('C1'), [text]);
    await b.adapter.port.post(target('C1'), [text]);
    expect(b.slack.topLevel('C1')).toHaveLength(2);
    expect(b.slack.workspace.isMember('C1')).toBe(false);
    const warnings = b.logs.filter((l) => /lacks channels:join/.test(l.msg));
    expect(warnings).toHaveLength(1);
    b.slack.workspace.grant('channels:join');
    const ts = await digestIn(b, 'C1');
    expect(b.slack.workspace.isMember('C1')).toBe(true);
    expect(b.slack.callsTo('conversations.join').map((c) => c.error ?? 'ok')).toEqual([
      'missing_scope',
      'missing_scope',
      'ok',
    ]);
    const delivered = await b.react({
      eventId: 'EvJ2',
      user: 'UAPPROVER',
      reaction: 'white_check_mark',
      channel: 'C1',
      ts,
    });
    expect(delivered?.status).toBe(200);
    await b.slack.waitFor(() => b.app.tasks.show(ctxOf(b), 'T-1').task.status === 'approved');
  });

  it('refuses a private channel it is not in, saying to invite it; once invited, it posts there', async () => {
    const b = await start();
    const error = await refusal(b, 'G1');
    expect(error).toBeInstanceOf(ChatRefusedError);
    expect(error).toMatchObject({ platform: 'slack', reason: 'channel_not_found' });
    expect((error as Error).message).toMatch(
      /Goalpost is not in this channel: type `\/invite @goalpost` here/,
    );
    b.slack.workspace.invite('G1');
    expect(await refusal(b, 'G1')).toBeNull();
  });

  it('says a direct message between people cannot take Goalpost’s posts', async () => {
    const b = await start();
    const error = await refusal(b, 'D1');
    expect(error).toBeInstanceOf(ChatRefusedError);
    expect((error as Error).message).toMatch(/direct message/);
    expect((error as Error).message).toMatch(/channel/);
  });

  it('turns Slack’s refusals that a retry cannot cure into ChatRefusedError, and leaves the rest to retries', async () => {
    const b = await start();
    const cases: Array<[string, RegExp]> = [
      ['is_archived', /archived/],
      ['restricted_action', /workspace setting/],
      ['msg_too_long', /too long/],
      ['invalid_blocks', /refused/],
    ];
    for (const [code, says] of cases) {
      b.slack.failNext('chat.postMessage', { status: 200, error: code });
      const error = await refusal(b, 'C1');
      expect(error, code).toBeInstanceOf(ChatRefusedError);
      expect(error, code).toMatchObject({ reason: code });
      expect((error as Error).message, code).toMatch(says);
    }
    b.slack.failNext('chat.postMessage', { status: 200, error: 'internal_error' });
    const transient = await refusal(b, 'C1');
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(ChatRefusedError);
  });

  it('names the permission the app lacks and says to re-install it', async () => {
    const b = await start({ scopes: manifestScopes().filter((s) => s !== 'chat:write') });
    const error = await refusal(b, 'C1');
    expect(error).toBeInstanceOf(ChatRefusedError);
    expect(error).toMatchObject({ reason: 'missing_scope' });
    expect((error as Error).message).toMatch(/`chat:write`/);
    expect((error as Error).message).toMatch(/re-?install/i);
  });

  it('marks a scheduled digest for a private channel it is not in as refused, with what to do, and does not send it again', async () => {
    const b = await start();
    b.app.subscriptions.subscribe(ctxOf(b), {
      platform: 'slack',
      channelId: 'G7',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
    const run = (now: string) =>
      runDue({
        app: b.app,
        ports: { slack: b.adapter.port },
        clock: fixedClock(now),
        logger: silentLogger,
        graceMinutes: 180,
      });
    const [first] = await run('2026-11-24T08:05:00Z');
    expect(first).toMatchObject({ status: 'refused' });
    expect(first?.reason).toMatch(/\/invite @goalpost/);
    const posts = b.slack.callsTo('chat.postMessage').length;
    await run('2026-11-24T08:10:00Z');
    expect(b.slack.callsTo('chat.postMessage').length).toBe(posts);
  });
});
