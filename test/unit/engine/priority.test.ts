import { describe, expect, it } from 'vitest';
import type { TaskCategory } from '../../../src/domain/task.js';
import { TIER } from '../../../src/engine/draft.js';
import { absolutePriority, applyTiers, planScale } from '../../../src/engine/priority.js';

type Tier = (typeof TIER)[keyof typeof TIER];
const task = (
  name: string,
  tier: Tier,
  priority: number,
  category: TaskCategory = 'bugfix',
  playbookKey: string | null = null,
  severity = category === 'bugfix' ? 'medium' : undefined,
) => ({
  tier,
  priority,
  reasoning: [] as string[],
  projectName: name,
  category,
  playbookKey,
  revenueImpact: 0,
  goalValue: 0,
  facts: severity === undefined ? {} : { severity },
});

describe('a plan’s priority scale', () => {
  it('is set by the best work, whatever a critical bug scores, and tops at P9 beside one', () => {
    const without = planScale({ work: 120, nextWork: 0, blocker: 0, any: 120 });
    const beside = planScale({ work: 120, nextWork: 0, blocker: 6806, any: 6806 });
    expect(without(120)).toBe(absolutePriority(120));
    expect(beside(120)).toBe(9);
    expect(beside(6806)).toBe(10);
    // Work of a quarter of the best loses three steps either way: nothing falls to P0.
    expect(without(30)).toBe(without(120) - 3);
    expect(beside(30)).toBe(6);
  });

  it('stands one piece of work far above the rest one step above the next, not many', () => {
    const scale = planScale({ work: 2000, nextWork: 100, blocker: 0, any: 2000 });
    expect([2000, 100, 50, 25].map(scale)).toEqual([10, 9, 8, 6]);
    // Beside a critical bug the outlier is at most P9 still, and the bug alone above it.
    const beside = planScale({ work: 2000, nextWork: 100, blocker: 6806, any: 6806 });
    expect([6806, 2000, 100].map(beside)).toEqual([10, 9, 8]);
    // Work close to the best is on the best's scale, as with no next.
    const close = planScale({ work: 120, nextWork: 100, blocker: 0, any: 120 });
    expect([120, 100, 30].map(close)).toEqual([10, 10, 7]);
  });

  it('is set by critical bugs only when there is no work, and by fill-ins only when there is neither', () => {
    expect(planScale({ work: 0, nextWork: 0, blocker: 40, any: 900 })(40)).toBe(absolutePriority(40));
    expect(planScale({ work: 0, nextWork: 0, blocker: 0, any: 900 })(900)).toBe(10);
    expect(planScale({ work: 0, nextWork: 0, blocker: 0, any: 0 })(5)).toBe(0);
  });
});

describe('the tier rules on a batch’s priorities', () => {
  it('raise a critical bug above the highest real work, never for a fill-in’s own priority', () => {
    const out = applyTiers([
      task('Core', TIER.blocker, 3, 'bugfix', null, 'critical'),
      task('App', TIER.work, 5),
      task('Docs', TIER.fillIn, 9),
    ]);
    expect(out.map((t) => t.priority)).toEqual([6, 5, 4]);
    expect(out[0]?.reasoning).toEqual([
      'A critical bug blocks Core: it goes first, raised from priority 3 to 6',
    ]);
    expect(out[2]?.reasoning).toEqual([
      'A medium bug comes after the real work: lowered from priority 9 to 4',
    ]);
  });

  // A review's five critical features filled the batch, the high bug that set the scale cut: they
  // read P4 and P1 at the top of the batch.
  it('move first-tier work alone up together, its best to P10, when the real work was cut', () => {
    const out = applyTiers(
      [
        task('Core', TIER.blocker, 4, 'feature', null, undefined),
        task('Core', TIER.blocker, 1, 'bugfix', null, 'critical'),
        task('Docs', TIER.fillIn, 3),
      ],
      true,
    );
    expect(out.map((t) => t.priority)).toEqual([10, 7, 3]);
    expect(out[1]?.reasoning).toEqual([
      'A critical bug blocks Core: it goes first, raised from priority 1 to 7',
    ]);
  });

  it('leave a critical bug where it is when only fill-ins come after it, and lower them below it', () => {
    const out = applyTiers([
      task('Core', TIER.blocker, 3, 'bugfix', null, 'critical'),
      task('Docs', TIER.fillIn, 9),
      task('Plan', TIER.planning, 7),
    ]);
    expect(out.map((t) => t.priority)).toEqual([3, 2, 1]);
    expect(out[0]?.reasoning).toEqual([]);
    expect(out[2]?.reasoning).toEqual(['Planning comes after the real work: lowered from priority 7 to 1']);
  });

  it('say a high bug that claims no dollars is that, not a medium bug', () => {
    const out = applyTiers([task('App', TIER.work, 5), task('Side', TIER.fillIn, 8, 'bugfix', null, 'high')]);
    expect(out[1]?.reasoning).toEqual([
      'Work that claims no dollars comes after the real work: lowered from priority 8 to 4',
    ]);
  });

  it('say upkeep, not a medium bug, of a chore lowered below the real work', () => {
    const out = applyTiers([task('App', TIER.work, 5), task('App', TIER.fillIn, 8, 'infrastructure')]);
    expect(out[1]?.reasoning).toEqual(['Upkeep comes after the real work: lowered from priority 8 to 4']);
  });

  it('say so of a feature or playbook task that claims no dollars, lowered below the real work', () => {
    const out = applyTiers([
      task('App', TIER.work, 5),
      task('Site', TIER.fillIn, 8, 'feature'),
      task('Ops', TIER.fillIn, 7, 'infrastructure', 'ops.hardening'),
    ]);
    expect(out[1]?.reasoning).toEqual([
      'Work that claims no dollars comes after the real work: lowered from priority 8 to 4',
    ]);
    expect(out[2]?.reasoning).toEqual([
      'Work that claims no dollars comes after the real work: lowered from priority 7 to 4',
    ]);
  });

  it('say so of a feature the team marked low priority, lowered below the real work', () => {
    const low = { ...task('Site', TIER.fillIn, 8, 'feature'), facts: { priority: 'low' } };
    const out = applyTiers([task('App', TIER.work, 5), low]);
    expect(out[1]?.reasoning).toEqual([
      'Work the team marked low priority comes after the real work: lowered from priority 8 to 4',
    ]);
  });

  it('say so of a feature claiming less than a medium bug of its project puts at risk', () => {
    const small = {
      ...task('Brightdesk', TIER.fillIn, 8, 'feature'),
      revenueImpact: 41.23,
      facts: { mediumBugUsd: 400 },
    };
    const out = applyTiers([task('App', TIER.work, 5), small]);
    expect(out[1]?.reasoning).toEqual([
      'Work claiming less than a medium bug of Brightdesk puts at risk ($400/month) comes after the real work: lowered from priority 8 to 4',
    ]);
  });

  it('change nothing that is already in order', () => {
    const tasks = [
      task('Core', TIER.blocker, 10, 'bugfix', null, 'critical'),
      task('App', TIER.work, 6),
      task('Docs', TIER.fillIn, 2),
    ];
    expect(applyTiers(tasks)).toEqual(tasks);
  });
});
