import { DiscordAPIError, HTTPError } from 'discord.js';
import { ChatRefusedError, ServiceError } from '../../src/index.js';

/** What Goalpost was doing when Discord said no: each step needs its own permission. */
export type DiscordStep = 'post' | 'edit' | 'thread' | 'threadPost' | 'attach';

/** The channel permission each step needs, in Discord's words (Edit Channel → Permissions). */
const PERMISSION: Record<DiscordStep, string> = {
  post: 'Send Messages',
  edit: 'View Channel',
  thread: 'Create Public Threads',
  threadPost: 'Send Messages in Threads',
  attach: 'Attach Files',
};

/** What each step was doing, for the person told that Discord failed at it. */
const DOING: Record<DiscordStep, string> = {
  post: 'post it in the channel',
  edit: 'edit the message',
  thread: 'start the thread',
  threadPost: 'post it in the thread',
  attach: 'attach the charts',
};

const GRANT =
  'in Server Settings → Roles for the Goalpost role, or in this channel’s Edit Channel → Permissions';

/** Discord's JSON error code of a refusal (discord.js's DiscordAPIError); null for anything else. */
export const discordCode = (error: unknown): number | null =>
  error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;

/** Discord dropped a message's embeds or refused it as empty: the bot lacks Embed Links there. */
export const noEmbedLinks = (cause?: unknown): ChatRefusedError =>
  new ChatRefusedError(
    `Goalpost may not show cards in this channel: a server admin should give it Embed Links ${GRANT}.`,
    { platform: 'discord', reason: 'embed_links', cause },
  );

/** What a server admin should do about a refusal, in words the person who asked can act on. */
function advice(code: number, step: DiscordStep, error: DiscordAPIError): string | null {
  switch (code) {
    case 50013:
      return `Goalpost lacks the ${PERMISSION[step]} permission in this channel: a server admin should grant it ${GRANT}.`;
    case 50001:
      return `Goalpost cannot see this channel: a server admin should give it View Channel and Read Message History ${GRANT}.`;
    case 10003:
      return 'This channel no longer exists for Goalpost (it was deleted, or Goalpost was removed from the server): subscribe another channel with `/goalpost subscribe` there.';
    case 10008:
      return 'The task’s message was deleted: `/goalpost task show` shows the card again.';
    case 50024:
      return 'Discord has no threads in this kind of channel (a thread, or a voice channel’s chat): post digests in a text channel, or subscribe with the cards style.';
    case 50006:
      return null; // decided by the caller: an embed-only message left empty is missing Embed Links
    case 40005:
      return 'Discord refused the files as larger than this server takes (40005 Request entity too large).';
    case 50035:
      return `Discord refused a message Goalpost made, which is a bug in Goalpost; please report it with Discord’s words: ${error.message.replace(/\s*\n\s*/g, '; ')}`;
    default:
      return null;
  }
}

/**
 * Discord answered 5xx past the REST client's retries (its HTTPError), or could not be reached (a
 * network error, a timeout), as a ServiceError saying what failed; null for anything else.
 */
function failure(error: unknown, step: DiscordStep): ServiceError | null {
  if (error instanceof HTTPError)
    return new ServiceError(`Discord failed to ${DOING[step]} (HTTP ${error.status})`, error);
  if (error instanceof DiscordAPIError || !(error instanceof Error)) return null;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : error.message;
  return new ServiceError(`Discord could not be reached to ${DOING[step]} (${detail})`, error);
}

/**
 * A Discord refusal that sending again will not cure (a permission, a channel that is gone, a
 * message Discord finds malformed) as a ChatRefusedError whose message says what to do; Discord
 * failing (a 5xx, a network error) as a ServiceError saying so; anything else (a refusal with no
 * advice, whose code callers read) unchanged. `step` names what was being done.
 */
export function refusal(error: unknown, step: DiscordStep, sentEmbeds = false): unknown {
  const code = discordCode(error);
  if (code === null || !(error instanceof DiscordAPIError)) return failure(error, step) ?? error;
  if (code === 50006 && sentEmbeds) return noEmbedLinks(error);
  const message = advice(code, step, error);
  return message === null
    ? error
    : new ChatRefusedError(message, { platform: 'discord', reason: String(code), cause: error });
}

/**
 * Why an interaction can no longer be answered, for the log; null for any other error. Discord
 * takes a first answer within 3 s of the click or command (else 10062), once (40060), and
 * follow-ups for 15 minutes (10015, 50027).
 */
export function interactionGone(error: unknown): string | null {
  switch (discordCode(error)) {
    case 10062:
      return 'discord: the interaction expired before Goalpost answered (Discord allows 3 s); the person saw "This interaction failed" and nothing was done';
    case 40060:
      return 'discord: the interaction was already answered (is another Goalpost running with this token?); nothing was done';
    case 10015:
    case 50027:
      return 'discord: the interaction’s 15 minutes ran out before Goalpost finished answering it';
    default:
      return null;
  }
}
