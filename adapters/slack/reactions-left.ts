import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/index.js';

/**
 * The reactions `userId` still has on a message, as Slack answers now (reactions.get with `full`,
 * so no emoji's list of people is cut short): what a removed reaction leaves standing, told by
 * Slack itself whatever events came twice or while Goalpost was down. Undefined when Slack won't
 * say (logged): then only the emoji that made a decision undoes it.
 */
export async function slackReactionsLeft(
  client: webApi.WebClient,
  logger: Logger,
  item: { channel: string; ts: string; userId: string },
): Promise<string[] | undefined> {
  try {
    const got = await client.reactions.get({ channel: item.channel, timestamp: item.ts, full: true });
    return (got.message?.reactions ?? [])
      .filter((r) => r.users?.includes(item.userId))
      .flatMap((r) => (r.name ? [r.name] : []));
  } catch (error) {
    logger.warn(
      { err: error, channel: item.channel, ts: item.ts },
      'slack: cannot read the reactions left on the message; only the emoji that decided undoes it',
    );
    return undefined;
  }
}
