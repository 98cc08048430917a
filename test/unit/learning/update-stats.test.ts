import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/domain/outcome.js';
import { applyOutcome, decayedAt, emptyStats, rebuildStats } from '../../../src/learning/update-stats.js';
import { day, outcome, T0 } from './outcomes.js';
import { randomLog, referenceApply, referenceRebuild, referenceTimeOrder } from './reference.js';

const HALF_LIFE = 30;

describe('applyOutcome', () => {
  it('starts a pair from its first outcome', () => {
    const stats = applyOutcome(null, outcome('ana', true, { minutes: 40 }), HALF_LIFE);
    expect(stats).toEqual({
      ...emptyStats('revenue', 'ana', T0),
      successes: 1,
      decayedSuccesses: 1,
      minutesSum: 40,
      minutesCount: 1,
    });
  });

  it('weighs an outcome one half-life old at 0.5 before adding the new one', () => {
    const first = applyOutcome(null, outcome('ana', true), HALF_LIFE);
    const second = applyOutcome(first, outcome('ana', false, { at: day(30) }), HALF_LIFE);
    expect(second.decayedSuccesses).toBeCloseTo(0.5, 12);
    expect(second.decayedFailures).toBe(1);
    expect(second.successes).toBe(1);
    expect(second.failures).toBe(1);
    expect(second.decayAt).toBe(day(30));
    expect(second.lastAt).toBe(day(30));
    const third = applyOutcome(second, outcome('ana', true, { at: day(90) }), HALF_LIFE);
    expect(third.decayedSuccesses).toBeCloseTo(0.5 * 0.25 + 1, 12);
    expect(third.decayedFailures).toBeCloseTo(0.25, 12);
  });

  it('adds an out-of-order outcome at its decayed weight and keeps decayAt', () => {
    const latest = applyOutcome(null, outcome('ana', true, { at: day(60) }), HALF_LIFE);
    const late = applyOutcome(latest, outcome('ana', false, { at: day(30), minutes: 20 }), HALF_LIFE);
    expect(late.decayedFailures).toBeCloseTo(0.5, 12);
    expect(late.decayedSuccesses).toBe(1);
    expect(late.failures).toBe(1);
    expect(late.decayAt).toBe(day(60));
    expect(late.lastAt).toBe(day(60));
    expect(late.minutesSum).toBe(20);
  });

  it('leaves its input unchanged and skips unknown minutes', () => {
    const first = applyOutcome(null, outcome('ana', true, { minutes: 30 }), HALF_LIFE);
    const copy = structuredClone(first);
    const next = applyOutcome(first, outcome('ana', true, { minutes: null, at: day(1) }), HALF_LIFE);
    expect(first).toEqual(copy);
    expect(next.minutesCount).toBe(1);
    expect(next.minutesSum).toBe(30);
  });

  it('refuses an outcome of another pair', () => {
    const ana = applyOutcome(null, outcome('ana', true), HALF_LIFE);
    expect(() => applyOutcome(ana, outcome('ben', true), HALF_LIFE)).toThrow(/revenue\/ben/);
    expect(() => applyOutcome(ana, outcome('ana', true, { category: 'bugfix' }), HALF_LIFE)).toThrow(
      RangeError,
    );
  });
});

describe('decayedAt', () => {
  it('reads the decayed counts at a later time, never inflating them for an earlier one', () => {
    const stats = applyOutcome(null, outcome('ana', true, { at: day(10) }), HALF_LIFE);
    expect(decayedAt(stats, day(70), HALF_LIFE)).toEqual({ successes: 0.25, failures: 0 });
    expect(decayedAt(stats, day(0), HALF_LIFE)).toEqual({ successes: 1, failures: 0 });
  });
});

describe('rebuildStats', () => {
  const log: Outcome[] = [
    outcome('ben', false, { at: day(5), minutes: 90 }),
    outcome('ana', true, { at: day(1), minutes: 30 }),
    outcome('ana', true, { at: day(40), category: 'bugfix' }),
    outcome('ana', false, { at: day(20), minutes: 50 }),
    outcome('ben', true, { at: day(45) }),
    outcome('ana', true, { at: day(50) }),
  ];

  it('gives the same result however often it runs', () => {
    expect(rebuildStats(log, HALF_LIFE)).toEqual(rebuildStats(log, HALF_LIFE));
    expect(rebuildStats([...log].reverse(), HALF_LIFE)).toEqual(rebuildStats(log, HALF_LIFE));
  });

  it('equals the incremental fold in time order, sorted by category then assignee', () => {
    const ordered = [...log].sort((a, b) => a.at.localeCompare(b.at));
    const folded = new Map<string, ReturnType<typeof applyOutcome>>();
    for (const o of ordered) {
      const key = `${o.category}/${o.assignee}`;
      folded.set(key, applyOutcome(folded.get(key) ?? null, o, HALF_LIFE));
    }
    const rebuilt = rebuildStats(log, HALF_LIFE);
    expect(rebuilt.map((s) => `${s.category}/${s.assignee}`)).toEqual([
      'bugfix/ana',
      'revenue/ana',
      'revenue/ben',
    ]);
    expect(rebuilt).toEqual([folded.get('bugfix/ana'), folded.get('revenue/ana'), folded.get('revenue/ben')]);
    const ana = rebuilt[1];
    expect(ana).toMatchObject({
      successes: 2,
      failures: 1,
      minutesSum: 80,
      minutesCount: 2,
      decayAt: day(50),
    });
    // day 1 success aged 49 days, day 20 failure aged 30 days, day 50 success fresh
    expect(ana?.decayedSuccesses).toBeCloseTo(0.5 ** (49 / 30) + 1, 12);
    expect(ana?.decayedFailures).toBeCloseTo(0.5, 12);
  });

  it('matches an incremental fold that saw the outcomes out of order', () => {
    const folded = log
      .filter((o) => o.category === 'revenue' && o.assignee === 'ana')
      .reduce<ReturnType<typeof applyOutcome> | null>((s, o) => applyOutcome(s, o, HALF_LIFE), null);
    const rebuilt = rebuildStats(log, HALF_LIFE)[1];
    expect(folded?.successes).toBe(rebuilt?.successes);
    expect(folded?.decayAt).toBe(rebuilt?.decayAt);
    expect(folded?.decayedSuccesses).toBeCloseTo(rebuilt?.decayedSuccesses ?? Number.NaN, 12);
    expect(folded?.decayedFailures).toBeCloseTo(rebuilt?.decayedFailures ?? Number.NaN, 12);
  });

  it('returns nothing for an empty log', () => {
    expect(rebuildStats([], HALF_LIFE)).toEqual([]);
  });

  it('equals the plain immutable fold exactly on random logs, in order or not', () => {
    for (const [seed, shuffle] of [
      [1, 0],
      [2, 0.3],
      [3, 1],
    ] as const) {
      const log = randomLog(seed, 3_000, shuffle);
      expect(rebuildStats(log, HALF_LIFE)).toEqual(referenceRebuild(log, HALF_LIFE));
      expect(rebuildStats(log, 7.5)).toEqual(referenceRebuild(log, 7.5));
    }
  });

  it('keeps the input order of outcomes at the same instant, however they are spelled', () => {
    const log = [
      outcome('ana', true, { at: '2026-01-02', minutes: 10 }),
      outcome('ana', false, { at: '2026-01-02T00:00:00Z' }),
      outcome('ana', true, { at: '2026-01-01T12:00:00.000Z' }),
      outcome('ana', false, { at: '2026-01-02T00:00:00.000+00:00' }),
    ];
    const [ana] = rebuildStats(log, HALF_LIFE);
    expect(ana).toEqual(referenceRebuild(log, HALF_LIFE)[0]);
    // The last outcome of the latest instant in input order sets decayAt; the first one sets lastAt.
    expect(ana?.decayAt).toBe('2026-01-02T00:00:00.000+00:00');
    expect(ana?.lastAt).toBe('2026-01-02');
  });

  it('refuses a log with an invalid time, and a non-positive half-life unless the log is empty', () => {
    expect(() =>
      rebuildStats([outcome('ana', true), outcome('ben', true, { at: 'soon' })], HALF_LIFE),
    ).toThrow(/outcome\.at/);
    expect(() => rebuildStats([outcome('ana', true)], 0)).toThrow(RangeError);
    expect(rebuildStats([], 0)).toEqual([]);
  });
});

describe('applyOutcome against the plain immutable fold', () => {
  it('gives exactly the same statistics on a random log', () => {
    const folded = new Map<string, ReturnType<typeof applyOutcome>>();
    const reference = new Map<string, ReturnType<typeof applyOutcome>>();
    for (const o of referenceTimeOrder(randomLog(4, 2_000))) {
      const key = `${o.category}/${o.assignee}`;
      folded.set(key, applyOutcome(folded.get(key) ?? null, o, HALF_LIFE));
      reference.set(key, referenceApply(reference.get(key) ?? null, o, HALF_LIFE));
    }
    expect(folded).toEqual(reference);
  });

  it('keeps whatever else the statistics it is given carry', () => {
    const first = { ...applyOutcome(null, outcome('ana', true), HALF_LIFE), note: 'kept' };
    expect(applyOutcome(first, outcome('ana', false, { at: day(1) }), HALF_LIFE)).toMatchObject({
      note: 'kept',
      failures: 1,
    });
  });
});
