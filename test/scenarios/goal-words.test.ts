import { describe, expect, it } from 'vitest';
import { build, LEAD, NOW, own, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's invoicing product, named by the team's goal: "Dark mode" read 0.90 aligned and
// "Dunning emails for failed card payments" 0.80, both sharing only the product's name with the
// goal. Counted as a share of the title's words, the name weighed more in the short title, and
// each tenth of alignment is $90 of strategic value on a $45,000 target: the order came from how
// many words the team typed. A lead expects the goal's naming of a product to count for each of
// its items alike, and a title to gain only by words of its own that the goal shares.
const team = useTeam();

function invoicely() {
  const app = team.open(NOW);
  seedTeam(app, {
    vision: {
      statement: 'Grow Invoicely into the invoicing tool freelancers choose',
      primary_goal: 'Grow Invoicely to $45,000 MRR',
      focus_areas: ['billing'],
      revenue_targets: { '2027-06': 45000 },
    },
    projects: [
      {
        name: 'Invoicely',
        revenueBearing: true,
        focus: ['billing'],
        features: [
          ['Dark mode', 'planned'],
          ['Dunning emails for failed card payments', 'planned'],
          ['Recurring invoicing', 'planned'],
        ],
      },
    ],
    revenue: [{ project: 'Invoicely', month: '2026-10', actual: 38000 }],
  });
  return app;
}

const alignmentLine = (reasoning: readonly string[]) =>
  reasoning.find((l) => l.startsWith('Alignment')) ?? '';

describe("the goal's words in the work it names", () => {
  it('count a product the goal names alike for each of its items, whatever their titles run to', () => {
    const tasks = plan(invoicely());
    const dark = taskTitled(tasks, build('Dark mode', 'Invoicely'));
    const dunning = taskTitled(tasks, build('Dunning emails for failed card payments', 'Invoicely'));
    expect(dark.alignment).toBe(dunning.alignment);
    expect(alignmentLine(dark.reasoning)).toMatch(/its project's name shares 'invoicely' with the vision/);
    expect(alignmentLine(dunning.reasoning)).toContain(alignmentLine(dark.reasoning).split(' → ')[1]);
  });

  // The same review's goal said "by March 2027": "Carrier rate cards for 2027" read 1.00 aligned
  // beside "… for next year" at 0.85, and every dated playbook title ("… by 2027-03") gained too.
  it('are words, not the numbers of a date or a target', () => {
    const app = invoicely();
    app.vision.update(LEAD, { primary_goal: 'Grow Invoicely to 45000 MRR by March 2027' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Tax rates for 2027' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Tax rates for next year' });
    const tasks = plan(app, 10);
    const dated = taskTitled(tasks, build('Tax rates for 2027', 'Invoicely'));
    const undated = taskTitled(tasks, build('Tax rates for next year', 'Invoicely'));
    expect(dated.alignment).toBe(undated.alignment);
    expect(alignmentLine(dated.reasoning)).not.toContain("'2027'");
  });

  // A review's vision wanted "one platform for invoicing": a bug "Invoice totals off by one cent"
  // shared 'one' with it and read 1.00 aligned, above the same bug worded "by a cent".
  it('are words, not numbers spelled out', () => {
    const app = invoicely();
    app.vision.update(LEAD, {
      statement: 'One platform where freelancers do their invoicing, two clicks a day',
    });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Totals off by one cent in two views' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Totals off by a cent in some views' });
    const tasks = plan(app, 10);
    const spelled = taskTitled(tasks, build('Totals off by one cent in two views', 'Invoicely'));
    const plain = taskTitled(tasks, build('Totals off by a cent in some views', 'Invoicely'));
    expect(spelled.alignment).toBe(plain.alignment);
    expect(alignmentLine(spelled.reasoning)).not.toMatch(/'one'|'two'/);
  });

  it('are what the work is about, not the verbs of doing it', () => {
    // A review's vision said freelancers "run their invoicing" on Invoicely: every "Run an
    // experiment…" card shared 'run' with the goal, and gained alignment for it.
    const app = invoicely();
    app.vision.update(LEAD, { statement: 'Freelancers run and send their invoicing on Invoicely' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Run reports by client' });
    app.projects.addFeature(LEAD, 'Invoicely', { title: 'Reports by client' });
    const tasks = plan(app, 10);
    const run = taskTitled(tasks, build('Run reports by client', 'Invoicely'));
    const plain = taskTitled(tasks, build('Reports by client', 'Invoicely'));
    expect(run.alignment).toBe(plain.alignment);
    expect(alignmentLine(run.reasoning)).not.toContain("'run'");
    // A verb a product is about is a word of its goal: shipping, for a parcel service.
    const parcels = team.open(NOW);
    seedTeam(parcels, {
      vision: {
        statement: 'Every seller can ship and track parcels',
        primary_goal: 'Help online sellers ship parcels cheaply',
        focus_areas: ['growth'],
        revenue_targets: { '2027-06': 20000 },
      },
      projects: [
        {
          name: 'Parcelo',
          revenueBearing: true,
          focus: ['growth'],
          features: [['Ship to Canada', 'planned']],
        },
      ],
      revenue: [{ project: 'Parcelo', month: '2026-10', actual: 9000 }],
    });
    const canada = taskTitled(plan(parcels, 10), own('Ship to Canada', 'Parcelo'));
    expect(alignmentLine(canada.reasoning)).toContain("shares 'ship' with the vision");
  });

  it('rank a title above them by a word of its own the goal shares, and say which', () => {
    const tasks = plan(invoicely());
    const recurring = taskTitled(tasks, build('Recurring invoicing', 'Invoicely'));
    const dark = taskTitled(tasks, build('Dark mode', 'Invoicely'));
    expect(recurring.alignment).toBeGreaterThan(dark.alignment);
    expect(tasks[0]?.title).toBe(recurring.title);
    expect(alignmentLine(recurring.reasoning)).toMatch(
      /shares 'invoic\w*' with the vision, its project's name 'invoicely'/,
    );
  });

  // A review's vision wanted "the revenue" of agencies: the growth experiment "… toward Invoicely's
  // share of the revenue gap by 2027-06" shared 'revenue' with it by the words its template's
  // `{part}` puts in every such title, and each playbook's card claimed alignment for figures the
  // engine wrote, not for what the work is about.
  it("are the playbook's own words and what it names, not the figures of where things stand", () => {
    const app = team.open(NOW);
    seedTeam(app, {
      vision: {
        statement: 'Grow the revenue agencies bill in invoices through Invoicely, short of no target',
        primary_goal: 'Grow Invoicely to $45,000 MRR',
        focus_areas: ['billing'],
        revenue_targets: { '2027-06': 45000 },
      },
      projects: [{ name: 'Invoicely', revenueBearing: true, focus: ['billing'] }],
      revenue: [{ project: 'Invoicely', month: '2026-10', actual: 38000 }],
      goals: [
        {
          metric: 'paid_invoices',
          target: 900,
          unit: 'invoices',
          by: '2027-03-31',
          direction: 'up',
          baseline: 600,
          observed: [
            ['2026-10-01T09:00:00Z', 600],
            ['2026-11-01T09:00:00Z', 590],
          ],
        },
      ],
    });
    const tasks = plan(app, 10);
    const experiment = tasks.find((t) => t.playbookKey === 'growth.experiment');
    const diagnosis = tasks.find((t) => t.playbookKey === 'goal.diagnose');
    expect(experiment?.title).toMatch(/revenue gap/);
    expect(diagnosis?.title).toMatch(/short of its target/);
    for (const t of [experiment, diagnosis]) {
      const line = alignmentLine(t?.reasoning ?? []);
      expect(line).not.toMatch(/'revenue'|'gap'|'share'|'short'|'target'/);
    }
    // What they name is theirs: the product, the goal's metric.
    expect(alignmentLine(experiment?.reasoning ?? [])).toContain("its project's name shares 'invoicely'");
    expect(alignmentLine(diagnosis?.reasoning ?? [])).toContain("'invoice'");
  });
});
