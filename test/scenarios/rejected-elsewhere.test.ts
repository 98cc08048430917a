import { describe, expect, it } from 'vitest';
import { type Goalpost, holdText, type RejectionHold } from '../../src/index.js';
import { LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Tallyo and Shiftly earn $10,400 a month between them, $15,000 the target for March, and neither
// has a backlog that closes its share of the gap: the plan proposes a user-acquisition experiment
// for each. A review rejected Tallyo's as "marketing owns acquisition" and found Shiftly's at P8
// the next morning, without a word of it. A lead who says the kind of work is not the team's has
// answered for every product; one who says "not now" of one product has said nothing of another,
// and the card should still tell them what they said.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Invoicing and scheduling small firms pay for',
    primary_goal: 'Reach $15,000 MRR',
    focus_areas: ['growth'],
    revenue_targets: { '2027-03': 15000 },
  },
  projects: [
    { name: 'Tallyo', revenueBearing: true, focus: ['growth'] },
    { name: 'Shiftly', revenueBearing: true, focus: ['growth'] },
  ],
  revenue: [
    { project: 'Tallyo', month: '2026-10', actual: 7700 },
    { project: 'Shiftly', month: '2026-10', actual: 2700 },
  ],
};

const EXPERIMENT = /^Run a user-acquisition experiment/;
const experiments = (tasks: readonly PlannedTask[]) => tasks.filter((t) => EXPERIMENT.test(t.title));

/** The first experiment proposed, rejected with `reason`; the product it was for, and the other. */
function rejectFirst(app: Goalpost, reason: string, maxTasks = 1) {
  const batch = app.engine.generate(LEAD, { maxTasks });
  const [first] = experiments(batch.tasks as PlannedTask[]);
  if (first?.ref == null) throw new Error('no experiment proposed');
  const decided = app.decisions.decide(LEAD, { ref: first.ref, action: 'reject', note: reason });
  const rejectedOn = app.tasks.show(LEAD, first.ref).task.projectName as string;
  return {
    ref: first.ref,
    rejectedOn,
    other: rejectedOn === 'Tallyo' ? 'Shiftly' : 'Tallyo',
    batch,
    decided,
  };
}

describe('a playbook’s work rejected on one product', () => {
  const team = useTeam();

  it('is held back on every product when the team says the work is not its own, and a proposal of it withdrawn', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, SPEC);
    const { ref, rejectedOn, other, batch, decided } = rejectFirst(app, 'marketing owns acquisition', 10);
    const [, second] = experiments(batch.tasks as PlannedTask[]);
    expect(second?.ref).toBeDefined();
    // The reply says what the reason will do, and how to undo it.
    expect(decided.held?.everyProduct).toBe(true);
    expect(holdText(decided.held as RejectionHold)).toMatch(
      /^not proposed again before 2027-07-19 09:00 UTC unless the work itself changes \(held as work its reason says is not the team's, as long as a rejection is remembered, 240 days\); its reason reads as work that is not the team's, so the same playbook's work is held on every product as long, and its proposals awaiting a decision there are withdrawn at the next plan \(approve this one after all to undo it\)$/,
    );

    const monday = team.reopen('2026-11-23T09:00:00Z');
    const next = monday.engine.generate(LEAD, { maxTasks: 10 });
    expect(experiments(next.tasks as PlannedTask[])).toEqual([]);
    const why = `the team rejected the same playbook's work for ${rejectedOn} as ${ref} on 2026-11-21 ('marketing owns acquisition'), as work that is not its own, on any product`;
    expect(next.withdrawn).toContainEqual({ ref: second?.ref, title: second?.title, why });
    expect(monday.tasks.show(LEAD, second?.ref).task.status).toBe('cancelled');
    expect(next.skipped).toContainEqual(
      expect.objectContaining({
        project: other,
        reason: 'rejected',
        duplicateOf: ref,
        note: `this playbook's work was rejected for ${rejectedOn} as ${ref} on 2026-11-21 ('marketing owns acquisition'), as work that is not the team's, on any product; not proposed again before 2027-07-19 09:00 UTC`,
      }),
    );
    // What to adjust says the same: the playbook is retired, not "too early to judge".
    const advice = monday.report.suggest(LEAD).adjustments.find((a) => a.scope === 'playbook');
    expect(advice).toMatchObject({ key: 'growth.experiment', recommendation: 'retire' });
    expect(advice?.why).toBe(
      "0 done, 0 failed, 1 rejected: the team said it is not its work ('marketing owns acquisition'), so plans hold it on every product until 2027-07-19",
    );
    // A month on, no cooldown has changed whose work it is; once memory forgets the rejection,
    // each product's case is its own again.
    expect(experiments(plan(team.reopen('2026-12-22T09:00:00Z'), 10))).toEqual([]);
    const later = plan(team.reopen('2027-07-20T09:00:00Z'), 10);
    expect(experiments(later).length).toBeGreaterThan(0);
  });

  it('is proposed on another product when the reason is about that one, saying what the team said', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, SPEC);
    const { ref, rejectedOn, other, decided } = rejectFirst(app, 'not now');
    expect(decided.held?.everyProduct).toBeUndefined();
    const [again] = experiments(plan(team.reopen('2026-11-23T09:00:00Z'), 10));
    expect(again?.projectName).toBe(other);
    expect(again?.reasoning).toContain(
      `The same playbook's work was rejected for ${rejectedOn} as ${ref} on 2026-11-21 ('not now'); proposed here as a case of its own (a reason saying it is not the team's work, as "marketing owns acquisition", would hold it back on every product)`,
    );
  });

  it('is not held back elsewhere by a reason that names the product it was rejected on', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, SPEC);
    const first = experiments(app.engine.generate(LEAD, { maxTasks: 1 }).tasks as PlannedTask[])[0];
    const on = app.tasks.show(LEAD, first?.ref).task.projectName as string;
    app.decisions.decide(LEAD, { ref: first?.ref, action: 'reject', note: `an agency owns ${on}'s ads` });
    const [again] = experiments(plan(team.reopen('2026-11-23T09:00:00Z'), 10));
    expect(again?.projectName).not.toBe(on);
    expect(again?.reasoning.join('\n')).toContain(`The same playbook's work was rejected for ${on}`);
    const advice = team.reopen('2026-11-23T09:00:00Z').report.suggest(LEAD).adjustments;
    expect(advice.find((a) => a.scope === 'playbook')?.recommendation).toBe('continue');
  });
});
