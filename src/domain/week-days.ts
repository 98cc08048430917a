/** ISO week days (1 = Monday … 7 = Sunday): parsing what people type, and showing them back. */

const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Monday to Friday. */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
/** Every day of the week. */
export const DAILY: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** The accepted forms, for error messages. */
export const DAYS_FORM = 'weekdays, daily, weekends, a list like mon,wed,fri or a range like mon-fri';

const WORDS: Record<string, readonly number[]> = {
  weekdays: WEEKDAYS,
  daily: DAILY,
  everyday: DAILY,
  'every day': DAILY,
  weekends: [6, 7],
  weekend: [6, 7],
};

function dayNumber(token: unknown): number | null {
  if (typeof token === 'number') return Number.isInteger(token) && token >= 1 && token <= 7 ? token : null;
  if (typeof token !== 'string') return null;
  const t = token.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  const i = LONG.findIndex((name) => t.length >= 3 && name.startsWith(t));
  return i === -1 ? null : i + 1;
}

/** `mon-fri` → 1…5; a range may wrap around the week end: `fri-mon` → 5, 6, 7, 1. */
function range(part: string): number[] | null {
  const [from, to, ...rest] = part.split('-');
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null || rest.length > 0) return null;
  const out: number[] = [];
  for (let d = a; ; d = (d % 7) + 1) {
    out.push(d);
    if (d === b) return out;
  }
}

/**
 * Week days from an array (`[1, 3, 5]`, `['mon', 'wed']`) or a string (`weekdays`, `daily`,
 * `weekends`, `mon,wed,fri`, `mon-fri`, `1-5`): ascending and unique; null when not understood.
 */
export function parseDays(input: unknown): number[] | null {
  let days: Array<number | null>;
  if (Array.isArray(input)) {
    days = input.map(dayNumber);
  } else if (typeof input === 'string') {
    const text = input.trim().toLowerCase();
    const word = WORDS[text];
    if (word) return [...word];
    const parts = text.split(/\s*[,\s]\s*/).filter((p) => p !== '');
    days = parts.flatMap((p) => (p.includes('-') ? (range(p) ?? [null]) : [dayNumber(p)]));
  } else {
    return null;
  }
  if (days.length === 0 || days.some((d) => d === null)) return null;
  return [...new Set(days as number[])].sort((a, b) => a - b);
}

/** Short label: `weekdays`, `daily`, `weekends`, `Mon`, `Mon, Wed, Fri`. */
export function formatDays(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(',');
  if (key === WEEKDAYS.join(',')) return 'weekdays';
  if (key === DAILY.join(',')) return 'daily';
  if (key === '6,7') return 'weekends';
  return days.map((d) => (NAMES[d - 1] ?? String(d)).replace(/^./, (c) => c.toUpperCase())).join(', ');
}
