import { describe, expect, it } from 'vitest';
import { TIER } from '../../../src/engine/draft.js';
import { applyTiers } from '../../../src/engine/priority.js';

type Tier = (typeof TIER)[keyof typeof TIER];
const task = (name: string, tier: Tier, priority: number) => ({
  tier,
  priority,
  reasoning: [] as string[],
  projectName: name,
});
const priorities = (tasks: ReturnType<typeof applyTiers<ReturnType<typeof task>>>) =>
  tasks.map((t) => [t.projectName, t.priority]);

describe('the tier rules on a batch’s priorities', () => {
  it('raise a high bug of an earning project to the work after it, never to a fill-in’s own priority', () => {
    const out = applyTiers([
      task('Shop', TIER.protect, 3),
      task('App', TIER.work, 5),
      task('Docs', TIER.fillIn, 9),
    ]);
    expect(priorities(out)).toEqual([
      ['Shop', 5],
      ['App', 5],
      ['Docs', 4],
    ]);
    expect(out[0]?.reasoning).toEqual([
      'A high bug hurts paying customers of Shop: it is fixed before new work, raised from priority 3 to 5',
    ]);
    expect(out[2]?.reasoning).toEqual([
      'A medium bug comes after the real work: lowered from priority 9 to 4',
    ]);
  });

  it('leave a high bug where it is when only fill-ins come after it, and lower them below it', () => {
    const out = applyTiers([
      task('Shop', TIER.protect, 3),
      task('Docs', TIER.fillIn, 9),
      task('Plan', TIER.planning, 7),
    ]);
    expect(priorities(out)).toEqual([
      ['Shop', 3],
      ['Docs', 2],
      ['Plan', 1],
    ]);
    expect(out[0]?.reasoning).toEqual([]);
  });

  it('raise a critical bug to the highest real work, a raised high bug included, and keep the order', () => {
    const out = applyTiers([
      task('Core', TIER.blocker, 4),
      task('Shop', TIER.protect, 6),
      task('Shop', TIER.protect, 2),
      task('App', TIER.work, 7),
      task('Docs', TIER.fillIn, 10),
    ]);
    expect(out.map((t) => t.priority)).toEqual([7, 7, 7, 7, 6]);
    expect(out[0]?.reasoning).toEqual([
      'A critical bug blocks Core: it goes first, raised from priority 4 to 7',
    ]);
  });

  it('change nothing that is already in order', () => {
    const tasks = [task('Core', TIER.blocker, 10), task('Shop', TIER.protect, 8), task('App', TIER.work, 6)];
    expect(applyTiers(tasks)).toEqual(tasks);
  });
});
