import { describe, expect, it } from 'vitest';
import type { BacklogIssue } from '../../src/index.js';
import { connect, issue, NOW, PAGEWISE, REPO, spec } from './pagewise.js';
import { build, fix, LEAD, plan, seedTeam, type TeamSpec, taskTitled, titles, useTeam } from './team.js';

// Pagewise is $1,800 a month short of its January target, and Tallybook, another paying product
// of the studio, shares the gap. The team keeps Pagewise's backlog on GitHub and has put dark mode
// (and a crash it can live with until then) in its Q2 milestone, due in April: work it scheduled
// after the target month cannot win the January revenue. A lead expects the January gap to be won
// by the work that can land by then, dark mode still proposed on its own merits, and its card to say
// why it claims no dollars. A milestone due within January changes nothing.
const Q2 = { number: 2, title: 'Q2', dueOn: '2027-04-01T07:00:00Z' };
const JANUARY = { number: 1, title: 'January release', dueOn: '2027-01-29T08:00:00Z' };
const TALLYBOOK = 'Tallybook';

const studio: TeamSpec = {
  ...spec,
  projects: [
    ...spec.projects,
    {
      name: TALLYBOOK,
      revenueBearing: true,
      focus: ['growth'],
      features: [['Invoice reminders', 'planned']],
    },
  ],
};

const DARK = build('Dark mode', PAGEWISE);
const SEARCHES = build('Saved searches', PAGEWISE);
const THREADS = build('Comment threads', PAGEWISE);
const REMINDERS = build('Invoice reminders', TALLYBOOK);
const LATE_LINE =
  "Scheduled for milestone 'Q2', due 2027-04-01, after the 2027-01 revenue target: no part of its gap";

const revenueLine = (reasoning: readonly string[]) => reasoning.find((l) => l.startsWith('Revenue '));

/** Dark mode, with `dark` (its milestone, its state), beside the two features that can land by January. */
const threeFeatures = (dark: Partial<BacklogIssue>): BacklogIssue[] => [
  issue(1, 'Dark mode', dark),
  issue(2, 'Saved searches', {}),
  issue(3, 'Comment threads', {}),
];

describe('work the team scheduled after the revenue target', () => {
  const team = useTeam();

  /** The studio on the morning of NOW, Pagewise's backlog synced from `issues`. */
  function openStudio(issues: readonly BacklogIssue[]) {
    const app = team.open(NOW);
    seedTeam(app, studio);
    connect(app, issues);
    return app;
  }

  it("claims no part of the target's gap: the work that can land by then shares it", () => {
    const app = openStudio(threeFeatures({ milestone: Q2 }));

    const all = plan(app, 20);
    const dark = taskTitled(all, DARK);
    const searches = taskTitled(all, SEARCHES);
    const threads = taskTitled(all, THREADS);
    const reminders = taskTitled(all, REMINDERS);

    // Still proposed on its own merits, but with no dollars of the January gap, and it says why.
    expect(dark.revenueImpact).toBe(0);
    expect(dark.reasoning).toContain(LATE_LINE);
    expect(revenueLine(dark.reasoning)).toBeUndefined();
    expect(titles(all).indexOf(DARK)).toBeGreaterThan(titles(all).indexOf(SEARCHES));
    expect(titles(all).indexOf(DARK)).toBeGreaterThan(titles(all).indexOf(THREADS));

    // Pagewise weighs its two features that can land by January in the split, not three: the
    // gap is $1,800, Tallybook's one feature takes a third of it, Pagewise's two the rest.
    expect(searches.revenueImpact).toBe(600);
    expect(threads.revenueImpact).toBe(600);
    expect(reminders.revenueImpact).toBe(600);
    expect(revenueLine(searches.reasoning)).toMatch(
      /^Revenue \$600\/month: 1 of 2 open items sharing Pagewise's \$1,200\/month share of the \$1,800\/month gap/,
    );
    expect(searches.reasoning.some((l) => l.startsWith('Scheduled for'))).toBe(false);
    expect(revenueLine(reminders.reasoning)).toMatch(/^Revenue \$600\/month: the only open item to win/);
  });

  it('leaves a critical bug scheduled after the target what its project earns, not a share of the gap', () => {
    const app = openStudio([
      issue(1, 'Export crashes on big pages', { labels: ['bug', 'critical'], milestone: Q2 }),
      issue(2, 'Saved searches', {}),
    ]);

    const all = plan(app, 20);
    const crash = taskTitled(all, fix('Export crashes on big pages', PAGEWISE));
    expect(crash.reasoning).toContain(
      "Scheduled for milestone 'Q2', due 2027-04-01, after the 2027-01 revenue target: no part of its gap",
    );
    const revenue = crash.reasoning.filter((l) => l.startsWith('Revenue '));
    expect(revenue).toEqual([
      expect.stringMatching(/a critical bug threatens 50% of the \$1,200\/month Pagewise earns/),
    ]);
    expect(crash.revenueImpact).toBe(600);
    // Saved searches is Pagewise's only item to win the gap: half of it, beside Tallybook's one.
    expect(taskTitled(all, SEARCHES).revenueImpact).toBe(900);
    expect(taskTitled(all, REMINDERS).revenueImpact).toBe(900);
  });

  it('changes nothing for a milestone due by the end of the target month', () => {
    const app = openStudio(threeFeatures({ milestone: JANUARY }));

    const all = plan(app, 20);
    const dark = taskTitled(all, DARK);
    // Three Pagewise features and one of Tallybook's share the $1,800 alike.
    expect(dark.revenueImpact).toBe(450);
    expect(taskTitled(all, SEARCHES).revenueImpact).toBe(450);
    expect(taskTitled(all, REMINDERS).revenueImpact).toBe(450);
    expect(revenueLine(dark.reasoning)).toMatch(/^Revenue \$450\/month: 1 of 3 open items sharing/);
    expect(dark.reasoning.some((l) => l.startsWith('Scheduled for'))).toBe(false);
  });

  it('claims its share again once the team moves its milestone into January on GitHub', () => {
    const app = openStudio(threeFeatures({ milestone: Q2 }));
    expect(taskTitled(plan(app, 20), DARK).revenueImpact).toBe(0);

    // The team pulls Q2 forward: its due date moves, and its issues' copies do not change.
    const moved = app.github.milestone(LEAD, REPO, { ...Q2, dueOn: '2027-01-22T08:00:00Z' }, false);
    expect(moved.rescheduled).toBe(1);
    const dark = taskTitled(plan(app, 20), DARK);
    expect(dark.revenueImpact).toBe(450);
    expect(revenueLine(dark.reasoning)).toMatch(/^Revenue \$450\/month: 1 of 3 open items sharing/);
    expect(dark.reasoning.some((l) => l.startsWith('Scheduled for'))).toBe(false);
  });

  // Done early, its issue still open in the Q2 milestone: it shipped, before the target, as it has
  // once its issue closes. The work left must be worth the same either way, not more for the days
  // between (its task done in chat, the pull request merged on Monday).
  it('counts it shipped once its task is done, its issue still open, as once the issue closes', () => {
    const issues = (closed: boolean) =>
      threeFeatures({
        milestone: Q2,
        ...(closed
          ? { state: 'closed' as const, stateReason: 'completed', updatedAt: '2026-11-23T08:00:00Z' }
          : {}),
      });
    const app = openStudio(issues(false));
    const refs = new Map(app.engine.generate(LEAD, { maxTasks: 20 }).tasks.map((t) => [t.title, t.ref]));
    const friday = team.reopen('2026-11-20T09:00:00Z');
    for (const action of ['approve', 'start', 'done'] as const)
      friday.decisions.decide(LEAD, { ref: refs.get(DARK) ?? null, action });
    const worth = (day: string) => {
      const later = team.reopen(day);
      later.engine.generate(LEAD, { maxTasks: 20 });
      return later.tasks.show(LEAD, refs.get(SEARCHES) ?? null).task.revenueImpact;
    };
    const open = worth('2026-11-21T09:00:00Z');
    team.reopen('2026-11-23T09:00:00Z').github.ingest(LEAD, REPO, issues(true));
    expect(worth('2026-11-23T09:00:00Z')).toBe(open);
  });

  it("says a growth play's backlog is scheduled later, not empty, when all of it is", () => {
    const app = openStudio([
      issue(1, 'Dark mode', { milestone: Q2 }),
      issue(2, 'Comment threads', { milestone: Q2 }),
    ]);

    const plays = plan(app, 20).filter((t) => t.item === null && t.revenueImpact > 0);
    const lines = plays.flatMap((t) => t.reasoning).filter((l) => l.includes("Pagewise's backlog"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(
        /^What Pagewise's backlog has to close its revenue gap is scheduled after the target \(its 2 items, in a later GitHub milestone\): this play is worth up to /,
      );
    }
  });
});
