import { describe, expect, it } from 'vitest';
import type { GenerateResult, Goalpost } from '../../src/index.js';
import {
  build,
  finish,
  LEAD,
  NOW,
  own,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  useTeam,
} from './team.js';

// Tallybook, invoicing behind its revenue target. Its backlog holds two cosmetic chores typed as
// features, so cheap that the first plan puts them first; the lead rejects both ("cosmetic"). The
// team then enters the work it means to do: recurring invoices, which it marks high priority,
// receipt scanning, already under way, and dunning emails, not ranked. A lead reading the next
// digest expects "this item is cosmetic" to say nothing of the work the team committed to: the
// high-priority and the started feature keep their whole score and say nothing of rejections. A
// feature nobody ranked or started is still the plan's own pick, and a category whose picks keep
// being turned down should come up less: it is still damped, and says why.
const TALLYBOOK = 'Tallybook';
const NEXT_DAY = new Date(Date.parse(NOW) + 86_400_000).toISOString();

const TYPO = own('Fix typo in footer', TALLYBOOK);
const RENAME = own('Rename settings tab', TALLYBOOK);
const RECURRING = build('Recurring invoices', TALLYBOOK);
const DUNNING = build('Dunning emails', TALLYBOOK);
const RECEIPTS = finish('Receipt scanning', TALLYBOOK);

const spec: TeamSpec = {
  vision: {
    statement: 'Tallybook: bookkeeping for freelancers',
    primary_goal: 'Reach $5,000 MRR by March',
    focus_areas: ['payments'],
    revenue_targets: { '2027-03': 5000 },
  },
  projects: [{ name: TALLYBOOK, revenueBearing: true, focus: ['payments'] }],
  revenue: [{ project: TALLYBOOK, month: '2026-10', actual: 3600 }],
};

function reject(app: Goalpost, result: GenerateResult, title: string): void {
  const ref = result.tasks.find((t) => t.title === title)?.ref;
  if (!ref) throw new Error(`"${title}" not proposed; got: ${result.tasks.map((t) => t.title).join('; ')}`);
  app.decisions.decide(LEAD, { ref, action: 'reject', note: 'cosmetic' });
}

const REJECTION_LINE = /^Rejections: /;
const scoreLine = (t: PlannedTask) => t.reasoning.find((l) => l.startsWith('Score ')) ?? '';

describe('rejections of other work of a category', () => {
  const team = useTeam();

  it('leave the work the team committed to (ranked high, or under way) whole, and damp the rest', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Fix typo in footer', estimate: 0.25 });
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Rename settings tab', estimate: 0.5 });
    const day1 = app.engine.generate(LEAD, { dryRun: false, maxTasks: 5 });
    reject(app, day1, TYPO);
    reject(app, day1, RENAME);
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Recurring invoices', priority: 'high' });
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Dunning emails' });
    app.projects.addFeature(LEAD, TALLYBOOK, { title: 'Receipt scanning', status: 'in_progress' });

    const day2 = plan(team.reopen(NEXT_DAY), 20);
    const recurring = taskTitled(day2, RECURRING);
    const receipts = taskTitled(day2, RECEIPTS);
    const dunning = taskTitled(day2, DUNNING);

    for (const committed of [recurring, receipts]) {
      expect(
        committed.reasoning.filter((l) => REJECTION_LINE.test(l)),
        committed.title,
      ).toEqual([]);
      expect(scoreLine(committed), committed.title).not.toMatch(/rejections/);
    }
    expect(dunning.reasoning).toContain(
      "Rejections: 2 of the last 2 feature tasks on Tallybook's backlog were rejected → score ×0.50",
    );
    expect(scoreLine(dunning)).toMatch(/ × 0\.50 rejections /);

    // The two features differ only in the team's ranking (same share of the gap, same default
    // effort, no words of the goal): the high one is worth ×1.5 the other's undamped score, which
    // is damped ×0.5, so three times its score, not one and a half.
    expect(recurring.revenueImpact).toBe(dunning.revenueImpact);
    expect(recurring.score / dunning.score).toBeCloseTo(3, 1);
    expect(day2.findIndex((t) => t.title === RECURRING)).toBeLessThan(
      day2.findIndex((t) => t.title === DUNNING),
    );
  });
});
