import { describe, expect, it } from 'vitest';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import type { FakeDiscordCall } from '../../fakes/discord-rest.js';
import { declaredCtx } from '../../helpers/ctx.js';
import {
  CHANNEL,
  type DiscordBot,
  GUILD,
  interaction,
  USERS,
  useDiscordBot,
} from '../../helpers/discord-bot.js';
import { HOSTILE, markupIn } from '../../helpers/discord-markup.js';
import { plantTasks } from '../../helpers/planted-tasks.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { taskCardView } from '../../helpers/views.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);

const APPROVER = ['1150000000000000202'];
const ctx = declaredCtx({ workspaceId: GUILD, actor: 't', source: 'cli' });
const target = { workspaceId: GUILD, platform: 'discord' as const, channelId: CHANNEL };
const command = (user: string, roles: string[], name: string, options: OptionLike[] = []) =>
  interaction(user, roles, { options: { data: [{ name, type: 1, options }] as OptionLike[] } });

interface Shown {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
  allowed_mentions?: unknown;
  allowedMentions?: unknown;
}
/** Every piece of text a message shows: content, embed titles, descriptions, fields. */
const texts = (m: Shown): string[] => [
  m.content ?? '',
  ...(m.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
  ]),
];
/** The messages Goalpost sent Discord over REST (posts and edits). */
const sent = (calls: FakeDiscordCall[]): Shown[] =>
  calls
    .filter((c) => (c.method === 'POST' || c.method === 'PATCH') && /messages(\/\d+)?$/.test(c.path))
    .map((c) => c.body as Shown);

/** Asserts the messages show the hostile text literally, notify nobody, and were all accepted. */
function expectLiteral(b: DiscordBot, messages: Shown[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    for (const t of texts(m)) expect(markupIn(t), t).toEqual([]);
    expect(m.allowed_mentions ?? m.allowedMentions).toEqual({ parse: [] });
  }
  expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
}

describe('Discord shows what people and processes wrote literally, and pings no one', () => {
  it('a reject reason with a masked link, @everyone and a heading: on the card, in its thread, in the answer', async () => {
    const b = await startBot();
    await b.listeners.chatInput(command(USERS.approver, APPROVER, 'digest'));
    const card = b.app.chat.forTask(ctx, 1)[0];
    const messageId = card?.messageId ?? '';
    const submit = interaction(USERS.approver, APPROVER, {
      customId: 'goalpost:reject-modal:1:proposed',
      fields: { getTextInputValue: () => HOSTILE },
    });
    await b.listeners.modal(submit);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('rejected');
    const edits = b.discord.callsTo('PATCH', new RegExp(`/messages/${messageId}$`));
    // The card is in the digest's thread: the decision is said there.
    const thread = b.discord.callsTo('POST', new RegExp(`^/channels/${card?.channelId}/messages$`));
    expect(JSON.stringify(edits.at(-1)?.body)).toContain('Re-authenticate');
    expect(JSON.stringify(thread.map((c) => c.body))).toContain('Re-authenticate');
    expectLiteral(b, sent(b.discord.calls));
    expectLiteral(
      b,
      submit.calls.filter((c) => c.method !== 'deferReply').map((c) => c.payload as Shown),
    );
  });

  it('a task title with markup, in the digest card; a name with markup, in an answer only its author sees', async () => {
    const b = await startBot();
    const title = HOSTILE.split('\n')[0] ?? '';
    const [ref = ''] = plantTasks(b, GUILD, [{ title, priority: 10 }]);
    await b.listeners.chatInput(command(USERS.approver, APPROVER, 'digest'));
    expect(JSON.stringify(sent(b.discord.calls))).toContain('Re-authenticate');
    expectLiteral(b, sent(b.discord.calls));
    const refused = command(USERS.approver, APPROVER, 'assign', [
      { name: 'ref', type: 3, value: ref },
      { name: 'who', type: 3, value: title },
    ]);
    await b.listeners.chatInput(refused);
    const answer = refused.calls.at(-1)?.payload as Shown;
    expect(answer.content).toMatch(/Re-authenticate/);
    expectLiteral(b, [answer]);
  });

  it("a worker's stderr tail, on its card and in the thread", async () => {
    const b = await startBot();
    const id = (await b.port.post(target, [{ kind: 'task', card: taskCardView() }]))[0] ?? '';
    const tail = `exit 1: ${HOSTILE}`;
    await b.port.update(target, id, {
      kind: 'task',
      card: taskCardView({ status: 'failed', lastEvent: `failed by discord:${USERS.member}: ${tail}` }),
    });
    await b.port.threadReply(target, id, `⚠️ T-12 failed (dev_worker1): ${tail}`);
    const thread = b.discord.messagesIn(id).map((m) => String(m.content));
    expect(thread.join('\n')).toMatch(/^⚠️ T-12 failed \(dev\\_worker1\): exit 1: \\\[Re-authenticate\]/);
    expectLiteral(b, sent(b.discord.calls));
  });
});
