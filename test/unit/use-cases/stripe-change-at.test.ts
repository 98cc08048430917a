import { describe, expect, it } from 'vitest';
import type { SubscriptionHistory } from '../../../src/domain/mrr.js';
import { changeAt } from '../../../src/use-cases/stripe-sync.js';

const NOW = '2026-12-01T01:00:00.000Z';
const stored = (...ats: string[]): SubscriptionHistory => ({
  ...{ id: 'sub_1', customer: 'cus_1', currency: 'usd' },
  states: ats.map((at) => ({ at, lines: [], discounts: [], live: true })),
});

describe('when a change a webhook event reports counts from', () => {
  it('is when the event happened, however late it arrives', () => {
    expect(changeAt(stored('2026-09-03T00:00:00Z'), '2026-11-29T15:00:00.000Z', NOW)).toBe(
      '2026-11-29T15:00:00.000Z',
    );
  });

  it('is never before the latest state kept, nor after now, and is now when no event dates it', () => {
    const kept = stored('2026-09-03T00:00:00Z', '2026-11-28T10:00:00.000Z');
    expect(changeAt(kept, '2026-11-25T10:00:00.000Z', NOW)).toBe('2026-11-28T10:00:00.000Z');
    // An event stamped ahead of this machine's clock.
    expect(changeAt(kept, '2026-12-01T01:04:00.000Z', NOW)).toBe(NOW);
    expect(changeAt(kept, undefined, NOW)).toBe(NOW);
    expect(changeAt(null, '2026-11-29T15:00:00.000Z', NOW)).toBe('2026-11-29T15:00:00.000Z');
  });
});
