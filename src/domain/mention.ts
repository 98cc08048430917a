/** How to mention a user back on their platform: `<@U024BE7LH>` on Slack and Discord, `@ana` here. */
export function mention(userKey: string): string {
  const i = userKey.indexOf(':');
  const platform = userKey.slice(0, i);
  const id = userKey.slice(i + 1);
  return platform === 'slack' || platform === 'discord' ? `<@${id}>` : `@${id}`;
}
