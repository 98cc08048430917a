import { describe, expect, it } from 'vitest';
import { runDue } from '../../../src/chat.js';
import { fixedClock, silentLogger } from '../../../src/index.js';
import { slashCommandBody } from '../../fakes/slack-signing.js';
import { installApp, type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const start = useSlackBot(tempDir);

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });

/** `text` typed as `/goalpost` in C1 by `user`; its answers land under `name`. */
async function command(b: SlackBot, user: string, text: string, name: string): Promise<void> {
  const res = await b.post(
    slashCommandBody({ userId: user, channelId: 'C1', text, responseUrl: b.slack.responseUrl(name) }),
    'form',
  );
  expect(res.status).toBe(200);
}

/** The workspace removes the app (Slack revokes its token, the bot leaves C1) and installs it again. */
async function reinstall(b: SlackBot): Promise<void> {
  b.slack.revokeToken('xoxb-first');
  await installApp(b.app, 'xoxb-second');
  expect(b.slack.workspace.isMember('C1')).toBe(false);
}

const tokensOf = (b: SlackBot, method: string) =>
  b.slack.callsTo(method).map((c) => `${c.token} ${c.error ?? 'ok'}`);

describe('Slack OAuth: uninstalled, then installed again', () => {
  it('edits the card and says the decision in the thread and channel with the new token, without telling anyone to re-install', async () => {
    const b = await start(undefined, undefined, { oauthToken: 'xoxb-first' });
    await command(b, 'UADMIN', 'digest', 'digest');
    await b.slack.waitFor(() => b.app.chat.forTask(ctxOf(b), 5).length > 0);
    const headerTs = b.slack.topLevel('C1')[0]?.ts ?? '';
    await reinstall(b);

    await command(b, 'UAPPROVER', 'approve T-1', 'approve');
    const said = /T-1 approved by <@UAPPROVER>/;
    await b.slack.waitFor(() => b.slack.replies('C1', headerTs).some((m) => said.test(m.text)));
    await b.slack.waitFor(() => b.slack.topLevel('C1').some((m) => said.test(m.text)));
    expect(b.app.tasks.show(ctxOf(b), 'T-1').task.status).toBe('approved');
    expect(tokensOf(b, 'chat.update')).toEqual(['xoxb-second ok', 'xoxb-second ok']);
    expect(tokensOf(b, 'chat.postMessage').at(-1)).toBe('xoxb-second ok');
    expect(tokensOf(b, 'chat.postMessage').filter((t) => t.includes('token_revoked'))).toEqual([]);
    expect(JSON.stringify(b.slack.responses)).not.toMatch(/re-install|token_revoked/);
    expect(b.slack.workspace.isMember('C1')).toBe(true);
  });

  it('posts the scheduled digest with the new token and joins the channel again, so reactions reach Goalpost', async () => {
    const b = await start(undefined, undefined, { oauthToken: 'xoxb-first' });
    b.app.subscriptions.subscribe(ctxOf(b), {
      platform: 'slack',
      channelId: 'C1',
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
    expect(await run('2026-11-24T08:05:00Z')).toMatchObject([{ status: 'posted' }]);
    expect(b.slack.workspace.isMember('C1')).toBe(true);
    await reinstall(b);

    expect(await run('2026-11-25T08:05:00Z')).toMatchObject([{ status: 'posted' }]);
    expect(tokensOf(b, 'conversations.join')).toEqual(['xoxb-first ok', 'xoxb-second ok']);
    expect(tokensOf(b, 'chat.postMessage').at(-1)).toBe('xoxb-second ok');
    const headers = b.slack.topLevel('C1');
    expect(headers).toHaveLength(2);
    const card = b.slack.replies('C1', headers[1]?.ts ?? '')[0];
    const reacted = await b.react({
      user: 'UAPPROVER',
      reaction: 'white_check_mark',
      channel: 'C1',
      ts: card?.ts ?? '',
      eventId: 'Ev1',
    });
    expect(reacted?.status).toBe(200);
  });
});
