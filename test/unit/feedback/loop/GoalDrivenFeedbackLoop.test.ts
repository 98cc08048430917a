import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src/domain/clock.js';
import { ValidationError } from '../../../../src/errors.js';
import { GoalDrivenFeedbackLoop } from '../../../../src/feedback/loop/GoalDrivenFeedbackLoop.js';
import { InMemoryGoalStateTracker } from '../../../../src/feedback/loop/InMemoryGoalStateTracker.js';
import type {
  GoalDrivenFeedbackLoopOptions,
  GoalFeedbackStrategy,
} from '../../../../src/feedback/loop/index.js';
import { PersonalityGoalFeedbackStrategy } from '../../../../src/feedback/loop/PersonalityGoalFeedbackStrategy.js';
import { SimpleGoalFeedbackStrategy } from '../../../../src/feedback/loop/SimpleGoalFeedbackStrategy.js';

const NOW = '2026-03-10T09:00:00.000Z';
const DAY = 86_400_000;

function movableClock(iso = NOW): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return {
    now: () => new Date(at),
    set: (next) => {
      at = new Date(next);
    },
  };
}

const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();

function simpleLoop(options: GoalDrivenFeedbackLoopOptions = {}) {
  return new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), {
    goalState: { progress: 10 },
    clock: movableClock(),
    ...options,
  });
}

const progressOf = (actions: Array<Record<string, unknown>>) => actions.map((a) => a.progress);

describe('GoalDrivenFeedbackLoop: suggestions', () => {
  it('nudges a new action half-way to the target and stamps it with the time', () => {
    const [s] = simpleLoop().suggestActions([], [{ progress: 4 }]);
    expect(s?.progress).toBe(7);
    expect(s?.at).toBe(NOW);
    expect(s?.analysis.progress?.current).toBe(4);
  });

  it('uses the chosen personality: cautious 4 → 5.5', () => {
    const loop = new GoalDrivenFeedbackLoop(new PersonalityGoalFeedbackStrategy('cautious'), {
      goalState: { progress: 10 },
    });
    expect(loop.suggestActions([], [{ progress: 4 }])[0]?.progress).toBe(5.5);
  });

  it('starts from the latest value in the timeline when the action has none', () => {
    const [s] = simpleLoop().suggestActions([{ progress: 4 }], [{ channel: 'email' }]);
    expect(s).toMatchObject({ channel: 'email', progress: 7 });
  });

  it('gives one suggestion per new action, each from the latest value as of that action', () => {
    const suggestions = simpleLoop().suggestActions(
      [{ progress: 2 }],
      [{ progress: 4 }, { note: 'x' }, { progress: 8 }],
    );
    expect(progressOf(suggestions)).toEqual([7, 7, 9]);
  });

  it('leaves non-numeric goal keys untouched and does not analyse them', () => {
    const loop = simpleLoop({ goalState: { progress: 10, mood: 'happy' } });
    const [s] = loop.suggestActions([], [{ progress: 4, mood: 'meh' }]);
    expect(s?.mood).toBe('meh');
    expect(Object.keys(s?.analysis ?? {})).toEqual(['progress']);
  });

  it('never proposes moving an up-only key below its latest value', () => {
    const loop = simpleLoop({ monotonic: { progress: 'up' } });
    expect(loop.suggestActions([], [{ progress: 12 }])[0]?.progress).toBe(12);
    expect(loop.suggestActions([], [{ progress: 4 }])[0]?.progress).toBe(7);
  });

  it('clamps a strategy that proposes going backwards on a monotonic key, either way', () => {
    const backwards: GoalFeedbackStrategy = {
      name: 'backwards',
      suggest: (action, _goal, _analysis, { latest }) => ({
        ...action,
        progress: (latest.progress ?? 0) - 5,
        cost: (latest.cost ?? 0) + 5,
      }),
    };
    const loop = new GoalDrivenFeedbackLoop(backwards, {
      goalState: { progress: 10, cost: 1 },
      monotonic: { progress: 'up', cost: 'down' },
    });
    expect(loop.suggestActions([], [{ progress: 6, cost: 3 }])[0]).toMatchObject({ progress: 6, cost: 3 });
  });

  it('rejects a monotonic direction other than up or down', () => {
    expect(() => simpleLoop({ monotonic: { progress: 'sideways' as 'up' } })).toThrow(
      /monotonic.progress: up or down/,
    );
  });
});

describe('GoalDrivenFeedbackLoop: history', () => {
  it('uses the stored timeline when given an empty history', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 2 }]);
    const [s] = loop.suggestActions([], [{ progress: 4 }]);
    expect(progressOf(loop.history)).toEqual([2, 4]);
    expect(s?.analysis.progress).toMatchObject({ baseline: 2, current: 4, momentum: 2 });
  });

  it('replaces the stored timeline with a non-empty history', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 2 }, { progress: 4 }]);
    const [s] = loop.suggestActions([{ progress: 1 }], [{ progress: 3 }]);
    expect(progressOf(loop.history)).toEqual([1, 3]);
    expect(s?.analysis.progress?.baseline).toBe(1);
  });

  it('analyses the timeline including the actions just submitted', () => {
    const [s] = simpleLoop().suggestActions([{ progress: 2 }], [{ progress: 6 }]);
    expect(s?.analysis.progress).toMatchObject({ baseline: 2, current: 6, momentum: 4, progressRatio: 0.5 });
  });

  it('keeps an action’s own time and stamps only those without one', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 1, at: '2026-03-01T00:00:00Z' }, { progress: 2 }]);
    expect(loop.history.map((a) => a.at)).toEqual(['2026-03-01T00:00:00Z', NOW]);
  });

  it('keeps only the newest maxEntries entries', () => {
    const loop = simpleLoop({ retention: { maxEntries: 3 } });
    loop.suggestActions(
      [{ progress: 1 }, { progress: 2 }, { progress: 3 }],
      [{ progress: 4 }, { progress: 5 }],
    );
    expect(progressOf(loop.history)).toEqual([3, 4, 5]);
    expect(loop.lastAnalysis?.progress?.baseline).toBe(3);
  });

  it('drops entries older than maxAgeDays', () => {
    const loop = simpleLoop({ retention: { maxAgeDays: 7 } });
    loop.suggestActions(
      [
        { progress: 1, at: daysAgo(10) },
        { progress: 2, at: daysAgo(6) },
      ],
      [{ progress: 3 }],
    );
    expect(progressOf(loop.history)).toEqual([2, 3]);
  });

  it('ages stored entries by the clock on later calls', () => {
    const clock = movableClock();
    const loop = simpleLoop({ clock, retention: { maxAgeDays: 7 } });
    loop.suggestActions([], [{ progress: 1 }]);
    clock.set(new Date(Date.parse(NOW) + 8 * DAY).toISOString());
    loop.suggestActions([], [{ progress: 2 }]);
    expect(progressOf(loop.history)).toEqual([2]);
  });

  it('rejects an invalid retention policy', () => {
    expect(() => simpleLoop({ retention: { maxEntries: 0 } })).toThrow(
      /retention.maxEntries: a whole number ≥ 1/,
    );
    expect(() => simpleLoop({ retention: { maxAgeDays: -1 } })).toThrow(/retention.maxAgeDays/);
  });

  it('extends and resets the stored timeline', () => {
    const loop = simpleLoop();
    loop.extendHistory([{ progress: 2 }, { progress: 3 }]);
    expect(loop.history).toEqual([
      { progress: 2, at: NOW },
      { progress: 3, at: NOW },
    ]);
    loop.resetHistory();
    expect(loop.history).toEqual([]);
  });

  it('returns copies: changing what it returned changes nothing stored', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 2 }]);
    const history = loop.history;
    (history[0] as Record<string, unknown>).progress = 99;
    const goal = loop.goalState;
    goal.progress = 99;
    expect(loop.history[0]?.progress).toBe(2);
    expect(loop.goalState.progress).toBe(10);
  });

  it('keeps lastAnalysis null until the first call, then the analysis of the last call', () => {
    const loop = simpleLoop();
    expect(loop.lastAnalysis).toBeNull();
    const [s] = loop.suggestActions([], [{ progress: 4 }]);
    expect(loop.lastAnalysis).toEqual(s?.analysis);
  });
});

describe('GoalDrivenFeedbackLoop: validation', () => {
  it('refuses to analyse nothing', () => {
    expect(() => simpleLoop().suggestActions([], [])).toThrow(ValidationError);
    expect(() => simpleLoop().suggestActions([], [])).toThrow(/^nothing to analyse: /);
  });

  it('returns no suggestions but analyses the stored timeline when there are no new actions', () => {
    const loop = simpleLoop();
    loop.extendHistory([{ progress: 2 }, { progress: 4 }]);
    expect(loop.suggestActions([], [])).toEqual([]);
    expect(loop.lastAnalysis?.progress?.current).toBe(4);
  });

  it('names the key and the action holding text where a number belongs, and stores nothing', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 2 }]);
    const bad = () => loop.suggestActions([], [{ progress: 3 }, { progress: 'ten' }]);
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow('progress: a finite number like 4 (got "ten") in new action 2');
    try {
      bad();
    } catch (error) {
      expect((error as ValidationError).field).toBe('progress');
    }
    expect(progressOf(loop.history)).toEqual([2]);
  });

  it('rejects NaN and Infinity in the history, and null', () => {
    const loop = simpleLoop();
    expect(() => loop.suggestActions([{ progress: Number.NaN }], [])).toThrow(
      /progress: .* \(got NaN\) in history entry 1/,
    );
    expect(() => loop.suggestActions([], [{ progress: Number.POSITIVE_INFINITY }])).toThrow(/got Infinity/);
    expect(() => loop.suggestActions([], [{ progress: null }])).toThrow(/progress: a finite number/);
  });

  it('rejects an action that is not an object, and a malformed time', () => {
    const loop = simpleLoop();
    expect(() => loop.suggestActions([], [42 as unknown as Record<string, unknown>])).toThrow(
      /new action 1: an object like/,
    );
    expect(() => loop.suggestActions([], [{ progress: 1, at: 'yesterday' }])).toThrow(
      /at: a time with its zone like/,
    );
    // Read in the machine's own zone, the same action was a different time on each.
    expect(() => loop.suggestActions([], [{ progress: 1, at: '2026-03-01T09:00' }])).toThrow(
      /2026-03-01T09:00 has no time zone: add Z for UTC or an offset like \+01:00\) in new action 1$/,
    );
    expect(loop.suggestActions([], [{ progress: 1, at: '2026-03-01T09:00:00+01:00' }])).toBeDefined();
  });

  it('rejects a goal state with NaN or Infinity, naming the key', () => {
    expect(() => simpleLoop({ goalState: { progress: Number.NaN } })).toThrow(/progress: a finite target/);
    const loop = simpleLoop();
    expect(() => {
      loop.goalState = { revenue: Number.POSITIVE_INFINITY };
    }).toThrow(/revenue: a finite target like 10 \(got Infinity\)/);
    expect(loop.goalState).toEqual({ progress: 10 });
  });

  it('names the key when a stored value turns out non-numeric under a new goal', () => {
    const loop = simpleLoop();
    loop.extendHistory([{ stage: 'beta' }]);
    loop.goalState = { progress: 10, stage: 3 };
    expect(() => loop.suggestActions([], [{ progress: 1 }])).toThrow(
      /stage: a finite number like 4 \(got "beta"\)/,
    );
  });
});

describe('GoalDrivenFeedbackLoop: goal state', () => {
  it('stores a new goal state through the tracker and bumps the version', () => {
    const tracker = new InMemoryGoalStateTracker('team');
    const loop = simpleLoop({ tracker });
    const version = loop.version;
    loop.goalState = { progress: 20 };
    expect(loop.version).toBe(version + 1);
    expect(tracker.load().goalState).toEqual({ progress: 20 });
    expect(loop.suggestActions([], [{ progress: 4 }])[0]?.progress).toBe(12);
  });

  it('keeps the stored goal state when none is given, and does not re-save an identical one', () => {
    const tracker = new InMemoryGoalStateTracker();
    simpleLoop({ tracker });
    expect(tracker.revision().version).toBe(1);
    simpleLoop({ tracker });
    expect(tracker.revision().version).toBe(1);
    const loop = new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), { tracker });
    expect(loop.goalState).toEqual({ progress: 10 });
  });

  it('re-suggests for the latest stored action after the goal changed, storing nothing', () => {
    const loop = simpleLoop();
    loop.suggestActions([], [{ progress: 4 }]);
    loop.goalState = { progress: 20 };
    expect(loop.reviewLatest()[0]?.progress).toBe(12);
    expect(loop.history).toHaveLength(1);
  });

  it('refuses a name that differs from its tracker’s', () => {
    expect(() => simpleLoop({ name: 'a', tracker: new InMemoryGoalStateTracker('b') })).toThrow(
      /name: "a" differs/,
    );
  });
});
