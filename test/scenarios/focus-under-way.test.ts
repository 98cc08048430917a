import { describe, expect, it } from 'vitest';
import { build, finish, LEAD, lines, plan, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// Ledgerly is building payroll: its run engine is in progress by the team's word, with no task of
// Goalpost's on it yet. Payroll work is under way, so a card proposing to finish the engine must
// not also say nothing works on payroll; reporting, whose features are all planned, and security,
// where only a chore is in progress, are neglected, and their cards say so.
const PAYROLL = 'Ledgerly Payroll';
const REPORTS = 'Ledgerly Reports';
const OPS = 'Ledgerly Ops';

const LEDGERLY: TeamSpec = {
  vision: {
    statement: 'Small firms run their books and payroll in one place',
    primary_goal: 'Launch payroll to our invoicing customers',
    focus_areas: ['payroll_launch', 'reporting', 'security'],
    revenue_targets: { '2027-03': 12_000 },
  },
  projects: [
    {
      name: PAYROLL,
      revenueBearing: true,
      focus: ['payroll_launch'],
      features: [
        ['Payroll run engine', 'in_progress'],
        ['Direct deposit via ACH', 'planned'],
      ],
    },
    { name: REPORTS, focus: ['reporting'], features: [['Profit and loss report', 'planned']] },
    { name: OPS, focus: ['security'], features: [['Single sign-on for admins', 'planned']] },
  ],
};

const neglects = (area: string) => new RegExp(`^No task approved or under way.* works on ${area} \\(`);

describe('a focus area with a feature in progress', () => {
  const team = useTeam();

  it('is not called neglected on the card that finishes it, nor on its other work', () => {
    const app = team.open();
    seedTeam(app, LEDGERLY);
    // A chore in progress keeps things running; it is no work on the area the vision wants moved.
    app.projects.addFeature(LEAD, OPS, { title: 'Upgrade Node to 22', status: 'in_progress', upkeep: true });
    const batch = plan(app, 10);
    const engine = taskTitled(batch, finish('Payroll run engine', PAYROLL));
    expect(engine.reasoning).toContainEqual(expect.stringMatching(/^Effort .*in progress/));
    expect(engine.reasoning.filter((l) => neglects('payroll_launch').test(l))).toEqual([]);
    expect(lines(batch).filter((l) => neglects('payroll_launch').test(l))).toEqual([]);
    // Planned work alone is nothing under way: reporting and security are still neglected.
    expect(taskTitled(batch, build('Profit and loss report', REPORTS)).reasoning).toContainEqual(
      expect.stringMatching(neglects('reporting')),
    );
    expect(taskTitled(batch, build('Single sign-on for admins', OPS)).reasoning).toContainEqual(
      expect.stringMatching(neglects('security')),
    );
  });

  it('is neglected again once the feature in progress is paused with its project', () => {
    const app = team.open();
    seedTeam(app, {
      ...LEDGERLY,
      projects: [{ ...LEDGERLY.projects[0], status: 'paused' } as never, ...LEDGERLY.projects.slice(1)],
    });
    app.projects.add(LEAD, {
      name: 'Ledgerly Payroll Beta',
      focus: ['payroll_launch'],
      revenueBearing: false,
    });
    app.projects.addFeature(LEAD, 'Ledgerly Payroll Beta', { title: 'Beta signup form', status: 'planned' });
    const batch = plan(app, 10);
    expect(taskTitled(batch, build('Beta signup form', 'Ledgerly Payroll Beta')).reasoning).toContainEqual(
      expect.stringMatching(neglects('payroll_launch')),
    );
  });
});
