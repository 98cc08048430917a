/**
 * When a rejection's reason says the work waits (ms, UTC calendar), or null: "not this quarter"
 * (or "next quarter") until the next quarter begins, "Q2 work" until Q2 begins (the next one, or
 * "Q2 2027"'s; none while Q2 is under way), "this month" or "next month" until the next month,
 * "this year" or "next year" until the next year, "until 2027-01-15" (till, after, from, not
 * before) until that day. A review found work rejected as "not this quarter" back 30 days later,
 * the same quarter, and the team rejecting it again each month.
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
  if (/\b(?:this|current|next) quarter\b/.test(text))
    return Date.UTC(year, (Math.floor(month / 3) + 1) * 3, 1);
  if (/\b(?:this|next) month\b/.test(text)) return Date.UTC(year, month + 1, 1);
  if (/\b(?:this|next) year\b/.test(text)) return Date.UTC(year + 1, 0, 1);
  return null;
}
