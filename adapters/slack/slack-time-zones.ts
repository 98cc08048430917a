import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

const TZ_TTL_MS = 60 * 60 * 1000;

/** People's Slack time zones (users.info), cached an hour. */
export function slackTimeZones(logger: Logger) {
  // The lookup itself is cached, not only its answer: a burst of one person's commands asks once.
  const zones = new Map<string, { tz: Promise<string | undefined>; at: number }>();
  /** The person's Slack time zone; undefined when Slack won't say. */
  return function timeZoneOf(
    client: webApi.WebClient,
    teamId: string,
    userId: string,
  ): Promise<string | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = zones.get(key);
    if (hit && Date.now() - hit.at < TZ_TTL_MS) return hit.tz;
    const tz = client.users.info({ user: userId }).then(
      (info) => info.user?.tz,
      (error: unknown) => {
        // Not cached: the next command asks again.
        zones.delete(key);
        logger.warn({ err: error, user: userId }, 'slack: cannot read the user’s time zone');
        return undefined;
      },
    );
    zones.set(key, { tz, at: Date.now() });
    return tz;
  };
}
