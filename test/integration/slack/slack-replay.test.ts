import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FORM, signSlackRequest, slashCommandBody } from '../../fakes/slack-signing.js';
import { SIGNING_SECRET, type SlackBot, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

/** Rows of a table, to see that nothing was written. */
function count(b: SlackBot, table: string): number {
  const db = new Database(b.dbPath, { readonly: true });
  const n = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  db.close();
  return n;
}

/** Everything Slack has seen from Goalpost so far: calls and response_url posts. */
const seen = (b: SlackBot) => b.slack.calls.length + b.slack.responses.length;

/** Waits until Goalpost has said nothing new for 300 ms. */
async function settled(b: SlackBot): Promise<void> {
  let last = -1;
  let since = Date.now();
  await b.slack.waitFor(() => {
    if (seen(b) !== last) {
      last = seen(b);
      since = Date.now();
    }
    return Date.now() - since > 300;
  });
}

/**
 * Sends a signed slash command, then the very same request again, as an attacker who captured it
 * would within Slack's five-minute signature window.
 */
async function sendTwice(b: SlackBot, user: string, text: string): Promise<{ said: number; rows: string }> {
  const body = slashCommandBody({
    userId: user,
    channelId: 'C1',
    text,
    responseUrl: b.slack.responseUrl(text),
  });
  const headers = { 'content-type': FORM, ...signSlackRequest(SIGNING_SECRET, body) };
  const send = () => fetch(b.eventsUrl, { method: 'POST', headers, body });
  expect((await send()).status).toBe(200);
  await settled(b);
  const said = seen(b);
  const rows = written(b);
  expect(said).toBeGreaterThan(0);
  expect((await send()).status).toBe(200);
  await settled(b);
  return { said, rows };
}

/** What commands write: decisions, notes, tasks, revenue. */
const written = (b: SlackBot): string =>
  ['task_events', 'feedback_notes', 'tasks', 'revenue_records'].map((t) => `${t}=${count(b, t)}`).join(' ');

describe('Slack slash commands replayed', () => {
  it('changes nothing and says nothing new when a signed approve is sent again', async () => {
    const b = await startBot();
    b.app.engine.generate(
      b.app.context({ workspaceId: 'T0GOALPOST', actor: 'cli:t', source: 'cli', role: 'admin' }),
      {},
    );
    const { said, rows } = await sendTwice(b, 'UAPPROVER', 'approve T-1');
    expect(seen(b)).toBe(said);
    expect(written(b)).toBe(rows);
    expect(count(b, "task_events WHERE type = 'approved'")).toBe(1);
  });

  it('runs a replayed note, digest or revenue entry once, and says nothing again', async () => {
    const b = await startBot();
    for (const text of ['note the replay test', 'digest', 'revenue add 500 --project "Basic EDU Apps"']) {
      const { said, rows } = await sendTwice(b, 'UADMIN', text);
      expect(seen(b), text).toBe(said);
      expect(written(b), text).toBe(rows);
    }
    expect(count(b, 'feedback_notes')).toBe(1);
  }, 20_000);
});
