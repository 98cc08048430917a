import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../../adapters/charts/render-charts.js';
import { runDue } from '../../../src/chat.js';
import { fixedClock, reportCharts, silentLogger } from '../../../src/index.js';
import { eventBody, slashCommandBody } from '../../fakes/slack-signing.js';
import type { FakeSlackFile } from '../../fakes/slack-web-api.js';
import { manifestScopes } from '../../fakes/slack-workspace.js';
import { type SlackBot, TEAM, useSlackBot } from '../../helpers/slack-bot.js';
import { addTeacherGoal } from '../../helpers/teacher-goal.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useBuilt } from '../../helpers/use-built.js';

const tempDir = useTempDir();
const startBot = useSlackBot(tempDir);
useBuilt();

const ctxOf = (b: SlackBot) => b.app.context({ workspaceId: TEAM, actor: 'slack:UADMIN', source: 'slack' });

/** The demo team with a goal measured six times: charts of revenue (its targets) and the goal. */
async function withGoal(fake: Parameters<typeof startBot>[1] = {}): Promise<SlackBot> {
  const b = await startBot(undefined, fake);
  addTeacherGoal(b.app, ctxOf(b));
  return b;
}

/** `/goalpost report` typed in `channel`; resolves once Slack has the acknowledgement. */
const reportIn = (b: SlackBot, channel: string) =>
  b.post(
    slashCommandBody({
      userId: 'UADMIN',
      channelId: channel,
      text: 'report',
      responseUrl: b.slack.responseUrl('r'),
    }),
    'form',
  );

const pngSize = (bytes: Buffer | null): [number, number] => {
  const png = PNG.sync.read(bytes ?? Buffer.alloc(0));
  return [png.width, png.height];
};

const uploaded = (b: SlackBot): FakeSlackFile[] => [...b.slack.files.values()];

/** Every text message the bot has in the channel itself, joined. */
const channelText = (b: SlackBot, channel: string): string =>
  b.slack
    .topLevel(channel)
    .map((m) => JSON.stringify(m.blocks ?? m.text))
    .join('\n');

describe('the weekly report’s charts on Slack', () => {
  it('uploads one PNG per chart under a report typed in a channel, the way files.uploadV2 does', async () => {
    const b = await withGoal();
    expect((await reportIn(b, 'C1')).status).toBe(200);
    // Acknowledged before anything was drawn: the charts are drawn after, on a thread of their own.
    expect(b.slack.callsTo('files.getUploadURLExternal')).toEqual([]);
    await b.slack.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 30_000);

    const files = uploaded(b);
    expect(files.map((f) => f.filename)).toEqual(['revenue.png', 'goal-active_teachers.png']);
    const charts = reportCharts(b.app.report.chartData(ctxOf(b)));
    const drawn = await renderCharts(charts);
    for (const [i, f] of files.entries()) {
      // Announced with its length and alt text, sent whole, shared in the channel with its title.
      expect(f.bytes?.length).toBe(f.length);
      expect(Buffer.compare(f.bytes ?? Buffer.alloc(0), Buffer.from(drawn[i] ?? []))).toBe(0);
      expect([f.alt, f.title]).toEqual([charts[i]?.alt, charts[i]?.title]);
      expect([f.completed, f.channels, f.threadTs]).toEqual([true, ['C1'], null]);
    }
    expect(pngSize(files[1]?.bytes ?? null)).toEqual([1268, 586]);
    expect(b.slack.uploads.map((u) => u.status)).toEqual([200, 200]);

    // One message shares both, after the report's text, in the channel itself.
    const [complete, ...more] = b.slack.callsTo('files.completeUploadExternal');
    expect(more).toEqual([]);
    expect(complete?.args.channel_id).toBe('C1');
    expect(complete?.args).not.toHaveProperty('thread_ts');
    const top = b.slack.topLevel('C1');
    expect(top.at(-1)?.files).toEqual(files.map((f) => f.id));
    expect(JSON.stringify(top[0]?.blocks)).toMatch(/Goalpost report since/);
    // The files are remembered for App Home.
    expect(b.app.chat.charts.latest(ctxOf(b), 'slack').map((f) => [f.name, f.fileId, f.channelId])).toEqual([
      ['goal-active_teachers', files[1]?.id, 'C1'],
      ['revenue', files[0]?.id, 'C1'],
    ]);
  }, 40_000);

  it('attaches the charts to a scheduled weekly report too', async () => {
    const b = await withGoal();
    b.app.subscriptions.subscribe(ctxOf(b), {
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
    expect(uploaded(b).map((f) => [f.filename, f.channels])).toEqual([
      ['revenue.png', ['C5']],
      ['goal-active_teachers.png', ['C5']],
    ]);
    expect(uploaded(b).every((f) => pngSize(f.bytes)[0] > 1000)).toBe(true);
  }, 40_000);

  it('puts the charts in the thread a report is in', async () => {
    const b = await withGoal();
    const target = { workspaceId: TEAM, platform: 'slack' as const, channelId: 'C1' };
    const [parent] = await b.adapter.port.post(target, [{ kind: 'text', text: 'Weekly report' }]);
    const charts = reportCharts(b.app.report.chartData(ctxOf(b)));
    const attached = await b.adapter.port.attach({ ...target, threadId: parent ?? '' }, charts);
    expect(attached.map((a) => a.name)).toEqual(['revenue', 'goal-active_teachers']);
    expect(b.slack.callsTo('files.completeUploadExternal')[0]?.args.thread_ts).toBe(parent);
    expect(b.slack.replies('C1', parent ?? '')[0]?.files).toEqual(attached.map((a) => a.fileId));
    expect(uploaded(b).every((f) => f.threadTs === parent)).toBe(true);
  }, 40_000);

  it('posts the report whole when the app lacks files:write, and says under it why the charts are missing', async () => {
    const b = await withGoal({ scopes: manifestScopes().filter((s) => s !== 'files:write') });
    await reportIn(b, 'C1');
    await b.slack.waitFor(() => /Trends/.test(channelText(b, 'C1')), 30_000);
    const text = channelText(b, 'C1');
    expect(text).toMatch(/Goalpost report since/);
    expect(text).toMatch(/Charts not attached: Goalpost's Slack app lacks the `files:write` permission/);
    expect(text).toMatch(/re-install the app/);
    // Each chart as a sparkline instead, after the note.
    expect(text.indexOf('Charts not attached')).toBeLessThan(text.indexOf('▁'));
    expect(text).toMatch(/[▁-█]{6} active_teachers: 152 of 300 teachers by 2027-03-31/);
    expect(uploaded(b)).toEqual([]);
    expect(b.slack.callsTo('files.getUploadURLExternal')[0]?.error).toBe('missing_scope');
    expect(b.logs.some((l) => l.level === 'warn' && /charts could not be attached/.test(l.msg))).toBe(true);
    expect(b.app.chat.charts.latest(ctxOf(b), 'slack')).toEqual([]);
  }, 40_000);

  it('waits out a rate limit on the upload methods and still attaches every chart', async () => {
    const b = await withGoal();
    b.slack.failNext('files.getUploadURLExternal');
    b.slack.failNext('upload');
    b.slack.failNext('files.completeUploadExternal');
    await reportIn(b, 'C1');
    await b.slack.waitFor(
      (calls) => calls.some((c) => c.method === 'files.completeUploadExternal' && !c.rateLimited),
      30_000,
    );
    // The URLs are asked for side by side: the one refused once comes second.
    expect(
      uploaded(b)
        .map((f) => [f.filename, f.completed])
        .sort(),
    ).toEqual([
      ['goal-active_teachers.png', true],
      ['revenue.png', true],
    ]);
    expect(b.slack.uploads.map((u) => u.status).sort()).toEqual([200, 200, 429]);
    expect(channelText(b, 'C1')).not.toMatch(/Charts not attached/);
  }, 40_000);

  it('shares many charts ten to a message, as Slack’s clients attach them', async () => {
    const b = await withGoal();
    const ctx = ctxOf(b);
    for (let g = 1; g <= 23; g++) {
      const metric = `cohort_${g}_learners`;
      b.app.goals.add(ctx, { metric, target: 500, by: '2027-03-01', baseline: 10 });
      b.app.goals.observe(ctx, { metric, value: 20 + g, at: '2026-11-02' });
      b.app.goals.observe(ctx, { metric, value: 40 + g, at: '2026-11-16' });
    }
    await reportIn(b, 'C1');
    await b.slack.waitFor(
      (calls) => calls.filter((c) => c.method === 'files.completeUploadExternal').length === 3,
      60_000,
    );
    const sizes = b.slack
      .callsTo('files.completeUploadExternal')
      .map((c) => (c.args.files as unknown[]).length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(uploaded(b).every((f) => f.completed && f.channels[0] === 'C1')).toBe(true);
    expect(
      b.slack
        .topLevel('C1')
        .filter((m) => m.files)
        .map((m) => m.files?.length),
    ).toEqual([10, 10, 5]);
  }, 90_000);

  describe('on App Home', () => {
    const openHome = (b: SlackBot, eventId: string) =>
      b.post(
        eventBody({
          eventId,
          event: { type: 'app_home_opened', user: 'UMEMBER', channel: 'D1', tab: 'home' },
        }),
        'json',
      );
    const published = async (b: SlackBot, n: number) => {
      await b.slack.waitFor((calls) => calls.filter((c) => c.method === 'views.publish').length >= n, 10_000);
      const call = b.slack.callsTo('views.publish')[n - 1];
      return { call, blocks: (call?.args.view as { blocks: Array<Record<string, unknown>> }).blocks };
    };
    const images = (blocks: Array<Record<string, unknown>>) => blocks.filter((x) => x.type === 'image');

    it('says where charts come from before any report, then shows each chart from the latest report’s files', async () => {
      const b = await withGoal();
      await openHome(b, 'Ev1');
      const before = await published(b, 1);
      expect(images(before.blocks)).toEqual([]);
      expect(JSON.stringify(before.blocks)).toMatch(
        /Charts of revenue and each goal show here once a weekly report/,
      );

      await reportIn(b, 'C1');
      await b.slack.waitFor(
        (calls) => calls.some((c) => c.method === 'files.completeUploadExternal'),
        30_000,
      );
      await openHome(b, 'Ev2');
      const after = await published(b, 2);
      expect(after.call?.error).toBeUndefined();
      const files = uploaded(b);
      expect(images(after.blocks)).toEqual(
        files.map((f) => ({
          type: 'image',
          slack_file: { id: f.id },
          alt_text: f.alt,
          title: { type: 'plain_text', text: f.title, emoji: true },
        })),
      );
      expect(JSON.stringify(after.blocks)).toMatch(/Charts\* as of the weekly report of 2026-11-23 in <#C1>/);
      expect(after.blocks.length).toBeLessThanOrEqual(100);
    }, 40_000);

    it('shows Home without the charts, saying why, when Slack no longer has their files', async () => {
      const b = await withGoal();
      await reportIn(b, 'C1');
      await b.slack.waitFor(
        (calls) => calls.some((c) => c.method === 'files.completeUploadExternal'),
        30_000,
      );
      const [revenue] = uploaded(b);
      b.slack.deleteFile(revenue?.id ?? '');
      await openHome(b, 'Ev3');
      const { call } = await published(b, 1);
      expect(call?.error).toBe('invalid_arguments');
      const shown = await published(b, 2);
      expect(shown.call?.error).toBeUndefined();
      expect(images(shown.blocks)).toEqual([]);
      expect(JSON.stringify(shown.blocks)).toMatch(/Slack no longer has their files/);
      expect(b.logs.some((l) => l.level === 'warn' && /App Home refused the charts/.test(l.msg))).toBe(true);
    }, 40_000);
  });
});
