import { describe, expect, it } from 'vitest';
import { FeedbackEventBus } from '../../../../src/feedback/loop/FeedbackEventBus.js';
import { recordingLogger } from './fakes.js';

type Events = { actions: Array<{ progress: number }>; goalChanged: { version: number } };

describe('FeedbackEventBus', () => {
  it('delivers a payload to every subscriber of that event only', async () => {
    const bus = new FeedbackEventBus<Events>();
    const seen: string[] = [];
    bus.subscribe('actions', (actions) => {
      seen.push(`a:${actions.length}`);
    });
    bus.subscribe('actions', async (actions) => {
      seen.push(`b:${actions[0]?.progress}`);
    });
    bus.subscribe('goalChanged', ({ version }) => {
      seen.push(`goal:${version}`);
    });
    expect(await bus.publish('actions', [{ progress: 4 }])).toEqual({ ok: 2, failed: 0 });
    expect(seen).toEqual(['a:1', 'b:4']);
  });

  it('keeps running the other handlers when one throws or rejects, and logs each failure with the event', async () => {
    const logger = recordingLogger();
    const bus = new FeedbackEventBus<Events>({ logger });
    const ran: string[] = [];
    bus.subscribe('actions', () => {
      throw new Error('sync boom');
    });
    bus.subscribe('actions', () => {
      ran.push('second');
    });
    bus.subscribe('actions', async () => {
      throw new Error('async boom');
    });
    bus.subscribe('actions', () => {
      ran.push('fourth');
    });
    expect(await bus.publish('actions', [])).toEqual({ ok: 2, failed: 2 });
    expect(ran).toEqual(['second', 'fourth']);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => [l.obj.event, (l.obj.err as Error).message])).toEqual([
      ['actions', 'sync boom'],
      ['actions', 'async boom'],
    ]);
  });

  it('stops calling a handler once it unsubscribes', async () => {
    const bus = new FeedbackEventBus<Events>();
    let calls = 0;
    const unsubscribe = bus.subscribe('goalChanged', () => {
      calls += 1;
    });
    await bus.publish('goalChanged', { version: 1 });
    unsubscribe();
    expect(await bus.publish('goalChanged', { version: 2 })).toEqual({ ok: 0, failed: 0 });
    expect(calls).toBe(1);
  });

  it('runs a function subscribed twice twice, and unsubscribes each separately', async () => {
    const bus = new FeedbackEventBus<Events>();
    let calls = 0;
    const handler = () => {
      calls += 1;
    };
    const first = bus.subscribe('goalChanged', handler);
    bus.subscribe('goalChanged', handler);
    first();
    await bus.publish('goalChanged', { version: 1 });
    expect(calls).toBe(1);
  });
});
