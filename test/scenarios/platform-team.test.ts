import { describe, expect, it } from 'vitest';
import { build, fix, LEAD, plan, seedTeam, type TeamSpec, taskTitled, titles, useTeam } from './team.js';

// An internal platform team: no revenue, no revenue targets, only measurable goals. Nothing it does
// claims dollars but the work its goals value, so every bug and every feature not linked to a goal
// claims none.
const PIPELINE = 'Deploy Pipeline';
const DOCS = 'Docs Site';
const platform: TeamSpec = {
  vision: {
    statement: 'A platform our product teams can trust and build on quickly',
    primary_goal: 'Make the internal platform fast, safe and easy to ship on',
    focus_areas: ['reliability', 'developer_experience'],
  } as TeamSpec['vision'],
  projects: [
    { name: PIPELINE, focus: ['developer_experience', 'reliability'] },
    { name: DOCS, focus: ['developer_experience'] },
  ],
  goals: [
    {
      metric: 'deploys_per_week',
      target: 20,
      unit: 'deploys',
      by: '2027-02-26',
      direction: 'up',
      baseline: 6,
      observed: [['2026-11-14T09:00:00Z', 6]],
    },
  ],
};

describe('a platform team with goals and no revenue', () => {
  const team = useTeam();

  // A review found a high bug that blocks every merge ranked twelfth, behind the docs' guides, and
  // lowered as "work that claims no dollars comes after the real work": on a team with no revenue,
  // every bug claims none. A lead fixes a high bug before features that claim no more than it does.
  it('keeps a high bug among the real work, though no dollars ride on it', () => {
    const app = team.open();
    seedTeam(app, platform);
    app.projects.addFeature(LEAD, PIPELINE, { title: 'Parallel test stages', goal: 'deploys_per_week' });
    app.projects.addFeature(LEAD, PIPELINE, { title: 'Canary deploys' });
    // Goal work of weeks: it claims a part of the goal's value, and scores below the bug.
    app.projects.addFeature(LEAD, PIPELINE, {
      title: 'Remote build cache',
      goal: 'deploys_per_week',
      estimate: '3w',
    });
    app.projects.addFeature(LEAD, DOCS, { title: 'Search across docs' });
    app.projects.addBug(LEAD, PIPELINE, { title: 'Flaky integration test blocks merges', severity: 'high' });
    app.projects.addBug(LEAD, DOCS, { title: 'Broken links in API reference', severity: 'medium' });

    const batch = plan(app, 10);
    const flaky = taskTitled(batch, fix('Flaky integration test blocks merges', PIPELINE));
    expect(flaky.reasoning.join('\n')).not.toMatch(/comes after the real work/);
    const at = (title: string) => titles(batch).indexOf(title);
    expect(at(flaky.title)).toBeLessThan(at(build('Canary deploys', PIPELINE)));
    expect(at(flaky.title)).toBeLessThan(at(build('Search across docs', DOCS)));
    expect(at(flaky.title)).toBeLessThan(at(fix('Broken links in API reference', DOCS)));
    expect(flaky.priority).toBeGreaterThan(taskTitled(batch, build('Canary deploys', PIPELINE)).priority);
    // Scoring above the goal's work of weeks, it goes before it.
    const cache = taskTitled(batch, build('Remote build cache', PIPELINE));
    expect(flaky.score).toBeGreaterThan(cache.score);
    expect(at(flaky.title)).toBeLessThan(at(cache.title));
  });
});

describe('upkeep on a team with no revenue', () => {
  const team = useTeam();

  // A review's platform team filed an Envoy upgrade and a CI runner move as upkeep: four weeks of
  // plans never proposed them, listed as 'Scoring 0 … no dollars at stake, no alignment with the
  // vision', hinting to make them growth work. Upkeep claims no dollars and names no focus area,
  // and alignment had nothing else to give where nothing earns. A lead expects the chores after
  // the bugs and the goal work, but proposed while a batch has room.
  it('proposes upkeep after the real work while the batch has room', () => {
    const app = team.open();
    seedTeam(app, platform);
    app.projects.addFeature(LEAD, PIPELINE, { title: 'Parallel test stages', goal: 'deploys_per_week' });
    app.projects.addBug(LEAD, PIPELINE, { title: 'Flaky integration test blocks merges', severity: 'high' });
    app.projects.addFeature(LEAD, PIPELINE, { title: 'Migrate CI runners to Ubuntu 24.04', upkeep: true });
    app.projects.addFeature(LEAD, DOCS, {
      title: 'Upgrade the docs generator',
      upkeep: true,
      estimate: '4h',
    });

    const result = app.engine.generate(LEAD, { dryRun: true, maxTasks: 10 });
    expect(result.unvaluedWork).toEqual([]);
    const batch = result.tasks as typeof result.tasks;
    const order = batch.map((t) => t.title);
    const ci = 'Migrate CI runners to Ubuntu 24.04 for Deploy Pipeline';
    const docs = 'Upgrade the docs generator for Docs Site';
    expect(order).toEqual(expect.arrayContaining([ci, docs]));
    for (const real of [
      build('Parallel test stages', PIPELINE),
      fix('Flaky integration test blocks merges', PIPELINE),
    ])
      expect(order.indexOf(real)).toBeLessThan(Math.min(order.indexOf(ci), order.indexOf(docs)));
    const card = batch.find((t) => t.title === ci)?.reasoning.join('\n') ?? '';
    expect(card).toMatch(/Alignment 0\.20: no focus area; .*upkeep keeps its project running → 0\.20/);
  });
});
