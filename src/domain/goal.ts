/** A SMART product goal: one metric, a target, a direction, a deadline, an owner. */
export interface Goal {
  id: number;
  workspaceId: string;
  metric: string;
  target: number;
  unit: string;
  direction: 'up' | 'down';
  /** The value when the goal was set (the first observation if none was given). */
  baseline: number | null;
  deadline: string;
  owner: string | null;
  /** Dollars a month one unit of the metric is worth (e.g. a subscription's price); null when unset. */
  valuePerUnit: number | null;
  /** What reaching the goal is worth relative to the revenue milestone (1 = as much); null when unset. */
  weight: number | null;
  status: 'active' | 'archived';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** How far ahead of Goalpost's clock an observation's time may be (clock skew), in ms. */
export const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Why an observation's `at` (as given; `observed` as stored) is refused as still to come, or null:
 * a date alone when it is after `today` (see workspaceToday; its midnight UTC may be hours ahead
 * of the clock on a day already begun where the team is), a time when it is past `nowMs` by more
 * than FUTURE_SLACK_MS.
 */
export function observedAhead(
  at: string,
  observed: string,
  nowMs: number,
  today: { date: string; zone: string },
): string | null {
  if (at.length === 10) return at > today.date ? `today is ${today.date} in ${today.zone}` : null;
  if (Date.parse(observed) <= nowMs + FUTURE_SLACK_MS) return null;
  return `Goalpost's clock reads ${new Date(nowMs).toISOString()}`;
}

/** An observation's time as stored, ISO 8601 in UTC: a date alone is its midnight, UTC. */
export const observedInstant = (at: string): string =>
  new Date(at.length === 10 ? `${at}T00:00:00Z` : at).toISOString();

/**
 * Whether an observation's stored time is in the years 1970-9999 (UTC), as every instant Goalpost
 * takes is (see INSTANT_YEARS). Outside 0000-9999 a stored time (`+010000-…`, `-000001-…`) sorts
 * before every other, and before 1970 it is a typo (`0226-11-01` for `2026-11-01`): either would
 * stand as the series' first point, its baseline.
 */
export const inObservedYears = (iso: string): boolean => /^\d{4}-/.test(iso) && iso >= '1970';

/** One measurement of a metric, with context tags (season, campaign…). */
export interface Observation {
  id: number;
  metric: string;
  value: number;
  observedAt: string;
  context: Record<string, string>;
  actor: string;
  /** The metric source that pushed it (`goalpost metric source add`); null when typed in or sent through the API. */
  pushSource: string | null;
  /** When Goalpost recorded it (or last corrected it, for a pushed point sent again with another value). */
  recordedAt: string;
}

/**
 * A system that pushes metrics to `POST /metrics/webhook/<name>`, signing each batch with its own
 * secret; it is expected to push about every `everyMinutes`.
 */
export interface MetricSource {
  id: number;
  name: string;
  everyMinutes: number;
  lastPushAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface FeedbackNote {
  id: number;
  goalId: number | null;
  text: string;
  actor: string;
  createdAt: string;
}

export interface Lesson {
  id: number;
  text: string;
  source: 'manual' | 'failure' | 'rejection';
  taskRef: string | null;
  actor: string;
  createdAt: string;
}

/**
 * Fewer days than this to a goal's deadline leave work proposed now no time to ship and show in its
 * metric: a trend needs readings over three weeks (see ON_TRACK_DAYS), and a shipped task is judged
 * on the weeks after it. Such a goal wants a new date more than work aimed at the old one.
 */
export const TOO_SOON_DAYS = 14;

/** Calendar days (UTC) from `now`'s day to a goal's deadline day; negative once it has passed. */
export function daysToDeadline(deadline: string, now: string): number {
  return Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${now.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}
