import { describe, expect, it } from 'vitest';
import { failedHoldEnds } from '../../../src/engine/memory.js';

// A failure's reason says what went wrong, often when: "broke since the March refactor", "a
// regression from the June release". Read as a rejection's, a month of the past the failure names
// was the next one of its name, and the work was held the 60 days memory keeps a failure.
describe('how long a failure holds its work', () => {
  const at = '2026-12-01T10:00:00.000Z';
  const dayOn = '2026-12-02T10:00:00.000Z';

  it.each([
    'webhook broke since the March refactor',
    'a regression from the June release',
    'broke in the August deploy',
    'Stripe account frozen after the September chargeback dispute',
    'the Q3 migration broke it',
    'missing Jan data',
    'crashes on March 31 dates',
    'the import broke this month',
    'the client needed it by 2026-12-21 and the build broke',
  ])('a day on when its reason only says when something happened: %s', (reason) => {
    const held = failedHoldEnds(at, reason, 30);
    expect(held.until).toBe(dayOn);
    expect(held.asked).toBeUndefined();
  });

  it.each([
    ['KYC review pending until 2026-12-15', '2026-12-15T00:00:00.000Z'],
    ['vendor sandbox down till January', '2027-01-01T00:00:00.000Z'],
    ['the vendor signs in January', '2027-01-01T00:00:00.000Z'],
    ['blocked: not before mid-January', '2027-01-15T00:00:00.000Z'],
    ['vendor contract signed in June 2027', '2027-01-30T10:00:00.000Z'],
    ['not this month, the API is frozen', '2027-01-01T00:00:00.000Z'],
    ['on hold until next week', '2026-12-07T00:00:00.000Z'],
    ['Gusto partner API access still pending, they say approval by 2026-12-21', '2026-12-21T00:00:00.000Z'],
  ])('until the time its reason waits for: %s', (reason, until) => {
    const held = failedHoldEnds(at, reason, 30);
    expect(held.until).toBe(until);
    expect(held.asked).toBeDefined();
  });
});
