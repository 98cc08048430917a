import { describe, expect, it } from 'vitest';
import { renderTransition } from '../../adapters/cli/render-tasks.js';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, NOW, seedTeam, type TeamSpec, useTeam } from './team.js';

// A review's lead rejected Dark mode "after recurring invoices ships": the reason was read as no
// time and no task, so Dark mode was held the 30 days of any rejection, and came back a month
// after Recurring invoices had shipped. A lead expects the reply to see the feature the reason
// names and offer the wait Goalpost keeps (`feature after`), which brings the work back once that
// feature is done.
const LEDGERLINE: TeamSpec = {
  vision: {
    statement: 'Invoicing freelancers trust',
    primary_goal: 'Reach $6,000 MRR',
    focus_areas: ['billing'],
    revenue_targets: { '2027-03': 6000 },
  },
  projects: [
    {
      name: 'Ledgerline',
      revenueBearing: true,
      focus: ['billing'],
      features: [
        ['Recurring invoices', 'planned'],
        ['Dark mode', 'planned'],
        ['Client portal', 'planned'],
      ],
    },
  ],
  revenue: [{ project: 'Ledgerline', month: '2026-10', actual: 2400 }],
};

const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
const featureId = (app: Goalpost, title: string) => {
  const id = app.projects.features(LEAD).find((f) => f.title === title)?.id;
  if (id === undefined) throw new Error(`no feature ${title}`);
  return id;
};

describe('a rejection whose reason waits for another feature of the product', () => {
  const team = useTeam();

  function rejectDarkMode(reason: string) {
    const app = team.open();
    seedTeam(app, LEDGERLINE);
    const ref = app.engine
      .generate(LEAD, { maxTasks: 5 })
      .tasks.find((t) => t.title === build('Dark mode', 'Ledgerline'))?.ref;
    const result = app.decisions.decide(LEAD, { ref, action: 'reject', note: reason });
    return { app, result, said: renderTransition(result) };
  }

  it('offers to make it wait for that feature, and the work comes back once the feature is done', () => {
    const { app, result, said } = rejectDarkMode('after recurring invoices ships');
    const invoices = featureId(app, 'Recurring invoices');
    const dark = featureId(app, 'Dark mode');
    expect(result.waitsSuggested).toEqual({ feature: invoices, title: 'Recurring invoices' });
    expect(said).toContain(`goalpost feature after ${dark} ${invoices}`);
    // Not "not doing it at all?": the team means to do it, later.
    expect(said).not.toContain('feature drop');

    // The lead follows it; Recurring invoices ships a week on, and Dark mode is back the next day.
    team.reopen(day(1 / 24)).items.setAfter(LEAD, dark, invoices);
    const shipped = team.reopen(day(7));
    shipped.items.setFeatureStatus(LEAD, invoices, 'done');
    const next = team.reopen(day(8)).engine.generate(LEAD, { maxTasks: 5, dryRun: true });
    expect(next.tasks.map((t) => t.title)).toContain(build('Dark mode', 'Ledgerline'));
  });

  it('offers nothing for a reason naming no feature of the product, or the rejected one itself', () => {
    for (const reason of ['after the pricing change ships', 'dark mode is not for now', 'not this quarter']) {
      const { result, said } = rejectDarkMode(reason);
      expect(result.waitsSuggested, reason).toBeUndefined();
      expect(said, reason).not.toContain('feature after');
    }
  });
});
