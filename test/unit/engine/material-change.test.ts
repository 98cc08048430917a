import { describe, expect, it } from 'vitest';
import { materialChange, rejectionHold } from '../../../src/engine/memory.js';
import {
  noDislike,
  reasonWaitsOnTask,
  reasonWaitsOnTitle,
  reasonWaitsUntil,
} from '../../../src/engine/reason-dates.js';

describe('materialChange', () => {
  it('says a stake a rejected task now has beside its share of the gap, not a rise from $0', () => {
    // Rejected on its share of the gap alone (its card said $487.50); a churn rise it serves now counts.
    expect(materialChange({ stakeUsd: 0, gapUsd: 4000 }, { stakeUsd: 563, gapUsd: 4000 })).toBe(
      '$563/month is at stake behind it now besides any share of the revenue gap, where nothing was when it was rejected',
    );
    expect(materialChange({ stakeUsd: 200 }, { stakeUsd: 600 })).toBe(
      'the dollars at stake behind it besides any share of the revenue gap rose from $200 to $600/month',
    );
    expect(materialChange({ stakeUsd: 200 }, { stakeUsd: 210 })).toBeNull();
  });

  it('counts a larger revenue gap only for work drafted to answer it', () => {
    const before = { stakeUsd: 0, gapUsd: 300 };
    const now = { stakeUsd: 0, gapUsd: 689 };
    expect(materialChange(before, now)).toBe('the revenue gap it shares rose from $300 to $689/month');
    // A backlog item shares the gap alike with every other: no news about it.
    expect(materialChange(before, now, true, false)).toBeNull();
  });
});

describe('rejectionHold', () => {
  // A third review rejected work again "until mid-January, as we said" on 2 January and found it
  // held until March, as work rejected twice is: the team had said when. A later review found
  // "until next week" and "until 2026-12-07", said on 18 November, held to 18 December, the
  // cooldown: the team had said when there too.
  it('holds rejected work until the time its reason names, sooner or later than a cooldown', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const again = { at: '2027-01-02T10:00:00Z', times: 2, reason: 'until mid-January, as we said' };
    expect(day(rejectionHold(again, 30).ends)).toBe('2027-01-15');
    const once = { at: '2026-11-18T10:00:00Z', times: 1 };
    expect(day(rejectionHold({ ...once, reason: 'until next week' }, 30).ends)).toBe('2026-11-23');
    expect(day(rejectionHold({ ...once, reason: 'until 2026-12-07' }, 30).ends)).toBe('2026-12-07');
    expect(rejectionHold({ ...once, reason: 'until 2026-12-07' }, 30).byReason).toBe(true);
    expect(day(rejectionHold({ ...once, reason: 'not now' }, 30).ends)).toBe('2026-12-18');
    expect(day(rejectionHold({ ...again, reason: 'still not now' }, 30).ends)).toBe('2027-03-03');
    expect(day(rejectionHold({ ...again, reason: 'until April 2027' }, 30).ends)).toBe('2027-04-01');
  });
});

describe('reasonWaitsOnTask', () => {
  it('reads the task a reason waits for, and nothing from a reason that only names one', () => {
    expect(reasonWaitsOnTask('wait until Shipwise billing (T-11) ships')).toBe('T-11');
    expect(reasonWaitsOnTask('after t-4 is done')).toBe('T-4');
    expect(reasonWaitsOnTask('Once T-9 lands, yes')).toBe('T-9');
    // As tasks are named, as `show T-05` finds T-5: a plan matched T-05 to no task, its reply held.
    expect(reasonWaitsOnTask('not until T-05 ships')).toBe('T-5');
    // A review's lead put a goal's experiment after its diagnosis in words of waiting, not "until".
    expect(reasonWaitsOnTask('not now, wait for the diagnosis in T-2')).toBe('T-2');
    expect(reasonWaitsOnTask('waiting on T-14 to land')).toBe('T-14');
    expect(reasonWaitsOnTask('Blocked by T-7')).toBe('T-7');
    expect(reasonWaitsOnTask('depends on the pricing page, T-3')).toBe('T-3');
    expect(reasonWaitsOnTask('we waited for months; see T-9. No')).toBeNull();
    expect(reasonWaitsOnTask('no time to wait. T-4 covers it')).toBeNull();
    expect(reasonWaitsOnTask('duplicate of T-1')).toBeNull();
    expect(reasonWaitsOnTask('T-3 first. Until then, no')).toBeNull();
    expect(reasonWaitsOnTask('not this quarter')).toBeNull();
    expect(reasonWaitsOnTask(null)).toBeNull();
  });
});

describe('reasonWaitsUntil', () => {
  const at = Date.parse('2026-11-21T09:00:00Z');
  const day = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));
  it('reads the time a rejection reason names, on the UTC calendar', () => {
    expect(day(reasonWaitsUntil('not this quarter', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('Next quarter, after the launch', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('Q2 work', at))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('q1 2028', at))).toBe('2028-01-01');
    expect(day(reasonWaitsUntil('not this month', at))).toBe('2026-12-01');
    // A Saturday: weeks begin on Monday.
    expect(day(reasonWaitsUntil('until next week', at))).toBe('2026-11-23');
    expect(day(reasonWaitsUntil('not this week', at))).toBe('2026-11-23');
    expect(reasonWaitsUntil('we know why: the rewrite ships next week', at)).toBeNull();
    // "After the December release freeze": after December, not its first day.
    expect(day(reasonWaitsUntil('not until after the December release freeze', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('next year', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('wait until 2027-02-15 for the redesign', at))).toBe('2027-02-15');
  });

  // A review's "not now, after the launch on 2026-06-15" was held the 30 days of any rejection, and
  // "after 2026-06-15" came back on the 15th where "after June 15" came back on the 16th.
  it('reads a day said of what the work waits for later in the sentence, and after a day as the day after', () => {
    expect(day(reasonWaitsUntil('not now, after the launch on 2026-12-15', at))).toBe('2026-12-16');
    expect(day(reasonWaitsUntil('after 2026-12-15', at))).toBe('2026-12-16');
    expect(day(reasonWaitsUntil('after December 15', at))).toBe('2026-12-16');
    expect(day(reasonWaitsUntil('after the launch on December 15', at))).toBe('2026-12-16');
    expect(day(reasonWaitsUntil('until the launch on December 15', at))).toBe('2026-12-15');
    expect(day(reasonWaitsUntil('not before the audit, due 2027-01-20', at))).toBe('2027-01-20');
    // The word must wait for the day, in its sentence: a day that only happened is none.
    expect(reasonWaitsUntil('shipped on 2026-11-02, after review', at)).toBeNull();
    expect(day(reasonWaitsUntil('after review. The launch is on December 15', at))).toBe('2026-12-15');
    // A failure's reason reads the same: "blocked by Apple review until the release on 2026-12-10".
    expect(day(reasonWaitsUntil('blocked by Apple review until the release on 2026-12-10', at, true))).toBe(
      '2026-12-10',
    );
  });

  // A review found "until January", "in January" and "wait until Jan 2027" held for the 30 days
  // of any rejection (2026-12-21), back in December, the month the team said it was not for.
  it('reads a month by its name, the next one of that name, or the one of the year it names', () => {
    expect(day(reasonWaitsUntil('until January', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('revisit in January', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('wait until Jan 2027', at))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('after January', at))).toBe('2027-02-01');
    expect(day(reasonWaitsUntil('March launch first', at))).toBe('2027-03-01');
    expect(day(reasonWaitsUntil('not before Sept.', at))).toBe('2027-09-01');
    expect(day(reasonWaitsUntil('in May', at))).toBe('2027-05-01');
    expect(day(reasonWaitsUntil('October 2027', at))).toBe('2027-10-01');
    // A second review: the day of a month, its middle and its end.
    expect(day(reasonWaitsUntil('until the end of January', at))).toBe('2027-02-01');
    expect(day(reasonWaitsUntil('until mid-January', at))).toBe('2027-01-15');
    expect(day(reasonWaitsUntil('until January 15', at))).toBe('2027-01-15');
    expect(day(reasonWaitsUntil('not before end of March', at))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('until end of Feb', at))).toBe('2027-03-01');
    expect(day(reasonWaitsUntil('after January 15th', at))).toBe('2027-01-16');
    expect(day(reasonWaitsUntil('until the end of November', at))).toBe('2026-12-01');
  });

  // A review's "not in Q1", "no new features in Q1" and "not in January", said on 2026-12-07, held
  // only until 2027-01-01 and the reply confirmed that day: the work came back the first Monday of
  // the quarter the team had ruled out. Not in a period, or after it, is until it ends.
  it('reads work ruled out of a period, or put after it, as waiting until the period ends', () => {
    const dec7 = Date.parse('2026-12-07T09:00:00Z');
    expect(day(reasonWaitsUntil('not in Q1', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('no new features in Q1', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('Nobody has time during Q1 2027', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('after Q1', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('not before the end of Q1', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('not in January', dec7))).toBe('2027-02-01');
    expect(day(reasonWaitsUntil("we can't take it on in January", dec7))).toBe('2027-02-01');
    // The period under way: not in it is until it ends, where "Q4 work" names nothing ahead.
    expect(day(reasonWaitsUntil('not in Q4', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('not in December', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('not in November', at))).toBe('2026-12-01');
    // Work put into the period, or held until it, still waits for it to begin.
    expect(day(reasonWaitsUntil('Q1 work', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('do it in Q1', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('No, in Q1', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('not before Q1', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('not until January', dec7))).toBe('2027-01-01');
    expect(day(reasonWaitsUntil('no budget until Q2', dec7))).toBe('2027-04-01');
    expect(day(reasonWaitsUntil('no budget until January', dec7))).toBe('2027-01-01');
    expect(reasonWaitsUntil('Q4 work', dec7)).toBeNull();
  });

  it('names nothing for a reason without a time ahead', () => {
    for (const reason of [
      'cosmetic, not plan work',
      'Q4 is now',
      'after 2026-01-01',
      'frequently asked',
      // The month gone by, and "may" the verb.
      'until May 2026',
      // A month just gone by, nothing saying it waits.
      'already shipped in October',
      'September was busy',
      'we may revisit',
      'marketing asked for it',
      null,
    ])
      expect(reasonWaitsUntil(reason, at)).toBeNull();
  });
});

describe('reasonWaitsOnTitle', () => {
  const titles = ['Recurring invoices', 'Client portal', 'Client portal v2', 'Dark mode'];
  it('reads the other feature a rejection waits for by its title, the longest that fits', () => {
    expect(reasonWaitsOnTitle('after recurring invoices ships', titles)).toBe('Recurring invoices');
    expect(reasonWaitsOnTitle('Recurring invoices first.', titles)).toBe('Recurring invoices');
    expect(reasonWaitsOnTitle('blocked by the client portal', titles)).toBe('Client portal');
    expect(reasonWaitsOnTitle('once Client Portal v2 is live', titles)).toBe('Client portal v2');
    expect(reasonWaitsOnTitle('it needs recurring-invoices', titles)).toBe('Recurring invoices');
  });

  it('reads nothing from a title named without waiting for it, or only part of one', () => {
    expect(reasonWaitsOnTitle('we tried dark mode; users hated it', titles)).toBeNull();
    expect(reasonWaitsOnTitle('after all, recurring invoices matter more', titles)).toBeNull();
    expect(reasonWaitsOnTitle('after the invoices ship', titles)).toBeNull();
    expect(reasonWaitsOnTitle('after the client portals review. dark mode is ugly', titles)).toBeNull();
    expect(reasonWaitsOnTitle(null, titles)).toBeNull();
  });
});

describe('noDislike', () => {
  const at = Date.parse('2026-11-21T09:00:00Z');
  // A review found "not yet worth it" and "later than we'd like, and we dislike it" read as put off.
  it('takes a reason that only puts the work off as no dislike of its kind, and nothing more', () => {
    for (const reason of ['not now', 'Not now.', 'not right now', 'not yet', 'Maybe later!', 'later'])
      expect(noDislike(reason, at), reason).toBe(true);
    for (const reason of [
      'not yet worth it',
      'Not now or ever',
      'not yet: we never want this kind of work',
      'later than we would like, and we dislike it',
      'Later is fine but really, too risky',
    ])
      expect(noDislike(reason, at), reason).toBe(false);
    // Too big is the work's size, not its kind (see rejection-reasons.test.ts).
    expect(noDislike('too big', at)).toBe(true);
  });
});
