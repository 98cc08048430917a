import { describe, expect, it } from 'vitest';
import { reasoningNow } from '../../../src/domain/task.js';

const WHY = 'Revenue $333/month: 1 of 3 open items sharing the gap';
const now = (route: string, assignee: string | null) =>
  reasoningNow({ reasoning: [WHY, route], assignee }).at(-1);

// A card's Route line must never contradict its Assignee: the task may have been given to someone
// by hand, claimed from the queue by another, given back, or its assignee dropped since routing.
describe('the Route line a task shows now', () => {
  it('stays as routing wrote it while the one it names holds the task', () => {
    const line = 'Route: ana: 80% expected success over 12 tasks, about 45 min; 1 of 3 slots in use';
    expect(now(line, 'ana')).toBe(line);
    expect(now(line, 'ANA')).toBe(line);
    const scoped = 'Route: bo (who works on Web) is at capacity; ana (works on Web): 80% expected success';
    expect(now(scoped, 'ana')).toBe(scoped);
  });

  it('says who holds it now, and what routing had said, when someone else took it', () => {
    expect(
      now('Route: ci_bot (works on Inkwell Web): 70% expected success; 1 of 2 slots in use', 'ana'),
    ).toBe(
      'Route: ana holds it now (routing had said: ci_bot (works on Inkwell Web): 70% expected success; 1 of 2 slots in use)',
    );
    expect(now('Route: bo (who works on Web) is at capacity; cy: 60% expected success', 'ana')).toBe(
      'Route: ana holds it now (routing had said: bo (who works on Web) is at capacity; cy: 60% expected success)',
    );
  });

  it('says nobody holds it now when it was given back or its assignee dropped', () => {
    expect(now('Route: ana: no feature outcomes yet; 0 of 3 slots in use', null)).toBe(
      'Route: nobody holds it now (routing had said: ana: no feature outcomes yet; 0 of 3 slots in use)',
    );
  });

  it('names who holds a task nobody was suggested for, or whose assignee left, since', () => {
    expect(now('Route: every assignee is at capacity, so nobody is suggested', 'ana')).toBe(
      'Route: ana, assigned after it was proposed (nobody was suggested then)',
    );
    const removed =
      'Route: tmp_bot was removed as an assignee, so nobody holds it: whoever works on its project may claim it from the queue';
    expect(now(removed, null)).toBe(removed);
    expect(now(removed, 'ana')).toBe(
      'Route: ana holds it now (before: tmp_bot was removed as an assignee, so nobody holds it: whoever works on its project may claim it from the queue)',
    );
  });

  it('leaves lines that route nobody by name as they are', () => {
    const away = 'Route: left out while away: bo (until 2026-12-01)';
    expect(now(away, 'ana')).toBe(away);
    expect(reasoningNow({ reasoning: [WHY], assignee: 'ana' })).toEqual([WHY]);
  });
});
