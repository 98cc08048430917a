import { type Answer, error, type Json, ok } from './discord-http.js';

type Params = Record<string, string>;

/**
 * Who reacted to which message with which Unicode emoji, as Discord keeps it: one reaction per
 * person and emoji, a toned 👍🏽 an emoji of its own, listed on the message in the order each
 * emoji first came (discord.com/developers/docs/resources/message#reaction-object).
 */
export function createReactions(botUserId: string) {
  const byMessage = new Map<string, Array<{ emoji: string; users: string[] }>>();
  const user = (id: string): Json => ({
    ...{ id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
    ...(id === botUserId ? { bot: true } : {}),
  });
  return {
    /** `userId` adds (`on`) or removes their `emoji` on a message; false when nothing changed. */
    set(messageId: string, userId: string, emoji: string, on: boolean): boolean {
      const list = byMessage.get(messageId) ?? [];
      byMessage.set(messageId, list);
      const reaction = list.find((r) => r.emoji === emoji);
      if (on === (reaction?.users.includes(userId) ?? false)) return false;
      if (!on && reaction) reaction.users = reaction.users.filter((u) => u !== userId);
      else if (reaction) reaction.users.push(userId);
      else list.push({ emoji, users: [userId] });
      byMessage.set(
        messageId,
        list.filter((r) => r.users.length > 0),
      );
      return true;
    },
    /** The message's `reactions` field as Discord sends it (absent when it has none). */
    field(messageId: string): Json {
      const list = byMessage.get(messageId) ?? [];
      if (list.length === 0) return {};
      return {
        reactions: list.map((r) => ({
          count: r.users.length,
          count_details: { burst: 0, normal: r.users.length },
          me: r.users.includes(botUserId),
          me_burst: false,
          burst_colors: [],
          emoji: { id: null, name: r.emoji },
        })),
      };
    },
    /**
     * Get Reactions: the people who reacted with `emoji`, by id ascending, those after `after`,
     * at most `limit` (1–100, default 25); none for an emoji nobody put there.
     */
    users(messageId: string, emoji: string, query: Params): Answer {
      const limit = query.limit === undefined ? 25 : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(400, 'Invalid Form Body', 50035);
      const after = BigInt(query.after ?? '0');
      const ids = (byMessage.get(messageId) ?? []).find((r) => r.emoji === emoji)?.users ?? [];
      const sorted = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      return ok(
        sorted
          .filter((id) => BigInt(id) > after)
          .slice(0, limit)
          .map(user),
      );
    },
  };
}
