import { describe, expect, it } from 'vitest';
import type { Goal, Observation } from '../../../src/domain/goal.js';
import { analyseGoal } from '../../../src/feedback/analyse-goal.js';
import { suggestNext } from '../../../src/feedback/suggest-next.js';

const goal = (g: Partial<Goal> = {}): Goal => ({
  id: 1,
  workspaceId: 'w',
  metric: 'beta_invites',
  target: 80,
  unit: 'invites',
  direction: 'up',
  baseline: 10,
  deadline: '2026-02-15',
  owner: null,
  valuePerUnit: null,
  weight: null,
  status: 'active',
  createdBy: 't',
  createdAt: '2026-01-05T00:00:00.000Z',
  updatedAt: '2026-01-05T00:00:00.000Z',
  ...g,
});
const weekly = (values: number[]): Observation[] =>
  values.map((value, i) => {
    const at = new Date(Date.parse('2026-01-05T00:00:00Z') + i * 7 * 86_400_000).toISOString();
    return {
      id: i + 1,
      metric: 'beta_invites',
      value,
      observedAt: at,
      context: {},
      actor: 't',
      pushSource: null,
      recordedAt: at,
    };
  });

describe('suggestNext', () => {
  it('asks for a new deadline, not an aim by a day gone, once the deadline passed unmet', () => {
    const a = analyseGoal(goal(), weekly([10, 20, 28, 35, 40, 45, 50, 51, 52]), [], '2026-03-02T18:00:00Z');
    expect(a.status).toBe('off_track');
    const s = suggestNext(a);
    expect(s.aimFor).toBeNull();
    expect(s.advice).not.toMatch(/aim for/);
    expect(s.advice).toBe(
      'beta_invites missed its deadline of 2026-02-15, 28 invites short of its target of 80 invites: set a new one (`goalpost goal set beta_invites --by YYYY-MM-DD`) or archive the goal',
    );
  });

  // A review's trial_conversion, due 2026-12-31: at 09:00 that day suggest aimed "by 2026-12-30",
  // and from 16:00 said it "missed its deadline" while the goal list and the plan still worked on it.
  it('counts the deadline day as time left, to its end, and too little to aim by', () => {
    const dueToday = goal({ deadline: '2026-03-02' });
    const readings = weekly([10, 12, 14, 16, 18, 20, 22, 24, 26]);
    for (const at of ['2026-03-02T09:00:00Z', '2026-03-02T18:00:00Z']) {
      const a = analyseGoal(dueToday, readings, [], at);
      expect(a.deadlinePassed, at).toBe(false);
      expect(suggestNext(a).advice, at).toMatch(
        /^beta_invites is off track for 80 invites by 2026-03-02, on its last day: too little time for new work to show in it; set a later date \(`goalpost goal set beta_invites --by YYYY-MM-DD`\)/,
      );
    }
    const after = analyseGoal(dueToday, readings, [], '2026-03-03T00:00:01Z');
    expect(after.deadlinePassed).toBe(true);
    expect(suggestNext(after).advice).toMatch(/^beta_invites missed its deadline of 2026-03-02/);
  });

  // A review: the day a goal came within two weeks of its deadline, suggest said archive it, its
  // feature in progress; and a goal at risk days from its deadline was told to aim half-way by then.
  it('asks a goal days from its deadline for a later date, and never to drop the work under way', () => {
    const readings = weekly([10, 12, 14, 16, 18, 20, 22, 24, 26]);
    const near = analyseGoal(goal({ deadline: '2026-03-12' }), readings, [], '2026-03-02T18:00:00Z');
    expect(near.status).toBe('off_track');
    const redate = 'set a later date (`goalpost goal set beta_invites --by YYYY-MM-DD`)';
    const lead =
      'beta_invites is off track for 80 invites by 2026-03-12, with 10 days left: too little time for new work to show in it';
    expect(suggestNext(near).advice).toBe(`${lead}; ${redate} or archive the goal`);
    const building = [
      { ref: 'T-4', title: 'Invite flow from the dashboard', status: 'in_progress' as const },
    ];
    expect(suggestNext(near, building).advice).toBe(
      `${lead}; ${redate} for the work under way to show in it; T-4 "Invite flow from the dashboard" (in progress) works on it: its measurements show what it does once done`,
    );
    const risky = analyseGoal(
      goal({ deadline: '2026-03-12' }),
      weekly([10, 16, 22, 28, 34, 40, 46, 52, 58]),
      [],
      '2026-03-02T18:00:00Z',
    );
    expect(risky.status).toBe('at_risk');
    expect(suggestNext(risky).advice).toBe(
      `beta_invites is at risk for 80 invites by 2026-03-12, with 10 days left: too little time for new work to show in it; if it falls short, ${redate}`,
    );
    // Two weeks off, there is time to aim by.
    const fortnight = analyseGoal(goal({ deadline: '2026-03-16' }), readings, [], '2026-03-02T18:00:00Z');
    expect(suggestNext(fortnight).advice).toMatch(/: aim for \d+ invites by 2026-03-09$/);
  });

  it('still aims half-way by half-way to a deadline ahead', () => {
    const a = analyseGoal(
      goal({ deadline: '2026-04-30' }),
      weekly([10, 12, 14, 16, 18, 20, 22, 24, 26]),
      [],
      '2026-03-02T18:00:00Z',
    );
    expect(suggestNext(a).advice).toMatch(
      /^beta_invites is off track for 80 invites by 2026-04-30: aim for 53 invites by 2026-04-01/,
    );
  });

  it('names the work under way on a goal that slips, two of it and the rest counted', () => {
    const slipping = analyseGoal(
      goal({ deadline: '2026-04-30' }),
      weekly([10, 12, 14, 16, 18, 20, 22, 24, 26]),
      [],
      '2026-03-02T18:00:00Z',
    );
    const work = [
      { ref: 'T-4', title: 'Invite flow from the dashboard', status: 'in_progress' as const },
      { ref: 'T-7', title: 'Referral credits', status: 'approved' as const },
      { ref: 'T-9', title: 'Waitlist emails', status: 'approved' as const },
    ];
    expect(suggestNext(slipping, work.slice(0, 1)).advice).toMatch(
      /: aim for 53 invites by 2026-04-01; T-4 "Invite flow from the dashboard" \(in progress\) works on it: its measurements show what it does once done$/,
    );
    expect(suggestNext(slipping, work).advice).toMatch(
      /; T-4 "Invite flow from the dashboard" \(in progress\), T-7 "Referral credits" \(approved\) and 1 more work on it: its measurements show what they do once done$/,
    );
    // A goal past its deadline needs a new date, for the work under way on it, never to be archived
    // with it (a review's read "… or archive the goal" the day after its deadline, T-3 in progress);
    // one on track needs no word of its work.
    const lapsed = analyseGoal(
      goal(),
      weekly([10, 20, 28, 35, 40, 45, 50, 51, 52]),
      [],
      '2026-03-02T18:00:00Z',
    );
    expect(suggestNext(lapsed, work.slice(0, 1)).advice).toBe(
      'beta_invites missed its deadline of 2026-02-15, 28 invites short of its target of 80 invites: set a new one (`goalpost goal set beta_invites --by YYYY-MM-DD`) for the work under way to show in it; T-4 "Invite flow from the dashboard" (in progress) works on it: its measurements show what it does once done',
    );
    const onTrack = analyseGoal(
      goal({ deadline: '2026-04-30' }),
      weekly([10, 18, 26, 34, 42, 50, 58, 66, 74]),
      [],
      '2026-03-02T18:00:00Z',
    );
    expect(onTrack.status).toBe('on_track');
    expect(suggestNext(onTrack, work).advice).not.toContain('T-4');
  });

  // A review read "aim for 7.5 bugs": half of an odd distance, said of things counted in ones.
  it('aims a metric counted in whole numbers at a whole number, at least half-way', () => {
    const at = (values: number[], g: Partial<Goal>) =>
      suggestNext(
        analyseGoal(goal({ deadline: '2026-06-30', ...g }), weekly(values), [], '2026-03-02T18:00:00Z'),
      ).aimFor;
    // Up from 25 toward 80: 52.5 is 53; down from 12 toward 3 open bugs: 7.5 is 7.
    expect(at([10, 15, 20, 25], {})).toBe(53);
    expect(at([14, 13, 13, 12], { metric: 'open_bugs', target: 3, direction: 'down', baseline: 14 })).toBe(7);
    // A figure with fractions keeps them: a rating of 4.1 toward 4.6 aims for 4.4 (4.35 rounded).
    expect(at([4, 4.1, 4.1, 4.1], { metric: 'rating', target: 4.6, baseline: 4 })).toBe(4.4);
  });

  // A review read "aim for 930 users" on a typo of 1640 against a trend at 166, and an NPS swinging
  // either side of its trend aimed for 40 one week and 44 the next.
  it("aims from where the goal stands, not from an outlier or this week's side of its trend", () => {
    const at = (values: number[], g: Partial<Goal>) =>
      suggestNext(
        analyseGoal(goal({ deadline: '2026-06-30', ...g }), weekly(values), [], '2026-03-16T18:00:00Z'),
      );
    const signups = { metric: 'signups', target: 220, unit: 'users', baseline: 120 };
    const typo = at([120, 124, 131, 133, 140, 146, 149, 155, 160, 1640], signups);
    expect(typo.aimFor).toBeGreaterThan(166);
    expect(typo.aimFor).toBeLessThan(220);
    const nps = { metric: 'nps', target: 45, unit: 'points', baseline: 30 };
    const swings = [30, 38, 31, 39, 32, 40, 33, 41, 34, 42];
    const [bad, good] = [at(swings.slice(0, -1), nps), at(swings, nps)];
    expect(Math.abs((good.aimFor as number) - (bad.aimFor as number))).toBeLessThanOrEqual(1);
  });
});
