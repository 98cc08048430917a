import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/chat.js';
import { type ChatPort, deliver, silentLogger } from '../../src/index.js';
import { type ChatHarness, chatHarness, consolePort } from '../helpers/chat.js';
import { manualClock } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const HOUR = 3_600_000;
let chat: ChatHarness | null = null;
afterEach(() => chat?.close());

/**
 * A console channel on a workspace whose clock starts on a Monday at 09:00 UTC: what a person types
 * there (its reply delivered), the reminders maintenance job run (with the console's connection
 * unless told otherwise: the details of what it sent), and the reminders posted so far.
 */
function channel() {
  const clock = manualClock('2026-11-23T09:00:00Z');
  const harness = chatHarness(tempDir(), undefined, true, clock);
  chat = harness;
  const { port, posted } = consolePort();
  const say = async (user: string, text: string) => {
    const request = { workspaceId: 'default', origin: 'command', channelId: 'console' } as const;
    await deliver({ app: harness.app, port, logger: silentLogger }, request, await harness.say(user, text));
  };
  const remind = async (ports: { console?: ChatPort } = { console: port }) =>
    (
      await createScheduler({
        app: harness.app,
        store: harness.store,
        ports,
        clock,
        logger: silentLogger,
        graceMinutes: 180,
      }).runMaintenance('reminders')
    ).details;
  const reminders = () => posted.filter((p) => p.text.startsWith('⏰'));
  const texts = () => reminders().map((p) => p.text);
  return { clock, harness, say, remind, reminders, texts };
}

describe('reminders', () => {
  it('follow the channel’s setting: none when off; once the latest digest showing a task is that late', async () => {
    const { clock, harness, say, remind, reminders } = channel();

    await say('ana', 'subscribe 09:00 UTC --remind-after off');
    await say('ana', 'digest --max-tasks 3');
    clock.advance(72 * HOUR);
    expect(await remind()).toEqual([]);

    // Four hours now: the next digest shows T-1 to T-3 again, with one more; bo decides T-2.
    await say('ana', 'subscribe 09:00 UTC --remind-after 4h');
    await say('ana', 'digest --max-tasks 4');
    await harness.say('bo', 'approve T-2');
    clock.advance(3 * HOUR);
    expect(await remind()).toEqual([]);
    clock.advance(HOUR);
    // A process without a console connection leaves the reminder to one that has it.
    expect(await remind({})).toEqual([]);
    expect(await remind()).toEqual([
      { workspaceId: 'default', platform: 'console', channelId: 'console', refs: ['T-1', 'T-3', 'T-4'] },
    ]);
    // The console has no threads: the reminder is printed in the channel, naming the approvers.
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.text).toMatch(/^⏰ @ana @bo: 3 tasks still await a decision\./);
    expect(reminders()[0]?.target).toEqual({
      workspaceId: 'default',
      platform: 'console',
      channelId: 'console',
    });
    clock.advance(24 * HOUR);
    expect(await remind()).toEqual([]);
    expect(reminders()).toHaveLength(1);
  });

  it('mention only the approvers at work, and wait while every one of them is away', async () => {
    const { clock, say, remind, texts } = channel();

    await say('ana', 'subscribe 09:00 UTC --remind-after 4h');
    await say('ana', 'digest --max-tasks 2');
    await say('ana', 'away until 2026-11-24');
    await say('bo', 'away until 2026-11-24');
    clock.advance(5 * HOUR);
    // Both approvers away: no reminder yet, and none is used up.
    expect(await remind()).toEqual([]);
    // Wednesday: bo is back (ana's away ended too, but she is off on Wednesdays now).
    await say('ana', 'me days mon,tue,thu,fri');
    clock.advance(48 * HOUR);
    expect(await remind()).toHaveLength(1);
    expect(texts()[0]).toMatch(/^⏰ @bo: 2 tasks still await a decision\./);
  });

  it('wait until an approver is within their hours, then mention only those who are, once', async () => {
    const { clock, say, remind, texts } = channel();

    // ana works 09:00-17:00 in Tokyo (00:00-08:00 UTC), bo 10:00-18:00 in New York (15:00-23:00 UTC).
    await say('ana', 'me timezone Asia/Tokyo');
    await say('ana', 'me hours 09:00-17:00');
    await say('bo', 'me timezone America/New_York');
    await say('bo', 'me hours 10:00-18:00');
    await say('ana', 'subscribe 09:00 UTC --remind-after 4h');
    await say('ana', 'digest --max-tasks 2');
    // Due at 13:00 UTC: 22:00 in Tokyo, 08:00 in New York; nobody is at work, so it waits.
    clock.advance(4 * HOUR);
    expect(await remind()).toEqual([]);
    clock.advance(2 * HOUR - 60_000);
    expect(await remind()).toEqual([]);
    // 15:00 UTC: bo's 10:00. The reminder goes, naming bo alone.
    clock.advance(60_000);
    expect(await remind()).toEqual([
      { workspaceId: 'default', platform: 'console', channelId: 'console', refs: ['T-1', 'T-2'] },
    ]);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toMatch(/^⏰ @bo: 2 tasks still await a decision\./);
    // Tuesday 00:00 UTC, ana's 09:00: the tasks were reminded of already.
    clock.advance(9 * HOUR);
    expect(await remind()).toEqual([]);
    expect(texts()).toHaveLength(1);
  });

  it('keep someone who set no hours to 09:00-18:00 their time; `me hours any` still means any hour', async () => {
    const { clock, say, remind, texts } = channel();

    // Both in Tokyo; ana never said her hours, bo said any hour.
    await say('ana', 'me timezone Asia/Tokyo');
    await say('bo', 'me timezone Asia/Tokyo');
    await say('bo', 'me hours any');
    await say('ana', 'subscribe 09:00 UTC --remind-after 4h');
    await say('ana', 'digest --max-tasks 2');
    // Due at 13:00 UTC, 22:00 in Tokyo: bo, at work any hour, is named; ana is not.
    clock.advance(4 * HOUR);
    expect(await remind()).toHaveLength(1);
    expect(texts()).toEqual([expect.stringMatching(/^⏰ @bo: 2 tasks still await a decision\./)]);
  });

  it('wait for 09:00 in the zone of approvers who set no hours, not midnight', async () => {
    const { clock, say, remind, texts } = channel();

    await say('ana', 'me timezone Asia/Tokyo');
    await say('bo', 'me timezone Asia/Tokyo');
    await say('ana', 'subscribe 09:00 UTC --remind-after 4h');
    await say('ana', 'digest --max-tasks 2');
    // 15:00 UTC is 00:00 Tuesday in Tokyo: nobody is mentioned at midnight.
    clock.advance(6 * HOUR);
    expect(await remind()).toEqual([]);
    // Tuesday 00:00 UTC, 09:00 in Tokyo: the reminder goes, naming both.
    clock.advance(9 * HOUR);
    expect(await remind()).toHaveLength(1);
    expect(texts()).toEqual([expect.stringMatching(/^⏰ @ana @bo: 2 tasks still await a decision\./)]);
  });
});
