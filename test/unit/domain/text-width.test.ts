import { describe, expect, it } from 'vitest';
import { table } from '../../../adapters/cli/format.js';
import { renderTasks } from '../../../adapters/cli/render-tasks.js';
import { tableContents } from '../../../adapters/discord/render-content.js';
import { tableBlocks } from '../../../adapters/slack/render-table.js';
import { clipToWidth, displayWidth, padToWidth } from '../../../src/domain/text-width.js';
import type { Task } from '../../../src/index.js';

/** The column (as a terminal shows it) where a line's status cell starts. */
const statusAt = (line: string): number => {
  const at = line.search(/status|active|paused/);
  return displayWidth(line.slice(0, at));
};

describe('displayWidth', () => {
  it('counts what a terminal shows: CJK and emoji two columns, accents and joiners none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('アプリ')).toBe(6);
    expect(displayWidth('✅')).toBe(2);
    expect(displayWidth('🚀')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2); // one family, joined
    expect(displayWidth('Cafe\u0301')).toBe(4); // e and a combining acute: one é
    expect(displayWidth('Café')).toBe(4);
    expect(displayWidth('✔')).toBe(1); // text presentation
    expect(displayWidth('✔\uFE0F')).toBe(2); // made an emoji
    expect(displayWidth('🇯🇵')).toBe(2); // a flag: two regional indicators
    expect(displayWidth('👍🏽')).toBe(2); // a skin tone joins the hand
    expect(displayWidth('a\uFEFFb\u2060c')).toBe(3); // the BOM and a word joiner take none
    expect(displayWidth('— … → █░ · ×')).toBe(12);
  });

  it('pads and clips by columns, never cutting a character in two', () => {
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(padToWidth('toolong', 3)).toBe('toolong');
    expect(clipToWidth('日本語の支払い', 7)).toBe('日本語…');
    expect(displayWidth(clipToWidth('日本語の支払い', 7))).toBeLessThanOrEqual(7);
    expect(clipToWidth('👨‍👩‍👧 family', 3)).toBe('👨‍👩‍👧…');
    expect(clipToWidth('short', 10)).toBe('short');
  });
});

describe('tables with wide characters', () => {
  const rows = [
    ['Café 🚀 アプリ', 'active'],
    ['Basic EDU Apps', 'active'],
    ['日本語の支払い ✅', 'paused'],
  ];

  it('keeps the command line’s columns in line', () => {
    const lines = table(['name', 'status'], rows).split('\n');
    const starts = [lines[0] ?? '', ...lines.slice(2)].map(statusAt);
    expect(starts).toHaveLength(4);
    expect(new Set(starts).size).toBe(1);
  });

  it('cuts a long title in the task list at 70 columns as shown, never inside an emoji', () => {
    const task = (title: string) =>
      ({
        ref: 'T-1',
        priority: 5,
        status: 'proposed',
        category: 'feature',
        revenueImpact: 0,
        assignee: null,
        title,
      }) as Task;
    const [, , row] = renderTasks([task(`${'日本語の支払い機能'.repeat(6)} 👨‍👩‍👧 end`)]).split('\n');
    const title = row?.slice(row.indexOf('日')) ?? '';
    expect(displayWidth(title)).toBeLessThanOrEqual(70);
    expect(title.endsWith('…')).toBe(true);
    const emoji = renderTasks([task(`${'x'.repeat(68)}👨‍👩‍👧 and more`)]).split('\n')[2] ?? '';
    expect(emoji).toMatch(/x…$/); // the family does not fit: none of it is kept
  });

  it('keeps Discord’s and Slack’s code-block columns in line', () => {
    const discord = tableContents('Projects', ['name', 'status'], rows, 'none').join('\n');
    const slack = tableBlocks(['name', 'status'], rows)
      .map((b) => b.text?.text ?? '')
      .join('\n');
    for (const text of [discord, slack]) {
      const lines = text.split('\n').filter((l) => /active|paused/.test(l));
      expect(lines).toHaveLength(3);
      const starts = lines.map(statusAt);
      expect(new Set(starts).size, text).toBe(1);
    }
  });
});
