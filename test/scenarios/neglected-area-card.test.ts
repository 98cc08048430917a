import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// A studio's writing app works on two of its three focus areas, retention and payments, and
// nothing has been done on either lately. A lead reading a card checks that what it says the task
// works on is one thing: a payments page is payments work, not retention work too; and work on
// both says so once, not in the same sentence twice.
const SPEC: TeamSpec = {
  vision: {
    statement: 'A small studio of useful, profitable writing and finance tools',
    primary_goal: 'Grow studio MRR to $8.5k',
    focus_areas: ['retention', 'payments', 'launch'],
    revenue_targets: { '2027-03': 8500 },
  },
  projects: [
    {
      name: 'Inkwell',
      revenueBearing: true,
      focus: ['retention', 'payments'],
      features: [
        ['Team workspaces with shared folders', 'planned'],
        ['Payments retry page', 'planned'],
      ],
    },
    {
      name: 'Tallyo',
      revenueBearing: true,
      focus: ['launch'],
      features: [['Recurring invoices', 'planned']],
    },
  ],
  revenue: [
    { project: 'Inkwell', month: '2026-10', actual: 6000 },
    { project: 'Tallyo', month: '2026-10', actual: 800 },
  ],
};

/** The neglected focus areas a card says its task works on, and the one its alignment counts. */
function areasOf(reasoning: readonly string[]): { neglected: string[]; aligned: string | undefined } {
  return {
    // Several in one line: `works on retention or payments (focus areas 1 and 2 of 3)`.
    neglected: reasoning.flatMap(
      (l) => /, works on ([\w, ]+?) \(focus areas? /.exec(l)?.[1]?.split(/, | or /) ?? [],
    ),
    aligned: reasoning.map((l) => /^Alignment [\d.]+: (\w+) is focus area/.exec(l)?.[1]).find(Boolean),
  };
}

/** A batch saved for decisions, as the digest posts it. */
const saved = (app: Goalpost) => app.engine.generate(LEAD, { maxTasks: 5 }).tasks as PlannedTask[];

describe('a neglected focus area on the card of a project of several', () => {
  const team = useTeam();

  it('is not said of a task whose title names another area of its project', () => {
    const app = team.open();
    seedTeam(app, SPEC);
    const tasks = plan(app, 5);
    const payments = areasOf(taskTitled(tasks, build('Payments retry page', 'Inkwell')).reasoning);
    expect(payments).toEqual({ neglected: ['payments'], aligned: 'payments' });
    // A title naming no area may be work on either: the project answers both, and says so.
    const card = taskTitled(tasks, build('Team workspaces with shared folders', 'Inkwell')).reasoning;
    expect(areasOf(card).neglected).toEqual(['retention', 'payments']);
    // Once, not a line each: every item of the product serves both, on every card of the batch.
    expect(card.filter((l) => l.startsWith('No task approved or under way'))).toEqual([
      'No task approved or under way, and none done or tried in the last 14 days, works on retention or payments (focus areas 1 and 2 of 3)',
    ]);
  });

  // A review's Auth Service (reliability, security) shipped MFA and key rotation, counted as
  // reliability work, and the next plan said security had not been worked on in 14 days.
  it('counts work naming no area of its project for each of them, and named work for its own', () => {
    for (const [finished, stillNeglected] of [
      ['Team workspaces with shared folders', ['launch']],
      ['Payments retry page', ['retention', 'launch']],
    ] as const) {
      const app = team.open();
      seedTeam(app, SPEC);
      expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['retention', 'payments', 'launch']);
      const first = taskTitled(saved(app), build(finished, 'Inkwell'));
      app.decisions.decide(LEAD, { ref: first.ref ?? '', action: 'approve' });
      // Approved, it is work on the area already; done, it stays work on it for 14 days.
      expect(app.engine.state(LEAD).neglectedFocusAreas, finished).toEqual(stillNeglected);
      for (const action of ['start', 'done'] as const)
        app.decisions.decide(LEAD, { ref: first.ref ?? '', action });
      expect(app.engine.state(LEAD).neglectedFocusAreas, finished).toEqual(stillNeglected);
    }
  });

  // A review: the churn goal's research, a playbook's task on Inkwell counted for retention, was
  // taken for work on payments too. A playbook's or a goal's task says its own area.
  it('counts a playbook’s task for its own area alone', () => {
    const app = team.open();
    seedTeam(app, {
      ...SPEC,
      revenue: [
        { project: 'Inkwell', month: '2026-09', actual: 6000, churn: 0.03 },
        { project: 'Inkwell', month: '2026-10', actual: 6000, churn: 0.06 },
        { project: 'Tallyo', month: '2026-10', actual: 800 },
      ],
    });
    const research = saved(app).find(
      (t) => t.item === null && t.projectName === 'Inkwell' && t.focusArea === 'retention',
    );
    expect(research, 'a playbook task on Inkwell for retention').toBeDefined();
    app.decisions.decide(LEAD, { ref: research?.ref ?? '', action: 'approve' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['payments', 'launch']);
    for (const action of ['start', 'done'] as const)
      app.decisions.decide(LEAD, { ref: research?.ref ?? '', action });
    expect(app.engine.state(LEAD).neglectedFocusAreas).toEqual(['payments', 'launch']);
  });

  it('stays on the cards of the items that name no area, when none names it', () => {
    const app = team.open();
    seedTeam(app, {
      ...SPEC,
      projects: SPEC.projects.map((p) =>
        p.name === 'Inkwell'
          ? {
              ...p,
              features: [
                ['Team workspaces with shared folders', 'planned'],
                ['Annual billing plans', 'planned'],
              ],
            }
          : p,
      ),
    });
    const inkwell = plan(app, 8).filter((t) => t.projectName === 'Inkwell');
    expect(inkwell.length).toBeGreaterThan(0);
    for (const t of inkwell) expect(areasOf(t.reasoning).neglected).toContain('payments');
  });
});
