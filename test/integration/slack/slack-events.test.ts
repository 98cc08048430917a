import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_BOT_SCOPES } from '../../../adapters/slack/create-slack-adapter.js';
import { ACTION_IDS } from '../../../adapters/slack/render-blocks.js';
import { runDue } from '../../../src/chat.js';
import { fixedClock, silentLogger } from '../../../src/index.js';
import { packageRoot } from '../../../src/paths.js';
import {
  blockActionsBody,
  eventBody,
  SLACK_TEST_IDS,
  slashCommandBody,
  viewSubmissionBody,
} from '../../fakes/slack-signing.js';
import type { FakeReaction, FakeSlackCall } from '../../fakes/slack-web-api.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

const posts = (calls: FakeSlackCall[]) =>
  calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited);

function status(b: SlackBot, ref: string): string {
  return b.app.tasks.show(b.app.context({ workspaceId: TEAM, actor: 't', source: 'cli' }), ref).task.status;
}

function eventCount(b: SlackBot): number {
  const db = new Database(b.dbPath, { readonly: true });
  const n = db.prepare("SELECT count(*) FROM task_events WHERE type <> 'created'").pluck().get() as number;
  db.close();
  return n;
}

/** Whether Goalpost has handled the Slack event `eventId` (it records each one it acted on). */
function handled(b: SlackBot, eventId: string): boolean {
  const db = new Database(b.dbPath, { readonly: true });
  const row = db.prepare('SELECT 1 FROM processed_events WHERE event_id = ?').get(eventId);
  db.close();
  return row !== undefined;
}

/**
 * Starts the bot and posts a digest to C1; resolves to the ts of T-1's message and of the header
 * whose thread it is in.
 */
async function withDigest(): Promise<{ b: SlackBot; ts: string; thread: string }> {
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
  const ctx = b.app.context({ workspaceId: TEAM, actor: 't', source: 'cli' });
  // The whole digest: the header and its five cards (posts are paced).
  await b.slack.waitFor((calls) => posts(calls).length >= 6);
  const card = b.app.chat.forTask(ctx, 1)[0];
  return { b, ts: card?.messageId ?? '', thread: card?.threadId ?? '' };
}

/** A reaction in C1, sent through the fake (which delivers it only as Slack would). */
async function react(
  b: SlackBot,
  eventId: string,
  user: string,
  reaction: string,
  ts: string,
  extra: Partial<FakeReaction> = {},
): Promise<Response> {
  const res = await b.react({ eventId, user, reaction, channel: 'C1', ts, ...extra });
  if (!res) throw new Error('fake Slack would not deliver this reaction');
  return res;
}

describe('Slack reactions', () => {
  it('approves with ✅ on a card in the digest thread, edits it and the header in place and says so in the thread', async () => {
    const { b, ts, thread } = await withDigest();
    const res = await react(b, 'Ev01', 'UAPPROVER', 'white_check_mark', ts);
    expect(res.status).toBe(200);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && c.args.ts === ts));
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && c.args.ts === thread));
    await b.slack.waitFor(() => b.slack.replies('C1', thread).length > 5);
    expect(status(b, 'T-1')).toBe('approved');
    const said = b.slack.replies('C1', thread).at(-1);
    expect(said?.text).toMatch(/T-1 approved by <@UAPPROVER>/);
    expect(JSON.stringify(b.slack.topLevel('C1')[0]?.blocks)).toContain('1 of 5 decided · 1 approved');
  });

  it('changes nothing when Slack retries the same event, or for the bot, strangers and other messages', async () => {
    const { b, ts } = await withDigest();
    const body = b.slack.reactionEvent({
      eventId: 'Ev02',
      user: 'UAPPROVER',
      reaction: '+1',
      channel: 'C1',
      ts,
    });
    if (!body) throw new Error('not delivered');
    await b.post(body, 'json');
    await b.slack.waitFor(() => status(b, 'T-1') === 'approved');
    const retried = await b.post(body, 'json', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retried.status).toBe(200);
    const ignored = [
      () => react(b, 'Ev03', SLACK_TEST_IDS.botUserId, 'x', ts),
      () => react(b, 'Ev04', 'UAPPROVER', 'x', ts, { userTeam: 'T0OTHER' }),
      () => react(b, 'Ev05', 'UAPPROVER', 'x', ts, { isExtSharedChannel: true }),
      () => react(b, 'Ev06', 'UAPPROVER', 'x', '1699999999.000001'),
      () => react(b, 'Ev07', 'UAPPROVER', 'tada', ts),
    ];
    for (const send of ignored) expect((await send()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(status(b, 'T-1')).toBe('approved');
    expect(eventCount(b)).toBe(1);
  });

  it('undoes the decision when the reaction that made it is removed', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev10', 'UAPPROVER', 'x', ts);
    await b.slack.waitFor(() => status(b, 'T-1') === 'rejected');
    await react(b, 'Ev11', 'UAPPROVER', 'x', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => status(b, 'T-1') === 'proposed');
    await b.slack.waitFor((calls) => posts(calls).some((c) => /is proposed again/.test(String(c.args.text))));
  });

  it('keeps an approval when a second approving emoji is taken back; the ✅ that made it undoes it', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev20', 'UAPPROVER', 'white_check_mark', ts);
    await b.slack.waitFor(() => status(b, 'T-1') === 'approved');
    await react(b, 'Ev21', 'UAPPROVER', '+1::skin-tone-3', ts);
    await react(b, 'Ev22', 'UAPPROVER', '+1::skin-tone-3', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => handled(b, 'Ev22'));
    expect(status(b, 'T-1')).toBe('approved');
    await react(b, 'Ev23', 'UAPPROVER', 'white_check_mark', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => status(b, 'T-1') === 'proposed');
    const again = () => posts(b.slack.calls).filter((c) => /T-1 is proposed again/.test(String(c.args.text)));
    await b.slack.waitFor(() => again().length === 1);
    expect(again()[0]?.args.text).toMatch(/<@UAPPROVER> removed the reaction/);
  });

  it('keeps an approval made by 👍 while the same person’s ✅ is left on the card; the ✅ removed undoes it', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev24', 'UAPPROVER', '+1', ts);
    await b.slack.waitFor(() => status(b, 'T-1') === 'approved');
    await react(b, 'Ev25', 'UAPPROVER', 'white_check_mark', ts);
    await react(b, 'Ev26', 'UAPPROVER', '+1', ts, { type: 'reaction_removed' });
    await b.slack.waitFor((calls) => calls.filter((c) => c.method === 'reactions.get').length === 1);
    await new Promise((r) => setTimeout(r, 300));
    const again = () => posts(b.slack.calls).filter((c) => /T-1 is proposed again/.test(String(c.args.text)));
    expect(status(b, 'T-1')).toBe('approved');
    expect(again()).toEqual([]);
    // The ✅ holds the approval now: taking it back leaves none of theirs, and undoes it.
    await react(b, 'Ev27', 'UAPPROVER', 'white_check_mark', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => status(b, 'T-1') === 'proposed');
    await b.slack.waitFor(() => again().length === 1);
    expect(again()[0]?.args.text).toMatch(/<@UAPPROVER> removed the reaction/);
  });

  it('keeps an approval when another person’s ✅ is all that is left, and undoes only by the deciding emoji when Slack cannot say', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev28', 'UAPPROVER', 'white_check_mark', ts);
    await b.slack.waitFor(() => status(b, 'T-1') === 'approved');
    await react(b, 'Ev29', 'UADMIN', 'white_check_mark', ts);
    await react(b, 'Ev2A', 'UAPPROVER', '+1', ts);
    b.slack.failNext('reactions.get', { status: 200, error: 'fatal_error' });
    await react(b, 'Ev2B', 'UAPPROVER', '+1', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => handled(b, 'Ev2B'));
    expect(status(b, 'T-1')).toBe('approved');
    expect(b.logs.map((l) => l.msg)).toContain(
      'slack: cannot read the reactions left on the message; only the emoji that decided undoes it',
    );
    // Someone else's ✅ is theirs: the approver's own, taken back, undoes it.
    await react(b, 'Ev2C', 'UAPPROVER', 'white_check_mark', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => status(b, 'T-1') === 'proposed');
  });

  it('undoes an approval by a toned 👍 when that 👍 is removed', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev30', 'UAPPROVER', '+1::skin-tone-5', ts);
    await b.slack.waitFor(() => status(b, 'T-1') === 'approved');
    await react(b, 'Ev31', 'UAPPROVER', '+1::skin-tone-5', ts, { type: 'reaction_removed' });
    await b.slack.waitFor(() => status(b, 'T-1') === 'proposed');
  });

  it('tells a member who reacts that approving needs the approver role, and only them', async () => {
    const { b, ts } = await withDigest();
    await react(b, 'Ev20', 'UMEMBER', 'white_check_mark', ts);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postEphemeral'));
    const ephemeral = b.slack.callsTo('chat.postEphemeral')[0];
    expect(ephemeral?.args.user).toBe('UMEMBER');
    expect(String(ephemeral?.args.text)).toMatch(/needs the approver role/);
    expect(status(b, 'T-1')).toBe('proposed');
  });
});

describe('Slack reject modal and App Home', () => {
  it('asks for a reason in a modal before rejecting, and records it', async () => {
    const { b, ts, thread } = await withDigest();
    await b.post(
      blockActionsBody({
        userId: 'UAPPROVER',
        channelId: 'C1',
        messageTs: ts,
        actionId: ACTION_IDS.reject,
        value: JSON.stringify({ taskId: 1, status: 'proposed' }),
        responseUrl: b.slack.responseUrl('reject'),
      }),
      'form',
    );
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'views.open'));
    const view = b.slack.callsTo('views.open')[0]?.args.view as {
      private_metadata: string;
      callback_id: string;
    };
    expect(view.callback_id).toBe(ACTION_IDS.rejectModal);
    expect(status(b, 'T-1')).toBe('proposed');
    const submit = (reason: string) =>
      b.post(
        viewSubmissionBody({
          userId: 'UAPPROVER',
          callbackId: ACTION_IDS.rejectModal,
          privateMetadata: view.private_metadata,
          values: { [ACTION_IDS.rejectReasonBlock]: { [ACTION_IDS.rejectReasonInput]: { value: reason } } },
        }),
        'form',
      );
    const blank = await submit('   ');
    expect(await blank.json()).toEqual({
      response_action: 'errors',
      errors: { [ACTION_IDS.rejectReasonBlock]: 'say why the task is rejected' },
    });
    const tampered = await b.post(
      viewSubmissionBody({
        userId: 'UAPPROVER',
        callbackId: ACTION_IDS.rejectModal,
        privateMetadata: '{"taskId":"1"',
        values: { [ACTION_IDS.rejectReasonBlock]: { [ACTION_IDS.rejectReasonInput]: { value: 'no' } } },
      }),
      'form',
    );
    expect(await tampered.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ACTION_IDS.rejectReasonBlock]: 'this form was not sent by Goalpost (its metadata is not JSON)',
      },
    });
    expect(status(b, 'T-1')).toBe('proposed');
    expect((await submit('not this quarter')).status).toBe(200);
    await b.slack.waitFor(() => status(b, 'T-1') === 'rejected');
    expect(
      b.app.tasks.show(b.app.context({ workspaceId: TEAM, actor: 't', source: 'cli' }), 'T-1').events.at(-1)
        ?.note,
    ).toBe('not this quarter');
    await b.slack.waitFor((calls) =>
      posts(calls).some((c) => c.args.thread_ts === thread && /not this quarter/.test(String(c.args.text))),
    );
  });

  it('tells a member who clicks Reject that it needs the approver role, and opens no form', async () => {
    const { b, ts } = await withDigest();
    await b.post(
      blockActionsBody({
        userId: 'UMEMBER',
        channelId: 'C1',
        messageTs: ts,
        actionId: ACTION_IDS.reject,
        value: JSON.stringify({ taskId: 1, status: 'proposed' }),
        responseUrl: b.slack.responseUrl('member-reject'),
      }),
      'form',
    );
    await b.slack.waitFor(() => b.slack.responses.some((r) => r.name === 'member-reject'));
    const answer = b.slack.responses.find((r) => r.name === 'member-reject')?.body;
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer)).toMatch(/needs the approver role/);
    expect(b.slack.callsTo('views.open')).toHaveLength(0);
    expect(status(b, 'T-1')).toBe('proposed');
  });

  it('tells whoever clicks a button with a tampered value that Goalpost did not make it, and decides nothing', async () => {
    const { b, ts } = await withDigest();
    const click = (actionId: string, value: string, name: string) =>
      b.post(
        blockActionsBody({
          userId: 'UAPPROVER',
          channelId: 'C1',
          messageTs: ts,
          actionId,
          value,
          responseUrl: b.slack.responseUrl(name),
        }),
        'form',
      );
    await click(ACTION_IDS.approve, '{"taskId":"1","status":"proposed"}', 'tampered-approve');
    await click(ACTION_IDS.reject, 'drop table', 'tampered-reject');
    await b.slack.waitFor(() => b.slack.responses.filter((r) => r.name.startsWith('tampered')).length === 2);
    const answer = (name: string) => b.slack.responses.find((r) => r.name === name)?.body;
    expect(answer('tampered-approve')).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer('tampered-approve'))).toMatch(
      /this button was not made by Goalpost: its value names no task/,
    );
    expect(JSON.stringify(answer('tampered-reject'))).toMatch(
      /this button was not made by Goalpost: its value is not JSON \(drop table\)/,
    );
    expect(b.slack.callsTo('views.open')).toHaveLength(0);
    expect(status(b, 'T-1')).toBe('proposed');
  });

  it('answers a Reject on a card out of date (the task rejected since) without opening the form', async () => {
    const { b, ts } = await withDigest();
    b.app.decisions.decide(b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' }), {
      ref: 'T-1',
      action: 'reject',
      note: 'decided elsewhere',
    });
    await b.post(
      blockActionsBody({
        userId: 'UAPPROVER',
        channelId: 'C1',
        messageTs: ts,
        actionId: ACTION_IDS.reject,
        value: JSON.stringify({ taskId: 1, status: 'proposed' }),
        responseUrl: b.slack.responseUrl('late-reject'),
      }),
      'form',
    );
    await b.slack.waitFor(() => b.slack.responses.some((r) => r.name === 'late-reject'));
    const answer = JSON.stringify(b.slack.responses.find((r) => r.name === 'late-reject')?.body);
    // As the reason would have been answered, had the form opened.
    expect(answer).toMatch(
      /T-1 was already rejected \(rejected by slack:UADMIN at [^)]*'decided elsewhere'\); nothing changed/,
    );
    expect(b.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('publishes App Home with the vision, goals, open tasks and the routing table', async () => {
    const { b } = await withDigest();
    await b.post(
      eventBody({
        eventId: 'Ev30',
        event: { type: 'app_home_opened', user: 'UMEMBER', channel: 'D1', tab: 'home' },
      }),
      'json',
    );
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'views.publish'));
    const published = b.slack.callsTo('views.publish')[0];
    expect(published?.args.user_id).toBe('UMEMBER');
    const home = JSON.stringify(published?.args.view);
    expect(home).toMatch(/"type":"home"/);
    expect(home).toMatch(/Launch Basic EDU Apps/);
    expect(home).toMatch(/T-1/);
    expect(home).toMatch(/goal add|Goals/);
  });
});

describe('Slack digests from the scheduler', () => {
  it('posts a subscribed digest whole and in order, waiting out a 429', async () => {
    const { b } = await withDigest();
    const admin = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
    b.app.subscriptions.subscribe(admin, {
      platform: 'slack',
      channelId: 'C9',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
    b.slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const before = posts(b.slack.calls).length;
    const results = await runDue({
      app: b.app,
      ports: { slack: b.adapter.port },
      clock: fixedClock('2026-11-24T08:05:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    expect(results.map((r) => r.status)).toEqual(['posted']);
    const digest = posts(b.slack.calls)
      .slice(before)
      .filter((c) => c.args.channel === 'C9');
    expect(b.slack.calls.some((c) => c.rateLimited)).toBe(true);
    expect(String(digest[0]?.args.text)).toMatch(/digest/i);
    const refs = digest.slice(1).map((c) => /T-(\d+)/.exec(String(c.args.text))?.[1]);
    expect(refs.length).toBeGreaterThan(1);
    expect(new Set(refs).size).toBe(refs.length);
  }, 20_000);
});

describe('manifest.yml', () => {
  it('declares what the code handles: the command, events, interactivity, scopes and request URLs', () => {
    const manifest = parse(readFileSync(join(packageRoot(), 'manifest.yml'), 'utf8')) as {
      features: {
        slash_commands: Array<{ command: string; url: string; should_escape: boolean }>;
        app_home: { home_tab_enabled: boolean };
      };
      oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
      settings: {
        event_subscriptions: { request_url: string; bot_events: string[] };
        interactivity: { is_enabled: boolean; request_url: string };
      };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/goalpost']);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'reaction_added',
      'reaction_removed',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const paths = [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ].map((u) => new URL(u ?? '').pathname);
    expect(new Set(paths)).toEqual(new Set(['/slack/events']));
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([
      '/slack/oauth_redirect',
    ]);
    const listeners = readFileSync(join(packageRoot(), 'adapters/slack/slack-listeners.ts'), 'utf8');
    for (const event of manifest.settings.event_subscriptions.bot_events)
      expect(listeners).toContain(`'${event}'`);
    expect(listeners).toContain("bolt.command('/goalpost'");
  });
});
