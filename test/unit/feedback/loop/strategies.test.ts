import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors.js';
import {
  type Personality,
  PersonalityGoalFeedbackStrategy,
} from '../../../../src/feedback/loop/PersonalityGoalFeedbackStrategy.js';
import { SimpleGoalFeedbackStrategy } from '../../../../src/feedback/loop/SimpleGoalFeedbackStrategy.js';
import type { StrategyOptions } from '../../../../src/feedback/loop/types.js';

const options = (latest: Record<string, number>): StrategyOptions => ({ latest, monotonic: {} });

describe('SimpleGoalFeedbackStrategy', () => {
  it('moves half-way from the latest value to the target: latest 4, target 10 → 7', () => {
    const s = new SimpleGoalFeedbackStrategy().suggest(
      { progress: 4 },
      { progress: 10 },
      {},
      options({ progress: 4 }),
    );
    expect(s).toEqual({ progress: 7 });
  });

  it('moves half-way down for a smaller target: latest 8, target 2 → 5', () => {
    const s = new SimpleGoalFeedbackStrategy().suggest({ churn: 8 }, { churn: 2 }, {}, options({ churn: 8 }));
    expect(s.churn).toBe(5);
  });

  it('leaves non-numeric goal keys and other keys as the action had them', () => {
    const s = new SimpleGoalFeedbackStrategy().suggest(
      { progress: 4, mood: 'meh', channel: 'email' },
      { progress: 10, mood: 'happy' },
      {},
      options({ progress: 4 }),
    );
    expect(s).toEqual({ progress: 7, mood: 'meh', channel: 'email' });
  });

  it('leaves a goal key alone when there is no value to start from', () => {
    const s = new SimpleGoalFeedbackStrategy().suggest(
      { channel: 'email' },
      { progress: 10 },
      {},
      options({}),
    );
    expect(s).toEqual({ channel: 'email' });
  });

  it('does not modify the action it was given', () => {
    const action = { progress: 4 };
    new SimpleGoalFeedbackStrategy().suggest(action, { progress: 10 }, {}, options({ progress: 4 }));
    expect(action).toEqual({ progress: 4 });
  });
});

describe('PersonalityGoalFeedbackStrategy', () => {
  it.each([
    ['cautious', 5.5],
    ['neutral', 7],
    ['aggressive', 8.5],
  ] as const)('%s moves latest 4 toward target 10 to %d', (personality, expected) => {
    const strategy = new PersonalityGoalFeedbackStrategy(personality);
    expect(strategy.suggest({ progress: 4 }, { progress: 10 }, {}, options({ progress: 4 })).progress).toBe(
      expected,
    );
    expect(strategy.name).toBe(`personality:${personality}`);
  });

  it('throws a ValidationError listing the personalities for an unknown one', () => {
    const make = () => new PersonalityGoalFeedbackStrategy('reckless' as Personality);
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(/personality: one of cautious, neutral, aggressive \(got "reckless"\)/);
  });

  it('does not accept inherited property names as personalities', () => {
    expect(() => new PersonalityGoalFeedbackStrategy('toString' as Personality)).toThrow(ValidationError);
  });
});
