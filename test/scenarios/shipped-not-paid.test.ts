import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  build,
  LEAD,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  titles,
  useTeam,
} from './team.js';

// Tallybook earns $1,200 a month and the team needs $3,000 by February: three features are to win
// the $1,800 between. The day one of them ships, nobody has paid for it yet, and the gap is as
// wide as it was; the two left are not worth half as much again overnight (the lead would see
// "Client portal +$600" on Friday and "+$900" on Monday for the same work). Until a revenue period
// after the shipping is recorded, the shipped feature keeps the part it was counted on; once one
// is, the revenue shows what it won and the gap left is shared by the work still open.
const TALLYBOOK = 'Tallybook';
const INKWELL = 'Inkwell';
const RECURRING = build('Recurring invoices', TALLYBOOK);
const CURRENCY = build('Multi-currency', TALLYBOOK);
const PORTAL = build('Client portal', TALLYBOOK);
const FRIDAY = '2026-11-20T09:00:00Z';
const MONDAY = '2026-11-23T09:00:00Z';

const spec = (withInkwell: boolean): TeamSpec => ({
  vision: {
    statement: 'Invoicing and writing tools small firms pay for',
    primary_goal: 'Reach $3,000 MRR by February',
    focus_areas: ['growth'],
    revenue_targets: { '2027-02': 3000 },
  },
  projects: [
    {
      name: TALLYBOOK,
      revenueBearing: true,
      focus: ['growth'],
      features: [
        ['Recurring invoices', 'planned'],
        ['Multi-currency', 'planned'],
        ['Client portal', 'planned'],
      ],
    },
    ...(withInkwell
      ? [
          {
            name: INKWELL,
            revenueBearing: true,
            focus: ['growth'],
            features: [
              ['Team workspaces', 'planned'],
              ['Offline drafts', 'planned'],
              ['Comment threads', 'planned'],
            ] as Array<[string, 'planned']>,
          },
        ]
      : []),
  ],
  revenue: [
    { project: TALLYBOOK, month: '2026-10', actual: withInkwell ? 600 : 1200 },
    ...(withInkwell ? [{ project: INKWELL, month: '2026-10', actual: 600 }] : []),
  ],
});

const value = (tasks: readonly PlannedTask[], title: string) => taskTitled(tasks, title).revenueImpact;

function ship(app: Goalpost, title: string): void {
  const feature = app.projects.features(LEAD).find((f) => f.title === title);
  app.items.setFeatureStatus(LEAD, feature?.id, 'done');
}

describe('shipped work keeps its part of the gap until its revenue is in', () => {
  const team = useTeam();

  it('does not make the rest of the product worth more the day one feature ships', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    const before = plan(friday);
    for (const t of [RECURRING, CURRENCY, PORTAL]) expect(value(before, t)).toBe(600);
    ship(friday, 'Recurring invoices');

    const monday = plan(team.reopen(MONDAY));
    expect(titles(monday)).not.toContain(RECURRING);
    expect(value(monday, CURRENCY)).toBe(600);
    expect(value(monday, PORTAL)).toBe(600);
    // The card says where the rest of the gap went.
    const line = taskTitled(monday, PORTAL).reasoning.find((l) => l.startsWith('Revenue $600/month'));
    expect(line).toMatch(/1 of 2 open items sharing \$1,200\/month of the \$1,800\/month gap/);
    expect(line).toMatch(/\$600 is counted on the 1 item Tallybook shipped on 2026-11-20/);
    expect(taskTitled(monday, PORTAL).reasoning.join('\n')).toContain(
      "Tallybook's open work carries $1,200 of it, and $600 is counted on what it shipped",
    );
  });

  // A review read "Shiftcast's open work carries $100 of it" on a playbook's card, of a product
  // that had shipped everything it had open.
  it('says what is left of the part of a product that shipped all it had open', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    for (const t of ['Recurring invoices', 'Multi-currency', 'Client portal']) ship(friday, t);
    const lines = plan(team.reopen(MONDAY)).flatMap((t) => t.reasoning);
    expect(lines.some((l) => l.includes("Tallybook's open work carries"))).toBe(false);
    expect(lines.join('\n')).toMatch(
      /\$[\d,]+ of Tallybook's part is counted on what it shipped, and \$[\d,]+ is left, with nothing of its backlog open to win it/,
    );
  });

  it('reads features typed in as done as the product’s history, not as shipped that day', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    for (const title of ['Invoice PDFs', 'Client list', 'Tax rates'])
      friday.projects.addFeature(LEAD, TALLYBOOK, { title, status: 'done' });
    const values = plan(team.reopen(MONDAY));
    for (const t of [RECURRING, CURRENCY, PORTAL]) expect(value(values, t)).toBe(600);
    expect(values.flatMap((t) => t.reasoning).join('\n')).not.toMatch(/shipped/);
  });

  it('keeps the day a feature shipped when it is edited later', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    ship(friday, 'Recurring invoices');
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    const feature = saturday.projects.features(LEAD).find((f) => f.title === 'Recurring invoices');
    saturday.items.setFeatureUpkeep(LEAD, feature?.id, true);
    saturday.items.setFeatureUpkeep(LEAD, feature?.id, false);
    const line = taskTitled(plan(team.reopen(MONDAY)), PORTAL).reasoning.find((l) => l.startsWith('Revenue'));
    expect(line).toMatch(/the 1 item Tallybook shipped on 2026-11-20/);
  });

  it('does not move the gap to another product either', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(true));
    const before = plan(friday, 10);
    // $1,800 over six items of two products alike.
    expect(value(before, build('Team workspaces', INKWELL))).toBe(300);
    expect(value(before, PORTAL)).toBe(300);
    ship(friday, 'Recurring invoices');
    const monday = plan(team.reopen(MONDAY), 10);
    expect(value(monday, build('Team workspaces', INKWELL))).toBe(300);
    expect(value(monday, PORTAL)).toBe(300);
  });

  it('shares the gap left among the open work once a period after the shipping is recorded', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    ship(friday, 'Recurring invoices');
    // November began before the shipping: its revenue is not a month of the feature yet.
    const december = team.reopen('2026-12-02T09:00:00Z');
    december.revenue.add(LEAD, { project: TALLYBOOK, from: '2026-11-01', to: '2026-11-30', actual: 1300 });
    expect(value(plan(december), PORTAL)).toBe(566.66);
    // December is: what the feature won is in the revenue, and the $1,500 left is the others'.
    const january = team.reopen('2027-01-02T09:00:00Z');
    january.revenue.add(LEAD, { project: TALLYBOOK, from: '2026-12-01', to: '2026-12-31', actual: 1500 });
    const after = plan(january);
    expect(value(after, CURRENCY)).toBe(750);
    expect(value(after, PORTAL)).toBe(750);
    expect(taskTitled(after, PORTAL).reasoning.join('\n')).not.toMatch(/shipped/);
  });

  it('stops counting on shipped work after two months with no revenue recorded', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    ship(friday, 'Recurring invoices');
    // November's revenue, flat, is recorded; it began before the shipping, and nothing since.
    const december = team.reopen('2026-12-02T09:00:00Z');
    december.revenue.add(LEAD, { project: TALLYBOOK, from: '2026-11-01', to: '2026-11-30', actual: 1200 });
    expect(value(plan(team.reopen('2027-01-19T09:00:00Z')), PORTAL)).toBe(600);
    expect(value(plan(team.reopen('2027-01-22T09:00:00Z')), PORTAL)).toBe(900);
  });

  it('leaves growth experiments only the part shipped work is not counted on', () => {
    const friday = team.open(FRIDAY);
    seedTeam(friday, spec(false));
    for (const title of ['Recurring invoices', 'Multi-currency', 'Client portal']) ship(friday, title);
    const monday = plan(team.reopen(MONDAY));
    const experiments = monday.filter((t) => t.projectName === TALLYBOOK);
    expect(experiments.length).toBeGreaterThan(0);
    // The three shipped features are counted on for three quarters of the $1,800; the product's
    // next experiments aim at the quarter left, not at the whole gap again.
    for (const t of experiments) {
      expect(t.title).toBe(
        "Run a user-acquisition experiment toward Tallybook's share of the revenue gap by 2027-02",
      );
      expect(t.reasoning.join('\n')).toContain('claims 10% of $450/month of the $1,800/month gap');
      expect(t.reasoning.join('\n')).toMatch(/the other \$1,350 is counted on the 3 items Tallybook shipped/);
    }
  });
});
