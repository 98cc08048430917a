import { describe, expect, it } from 'vitest';
import { connect, issue, NOW, PAGEWISE, spec } from './pagewise.js';
import { build, finish, fix, LEAD, plan, seedTeam, taskTitled, titles, useTeam } from './team.js';

// Pagewise is behind its revenue target, and every feature of it shares the gap alike. The team's
// backlog on GitHub holds a typo on the pricing page filed as an issue with no bug label
// (`estimate: 15m`), annual plans it marked high priority, saved searches estimated at two days,
// an export to PDF at two hours, and comment threads nobody estimated. A product review found the
// typo fix leading the batch, its score twenty times the team's high-priority feature's, claiming
// the same share of the revenue gap as a feature of days: an equal share of the gap divided by a
// quarter of an hour. A lead expects the work the team ranked first, and dollars that hold up: a
// quarter-hour fix does not win what a week's feature wins.
const TYPO = build('Fix the typo on the pricing page', PAGEWISE);
const ANNUAL = build('Annual plans for teams', PAGEWISE);
const SEARCHES = build('Saved searches', PAGEWISE);
const THREADS = build('Comment threads', PAGEWISE);
const PDF = build('Export pages to PDF', PAGEWISE);

const backlog = [
  issue(1, 'Fix the typo on the pricing page', { labels: ['estimate: 15m'] }),
  issue(2, 'Annual plans for teams', { labels: ['priority: high'] }),
  issue(3, 'Saved searches', { labels: ['estimate: 2d'] }),
  issue(4, 'Comment threads', {}),
  issue(5, 'Export pages to PDF', { labels: ['estimate: 2h'] }),
];

describe('small work on a product behind its target', () => {
  const team = useTeam();

  it("puts the team's high-priority feature first, and a quarter-hour fix claims a quarter-hour's part", () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, backlog);

    const batch = plan(app, 5);
    expect(titles(batch)[0]).toBe(ANNUAL);
    const typo = taskTitled(batch, TYPO);
    const threads = taskTitled(batch, THREADS);
    const pdf = taskTitled(batch, PDF);
    // No ahead of a feature nobody estimated: a feature's share is won by a feature's work.
    expect(typo.score).toBeLessThanOrEqual(threads.score);
    expect(pdf.score).toBeLessThanOrEqual(threads.score);
    // Its dollars: 15 minutes of the 8 hours a feature is counted to take, of a feature's share.
    expect(typo.revenueImpact).toBeGreaterThan(0);
    expect(typo.revenueImpact).toBeLessThanOrEqual(threads.revenueImpact / 30);
    expect(pdf.revenueImpact).toBeLessThanOrEqual(threads.revenueImpact / 4 + 0.01);
    // The big feature keeps its whole share: its size is paid for by its hours, as before.
    expect(taskTitled(plan(app, 10), SEARCHES).revenueImpact).toBe(threads.revenueImpact);
    // The card says why its dollars are a part of the share.
    const card = typo.reasoning.join('\n');
    expect(card).toMatch(
      /Revenue \$\d+(\.\d\d)?\/month: 1 of 5 open items sharing .*3% of that share: 0\.25 h of work/,
    );
    expect(card).toMatch(/Effort 0\.25 h: .*a feature's share is counted for 8 h/);
  });

  // The estimate of work under way may be what is left of it: a feature an hour from done is no
  // smaller a feature for it (a review found a client portal claiming a quarter of its share).
  it('keeps the whole share of a feature under way, whatever its estimate', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, backlog);
    app.projects.addFeature(LEAD, PAGEWISE, { title: 'Client portal', status: 'in_progress', estimate: 1 });
    const all = plan(app, 10);
    const portal = taskTitled(all, finish('Client portal', PAGEWISE));
    expect(portal.revenueImpact).toBe(taskTitled(all, THREADS).revenueImpact);
    expect(portal.reasoning.join('\n')).not.toMatch(/of that share/);
    expect(titles(all)[0]).toBe(portal.title);
  });

  // A bug's value is what it puts at risk, whatever the fix takes: a quick fix of a high bug is a
  // quick win, and stays one.
  it('keeps a quick fix of a bug ahead of the features', () => {
    const app = team.open(NOW);
    seedTeam(app, spec);
    connect(app, [
      ...backlog,
      issue(6, 'Editor loses the last paragraph on save', { labels: ['bug', 'P1', 'estimate: 30m'] }),
    ]);
    const batch = plan(app, 5);
    const bug = taskTitled(batch, fix('Editor loses the last paragraph on save', PAGEWISE));
    expect(titles(batch)[0]).toBe(bug.title);
    expect(bug.reasoning.join('\n')).not.toMatch(/of that share/);
  });
});
