import { RecurrenceRule } from 'node-schedule';
import { nextOccurrence } from '../domain/due.js';
import type { Subscription } from '../store/subscription-repository.js';

/** The node-schedule rule of a subscription: its hour and minute on its week days, in its zone. */
export function ruleFor(s: Pick<Subscription, 'time' | 'timeZone' | 'days'>): RecurrenceRule {
  const [hour, minute] = s.time.split(':').map(Number);
  const rule = new RecurrenceRule();
  rule.hour = hour ?? 0;
  rule.minute = minute ?? 0;
  rule.second = 0;
  rule.dayOfWeek = s.days.map((d) => d % 7); // node-schedule counts 0 = Sunday, ISO 7
  rule.tz = s.timeZone;
  return rule;
}

/** What decides when a subscription fires: a job is re-armed when this changes. */
export const ruleSignature = (s: Pick<Subscription, 'time' | 'timeZone' | 'days'>): string =>
  JSON.stringify([s.time, s.timeZone, s.days]);

/** A job's next firing as a Date: node-schedule hands out cron-parser dates for rule-based jobs. */
export function asDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  const withToDate = value as { toDate?: () => Date } | null;
  return typeof withToDate?.toDate === 'function' ? withToDate.toDate() : null;
}

/**
 * The occurrence after `now` that a node-schedule rule firing next at `ruleNext` would skip:
 * node-schedule never fires at a local time the clock jumps over (spring forward), where
 * Goalpost posts at the first minute after it. Null when the rule fires first (or on time).
 */
export function skippedByRule(
  s: Pick<Subscription, 'time' | 'timeZone' | 'days'>,
  now: Date,
  ruleNext: Date | null,
): Date | null {
  const ours = nextOccurrence(s, now)?.at;
  if (!ours || ruleNext === null) return null;
  return ours.getTime() < ruleNext.getTime() - 60_000 ? ours : null;
}
