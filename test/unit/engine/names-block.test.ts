import { describe, expect, it } from 'vitest';
import { namesBlock } from '../../../src/engine/reason-dates.js';

const AT = Date.parse('2026-11-26T12:00:00Z');

describe("a failure's reason naming a block outside the work", () => {
  it('reads a wait on someone or something else', () => {
    for (const reason of [
      'blocked by Apple review until 2026-12-05',
      'blocked on API keys',
      'waiting on the partner API keys',
      'waiting for the payment provider',
      'KYC review pending',
      'pending approval from the bank',
      'until the fix in T-11 ships',
      'Google API quota approval pending, by 2026-12-21',
      'awaiting legal sign-off',
      'on-hold: legal review of FX rules',
      'on hold until the pricing call',
      "can't continue until legal signs off",
      'blocked until T-11 ships',
      'the vendor signs in January',
      'blocked: the vendor has not sent the FX API keys yet',
    ])
      expect(namesBlock(reason, AT), reason).toBe(true);
  });

  it('does not excuse what the work did, however it is worded', () => {
    for (const reason of [
      'pending migrations broke the deploy',
      'page keeps waiting forever on load',
      'not blocked by anything: it crashes on iOS 16',
      'invoices double-charged after T-5 was merged',
      'CI blocked the merge: 12 tests fail on Node 22',
      'crashes on launch on iOS 16',
      'broke since the March refactor',
      'exit 1: 12 passing 2 pending 3 failing',
      'double-charged once T-5 was merged',
      'crashes once T-12 data loads',
      'regressed until T-4 was reverted',
      'the queue stays pending',
    ])
      expect(namesBlock(reason, AT), reason).toBe(false);
  });
});
