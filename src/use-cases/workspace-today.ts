import { localTimeOf } from '../domain/due.js';
import type { UseCaseDeps } from './deps.js';

/** A date and the time zone it is that date in. */
export interface ZonedToday {
  date: string;
  zone: string;
}

/**
 * The latest date it is at `now` in a workspace's time zones: the default (GOALPOST_TIME_ZONE),
 * its people's and its schedules'. A reading dated by its day alone is of the past or of today
 * if no later (a team in Tokyo records its 8 December at 08:00 there, hours before the 8th
 * begins in UTC); a day after it has begun nowhere the team is.
 */
export function workspaceToday(deps: UseCaseDeps, workspaceId: string, now: Date): ZonedToday {
  const zones = [
    deps.defaultTimeZone,
    ...deps.store.people.list(workspaceId).flatMap((p) => (p.timeZone === null ? [] : [p.timeZone])),
    ...deps.store.subscriptions.list(workspaceId).map((s) => s.timeZone),
  ];
  let latest: ZonedToday | null = null;
  for (const zone of new Set(zones)) {
    const date = localTimeOf(now, zone).date;
    if (latest === null || date > latest.date) latest = { date, zone };
  }
  return latest ?? { date: localTimeOf(now, deps.defaultTimeZone).date, zone: deps.defaultTimeZone };
}
