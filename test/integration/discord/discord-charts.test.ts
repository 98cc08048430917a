import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import { runDue } from '../../../src/chat.js';
import { fixedClock, reportCharts, silentLogger } from '../../../src/index.js';
import { declaredCtx } from '../../helpers/ctx.js';
import {
  CHANNEL,
  type DiscordBot,
  GUILD,
  interaction,
  USERS,
  useDiscordBot,
} from '../../helpers/discord-bot.js';
import { addTeacherGoal } from '../../helpers/teacher-goal.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useBuilt } from '../../helpers/use-built.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);
useBuilt();

const admin = declaredCtx({ workspaceId: GUILD, actor: 'discord:cli', source: 'cli', role: 'admin' });

/** The demo guild with a goal measured six times: charts of revenue (its targets) and the goal. */
async function withGoal(): Promise<DiscordBot> {
  const b = await startBot();
  addTeacherGoal(b.app, admin);
  return b;
}

/** `/goalpost report` typed by a member in the channel; resolves once it is answered. */
const report = (b: DiscordBot) =>
  b.listeners.chatInput(
    interaction(USERS.member, [], {
      options: { data: [{ name: 'report', type: 1, options: [] }] as OptionLike[] },
    }),
  );

const contents = (b: DiscordBot): string =>
  b.discord
    .messagesIn(CHANNEL)
    .map((m) => String(m.content ?? ''))
    .join('\n');

describe('the weekly report’s charts on Discord', () => {
  it('sends one PNG per chart as a multipart attachment described by its alt text, after the report', async () => {
    const b = await withGoal();
    await report(b);
    const charts = reportCharts(b.app.report.chartData(admin));
    const withFiles = b.discord.calls.filter((c) => c.files);
    expect(withFiles).toHaveLength(1);
    const [call] = withFiles;
    expect(call?.path).toBe(`/channels/${CHANNEL}/messages`);
    expect(call?.status).toBe(200);
    expect(call?.files?.map((f) => [f.field, f.filename, f.contentType])).toEqual([
      ['files[0]', 'revenue.png', 'image/png'],
      ['files[1]', 'goal-active_teachers.png', 'image/png'],
    ]);
    expect((call?.body as { attachments: unknown }).attachments).toEqual(
      charts.map((c, i) => ({ id: i, filename: `${c.name}.png`, description: c.alt })),
    );
    const [revenue, goal] = b.discord.attachments;
    expect(goal?.description).toBe(charts[1]?.alt);
    const drawn = PNG.sync.read(goal?.bytes ?? Buffer.alloc(0));
    expect([drawn.width, drawn.height]).toEqual([1268, 586]);
    expect(PNG.sync.read(revenue?.bytes ?? Buffer.alloc(0)).width).toBeGreaterThan(1000);
    // The attachments are the channel's last message: the report's text came first.
    const messages = b.discord.messagesIn(CHANNEL);
    expect(messages.at(-1)?.id).toBe(goal?.messageId);
    expect(String(messages[0]?.content)).toMatch(/Goalpost report since/);
    expect(contents(b)).not.toMatch(/Charts not attached/);
  }, 40_000);

  it('posts the report whole without Attach Files, and says under it why the charts are missing', async () => {
    const b = await withGoal();
    b.discord.channel(CHANNEL, { deny: ['AttachFiles'] });
    await report(b);
    const text = contents(b);
    expect(text).toMatch(/Goalpost report since/);
    expect(text).toMatch(
      /Charts not attached: Goalpost lacks the Attach Files permission in this channel: a server admin should grant it/,
    );
    expect(text).toMatch(/[▁-█]{6} active\\_teachers: 152 of 300 teachers by 2027-03-31/);
    expect(b.discord.attachments).toEqual([]);
    const warned = b.logs.find((l) => l.level === 'warn' && /charts could not be attached/.test(l.msg));
    expect(warned?.obj.reason).toBe('50013');
  }, 40_000);

  it('attaches the charts to a scheduled weekly report too', async () => {
    const b = await withGoal();
    b.app.subscriptions.subscribe(admin, {
      kind: 'report',
      platform: 'discord',
      channelId: CHANNEL,
      time: '16:00',
      timeZone: 'Europe/Berlin',
    });
    const results = await runDue({
      app: b.app,
      ports: { discord: b.port },
      clock: fixedClock('2026-11-23T15:05:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    expect(results.map((r) => r.status)).toEqual(['posted']);
    expect(b.discord.attachments.map((a) => a.filename)).toEqual(['revenue.png', 'goal-active_teachers.png']);
  }, 40_000);
});
