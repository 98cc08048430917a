import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, plan, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// Quizly sells quiz packs; its press kit has sat untouched since the team set Goalpost up. A
// project is idle while nothing happens on it: a proposal the team turned down or cancelled is no
// work on it, nor one a plan withdrew, which is a proposal cancelled the same way (a walkthrough's
// stale project read active again for 14 days because a plan withdrew one of its proposals).
const QUIZLY = 'Quizly';
const PRESS = 'Press Kit';
const REVIEW = `Review ${PRESS}: set its next step or pause it`;

const TEAM: TeamSpec = {
  vision: {
    statement: 'Quizzes teachers love',
    primary_goal: 'Reach $2k MRR by March',
    focus_areas: ['growth', 'marketing'],
    revenue_targets: { '2027-03': 2000 },
  },
  projects: [
    { name: QUIZLY, revenueBearing: true, focus: ['growth'], features: [['Paid quiz packs', 'planned']] },
    { name: PRESS, focus: ['marketing'] },
  ],
  revenue: [{ project: QUIZLY, month: '2026-10', actual: 800, subscriptions: 40, churn: 0.02 }],
};

const DAY = 24 * 60 * 60 * 1000;
const daysLater = (n: number) => new Date(Date.parse('2026-11-21T09:00:00Z') + n * DAY).toISOString();

describe('a project idle while only proposals close', () => {
  const team = useTeam();

  /** Fifteen days in, the press kit is stale and its review proposed: what `decide` does with it. */
  function reviewProposed(decide: (app: Goalpost, ref: string) => void): void {
    seedTeam(team.open(), TEAM);
    const app = team.reopen(daysLater(15));
    const review = app.engine.generate(LEAD, { maxTasks: 10 }).tasks.find((t) => t.title === REVIEW);
    if (!review?.ref) throw new Error('the review of the stale press kit was not proposed');
    decide(app, review.ref);
  }

  const pressKit = (app: Goalpost) => app.engine.state(LEAD).projects.find((p) => p.project.name === PRESS);

  it('stays idle when the team rejects its review', () => {
    reviewProposed((app, ref) => app.decisions.decide(LEAD, { ref, action: 'reject', note: 'after launch' }));
    const next = team.reopen(daysLater(16));
    expect(pressKit(next)).toMatchObject({ stale: true, idleDays: 16 });
  });

  it('stays idle when the team cancels its review unapproved', () => {
    reviewProposed((app, ref) => app.decisions.decide(LEAD, { ref, action: 'cancel' }));
    const next = team.reopen(daysLater(16));
    expect(pressKit(next)).toMatchObject({ stale: true, idleDays: 16 });
    // Cancelled, not rejected: nothing holds the review back, and the press kit still needs one.
    expect(titles(plan(next, 10))).toContain(REVIEW);
  });

  it('is active again once its review is done', () => {
    reviewProposed((app, ref) => {
      app.decisions.decide(LEAD, { ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref, action: 'done', note: 'refreshed the logos' });
    });
    const next = team.reopen(daysLater(16));
    expect(pressKit(next)).toMatchObject({ stale: false, idleDays: 1 });
    expect(titles(plan(next, 10))).not.toContain(REVIEW);
  });

  // A review found projects called stale, 23 days idle, while tasks on them were under way: a lead
  // asked to "set its next step or pause it" has a step in progress. (Approved work nobody started
  // is the digest's to name: see stalledWork.)
  it('is not idle while a task on it is under way, however long it takes', () => {
    reviewProposed((app, ref) => {
      app.decisions.decide(LEAD, { ref, action: 'approve' });
      app.decisions.decide(LEAD, { ref, action: 'start' });
    });
    const next = team.reopen(daysLater(40));
    expect(pressKit(next)).toMatchObject({ stale: false, idleDays: 0 });
    expect(titles(plan(next, 10))).not.toContain(REVIEW);
  });
});
