import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  build,
  fromBacklog,
  LEAD,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  useTeam,
} from './team.js';

// Quizzly sells classroom tests, $2,000 a month of a $5,000 target. Its twelve planned features,
// filed one after another, nobody estimated, none named by the goal or a focus area: the plan
// values them alike, as it should. A lead reading the batch wants to know that the order among
// them is not a judgement of value, how the plan ordered them (the one filed first, first: the
// request waiting longest), and how to put one ahead. Before, equal work came in the order of its
// keys as text, so features 10 to 12 went ahead of the second one filed.
const FEATURES = [
  'Question bank',
  'Timed sittings',
  'Printable answer sheets',
  'Seating plans',
  'Parent letters',
  'Marking rubrics',
  'Retake windows',
  'Accessibility fonts',
  'Class rosters import',
  'Bulk grade export',
  'Substitute access',
  'Sitting reminders',
];

const QUIZZLY: TeamSpec = {
  vision: {
    statement: 'Teachers spend less time on tests',
    primary_goal: 'Reach $5,000 MRR',
    focus_areas: ['assessment'],
    revenue_targets: { '2027-03': 5000 },
  },
  projects: [
    {
      name: 'Quizzly',
      revenueBearing: true,
      focus: ['assessment'],
      features: FEATURES.map((title) => [title, 'planned'] as [string, 'planned']),
    },
  ],
  revenue: [{ project: 'Quizzly', month: '2026-10', actual: 2000 }],
};

const tieLine = (t: PlannedTask) => t.reasoning.find((line) => /^Ties with/.test(line));

describe('work the plan values alike', () => {
  const team = useTeam();

  function quizzly(): Goalpost {
    const app = team.open();
    seedTeam(app, QUIZZLY);
    return app;
  }

  it('comes in the order it was filed, the request waiting longest first', () => {
    const backlog = plan(quizzly(), 5).filter(fromBacklog);
    expect(backlog.map((t) => t.title)).toEqual(FEATURES.slice(0, 5).map((f) => build(f, 'Quizzly')));
  });

  it('says on each card that it ties, how the tie was broken, and how to rank one ahead', () => {
    const app = quizzly();
    const backlog = plan(app, 5).filter(fromBacklog);
    const ids = app.projects.features(LEAD).map((f) => f.id);
    backlog.forEach((t, i) => {
      const line = tieLine(t);
      expect(line, t.title).toBeDefined();
      // The other eleven, proposed or cut by the cap alike.
      expect(line).toMatch(/^Ties with 11 other features of Quizzly at score \d/);
      expect(line).toContain('equal work comes in the order it was filed');
      expect(line).toContain(`goalpost feature priority ${ids[i]} high`);
    });
  });

  it('says of a feature that waits for another that ranking it high keeps what it waits for first', () => {
    const app = quizzly();
    const ids = app.projects.features(LEAD).map((f) => f.id);
    // Timed sittings needs the question bank first.
    app.items.setAfter(LEAD, ids[1], ids[0]);
    const backlog = plan(app, 5).filter(fromBacklog);
    const timed = backlog.find((t) => t.title === build('Timed sittings', 'Quizzly'));
    expect(tieLine(timed as PlannedTask)).toContain(
      `\`goalpost feature priority ${ids[1]} high\` ranks it ahead of its equals, after the work it waits for`,
    );
    expect(tieLine(backlog[0] as PlannedTask)).toMatch(/ranks it ahead of its equals$/);
    // And so it does: ranked high, it comes second, its question bank first.
    app.items.setPriority(LEAD, String(ids[1]), 'high');
    expect(
      plan(app, 5)
        .filter(fromBacklog)
        .slice(0, 2)
        .map((t) => t.title),
    ).toEqual([build('Question bank', 'Quizzly'), build('Timed sittings', 'Quizzly')]);
  });

  it('follows the team: a feature it ranks high leaves the tie and goes first', () => {
    const app = quizzly();
    const last = app.projects.features(LEAD).at(-1);
    if (last === undefined) throw new Error('no features');
    app.items.setPriority(LEAD, String(last.id), 'high');
    const backlog = plan(app, 5).filter(fromBacklog);
    expect(backlog[0]?.title).toBe(build('Sitting reminders', 'Quizzly'));
    expect(tieLine(backlog[0] as PlannedTask)).toBeUndefined();
    expect(backlog.slice(1).map((t) => t.title)).toEqual(
      FEATURES.slice(0, 4).map((f) => build(f, 'Quizzly')),
    );
    expect(tieLine(backlog[1] as PlannedTask)).toMatch(/^Ties with 10 other features of Quizzly/);
  });

  it('says nothing of a tie where there is none', () => {
    const app = quizzly();
    app.projects.addFeature(LEAD, 'Quizzly', { title: 'Exam season bundle', status: 'in_progress' });
    const tasks = plan(app, 15);
    const bundle = tasks.find((t) => t.title === `Finish 'Exam season bundle' for Quizzly`);
    expect(bundle).toBeDefined();
    expect(tieLine(bundle as PlannedTask)).toBeUndefined();
  });

  // A review's two features scored 17.57 and 17.56, both shown as 17.6: the second filed came
  // first, by a hundredth no card shows, and each card said it tied with one other. A lead reads
  // two equal scores as equal work, ordered as equal work is.
  it('is what a card shows alike: a score that differs only past its shown tenth ties', () => {
    const app = team.open();
    seedTeam(app, {
      ...QUIZZLY,
      projects: [{ ...(QUIZZLY.projects[0] as TeamSpec['projects'][0]), features: [] }],
    });
    // Forty hours and a minute beside forty: their scores part at the hundredth.
    app.projects.addFeature(LEAD, 'Quizzly', { title: 'Question bank', estimate: 40.02 });
    app.projects.addFeature(LEAD, 'Quizzly', { title: 'Timed sittings', estimate: 40 });
    const backlog = plan(app, 5).filter(fromBacklog);
    expect(backlog.map((t) => t.title)).toEqual([
      build('Question bank', 'Quizzly'),
      build('Timed sittings', 'Quizzly'),
    ]);
    const [first, second] = backlog as [PlannedTask, PlannedTask];
    expect(first.score).toBe(second.score);
    for (const t of backlog) expect(tieLine(t)).toMatch(/^Ties with 1 other feature of Quizzly at score /);
  });
});
