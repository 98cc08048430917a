import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../../src/domain/clock.js';
import { FeedbackEventBus } from '../../../../src/feedback/loop/FeedbackEventBus.js';
import { GoalDrivenFeedbackLoop } from '../../../../src/feedback/loop/GoalDrivenFeedbackLoop.js';
import {
  GoalFeedbackRunner,
  type GoalFeedbackRunnerOptions,
} from '../../../../src/feedback/loop/GoalFeedbackRunner.js';
import { SimpleGoalFeedbackStrategy } from '../../../../src/feedback/loop/SimpleGoalFeedbackStrategy.js';
import type { Action, Suggestion } from '../../../../src/feedback/loop/types.js';
import { manualTimers, recordingLogger, settle } from './fakes.js';

const clock = fixedClock('2026-03-10T09:00:00.000Z');

function setup(overrides: Partial<GoalFeedbackRunnerOptions> = {}) {
  const loop = new GoalDrivenFeedbackLoop(new SimpleGoalFeedbackStrategy(), {
    goalState: { progress: 10 },
    clock,
  });
  const inbox: Action[][] = [];
  const delivered: Suggestion[][] = [];
  const timers = manualTimers();
  const logger = recordingLogger();
  const suggest = vi.spyOn(loop, 'suggestActions');
  const runner = new GoalFeedbackRunner({
    loop,
    fetchNewActions: () => inbox.shift() ?? [],
    deliver: (suggestions) => {
      delivered.push(suggestions);
    },
    intervalMs: 1000,
    clock,
    logger,
    timers,
    ...overrides,
  });
  return { loop, inbox, delivered, timers, logger, suggest, runner };
}

describe('GoalFeedbackRunner: recomputing', () => {
  it('recomputes only when there are new actions or the goal state or history changed', async () => {
    const { loop, inbox, delivered, suggest, runner } = setup();
    expect(await runner.runOnce()).toEqual({ status: 'unchanged' });

    inbox.push([{ progress: 4 }]);
    expect(await runner.runOnce()).toEqual({ status: 'delivered', suggestions: 1 });
    expect(delivered.at(-1)?.map((s) => s.progress)).toEqual([7]);
    expect(await runner.runOnce()).toEqual({ status: 'unchanged' });
    expect(suggest).toHaveBeenCalledTimes(1);

    loop.goalState = { progress: 20 };
    expect(await runner.runOnce()).toEqual({ status: 'delivered', suggestions: 1 });
    expect(delivered.at(-1)?.map((s) => s.progress)).toEqual([12]);
    expect(await runner.runOnce()).toEqual({ status: 'unchanged' });

    loop.extendHistory([{ progress: 6 }]);
    await runner.runOnce();
    expect(delivered.at(-1)?.map((s) => s.progress)).toEqual([13]);
    expect(delivered).toHaveLength(3);
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(loop.history.map((a) => a.progress)).toEqual([4, 6]);
  });

  it('delivers suggestions again on the next run when delivery failed, without storing the actions twice', async () => {
    let failNext = true;
    const delivered: Suggestion[][] = [];
    const { loop, inbox, runner } = setup({
      deliver: (suggestions) => {
        if (failNext) {
          failNext = false;
          throw new Error('chat is down');
        }
        delivered.push(suggestions);
      },
    });
    inbox.push([{ progress: 4 }]);
    expect((await runner.runOnce()).status).toBe('failed');
    expect(await runner.runOnce()).toEqual({ status: 'delivered', suggestions: 1 });
    expect(delivered[0]?.[0]?.progress).toBe(7);
    expect(loop.history).toHaveLength(1);
  });

  it('drops actions that fail validation instead of retrying them forever, and logs why', async () => {
    const { inbox, logger, runner } = setup();
    inbox.push([{ progress: 'ten' }]);
    const result = await runner.runOnce();
    expect(result).toMatchObject({ status: 'failed', failures: 1, retryInMs: 2000 });
    expect(logger.lines.at(-1)?.obj).toMatchObject({ dropped: true });
    expect(await runner.runOnce()).toEqual({ status: 'unchanged' });
  });

  it('retries actions whose run failed for a passing reason', async () => {
    const { loop, inbox, suggest, runner } = setup();
    suggest.mockImplementationOnce(() => {
      throw new Error('SQLITE_BUSY');
    });
    inbox.push([{ progress: 4 }]);
    expect((await runner.runOnce()).status).toBe('failed');
    expect(await runner.runOnce()).toEqual({ status: 'delivered', suggestions: 1 });
    expect(loop.history.map((a) => a.progress)).toEqual([4]);
  });
});

describe('GoalFeedbackRunner: scheduling', () => {
  it('polls every interval while all is well', async () => {
    const { inbox, delivered, timers, runner } = setup();
    runner.start();
    inbox.push([{ progress: 4 }]);
    await timers.fireNext();
    await timers.fireNext();
    await timers.fireNext();
    expect(timers.delays).toEqual([0, 1000, 1000, 1000]);
    expect(delivered).toHaveLength(1);
    await runner.stop();
  });

  it('backs off exponentially on failure up to the cap, and resets after a success', async () => {
    let failing = true;
    const { timers, logger, runner } = setup({
      maxBackoffMs: 10_000,
      fetchNewActions: () => {
        if (failing) throw new Error('queue unreachable');
        return [];
      },
    });
    runner.start();
    for (let i = 0; i < 5; i += 1) await timers.fireNext();
    expect(timers.delays).toEqual([0, 2000, 4000, 8000, 10_000, 10_000]);
    expect(runner.status.failures).toBe(5);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(5);
    expect((logger.lines[0]?.obj.err as Error).message).toBe('queue unreachable');
    failing = false;
    await timers.fireNext();
    expect(timers.delays.at(-1)).toBe(1000);
    expect(runner.status.failures).toBe(0);
    await runner.stop();
  });

  it('stop waits for the run in progress, schedules nothing more, and start works again', async () => {
    let release = () => {};
    const delivered: Suggestion[][] = [];
    const { inbox, timers, runner } = setup({
      deliver: (suggestions) =>
        new Promise<void>((resolve) => {
          release = () => {
            delivered.push(suggestions);
            resolve();
          };
        }),
    });
    runner.start();
    inbox.push([{ progress: 4 }]);
    await timers.fireNext();
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(delivered).toHaveLength(1);
    expect(timers.pending()).toBe(0);
    expect(runner.status.running).toBe(false);

    runner.start();
    expect(runner.status.running).toBe(true);
    inbox.push([{ progress: 6 }]);
    await timers.fireNext();
    release();
    await settle();
    expect(delivered.map((batch) => batch[0]?.progress)).toEqual([7, 8]);
    await runner.stop();
    expect(timers.pending()).toBe(0);
  });

  it('runs at once when the bus announces new actions, and stops listening once stopped', async () => {
    const bus = new FeedbackEventBus<{ actions: Action[]; goalChanged: { version: number } }>();
    const { delivered, timers, runner } = setup({ bus });
    runner.start();
    await timers.fireNext();
    expect(timers.delays).toEqual([0, 1000]);

    await bus.publish('actions', [{ progress: 4 }]);
    expect(timers.delays.at(-1)).toBe(0);
    await timers.fireNext();
    expect(delivered.map((batch) => batch.map((s) => s.progress))).toEqual([[7]]);
    expect(timers.pending()).toBe(1);

    await runner.stop();
    expect(await bus.publish('actions', [{ progress: 5 }])).toEqual({ ok: 0, failed: 0 });
  });

  it('refuses an interval that is not a positive number', () => {
    expect(() => setup({ intervalMs: 0 })).toThrow(/intervalMs: milliseconds > 0/);
  });
});
