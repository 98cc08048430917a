import { describe, expect, it } from 'vitest';
import { rejectionHold, rejectMemoryDays } from '../../../src/engine/memory.js';
import { namedShare, noDislike, reasonWaitsUntil } from '../../../src/engine/reason-dates.js';

const AT = Date.parse('2026-12-01T10:00:00Z');
const REJECTED = '2026-12-01T10:00:00Z';

describe("a rejection's reason", () => {
  it('names a share of people as a percentage of someone, and nothing else does', () => {
    expect(namedShare('under 1% of listeners')).toBe('1%');
    expect(namedShare('only 2.5 % of our users see it')).toBe('2.5%');
    expect(namedShare('0.5% OF accounts')).toBe('0.5%');
    for (const none of ['we are 80% sure nobody wants this', 'a 1% fix', '1000% of users', null, undefined])
      expect(namedShare(none), String(none)).toBeNull();
  });

  it('judging the work is a dislike, whatever time or other work it also names', () => {
    for (const reason of [
      'we tried late fees in March and users hated them',
      'same as every notification feature: nobody turns them on',
      'no one asked for it, not this quarter or any other',
      "dark mode didn't sell last year",
      'the referral widget never worked, duplicate of the old one',
      'customers dislike pop-ups',
    ])
      expect(noDislike(reason, AT), reason).toBe(false);
  });

  it('putting the work off, naming its twin or its size is still no dislike', () => {
    for (const reason of [
      'too big as one piece; split it into per-report slices',
      'not this quarter',
      'until March',
      'duplicate of T-3',
      'same as T-4',
      'nobody has time until January',
      "we'd hate to rush it before January",
      'not now',
      'until T-11 ships',
      'not now, wait for the diagnosis in T-2',
      // A review's week of putting work off, each once counted as a rejection.
      'not this sprint',
      'next sprint',
      'wait until after the holidays',
      'after the launch',
      'parking this for now',
      'not a priority right now',
      'on hold until finance signs off',
      'back burner',
      'not now, after the code freeze',
    ])
      expect(noDislike(reason, AT), reason).toBe(true);
  });

  it('without a time, or beside a verdict on the work, is a dislike still', () => {
    for (const reason of [
      'not a priority',
      'not worth a week',
      'not now, customers never asked for this',
      'park it, nobody uses reports',
      'not yet worth it',
    ])
      expect(noDislike(reason, AT), reason).toBe(false);
  });

  // A review's "next sprint" was held the 30 days of any rejection: back a sprint late.
  it('puts work off to the next sprint for a sprint, two weeks', () => {
    const sprint = AT + 14 * 86_400_000;
    for (const reason of [
      'next sprint',
      'not this sprint',
      'after this sprint',
      'pick it up the following iteration',
    ])
      expect(reasonWaitsUntil(reason, AT), reason).toBe(sprint);
    // A failure's reason says when things broke: "this sprint" is no time it waits for.
    expect(reasonWaitsUntil('broke during this sprint', AT, true)).toBeNull();
    expect(reasonWaitsUntil('next sprint', AT, true)).toBeNull();
    expect(reasonWaitsUntil('sprint planning ran long', AT)).toBeNull();
  });

  // A lead's failed bug ("BrowserStack access arrives 2026-12-14") was proposed again the next day.
  it('holds work until the day what stopped it arrives, not until a day it is needed by', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const at = day('2026-12-10');
    for (const reason of [
      'cannot reproduce without a Safari 16 device; BrowserStack access arrives 2026-12-14',
      'BrowserStack access arrives on 2026-12-14',
      'device arrives Monday 2026-12-14',
      'vendor gives us access on 2026-12-14',
      'API keys available 2026-12-14',
      'Dana is back 2026-12-14, she holds the credentials',
    ]) {
      expect(reasonWaitsUntil(reason, at, true), reason).toBe(day('2026-12-14'));
      expect(reasonWaitsUntil(reason, at), reason).toBe(day('2026-12-14'));
    }
    // A day the work is needed by is a deadline; a day gone by holds nothing.
    expect(reasonWaitsUntil('needed for the launch on 2026-12-20, crashed on save', at, true)).toBeNull();
    expect(reasonWaitsUntil('migration due 2026-12-14 failed halfway', at, true)).toBeNull();
    expect(reasonWaitsUntil('the keys arrived on 2026-12-01 but are wrong', at, true)).toBeNull();
    // A review's: each names a day the work is needed by, or what happened, not what it waits for.
    for (const reason of [
      'Stripe webhooks failing; must be ready by 2026-12-18 for the Acme pilot',
      'customer expected a fix before 2026-12-18',
      'we get the Acme demo on 2026-12-15 so we need this first',
      'approved for the 2026-12-10 release, ship it',
      'users get a 500 on checkout before the 2026-12-14 release',
      'back button broken on Safari and the release is 2026-12-14',
    ])
      expect(reasonWaitsUntil(reason, at, true), reason).toBeNull();
  });

  it('reads a month of what was done as the past, not a time the work waits for', () => {
    expect(reasonWaitsUntil('we tried late fees in March', AT)).toBeNull();
    expect(reasonWaitsUntil('we shipped a version last March, nobody came', AT)).toBeNull();
    expect(reasonWaitsUntil('we tried it in March; wait until June', AT)).toBe(
      Date.parse('2027-06-01T00:00:00Z'),
    );
    // What is still to come keeps its month.
    expect(reasonWaitsUntil('in March, after the pricing change', AT)).toBe(
      Date.parse('2027-03-01T00:00:00Z'),
    );
    expect(reasonWaitsUntil('design is busy, do it in February', AT)).toBe(
      Date.parse('2027-02-01T00:00:00Z'),
    );
  });

  it('judging the work holds it as long as a rejection is remembered, not as a duplicate nor until a month it names', () => {
    const cooldown = { at: REJECTED, times: 1 };
    const remembered = Date.parse(REJECTED) + rejectMemoryDays(30) * 86_400_000;
    const hated = rejectionHold(
      { ...cooldown, reason: 'we tried late fees in March and users hated them' },
      30,
    );
    expect(hated).toMatchObject({ byReason: true, judged: true, ends: remembered });
    const compared = rejectionHold(
      { ...cooldown, reason: 'same as every notification feature: nobody turns them on' },
      30,
    );
    expect(compared.duplicate).toBeUndefined();
    expect(compared).toMatchObject({ judged: true, ends: remembered });
    // A lead's reasons: customers not asking for it, and a tool they use instead.
    for (const reason of [
      'cosmetic; customers are not asking for it',
      'accountants use the Xero sync instead',
      'customers never asked for this',
      'our customers never requested this',
    ])
      expect(rejectionHold({ ...cooldown, reason }, 30)).toMatchObject({ judged: true, ends: remembered });
    // Put off, it is held for the cooldown as before.
    expect(rejectionHold({ ...cooldown, reason: 'not now' }, 30).judged).toBeUndefined();
    // A twin is still held as long as memory keeps the rejection.
    expect(rejectionHold({ ...cooldown, reason: 'duplicate of T-3' }, 30).duplicate).toBe(true);
  });
});
