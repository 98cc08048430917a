import { describe, expect, it } from 'vitest';
import { build, LEAD, NOW, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A marketplace whose vision puts trust first, then search; its one product works on both. A
// review found "Saved searches" not taken for search work (the plural), and "Buyer reviews with
// photos", naming neither, said to advance the product "in search" (its first area) two lines
// above "works on trust (focus area 1 of 2)"; approved, it counted as search work and trust stayed
// neglected. A lead expects one area per card, the one the work is counted for.
const MARKET = 'Makers Market';
const team = useTeam();

function marketplace(focus = ['search', 'trust']) {
  const app = team.open(NOW);
  seedTeam(app, {
    vision: {
      statement: 'Makers sell to neighbours they trust',
      primary_goal: 'Buyers come back every month',
      focus_areas: ['trust', 'search'],
      revenue_targets: { '2027-06': 5000 },
    },
    projects: [{ name: MARKET, focus }],
  });
  for (const title of ['Saved searches', 'Buyer reviews with photos'])
    app.projects.addFeature(LEAD, MARKET, { title });
  return app;
}

describe('an item of a product on several focus areas', () => {
  it('works on the area its title names, a plural too', () => {
    const searches = taskTitled(plan(marketplace(['trust', 'search'])), build('Saved searches', MARKET));
    expect(searches.focusArea).toBe('search');
    expect(searches.reasoning[0]).toMatch(/advances Makers Market in search/);
  });

  it('naming none, works on the neglected area its card says, and counts for it once approved', () => {
    const app = marketplace();
    const reviews = taskTitled(plan(app), build('Buyer reviews with photos', MARKET));
    expect(reviews.focusArea).toBe('trust');
    expect(reviews.reasoning[0]).toMatch(/advances Makers Market in trust/);
    const saved = app.engine.generate(LEAD, { maxTasks: 5 });
    const ref = saved.tasks.find((t) => t.title === build('Buyer reviews with photos', MARKET))?.ref;
    app.decisions.decide(LEAD, { ref, action: 'approve' });
    expect(app.engine.state(LEAD).neglectedFocusAreas).not.toContain('trust');
  });
});
