import { describe, expect, it } from 'vitest';
import { analyseState } from '../../../src/engine/analyse-state.js';
import { likeliestBest } from '../../../src/engine/backlog-candidates.js';
import { projectStakes } from '../../../src/engine/stakes.js';
import {
  buildEduInput,
  EDU_NOW,
  eduVision,
  makeBug,
  makeFeatures,
  makeProject,
  makeRevenue,
  monthOf,
} from '../../fixtures/edu.js';

/**
 * Seven projects, earning $550 a month in all against the $999 milestone: the $449 gap is shared by
 * the four earners by what each earns, One feature's $100 weighing double as it is on the vision's
 * focus: $138.15 for it, all of it its one feature's (the $112.25 the split by work gives it, and
 * the rest, less than a feature-size's part), and $69.08 for Four features, $17.27 for each of its
 * four.
 */
function sevenProjects() {
  const earning = (id: number, actual: number) =>
    makeRevenue({ id, projectId: id, month: monthOf(EDU_NOW, -1), actual });
  const input = buildEduInput({
    // The $999 target alone: July's $1,498 would ask more growth a month of $550, and bind.
    vision: { ...eduVision(), revenueTargets: { [monthOf(EDU_NOW, 3)]: 999 } },
    projects: [
      makeProject({ id: 1, name: 'Quiet' }),
      makeProject({ id: 2, name: 'Four features', revenueBearing: true }),
      makeProject({ id: 3, name: 'One feature', revenueBearing: true, focusAreas: ['payment_integration'] }),
      makeProject({ id: 4, name: 'Crashing' }),
      makeProject({ id: 5, name: 'Paused', status: 'paused' }),
      makeProject({ id: 6, name: 'All done', revenueBearing: true }),
      makeProject({ id: 7, name: 'Medium bug', revenueBearing: true }),
    ],
    features: [
      ...makeFeatures(1, 3, 0, 1),
      ...makeFeatures(2, 4, 0, 11),
      ...makeFeatures(3, 1, 0, 21),
      ...makeFeatures(6, 2, 2, 31),
    ],
    bugs: [
      makeBug({ id: 1, projectId: 4, title: 'Crash on start' }),
      makeBug({ id: 2, projectId: 5, title: 'Crash while paused' }),
      makeBug({ id: 3, projectId: 7, title: 'Typo in receipts', severity: 'medium' }),
    ],
    revenue: [earning(2, 100), earning(3, 100), earning(6, 50), earning(7, 300)],
  });
  const state = analyseState(input);
  const active = state.projects.filter((p) => p.project.status === 'active');
  return { projects: state.projects, stakes: projectStakes(state.revenue, active, input.vision) };
}

const ids = (projects: ReturnType<typeof likeliestBest>) => projects.map((p) => p.project.id);

describe('the projects a plan in parts reads first', () => {
  it('are those with a blocker, then the work that may claim the most dollars, then fill-ins', () => {
    const { projects, stakes } = sevenProjects();
    expect(stakes.gap.get(3)?.usd).toBeCloseTo(138.15, 1);
    expect(stakes.gap.get(3)?.countedFor).toBe(1);
    expect(stakes.gap.get(2)?.usd).toBeCloseTo(69.08, 1);
    // Crashing's critical bug blocks: it comes first though it earns nothing.
    expect(ids(likeliestBest(projects, stakes, 1, 256))).toEqual([4]);
    // Then One feature's feature, which claims twice what each of Four features' does.
    expect(ids(likeliestBest(projects, stakes, 2, 256))).toEqual([3, 4]);
    expect(ids(likeliestBest(projects, stakes, 3, 256))).toEqual([2, 3, 4]);
    // Quiet's features claim nothing, and still come before Medium bug's $15 fill-in.
    expect(ids(likeliestBest(projects, stakes, 7, 256))).toEqual([1, 2, 3, 4]);
    expect(ids(likeliestBest(projects, stakes, 9, 256))).toEqual([1, 2, 3, 4]);
    expect(ids(likeliestBest(projects, stakes, 10, 256))).toEqual([1, 2, 3, 4, 7]);
  });

  it('count what a high bug puts at risk of what its project earns twice, as a score does', () => {
    const input = buildEduInput({
      projects: [
        makeProject({ id: 1, name: 'Launch', revenueBearing: true, focusAreas: ['payment_integration'] }),
        makeProject({ id: 2, name: 'Earning', revenueBearing: true }),
      ],
      features: makeFeatures(1, 1, 0, 1),
      bugs: [makeBug({ id: 1, projectId: 2, title: 'Duplicate receipts', severity: 'high' })],
      revenue: [makeRevenue({ id: 1, projectId: 2, month: monthOf(EDU_NOW, -1), actual: 3500 })],
    });
    input.vision = { ...input.vision, revenueTargets: { [monthOf(EDU_NOW, 3)]: 5000 } };
    const state = analyseState(input);
    const stakes = projectStakes(state.revenue, state.projects, input.vision);
    // Launch's feature claims $1,000 of the $1,500 gap; Earning's bug 20 % of its $3,500 ($700),
    // which weighs as $1,400.
    expect(stakes.gap.get(1)?.usd).toBe(1000);
    expect(ids(likeliestBest(state.projects, stakes, 1, 256))).toEqual([2]);
  });

  it('are as many as hold that many open items, never more than a read holds, and none without one', () => {
    const { projects, stakes } = sevenProjects();
    // Four features' four items count: three projects hold six items.
    expect(ids(likeliestBest(projects, stakes, 6, 256))).toEqual([2, 3, 4]);
    // A paused project and one with nothing open are never read first, whatever room there is.
    expect(ids(likeliestBest(projects, stakes, 1_000, 256))).toEqual([1, 2, 3, 4, 7]);
    expect(ids(likeliestBest(projects, stakes, 1_000, 2))).toEqual([3, 4]);
    expect(likeliestBest(projects, stakes, 0, 256)).toEqual([]);
  });
});
