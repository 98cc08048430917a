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

// Another review's lead failed the same work "KYC review pending until 2026-12-15": told it
// would be back the next morning, they had to reject that proposal to say again what they had
// said. A failure's reason that says how long what stopped it lasts (a date, a month, a task it
// waits on) holds the work until then, as a rejection's does, and the reply says so.
describe('a failed task whose reason says how long the blocker lasts', () => {
  const team = useTeam();
  const title = build('Stripe payment links on invoices', PAGEWISE);

  /** Approves and fails the payment links at 15:30 on 26 November, saying `note`; the reply. */
  function failWith(note: string) {
    const app = team.open('2026-11-26T09:00:00Z');
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe payment links on invoices' });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    return team
      .reopen('2026-11-26T15:30:20Z')
      .decisions.decide(LEAD, { ref: task?.ref, action: 'fail', note });
  }
  const planned = (at: string) =>
    team
      .reopen(at)
      .engine.generate(LEAD, { dryRun: true, maxTasks: 5 })
      .tasks.map((t) => t.title);

  it('is not proposed again before the day it names, and is then', () => {
    const said = failWith('KYC review pending until 2026-12-15');
    expect(said.proposedAgainFrom).toBe('2026-12-15T00:00:00.000Z');
    expect(said.proposedAgainBy).toEqual({ reason: true });
    expect(failedBackText(said.proposedAgainFrom as string, said.proposedAgainBy)).toBe(
      'plans propose its work again from 2026-12-15, when its reason says what stopped it ends',
    );
    expect(planned('2026-11-28T09:00:00Z')).not.toContain(title);
    const held = team.reopen('2026-12-14T23:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(held.tasks.map((t) => t.title)).not.toContain(title);
    expect(held.skipped.find((s) => s.title === title)?.note).toMatch(
      /failed as T-\d+ on 2026-11-26 \('KYC review pending until 2026-12-15'\); not proposed again before 2026-12-15, as its reason says/,
    );
    expect(planned('2026-12-15T00:00:00Z')).toContain(title);
  });

  /**
   * Approves the payment links and the Stripe upgrade beside them, and fails the links at 15:30 on
   * 26 November saying `note` of the upgrade's task; the reply, and the upgrade's ref.
   */
  function failWaitingOn(note: (upgrade: string) => string) {
    const app = team.open('2026-11-26T09:00:00Z');
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe payment links on invoices' });
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe account upgrade to Connect' });
    const tasks = app.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const links = tasks.find((t) => t.title === title);
    const other = tasks.find((t) => t.title !== title);
    if (links === undefined || other === undefined) throw new Error(tasks.map((t) => t.title).join('; '));
    app.decisions.decide(LEAD, { ref: links.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: other.ref, action: 'approve' });
    const upgrade = other.ref as string;
    const said = team
      .reopen('2026-11-26T15:30:20Z')
      .decisions.decide(LEAD, { ref: links.ref, action: 'fail', note: note(upgrade) });
    return { said, upgrade };
  }

  it('waits for the task its reason names while that task is open, and while its work failed', () => {
    const { said, upgrade } = failWaitingOn(
      (ref) => `needs the Stripe account upgrade, blocked until ${ref} ships`,
    );
    expect(said.proposedAgainBy).toEqual({ openTask: upgrade });
    expect(failedBackText(said.proposedAgainFrom as string, said.proposedAgainBy)).toBe(
      `plans propose its work again once the work of ${upgrade} is done or turned down, which its reason waits for, a day after it failed at the earliest (from 2026-11-27 15:31 UTC)`,
    );
    expect(planned('2026-11-29T09:00:00Z')).not.toContain(title);
    // The upgrade fails too: it has not shipped, and the links still wait for it.
    team
      .reopen('2026-11-29T10:00:00Z')
      .decisions.decide(LEAD, { ref: upgrade, action: 'fail', note: 'Stripe review' });
    expect(planned('2026-11-30T11:00:00Z')).not.toContain(title);
    const app = team.reopen('2026-11-30T12:00:00Z');
    const retried = app.decisions.retry(LEAD, upgrade, 'review passed');
    app.decisions.decide(LEAD, { ref: retried.task.ref, action: 'done' });
    expect(planned('2026-11-30T13:00:00Z')).toContain(title);
  });

  it('says both when its reason waits for an open task and names a day', () => {
    const { said, upgrade } = failWaitingOn(
      (ref) => `blocked until ${ref} ships, and the vendor is away until 2026-12-10`,
    );
    expect(said.proposedAgainFrom).toBe('2026-12-10T00:00:00.000Z');
    expect(failedBackText(said.proposedAgainFrom as string, said.proposedAgainBy)).toBe(
      `plans propose its work again once the work of ${upgrade} is done or turned down, which its reason waits for, and not before 2026-12-10, as its reason says`,
    );
    team.reopen('2026-11-30T09:00:00Z').decisions.decide(LEAD, { ref: upgrade, action: 'done' });
    // The task it waited for is done, but not the day its reason names.
    expect(planned('2026-12-02T09:00:00Z')).not.toContain(title);
    expect(planned('2026-12-10T00:00:00Z')).toContain(title);
  });

  it('is held no longer than a failure is remembered, and the reply says what the reason asked', () => {
    const said = failWith('vendor contract signed in June 2027');
    // Failures are remembered for twice the 30-day rejection cooldown: 60 days.
    expect(said.proposedAgainFrom).toBe('2027-01-25T15:31:00.000Z');
    expect(failedBackText(said.proposedAgainFrom as string, said.proposedAgainBy)).toBe(
      'plans propose its work again from 2027-01-25 15:31 UTC, the longest a failure is remembered (60 days; its reason asked for 2027-06-01)',
    );
  });
});

// A team that set GOALPOST_REJECT_COOLDOWN_DAYS=0 asked for nothing to be held back: its failures
// are not remembered, and the next plan proposes the work again. A reviewer's reply said "from
// tomorrow" (and "once T-2 is closed") while the plan two hours later put the work at the top.
describe('a failed task where rejections hold nothing back', () => {
  const team = useTeam();

  it('promises no hold, and the next plan proposes its work again', () => {
    const app = team.open('2026-11-26T09:00:00Z', { rejectCooldownDays: 0 });
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe payment links on invoices' });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'approve' });
    const said = team.reopen('2026-11-26T15:30:20Z', { rejectCooldownDays: 0 }).decisions.decide(LEAD, {
      ref: task?.ref,
      action: 'fail',
      note: 'KYC review pending until 2026-12-15',
    });
    expect(said.proposedAgainFrom).toBeUndefined();
    expect(said.proposedAgainBy).toBeUndefined();
    const next = team
      .reopen('2026-11-26T17:30:00Z', { rejectCooldownDays: 0 })
      .engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.map((t) => t.title)).toContain(build('Stripe payment links on invoices', PAGEWISE));
  });
});

describe('a failed task whose reason names itself', () => {
  const team = useTeam();

  it('waits a day, as its own ref names no other work to wait for', () => {
    const app = team.open('2026-11-26T09:00:00Z');
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Stripe payment links on invoices' });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    const ref = task?.ref as string;
    app.decisions.decide(LEAD, { ref, action: 'approve' });
    const said = team
      .reopen('2026-11-26T15:30:20Z')
      .decisions.decide(LEAD, { ref, action: 'fail', note: `blocked until ${ref} ships` });
    expect(said.proposedAgainFrom).toBe('2026-11-27T15:31:00.000Z');
    expect(said.proposedAgainBy).toBeUndefined();
    const next = team.reopen('2026-11-28T09:00:00Z').engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(next.tasks.map((t) => t.title)).toContain(build('Stripe payment links on invoices', PAGEWISE));
  });
});
