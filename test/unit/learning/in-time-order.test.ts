import { describe, expect, it } from 'vitest';
import { instantsOf, inTimeOrder, timeOrderOf } from '../../../src/learning/in-time-order.js';
import { day, outcome } from './outcomes.js';
import { randomLog, referenceTimeOrder } from './reference.js';

describe('timeOrderOf', () => {
  it('keeps a log already in time order as it is, ties included', () => {
    expect([...timeOrderOf(Float64Array.of(1, 2, 2, 5))]).toEqual([0, 1, 2, 3]);
    expect([...timeOrderOf(new Float64Array(0))]).toEqual([]);
  });

  it('sorts out-of-order instants, keeping the input order of ties', () => {
    expect([...timeOrderOf(Float64Array.of(5, 2, 9, 2, -1))]).toEqual([4, 1, 3, 0, 2]);
  });
});

describe('inTimeOrder', () => {
  it('parses each time once, date-only days as UTC midnight', () => {
    const times = instantsOf([
      outcome('ana', true, { at: '2026-01-02' }),
      outcome('ana', true, { at: day(1) }),
    ]);
    expect([...times]).toEqual([Date.parse(day(1)), Date.parse(day(1))]);
  });

  it('equals a plain stable sort by parsed time on random logs', () => {
    for (const shuffle of [0, 0.3, 1]) {
      const log = randomLog(7, 3_000, shuffle);
      expect(inTimeOrder(log)).toEqual(referenceTimeOrder(log));
    }
  });
});
