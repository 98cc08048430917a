import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import type { DiscordConfig, Role, View } from '../../src/index.js';
import { renderDiscordJsMessages } from './render-discord.js';

/** Discord's flag for a reply only the person sees. */
export const EPHEMERAL = 64;

/** The few fields of a guild member the adapter reads: its role ids (API shape or discord.js cache). */
export interface MemberLike {
  roles: readonly string[] | { cache: { keys(): Iterable<string> } };
}

/** What every interaction shape the adapter handles has (discord.js's, or plain test objects). */
export interface InteractionLike {
  id: string;
  guildId: string | null;
  channelId: string | null;
  user: { id: string; bot?: boolean };
  member: MemberLike | null;
}

export interface OptionLike {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly OptionLike[];
}

export type Payload = Record<string, unknown>;

export interface ChatInputLike extends InteractionLike {
  /** The slash command used: `goalpost` or `backlog` (absent: `goalpost`). */
  commandName?: string;
  options: { data: readonly OptionLike[] };
  deferReply(options: { flags: number }): Promise<unknown>;
  editReply(payload: Payload): Promise<unknown>;
  followUp(payload: Payload): Promise<unknown>;
}

export interface ButtonLike extends InteractionLike {
  customId: string;
  reply(payload: Payload): Promise<unknown>;
  deferUpdate(): Promise<unknown>;
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<unknown>;
  followUp(payload: Payload): Promise<unknown>;
}

export interface ModalLike extends InteractionLike {
  customId: string;
  fields: { getTextInputValue(id: string): string };
  deferReply(options: { flags: number }): Promise<unknown>;
  editReply(payload: Payload): Promise<unknown>;
  followUp(payload: Payload): Promise<unknown>;
}

export interface AutocompleteLike extends InteractionLike {
  /** The slash command being typed: `goalpost` or `backlog` (absent: `goalpost`). */
  commandName?: string;
  /** `data`: the subcommand and its options typed so far; `getFocused`: the one being typed. */
  options: {
    data: readonly OptionLike[];
    getFocused(full: true): { name: string; value: string | number };
  };
  respond(choices: Array<{ name: string; value: string }>): Promise<unknown>;
}

export interface ReactionLike {
  emoji: { name: string | null };
  message: { id: string; channelId: string; guildId: string | null };
}

/** The role a person's Discord roles give them in Goalpost, if any. */
export function platformRoleOf(
  roleIds: Iterable<string>,
  roles: Pick<DiscordConfig, 'adminRoles' | 'approverRoles'>,
): Role | undefined {
  const ids = [...roleIds];
  if (ids.some((id) => roles.adminRoles.includes(id))) return 'admin';
  if (ids.some((id) => roles.approverRoles.includes(id))) return 'approver';
  return undefined;
}

export const roleIdsOf = (member: MemberLike | null): string[] =>
  member === null
    ? []
    : Array.isArray(member.roles)
      ? [...member.roles]
      : [...(member.roles as { cache: { keys(): Iterable<string> } }).cache.keys()];

/** A view's payloads for interaction replies (a long text takes several): content, embeds, components. */
// discord.js's reply methods read camelCase allowedMentions: this keeps @everyone from pinging.
export const payloadsOf = (view: View): Payload[] => renderDiscordJsMessages(view).map((m) => ({ ...m }));

export const say = (content: string): Payload => ({ content, allowedMentions: { parse: [] } });

/**
 * Answers the person through their interaction: the first message as the interaction's reply
 * (`first`: edit the deferred reply, or reply now), the rest, in order, as ephemeral follow-ups.
 */
export const answerVia =
  (first: (payload: Payload) => Promise<unknown>, followUp: (payload: Payload) => Promise<unknown>) =>
  async (messages: readonly View[]): Promise<void> => {
    for (const [n, payload] of messages.flatMap(payloadsOf).entries()) {
      if (n === 0) await first(payload);
      else await followUp({ ...payload, flags: EPHEMERAL });
    }
  };
