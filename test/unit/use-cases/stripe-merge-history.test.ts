import { describe, expect, it } from 'vitest';
import type { SubscriptionHistory, SubscriptionState } from '../../../src/domain/mrr.js';
import { mergeHistory } from '../../../src/use-cases/stripe-months.js';

const seats = (quantity: number) => [
  { product: 'prod_basic', unitAmount: 2900, interval: 'month' as const, intervalCount: 1, quantity },
];
const state = (at: string, quantity: number, live = true): SubscriptionState => ({
  at,
  lines: seats(quantity),
  discounts: [],
  live,
});
const history = (...states: SubscriptionState[]): SubscriptionHistory => ({
  id: 'sub_1',
  customer: 'cus_1',
  currency: 'usd',
  states,
});

const START = '2026-09-03T00:00:00.000Z';
const ENDED = '2026-11-25T12:00:00.000Z';
const SYNC = '2026-12-02T09:00:00.000Z';

describe('a stored subscription history brought up to what Stripe says now', () => {
  it('dates an end a later sync finds when Stripe says it ended', () => {
    const merged = mergeHistory(
      history(state(START, 3)),
      history(state(START, 3), state(ENDED, 3, false)),
      SYNC,
    );
    expect(merged.states).toEqual([state(START, 3), state(ENDED, 3, false)]);
  });

  it('moves an end stored at a sync days late back to when Stripe says it ended', () => {
    const late = history(state(START, 3), state(SYNC, 3, false));
    const merged = mergeHistory(
      late,
      history(state(START, 3), state(ENDED, 3, false)),
      '2026-12-03T09:00:00.000Z',
    );
    expect(merged.states).toEqual([state(START, 3), state(ENDED, 3, false)]);
  });

  it('keeps a change seen before the end, and dates a new price from the sync, Stripe not saying since when', () => {
    const upgraded = mergeHistory(
      history(state(START, 3)),
      history(state(START, 5)),
      '2026-11-20T09:00:00.000Z',
    );
    expect(upgraded.states).toEqual([state(START, 3), state('2026-11-20T09:00:00.000Z', 5)]);
    const ended = mergeHistory(upgraded, history(state(START, 5), state(ENDED, 5, false)), SYNC);
    expect(ended.states).toEqual([
      state(START, 3),
      state('2026-11-20T09:00:00.000Z', 5),
      state(ENDED, 5, false),
    ]);
  });

  it('bills a trial that became paid from the trial’s end, not from the sync that read it', () => {
    const TRIAL_END = '2026-11-24T00:00:00.000Z';
    // Read while trialing: billing nothing from its trial's end. Read again after it converted.
    const trial = { ...state(TRIAL_END, 3, false), trial: true as const };
    const merged = mergeHistory(history(trial), history(state(TRIAL_END, 3)), SYNC);
    expect(merged.states).toEqual([state(TRIAL_END, 3)]);
    // Paused from its start, not as a trial, and paid again: billed from the sync, not its start.
    const paused = mergeHistory(history(state(START, 3, false)), history(state(START, 3)), SYNC);
    expect(paused.states).toEqual([state(START, 3, false), state(SYNC, 3)]);
    // One that lapsed unpaid and was paid again is billed from the sync that saw it, as before.
    const lapsed = history(state(START, 3), state('2026-11-20T09:00:00.000Z', 3, false));
    expect(mergeHistory(lapsed, history(state(START, 3)), SYNC).states).toEqual([
      ...lapsed.states,
      state(SYNC, 3),
    ]);
  });

  it('changes nothing when Stripe says what is stored', () => {
    const stored = history(state(START, 3), state(ENDED, 3, false));
    expect(mergeHistory(stored, history(state(START, 3), state(ENDED, 3, false)), SYNC)).toEqual(stored);
  });
});
