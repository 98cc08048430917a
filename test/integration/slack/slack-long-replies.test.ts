import { describe, expect, it } from 'vitest';
import { runDue } from '../../../src/chat.js';
import { fixedClock, silentLogger } from '../../../src/index.js';
import { SLACK_MODEL, textTotal } from '../../fakes/slack-limits.js';
import { slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackCall } from '../../fakes/slack-web-api.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);

/** A busy week: 26 projects, 30 goals with a month of measurements each, and 60 notes. */
async function busyWeek(): Promise<SlackBot> {
  const b = await startBot();
  const ctx = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
  for (let p = 1; p <= 26; p++)
    b.app.projects.add(ctx, { name: `Learning app number ${p}`, revenueBearing: true });
  for (let g = 1; g <= 30; g++) {
    const metric = `weekly_active_learners_cohort_${g}`;
    b.app.goals.add(ctx, { metric, target: 1000 + g, by: '2027-03-01', baseline: 10, unit: 'learners' });
    for (const [day, value] of [
      ['2026-10-26', 40],
      ['2026-11-02', 60],
      ['2026-11-09', 80 + g],
      ['2026-11-16', 95 + g],
      ['2026-11-22', 120 + g],
    ] as const)
      b.app.goals.observe(ctx, { metric, value, at: day });
  }
  for (let n = 1; n <= 60; n++)
    b.app.goals.note(
      ctx,
      `Note ${n}: the onboarding interviews said the quiz builder is confusing for new teachers, who give up before the first quiz`,
    );
  return b;
}

const posts = (calls: FakeSlackCall[]) =>
  calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited);
const reportPosts = (calls: FakeSlackCall[], channel: string) =>
  posts(calls).filter((c) => c.args.channel === channel && /report/i.test(JSON.stringify(c.args.blocks)));

/** Every message is one Slack takes: at most 50 blocks and text well under its cumulative limit. */
function expectWithinLimits(calls: FakeSlackCall[]): void {
  for (const c of calls) {
    expect(c.error).toBeUndefined();
    expect((c.args.blocks as unknown[]).length).toBeLessThanOrEqual(SLACK_MODEL.blocksPerMessage);
    expect(textTotal(c.args.blocks)).toBeLessThanOrEqual(SLACK_MODEL.blocksTextTotal);
  }
}

describe('Slack replies too long for one message', () => {
  it('posts a weekly report of a busy week as several messages, in order, each one Slack takes', async () => {
    const b = await busyWeek();
    await b.post(
      slashCommandBody({
        userId: 'UADMIN',
        channelId: 'C1',
        text: 'report',
        responseUrl: b.slack.responseUrl('r'),
      }),
      'form',
    );
    await b.slack.waitFor(
      (calls) => posts(calls).some((c) => JSON.stringify(c.args).includes('Note 60:')),
      15_000,
    );
    const refused = b.slack.calls.filter((c) => c.error);
    expect(refused).toEqual([]);
    const sent = posts(b.slack.calls).filter(
      (c) => c.args.channel === 'C1' && c.args.thread_ts === undefined,
    );
    expect(sent.length).toBeGreaterThan(1);
    expectWithinLimits(sent);
    const all = sent.map((c) => JSON.stringify(c.args.blocks)).join('\n');
    // More than one message can carry: before, this went out as one and Slack refused it.
    expect(sent.reduce((n, c) => n + textTotal(c.args.blocks), 0)).toBeGreaterThan(
      SLACK_MODEL.blocksTextTotal,
    );
    const order = ['*Goals*', '📋 Actions', '🏁 Outcomes', '💡 Lessons', '🗒️ Notes'].map((h) =>
      all.indexOf(h),
    );
    expect(
      order.every((at) => at >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    for (const n of [1, 30, 60]) expect(all).toContain(`Note ${n}:`);
  }, 30_000);

  it('posts a subscribed weekly report whole from the scheduler, not refused and not retried', async () => {
    const b = await busyWeek();
    const admin = b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });
    b.app.subscriptions.subscribe(admin, {
      kind: 'report',
      platform: 'slack',
      channelId: 'C5',
      time: '16:00',
      timeZone: 'Europe/Berlin',
    });
    const results = await runDue({
      app: b.app,
      ports: { slack: b.adapter.port },
      clock: fixedClock('2026-11-23T15:05:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    expect(results.map((r) => r.status)).toEqual(['posted']);
    const sent = posts(b.slack.calls).filter((c) => c.args.channel === 'C5');
    expect(sent.length).toBeGreaterThan(1);
    expectWithinLimits(sent);
    expect(reportPosts(b.slack.calls, 'C5').length).toBeGreaterThan(0);
  }, 30_000);
});
