import { describe, expect, it } from 'vitest';
import {
  build,
  fix,
  LEAD,
  lines,
  type ProjectSpec,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  useTeam,
} from './team.js';

// A review's team typed Tallyo's revenue to October and then nothing: on 5 January its October
// record was too old to count, and the plan counted an $11,500/month product as earning nothing.
// Its two-day feature went from $2,333 to $10,000/month, the batch from $5,800 to $15,000, and its
// high bug read "no revenue rides on it", with not a word of why. `state` said the record was too
// old; the plan a lead reads did not. A lead expects the plan to say what it did not count, and how
// to give it the figure.
/** Tallyo, the vision's one product, with `backlog`, on a vision of `targets`. */
function tallyoTeam(
  targets: Record<string, number>,
  backlog: Pick<ProjectSpec, 'features' | 'bugs'>,
  more: Pick<TeamSpec, 'revenue' | 'goals'> = {},
): TeamSpec {
  const statement = 'The time tracker agencies rely on';
  return {
    vision: { statement, primary_goal: statement, focus_areas: ['growth'], revenue_targets: targets },
    projects: [{ name: 'Tallyo', revenueBearing: true, focus: ['growth'], ...backlog }],
    ...more,
  };
}

const PDF = 'Invoice PDF totals wrong';

describe('a product whose revenue was last recorded months ago', () => {
  const team = useTeam();

  function tallyo(now: string) {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(
      app,
      tallyoTeam(
        { '2027-06': 15000 },
        { features: [['Slack integration', 'planned']], bugs: [['Timer stops when laptop sleeps', 'high']] },
        {
          revenue: [
            { project: 'Tallyo', month: '2026-09', actual: 11000 },
            { project: 'Tallyo', month: '2026-10', actual: 11500 },
          ],
        },
      ),
    );
    return plan(team.reopen(now), 10);
  }

  it("says on the bug's card that what the product earns is not known, and how to record it", () => {
    const bug = taskTitled(tallyo('2027-01-05T09:00:00Z'), fix('Timer stops when laptop sleeps', 'Tallyo'));
    const why = bug.reasoning.join('\n');
    expect(why).not.toContain('no revenue rides on it');
    // The gap counts Tallyo as earning nothing: the bug threatens what it is to win, as before launch.
    expect(bug.reasoning[0]).toBe(
      'Fixing this high bug protects up to $2,500/month of what Tallyo is to win by its revenue target; none of what Tallyo earns is counted, as that is not known.',
    );
    expect(why).toContain(
      'What Tallyo earns now is not known: Tallyo\'s latest revenue, $11,500/month for 2026-10, is too old to count as now, so a fix protects none of it; record the latest month (`goalpost revenue add <amount> --month 2026-12 --project "Tallyo"`)',
    );
  });

  it("says on the gap's cards that the gap counts the product as earning nothing", () => {
    const feature = taskTitled(tallyo('2027-01-05T09:00:00Z'), build('Slack integration', 'Tallyo'));
    expect(lines([feature]).join('\n')).toContain(
      'Tallyo\'s latest revenue, $11,500/month for 2026-10, is too old to count as now, so the gap counts it as earning nothing (record the latest month: `goalpost revenue add <amount> --month 2026-12 --project "Tallyo"`)',
    );
  });

  it('says nothing of it while the record still counts', () => {
    const tasks = tallyo('2026-12-28T09:00:00Z');
    expect(lines(tasks).join('\n')).not.toContain('too old to count');
  });

  // A second review: the fix named a month older than the weekly record, and was refused as
  // overlapping it; a bug linked to a goal still read "no revenue rides on it"; revenue recorded
  // for no product left the bug's card silent; and past the milestone, the note was gone.
  it('names the latest period of the length recorded, which the CLI takes', async () => {
    const app = team.open('2026-11-01T09:00:00Z');
    seedTeam(app, tallyoTeam({ '2027-06': 15000 }, { bugs: [[PDF, 'high']] }));
    app.revenue.add(LEAD, { project: 'Tallyo', from: '2026-10-25', to: '2026-10-31', actual: 2700 });
    app.revenue.add(LEAD, { project: 'Tallyo', from: '2026-11-01', to: '2026-11-07', actual: 2800 });
    const bug = taskTitled(plan(team.reopen('2026-11-25T09:00:00Z'), 10), fix(PDF, 'Tallyo'));
    expect(bug.reasoning.join('\n')).toContain(
      'record the latest period (`goalpost revenue add <amount> --from 2026-11-18 --to 2026-11-24 --project "Tallyo"`)',
    );
    const later = team.reopen('2026-11-25T09:00:00Z');
    later.revenue.add(LEAD, { project: 'Tallyo', from: '2026-11-18', to: '2026-11-24', actual: 2900 });
    expect(lines(plan(later, 10)).join('\n')).not.toContain('too old to count');
  });

  it('says so of revenue recorded for no product, on the bug and on the work sharing the gap', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(
      app,
      tallyoTeam(
        { '2027-06': 15000 },
        { features: [['Recurring invoices', 'planned']], bugs: [[PDF, 'high']] },
      ),
    );
    app.revenue.add(LEAD, { actual: 21000, from: '2026-08-01', to: '2026-08-31' });
    const tasks = plan(app, 10);
    const bug = taskTitled(tasks, fix(PDF, 'Tallyo'));
    // The gap counts Tallyo as earning nothing: the bug threatens what it is to win, as before launch.
    expect(bug.reasoning[0]).toBe(
      'Fixing this high bug protects up to $2,500/month of what Tallyo is to win by its revenue target; none of what Tallyo earns is counted, as that is not known.',
    );
    expect(bug.reasoning.join('\n')).toContain(
      'What Tallyo earns is not known: the workspace\'s latest revenue, $21,000/month for 2026-08, is too old to count as now and is recorded for no product, so a fix protects none of it; record it by product (`goalpost revenue add <amount> --month 2026-10 --project "Tallyo"`)',
    );
    expect(lines([taskTitled(tasks, build('Recurring invoices', 'Tallyo'))]).join('\n')).toContain(
      "; the workspace's latest revenue, $21,000/month for 2026-08, is too old to count as now, so the gap counts none of it",
    );
  });

  it('says so on a bug linked to a goal, beside what the goal makes it worth', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(
      app,
      tallyoTeam(
        { '2027-06': 15000 },
        {},
        {
          revenue: [{ project: 'Tallyo', month: '2026-08', actual: 11500 }],
          goals: [
            {
              metric: 'nps',
              target: 50,
              unit: '',
              by: '2027-06-30',
              direction: 'up',
              baseline: 30,
              observed: [
                ['2026-10-01', 30],
                ['2026-11-01', 29],
              ],
            },
          ],
        },
      ),
    );
    app.projects.addBug(LEAD, 'Tallyo', { title: PDF, severity: 'high', goal: 'nps' });
    const bug = taskTitled(plan(app, 10), fix(PDF, 'Tallyo'));
    expect(bug.reasoning[0]).toMatch(
      /^Fixing this high bug protects up to \$[\d,]+\/month of what Tallyo is to win by its revenue target, and is worth about \$[\d,]+\/month toward its goal; none of what Tallyo earns is counted, as that is not known\.$/,
    );
  });

  // A third review: a churn goal's work, valued on the MRR closing it keeps, read a share of the
  // whole target the morning Tallyo's record grew too old, seven times the dollars, and said
  // nothing of why.
  it("says so on a goal's work valued on the gap the stale record left whole", () => {
    const app = team.open('2026-10-26T10:00:00Z');
    seedTeam(
      app,
      tallyoTeam(
        { '2026-12': 15000 },
        {},
        {
          revenue: [{ project: 'Tallyo', month: '2026-08', actual: 11500 }],
          goals: [
            {
              metric: 'churn_rate',
              target: 3,
              unit: '%',
              by: '2026-12-31',
              direction: 'down',
              baseline: 5,
              observed: [
                ['2026-08-31', 5],
                ['2026-09-28', 4.6],
                ['2026-10-26', 4.5],
              ],
            },
          ],
        },
      ),
    );
    const goalValue = (now: string) =>
      plan(team.reopen(now), 10)
        .filter((t) => t.goalId !== null)
        .map((t) => t.reasoning.find((l) => l.startsWith('Goal value')) ?? '')[0] ?? '';
    expect(goalValue('2026-10-27T09:00:00Z')).toMatch(/keep \$[\d.,]+ more of the \$11,500 MRR/);
    const stale = goalValue('2026-11-02T09:00:00Z');
    expect(stale).toContain('still to win by the 2026-12 revenue target');
    expect(stale).toContain(
      'Tallyo\'s latest revenue, $11,500/month for 2026-08, is too old to count as now, so the gap counts it as earning nothing (record the latest month: `goalpost revenue add <amount> --month 2026-10 --project "Tallyo"`)',
    );
  });

  it('says so once the milestone has passed', () => {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(
      app,
      tallyoTeam(
        { '2026-12': 23000 },
        { features: [['Recurring invoices', 'planned']] },
        { revenue: [{ project: 'Tallyo', month: '2026-11', actual: 12600 }] },
      ),
    );
    const feature = taskTitled(
      plan(team.reopen('2027-02-10T09:00:00Z'), 10),
      build('Recurring invoices', 'Tallyo'),
    );
    expect(feature.reasoning.join('\n')).toMatch(
      /which has passed \(0% reached\), and no later milestone is set; Tallyo's latest revenue, \$12,600\/month for 2026-11, is too old to count as now/,
    );
  });
});
