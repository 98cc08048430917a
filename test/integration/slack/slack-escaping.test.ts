import { describe, expect, it } from 'vitest';
import { createChatWatch, fixedClock, silentLogger } from '../../../src/index.js';
import { mrkdwnEffects } from '../../fakes/slack-mrkdwn.js';
import { slashCommandBody } from '../../fakes/slack-signing.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

/**
 * Text a person or a process could write into Goalpost: pings for a channel and a user group, a
 * bare user mention, a user mention as Slack itself sends it, and a link disguised by its label.
 */
const HOSTILE =
  '<!channel> <!here|here> <!subteam^S0ALL|@everyone-team> <@U0VICTIM> <@U0OTHER|victim> see <https://evil.example|Re-authenticate> & <#C0SECRET>';

/** Everything Goalpost sent Slack: messages posted, edited, shown to one person, answered through response URLs. */
function everythingSent(b: SlackBot): Array<{ what: string; text?: unknown; blocks?: unknown }> {
  const sent = b.slack.calls
    .filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(c.method) && !c.error)
    .map((c) => ({ what: `${c.method} ${String(c.args.text).slice(0, 60)}`, ...c.args }));
  const views = b.slack.calls
    .filter((c) => c.method === 'views.publish' || c.method === 'views.open')
    .map((c) => ({ what: c.method, blocks: (c.args.view as { blocks?: unknown }).blocks }));
  const answered = b.slack.responses.map((r) => ({ what: `respond ${r.name}`, ...(r.body as object) }));
  return [...sent, ...views, ...answered];
}

/** Nobody is pinged but the people who acted, and no link shows a label other than itself. */
function expectHarmless(b: SlackBot, actors: string[]): void {
  const sent = everythingSent(b);
  expect(sent.length).toBeGreaterThan(0);
  for (const message of sent) {
    const { pings, links } = mrkdwnEffects(message);
    expect(
      pings.filter((p) => !actors.includes(p)),
      message.what,
    ).toEqual([]);
    expect(links, message.what).toEqual([]);
  }
}

async function command(b: SlackBot, user: string, text: string, name: string) {
  await b.post(
    slashCommandBody({ userId: user, channelId: 'C1', text, responseUrl: b.slack.responseUrl(name) }),
    'form',
  );
}

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });

/** `/goalpost digest` in C1, once its five task messages are out. */
async function digest(b: SlackBot): Promise<void> {
  await command(b, 'UADMIN', 'digest', 'digest');
  const shown = () =>
    b.app.tasks
      .list(ctxOf(b), { status: ['proposed'] })
      .filter((t) => b.app.chat.forTask(ctxOf(b), t.id).length);
  await b.slack.waitFor(() => shown().length >= 5);
}

describe('Slack: text people and processes write reaches Slack inert', () => {
  it('titles, reject reasons, outcome notes and answers ping nobody and disguise no link, in posts, edits, threads and fallbacks', async () => {
    const b = await startBot();
    b.app.projects.addBug(ctxOf(b), 'Basic EDU Apps', { title: `Checkout ${HOSTILE}`, severity: 'critical' });
    await digest(b);
    const bug = b.app.tasks
      .list(ctxOf(b), { status: ['proposed'] })
      .find((t) => t.title.includes('Checkout'));
    const other = b.app.tasks.list(ctxOf(b), { status: ['proposed'] }).find((t) => t.id !== bug?.id);
    if (!bug || !other) throw new Error('the digest lacks the tasks this test needs');
    await command(b, 'UAPPROVER', `reject ${bug.ref} ${HOSTILE}`, 'reject');
    await command(b, 'UAPPROVER', `approve ${other.ref}`, 'approve');
    await b.slack.waitFor(() => b.app.tasks.show(ctxOf(b), other.ref).task.status === 'approved');
    await command(b, 'UAPPROVER', `done ${other.ref} ${HOSTILE}`, 'done');
    await command(b, 'UMEMBER', `task ${bug.ref}`, 'task');
    await command(b, 'UMEMBER', HOSTILE, 'unknown');
    await b.slack.waitFor(
      (calls, responses) =>
        calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts !== undefined).length >= 3 &&
        responses.some((r) => r.name === 'task') &&
        responses.some((r) => r.name === 'unknown'),
    );
    expectHarmless(b, ['UADMIN', 'UAPPROVER']);
    // What was written is still there to read, as text.
    const thread = b.slack.callsTo('chat.postMessage').find((c) => c.args.thread_ts !== undefined);
    expect(String(thread?.args.text)).toContain('&lt;!channel&gt;');
    expect(String(thread?.args.text)).toContain('@victim');
  });

  it('a worker’s stderr tail said in the task’s thread pings nobody', async () => {
    const b = await startBot();
    await digest(b);
    const watch = createChatWatch({
      app: b.app,
      store: b.store,
      ports: { slack: b.adapter.port },
      clock: fixedClock('2026-11-23T09:05:00Z'),
      logger: silentLogger,
    });
    watch.start();
    try {
      const cli = b.app.context({ workspaceId: TEAM, actor: 'cli:ops', source: 'cli', role: 'admin' });
      b.app.assignees.add(cli, { name: 'bot1', kind: 'worker', capacity: 2 });
      b.app.decisions.decide(cli, { ref: 'T-1', action: 'approve' });
      b.app.decisions.assign(cli, 'T-1', 'bot1');
      const worker = b.app.context({ workspaceId: TEAM, actor: 'worker:bot1', source: 'worker' });
      b.app.queue.claim(worker, 'bot1', 15, 'build-7');
      const run = { success: false, exitCode: 1, signal: null, timedOut: false, minutes: 1 };
      b.app.queue.finish(
        worker,
        { ref: 'T-1', assignee: 'bot1' },
        { ...run, reason: `exit 1: ${HOSTILE}`, output: HOSTILE },
      );
      await watch.poll();
      await b.slack.waitFor((calls) =>
        calls.some((c) => c.args.thread_ts !== undefined && /failed/.test(String(c.args.text))),
      );
    } finally {
      await watch.stop();
    }
    expectHarmless(b, ['UADMIN']);
  });

  it('keeps the mentions Goalpost writes of who asked and of whom they named', async () => {
    const b = await startBot();
    await command(b, 'UADMIN', 'role <@UMEMBER|cy> approver', 'role');
    await b.slack.waitFor((calls, responses) =>
      [...calls.map((c) => c.args.text), ...responses.map((r) => JSON.stringify(r.body))].some((t) =>
        /is now approver/.test(String(t)),
      ),
    );
    const said = everythingSent(b).find((m) => /is now approver/.test(JSON.stringify(m)));
    expect([...new Set(mrkdwnEffects(said ?? {}).pings)].sort()).toEqual(['UADMIN', 'UMEMBER']);
  });

  // Slack sends a typed `&`, `<` and `>` in a slash command as `&amp;`, `&lt;` and `&gt;`: a review's
  // "waiting on legal & finance (<Q2>)" was stored as "legal &amp; finance (&lt;Q2&gt;)", in the
  // task's log, the weekly report and every export, and shown in Slack as "&amp;".
  it('keeps what a person typed in a command as they typed it, and shows it so', async () => {
    const b = await startBot();
    await digest(b);
    const [task] = b.app.tasks.list(ctxOf(b), { status: ['proposed'] });
    if (!task) throw new Error('the digest proposed nothing');
    await command(
      b,
      'UAPPROVER',
      `reject ${task.ref} waiting on legal &amp; finance (&lt;Q2&gt;), not &amp;lt;`,
      'reject',
    );
    await b.slack.waitFor(() => b.app.tasks.show(ctxOf(b), task.ref).task.status === 'rejected');
    const { events } = b.app.tasks.show(ctxOf(b), task.ref);
    expect(events.at(-1)?.note).toBe('waiting on legal & finance (<Q2>), not &lt;');
    // Said back to Slack escaped once, as Slack reads it: "&amp;", never "&amp;amp;" (once the
    // reply is out: it follows the write).
    await b.slack.waitFor(() => JSON.stringify(everythingSent(b)).includes('legal &amp; finance'));
    const sent = JSON.stringify(everythingSent(b));
    expect(sent).toContain('legal &amp; finance (&lt;Q2&gt;)');
    expect(sent).not.toContain('&amp;amp;');
  });
});
