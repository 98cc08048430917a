import { describe, expect, it } from 'vitest';
import { renderClaim, renderQueue } from '../../adapters/cli/render-learning.js';
import { createChatBot } from '../../src/chat.js';
import { silentLogger } from '../../src/index.js';
import { textOf } from '../helpers/chat.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { OPS, usePlantedTeam, WORKER } from '../helpers/planted-team.js';
import { useTempDir } from '../helpers/temp-dir.js';

const open = usePlantedTeam(useTempDir());

/** `/goalpost queue` as a member types it in the console. */
function queueInChat(g: ReturnType<typeof open>) {
  const bot = createChatBot({ app: g.app, clock: g.clock, logger: silentLogger, defaultTimeZone: 'UTC' });
  return bot.handle({
    workspaceId: 'default',
    platform: 'console',
    userId: 'cy',
    channelId: 'console',
    text: 'queue',
  });
}

describe('the queue says why an approved task waits', () => {
  function blockedQueue() {
    const g = open();
    plantTasks(g, 'default', [
      { title: 'Get the payment API key', assignee: 'bot2', priority: 9 }, // T-1
      { title: 'Charge cards', after: ['T-1'], priority: 8 }, // T-2, anyone
      { title: 'Send receipts', after: ['T-1'], assignee: 'bot1', priority: 7 }, // T-3, bot1
      { title: 'Ship the invoice PDF', assignee: 'bot2', priority: 6 }, // T-4, proposed
      { title: 'Refunds', after: ['T-1', 'T-4'], assignee: 'bot2', priority: 5 }, // T-5, bot2
      { title: 'Write the changelog', assignee: 'bot2', priority: 4 }, // T-6, ready for bot2
    ]);
    for (const ref of ['T-1', 'T-2', 'T-3', 'T-5', 'T-6']) g.step(ref, 'approve');
    return g;
  }

  it('a claim that finds nothing ready names what the assignee’s tasks wait for', () => {
    const g = blockedQueue();
    const before = g.show('T-2').events.length;
    const claim = g.app.queue.claim(WORKER, 'bot1');
    expect(claim.task).toBeNull();
    // T-5 is routed to bot2: not bot1's concern.
    expect(claim.reason).toBe(
      'no approved task is ready for bot1: T-2 waits for T-1 (approved); T-3 waits for T-1 (approved)',
    );
    expect(g.show('T-2').events).toHaveLength(before);

    expect(g.app.queue.claim(WORKER, 'bot2').task?.ref).toBe('T-1');
    expect(g.app.queue.claim(WORKER, 'bot1').reason).toBe(
      'no approved task is ready for bot1: T-2 waits for T-1 (in progress); T-3 waits for T-1 (in progress)',
    );
  });

  it('the queue view lists each blocked task with its prerequisites and their status', () => {
    const g = blockedQueue();
    g.app.queue.claim(WORKER, 'bot2');
    const view = g.app.queue.view(OPS);
    expect(view.waiting.map((t) => t.ref)).toEqual(['T-2', 'T-3', 'T-5', 'T-6']);
    expect(view.blocked.map((b) => b.reason)).toEqual([
      'T-2 waits for T-1 (in progress)',
      'T-3 waits for T-1 (in progress)',
      'T-5 waits for T-1 (in progress) and T-4 (proposed)',
    ]);
    expect(view.blocked[2]).toMatchObject({
      ref: 'T-5',
      assignee: 'bot2',
      waitsFor: [
        { ref: 'T-1', title: 'Get the payment API key', status: 'in_progress' },
        { ref: 'T-4', title: 'Ship the invoice PDF', status: 'proposed' },
      ],
    });
  });

  it('says there is nothing at all when nothing approved waits for the assignee', () => {
    const g = open();
    plantTasks(g, 'default', [{ title: 'Pick a vendor', assignee: 'bot2' }]);
    g.step('T-1', 'approve');
    expect(g.app.queue.claim(WORKER, 'bot1').reason).toBe('no approved task is waiting for bot1');
  });

  it('lists work a person started beside the workers’ claims, in the view and in chat', async () => {
    const g = open();
    plantTasks(g, 'default', [
      { title: 'Call the bank about payouts', assignee: 'alice', priority: 7 },
      { title: 'Write the changelog', assignee: 'bot2', priority: 4 },
    ]);
    for (const ref of ['T-1', 'T-2']) g.step(ref, 'approve');
    g.step('T-1', 'start');
    g.clock.advance(25 * 60_000);
    g.app.queue.claim(WORKER, 'bot2');
    const q = g.app.queue.view(OPS);
    // A lead asking who holds what sees alice's task as well as the worker's claim.
    expect(q.claims.map((c) => c.task.ref)).toEqual(['T-2']);
    expect(q.started.map((s) => [s.task.ref, s.task.assignee, s.heldMinutes])).toEqual([
      ['T-1', 'alice', 25],
    ]);
    expect(renderQueue(q)).toMatch(
      /Started, no lease \(by a person, or a linked pull request\):\nref +assignee +for +title\n[- ]+\nT-1 +alice +25 min +Call the bank about payouts\n/,
    );
    const shown = await queueInChat(g);
    expect(textOf(shown)).toMatch(
      /Started, no lease[\s\S]*T-1[^\n]*alice[^\n]*25 min[^\n]*Call the bank about payouts/,
    );
  });

  it('names the product of work whose title does not, as the task lists do', async () => {
    // A playbook's title is the same for every product: in the queue, whose is it?
    const g = open();
    const tallyo = g.app.projects.add(OPS, { name: 'Tallyo' });
    const title = 'Run a user-acquisition experiment toward $103/month of the revenue gap';
    plantTasks(g, 'default', [
      { title, projectId: tallyo.id, assignee: 'bot2', priority: 7 },
      { title, projectId: tallyo.id, assignee: 'alice', priority: 6 },
      { title: "Build 'Recurring invoices' for Tallyo", projectId: tallyo.id, priority: 5 },
    ]);
    for (const ref of ['T-1', 'T-2', 'T-3']) g.step(ref, 'approve');
    g.step('T-2', 'start');
    const claimed = g.app.queue.claim(WORKER, 'bot2');
    expect(renderClaim(claimed)).toContain(`[7] ${title} (Tallyo)`);
    const cli = renderQueue(g.app.queue.view(OPS));
    expect(cli).toMatch(/T-1 .*gap \(Tallyo\)\n/);
    expect(cli).toMatch(/T-2 .*gap \(Tallyo\)\n/);
    // A title that names it is left as it is.
    expect(cli).toMatch(/T-3 .*Build 'Recurring invoices' for Tallyo$/m);
    expect(textOf(await queueInChat(g))).toMatch(/T-1[^\n]*gap \(Tallyo\)/);
  });

  it('/goalpost queue in chat lists what each blocked task waits for', async () => {
    const g = blockedQueue();
    g.app.queue.claim(WORKER, 'bot2');
    const shown = await queueInChat(g);
    expect(textOf(shown)).toMatch(
      new RegExp(
        [
          '\\n4 approved tasks wait to be claimed\\.',
          '• T-2 waits for T-1 \\(in progress\\)',
          '• T-3 waits for T-1 \\(in progress\\)',
          '• T-5 waits for T-1 \\(in progress\\) and T-4 \\(proposed\\)$',
        ].join('\\n'),
      ),
    );
  });
});
