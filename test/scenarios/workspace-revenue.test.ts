import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { fix, LEAD, lines, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's team typed its revenue without `--project`: $4,200 for November, recorded for the
// workspace. Its critical bug "Login fails for SSO users" protected nothing of it, and a medium
// bug read "no revenue rides on it" — on the product that earns all of it. A lead expects the card
// to say why (what the product earns is not known) and how to say it, and, once the revenue is
// recorded by product, the fix to protect its part of it.
const NOW = '2026-12-05T09:00:00Z';
const SSO = 'Login fails for SSO users';
const CENT = 'PDF totals off by a cent';

/** Tallyo and its docs site, November's $4,200 recorded for Tallyo when `byProduct`, else for the workspace. */
function seedTallyo(app: Goalpost, byProduct: boolean): void {
  seedTeam(app, {
    vision: {
      statement: 'Invoicing agencies love',
      primary_goal: 'Invoicing agencies love',
      focus_areas: ['billing'],
      revenue_targets: { '2027-06': 10000 },
    },
    projects: [
      {
        name: 'Tallyo',
        revenueBearing: true,
        focus: ['billing'],
        features: [['Recurring invoices', 'planned']],
        bugs: [
          [SSO, 'critical'],
          [CENT, 'medium'],
        ],
      },
      { name: 'Docs site', focus: ['billing'], bugs: [['Search box overlaps the logo', 'medium']] },
    ],
  });
  const november = { from: '2026-11-01', to: '2026-11-30', actual: 4200 };
  app.revenue.add(LEAD, byProduct ? { ...november, project: 'Tallyo' } : november);
}

describe('revenue recorded for the workspace, not a product', () => {
  const team = useTeam();

  it("says on a revenue-bearing product's bug cards why they protect none of it, and how to record it", () => {
    const app = team.open(NOW);
    seedTallyo(app, false);
    const tasks = plan(app, 10);
    const note =
      'What Tallyo earns is not known: the $4,200/month of 2026-11 is recorded for no product, so a fix protects none of it; record it by product instead (`goalpost revenue remove --from 2026-11-01 --to 2026-11-30`, then `goalpost revenue add <amount> --month 2026-11 --project "Tallyo"`)';
    for (const title of [fix(SSO, 'Tallyo'), fix(CENT, 'Tallyo')])
      expect(taskTitled(tasks, title).reasoning).toContain(note);
    // A product that earns nothing by design has nothing to record.
    const docs = tasks.find((t) => t.projectName === 'Docs site');
    if (docs !== undefined) expect(docs.reasoning.join('\n')).not.toMatch(/is not known/);
    expect(lines(tasks.filter((t) => t.category !== 'bugfix')).join('\n')).not.toMatch(/is not known/);
    // Both commands it names are real and do what it says.
    app.revenue.remove(LEAD, { from: '2026-11-01', to: '2026-11-30' });
    app.revenue.add(LEAD, { project: 'Tallyo', from: '2026-11-01', to: '2026-11-30', actual: 4200 });
    const after = plan(app, 10);
    const sso = taskTitled(after, fix(SSO, 'Tallyo'));
    expect(sso.reasoning.join('\n')).not.toMatch(/is not known/);
    expect(sso.reasoning.join('\n')).toMatch(/of the \$4,200\/month Tallyo earns/);
  });

  it('says nothing of it once the revenue is recorded by product', () => {
    const app = team.open(NOW);
    seedTallyo(app, true);
    const tasks = plan(app, 10);
    expect(lines(tasks).join('\n')).not.toMatch(/is not known/);
    expect(taskTitled(tasks, fix(SSO, 'Tallyo')).revenueImpact).toBeGreaterThan(2000);
  });
});
