import { describe, expect, it } from 'vitest';
import { renderBatch } from '../../adapters/cli/render-engine.js';
import type { Goalpost } from '../../src/index.js';
import { build, fix, LEAD, type PlannedTask, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// Ledgerline sells bookkeeping to small firms: $23,400 a month, $30,000 the target for June. A
// lead's run found the backlog's best score, a half-day fix of a bank feed duplicating
// transactions (a medium bug, protecting $1,170 a month by its severity, score 439), cut from a
// batch of three for a two-week integration scoring 28.8, its title alone in the cut list. Medium
// bugs come after the real work, whatever they score (a rule lifting those worth more than a day
// of growth work crowded big earners' batches with cosmetic bugs: docs/fill-in-tier.md); what the
// engine cannot tell, the team can: the summary says the bug was cut for its severity, and how to
// say it is more pressing.
const PRODUCT = 'Ledgerline';
const BANK_FEED = 'Bank feed duplicates transactions on reconnect';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Ledgerline: the bookkeeping small firms keep',
    primary_goal: 'Reach $30,000 MRR by June',
    focus_areas: ['retention', 'integrations'],
    revenue_targets: { '2027-06': 30_000 },
  },
  projects: [{ name: PRODUCT, revenueBearing: true, focus: ['retention', 'integrations'] }],
  revenue: [
    { project: PRODUCT, month: '2026-10', actual: 23_100 },
    { project: PRODUCT, month: '2026-11', actual: 23_400 },
  ],
};

function seeded(app: Goalpost): number {
  seedTeam(app, SPEC);
  app.projects.addFeature(LEAD, PRODUCT, { title: 'QuickBooks integration', estimate: '2w' });
  app.projects.addFeature(LEAD, PRODUCT, { title: 'Custom report builder', estimate: '1w' });
  app.projects.addFeature(LEAD, PRODUCT, { title: 'Mobile receipt capture', estimate: '3d' });
  return app.projects.addBug(LEAD, PRODUCT, { title: BANK_FEED, severity: 'medium' }).id;
}

describe('a medium bug cut though it outscores the batch', () => {
  const team = useTeam();

  it('is named in the summary with its score, and how to say it is more pressing', () => {
    const app = team.open('2026-12-01T10:00:00Z');
    const id = seeded(app);
    const three = app.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(titles(three.tasks as PlannedTask[])).not.toContain(fix(BANK_FEED, PRODUCT));
    expect(three.outscoringBugs).toEqual([
      { title: fix(BANK_FEED, PRODUCT), score: expect.any(Number), bugId: id },
    ]);
    expect(three.outscoringBugs[0]?.score).toBeGreaterThan(Math.max(...three.tasks.map((t) => t.score)));
    // With a feature cut too, listed before it (real work comes first), it is named all the same.
    const two = app.engine.generate(LEAD, { dryRun: true, maxTasks: 2 });
    expect(two.cutByCap.map((c) => c.title)).toEqual([
      build('QuickBooks integration', PRODUCT),
      fix(BANK_FEED, PRODUCT),
    ]);
    expect(two.outscoringBugs.map((b) => b.bugId)).toEqual([id]);
    expect(renderBatch(three)).toContain(
      `Medium bugs cut:  "${fix(BANK_FEED, PRODUCT)}" (bug ${id}, score ${three.outscoringBugs[0]?.score.toFixed(1)}) scores above work in the batch; a medium bug comes after the real work, whatever it scores: \`goalpost bug severity ${id} high\` if it is more pressing than that`,
    );

    // The lead says it is: it leads the next batch, valued as a high bug.
    app.items.setBugSeverity(LEAD, String(id), 'high');
    const again = app.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(again.tasks[0]?.title).toBe(fix(BANK_FEED, PRODUCT));
    expect(again.outscoringBugs).toEqual([]);
    expect(renderBatch(again)).not.toContain('Medium bugs cut');
  });

  it('is not named when it scores below the work the batch holds, nor when it makes the batch', () => {
    const app = team.open('2026-12-01T10:00:00Z');
    const id = seeded(app);
    app.items.setEstimate(LEAD, 'bug', String(id), '2w');
    const three = app.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(three.cutByCap.map((c) => c.title)).toContain(fix(BANK_FEED, PRODUCT));
    expect(three.outscoringBugs).toEqual([]);
    const five = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(titles(five.tasks as PlannedTask[])).toContain(build('QuickBooks integration', PRODUCT));
    expect(five.outscoringBugs).toEqual([]);
  });
});
