import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/render-blocks.js';
import { blockActionsBody, slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackResponse } from '../../fakes/slack-web-api.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const start = useSlackBot(tempDir);

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
const said = (r: FakeSlackResponse | undefined): string => JSON.stringify(r?.body ?? null);
const byType = (b: SlackBot, name: string, type: 'in_channel' | 'ephemeral') =>
  b.slack.responses.filter(
    (r) => r.name === name && (r.body as { response_type?: string }).response_type === type,
  );

/** `/goalpost <text>` typed by `user` in `channel`; its response_url is named `name`. */
async function command(b: SlackBot, user: string, channel: string, text: string, name: string) {
  const res = await b.post(
    slashCommandBody({ userId: user, channelId: channel, text, responseUrl: b.slack.responseUrl(name) }),
    'form',
  );
  expect(res.status).toBe(200);
}

describe('Slack commands where Goalpost cannot post', () => {
  it('shows a digest typed in a private channel to the channel through the command, and says to invite Goalpost', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'G1', 'digest', 'digest');
    await b.slack.waitFor(
      () => byType(b, 'digest', 'ephemeral').length > 0 && byType(b, 'digest', 'in_channel').length > 0,
    );
    const shown = byType(b, 'digest', 'in_channel').map(said).join('\n');
    expect(shown).toMatch(/Goalpost digest for 2026-11-23/);
    expect(shown).toMatch(/T-1\b/);
    expect(shown).toContain(ACTION_IDS.approve);
    expect(said(byType(b, 'digest', 'ephemeral')[0])).toMatch(
      /Goalpost is not in this channel: type `\/invite @goalpost` here/,
    );
    expect(b.slack.callsTo('chat.postMessage').filter((c) => !c.error)).toEqual([]);
    expect(b.app.tasks.list(ctxOf(b), { status: ['proposed'] }).length).toBeGreaterThan(0);
  });

  it('shows the start of a digest too big for the command’s five posts, how many tasks it leaves out, and why', async () => {
    const b = await start();
    for (let n = 1; n <= 30; n++)
      b.app.projects.addFeature(ctxOf(b), 'Basic EDU Apps', {
        title: `Lesson pack ${n} with a rather long descriptive title for the quiz module`,
        estimate: '3h',
        priority: 'high',
      });
    await command(b, 'UADMIN', 'G1', 'digest --max-tasks 25', 'big');
    await b.slack.waitFor(() => byType(b, 'big', 'ephemeral').length > 0, 15000);
    const shown = byType(b, 'big', 'in_channel').map(said);
    expect(shown).toHaveLength(4);
    const refs = new Set([...shown.join('\n').matchAll(/\bT-(\d+)\b/g)].map((m) => m[1]));
    const proposed = b.app.tasks.list(ctxOf(b), { status: ['proposed'] }).length;
    expect(proposed).toBe(25);
    const left = proposed - refs.size;
    expect(left).toBeGreaterThan(0);
    expect(shown.at(-1)).toMatch(
      new RegExp(
        `…and ${left} more tasks, not shown: Slack takes only 5 messages in answer to a command\\. Type \`/invite @goalpost\` in this channel`,
      ),
    );
    expect(said(byType(b, 'big', 'ephemeral')[0])).toMatch(
      /Goalpost is not in this channel: type `\/invite @goalpost` here/,
    );
    expect(b.logs.filter((l) => l.level === 'error')).toEqual([]);
  }, 30000);

  it('ends a digest cut in a direct message with what works there: a channel, not an invite', async () => {
    const b = await start();
    for (let n = 1; n <= 30; n++)
      b.app.projects.addFeature(ctxOf(b), 'Basic EDU Apps', {
        title: `Lesson pack ${n} with a rather long descriptive title for the quiz module`,
        estimate: '3h',
        priority: 'high',
      });
    await command(b, 'UADMIN', 'D1', 'digest --max-tasks 25', 'dm');
    await b.slack.waitFor(() => byType(b, 'dm', 'ephemeral').length > 0, 15000);
    const last = said(byType(b, 'dm', 'in_channel').at(-1));
    expect(last).toMatch(/more tasks, not shown: Slack takes only 5 messages in answer to a command/);
    expect(last).toContain('ask in a channel it is in, where it posts them all');
    expect(last).not.toContain('/invite @goalpost');
  }, 30000);

  it('shows an approval typed in a direct message in that conversation, and says why Goalpost cannot post there', async () => {
    const b = await start();
    b.app.engine.generate(ctxOf(b), {});
    await command(b, 'UAPPROVER', 'D1', 'approve T-1', 'dm');
    await b.slack.waitFor(() => byType(b, 'dm', 'ephemeral').length > 0);
    expect(b.app.tasks.show(ctxOf(b), 'T-1').task.status).toBe('approved');
    expect(said(byType(b, 'dm', 'in_channel')[0])).toMatch(/T-1 approved by <@UAPPROVER>/);
    expect(said(byType(b, 'dm', 'ephemeral')[0])).toMatch(/direct message/);
  });

  it('shows a click on a card in a private channel in that channel when its message cannot be edited', async () => {
    const b = await start();
    b.app.engine.generate(ctxOf(b), {});
    const task = b.app.tasks.show(ctxOf(b), 'T-1').task;
    await b.post(
      blockActionsBody({
        userId: 'UAPPROVER',
        channelId: 'G1',
        messageTs: '1700000000.999999',
        actionId: ACTION_IDS.approve,
        value: JSON.stringify({ taskId: task.id, status: 'proposed' }),
        responseUrl: b.slack.responseUrl('click'),
      }),
      'form',
    );
    await b.slack.waitFor(() => byType(b, 'click', 'in_channel').length > 0);
    expect(said(byType(b, 'click', 'in_channel')[0])).toMatch(/T-1 approved by <@UAPPROVER>/);
    expect(b.slack.responses.find((r) => r.name === 'click')?.body).toMatchObject({
      replace_original: false,
    });
  });
});
