import {
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ComponentType,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  bar,
  LIMITS,
  parseCustomId,
  renderDiscordMessage,
  renderDiscordMessages,
} from '../../../../adapters/discord/render-discord.js';
import {
  TASK_BUTTONS,
  TASK_STATUSES,
  type TaskCardView,
  type TaskStatus,
  type View,
} from '../../../../src/index.js';
import { progressView, taskCardView } from '../../../helpers/views.js';

const USER = '80351110224678912';

const card = (over: Partial<TaskCardView> = {}): TaskCardView =>
  taskCardView({ assignee: `discord:${USER}`, ...over });

const progress = progressView;

/** The buttons each status offers (as the core's `buttonsFor`). */
const BUTTONS: Record<TaskStatus, Array<keyof typeof TASK_BUTTONS>> = {
  proposed: ['approve', 'reject'],
  approved: ['start', 'done', 'reject'],
  in_progress: ['done'],
  done: [],
  failed: ['retry'],
  rejected: ['approve'],
  cancelled: [],
};

const withButtons = (status: TaskStatus, over: Partial<TaskCardView> = {}): TaskCardView =>
  card({ status, buttons: BUTTONS[status].map((action) => ({ action, ...TASK_BUTTONS[action] })), ...over });

const embedOf = (body: RESTPostAPIChannelMessageJSONBody): APIEmbed => {
  const [embed] = body.embeds ?? [];
  if (!embed) throw new Error('no embed');
  return embed;
};

const buttonsOf = (body: RESTPostAPIChannelMessageJSONBody): APIButtonComponentWithCustomId[] =>
  (body.components ?? [])
    .flatMap((row) => (row.type === ComponentType.ActionRow ? row.components : []))
    .flatMap((c) => (c.type === ComponentType.Button && 'custom_id' in c ? [c] : []));

/** Asserts every Discord limit a message can break. */
function expectWithinLimits(body: RESTPostAPIChannelMessageJSONBody): void {
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  let total = 0;
  for (const e of body.embeds ?? []) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  for (const row of body.components ?? []) {
    expect('components' in row && row.components.length).toBeLessThanOrEqual(5);
  }
  for (const b of buttonsOf(body)) {
    expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(b.label?.length ?? 0).toBeLessThanOrEqual(80);
  }
}

describe('renderDiscordMessage: task cards', () => {
  it('renders a card as an embed with facts, reasons, dependencies, the last event and a reaction hint', () => {
    const c = withButtons('proposed', {
      dependsOn: ['T-3'],
      source: 'bug #7 (done closes it)',
      lastEvent: `approved by discord:${USER} — ship it`,
    });
    const body = renderDiscordMessage({ kind: 'task', card: c });
    const embed = embedOf(body);
    expect(embed.title).toBe('T-12 · P8 · Add annual billing');
    expect(embed.fields).toEqual([
      { name: 'Priority', value: 'P8', inline: true },
      { name: 'Category', value: 'revenue', inline: true },
      { name: 'Project', value: 'billing', inline: true },
      { name: 'Impact', value: '+$150/mo', inline: true },
      { name: 'Alignment', value: '0.83', inline: true },
      { name: 'Assignee', value: `<@${USER}>`, inline: true },
      { name: 'Status', value: 'proposed', inline: true },
    ]);
    expect(embed.description).toBe(
      `• Customers asked for it\n• Revenue is behind\n\n**From:** bug #7 (done closes it)\n**After:** T-3\nApproved by <@${USER}> — ship it`,
    );
    expect(embed.footer?.text).toBe('React ✅ to approve, ❌ to reject');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expectWithinLimits(body);
  });

  it('tells on a rejected card that a ✅ approves it after all only from whoever rejected it', () => {
    const embed = embedOf(renderDiscordMessage({ kind: 'task', card: withButtons('rejected') }));
    expect(embed.footer?.text).toBe('Whoever rejected it may also react ✅ to approve it after all');
  });

  it('tells on a failed card that a 🔁 tries its work again', () => {
    const embed = embedOf(renderDiscordMessage({ kind: 'task', card: withButtons('failed') }));
    expect(embed.footer?.text).toBe('React 🔁 to try it again');
  });

  it('offers the buttons of each status, styled and with ids that parse back', () => {
    const styles = { approve: 3, reject: 4, start: 2, done: 3, retry: 3 };
    for (const status of TASK_STATUSES) {
      const body = renderDiscordMessage({ kind: 'task', card: withButtons(status, { taskId: 42 }) });
      const buttons = buttonsOf(body);
      expect(body.components?.length).toBe(BUTTONS[status].length > 0 ? 1 : 0);
      expect(buttons.map((b) => b.custom_id)).toEqual(
        BUTTONS[status].map((a) => `goalpost:${a}:42:${status}`),
      );
      for (const [i, b] of buttons.entries()) {
        const action = BUTTONS[status][i] ?? 'approve';
        expect(b.label).toBe(`${TASK_BUTTONS[action].emoji} ${TASK_BUTTONS[action].label}`);
        expect(b.style).toBe(styles[action]);
        expect(parseCustomId(b.custom_id)).toEqual({ action, taskId: 42, status });
      }
      const hint = embedOf(body).footer?.text;
      if (BUTTONS[status].length === 0) expect(hint).toBeUndefined();
      else expect(hint?.split(', ').length).toBe(BUTTONS[status].length);
    }
    const approved = embedOf(renderDiscordMessage({ kind: 'task', card: withButtons('approved') }));
    expect(approved.footer?.text).toBe('React 🚀 to start, 🏁 to mark it done, ❌ to reject');
  });

  it('sends an empty component list for a decided card, so an edit removes its old buttons', () => {
    const body = renderDiscordMessage({ kind: 'task', card: withButtons('done') });
    expect(body.components).toEqual([]);
  });

  it('reads back only Goalpost card ids', () => {
    expect(parseCustomId('goalpost:done:7:in_progress')).toEqual({
      action: 'done',
      taskId: 7,
      status: 'in_progress',
    });
    for (const bad of [
      'goalpost:fail:7:approved',
      'goalpost:approve:0:proposed',
      'goalpost:approve:7:bogus',
      'goalpost:approve:7:proposed:extra',
      'goalpost:reject-modal:7:proposed',
      'other:approve:7:proposed',
      `goalpost:approve:${'9'.repeat(30)}:proposed`,
      '',
    ]) {
      expect(parseCustomId(bad), bad).toBeNull();
    }
  });

  it('keeps a card with 40 long reasons and a long title within the limits, saying how many were left out', () => {
    const c = withButtons('approved', {
      title: 'Ship '.repeat(100),
      project: 'p'.repeat(2000),
      reasoning: Array.from({ length: 40 }, (_, i) => `${i} ${'because '.repeat(80)}`),
      dependsOn: ['T-1', 'T-2'],
      lastEvent: `approved by discord:${USER} — ${'fine '.repeat(100)}`,
    });
    const body = renderDiscordMessage({ kind: 'task', card: c });
    expectWithinLimits(body);
    const embed = embedOf(body);
    expect(embed.title?.length).toBe(256);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.description).toMatch(/…and \d+ more\n\n\*\*After:\*\* T-1, T-2\nApproved by <@\d+> — fine/);
  });

  it('never lets a task title ping @everyone, @here or a role', () => {
    const body = renderDiscordMessage({
      kind: 'task',
      card: card({ title: '@everyone @here <@&123456789012345678>' }),
    });
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [text] = renderDiscordMessages({ kind: 'text', text: `@everyone T-12 approved by <@${USER}>` });
    // A mention someone typed looks like one Goalpost wrote: none may ping.
    expect(text?.allowed_mentions).toEqual({ parse: [] });
    expect(text?.content).toBe(`@\u200beveryone T-12 approved by <@${USER}>`);
  });
});

describe('renderDiscordMessage: the digest header', () => {
  const digest: View = {
    kind: 'digest_header',
    title: 'Goalpost digest — 2025-03-03',
    date: '2025-03-03',
    vision: {
      statement: 'Best invoicing for freelancers',
      primaryGoal: '$10k MRR',
      focusAreas: ['billing', 'growth'],
    },
    revenue: progress({ freshness: 'mrr from Stripe, updated 3 min ago' }),
    goalsAtRisk: [
      progress({ label: 'signups by 2025-04-01', ratio: 0.1, status: 'at_risk', detail: '50 of 500' }),
    ],
    warnings: ['Metric source analytics last pushed 3 days ago (expected every 1d): signups may be stale'],
    suggestions: ['Ship annual plans'],
    batch: { id: 3, proposed: 5, newTasks: 5, duplicates: 1, heldBack: 0 },
    layout: { style: 'cards', remindAt: null },
    decisions: { total: 5, decided: 2, approved: 1, rejected: 1, cancelled: 0 },
  };

  it('renders the digest header as one embed', () => {
    const body = renderDiscordMessage(digest);
    const embed = embedOf(body);
    expect(embed.title).toBe('Goalpost digest — 2025-03-03');
    expect(embed.description).toBe(
      '**Primary goal:** $10k MRR\n**Vision:** Best invoicing for freelancers\n**Focus:** billing, growth',
    );
    expect(embed.fields).toEqual([
      {
        name: '💰 Revenue by 2025-06',
        value: '`███░░░░░░░ 25%` on track\n*$500 of $2,000 MRR*\nmrr from Stripe, updated 3 min ago',
      },
      { name: '⚠️ signups by 2025-04-01', value: '`█░░░░░░░░░ 10%` at risk\n*50 of 500*' },
      {
        name: 'Feeds gone quiet',
        value: '⚠️ Metric source analytics last pushed 3 days ago (expected every 1d): signups may be stale',
      },
      { name: 'Suggestions', value: '• Ship annual plans' },
      {
        name: "Today's batch",
        value: '5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate.',
      },
      { name: 'Decisions', value: '2 of 5 decided · 1 approved · 1 rejected' },
    ]);
    expect(embed.footer?.text).toBe('2025-03-03 · decide on each task below: its buttons, or react ✅ ❌');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(bar(null)).toBe('—');
    expect(bar(2)).toBe('██████████ 100%');
  });

  it("keeps a compact digest task's last step whole: a long business case is what gets clipped", () => {
    const last = 'valued again with batch 2: $325.80 → $282.37 a month, P8 → P6, score 117.9 → 98.2';
    const embed = embedOf(
      renderDiscordMessage({
        ...digest,
        layout: { style: 'compact', remindAt: null },
        tasks: [
          card({
            reasoning: [`Building it ${'moves the product toward its target '.repeat(30)}`],
            lastEvent: last,
          }),
        ],
      }),
    );
    const field = embed.fields?.at(-1);
    expect(field?.value.length).toBeLessThanOrEqual(600);
    expect(
      field?.value.endsWith(
        '\nValued again with batch 2: $325.80 → $282.37 a month, P8 → P6, score 117.9 → 98.2',
      ),
    ).toBe(true);
    // The business case, clipped, is still one italic line.
    expect(field?.value.split('\n')[1]).toMatch(/^\*Building it moves .*…\*$/);
  });

  it('escapes the assignee names the batch sentence routes to: an underscore starts no italics', () => {
    const embed = embedOf(
      renderDiscordMessage({
        ...digest,
        batch: { ...digest.batch, routed: ['T-1 → dev_worker1', 'T-2 → dev_worker2'] },
      }),
    );
    expect(embed.fields?.find((f) => f.name === "Today's batch")?.value).toBe(
      '5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate. Routed now, of the tasks nobody held: T-1 → dev\\_worker1 and T-2 → dev\\_worker2.',
    );
  });

  it("escapes the team's own words in the digest: a vision or suggestion cannot turn into markup", () => {
    const embed = embedOf(
      renderDiscordMessage({
        ...digest,
        vision: { statement: '**Best** _invoicing_ ~~ever~~', primaryGoal: '`$10k` MRR', focusAreas: [] },
        suggestions: ['Ship *annual* plans'],
      }),
    );
    expect(embed.description).toBe(
      '**Primary goal:** \\`$10k\\` MRR\n**Vision:** \\*\\*Best\\*\\* \\_invoicing\\_ \\~\\~ever\\~\\~',
    );
    expect(embed.fields?.find((f) => f.name === 'Suggestions')?.value).toBe('• Ship \\*annual\\* plans');
  });

  it('keeps a huge digest within the limits, its batch line and tally last', () => {
    const body = renderDiscordMessage({
      ...digest,
      vision: { statement: 'v'.repeat(5000), primaryGoal: 'g'.repeat(500), focusAreas: ['a'.repeat(300)] },
      goalsAtRisk: Array.from({ length: 40 }, (_, i) =>
        progress({ label: `goal ${i} ${'x'.repeat(300)}`, detail: 'd'.repeat(900) }),
      ),
      warnings: Array.from({ length: 30 }, (_, i) => `feed ${i} ${'w'.repeat(200)}`),
      suggestions: Array.from({ length: 50 }, (_, i) => `suggestion ${i} ${'s'.repeat(100)}`),
    });
    expectWithinLimits(body);
    expect(
      embedOf(body)
        .fields?.slice(-2)
        .map((f) => f.name),
    ).toEqual(["Today's batch", 'Decisions']);
  });
});
