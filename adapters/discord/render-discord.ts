import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { View } from '../../src/index.js';
import { cardComponents, cardEmbed } from './render-card.js';
import { errorContent, progressContent, tableContent, textContent } from './render-content.js';
import { digestEmbed } from './render-digest.js';
import { allowedMentions } from './render-limits.js';

export {
  type ButtonAction,
  CUSTOM_ID_PATTERN,
  cardComponents,
  cardEmbed,
  customId,
  parseCustomId,
} from './render-card.js';
export { LIMITS } from './render-limits.js';
export { type ModalSubmitData, REJECT_REASON_ID, readRejectModal, rejectModal } from './render-modal.js';
export { bar } from './render-progress.js';

/** Content without the code blocks: mentions inside them are shown as text and must not ping. */
const outsideCode = (content: string): string => content.replace(/```[\s\S]*?```/g, '');

/**
 * One Goalpost view as one Discord message (plain API JSON for `POST /channels/:id/messages`, an
 * edit, or an interaction reply): a digest header or a task card as an embed (a card with its
 * buttons), text, errors, tables and progress as `content`. Everything is kept within Discord's
 * limits by clipping with "…". `allowed_mentions` lets only the users mentioned in the content be
 * notified, so `@everyone` in a task title pings nobody.
 */
export function renderDiscordMessage(view: View): RESTPostAPIChannelMessageJSONBody {
  switch (view.kind) {
    case 'digest_header':
      return { embeds: [digestEmbed(view)], allowed_mentions: { parse: [] } };
    case 'task':
      // `components` is always set, so an edit of a decided card removes buttons it no longer offers.
      return {
        embeds: [cardEmbed(view.card)],
        components: cardComponents(view.card),
        allowed_mentions: { parse: [] },
      };
    default: {
      const content = contentFor(view);
      return { content, allowed_mentions: allowedMentions(outsideCode(content)) };
    }
  }
}

function contentFor(view: Exclude<View, { kind: 'digest_header' | 'task' }>): string {
  switch (view.kind) {
    case 'text':
      return textContent(view.text);
    case 'error':
      return errorContent(view.message, view.usage);
    case 'table':
      return tableContent(view.title, view.columns, view.rows, view.empty);
    case 'progress':
      return progressContent(view.title, view.items, view.empty);
  }
}

/**
 * The same message in discord.js's option names (`allowedMentions` instead of `allowed_mentions`),
 * for `interaction.reply/editReply/followUp` and `channel.send`: discord.js ignores the raw
 * `allowed_mentions` key, and without it Discord's default lets `@everyone` ping.
 */
export function renderDiscordJsMessage(view: View): {
  content?: string;
  embeds: NonNullable<RESTPostAPIChannelMessageJSONBody['embeds']>;
  components: NonNullable<RESTPostAPIChannelMessageJSONBody['components']>;
  allowedMentions: { parse: []; users?: string[] };
} {
  const body = renderDiscordMessage(view);
  const users = body.allowed_mentions?.users;
  return {
    ...(body.content === undefined ? {} : { content: body.content }),
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    allowedMentions: users && users.length > 0 ? { parse: [], users: [...users] } : { parse: [] },
  };
}
