import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  REJECT_MODAL_CALLBACK_ID,
  readRejectModal,
  rejectModal,
  renderHome,
} from '../../../../adapters/slack/render-blocks.js';
import { type HomeView, TASK_BUTTONS, type TaskCardView, ValidationError } from '../../../../src/index.js';

const card = (i: number): TaskCardView => ({
  taskId: i,
  ref: `T-${i}`,
  title: `Task number ${i} ${'with a long title '.repeat(5)}`,
  status: i % 2 === 0 ? 'proposed' : 'in_progress',
  priority: 9 - (i % 9),
  category: 'revenue',
  project: null,
  revenueImpact: 100,
  goalValue: 0,
  alignment: 0.5,
  score: 0.5,
  assignee: i % 3 === 0 ? null : `slack:U${i}`,
  reasoning: ['because'],
  dependsOn: [],
  source: null,
  buttons:
    i % 2 === 0
      ? [
          { action: 'approve', ...TASK_BUTTONS.approve },
          { action: 'reject', ...TASK_BUTTONS.reject },
        ]
      : [{ action: 'done', ...TASK_BUTTONS.done }],
  lastEvent: null,
});

const home = (over: Partial<HomeView> = {}): HomeView => ({
  workspaceId: 'T1',
  vision: { statement: 'Best invoicing', primaryGoal: '$10k MRR', focusAreas: ['billing'], version: 3 },
  revenue: {
    label: 'Revenue by 2025-06',
    current: 500,
    target: 2000,
    unit: 'USD/month',
    ratio: 0.25,
    status: 'on_track',
    detail: '$500 of $2,000 MRR',
    freshness: 'mrr from Stripe, updated 3 min ago',
  },
  goals: [],
  openTasks: Array.from({ length: 60 }, (_, i) => card(i + 1)),
  routing: { columns: ['who', 'category', 'success'], rows: [['<@U1>', 'revenue', '80%']] },
  charts: [],
  ...over,
});

const textOf = (b: types.KnownBlock): string =>
  b.type === 'section' ? (b.text?.text ?? '') : b.type === 'context' ? JSON.stringify(b.elements) : '';

describe('renderHome', () => {
  it('stays within 100 blocks with 60 open tasks, with or without a vision', () => {
    for (const view of [renderHome(home()), renderHome(home({ vision: null, revenue: null }))]) {
      expect(view.type).toBe('home');
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      const texts = (view.blocks as types.KnownBlock[]).map(textOf);
      expect(texts.some((t) => /…and \d+ more: `\/goalpost tasks`/.test(t))).toBe(true);
      expect(texts.at(-1)).toContain('```');
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
      const blockIds = view.blocks.flatMap((b) => (b.block_id ? [b.block_id] : []));
      expect(new Set(blockIds).size).toBe(blockIds.length);
    }
  });

  it('shows the vision, revenue and tasks with the buttons their cards have', () => {
    const view = renderHome(home({ openTasks: [card(2), card(3)] }));
    const blocks = view.blocks as types.KnownBlock[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Goalpost' } });
    const texts = blocks.map(textOf);
    expect(texts).toContain(
      '*Primary goal:* $10k MRR\n*Vision:* Best invoicing\n*Focus:* billing\n_Vision v3_',
    );
    expect(texts.join('\n')).toContain(
      '`█████░░░░░░░░░░░░░░░ 25%` on track\n_$500 of $2,000 MRR_\nmrr from Stripe, updated 3 min ago',
    );
    expect(texts.join('\n')).toContain('No goals yet: `/goalpost goal add …`');
    expect(texts).toContain(`*T-2* · P7 · proposed · revenue · ${card(2).title.trim()} · <@U2>`);
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions.map((a) => a.block_id)).toEqual(['goalpost_home_task_2', 'goalpost_home_task_3']);
    expect(actions.map((a) => a.elements.map((e) => ('action_id' in e ? e.action_id : '')))).toEqual([
      [ACTION_IDS.approve, ACTION_IDS.reject],
      [ACTION_IDS.done],
    ]);
  });

  it('shows each chart as its uploaded file, at most ten, and still fits 100 blocks with 60 tasks', () => {
    const charts = Array.from({ length: 12 }, (_, i) => ({
      name: `goal-m${i}`,
      title: `m${i}: ${i} of 10 by 2027-01-01`,
      alt: `m${i} measured ${'often '.repeat(400)}`,
      fileId: `F00000000${String(i).padStart(2, '0')}`,
      channelId: 'C1',
      postedAt: `2026-11-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`,
    }));
    const view = renderHome(home({ charts }));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const images = view.blocks.filter((b) => b.type === 'image') as types.ImageBlock[];
    expect(images.map((b) => ('slack_file' in b ? b.slack_file : null))).toEqual(
      charts.slice(0, 10).map((c) => ({ id: c.fileId })),
    );
    expect(images.every((b) => b.alt_text.length <= 2000 && b.title?.text.startsWith('m'))).toBe(true);
    const texts = (view.blocks as types.KnownBlock[]).map(textOf).join('\n');
    expect(texts).toContain('as of the weekly report of 2026-11-21 in <#C1>');
    expect(texts).toContain('…and 2 more in that report');
    // Without them (Slack refused their files), Home says why instead.
    const without = renderHome(home({ charts }), false);
    expect(without.blocks.filter((b) => b.type === 'image')).toEqual([]);
    expect((without.blocks as types.KnownBlock[]).map(textOf).join('\n')).toContain(
      'Slack no longer has their files',
    );
    // Before any report, a team with goals is told where charts come from.
    expect((renderHome(home()).blocks as types.KnownBlock[]).map(textOf).join('\n')).toContain(
      'once a weekly report brings them',
    );
  });

  it('guides a new workspace with no vision, goals, tasks or outcomes', () => {
    const view = renderHome(
      home({ vision: null, revenue: null, goals: [], openTasks: [], routing: { columns: [], rows: [] } }),
    );
    const texts = (view.blocks as types.KnownBlock[]).map(textOf).join('\n');
    expect(texts).toContain('No vision yet: type `/goalpost demo` or `/goalpost vision set statement …`');
    expect(texts).toContain('No outcomes yet');
  });
});

describe('rejectModal', () => {
  const task = { taskId: 12, ref: 'T-12', title: 'Add <annual> billing', status: 'proposed' };

  it('asks for a required reason and round-trips through readRejectModal', () => {
    const modal = rejectModal(task, { channelId: 'C1', messageTs: '1700000000.000100' });
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: REJECT_MODAL_CALLBACK_ID,
      title: { text: 'Reject T-12' },
      submit: { text: 'Reject' },
      close: { text: 'Cancel' },
    });
    const input = modal.blocks.find((b) => b.type === 'input');
    expect(input).toMatchObject({
      block_id: ACTION_IDS.rejectReasonBlock,
      element: {
        type: 'plain_text_input',
        action_id: ACTION_IDS.rejectReasonInput,
        multiline: true,
        max_length: 1000,
      },
    });
    expect(input && 'optional' in input).toBe(false);
    const submitted = {
      private_metadata: modal.private_metadata,
      state: {
        values: {
          [ACTION_IDS.rejectReasonBlock]: {
            [ACTION_IDS.rejectReasonInput]: { type: 'plain_text_input', value: '  Not this quarter  ' },
          },
        },
      },
    };
    expect(readRejectModal(submitted)).toEqual({
      taskId: 12,
      status: 'proposed',
      channelId: 'C1',
      messageTs: '1700000000.000100',
      reason: 'Not this quarter',
    });
  });

  it('keeps the title within 24 chars for a long ref', () => {
    const modal = rejectModal({ ...task, ref: 'T-123456789012345678901' }, { channelId: 'C1' });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({
      taskId: 12,
      status: 'proposed',
      channelId: 'C1',
    });
  });

  it('throws a clear error for malformed metadata, state or a blank reason', () => {
    const good = rejectModal(task, { channelId: 'C1' }).private_metadata;
    const state = (value: string | null) => ({
      values: { [ACTION_IDS.rejectReasonBlock]: { [ACTION_IDS.rejectReasonInput]: { value } } },
    });
    expect(() => readRejectModal({ private_metadata: '{oops', state: state('x') })).toThrow(
      /this form was not sent by Goalpost \(its metadata is not JSON\)/,
    );
    expect(() => readRejectModal({ private_metadata: '{"taskId":"12"}', state: state('x') })).toThrow(
      /this form was not sent by Goalpost: /,
    );
    expect(() => readRejectModal({ private_metadata: good, state: { values: {} } })).toThrow(
      /this form's answers are malformed/,
    );
    expect(() => readRejectModal({ private_metadata: good, state: state('   ') })).toThrow(ValidationError);
    expect(() => readRejectModal({ private_metadata: good, state: state(null) })).toThrow(
      /say why the task is rejected/,
    );
  });
});
