import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blockActionsBody, signSlackRequest, slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackCall } from '../../fakes/slack-web-api.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const start = useSlackBot(tempDir);

const posts = (calls: FakeSlackCall[]) =>
  calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited);

function decisions(dbPath: string): Array<{ type: string; actor: string }> {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare("SELECT type, actor FROM task_events WHERE type NOT IN ('created') ORDER BY id")
    .all() as Array<{ type: string; actor: string }>;
  db.close();
  return rows;
}

/** `user` presses Approve on the card of T-1 at `ts`, which showed `status`; the answer lands under `name`. */
function pressApprove(b: SlackBot, user: string, ts: string, status: string, name: string) {
  return b.post(
    blockActionsBody({
      userId: user,
      channelId: 'C1',
      messageTs: ts,
      actionId: 'goalpost_approve',
      value: JSON.stringify({ taskId: 1, status }),
      responseUrl: b.slack.responseUrl(name),
    }),
    'form',
  );
}

/** Posts `/goalpost <text>` as `user` in C1; the answer to respond() lands under `name`. */
async function command(b: SlackBot, user: string, text: string, name = `${user}:${text}`) {
  const res = await b.post(
    slashCommandBody({ userId: user, channelId: 'C1', text, responseUrl: b.slack.responseUrl(name) }),
    'form',
  );
  return { res, name };
}

describe('Slack slash command /goalpost', () => {
  it('acks at once, then posts the digest as one channel message with each task in its thread, in order, with buttons', async () => {
    const b = await start();
    const { res } = await command(b, 'UAPPROVER', 'digest');
    expect(res.status).toBe(200);
    await b.slack.waitFor((calls) => posts(calls).length >= 6);
    await new Promise((r) => setTimeout(r, 200));
    const posted = posts(b.slack.calls);
    expect(posted.every((c) => c.args.channel === 'C1' && c.token === 'xoxb-test-token')).toBe(true);
    const top = b.slack.topLevel('C1');
    expect(top).toHaveLength(1);
    const header = top[0];
    expect(JSON.stringify(header?.blocks)).toMatch(/Goalpost digest for 2026-11-23/);
    expect(JSON.stringify(header?.blocks)).toMatch(/Launch Basic EDU Apps/);
    expect(JSON.stringify(header?.blocks)).toContain('0 of 5 decided');
    const cards = b.slack.replies('C1', header?.ts ?? '');
    expect(cards).toHaveLength(5);
    cards.forEach((c, i) => {
      expect(c.text).toMatch(new RegExp(`T-${i + 1}\\b`));
      const actions = JSON.stringify(c.blocks);
      expect(actions).toContain('goalpost_approve');
      expect(actions).toContain('goalpost_reject');
    });
    expect(posted.slice(1).every((c) => c.args.thread_ts === header?.ts)).toBe(true);
    // Every task message is remembered with its thread, so a reaction on it finds its task.
    const db = new Database(b.dbPath, { readonly: true });
    const remembered = db
      .prepare("SELECT thread_id FROM chat_messages WHERE platform = 'slack' AND kind = 'task'")
      .pluck()
      .all();
    db.close();
    expect(remembered).toEqual(cards.map(() => header?.ts));
  });

  it('answers bad input and refusals to the caller only, writing nothing', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'digest');
    await b.slack.waitFor((calls) => posts(calls).length >= 3);
    const before = decisions(b.dbPath).length;
    const refused = await command(b, 'UMEMBER', 'approve T-1');
    const usage = await command(b, 'UAPPROVER', 'reject T-1');
    await b.slack.waitFor((_c, responses) => responses.length >= 2);
    const said = (name: string) => JSON.stringify(b.slack.responses.find((r) => r.name === name)?.body);
    expect(said(refused.name)).toMatch(/ephemeral/);
    expect(said(refused.name)).toMatch(/needs the approver role and you are a member/);
    expect(said(usage.name)).toMatch(/ephemeral/);
    expect(said(usage.name)).toMatch(/reject T-1 &lt;reason&gt;|reject T-1 <reason>/);
    expect(decisions(b.dbPath).length).toBe(before);
  });

  it('adds a bug from Slack, said in the channel naming who; help lists the backlog commands in messages Slack takes', async () => {
    const b = await start();
    await command(b, 'UAPPROVER', 'bug add "basic edu apps" Quiz timer freezes on iPad --severity high');
    await b.slack.waitFor((calls) => posts(calls).some((c) => JSON.stringify(c.args).includes('Quiz timer')));
    const said = posts(b.slack.calls).find((c) => JSON.stringify(c.args).includes('Quiz timer'));
    expect(said?.args.channel).toBe('C1');
    expect(said?.error).toBeUndefined();
    expect(JSON.stringify(said?.args.blocks)).toMatch(
      /Bug \d+ recorded in Basic EDU Apps by <@UAPPROVER>, 'Quiz timer freezes on iPad' \(high\)\./,
    );
    const ctx = b.app.context({ workspaceId: TEAM, actor: 'slack:UAPPROVER', source: 'slack' });
    expect(b.app.projects.bugs(ctx).map((bug) => bug.title)).toContain('Quiz timer freezes on iPad');

    // Every command, the backlog's among them, answered through response_url, which refuses a
    // message past Slack's limits: the table arrives, to the member alone.
    const help = await command(b, 'UMEMBER', 'help');
    await b.slack.waitFor((_c, responses) => responses.some((r) => r.name === help.name));
    const answers = b.slack.responses
      .filter((r) => r.name === help.name)
      .map((r) => r.body as { response_type?: string; blocks?: unknown });
    expect(answers.every((a) => a.response_type === 'ephemeral')).toBe(true);
    const text = JSON.stringify(answers.map((a) => a.blocks));
    for (const usage of [
      'project add &lt;name&gt;',
      'feature add &lt;project&gt; &lt;title&gt;',
      'bug add &lt;project&gt;',
    ])
      expect(text).toContain(usage);
  });

  it('refuses requests with a bad, stale or future signature, a tampered body or no signature', async () => {
    const b = await start();
    const body = slashCommandBody({
      userId: 'UADMIN',
      channelId: 'C1',
      text: 'digest',
      responseUrl: b.slack.responseUrl('x'),
    });
    const forged = await b.post(body, 'form', { 'x-slack-signature': 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const stale = await b.post(
      body,
      'form',
      signSlackRequest('test-signing-secret-8f2e1c', body, Math.floor(Date.now() / 1000) - 600),
    );
    expect(stale.status).toBe(401);
    const wrongSecret = await b.post(body, 'form', signSlackRequest('not-the-secret', body));
    expect(wrongSecret.status).toBe(401);
    const future = await b.post(
      body,
      'form',
      signSlackRequest('test-signing-secret-8f2e1c', body, Math.floor(Date.now() / 1000) + 600),
    );
    expect(future.status).toBe(401);
    // Signed for one body, sent with another: the text was changed on the way.
    const signed = signSlackRequest('test-signing-secret-8f2e1c', body);
    const tampered = await fetch(b.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed },
      body: body.replace('text=digest', 'text=demo'),
    });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(b.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect(posts(b.slack.calls)).toEqual([]);
  });

  it("subscribes the channel in the caller's Slack time zone unless one is given", async () => {
    const b = await start();
    await command(b, 'UADMIN', 'subscribe 09:00');
    await b.slack.waitFor((calls) => posts(calls).length >= 1);
    expect(String(posts(b.slack.calls)[0]?.args.text)).toMatch(
      /subscribed this channel to the digest at 09:00 Europe\/Berlin/,
    );
    await command(b, 'UADMIN', 'subscribe report 16:00 America/New_York fri');
    await b.slack.waitFor((calls) => posts(calls).length >= 2);
    const subs = b.app.subscriptions.list(b.app.context({ workspaceId: TEAM, actor: 't', source: 'cli' }));
    expect(subs.map((s) => [s.kind, s.platform, s.channelId, s.time, s.timeZone])).toEqual([
      ['digest', 'slack', 'C1', '09:00', 'Europe/Berlin'],
      ['report', 'slack', 'C1', '16:00', 'America/New_York'],
    ]);
  });

  it('asks Slack once for the time zone of a person it will not tell about, not at every command', async () => {
    const b = await start();
    // Slack refuses users.info for a person it does not know (user_not_found), as it refuses an
    // app installed without users:read (missing_scope): every time.
    for (const n of [1, 2, 3]) {
      await command(b, 'UGUEST', 'whoami', `guest-${n}`);
      await b.slack.waitFor((_, responses) => responses.some((r) => r.name === `guest-${n}`));
    }
    const asked = b.slack.callsTo('users.info').filter((c) => c.args.user === 'UGUEST');
    expect(asked).toHaveLength(1);
    const answers = b.slack.responses.filter((r) => r.name.startsWith('guest-'));
    expect(answers.map((r) => JSON.stringify(r.body))).toEqual([
      expect.stringContaining('UGUEST'),
      expect.stringContaining('UGUEST'),
      expect.stringContaining('UGUEST'),
    ]);
  });

  it("keeps each person's Slack time zone as theirs until they set one, which then stays", async () => {
    const b = await start();
    const zone = () =>
      b.app.people.me(b.app.context({ workspaceId: TEAM, actor: 'slack:UAPPROVER', source: 'slack' }))
        .timeZone;
    const until = async (want: string) => {
      for (let i = 0; i < 50 && zone() !== want; i++) await new Promise((r) => setTimeout(r, 50));
      return zone();
    };
    await command(b, 'UAPPROVER', 'whoami');
    expect(await until('America/New_York')).toBe('America/New_York');
    await command(b, 'UAPPROVER', 'me timezone Europe/Lisbon');
    expect(await until('Europe/Lisbon')).toBe('Europe/Lisbon');
    await command(b, 'UAPPROVER', 'whoami', 'again');
    await new Promise((r) => setTimeout(r, 200));
    expect(zone()).toBe('Europe/Lisbon');
  });

  it('approves from a button on a card in the thread: edits the card and the header, and says it in the thread', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'digest');
    await b.slack.waitFor((calls) => posts(calls).length >= 6); // the header and its five cards
    const cardTs = await tsOf(b, 1);
    const headerTs = b.slack.topLevel('C1')[0]?.ts ?? '';
    const before = posts(b.slack.calls).length;
    const clicked = await pressApprove(b, 'UAPPROVER', cardTs, 'proposed', 'click');
    expect(clicked.status).toBe(200);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update' && c.args.ts === headerTs));
    await b.slack.waitFor((calls) => posts(calls).length > before);
    const update = b.slack.callsTo('chat.update').find((c) => c.args.ts === cardTs);
    expect(JSON.stringify(update?.args.blocks)).toMatch(/approved by <@UAPPROVER>/i);
    expect(JSON.stringify(update?.args.blocks)).toContain('goalpost_start');
    // The decision's line goes to the digest's thread: a card there is a reply, not a parent.
    const said = posts(b.slack.calls).slice(before);
    expect(said.map((c) => c.args.thread_ts)).toEqual([headerTs]);
    expect(String(said[0]?.args.text)).toMatch(/T-1 approved by <@UAPPROVER>/);
    expect(JSON.stringify(b.slack.topLevel('C1')[0]?.blocks)).toContain('1 of 5 decided · 1 approved');
    expect(b.slack.topLevel('C1')).toHaveLength(1);
    expect(decisions(b.dbPath)).toEqual([{ type: 'approved', actor: 'slack:UAPPROVER' }]);
    expect(b.slack.calls.filter((c) => c.error)).toEqual([]);
  });

  it('retries a failed task from its card: the new task is posted with its buttons, and the failed card offers no second retry', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'digest');
    await b.slack.waitFor((calls) => posts(calls).length >= 6);
    const cardTs = await tsOf(b, 1);
    await command(b, 'UAPPROVER', 'approve T-1');
    await command(b, 'UAPPROVER', 'fail T-1 the sandbox is locked');
    const lastCard = () =>
      JSON.stringify(
        b.slack
          .callsTo('chat.update')
          .filter((c) => c.args.ts === cardTs)
          .at(-1)?.args.blocks,
      );
    await b.slack.waitFor(() => /failed by/i.test(lastCard()));
    await b.slack.waitFor((calls) => posts(calls).some((c) => /T-1 failed by/.test(String(c.args.text))));
    expect(lastCard()).toContain('goalpost_retry');
    const before = posts(b.slack.calls).length;
    const clicked = await b.post(
      blockActionsBody({
        userId: 'UAPPROVER',
        channelId: 'C1',
        messageTs: cardTs,
        actionId: 'goalpost_retry',
        value: JSON.stringify({ taskId: 1, status: 'failed' }),
        responseUrl: b.slack.responseUrl('retry'),
      }),
      'form',
    );
    expect(clicked.status).toBe(200);
    await b.slack.waitFor(() => /retried by/i.test(lastCard()));
    expect(lastCard()).not.toContain('goalpost_retry');
    const retried = (c: FakeSlackCall) =>
      /T-1 retried as T-6 by <@UAPPROVER>, approved/.test(String(c.args.text));
    const newCard = (c: FakeSlackCall) => /T-6/.test(JSON.stringify(c.args.blocks)) && !retried(c);
    await b.slack.waitFor((calls) => posts(calls).some(retried) && posts(calls).some(newCard));
    const said = posts(b.slack.calls).slice(before);
    // Said in the failed card's thread, and in the channel above the new task's card.
    const lines = said.filter(retried);
    expect(lines).toHaveLength(2);
    expect(lines.filter((c) => c.args.thread_ts)).toHaveLength(1);
    expect(said.filter(newCard).map((c) => JSON.stringify(c.args.blocks).includes('goalpost_start'))).toEqual(
      [true],
    );
    expect(b.slack.calls.filter((c) => c.error)).toEqual([]);
  });

  it('approves after all from the Approve button a rejected card offers, as when the wrong card was tapped', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'digest');
    await b.slack.waitFor((calls) => posts(calls).length >= 6);
    const cardTs = await tsOf(b, 1);
    await command(b, 'UAPPROVER', 'reject T-1 wrong card');
    await b.slack.waitFor((calls) =>
      calls.some(
        (c) =>
          c.method === 'chat.update' &&
          c.args.ts === cardTs &&
          /rejected by/i.test(JSON.stringify(c.args.blocks)),
      ),
    );
    const rejectedCard = b.slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === cardTs)
      .at(-1);
    const buttons = JSON.stringify(rejectedCard?.args.blocks);
    expect(buttons).toContain('goalpost_approve');
    expect(buttons).not.toContain('goalpost_reject');
    expect(buttons).toContain(JSON.stringify(JSON.stringify({ taskId: 1, status: 'rejected' })).slice(1, -1));
    const clicked = await pressApprove(b, 'UAPPROVER', cardTs, 'rejected', 'after-all');
    expect(clicked.status).toBe(200);
    await b.slack.waitFor((calls) =>
      calls.some(
        (c) =>
          c.method === 'chat.update' &&
          c.args.ts === cardTs &&
          /approved by/i.test(JSON.stringify(c.args.blocks)),
      ),
    );
    expect(decisions(b.dbPath)).toEqual([
      { type: 'rejected', actor: 'slack:UAPPROVER' },
      { type: 'approved', actor: 'slack:UAPPROVER' },
    ]);
    await b.slack.waitFor((calls) =>
      posts(calls).some((c) => /approved after all/.test(String(c.args.text))),
    );
    const said = posts(b.slack.calls).find((c) => /approved after all/.test(String(c.args.text)));
    expect(String(said?.args.text)).toMatch(
      /^✅ T-1 approved after all by <@UAPPROVER> — .* \(it was rejected by <@UAPPROVER> at .* UTC: "wrong card"\)$/,
    );
    expect(b.slack.calls.filter((c) => c.error)).toEqual([]);
  });

  it('gives one result when two approvers click at once', async () => {
    const b = await start();
    await command(b, 'UADMIN', 'digest');
    await b.slack.waitFor((calls) => posts(calls).length >= 3);
    const cardTs = await tsOf(b, 1);
    const click = (user: string) => pressApprove(b, user, cardTs, 'proposed', `click-${user}`);
    const [a, c] = await Promise.all([click('UAPPROVER'), click('UAPPROVER2')]);
    expect([a.status, c.status]).toEqual([200, 200]);
    await b.slack.waitFor((_calls, responses) => responses.some((r) => r.name.startsWith('click-')));
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'chat.update'));
    await new Promise((r) => setTimeout(r, 200));
    const decided = decisions(b.dbPath);
    expect(decided).toHaveLength(1);
    const loser = decided[0]?.actor === 'slack:UAPPROVER' ? 'click-UAPPROVER2' : 'click-UAPPROVER';
    expect(JSON.stringify(b.slack.responses.find((r) => r.name === loser)?.body)).toMatch(
      /was already approved \(approved by slack:UAPPROVER2? at /,
    );
  });
});

/** The ts of the message showing task T-`n`, once Goalpost has posted and remembered it. */
async function tsOf(b: SlackBot, n: number): Promise<string> {
  const read = (): string | undefined => {
    const db = new Database(b.dbPath, { readonly: true });
    const ts = db
      .prepare(
        "SELECT m.message_id FROM chat_messages m JOIN tasks t ON t.id = m.task_id WHERE 'T-' || t.seq = ?",
      )
      .pluck()
      .get(`T-${n}`) as string | undefined;
    db.close();
    return ts;
  };
  await b.slack.waitFor(() => read() !== undefined);
  return read() ?? '';
}
