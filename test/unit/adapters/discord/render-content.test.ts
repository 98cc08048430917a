import { describe, expect, it } from 'vitest';
import {
  renderDiscordJsMessages,
  renderDiscordMessages,
} from '../../../../adapters/discord/render-discord.js';
import type { TaskCardView, View } from '../../../../src/index.js';
import { progressView, taskCardView } from '../../../helpers/views.js';

const USER = '80351110224678912';

const progress = progressView;
/** The view as one message: these fit in one. */
const renderDiscordMessage = (view: View) => {
  const [only, ...more] = renderDiscordMessages(view);
  expect(more).toEqual([]);
  return only ?? {};
};

const card: TaskCardView = taskCardView({
  status: 'done',
  project: null,
  alignment: 0.5,
  assignee: null,
  reasoning: [],
});

describe('renderDiscordMessage: text, errors, tables and progress as content', () => {
  it('renders text and errors as content, with the usage in code', () => {
    expect(renderDiscordMessage({ kind: 'text', text: '✅ done', tone: 'success' })).toEqual({
      content: '✅ done',
      allowed_mentions: { parse: [] },
    });
    const err = renderDiscordMessage({
      kind: 'error',
      message: 'say why',
      usage: '/goalpost reject T-12 `<reason>`',
    });
    expect(err.content).toBe("⚠️ say why\nUsage: `/goalpost reject T-12 '<reason>'`");
    // The backlog's usage as Discord has the command, under /backlog.
    const backlog = renderDiscordMessage({
      kind: 'error',
      message: 'level: one of critical, high, medium, low, none',
      usage: '/goalpost feature priority <feature id> <critical|high|medium|low|none>',
    });
    expect(backlog.content).toMatch(
      /\nUsage: `\/backlog feature priority <feature id> <critical\|high\|medium\|low\|none>`$/,
    );
    const long = renderDiscordMessages({ kind: 'text', text: 'y'.repeat(5000) }).map((m) => m.content);
    expect(long.map((c) => c?.length)).toEqual([2000, 2000, 1000]);
  });

  it('renders a table as one aligned code block, clipped with the rows left out counted', () => {
    const small = renderDiscordMessage({
      kind: 'table',
      title: 'Roles',
      columns: ['user', 'role'],
      rows: [[`<@${USER}>`, 'admin']],
      empty: 'none',
    });
    expect(small.content).toBe(
      `**Roles**\n\`\`\`\n${'user'.padEnd(22)}role\n${'-'.repeat(20)}  -----\n<@${USER}>  admin\n\`\`\``,
    );
    // A mention inside a code block shows as text: it must not notify.
    expect(small.allowed_mentions).toEqual({ parse: [] });
    const rows = Array.from({ length: 200 }, (_, i) => [`user-${i}`, 'revenue', 'x`'.repeat(50)]);
    const big = renderDiscordMessages({
      kind: 'table',
      title: 'Routing',
      columns: ['who', 'what', 'note'],
      rows,
      empty: '',
    }).map((m) => m.content ?? '');
    expect(big.length).toBeGreaterThan(1);
    expect(big[0]).toMatch(/^\*\*Routing\*\*\n```\nwho/);
    for (const m of big) {
      expect(m.length).toBeLessThanOrEqual(2000);
      expect(m.match(/```/g)?.length).toBe(2);
      expect(m).toMatch(/```\nwho +what +note\n-+/);
    }
    expect(rows.every((r) => big.some((m) => m.includes(`${r[0]} `)))).toBe(true);
    const empty = renderDiscordMessage({
      kind: 'table',
      title: 'Tasks',
      columns: ['ref'],
      rows: [],
      empty: 'No tasks.',
    });
    expect(empty.content).toBe('**Tasks**\nNo tasks.');
  });

  it('renders progress items with bars, and their empty text', () => {
    const body = renderDiscordMessage({ kind: 'progress', title: 'Goals', items: [progress()], empty: '' });
    expect(body.content).toBe(
      '**Goals**\n**Revenue by 2025-06**\n`███░░░░░░░ 25%` on track\n*$500 of $2,000 MRR*',
    );
    const many = renderDiscordMessages({
      kind: 'progress',
      title: 'Goals',
      items: Array.from({ length: 60 }, (_, i) => progress({ label: `goal ${i}` })),
      empty: '',
    }).map((m) => m.content ?? '');
    expect(many.length).toBeGreaterThan(1);
    for (const m of many) expect(m.length).toBeLessThanOrEqual(2000);
    expect(many.join('\n').match(/\*\*goal \d+\*\*/g)).toHaveLength(60);
    expect(
      renderDiscordMessage({ kind: 'progress', title: 'Goals', items: [], empty: 'No goals yet.' }).content,
    ).toBe('**Goals**\nNo goals yet.');
  });

  it('gives discord.js the same message with its own option names', () => {
    const [js] = renderDiscordJsMessages({ kind: 'text', text: `hi <@${USER}>` });
    expect(js).toEqual({
      content: `hi <@${USER}>`,
      embeds: [],
      components: [],
      allowedMentions: { parse: [] },
    });
    expect(renderDiscordJsMessages({ kind: 'task', card })[0]?.allowedMentions).toEqual({ parse: [] });
  });
});
