import { describe, expect, it } from 'vitest';
import { type Origin, planDelivery } from '../../../src/delivery/plan-delivery.js';
import { type Reply, reply, type TaskCardView } from '../../../src/domain/reply.js';

const card = (taskId: number, status: TaskCardView['status'] = 'approved'): TaskCardView => ({
  taskId,
  ref: `T-${taskId}`,
  title: `Task ${taskId}`,
  status,
  priority: 5,
  category: 'feature',
  project: null,
  revenueImpact: 0,
  goalValue: 0,
  alignment: 0.5,
  score: 1,
  assignee: null,
  reasoning: [],
  dependsOn: [],
  source: null,
  buttons: [],
  lastEvent: null,
});

/** What a decision returns: the line saying who decided, and the task's new card. */
const decision: Reply = { ...reply.channel(reply.text('✅ T-1 approved by @bo')), updates: [card(1)] };
const refusal = reply.error('only an approver can approve T-1');
const digest = reply.channel({ kind: 'text', text: 'digest' }, { kind: 'task', card: card(1, 'proposed') });
const INTERACTIVE: Origin[] = ['command', 'button', 'reaction', 'modal', 'home'];

describe('planDelivery: what a reply does, the same on every platform', () => {
  it('says nothing again for an event already handled (a Slack retry, a second click)', () => {
    for (const origin of [...INTERACTIVE, 'schedule', 'watch'] as const) {
      const plan = planDelivery({ ...decision, duplicate: true }, origin, true);
      expect(plan).toMatchObject({ form: null, answer: [], edit: [], post: [] });
    }
  });

  it('shows a refusal or a usage line to the caller only, never in the channel', () => {
    for (const origin of INTERACTIVE) {
      const plan = planDelivery(refusal, origin, true);
      expect(plan.answer).toEqual(refusal.messages);
      expect(plan.post).toEqual([]);
      expect(plan.edit).toEqual([]);
    }
    // The watch has no caller to tell.
    expect(planDelivery(refusal, 'watch', true).answer).toEqual([]);
  });

  it('opens the reason form and nothing else when a reject asks why first', () => {
    const form = reply.form({
      kind: 'reject_reason',
      taskId: 1,
      ref: 'T-1',
      title: 'Task 1',
      status: 'proposed',
    });
    const plan = planDelivery(form, 'button', true);
    expect(plan.form).toMatchObject({ ref: 'T-1' });
    expect(plan.answer).toEqual([]);
    expect(plan.post).toEqual([]);
  });

  it('edits a decided task in place with who decided in its thread; a typed command says it in the channel too', () => {
    const typed = planDelivery(decision, 'command', true);
    expect(typed.edit.map((c) => c.ref)).toEqual(['T-1']);
    expect(typed.thread).toBe('✅ T-1 approved by @bo');
    expect(typed.post).toEqual(decision.messages);
    expect(typed.postWhen).toBe('always');
  });

  it('says a click, a form or a reaction in the channel only when no message shows the task', () => {
    for (const origin of ['button', 'modal', 'reaction'] as const) {
      const plan = planDelivery(decision, origin, true);
      expect(plan.edit.map((c) => c.ref)).toEqual(['T-1']);
      expect(plan.postWhen).toBe('unshown');
    }
  });

  it('posts a task a click brings that no message shows yet (a retry), beside editing the one clicked', () => {
    const retry: Reply = {
      ...reply.channel(reply.text('🔁 T-1 retried as T-6 by @bo'), { kind: 'task', card: card(6) }),
      updates: [card(1, 'failed')],
    };
    for (const origin of ['button', 'modal', 'reaction'] as const) {
      const plan = planDelivery(retry, origin, true);
      expect(plan.edit.map((c) => c.ref)).toEqual(['T-1']);
      expect(plan.post).toEqual(retry.messages);
      expect(plan.postWhen).toBe('always');
    }
  });

  it('never posts from App Home or the watch, which have no channel of their own', () => {
    for (const origin of ['home', 'watch'] as const) {
      const plan = planDelivery(decision, origin, true);
      expect(plan.edit.map((c) => c.ref)).toEqual(['T-1']);
      expect(plan.post).toEqual([]);
    }
  });

  it('posts a digest in order, whoever asked for it', () => {
    for (const origin of ['command', 'schedule'] as const) {
      expect(planDelivery(digest, origin, true).post).toEqual(digest.messages);
    }
  });

  it('on a platform that cannot edit (the console), shows the changed card again, once, after what was said', () => {
    const plan = planDelivery(decision, 'command', false);
    expect(plan.edit).toEqual([]);
    expect(plan.post).toEqual([...decision.messages, { kind: 'task', card: card(1), changed: true }]);
    // A card the reply already shows is not shown twice.
    const shown = { ...reply.channel({ kind: 'task' as const, card: card(2) }), updates: [card(2)] };
    expect(planDelivery(shown, 'command', false).post).toHaveLength(1);
    // The watch leaves such a platform to its feed.
    expect(planDelivery(decision, 'watch', false).post).toEqual([]);
  });
});
