/** One emoji on a message, as reactions.get lists it: its name, who put it there, how many. */
export interface FakeSlackReaction {
  name: string;
  users: string[];
  count: number;
}

/**
 * The reactions on messages, everyone's (the bot's reactions.add, people's reaction events), as
 * Slack keeps them: one per person and emoji name, a toned 👍 (`+1::skin-tone-3`) an emoji of its
 * own, in the order they were first put on the message.
 */
export function createSlackReactions() {
  const byMessage = new Map<string, FakeSlackReaction[]>();
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  return {
    /** Puts `name` on the message for `user`; false when they had it on already. */
    add(channel: string, ts: string, name: string, user: string): boolean {
      const on = byMessage.get(key(channel, ts)) ?? [];
      byMessage.set(key(channel, ts), on);
      const reaction = on.find((r) => r.name === name);
      if (reaction?.users.includes(user)) return false;
      if (reaction) reaction.users.push(user);
      else on.push({ name, users: [user], count: 0 });
      for (const r of on) r.count = r.users.length;
      return true;
    },
    /** Takes `user`'s `name` off the message; an emoji nobody has on any more goes. */
    remove(channel: string, ts: string, name: string, user: string): void {
      const on = (byMessage.get(key(channel, ts)) ?? [])
        .map((r) => ({ ...r, users: r.users.filter((u) => u !== user || r.name !== name) }))
        .map((r) => ({ ...r, count: r.users.length }))
        .filter((r) => r.count > 0);
      byMessage.set(key(channel, ts), on);
    },
    /** The reactions on a message, as reactions.get answers them (copies). */
    on(channel: string, ts: string): FakeSlackReaction[] {
      return (byMessage.get(key(channel, ts)) ?? []).map((r) => ({ ...r, users: [...r.users] }));
    },
  };
}

export type SlackReactions = ReturnType<typeof createSlackReactions>;
