import { describe, expect, it } from 'vitest';
import { tallyDecisions } from '../../../src/views/digest-post.js';
import { decisionsSentence } from '../../../src/views/words.js';

describe("a digest header's tally", () => {
  it('counts decided, approved (whatever happened after) and rejected tasks', () => {
    expect(
      tallyDecisions(['proposed', 'approved', 'in_progress', 'done', 'failed', 'rejected', 'cancelled']),
    ).toEqual({ total: 7, decided: 6, approved: 4, rejected: 1, cancelled: 1 });
  });

  it('says how the decisions stand in a few words', () => {
    const say = (statuses: Parameters<typeof tallyDecisions>[0]) =>
      decisionsSentence(tallyDecisions(statuses));
    expect(say([])).toBeNull();
    expect(say(['proposed', 'proposed', 'proposed', 'proposed', 'proposed'])).toBe('0 of 5 decided');
    expect(say(['approved', 'proposed', 'proposed', 'proposed', 'proposed'])).toBe(
      '1 of 5 decided · 1 approved',
    );
    expect(say(['approved', 'done', 'rejected', 'proposed', 'proposed'])).toBe(
      '3 of 5 decided · 2 approved · 1 rejected',
    );
    expect(say(['approved', 'rejected', 'rejected'])).toBe('All 3 decided · 1 approved · 2 rejected');
    // A task cancelled (by the team, or withdrawn by a plan) is counted, so the parts add up.
    expect(say(['cancelled'])).toBe('1 of 1 decided · 1 cancelled');
    expect(say(['approved', 'cancelled', 'proposed', 'proposed', 'proposed'])).toBe(
      '2 of 5 decided · 1 approved · 1 cancelled',
    );
  });
});
