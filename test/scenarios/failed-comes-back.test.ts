import { describe, expect, it } from 'vitest';
import { failedBackText } from '../../src/domain/task.js';
import { PAGEWISE, spec } from './pagewise.js';
import { build, LEAD, seedTeam, useTeam } from './team.js';

// A review failed "Stripe payment links on invoices" one afternoon, blocked by a KYC review that
// takes weeks: the reply said only that it failed, and the next morning's plan proposed its work
// again at the top of the batch. A reject's reply says how long its work is held back; a lead
// expects a failure's to say when its work comes back, and what to do if the blocker lasts.
describe('a failed task', () => {
  const team = useTeam();

  it('says when plans propose its work again, and they do then, not before', () => {
    const app = team.open('2026-11-26T09:00:00Z');
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe payment links on invoices' });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    const failed = team.reopen('2026-11-26T15:30:20Z');
    const said = failed.decisions.decide(LEAD, {
      ref: task?.ref,
      action: 'fail',
      note: 'KYC review pending',
    });
    expect(said.proposedAgainFrom).toBe('2026-11-27T15:31:00.000Z');
    expect(failedBackText(said.proposedAgainFrom as string)).toBe(
      'plans propose its work again from 2026-11-27 15:31 UTC, a day for what stopped it to clear: if that takes longer, reject the proposal saying until when',
    );
    const title = build('Stripe payment links on invoices', PAGEWISE);
    const before = team.reopen('2026-11-27T15:30:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(before.tasks.map((t) => t.title)).not.toContain(title);
    const then = team.reopen('2026-11-27T15:31:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(then.tasks.map((t) => t.title)).toContain(title);
  });
});
