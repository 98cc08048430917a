import { snowflakeAt } from './discord-http.js';

type Json = Record<string, unknown>;

/** Where events happen and who the bot is: the same ids the REST fake and the gateway use. */
export interface EventScene {
  applicationId: string;
  guildId: string;
  channelId: string;
}

/** A guild member as Discord sends it with an interaction or a reaction. */
const member = (userId: string, roles: string[]): Json => ({
  user: {
    id: userId,
    username: `user${userId.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
  },
  roles,
  nick: null,
  avatar: null,
  joined_at: '2026-01-01T00:00:00.000Z',
  premium_since: null,
  deaf: false,
  mute: false,
  flags: 0,
  pending: false,
  permissions: '2248473465835073',
});

/** A thread the event happens in: its id, and the channel it was started in. */
export interface EventThread {
  id: string;
  parentId: string;
}

/**
 * INTERACTION_CREATE payloads and MESSAGE_REACTION_ADD as Discord sends them over the gateway.
 * An interaction's id is a snowflake made `ageMs` ago: Discord takes its first answer for 3 s.
 * A click or reaction on a message in a thread names the thread as its channel, as Discord does.
 */
export function discordEvents(scene: EventScene) {
  const channelOf = (thread?: EventThread): Json =>
    thread
      ? { id: thread.id, type: 11, guild_id: scene.guildId, parent_id: thread.parentId, name: 'digest' }
      : { id: scene.channelId, type: 0, guild_id: scene.guildId, name: 'channel-0' };
  const interaction = (
    type: number,
    userId: string,
    roles: string[],
    ageMs: number,
    extra: Json,
    thread?: EventThread,
  ): Json => {
    const id = snowflakeAt(Date.now() - ageMs);
    return {
      id,
      application_id: scene.applicationId,
      type,
      token: `interaction-token-${id}`,
      version: 1,
      guild_id: scene.guildId,
      channel_id: thread?.id ?? scene.channelId,
      channel: { ...channelOf(thread), permissions: '0' },
      member: member(userId, roles),
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { '0': scene.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...extra,
    };
  };
  /**
   * `/goalpost <subcommand>` with its options (or another slash command's, `/backlog feature`);
   * `vision set` is the subcommand `set` of the group `vision`.
   */
  const command = (subcommand: string, options: Json[], focused = false, name = 'goalpost'): Json => {
    const [group, sub] = subcommand.includes(' ') ? subcommand.split(' ') : [undefined, subcommand];
    const leaf = { name: sub, type: 1, options: options.map((o) => (focused ? { ...o, focused: true } : o)) };
    return {
      id: name === 'goalpost' ? '1150000000000000500' : '1150000000000000501',
      name,
      type: 1,
      guild_id: scene.guildId,
      options: [group === undefined ? leaf : { name: group, type: 2, options: [leaf] }],
    };
  };
  return {
    /** `/goalpost <subcommand> …` (or `slash`'s: `/backlog feature …`) typed by a member holding `roles`. */
    slashCommand: (
      userId: string,
      roles: string[],
      subcommand: string,
      options: Json[] = [],
      ageMs = 0,
      slash = 'goalpost',
    ) => interaction(2, userId, roles, ageMs, { data: command(subcommand, options, false, slash) }),
    /** Someone typing a string option that has autocomplete (of `slash`), made `ageMs` ago. */
    autocomplete: (
      userId: string,
      subcommand: string,
      option: string,
      value: string,
      ageMs = 0,
      slash = 'goalpost',
    ) =>
      interaction(4, userId, [], ageMs, {
        data: command(subcommand, [{ name: option, type: 3, value }], true, slash),
      }),
    /** A click on a button of `message` (the message as the REST fake stored it), in a thread or not. */
    buttonClick: (userId: string, roles: string[], customId: string, message: Json, thread?: EventThread) =>
      interaction(3, userId, roles, 0, { data: { custom_id: customId, component_type: 2 }, message }, thread),
    /** A reaction added to a message, in a thread or not. */
    reactionAdd: (
      userId: string,
      roles: string[],
      messageId: string,
      emoji: string,
      thread?: EventThread,
    ): Json => ({
      user_id: userId,
      channel_id: thread?.id ?? scene.channelId,
      message_id: messageId,
      guild_id: scene.guildId,
      member: member(userId, roles),
      emoji: { id: null, name: emoji },
      burst: false,
      type: 0,
      message_author_id: scene.applicationId,
    }),
  };
}
