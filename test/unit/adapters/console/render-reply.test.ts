import { describe, expect, it } from 'vitest';
import { renderView } from '../../../../adapters/console/render-reply.js';
import { taskCardView } from '../../../helpers/views.js';

describe('console tables', () => {
  it('prints columns when they fit a terminal', () => {
    const text = renderView({
      kind: 'table',
      title: 'Claimed',
      columns: ['ref', 'held by'],
      rows: [['T-3', 'dev_worker1']],
      empty: 'none',
    });
    expect(text).toBe('Claimed\nref  held by\n---  -----------\nT-3  dev_worker1');
  });

  it('prints a row too wide for a terminal as labelled lines, so each value says what it is', () => {
    const title =
      'Finish the remaining feature of the Architect Dashboard and ship it to every customer before the end of the quarter';
    const text = renderView({
      kind: 'table',
      title: 'Claimed',
      columns: ['ref', 'held by', 'for', 'title'],
      rows: [['T-3', 'dev_worker1', '4 min', title]],
      empty: 'none',
    });
    expect(text).toBe(`Claimed\nT-3\n    held by: dev_worker1\n    for: 4 min\n    title: ${title}`);
  });
});

describe('console task lists', () => {
  const tasks = {
    kind: 'table' as const,
    title: 'Tasks (all), highest priority first',
    columns: ['ref', 'P', 'status', 'title', 'assignee', 'impact'],
    rows: [
      [
        'T-1',
        '10',
        'proposed',
        "Finish 'Stripe checkout for subscription tiers' for Basic EDU Apps",
        '—',
        '+$333/mo',
      ],
      [
        'T-12',
        '8',
        'in progress',
        "Fix 'Checkout crashes on Safari' in Basic EDU Apps",
        'dev_worker1',
        '+$282/mo',
      ],
    ],
    empty: 'none',
    clip: 3,
  };

  it('shows one line per task with whole titles on a wide terminal', () => {
    expect(renderView(tasks, 200).split('\n')).toEqual([
      'Tasks (all), highest priority first',
      'ref   P   status       title                                                               assignee     impact',
      '----  --  -----------  ------------------------------------------------------------------  -----------  --------',
      "T-1   10  proposed     Finish 'Stripe checkout for subscription tiers' for Basic EDU Apps  —            +$333/mo",
      "T-12  8   in progress  Fix 'Checkout crashes on Safari' in Basic EDU Apps                  dev_worker1  +$282/mo",
    ]);
  });

  it('cuts titles short to keep one line per task as wide as an 80-column terminal', () => {
    expect(renderView(tasks, 80).split('\n')).toEqual([
      'Tasks (all), highest priority first',
      'ref   P   status       title                               assignee     impact',
      '----  --  -----------  ----------------------------------  -----------  --------',
      "T-1   10  proposed     Finish 'Stripe checkout for subsc…  —            +$333/mo",
      "T-12  8   in progress  Fix 'Checkout crashes on Safari' …  dev_worker1  +$282/mo",
    ]);
  });

  it('stacks each task on a terminal too narrow for a useful title', () => {
    const text = renderView(tasks, 40);
    expect(text.split('\n').slice(1, 7)).toEqual([
      'T-1',
      '    P: 10',
      '    status: proposed',
      "    title: Finish 'Stripe checkout for subscription tiers' for Basic EDU Apps",
      '    assignee: —',
      '    impact: +$333/mo',
    ]);
  });
});

describe('console task cards', () => {
  it('names the backlog item a task was made from, under its reasoning', () => {
    const text = renderView({
      kind: 'task',
      card: taskCardView({ source: 'bug #7 (done closes it)', dependsOn: ['T-3'] }),
    });
    expect(text.split('\n')).toEqual([
      '┌ T-12 · P8 · revenue · billing · +$150/mo · alignment 0.83 · → slack:U2 · proposed',
      '│ Add annual billing',
      '│ Why:',
      '│   - Customers asked for it',
      '│   - Revenue is behind',
      '│ From: bug #7 (done closes it)',
      '└ After: T-3',
    ]);
  });
});
