import { describe, expect, it } from 'vitest';
import { chatHarness, textOf } from '../helpers/chat.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const admin = declaredCtx({ workspaceId: 'default', actor: 'console:ana', source: 'console' });

/** A digest posted to Slack channel C1: the first card's task sits on message 1700000000.0001. */
async function posted() {
  const chat = chatHarness(tempDir());
  const digest = await chat.say('ana', 'digest');
  const card = digest.messages.find((m) => m.kind === 'task');
  if (card?.kind !== 'task') throw new Error('no card');
  chat.app.chat.record(admin, {
    platform: 'slack',
    channelId: 'C1',
    messageId: '1700000000.0001',
    kind: 'task',
    taskId: card.card.taskId,
    batchId: null,
  });
  chat.app.members.grant(admin, { user: 'slack:U1', role: 'approver' });
  chat.app.members.grant(admin, { user: 'slack:U2', role: 'approver' });
  const on = (userId: string, reaction: string, eventId?: string) => ({
    workspaceId: 'default',
    platform: 'slack' as const,
    userId,
    channelId: 'C1',
    messageId: '1700000000.0001',
    reaction,
    ...(eventId ? { eventId } : {}),
  });
  const status = () => chat.app.tasks.show(admin, card.card.ref).task.status;
  return { chat, ref: card.card.ref, on, status };
}

describe('reactions', () => {
  it('approves with ✅, 👍 or +1 and rejects with ❌ or -1', async () => {
    for (const [emoji, expected] of [
      ['white_check_mark', 'approved'],
      ['+1', 'approved'],
      ['👍', 'approved'],
      ['x', 'rejected'],
      ['-1', 'rejected'],
    ] as const) {
      const { chat, on, status } = await posted();
      chat.bot.react(on('U1', emoji));
      expect(status(), emoji).toBe(expected);
      chat.close();
    }
  });

  it('undoes the decision when the person removes the reaction that made it', async () => {
    const { chat, ref, on, status } = await posted();
    chat.bot.react(on('U1', 'white_check_mark', 'Ev1'));
    expect(status()).toBe('approved');
    const undone = chat.bot.unreact(on('U1', 'white_check_mark', 'Ev2'));
    expect(textOf(undone ?? { messages: [], visibility: 'channel', updates: [], duplicate: false })).toMatch(
      new RegExp(`↩️ ${ref} is proposed again: <@U1> removed the reaction`),
    );
    expect(undone?.updates[0]?.buttons.map((b) => b.action)).toEqual(['approve', 'reject']);
    expect(status()).toBe('proposed');
    expect(chat.app.tasks.show(admin, ref).events.at(-1)?.type).toBe('undone');
    // The same removal delivered again changes nothing.
    chat.bot.react(on('U1', 'white_check_mark', 'Ev3'));
    expect(chat.bot.unreact(on('U1', 'white_check_mark', 'Ev2'))).toBeNull();
    expect(status()).toBe('approved');
    chat.close();
  });

  it('keeps the decision when someone else removes a reaction, or a later step happened', async () => {
    const { chat, on, status } = await posted();
    chat.bot.react(on('U1', 'white_check_mark'));
    expect(chat.bot.unreact(on('U2', 'white_check_mark'))).toBeNull();
    expect(status()).toBe('approved');
    chat.bot.react(on('U1', 'rocket'));
    expect(status()).toBe('in_progress');
    expect(chat.bot.unreact(on('U1', 'white_check_mark'))).toBeNull();
    expect(status()).toBe('in_progress');
    chat.close();
  });

  it('never undoes a decision typed as a command, nor a done outcome', async () => {
    const { chat, ref, on, status } = await posted();
    await chat.say('bo', `approve ${ref}`);
    expect(chat.bot.unreact({ ...on('U1', 'white_check_mark') })).toBeNull();
    expect(status()).toBe('approved');
    chat.bot.react(on('U1', 'checkered_flag'));
    expect(status()).toBe('done');
    expect(chat.bot.unreact(on('U1', 'checkered_flag'))).toBeNull();
    expect(status()).toBe('done');
    chat.close();
  });
});
