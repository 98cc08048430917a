import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../src/paths.js';

/** What Goalpost does in a channel, and the permission each needs (README: Discord, step 3). */
const NEEDED = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
];

describe('the Discord invite URL in the README', () => {
  it('asks for exactly the permissions Goalpost uses, Attach Files for the report’s charts included', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const asked = [...readme.matchAll(/permissions=(\d+)|The permissions\s+\((\d+)\)/g)].map((m) =>
      BigInt(m[1] ?? m[2] ?? '0'),
    );
    const expected = NEEDED.reduce((all, p) => all | p, 0n);
    expect(asked).toEqual([expected, expected]);
    expect(expected & PermissionFlagsBits.AttachFiles).toBe(PermissionFlagsBits.AttachFiles);
  });
});
