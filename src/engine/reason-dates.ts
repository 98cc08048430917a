/**
 * When a rejection's reason says the work waits (ms, UTC calendar), or null: "not this quarter"
 * (or "next quarter") until the next quarter begins, "Q2 work" until Q2 begins (the next one, or
 * "Q2 2027"'s; none while Q2 is under way), "this month" or "next month" until the next month,
 * "this year" or "next year" until the next year, "until 2027-01-15" (till, after, from, not
 * before) until that day, "until January" (or "in January", "January launch first", "Jan 2027")
 * until the next January begins (none while it is January), "after January" until it ends. A
 * review found work rejected as "not this quarter" back 30 days later, the same quarter, and the
 * team rejecting it again each month; another, "until January" back in December.
 */
export function reasonWaitsUntil(reason: string | null, at: number): number | null {
  if (reason === null) return null;
  const text = reason.toLowerCase();
  const now = new Date(at);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const ahead = (ms: number) => (ms > at ? ms : null);
  const date = /\b(?:until|till|after|from|not before)\s+(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1];
  if (date !== undefined) return ahead(Date.parse(`${date}T00:00:00Z`));
  const quarter = /\bq([1-4])(?:\s+(\d{4}))?\b/.exec(text);
  if (quarter !== null) {
    const q = Number(quarter[1]) - 1;
    if (quarter[2] !== undefined) return ahead(Date.UTC(Number(quarter[2]), q * 3, 1));
    const current = Math.floor(month / 3);
    return q === current ? null : Date.UTC(q > current ? year : year + 1, q * 3, 1);
  }
  const named = monthNamed(text);
  if (named !== null) {
    const { m, y, after } = named;
    const starts = after ? m + 1 : m;
    if (y !== null) return ahead(Date.UTC(y, starts, 1));
    return m === month ? null : Date.UTC(m > month ? year : year + 1, starts, 1);
  }
  if (/\b(?:this|current|next) quarter\b/.test(text))
    return Date.UTC(year, (Math.floor(month / 3) + 1) * 3, 1);
  if (/\b(?:this|next) month\b/.test(text)) return Date.UTC(year, month + 1, 1);
  if (/\b(?:this|next) year\b/.test(text)) return Date.UTC(year + 1, 0, 1);
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMED =
  /\b(?:(until|till|in|from|after|not before)\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?:\s+(\d{4}))?/g;

/**
 * The first month a reason names (0–11), with its year when it gives one, and whether it waits
 * until after it. "May" the verb is not a month: it is one only after until, in, from… or before
 * a year ("we may revisit").
 */
function monthNamed(text: string): { m: number; y: number | null; after: boolean } | null {
  for (const match of text.matchAll(MONTH_NAMED)) {
    const [, before, name, year] = match;
    if (name === 'may' && before === undefined && year === undefined) continue;
    return {
      m: MONTHS.indexOf((name as string).slice(0, 3)),
      y: year === undefined ? null : Number(year),
      after: before === 'after',
    };
  }
  return null;
}
