import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { CHARTS_HEADING, chartLine, type View } from '../../src/index.js';
import { slashCommandOf, subcommandPath } from './command-paths.js';
import { cardComponents, cardEmbed } from './render-card.js';
import { errorContents, progressContents, tableContents, textContents } from './render-content.js';
import { digestEmbed } from './render-digest.js';

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

type Body = RESTPostAPIChannelMessageJSONBody;

/**
 * Nothing Goalpost posts notifies anyone. People's words reach Discord inside Goalpost's sentences,
 * and a mention someone typed looks exactly like one Goalpost wrote, so none may ping: mentions
 * still show who is meant.
 */
const NO_PINGS = { parse: [] as [] };

/**
 * A digest header or a task card as one Discord message (plain API JSON for `POST
 * /channels/:id/messages`, an edit, or an interaction reply): an embed (a card with its buttons),
 * kept within Discord's limits by clipping with "…". A card is one message, so its reactions and
 * edits find it.
 */
export function renderDiscordMessage(view: Extract<View, { kind: 'digest_header' | 'task' }>): Body {
  if (view.kind === 'digest_header') {
    // A compact digest's buttons: a row per task. `components` is always set, so an edit keeps them current.
    const components = (view.tasks ?? []).flatMap((card) => cardComponents(card).slice(0, 1));
    return { embeds: [digestEmbed(view)], components, allowed_mentions: NO_PINGS };
  }
  // `components` is always set, so an edit of a decided card removes buttons it no longer offers.
  return {
    embeds: [cardEmbed(view.card)],
    components: cardComponents(view.card),
    allowed_mentions: NO_PINGS,
  };
}

/**
 * One Goalpost view as Discord messages, in order: a digest header or a card as one embed, and
 * text, errors, tables and progress as `content` over as many messages as they take (2000
 * characters each), so nothing is cut. What people wrote shows literally, and no one is pinged.
 */
export function renderDiscordMessages(view: View): Body[] {
  if (view.kind === 'digest_header' || view.kind === 'task') return [renderDiscordMessage(view)];
  return contentsFor(view).map((content) => ({ content, allowed_mentions: pingsOf(view) }));
}

/** Whom a message may ping: the users a text names to notify them (a reminder's approvers), else no one. */
function pingsOf(view: View): Body['allowed_mentions'] {
  if (view.kind !== 'text' || !view.notify?.length) return NO_PINGS;
  const users = view.notify.flatMap((key) => (key.startsWith('discord:') ? [key.slice(8)] : []));
  return users.length > 0 ? { parse: [], users: users.slice(0, 100) } : NO_PINGS;
}

function contentsFor(view: Exclude<View, { kind: 'digest_header' | 'task' }>): string[] {
  switch (view.kind) {
    case 'text':
      return textContents(view.text);
    case 'error':
      return errorContents(view.message, view.usage);
    case 'table':
      return view.commands
        ? tableContents(
            'Goalpost commands',
            view.columns,
            typedOnDiscord(view.rows, view.commands),
            view.empty,
          )
        : tableContents(view.title, view.columns, view.rows, view.empty);
    case 'progress':
      return progressContents(view.title, view.items, view.empty);
    case 'charts':
      return textContents([CHARTS_HEADING, ...view.charts.map(chartLine)].join('\n'));
  }
}

/**
 * A table of commands (help's) with each as typed on Discord: `approve <ref>` as `/goalpost
 * approve <ref>`, `feature add <project> <title>` as `/backlog feature add <project> <title>`,
 * `subscribe <HH:MM>` as `/goalpost schedule add <HH:MM>`, and `vision` as `/goalpost vision
 * show` beside `vision set` (see subcommandPath: the rows a help lists name a one-word command's
 * siblings with it). `names` are the grammar commands of the rows, in order.
 */
function typedOnDiscord(rows: readonly string[][], names: readonly string[]): string[][] {
  const listed = names.map((name) => ({ name }));
  return rows.map(([usage = '', ...rest], i) => {
    const name = names[i] ?? '';
    const args = usage.startsWith(name) ? usage.slice(name.length) : '';
    return [`/${[slashCommandOf(name), ...subcommandPath(name, listed)].join(' ')}${args}`, ...rest];
  });
}

/** A message in discord.js's option names, for `interaction.reply/editReply/followUp`. */
export interface DiscordJsMessage {
  content?: string;
  embeds: NonNullable<Body['embeds']>;
  components: NonNullable<Body['components']>;
  allowedMentions: { parse: [] };
}

/**
 * The same messages in discord.js's option names (`allowedMentions` instead of `allowed_mentions`):
 * discord.js ignores the raw `allowed_mentions` key, and without it Discord's default lets
 * `@everyone` ping.
 */
export function renderDiscordJsMessages(view: View): DiscordJsMessage[] {
  return renderDiscordMessages(view).map((body) => ({
    ...(body.content === undefined ? {} : { content: body.content }),
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    allowedMentions: { parse: [] },
  }));
}
