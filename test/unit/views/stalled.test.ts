import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src/domain/task.js';
import { stalledWork } from '../../../src/views/stalled.js';

const task = (id: number, approvedOn: string, status: Task['status'] = 'approved'): Task =>
  ({
    id,
    ref: `T-${id}`,
    title: `Work ${id}`,
    status,
    assignee: id === 1 ? 'ana' : null,
    updatedAt: `${approvedOn}T10:00:00.000Z`,
  }) as Task;

describe('stalledWork', () => {
  it('names the two longest waiting a week or more, and counts the rest', () => {
    const lines = stalledWork(
      [
        task(1, '2026-11-20'),
        task(2, '2026-11-10'),
        task(3, '2026-11-24'),
        task(4, '2026-11-25'),
        task(5, '2026-11-01', 'in_progress'),
      ],
      '2026-12-01',
    );
    expect(lines).toEqual([
      'T-2 · Work 2: approved 21 days ago and not started; start it, or cancel it if it no longer matters',
      'T-1 · Work 1: approved 11 days ago and not started (ana); start it, or cancel it if it no longer matters',
      '1 more approved task has waited unstarted 7 days or more: `goalpost tasks --status approved` lists them',
    ]);
  });

  it('says nothing of work approved within the week', () => {
    expect(stalledWork([task(1, '2026-11-25')], '2026-12-01')).toEqual([]);
  });
});
