import {
  ChatRefusedError,
  type DeliveryRequest,
  deliver,
  type Goalpost,
  type Logger,
  type Reply,
  ServiceError,
} from '../../src/index.js';
import type { DiscordPort } from './discord-port.js';
import { interactionGone } from './discord-refusals.js';
import type { InteractionLike } from './interactions.js';

/** A line for the log that says what went wrong in the words a refusal carries. */
const why = (what: string, error: unknown): string =>
  interactionGone(error) ??
  (error instanceof ChatRefusedError || error instanceof ServiceError ? `${what}: ${error.message}` : what);

/**
 * How the Discord listeners answer: `present` carries out what the core decided for a reply
 * (what Discord refuses is logged, saying why); `answered` gives an interaction its first answer.
 */
export function createPresenter(deps: { app: Goalpost; port: DiscordPort; logger: Logger }) {
  const { logger } = deps;
  return {
    /** Delivers a reply; null when it could not be shown at all (logged). */
    async present(reply: Reply, request: DeliveryRequest) {
      try {
        const done = await deliver(deps, request, reply);
        for (const error of done.refused) {
          logger.warn({ err: error }, why('discord: could not edit a task message or its thread', error));
        }
        return done;
      } catch (error) {
        logger.error(
          { err: error, channel: request.channelId },
          why('discord: could not show a reply', error),
        );
        return null;
      }
    },

    /**
     * Gives an interaction its first answer. False when Discord no longer takes one (too late, or
     * already answered): that is logged, and the caller does nothing the person was not told of.
     */
    async answered(i: InteractionLike, first: () => Promise<unknown>): Promise<boolean> {
      try {
        await first();
        return true;
      } catch (error) {
        const gone = interactionGone(error);
        if (gone === null) throw error;
        logger.warn({ err: error, interaction: i.id, user: i.user.id, channel: i.channelId }, gone);
        return false;
      }
    },
  };
}
