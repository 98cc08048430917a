import { describe, expect, it } from 'vitest';
import { batchSentence } from '../../../src/index.js';

describe('batchSentence', () => {
  it('counts work waiting for work just finished apart from work done, rejected or failed before', () => {
    const batch = { id: 4, proposed: 1, newTasks: 0, duplicates: 0, alreadyOpen: 1, heldBack: 1, waiting: 2 };
    expect(batchSentence(batch)).toBe(
      '0 new tasks proposed, 1 awaiting a decision, 1 already open as a task, 1 not proposed again (done, rejected or failed before), 2 waiting while work just finished shows its effect.',
    );
    // A header posted before the count existed reads as it did.
    const { waiting: _, ...older } = batch;
    expect(batchSentence(older)).toBe(
      '0 new tasks proposed, 1 awaiting a decision, 1 already open as a task, 1 not proposed again (done, rejected or failed before).',
    );
  });
});
