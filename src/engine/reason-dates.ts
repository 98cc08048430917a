/**
 * A failure's reason saying it waits on something outside the team: its "by 2026-12-21" is when
 * that is expected ("partner API access pending, approval by 2026-12-21"), not a deadline missed.
 */
const BLOCKED = /\b(?:pending|waiting|awaiting|blocked|on hold)\b/;

/**
 * When a rejection's reason says the work waits (ms, UTC calendar), or null: "not this quarter"
 * (or "next quarter") until the next quarter begins, "Q2 work" until Q2 begins (the next one, or
 * "Q2 2027"'s; none while Q2 is under way), "not in Q1", "no new features in Q1" or "after Q1"
 * until Q1 ends (Q1 under way too), "this month" or "next month" until the next month,
 * "until next week" or "not this week" until the next Monday, "this year" or "next year" until the next
 * year, "until 2027-01-15" (till, from, not before; or earlier in the sentence: "until the launch
 * on 2027-01-15") until that day, "after 2027-01-15" (or "after the launch on January 15") until
 * the day after, "until January" (or "in January", "January launch first", "Jan 2027")
 * until the next January begins (none while it is January), "after January" (or "after the
 * January freeze"), "not in January" or "the end of
 * January" until it ends, "mid-January" or "January 15" until its 15th (see monthDayNamed). A
 * review found work rejected as "not this quarter" back 30 days later, the same quarter, and the
 * team rejecting it again each month; another, "until January" back in December.
 *
 * `strict` (a failure's reason, which says what went wrong and often when: "broke since the March
 * refactor", "a regression from the June release", "the import broke this month") reads only a
 * time the work waits for: after until, till or not before, a month with its year, a month of the
 * next three after in, after or from ("the vendor signs in January"), and "not this month" or
 * "until next quarter" (not a bare "this month"), and a day "by" which a blocker is expected to
 * clear ("approval pending, by 2026-12-21") or the day it arrives ("access arrives 2026-12-14",
 * as a rejection's reads it too: see ARRIVES). Read as a rejection's, each of those held the
 * failed work the 60 days memory keeps a failure.
 */
export function reasonWaitsUntil(reason: string | null, at: number, strict = false): number | null {
  if (reason === null) return null;
  const text = reason.toLowerCase();
  const now = new Date(at);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const ahead = (ms: number) => (ms > at ? ms : null);
  // A day after a word that waits, in the same sentence: "until 2026-12-15", and "after the launch
  // on 2026-06-15" (a review's was held the 30 days of any rejection). After a day is the day after
  // it: "after 2026-06-15" was back on the 15th, "after June 15" on the 16th.
  const waited = ISO_WAITED.exec(text);
  if (waited !== null) {
    const day = Date.parse(`${waited[2]}T00:00:00Z`);
    return ahead(waited[1] === 'after' ? day + DAY_MS : day);
  }
  const by = strict && BLOCKED.test(text) ? /\bby\s+(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1] : undefined;
  if (by !== undefined) return ahead(Date.parse(`${by}T00:00:00Z`));
  const arrives = ARRIVES.exec(text)?.[1];
  if (arrives !== undefined) {
    const day = ahead(Date.parse(`${arrives}T00:00:00Z`));
    if (day !== null) return day;
  }
  const quarter = strict
    ? /\b(?:until|till|not before)\s+(?:the\s+)?q([1-4])(?:\s+(\d{4}))?\b|\bq([1-4])\s+(\d{4})\b/.exec(text)
    : /\bq([1-4])(?:\s+(\d{4}))?\b/.exec(text);
  if (quarter !== null) {
    const q = Number(quarter[1] ?? quarter[3]) - 1;
    const qYear = quarter[2] ?? quarter[4];
    const lead = text.slice(0, quarter.index);
    const through = AFTER_PERIOD.test(lead) || RULED_OUT_OF.test(lead);
    const on = (y: number) => Date.UTC(y, (through ? q + 1 : q) * 3, 1);
    if (qYear !== undefined) return ahead(on(Number(qYear)));
    const current = Math.floor(month / 3);
    if (q === current) return through ? on(year) : null;
    return on(q > current ? year : year + 1);
  }
  const named = monthDayNamed(text, now, strict);
  if (named !== null) return ahead(named);
  const periods = strict ? STRICT_PERIODS : PERIODS;
  if (periods.quarter.test(text)) return Date.UTC(year, (Math.floor(month / 3) + 1) * 3, 1);
  if (periods.month.test(text)) return Date.UTC(year, month + 1, 1);
  // Weeks begin on Monday (ISO): "until next week" or "not this week" until the coming Monday;
  // not a week said of something else ("we know why: the rewrite ships next week").
  if (/\b(?:until|till|not)\s+(?:this|next) week\b/.test(text)) {
    const day = now.getUTCDay();
    return Date.UTC(year, month, now.getUTCDate() + (day === 0 ? 1 : 8 - day));
  }
  if (periods.year.test(text)) return Date.UTC(year + 1, 0, 1);
  // "next sprint", "not this sprint": a sprint on from the rejection (a review's "next sprint" was
  // held the 30 days of any rejection, a sprint late). Not in a failure's: "broke this sprint".
  if (!strict && SPRINT.test(text)) return at + SPRINT_DAYS * DAY_MS;
  return null;
}

/**
 * How long a sprint is read as, in days, when a reason puts work off to the next one: two weeks,
 * the length most teams plan in.
 */
export const SPRINT_DAYS = 14;

/** Work put off to the next sprint (or iteration, cycle): "next sprint", "not this sprint", "after this sprint". */
const SPRINT =
  /\b(?:next|following)\s+(?:sprint|iteration|cycle)\b|\b(?:not\s+(?:in\s+)?|after\s+|until\s+|till\s+)(?:this|the\s+current)\s+(?:sprint|iteration|cycle)\b/;

const DAY_MS = 86_400_000;
/**
 * A failure's day that what stopped it arrives, in the same clause: "BrowserStack access arrives
 * 2026-12-14", "the device arrives Monday 2026-12-14", "the vendor gives us access on 2026-12-14",
 * "keys available 2026-12-14": the word right before the day, but "on" or a weekday. A lead's
 * failed bug was proposed again the next day, its blocker still days off, and rejected by hand. Only words of something coming to the team: a day the work
 * is needed by ("needed for the launch on 2026-12-20", "due 2026-12-14") is a deadline, not a wait;
 * a day gone by ("the keys arrived on 2026-12-01") holds nothing.
 */
const ARRIVES =
  /\b(?:arriv(?:es|ing|e)|lands|landing|available|(?:is|are|be) back|returns|comes back|granted|(?:gives?|giving|get|gets|getting) us (?:the\s+)?[a-z]+)\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?(\d{4}-\d{2}-\d{2})\b/;

/** The words before a time that say the work waits for it. */
const WAIT_WORDS = 'until|till|after|from|not before';
/** A day (ISO 8601) after a word that waits, within the same sentence: the word, and the day. */
const ISO_WAITED = new RegExp(String.raw`\b(${WAIT_WORDS})\b[^.;!?]*?\b(\d{4}-\d{2}-\d{2})\b`);
/** Words that rule work out, but not "not until" or "not before", which say when it may begin. */
const RULES_OUT = String.raw`\b(?:not|no|nobody|nothing|never|can't|cannot|won't)\b(?!\s+(?:until|till|before)\b)`;
/**
 * Text before a period's name that rules the work out of it ("not in Q1", "no new features in
 * Q1", "nobody has time during Q1"), in the same clause: "No, in Q1" puts it in. For a month, the
 * text before its "in" (see MONTH_NAMED).
 */
const RULED_OUT_OF = new RegExp(String.raw`${RULES_OUT}[^.;:,!?]*\b(?:in|during|throughout)\s+(?:the\s+)?$`);
const RULED_OUT = new RegExp(String.raw`${RULES_OUT}[^.;:,!?]*$`);
/** Text before a period's name that puts the work after it: "after Q1", "the end of Q1". */
const AFTER_PERIOD = /\b(?:after|end\s+of)\s+(?:the\s+)?$/;
/** The last word that waits in a sentence's text before a time it names (see monthDayNamed). */
const LAST_WAIT = new RegExp(String.raw`\b(${WAIT_WORDS})\b(?!.*\b(?:${WAIT_WORDS})\b)[^.;!?]*$`);

/** "This quarter", "next month", "this year" in a reason, after `wait` (a pattern's source) when it is given. */
const periodsAfter = (wait: string) => ({
  quarter: new RegExp(String.raw`\b${wait}(?:this|current|next) quarter\b`),
  month: new RegExp(String.raw`\b${wait}(?:this|next) month\b`),
  year: new RegExp(String.raw`\b${wait}(?:this|next) year\b`),
});
const PERIODS = periodsAfter('');
/** Strict, "this month" and its like wait only when the work is put off till then ("not this month"). */
const STRICT_PERIODS = periodsAfter(String.raw`(?:until|till|not before|not)\s+(?:the\s+)?`);

/** A clause saying what was done, up to the month it names (see monthDayNamed). */
const DONE_THEN =
  /\b(?:tried|did|ran|shipped|launched|released|built|tested|had|was|were|saw|lost|failed|dropped|removed|killed|happened|last)\b[^.;:!?]*$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMED = new RegExp(
  String.raw`\b(?:(until|till|in|during|from|after|not before)\s+(?:the\s+)?)?(?:(?:the\s+)?(end|middle|mid)(?:\s+of\s+|-|\s+))?` +
    String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?` +
    String.raw`(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(\d{4}))?`,
  'g',
);

/**
 * The day (ms, UTC) the first month a reason names begins, or the day it names of it: "until
 * January" the next January's first, "January 15" its 15th, "mid-January" its 15th, "the end of
 * January" and "after January" February's first, "Jan 2027" that one's. Null when it names none,
 * or a month just gone by with nothing saying it waits ("shipped in November", in December): a
 * month of the last three is the past. "May" the verb is not a month: it is one only after until,
 * in, from… or before a day or a year ("we may revisit"). `strict` (see reasonWaitsUntil): only a
 * month after until, till or not before, with its year, or of the next three after in, after or from.
 */
function monthDayNamed(text: string, now: Date, strict = false): number | null {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  for (const match of text.matchAll(MONTH_NAMED)) {
    const [, saidWord, part, name, dayText, yearText] = match;
    const said = saidWord === 'during' ? 'in' : saidWord;
    if (name === 'may' && said === undefined && dayText === undefined && yearText === undefined) continue;
    // A month of what was done ("we tried late fees in March", "last March") is the past, whatever
    // month it is now: a review's was held until the next March.
    if ((said === undefined || said === 'in') && DONE_THEN.test(text.slice(0, match.index))) continue;
    // A day of a month, or a month, said of what the work waits for, with the word that waits
    // earlier in the sentence: "after the launch on June 15" is after the 15th.
    const before =
      said ??
      (dayText !== undefined || part !== undefined || yearText !== undefined
        ? LAST_WAIT.exec(text.slice(0, match.index))?.[1]
        : undefined);
    const m = MONTHS.indexOf((name as string).slice(0, 3));
    const day = dayText === undefined ? null : Number(dayText);
    if (day !== null && (day < 1 || day > 31)) continue;
    const waits = before !== undefined && before !== 'in';
    const back = (month - m + 12) % 12;
    if (yearText === undefined && !waits && day === null && part === undefined && back >= 1 && back <= 3)
      continue;
    const until = before === 'until' || before === 'till' || before === 'not before';
    const soon = before !== undefined && (m - month + 12) % 12 >= 1 && (m - month + 12) % 12 <= 3;
    if (strict && yearText === undefined && !until && !soon) continue;
    // Ruled out of the month ("not in January") is after it, as "the end of January" is.
    const through =
      part === 'end' ||
      (before === 'after' && day === null) ||
      (said === 'in' && day === null && RULED_OUT.test(text.slice(0, match.index)));
    const on = (y: number): number =>
      through
        ? Date.UTC(y, m + 1, 1)
        : Date.UTC(y, m, day ?? (part === undefined ? 1 : 15)) + (before === 'after' ? DAY_MS : 0);
    if (yearText !== undefined) return on(Number(yearText));
    const thisYear = on(year);
    if (
      m > month ||
      (m === month && thisYear > now.getTime() && (day !== null || part !== undefined || through))
    )
      return thisYear;
    return m === month ? null : on(year + 1);
  }
  return null;
}

/**
 * Whether a failure's reason says what stopped the work lies outside it: blocked by or on
 * something, waiting for it, awaiting it, on hold, a review or approval pending, until someone
 * signs off or sends something, until a time (read strictly, as a failure's: see
 * reasonWaitsUntil) or until another task ships. Such a failure says nothing of the work or of who
 * held it: "blocked by Apple review until 2026-12-05" took a review's lena from three features out
 * of three to 60 % in `learn`, and halved the work's confidence when it came back. What the work
 * did is no block, however it is worded: "pending migrations broke the deploy", "the page keeps
 * waiting forever", "CI blocked the merge: 12 tests fail", "not blocked by anything: it crashes",
 * "double-charged after T-5 was merged". `at` is when it failed (a wait is one still ahead of it).
 */
export function namesBlock(reason: string | null, at: number): boolean {
  if (reason === null) return false;
  const text = reason.toLowerCase();
  if (NOT_BLOCKED.test(text)) return false;
  return WAITS_ON.test(text) || UNTIL_TASK.test(text) || reasonWaitsUntil(reason, at, true) !== null;
}

/** A failure's words for waiting on something outside the work (see namesBlock). */
const WAITS_ON = new RegExp(
  [
    String.raw`\bblocked\s+(?:by|on|until|till)\b`,
    // Said so up front, as the reply to a block explains: "blocked: the vendor has not sent the keys".
    String.raw`^\s*(?:blocked|waiting|on[\s-]hold)\s*[:\u2014-]`,
    String.raw`\bwaiting\s+(?:for|on|until|till)\b`,
    String.raw`\bawaiting\b`,
    String.raw`\bon[\s-]hold\b`,
    // A review, an approval or the like pending ("KYC review pending", "pending approval"), not a
    // kind of thing ("pending migrations") or a state of the work ("the queue stays pending").
    String.raw`\b(?:review|approval|verification|sign[\s-]?off|response|reply|access|contract|kyc|clearance|permission|decision)s?\s+(?:is\s+|are\s+|still\s+)*pending\b`,
    String.raw`\bpending\s+(?:the\s+|their\s+|its\s+|a\s+|an\s+)?(?:review|approval|verification|sign[\s-]?off|response|reply|access|contract|kyc|clearance|permission|decision)\b`,
    String.raw`\b(?:until|till)\s+(?:[\w'-]+\s+){0,3}(?:signs?|approves?|sends?|replies|responds|grants?|confirms?|returns?)\b`,
  ].join('|'),
);
/**
 * A failure's reason waiting for another task to ship: "until T-11 ships", "until T-4 is done"
 * (not "after T-5 was merged", "once T-12 data loads", "regressed until T-4 was reverted").
 */
const UNTIL_TASK =
  /\b(?:until|till)\s+(?:[\w'-]+\s+){0,3}?t-\d+\s+(?:\w+\s+)?(?:ships?|lands?|is\s+(?:done|merged|shipped|live|out)|goes\s+live|merges?|is\s+released|releases?)\b/;
/** A failure's reason saying it was not blocked: "not blocked by anything: it crashes". */
const NOT_BLOCKED = /\b(?:not|never|wasn't|isn't)\s+(?:been\s+)?(?:blocked|waiting|pending|on hold)\b/;

/** A rejection's reason saying the work is the same as other work: `duplicate of #2`, `dupe`, `same as T-4`. */
/**
 * The task a rejection's reason says the work waits for, or null: "until T-11 ships", "after T-4 is
 * done", "once T-9 lands" (a review's "wait until Shipwise billing (T-11) ships" was held for the
 * cooldown, though T-11 shipped that afternoon), "wait for the diagnosis in T-2", "waiting on T-2",
 * "blocked by T-7", "depends on T-3" (a review's "not now, wait for the diagnosis in T-2" held a
 * goal's experiment for 30 days after T-2 was done the next day). A ref as tasks are named, `T-`
 * and a number (without leading zeros: "until T-05 ships" waits for T-5, as `show T-05` finds it).
 */
export function reasonWaitsOnTask(reason: string | null): string | null {
  if (reason === null) return null;
  const m = WAITS_ON_TASK.exec(reason);
  return m === null ? null : `T-${(m[1] as string).replace(/^0+(?=\d)/, '')}`;
}

/**
 * The one of `titles` (other open features of the rejected work's product) a rejection's reason
 * says the work waits for, or null: "after recurring invoices ships", "once Recurring invoices is
 * done", "blocked by the client portal", "Recurring invoices first"; the longest when several do. A
 * review's "after recurring invoices ships" held its work the 30 days of any rejection, back a
 * month after that feature shipped.
 */
export function reasonWaitsOnTitle(
  reason: string | null | undefined,
  titles: readonly string[],
): string | null {
  if (reason === null || reason === undefined) return null;
  const text = reason.toLowerCase();
  let best: string | null = null;
  for (const title of titles) {
    const words = title.toLowerCase().match(/[\p{L}\p{N}]+/gu);
    // Most titles of a long backlog share no word with the reason: skip them before any pattern.
    if (
      words === null ||
      (best !== null && best.length >= title.length) ||
      !text.includes(words[0] as string)
    )
      continue;
    const named = new RegExp(
      String.raw`(?<![\p{L}\p{N}])${words.join(String.raw`[^\p{L}\p{N}.;!?]+`)}(?![\p{L}\p{N}])`,
      'u',
    ).exec(text);
    if (named === null) continue;
    const before = text.slice(0, named.index);
    const after = text.slice(named.index + named[0].length);
    if (WAITS_BEFORE_TITLE.test(before) || FIRST_AFTER_TITLE.test(after)) best = title;
  }
  return best;
}

/**
 * Words just before a feature's title, in its clause, putting the work after it (see
 * reasonWaitsOnTitle): "after the launch of recurring invoices", not "after all, recurring invoices".
 */
const WAITS_BEFORE_TITLE =
  /\b(?:until|till|after|once|when|wait(?:s|ed|ing)?\s+(?:for|on)|blocked\s+(?:by|on)|depend(?:s|ing)?\s+on|dependent\s+on|needs?)\b[^.;:,!?]{0,40}$/;
/** Words after a feature's title saying it goes first: "Recurring invoices first". */
const FIRST_AFTER_TITLE = /^\W*(?:(?:ships?|goes|comes|lands?)\s+)?first\b/;

/** Words putting work after a task its sentence names (see reasonWaitsOnTask). */
const WAITS_ON_TASK =
  /\b(?:until|till|after|once|when|wait(?:s|ed|ing)?\s+(?:for|on)|blocked\s+(?:by|on)|depend(?:s|ing)?\s+on|dependent\s+on)\b[^.;!?]*?\bt-(\d+)\b/i;

const DUPLICATE = /\b(?:duplicates?|duplicated|dupe|dup)\b|\bsame as\b/i;

/** A rejection's reason saying the work is too big to take on whole: `too big`, `split it`, `break it down`. */
const TOO_BIG = /\btoo (?:big|large|much)\b|\bsplit\b|\bbreak (?:it |this |that )?(?:down|up)\b/i;

/** A share of some people a reason names: `under 1% of listeners`, `2.5 % of our users`. */
const SHARE_OF = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%\s+of\b/i;

/**
 * The share of its people a rejection's reason says a bug touches, as written (`1%`), for the
 * reply to offer it as the bug's `bug affects` share; null when it names none.
 */
export function namedShare(reason: string | null | undefined): string | null {
  const share = reason?.match(SHARE_OF)?.[1];
  return share === undefined || Number(share) > 100 ? null : `${share}%`;
}

/** Whether a rejection's reason says the work is too big to take on whole (see TOO_BIG). */
export const namesTooBig = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && TOO_BIG.test(reason);

/**
 * A rejection's reason saying the work is done already: "we already did this", "already shipped",
 * "this already exists", "we have it already". A review's "we already did this" counted as a dislike
 * of the product's features (its next feature scored ×0.50) and came back after its 30-day
 * cooldown at P9; "already too busy" or "already tried that" say no such thing.
 */
const DONE_ALREADY = new RegExp(
  [
    String.raw`\balready\s+(?:done|shipped|built|implemented|released|launched|live|fixed|exists?|in\s+place|supported|solved|resolved|handled|covered|finished|completed|there)\b`,
    String.raw`\balready\s+(?:did|do|does|made|added|ship|build|have|has|had|got)\s+(?:this|it|that|one|them|those|these|something\s+like\s+(?:this|it|that))\b`,
    String.raw`\b(?:did|done|shipped|built|fixed|implemented|released|launched|exists?)\s+(?:(?:this|it|that|one|them)\s+)?already\b`,
    // "we have it already", not "we have already planned the quarter".
    String.raw`\b(?:have|has|had|got)\s+(?:this|it|that|one|them)\s+already\b`,
  ].join('|'),
  'i',
);

/** Whether a rejection's reason says the work is done already (see DONE_ALREADY). */
export const namesDoneAlready = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && DONE_ALREADY.test(reason);

/**
 * A rejection's reason saying the work is filed under the wrong product: "wrong product", "belongs
 * to another project", "not for this app". The work is not disliked, its place is: a review's
 * "wrong product" damped the product's other features ×0.50 the next morning.
 */
const WRONG_PRODUCT = new RegExp(
  [
    String.raw`\bwrong\s+(?:product|project|app|repo|repository|codebase)\b`,
    String.raw`\bbelongs?\s+(?:to|in|on|with)\s+(?:another|a\s+different|the\s+other)\s+(?:product|project|app|repo)\b`,
    String.raw`\bnot\s+(?:for\s+)?this\s+(?:product|project|app)\b`,
  ].join('|'),
  'i',
);

/** Whether a rejection's reason says the work is filed under the wrong product (see WRONG_PRODUCT). */
export const namesWrongProduct = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && WRONG_PRODUCT.test(reason);

/** Whether a rejection's reason says the work is the same as other work (see DUPLICATE). */
export const namesDuplicate = (reason: string | null): boolean => reason !== null && DUPLICATE.test(reason);

/**
 * A reason that only puts the work off, naming no time: "not now", "not yet", "maybe later", and
 * nothing else ("not yet worth it" and "later than we'd like, too risky" judge the work).
 */
const PUT_OFF = /^\s*(?:not\s+(?:right\s+)?now|not\s+yet|(?:maybe\s+)?later)\s*[.!\u2026]*\s*$/i;

/**
 * A reason putting the work off in the words a team uses every week, anywhere in it: "after the
 * launch", "not this sprint", "next sprint", "wait until after the holidays", "parking
 * this for now", "on hold", "back burner", "not a priority right now". A review found each of
 * them counted as a rejection, halving the product's other features ("not a priority", with no
 * time, judges the work, and still counts; so does "not now or ever": a bare "not now" is PUT_OFF's).
 */
const DEFERRED = new RegExp(
  [
    String.raw`\bnot\s+(?:in\s+)?(?:this|the\s+current)\s+(?:sprint|cycle|iteration|release|milestone)\b`,
    String.raw`\bnext\s+(?:sprint|cycle|iteration|release|milestone)\b`,
    String.raw`\b(?:after|until|till|once)\s+(?:the\s+|our\s+)?(?:holidays?|launch|release|code\s+freeze|freeze|migration|rewrite|redesign|rebrand|fundraise|funding\s+round|beta|conference|busy\s+season|peak\s+season|audit|offsite)\b`,
    String.raw`\bpark(?:ing|ed)?\s+(?:this|it|that)\b`,
    String.raw`\bon\s+hold\b`,
    String.raw`\bback\s*-?\s*burner\b`,
    String.raw`\bnot\s+(?:a|the|our)\s+(?:top\s+)?priority\s+(?:right\s+now|now|yet|at\s+the\s+moment|for\s+now|this\s+(?:sprint|week|month|quarter|year))\b`,
  ].join('|'),
  'i',
);

/**
 * Whether a rejection at `at` (ms) says nothing against work of its kind: the same work as other
 * work (a duplicate, or work done already), work filed under the wrong product, work put off
 * ("not now", "later"), or work that waits for a time it names ("not this quarter", "until
 * March") or for another task ("until T-11 ships"), or work too big
 * to take on whole ("too big as one piece; split it": its size, not its kind; a review's parts
 * came back damped for the split the reply had suggested), unless it judges the work too (see
 * judgesWork).
 * A review's team rejected one twin as "duplicate of T-1" and an integration as "not this quarter",
 * and the next morning every feature's score was damped for "2 of the last 3" rejected; another's
 * rejected one feature as "too big" and one as "not now", and an upgrade to Node 22 led the next
 * batch, every feature's score halved.
 */
export const noDislike = (reason: string | null, at: number): boolean =>
  !judgesWork(reason) &&
  (namesDuplicate(reason) ||
    namesDoneAlready(reason) ||
    namesWrongProduct(reason) ||
    namesTooBig(reason) ||
    (reason !== null && (PUT_OFF.test(reason) || DEFERRED.test(reason))) ||
    reasonWaitsUntil(reason, at) !== null ||
    reasonWaitsOnTask(reason) !== null);

/**
 * Whether a rejection at `at` (ms) puts its work off, judging nothing of it: "next sprint", "not
 * now", "until March" (see noDislike). The team has set when the work comes: its product is not
 * left with nothing planned (see servedByHeldOnly).
 */
export const putsWorkOff = (reason: string | null, at: number): boolean =>
  reason !== null &&
  !judgesWork(reason) &&
  (PUT_OFF.test(reason) || DEFERRED.test(reason) || reasonWaitsUntil(reason, at) !== null);

/**
 * A rejection's reason judging the work itself: its users or customers did not want it ("users
 * hated them", "nobody turns them on", "no one asked for it", "customers are not asking for it",
 * "they use the Xero sync instead"), or it did not work. That is a
 * dislike whatever time or other work it also names: a review's "we tried late fees in March and
 * users hated them" was held until March as work put off, and "same as every notification
 * feature: nobody turns them on" for 240 days as a duplicate, neither counted among the team's
 * rejections of its kind.
 */
export const judgesWork = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && (USERS_JUDGE.test(reason) || DID_NOT_WORK.test(reason));

/**
 * A failure's reason saying its users judged the work, once out ("A/B test: users hated it,
 * conversions dropped 12%"), not that the attempt did not work (a failure's every reason): a
 * review found such work back at P10 the next morning, as a failure holds work a day, where the
 * same words rejecting it held it as long as a rejection is remembered.
 */
export const usersJudged = (reason: string | null | undefined): boolean =>
  reason !== null && reason !== undefined && (USERS_JUDGE.test(reason) || METRIC_FELL.test(reason));

/**
 * What the work moved fell once it was out: "conversions dropped 12%", "signups went down". Read in
 * a failure only: a rejection's "usage dropped after the redesign, fix that first" says why other
 * work comes first, not what this work did.
 */
const METRIC_FELL =
  /\b(?:conversions?|conversion\s+rate|sign-?ups?|activations?|upgrades?|engagement|usage|retention)\s+(?:dropped|fell|went\s+down|declined|decreased|tanked|plummeted)\b/i;

/** The attempt did not work or help: a verdict in a rejection ("we tried that, it didn't work"), not in a failure. */
const DID_NOT_WORK = /\b(?:did\s+not|didn't|does\s+not|doesn't|never)\s+(?:work|worked|help|helped)\b/i;

const USERS_JUDGE = new RegExp(
  [
    String.raw`\b(?:hated|hates|disliked|dislikes|hate(?!\s+to))\b`,
    String.raw`\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:uses?|used|wants?|wanted|turns?|turned|asked|asks|requested|requests|needs?|needed|cares?|cared|clicks?|clicked|reads?|opens?|opened|likes?|liked|buys?|bought|pays?|paid)\b`,
    // "customers never asked for this", "our customers never requested it" (a review: held 30 days
    // beside "nobody asked for this", held as long as a rejection is remembered).
    String.raw`\bnever\s+(?:asked|requested|wanted|used|needed)\b`,
    String.raw`\b(?:did\s+not|didn't|does\s+not|doesn't|never)\s+(?:sell|sold|convert|converted|stick)\b`,
    String.raw`\bflopped\b`,
    // "customers are not asking for it", "accountants use the Xero sync instead" (a lead's review).
    String.raw`\b(?:not|aren't|isn't)\s+asking\b`,
    String.raw`\buse\s+(?:\S+\s+){0,5}instead\b`,
  ].join('|'),
  'i',
);
