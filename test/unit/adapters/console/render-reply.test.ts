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

describe('console task cards', () => {
  it('names the backlog item a task was made from, under its reasoning', () => {
    const text = renderView({ kind: 'task', card: taskCardView({ source: 'bug #7', dependsOn: ['T-3'] }) });
    expect(text.split('\n')).toEqual([
      '┌ T-12 · P8 · revenue · billing · +$150/mo · alignment 0.83 · → slack:U2 · proposed',
      '│ Add annual billing',
      '│ Why:',
      '│   - Customers asked for it',
      '│   - Revenue is behind',
      '│ From: bug #7 (done closes it)',
      '│ After: T-3',
      '└',
    ]);
  });
});
