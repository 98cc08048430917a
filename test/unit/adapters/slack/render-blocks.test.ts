import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  bar,
  packMessages,
  parseButtonValue,
  renderMessages,
} from '../../../../adapters/slack/render-blocks.js';
import { textLength } from '../../../../adapters/slack/render-split.js';
import {
  TASK_BUTTONS,
  type TaskCardView,
  type TaskStatus,
  ValidationError,
  type View,
} from '../../../../src/index.js';
import { progressView, taskCardView } from '../../../helpers/views.js';

const card = taskCardView;

/** A view's Slack messages as one: the first one's text, every block in order. */
const renderMessage = (view: View): { text: string; blocks: types.KnownBlock[] } => {
  const messages = renderMessages(view);
  return { text: messages[0]?.text ?? '', blocks: messages.flatMap((m) => m.blocks) };
};

const progress = progressView;

/** Every piece of text a block shows: section text and fields, context elements, headers. */
const allTexts = (blocks: types.KnownBlock[]): string[] =>
  blocks.flatMap((b) => {
    if (b.type === 'section')
      return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return b.elements.flatMap((e) => ('text' in e ? [e.text] : []));
    if (b.type === 'header') return [b.text.text];
    return [];
  });

const buttonsOf = (blocks: types.KnownBlock[]): types.Button[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e) => e.type === 'button') : []));

const withButtons = (status: TaskStatus, actions: Array<keyof typeof TASK_BUTTONS>): TaskCardView =>
  card({ status, buttons: actions.map((action) => ({ action, ...TASK_BUTTONS[action] })) });

describe('renderMessage', () => {
  it('renders a task card with facts, reasons, dependencies, the last event and buttons', () => {
    const c = card({
      assignee: null,
      dependsOn: ['T-3'],
      source: 'feature #4 (done closes it)',
      lastEvent: 'approved by slack:U1 — ship it',
      buttons: [{ action: 'approve', ...TASK_BUTTONS.approve }],
    });
    const { text, blocks } = renderMessage({ kind: 'task', card: c });
    expect(text).toBe('T-12 · P8 · Add annual billing');
    const first = blocks[0];
    expect(first?.type === 'section' && first.text?.text).toBe('*T-12* · P8 · revenue · Add annual billing');
    const fields = first?.type === 'section' ? (first.fields ?? []).map((f) => f.text) : [];
    expect(fields).toEqual([
      '*Priority*\nP8',
      '*Category*\nrevenue',
      '*Project*\nbilling',
      '*Impact*\n+$150/mo',
      '*Alignment*\n0.83',
      '*Assignee*\nunassigned',
      '*Status*\nproposed',
    ]);
    const texts = allTexts(blocks);
    expect(texts).toContain('• Customers asked for it\n• Revenue is behind');
    expect(texts).toContain('From: feature #4 (done closes it)');
    expect(texts).toContain('After: T-3');
    expect(texts).toContain('Approved by <@U1> — ship it');
    expect(texts).toContain('React ✅ to approve');
  });

  it('offers approve and reject on a proposed card, start, done and reject on an approved one', () => {
    const proposed = buttonsOf(
      renderMessage({ kind: 'task', card: withButtons('proposed', ['approve', 'reject']) }).blocks,
    );
    expect(proposed.map((b) => [b.action_id, b.text.text, b.style])).toEqual([
      ['goalpost_approve', '✅ Approve', 'primary'],
      ['goalpost_reject', '❌ Reject', 'danger'],
    ]);
    expect(proposed.some((b) => b.confirm !== undefined)).toBe(false);
    const approved = renderMessage({
      kind: 'task',
      card: withButtons('approved', ['start', 'done', 'reject']),
    });
    const buttons = buttonsOf(approved.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['goalpost_start', 'goalpost_done', 'goalpost_reject']);
    expect(buttons[0] && 'style' in buttons[0]).toBe(false);
    expect(allTexts(approved.blocks)).toContain('React 🚀 to start, 🏁 to mark it done, ❌ to reject');
  });

  it('tells on a rejected card that a ✅ approves it after all only from whoever rejected it', () => {
    const { blocks } = renderMessage({ kind: 'task', card: withButtons('rejected', ['approve']) });
    expect(buttonsOf(blocks).map((b) => b.action_id)).toEqual(['goalpost_approve']);
    expect(allTexts(blocks)).toContain('Whoever rejected it may also react ✅ to approve it after all');
    expect(allTexts(blocks)).not.toContain('React ✅ to approve');
  });

  it('gives a done card no actions block and no reaction hint', () => {
    const { blocks } = renderMessage({ kind: 'task', card: withButtons('done', []) });
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allTexts(blocks).some((t) => t.startsWith('React'))).toBe(false);
  });

  it('writes button values that parse back to the task and the status it was shown in', () => {
    const c = { ...withButtons('approved', ['start', 'done', 'reject']), taskId: 42 };
    for (const b of buttonsOf(renderMessage({ kind: 'task', card: c }).blocks)) {
      expect(JSON.parse(b.value ?? '')).toEqual({ taskId: 42, status: 'approved' });
      expect(parseButtonValue(b.value)).toEqual({ taskId: 42, status: 'approved' });
      expect([ACTION_IDS.approve, ACTION_IDS.reject, ACTION_IDS.start, ACTION_IDS.done]).toContain(
        b.action_id,
      );
    }
    const tampered = () => parseButtonValue('{"taskId":"42"}');
    expect(tampered).toThrow(ValidationError);
    expect(tampered).toThrow(/^this button was not made by Goalpost: its value names no task \(.*taskId/s);
    expect(() => parseButtonValue('nope')).toThrow(
      'this button was not made by Goalpost: its value is not JSON (nope)',
    );
    expect(Object.values(ACTION_IDS)).toContain('goalpost_reject_modal');
  });

  it('keeps a card with 40 long reasons inside the limits, saying how many were left out', () => {
    const c = card({ reasoning: Array.from({ length: 40 }, (_, i) => `${i} ${'because '.repeat(60)}`) });
    const { blocks } = renderMessage({ kind: 'task', card: c });
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const t of allTexts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    const why = allTexts(blocks).find((t) => t.startsWith('• 0'));
    expect(why?.split('\n').every((l) => l.length <= 300)).toBe(true);
    expect(why).toMatch(/…and \d+ more$/);
  });

  it('escapes what people wrote: a title pings no one and disguises no link', () => {
    const c = card({ title: 'Fix <script> & <!channel> for <@U77> <@U78|bo> <https://evil.example|login>' });
    const [first] = renderMessage({ kind: 'task', card: c }).blocks;
    expect(first?.type === 'section' && first.text?.text).toBe(
      '*T-12* · P8 · revenue · Fix &lt;script&gt; &amp; &lt;!channel&gt; for &lt;@U77&gt; @bo &lt;https://evil.example|login&gt;',
    );
  });

  it('renders text without adding a tone mark, and errors with their usage in code', () => {
    const line: View = { kind: 'text', text: '✅ T-12 approved by <@U1>: ask <@U9>', tone: 'success' };
    const [ok] = renderMessages(line, new Set(['U1']));
    expect(allTexts(ok?.blocks ?? [])).toEqual(['✅ T-12 approved by <@U1>: ask &lt;@U9&gt;']);
    expect(ok?.text).toBe('✅ T-12 approved by <@U1>: ask &lt;@U9&gt;');
    expect(allTexts(renderMessage(line).blocks)).toEqual([
      '✅ T-12 approved by &lt;@U1&gt;: ask &lt;@U9&gt;',
    ]);
    const err = renderMessage({
      kind: 'error',
      message: 'Give a reason',
      usage: '/goalpost reject T-12 <reason>',
    });
    expect(allTexts(err.blocks)).toEqual([':warning: Give a reason\n`/goalpost reject T-12 &lt;reason&gt;`']);
  });

  it('renders a digest header with vision, revenue, goals at risk, suggestions and the batch', () => {
    const view: View = {
      kind: 'digest_header',
      title: 'Goalpost digest — 2025-03-03',
      date: '2025-03-03',
      vision: {
        statement: 'Best invoicing for freelancers',
        primaryGoal: '$10k MRR',
        focusAreas: ['billing', 'growth'],
      },
      revenue: progress({
        label: 'Revenue by 2025-06',
        ratio: 0.25,
        freshness: 'mrr from Stripe, updated 3 min ago',
      }),
      goalsAtRisk: [progress({ label: 'signups by 2025-04-01', ratio: 0.1, status: 'at_risk' })],
      warnings: ['Stripe account acct_1: reading it failed 2 h ago (key <revoked>)'],
      suggestions: ['Ship annual plans'],
      batch: { id: 3, proposed: 5, newTasks: 5, duplicates: 1, heldBack: 0 },
      layout: { style: 'thread', remindAt: null },
      decisions: { total: 5, decided: 2, approved: 1, rejected: 1, cancelled: 0 },
    };
    const { text, blocks } = renderMessage(view);
    expect(text).toBe('Goalpost digest — 2025-03-03');
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: view.title, emoji: true },
    });
    const all = allTexts(blocks).join('\n');
    expect(all).toContain('*Primary goal:* $10k MRR');
    expect(all).toContain('*Focus:* billing, growth');
    expect(all).toContain(
      '`█████░░░░░░░░░░░░░░░ 25%` on track\n_$500 of $2,000 MRR_\nmrr from Stripe, updated 3 min ago',
    );
    expect(all).toContain(
      '*Feeds gone quiet*\n:warning: Stripe account acct_1: reading it failed 2 h ago (key &lt;revoked&gt;)',
    );
    expect(all).toContain('*Goals at risk*\n*signups by 2025-04-01*\n`██░░░░░░░░░░░░░░░░░░ 10%` at risk');
    expect(all).toContain('• Ship annual plans');
    expect(all).toContain('5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate.');
    expect(all).toContain('*2 of 5 decided · 1 approved · 1 rejected*');
    expect(all).toContain('Decide on each task in this thread: its buttons, or react ✅ ❌ on it.');
    const none = renderMessage({
      ...view,
      vision: null,
      revenue: null,
      goalsAtRisk: [],
      warnings: [],
      suggestions: [],
    });
    expect(allTexts(none.blocks).join('\n')).not.toContain('Goals at risk');
    expect(allTexts(none.blocks).join('\n')).not.toContain('Feeds gone quiet');
  });

  it('renders a 200-row table as aligned code blocks within the limits', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`user-${i}`, 'revenue', `${i}%`, 'x'.repeat(50)]);
    const { blocks } = renderMessage({
      kind: 'table',
      title: 'Routing',
      columns: ['who', 'what', 'rate', 'note'],
      rows,
      empty: '',
    });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.length).toBeGreaterThan(2);
    const texts = allTexts(blocks);
    expect(texts[0]).toBe('*Routing*');
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    for (const t of texts.slice(1)) expect(t).toMatch(/^```\nwho +what +rate +note\n-+ /);
    expect(texts.join('\n')).toContain('user-199');
    const empty = renderMessage({
      kind: 'table',
      title: 'Routing',
      columns: ['who'],
      rows: [],
      empty: 'No outcomes yet',
    });
    expect(allTexts(empty.blocks)).toEqual(['*Routing*\nNo outcomes yet']);
  });

  it('renders progress items as bars, or the empty text', () => {
    const view: View = {
      kind: 'progress',
      title: 'Goals',
      items: [progress({ ratio: null, status: 'no_data' })],
      empty: 'No goals',
    };
    expect(allTexts(renderMessage(view).blocks)).toEqual([
      '*Goals*\n*Revenue by 2025-06*\n`—` no data yet\n_$500 of $2,000 MRR_',
    ]);
    expect(allTexts(renderMessage({ ...view, items: [] }).blocks)).toEqual(['*Goals*\nNo goals']);
  });

  it('keeps the blank lines of a text blank', () => {
    const { blocks } = renderMessage({ kind: 'text', text: '# Report\n\nSince Monday.\n' });
    expect(allTexts(blocks)).toEqual(['# Report\n\nSince Monday.\n']);
  });

  it('splits a long text over several sections and clips its fallback', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} ${'-'.repeat(40)}`).join('\n');
    const message = renderMessage({ kind: 'text', text });
    expect(message.blocks.length).toBeGreaterThan(1);
    for (const t of allTexts(message.blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    expect(message.text.length).toBeLessThanOrEqual(300);
    expect(message.text).toMatch(/… \(1\/\d\)$/);
  });
});

describe('renderMessages', () => {
  it('splits a view too long for one Slack message into several, in order, none past the limits', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `| goal_${i} | ${i} learners | ${'x'.repeat(30)} |`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(18_000);
    const messages = renderMessages({ kind: 'text', text });
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(textLength(m.blocks)).toBeLessThanOrEqual(8000);
      for (const t of allTexts(m.blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    }
    const shown = messages.flatMap((m) => allTexts(m.blocks)).join('\n');
    expect(shown).toBe(text);
    expect(messages.map((m) => m.text.slice(-5))).toEqual(
      messages.map((_, i) => `(${i + 1}/${messages.length})`),
    );
  });

  it('keeps a task card one message, cut to fit however long its notes', () => {
    const long = card({ source: 'y'.repeat(2900), lastEvent: 'z'.repeat(2900), title: 't'.repeat(2900) });
    const messages = renderMessages({ kind: 'task', card: { ...long, dependsOn: ['w'.repeat(2900)] } });
    expect(messages).toHaveLength(1);
    expect(textLength(messages[0]?.blocks ?? [])).toBeLessThanOrEqual(8000);
  });

  it('packs several views into as few messages as Slack takes, with ids made unique', () => {
    const views: View[] = [
      { kind: 'text', text: 'one' },
      { kind: 'task', card: card() },
      { kind: 'task', card: card() },
    ];
    const [only, ...rest] = packMessages(views);
    expect(rest).toEqual([]);
    const ids = (only?.blocks ?? []).flatMap((b) => (b.block_id ? [b.block_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(only?.text).toBe('one');
  });
});

describe('bar', () => {
  it('fills cells in proportion, clamps, and shows a dash when unknown', () => {
    expect(bar(0.25)).toBe('█████░░░░░░░░░░░░░░░ 25%');
    expect(bar(1.7, 4)).toBe('████ 100%');
    expect(bar(-1, 4)).toBe('░░░░ 0%');
    expect(bar(null)).toBe('—');
  });
});
