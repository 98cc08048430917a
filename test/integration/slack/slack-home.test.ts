import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../adapters/slack/render-blocks.js';
import { blockActionsBody, slashCommandBody, viewSubmissionBody } from '../../fakes/slack-signing.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
const statusOf = (b: SlackBot, ref: string) => b.app.tasks.show(ctxOf(b), ref).task.status;

/** The bot with a digest posted in C1; resolves to T-1's id and the ts of its message. */
async function withDigest(): Promise<{ b: SlackBot; taskId: number; ts: string; thread: string }> {
  const b = await startBot();
  await b.post(
    slashCommandBody({
      userId: 'UADMIN',
      channelId: 'C1',
      text: 'digest',
      responseUrl: b.slack.responseUrl('d'),
    }),
    'form',
  );
  // The whole digest, every card: posts are paced, and a card still on its way is no part of Home's work.
  await b.slack.waitFor(() => {
    const proposed = b.app.tasks.list(ctxOf(b), { status: ['proposed'] });
    return proposed.length > 0 && proposed.every((t) => b.app.chat.forTask(ctxOf(b), t.id).length > 0);
  });
  const taskId = b.app.tasks.show(ctxOf(b), 'T-1').task.id;
  const card = b.app.chat.forTask(ctxOf(b), taskId)[0];
  return { b, taskId, ts: card?.messageId ?? '', thread: card?.threadId ?? '' };
}

/** A click on T-1's Reject button on `user`'s App Home tab (no channel, no response_url). */
const rejectOnHome = (b: SlackBot, user: string, taskId: number) =>
  b.post(
    blockActionsBody({
      userId: user,
      viewId: 'V0HOME',
      actionId: ACTION_IDS.reject,
      value: JSON.stringify({ taskId, status: 'proposed' }),
    }),
    'form',
  );

describe('Slack App Home', () => {
  it('rejects from Home: the form opens, its reason decides, the card is edited and Home is published again', async () => {
    const { b, taskId, ts, thread } = await withDigest();
    expect((await rejectOnHome(b, 'UAPPROVER', taskId)).status).toBe(200);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const view = b.slack.callsTo('views.open')[0]?.args.view as {
      private_metadata: string;
      callback_id: string;
    };
    expect(view.callback_id).toBe(ACTION_IDS.rejectModal);
    expect(JSON.parse(view.private_metadata)).not.toHaveProperty('channelId');
    const postsBefore = b.slack.callsTo('chat.postMessage').length;
    const submitted = await b.post(
      viewSubmissionBody({
        userId: 'UAPPROVER',
        callbackId: ACTION_IDS.rejectModal,
        privateMetadata: view.private_metadata,
        values: {
          [ACTION_IDS.rejectReasonBlock]: { [ACTION_IDS.rejectReasonInput]: { value: 'not this quarter' } },
        },
      }),
      'form',
    );
    expect(submitted.status).toBe(200);
    await b.slack.waitFor(() => statusOf(b, 'T-1') === 'rejected');
    expect(b.app.tasks.show(ctxOf(b), 'T-1').events.at(-1)?.note).toBe('not this quarter');
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && c.args.ts === ts));
    await b.slack.waitFor((calls) =>
      calls.some((c) => c.method === 'views.publish' && c.args.user_id === 'UAPPROVER'),
    );
    // Home posts nothing in a channel but the decision's line in the digest's thread, the card's.
    const posted = b.slack.callsTo('chat.postMessage').slice(postsBefore);
    expect(posted.map((c) => c.args.thread_ts)).toEqual([thread]);
  });

  it('tells a member who clicks Reject on Home that it needs the approver role, and decides nothing', async () => {
    const { b, taskId } = await withDigest();
    await rejectOnHome(b, 'UMEMBER', taskId);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const view = b.slack.callsTo('views.open')[0]?.args.view;
    expect(JSON.stringify(view)).toMatch(/needs the approver role/);
    expect(JSON.stringify(view)).not.toContain(ACTION_IDS.rejectModal);
    expect(statusOf(b, 'T-1')).toBe('proposed');
  });

  it('shows in the form why a reject submitted from Home changed nothing', async () => {
    const { b, taskId } = await withDigest();
    await rejectOnHome(b, 'UAPPROVER', taskId);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const view = b.slack.callsTo('views.open')[0]?.args.view as { private_metadata: string };
    b.app.decisions.decide(ctxOf(b), { ref: 'T-1', action: 'approve' });
    const submitted = await b.post(
      viewSubmissionBody({
        userId: 'UAPPROVER',
        callbackId: ACTION_IDS.rejectModal,
        privateMetadata: view.private_metadata,
        values: { [ACTION_IDS.rejectReasonBlock]: { [ACTION_IDS.rejectReasonInput]: { value: 'too late' } } },
      }),
      'form',
    );
    const answer = (await submitted.json()) as { response_action?: string; view?: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toMatch(/T-1 changed while you were deciding: it is approved/);
    expect(statusOf(b, 'T-1')).toBe('approved');
  });
});
