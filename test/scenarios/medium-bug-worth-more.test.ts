import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import {
  build,
  fix,
  LEAD,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  titles,
  useTeam,
} from './team.js';

// Ledgerline sells bookkeeping to small firms: $23,100 in October, $23,400 in November, $30,000 the
// target for June. Its backlog: a QuickBooks integration (two weeks), a custom report builder (a
// week), mobile receipt capture (three days), and a medium bug: the bank feed duplicates
// transactions when a customer reconnects. A lead's review found the bug, a half-day fix
// protecting 5% of $23,400 ($1,170 a month) with the best score of the backlog, cut from a batch of
// three for the two-week integration scoring fifteen times less: medium bugs came after all growth
// work, whatever they protect. A lead fixes what costs $1,170 a month in half a day first. On a
// product earning a sixth of that, the same bug protects less than a day of growth work wins, and
// waits for the work that closes the gap.
const PRODUCT = 'Ledgerline';
const BANK_FEED = fix('Bank feed duplicates transactions on reconnect', PRODUCT);
const QUICKBOOKS = build('QuickBooks integration', PRODUCT);
const REPORTS = build('Custom report builder', PRODUCT);
const RECEIPTS = build('Mobile receipt capture', PRODUCT);

function ledgerline(earning: [number, number]): TeamSpec {
  return {
    vision: {
      statement: 'Ledgerline: the bookkeeping small firms keep',
      primary_goal: 'Reach $30,000 MRR by June',
      focus_areas: ['retention', 'integrations'],
      revenue_targets: { '2027-06': 30_000 },
    },
    projects: [{ name: PRODUCT, revenueBearing: true, focus: ['retention', 'integrations'] }],
    revenue: [
      { project: PRODUCT, month: '2026-10', actual: earning[0], subscriptions: 300 },
      { project: PRODUCT, month: '2026-11', actual: earning[1], subscriptions: 300 },
    ],
  };
}

function seeded(app: Goalpost, earning: [number, number]): void {
  seedTeam(app, ledgerline(earning));
  app.projects.addFeature(LEAD, PRODUCT, { title: 'QuickBooks integration', estimate: '2w' });
  app.projects.addFeature(LEAD, PRODUCT, { title: 'Custom report builder', estimate: '1w' });
  app.projects.addFeature(LEAD, PRODUCT, { title: 'Mobile receipt capture', estimate: '3d' });
  app.projects.addBug(LEAD, PRODUCT, {
    title: 'Bank feed duplicates transactions on reconnect',
    severity: 'medium',
  });
}

const said = (t: PlannedTask) => t.reasoning.join('\n');

describe('a medium bug that protects more than growth work claims', () => {
  const team = useTeam();

  it('is fixed in a batch of three, before the two-week integration, and says why', () => {
    const app = team.open('2026-12-01T10:00:00Z');
    seeded(app, [23_100, 23_400]);

    const three = plan(app, 3);
    expect(titles(three)).toContain(BANK_FEED);
    expect(titles(three)).not.toContain(QUICKBOOKS);
    const bug = taskTitled(three, BANK_FEED);
    // It is valued as before: 5% of what the product earns, a guess by its severity.
    expect(bug.revenueImpact).toBe(1_170);
    // The best score leads the batch, and nothing lowered it.
    expect(three[0]?.title).toBe(BANK_FEED);
    expect(said(bug)).not.toMatch(/comes after the real work/);
    // Its card gives the comparison: the gap's $6,600 over 13 feature-sizes of work is $508 each.
    expect(said(bug)).toMatch(
      /Real work, not a fill-in: it protects \$1,170\/month, more than a feature-size of growth work claims of the revenue gap \(\$508\/month\)/,
    );
  });

  it('waits for the growth work on a product where it protects less than a feature-size claims', () => {
    const app = team.open('2026-12-01T10:00:00Z');
    // $4,000 a month: the bug protects $200 of it and $870 of what the product is to win; a
    // feature-size of the $26,000 gap claims $2,000.
    seeded(app, [3_900, 4_000]);

    const three = plan(app, 3);
    expect(titles(three)).toEqual(expect.arrayContaining([QUICKBOOKS, REPORTS, RECEIPTS]));
    expect(titles(three)).not.toContain(BANK_FEED);
    const bug = taskTitled(plan(app, 4), BANK_FEED);
    expect(bug.revenueImpact).toBeGreaterThan(1_000);
    expect(bug.revenueImpact).toBeLessThan(2_000);
    expect(said(bug)).toMatch(/A medium bug comes after the real work/);
    expect(said(bug)).not.toMatch(/Real work, not a fill-in/);
  });

  // A team fixes its product's worse bugs first: on Crewline's board, a case-sensitive sort (a
  // medium bug of a product earning $14,200) outranked a second product's high bug, payouts missing
  // from a report, on a guess of 5 % by its severity.
  it('waits for the growth work while its product has a high bug open', () => {
    const app = team.open('2026-12-01T10:00:00Z');
    seeded(app, [23_100, 23_400]);
    app.projects.addBug(LEAD, PRODUCT, { title: 'Reconciliation report drops refunds', severity: 'high' });

    const four = plan(app, 4);
    expect(titles(four)).toContain(fix('Reconciliation report drops refunds', PRODUCT));
    expect(titles(four)).not.toContain(BANK_FEED);
    const bug = taskTitled(plan(app, 5), BANK_FEED);
    expect(said(bug)).toMatch(/A medium bug comes after the real work/);
    expect(said(bug)).not.toMatch(/Real work, not a fill-in/);
  });
});
