import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/learning/random.js';
import { blockActionsBody, slashCommandBody } from '../../fakes/slack-signing.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

const ctx = declaredCtx({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack', role: 'admin' });

describe('Slack under load', () => {
  it('takes 1,000 concurrent mixed decisions, duplicates included, without losing or doubling one', async () => {
    const b = await startBot();
    b.app.projects.add(ctx, { name: 'Racing', revenueBearing: true, focus: ['payment_integration'] });
    for (let i = 1; i <= 40; i++) {
      b.app.projects.addBug(ctx, 'Racing', {
        title: `Checkout fails for card brand ${i}`,
        severity: 'critical',
      });
    }
    await b.post(
      slashCommandBody({
        userId: 'UADMIN',
        channelId: 'C1',
        text: 'digest --max-tasks 50',
        responseUrl: b.slack.responseUrl('d'),
      }),
      'form',
    );
    const tasks = () => b.app.tasks.list(ctx, { status: ['proposed'] });
    await b.slack.waitFor(
      () => tasks().length > 0 && tasks().every((t) => b.app.chat.forTask(ctx, t.id).length > 0),
      15_000,
    );
    const cards = tasks().map((t) => ({
      id: t.id,
      ref: t.ref,
      ts: b.app.chat.forTask(ctx, t.id)[0]?.messageId ?? '',
    }));
    expect(cards.length).toBeGreaterThanOrEqual(40);

    const rng = createRng('load');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
    const users = ['UAPPROVER', 'UAPPROVER2', 'UADMIN', 'UMEMBER'];
    const requests: Array<{ body: string; type: 'form' | 'json' }> = [];
    for (let i = 0; requests.length < 1000; i++) {
      const card = pick(cards);
      const user = pick(users);
      const kind = rng.next();
      if (kind < 0.3) {
        const verb = pick(['approve', 'reject', 'start', 'done']);
        const text = verb === 'reject' ? `reject ${card.ref} load test` : `${verb} ${card.ref}`;
        requests.push({
          type: 'form',
          body: slashCommandBody({
            userId: user,
            channelId: 'C1',
            text,
            responseUrl: b.slack.responseUrl(`c${i}`),
          }),
        });
      } else if (kind < 0.7) {
        const body = b.slack.reactionEvent({
          eventId: `EvLoad${i}`,
          type: rng.next() < 0.85 ? 'reaction_added' : 'reaction_removed',
          user,
          reaction: pick(['white_check_mark', 'x', 'rocket', 'checkered_flag', '+1']),
          channel: 'C1',
          ts: card.ts,
        });
        if (body === null) throw new Error('fake Slack would not deliver a reaction in C1');
        requests.push({ type: 'json', body });
        // Slack delivers some events twice.
        if (rng.next() < 0.3) requests.push({ type: 'json', body });
      } else {
        requests.push({
          type: 'form',
          body: blockActionsBody({
            userId: user,
            channelId: 'C1',
            messageTs: card.ts,
            actionId: pick(['goalpost_approve', 'goalpost_start', 'goalpost_done']),
            value: JSON.stringify({ taskId: card.id, status: pick(['proposed', 'approved', 'in_progress']) }),
            responseUrl: b.slack.responseUrl(`b${i}`),
          }),
        });
      }
    }
    const statuses = await Promise.all(
      requests.slice(0, 1000).map((r) => b.post(r.body, r.type).then((res) => res.status)),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // Acks come first; wait until the work behind them has settled (nothing new for 500 ms).
    let last = -1;
    let since = Date.now();
    await b.slack.waitFor((calls) => {
      const now = calls.length + b.slack.responses.length;
      if (now !== last) {
        last = now;
        since = Date.now();
      }
      return Date.now() - since > 500;
    }, 60_000);

    const db = new Database(b.dbPath, { readonly: true });
    const events = db
      .prepare('SELECT task_id, type, from_status, to_status FROM task_events ORDER BY id')
      .all() as Array<{ task_id: number; type: string; from_status: string | null; to_status: string }>;
    const finals = new Map(
      (db.prepare('SELECT id, status FROM tasks').all() as Array<{ id: number; status: string }>).map((t) => [
        t.id,
        t.status,
      ]),
    );
    db.close();
    // Each task's events form one unbroken path: no step lost, none applied twice.
    const at = new Map<number, string>();
    for (const e of events) {
      if (e.type !== 'created' && e.type !== 'assigned') {
        expect(e.from_status, `task ${e.task_id} ${e.type}`).toBe(at.get(e.task_id));
        expect(e.from_status).not.toBe(e.to_status);
      }
      at.set(e.task_id, e.to_status);
    }
    for (const [id, status] of finals) expect(status, `task ${id}`).toBe(at.get(id));
    expect(events.filter((e) => e.type !== 'created').length).toBeGreaterThan(40);
  }, 120_000);
});
