import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

const TZ_TTL_MS = 60 * 60 * 1000;

/** People's Slack time zones (users.info), cached an hour. */
export function slackTimeZones(logger: Logger) {
  const zones = new Map<string, { tz: string | undefined; at: number }>();
  /** The person's Slack time zone; undefined when Slack won't say. */
  return async function timeZoneOf(
    client: webApi.WebClient,
    teamId: string,
    userId: string,
  ): Promise<string | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = zones.get(key);
    if (hit && Date.now() - hit.at < TZ_TTL_MS) return hit.tz;
    try {
      const info = await client.users.info({ user: userId });
      const tz = info.user?.tz;
      zones.set(key, { tz, at: Date.now() });
      return tz;
    } catch (error) {
      logger.warn({ err: error, user: userId }, 'slack: cannot read the user’s time zone');
      return undefined;
    }
  };
}
