import { describe, expect, it } from 'vitest';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import type { FakeDiscordCall } from '../../fakes/discord-rest.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { CHANNEL, GUILD, interaction, USERS, useDiscordBot } from '../../helpers/discord-bot.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);

const ctx = declaredCtx({ workspaceId: GUILD, actor: 'discord:1150000000000000303', source: 'discord' });
const target = { workspaceId: GUILD, platform: 'discord' as const, channelId: CHANNEL };
const contents = (calls: FakeDiscordCall[], channel: string): string[] =>
  calls
    .filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages` && c.status === 200)
    .map((c) => String((c.body as { content?: string }).content ?? ''));

describe('Discord replies longer than a message', () => {
  it('posts the weekly report whole, in order, over as many messages as it takes', async () => {
    const b = await startBot();
    const notes = Array.from(
      { length: 40 },
      (_, n) => `note ${String(n).padStart(2, '0')}: ${'teachers ask '.repeat(8)}end`,
    );
    for (const note of notes) b.app.goals.note(ctx, note);
    const i = interaction(USERS.member, [], {
      options: { data: [{ name: 'report', type: 1, options: [] }] as OptionLike[] },
    });
    await b.listeners.chatInput(i);
    const posted = contents(b.discord.calls, CHANNEL);
    expect(posted.length).toBeGreaterThan(1);
    for (const m of posted) expect([...m].length).toBeLessThanOrEqual(2000);
    const all = posted.join('\n');
    const at = notes.map((note) => all.indexOf(note.slice(0, 8)));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
    expect(all).toContain(notes.at(-1));
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('shows the weekly report as chat, not as Markdown source: bars for goals, sections in plain words', async () => {
    const b = await startBot();
    const admin = declaredCtx({ ...ctx, role: 'admin' });
    b.app.demo.load(admin);
    b.app.goals.add(admin, { metric: 'active_teachers', target: 500, by: '2027-06-30', baseline: 100 });
    b.app.goals.observe(admin, { metric: 'active_teachers', value: 160, at: '2026-11-20' });
    b.app.engine.generate(admin, {});
    b.app.decisions.decide(admin, { ref: 'T-2', action: 'reject', note: 'not **this** quarter' });
    const i = interaction(USERS.member, [], {
      options: { data: [{ name: 'report', type: 1, options: [] }] as OptionLike[] },
    });
    await b.listeners.chatInput(i);
    const all = contents(b.discord.calls, CHANNEL).join('\n');
    expect(all).not.toMatch(/^\\?#|\| ---|\*\*Vision/m);
    expect(all).toMatch(/^\*\*Goals\*\*$/m);
    expect(all).toMatch(/active\\_teachers by 2027-06-30/);
    expect(all).toMatch(/`█+░+ \d+%` (on track|off track|at risk)/);
    // A person's words show as typed: escaped, so Discord draws the asterisks rather than bold.
    expect(all).toContain('T-2 rejected by <@1150000000000000303>: ');
    expect(all).toContain('— not \\*\\*this\\*\\* quarter');
    for (const heading of ['📋 Actions', '💡 Lessons', '🔧 What to adjust']) expect(all).toContain(heading);
  });

  it('splits a thread line past 2,000 characters instead of having it refused', async () => {
    const b = await startBot();
    const [id] = await b.port.post(target, [{ kind: 'text', text: 'a card' }]);
    const line = `⚠️ T-1 failed (devworker1): ${Array.from({ length: 300 }, (_, n) => `line${n}`).join(' ')}`;
    await b.port.threadReply(target, id ?? '', line);
    const inThread = contents(b.discord.calls, id ?? '');
    expect(inThread.length).toBeGreaterThan(1);
    for (const m of inThread) expect([...m].length).toBeLessThanOrEqual(2000);
    expect(inThread.join(' ')).toBe(line);
  });

  it('shows every row of a long table, each message its own code block', async () => {
    const b = await startBot();
    const rows = Array.from({ length: 120 }, (_, n) => [`T-${n + 1}`, 'proposed', `task number ${n + 1}`]);
    const table = {
      kind: 'table' as const,
      title: 'Tasks',
      columns: ['ref', 'status', 'title'],
      rows,
      empty: '',
    };
    const ids = await b.port.post(target, [table, { kind: 'text', text: 'after the table' }]);
    expect(ids).toHaveLength(2);
    const posted = contents(b.discord.calls, CHANNEL);
    expect(posted.length).toBeGreaterThan(2);
    expect(posted.at(-1)).toBe('after the table');
    for (const m of posted.slice(0, -1)) expect(m.match(/```/g)).toHaveLength(2);
    for (const [n] of rows.entries())
      expect(posted.join('\n')).toMatch(new RegExp(`\\bT-${n + 1} +proposed +task number ${n + 1}\\b`));
  });
});
