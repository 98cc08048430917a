import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

/** How long a person's Slack time zone is kept. */
const TZ_TTL_MS = 60 * 60 * 1000;
/**
 * How long a lookup Slack refused is kept before asking again. An app installed without
 * `users:read`, or a person Slack does not know (a guest of another organisation), is refused every
 * time: without this, each of their commands cost a users.info call and a warning.
 */
const REFUSED_TTL_MS = 10 * 60 * 1000;

/** A person's time zone as Slack answers it (or will), and until when that answer is kept. */
interface Zone {
  tz: Promise<string | undefined>;
  until: number;
}

/** People's Slack time zones (users.info), cached an hour; a refusal, ten minutes. */
export function slackTimeZones(logger: Logger) {
  // The lookup itself is cached, not only its answer: a burst of one person's commands asks once.
  const zones = new Map<string, Zone>();
  /** The person's Slack time zone; undefined when Slack won't say. */
  return function timeZoneOf(
    client: webApi.WebClient,
    teamId: string,
    userId: string,
  ): Promise<string | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = zones.get(key);
    if (hit && Date.now() < hit.until) return hit.tz;
    const entry: Zone = {
      until: Date.now() + TZ_TTL_MS,
      tz: client.users.info({ user: userId }).then(
        (info) => info.user?.tz,
        (error: unknown) => {
          entry.until = Date.now() + REFUSED_TTL_MS;
          logger.warn({ err: error, user: userId }, 'slack: cannot read the user’s time zone');
          return undefined;
        },
      ),
    };
    zones.set(key, entry);
    return entry.tz;
  };
}
