import { describe, expect, it } from 'vitest';
import type { Goalpost, Task } from '../../src/index.js';
import { declaredCtx } from '../helpers/ctx.js';
import { LEAD, NOW, useTeam } from './team.js';

// A lead taps Reject on the wrong card, or rejects a task and hears the next day that the customer
// asking for it signed. Until now the rejection stood for good: approve refused a rejected task,
// and planning held its work back for the cooldown, so the only way back was to wait a month. A
// lead expects to approve it after all, and planning to treat it as work under way, unless the
// work went away meanwhile or was proposed again as another task.
const LATER = new Date(Date.parse(NOW) + 40 * 86_400_000).toISOString();

const heldBack = (app: Goalpost) =>
  app.engine
    .generate(LEAD, { dryRun: true, maxTasks: 10 })
    .skipped.filter((s) => s.reason !== 'duplicate')
    .map((s) => s.title);

function saturday(app: Goalpost): Task[] {
  app.demo.load(LEAD);
  app.engine.generate(LEAD, { maxTasks: 5 });
  return app.tasks.list(LEAD, { status: ['proposed'] });
}

const byTitle = (tasks: Task[], words: string): Task => {
  const task = tasks.find((t) => t.title.includes(words));
  if (!task) throw new Error(`no task with "${words}" in ${tasks.map((t) => t.title).join('; ')}`);
  return task;
};

describe('a rejection the team takes back', () => {
  const team = useTeam();

  it('approves a rejected task, and planning no longer holds its work back', () => {
    const app = team.open();
    const dashboard = byTitle(saturday(app), 'Subscription admin dashboard');
    app.decisions.decide(LEAD, { ref: dashboard.ref, action: 'reject', note: 'wrong card' });
    expect(heldBack(app)).toContain(dashboard.title);

    const approved = app.decisions.decide(LEAD, { ref: dashboard.ref, action: 'approve' });
    expect(approved.changed).toBe(true);
    // The reply says what it overturns.
    expect(approved.overturned).toEqual({
      by: 'cli:lead',
      at: '2026-11-21T09:00:00.000Z',
      note: 'wrong card',
    });
    const { task, events } = app.tasks.show(LEAD, dashboard.ref);
    expect(task.status).toBe('approved');
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'proposed'],
      ['rejected', 'proposed', 'rejected'],
      ['approved', 'rejected', 'approved'],
    ]);
    // A rejection taken back is no lesson for the weekly report; one that stands still is.
    const pricing = byTitle(app.tasks.list(LEAD, { status: ['proposed'] }), 'Pricing page');
    app.decisions.decide(LEAD, { ref: pricing.ref, action: 'reject', note: 'pricing waits for research' });
    const lessons = app.report.build(LEAD).lessons.map((l) => l.text);
    expect(lessons).toContain('pricing waits for research');
    expect(lessons).not.toContain('wrong card');
    // Under way now: the next plan proposes it no more, as work approved, not as work rejected.
    expect(heldBack(app)).not.toContain(dashboard.title);
    const next = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(next.tasks.map((t) => t.title)).not.toContain(dashboard.title);
    expect(next.skipped).toContainEqual(
      expect.objectContaining({ title: dashboard.title, duplicateOf: dashboard.ref, reason: 'duplicate' }),
    );
  });

  it('lets another approver approve it after all by command or button, never by a reaction added unseen', () => {
    const app = team.open();
    const dashboard = byTitle(saturday(app), 'Subscription admin dashboard');
    app.decisions.decide(LEAD, { ref: dashboard.ref, action: 'reject', note: 'wrong card' });
    const ana = declaredCtx({
      workspaceId: 'default',
      actor: 'slack:UANA',
      source: 'slack',
      role: 'approver',
    });
    // A ✅ added as the rejection landed: the old rule, one wins and the other is told who.
    expect(() =>
      app.decisions.decide(ana, { ref: dashboard.ref, action: 'approve', reaction: 'white_check_mark' }),
    ).toThrow(
      `cannot approve ${dashboard.ref} by a reaction after another's rejection ("wrong card"): its card's Approve button or \`approve ${dashboard.ref}\` approves it after all; rejected by cli:lead at 2026-11-21 09:00 UTC`,
    );
    expect(app.tasks.show(LEAD, dashboard.ref).task.status).toBe('rejected');
    // Typed, she means it.
    expect(app.decisions.decide(ana, { ref: dashboard.ref, action: 'approve' }).task.status).toBe('approved');
  });

  it('approves after all by a reaction from whoever rejected it', () => {
    const app = team.open();
    const dashboard = byTitle(saturday(app), 'Subscription admin dashboard');
    app.decisions.decide(LEAD, { ref: dashboard.ref, action: 'reject', note: 'wrong card' });
    const by = app.decisions.decide(LEAD, {
      ref: dashboard.ref,
      action: 'approve',
      reaction: 'white_check_mark',
    });
    expect(by.task.status).toBe('approved');
    const lessons = () => app.report.build(LEAD).lessons.map((l) => l.text);
    expect(lessons()).not.toContain('wrong card');
    // The ✅ removed: the rejection stands again, and so does its lesson.
    const undone = app.decisions.undo(LEAD, {
      taskId: dashboard.id,
      action: 'approve',
      reaction: 'white_check_mark',
    });
    expect(undone.changed).toBe(true);
    expect(app.tasks.show(LEAD, dashboard.ref).task.status).toBe('rejected');
    expect(lessons()).toContain('wrong card');
  });

  it('refuses when the work was done meanwhile, and writes nothing', () => {
    const app = team.open();
    const pricing = byTitle(saturday(app), 'Pricing page');
    app.decisions.decide(LEAD, { ref: pricing.ref, action: 'reject', note: 'not now' });
    const item = pricing.item as NonNullable<Task['item']>;
    app.items.setFeatureStatus(LEAD, item.id, 'done');
    expect(() => app.decisions.decide(LEAD, { ref: pricing.ref, action: 'approve' })).toThrow(
      `cannot approve ${pricing.ref}: feature ${item.id}, "Pricing page with monthly and annual plans", is done; rejected by cli:lead`,
    );
    const { task, events } = app.tasks.show(LEAD, pricing.ref);
    expect(task.status).toBe('rejected');
    expect(events.at(-1)?.type).toBe('rejected');
  });

  it('refuses once the work was proposed again as another task, and names it', () => {
    const app = team.open();
    const checkout = byTitle(saturday(app), 'Stripe checkout');
    app.decisions.decide(LEAD, { ref: checkout.ref, action: 'reject', note: 'not now' });
    // Past the cooldown, the next digest proposes the work again, as a new task.
    const later = team.reopen(LATER);
    later.engine.generate(LEAD, { maxTasks: 5 });
    const again = later.tasks
      .list(LEAD, { status: ['proposed'] })
      .find((t) => t.item?.kind === 'feature' && t.item.id === checkout.item?.id);
    expect(again, 'the work proposed again').toBeDefined();
    expect(() => later.decisions.decide(LEAD, { ref: checkout.ref, action: 'approve' })).toThrow(
      `cannot approve ${checkout.ref}: ${again?.ref} proposes the same work now (approve ${again?.ref} instead); rejected by cli:lead`,
    );
    expect(later.tasks.show(LEAD, checkout.ref).task.status).toBe('rejected');
  });
});
