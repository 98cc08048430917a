import { describe, expect, it } from 'vitest';
import type { TaskStatus, TaskTally } from '../../../src/domain/task.js';
import { recommendAdjustments } from '../../../src/feedback/adjust.js';

/** A playbook's growth tasks, one a status, counted as the store counts them. */
const tasks = (playbookKey: string, statuses: TaskStatus[]): TaskTally[] =>
  statuses.map((status) => ({ category: 'growth', playbookKey, status, tasks: 1 }));

describe('recommendAdjustments', () => {
  it('continues what works, modifies what is middling, retires what the team rejects or that fails', () => {
    const all = [
      ...tasks('works', ['done', 'done', 'done', 'failed']),
      ...tasks('middling', ['done', 'failed', 'failed', 'done', 'rejected']),
      ...tasks('unwanted', ['rejected', 'rejected', 'rejected', 'done']),
      ...tasks('failing', ['failed', 'failed', 'failed', 'done', 'failed']),
      ...tasks('new', ['done', 'proposed']),
    ];
    const byKey = new Map(
      recommendAdjustments(all)
        .filter((r) => r.scope === 'playbook')
        .map((r) => [r.key, r]),
    );
    expect(byKey.get('works')).toMatchObject({
      recommendation: 'continue',
      why: '3 done, 1 failed, 0 rejected: 75% succeed',
    });
    expect(byKey.get('middling')?.recommendation).toBe('modify');
    expect(byKey.get('unwanted')).toMatchObject({
      recommendation: 'retire',
      why: '1 done, 0 failed, 3 rejected: the team rejects 75% of it',
    });
    expect(byKey.get('failing')).toMatchObject({
      recommendation: 'retire',
      why: '1 done, 4 failed, 0 rejected: only 20% of its tasks succeed',
    });
    expect(byKey.get('new')?.why).toMatch(/too early to judge/);
  });

  // A review read "1 rejected, 1 more for later or as a duplicate" without telling what the second
  // was: it is a rejection too, one that said nothing of the work itself.
  it('says a rejection for later or as a duplicate is a rejection, apart from those judging the work', () => {
    const [judged] = recommendAdjustments(
      tasks('mixed', ['done', 'done', 'failed', 'rejected']),
      [],
      tasks('mixed', ['rejected']),
    ).filter((r) => r.scope === 'playbook');
    expect(judged?.why).toMatch(
      /^2 done, 1 failed, 1 rejected, 1 more rejected for later or as a duplicate: /,
    );
  });
});

describe("recommendAdjustments and the team's own backlog", () => {
  it('never tells the team to retire a category: it says where to look instead', () => {
    // A walkthrough's report read "feature: retire" after the team turned down most of the
    // features proposed: the features are the team's own backlog, not a play to drop.
    const backlog = (category: TaskTally['category'], statuses: TaskStatus[]): TaskTally[] =>
      statuses.map((status) => ({ category, playbookKey: null, status, tasks: 1 }));
    const judged = new Map(
      recommendAdjustments([
        ...backlog('feature', ['done', 'rejected', 'rejected', 'rejected']),
        ...backlog('bugfix', ['failed', 'failed', 'failed', 'done', 'failed']),
      ]).map((r) => [r.key, r]),
    );
    expect(judged.get('feature')).toMatchObject({
      recommendation: 'modify',
      why: '1 done, 0 failed, 3 rejected: the team rejects 75% of it; see what the team turned down (`goalpost tasks --status rejected`)',
    });
    expect(judged.get('bugfix')).toMatchObject({
      recommendation: 'modify',
      why: '1 done, 4 failed, 0 rejected: only 20% of its tasks succeed; see what failed and why (`goalpost tasks --status failed`)',
    });
  });
});

describe('recommendAdjustments and work approved but not finished', () => {
  it('counts an approval as a decision, so work the team takes on is never told to retire', () => {
    // Five approved (two in hand, three not started) and three rejected: 38% rejected, not 100%.
    const list = tasks('core', [
      'approved',
      'approved',
      'approved',
      'in_progress',
      'in_progress',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const [judged] = recommendAdjustments(list).filter((r) => r.scope === 'playbook');
    expect(judged).toMatchObject({
      recommendation: 'modify',
      approved: 5,
      why: '0 done, 0 failed, 3 rejected, 5 approved and open: 38% rejected; change its scope or wording',
    });
  });

  it('judges nothing the team has not decided on: proposed work alone is not listed', () => {
    const judged = recommendAdjustments([
      ...tasks('fresh', ['proposed', 'proposed']),
      ...tasks('works', ['done', 'done', 'done']),
    ]);
    expect(judged.map((r) => `${r.scope} ${r.key}`)).toEqual(['playbook works', 'category growth']);
  });
});

describe('recommendAdjustments and goal movement', () => {
  it('asks to modify a playbook whose shipped tasks did not bend their goal', () => {
    const list = tasks('goal.experiment', ['done', 'done', 'done']);
    const shipped = (effect: 'improved' | 'unchanged') =>
      ({ category: 'growth', playbookKey: 'goal.experiment', effect }) as const;
    const flat = [shipped('unchanged'), shipped('unchanged'), shipped('unchanged')];
    const [judged] = recommendAdjustments(list, flat).filter((r) => r.scope === 'playbook');
    expect(judged).toMatchObject({
      recommendation: 'modify',
      why: "3 done, 0 failed, 0 rejected: its shipped tasks did not bend their goal's trend",
    });
    // Two are a pattern, as two rejections are, fewer than three decisions though they are.
    const two = recommendAdjustments(tasks('goal.experiment', ['done', 'done']), flat.slice(0, 2));
    expect(two.find((r) => r.scope === 'playbook')).toMatchObject({
      recommendation: 'modify',
      why: "2 done, 0 failed, 0 rejected: its shipped tasks did not bend their goal's trend",
    });
    const oneWorked = [shipped('improved'), shipped('unchanged'), shipped('unchanged')];
    expect(recommendAdjustments(list, oneWorked).find((r) => r.scope === 'playbook')?.recommendation).toBe(
      'continue',
    );
  });
});

describe("recommendAdjustments and the team's own backlog", () => {
  /** Feature tasks from the team's backlog (no playbook), one a status. */
  const features = (statuses: TaskStatus[]): TaskTally[] =>
    statuses.map((status) => ({ category: 'feature', playbookKey: null, status, tasks: 1 }));

  it('judges two rejections, the least that make a pattern, however few decisions there are', () => {
    const judged = recommendAdjustments([
      ...tasks('acquisition', ['rejected', 'rejected']),
      ...tasks('once', ['rejected', 'done']),
    ]);
    expect(judged.find((r) => r.key === 'acquisition')).toMatchObject({
      recommendation: 'retire',
      why: '0 done, 0 failed, 2 rejected: the team rejects 100% of it',
    });
    // One rejection and one shipped task: no pattern either way yet.
    expect(judged.find((r) => r.key === 'once')?.why).toMatch(/too early to judge/);
  });

  it('reads one rejection among three decisions as no pattern', () => {
    const [judged] = recommendAdjustments(features(['done', 'done', 'rejected']));
    expect(judged).toMatchObject({
      recommendation: 'continue',
      why: '2 done, 0 failed, 1 rejected: 100% succeed',
    });
  });

  it('tells a category of backlog work where to look, not to reword a playbook it has none of', () => {
    const [judged] = recommendAdjustments(features(['done', 'done', 'rejected', 'rejected']));
    expect(judged).toMatchObject({
      scope: 'category',
      recommendation: 'modify',
      why: '2 done, 0 failed, 2 rejected: 50% rejected; see what the team turned down (`goalpost tasks --status rejected`)',
    });
    const [failing] = recommendAdjustments(features(['done', 'done', 'failed', 'failed']));
    expect(failing?.why).toBe(
      '2 done, 2 failed, 0 rejected: 50% succeed; see what failed and why (`goalpost tasks --status failed`)',
    );
  });
});
