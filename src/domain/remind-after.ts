import { addDays, isoWeekday, localTimeOf, zonedInstant } from './due.js';

/**
 * How long a digest's task may wait for a decision before its one reminder, as stored and typed:
 * `1d` (working days, Monday to Friday, 1–10), `4h` (hours, 1–72), or `off` (never).
 */
export type RemindAfter = string;

/** One working day: a digest posted on Friday morning is followed up on Monday morning. */
export const DEFAULT_REMIND_AFTER: RemindAfter = '1d';

/** The accepted forms, for error messages. */
export const REMIND_AFTER_FORM = 'working days like 1d (1–10), hours like 4h (1–72), or off';

const LIMITS = { d: 10, h: 72 } as const;

/** `1d`, ` 4H `, `off` → the stored form (`1d`, `4h`, `off`); null for anything else. */
export function parseRemindAfter(text: unknown): RemindAfter | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'never') return 'off';
  const m = /^(\d{1,2})\s*([dh])$/.exec(t);
  if (!m?.[1] || !m[2]) return null;
  const amount = Number(m[1]);
  const unit = m[2] as keyof typeof LIMITS;
  return amount >= 1 && amount <= LIMITS[unit] ? `${amount}${unit}` : null;
}

/** How a stored setting reads: `1 working day`, `4 hours`, `never`. */
export function remindAfterText(spec: RemindAfter): string {
  const m = /^(\d+)([dh])$/.exec(spec);
  if (!m?.[1]) return 'never';
  const n = Number(m[1]);
  if (m[2] === 'h') return `${n} ${n === 1 ? 'hour' : 'hours'}`;
  return `${n} working ${n === 1 ? 'day' : 'days'}`;
}

/**
 * When a task posted at `from` is reminded of: hours later for `Nh`; for `Nd`, the same local time
 * in `timeZone` N working days (Monday to Friday) later, so nobody is nudged over a weekend.
 * Null for `off`.
 */
export function remindAt(from: Date, spec: RemindAfter, timeZone: string): Date | null {
  const m = /^(\d+)([dh])$/.exec(spec);
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  if (m[2] === 'h') return new Date(from.getTime() + n * 3_600_000);
  const local = localTimeOf(from, timeZone);
  let date = local.date;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (isoWeekday(date) <= 5) counted += 1;
  }
  return zonedInstant(date, local.time, timeZone);
}
