import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registeredPaths } from '../../../adapters/discord/command-definitions.js';
import type { OptionLike } from '../../../adapters/discord/discord-listeners.js';
import { runDue } from '../../../src/chat.js';
import { fixedClock, silentLogger } from '../../../src/index.js';
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
import { grammarCommands } from '../../helpers/grammar.js';
import { plantTasks } from '../../helpers/planted-tasks.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const startBot = useDiscordBot(tempDir);

const APPROVER = ['1150000000000000202'];
const ctx = declaredCtx({ workspaceId: GUILD, actor: 't', source: 'cli' });
const posts = (calls: FakeDiscordCall[], channel = CHANNEL) =>
  calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages` && !c.rateLimited);

const command = (user: string, roles: string[], name: string, options: OptionLike[] = []) =>
  interaction(user, roles, { options: { data: [{ name, type: 1, options }] as OptionLike[] } });

function decisions(dbPath: string): Array<{ type: string; actor: string }> {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare("SELECT type, actor FROM task_events WHERE type <> 'created' ORDER BY id")
    .all() as Array<{
    type: string;
    actor: string;
  }>;
  db.close();
  return rows;
}

/**
 * Posts the digest to the channel; returns the header's id, the thread its cards went to (the
 * header's id, as Discord names a thread started from a message), and the message showing T-1.
 */
async function digest(b: DiscordBot): Promise<{ headerId: string; thread: string; messageId: string }> {
  const i = command(USERS.approver, APPROVER, 'digest');
  await b.listeners.chatInput(i);
  const card = b.app.chat.forTask(ctx, 1)[0];
  const headerId = String(b.discord.messagesIn(CHANNEL)[0]?.id);
  return { headerId, thread: card?.channelId ?? '', messageId: card?.messageId ?? '' };
}

describe('Discord slash commands', () => {
  it('defers at once, then posts the header as the one channel message and each task in its thread, with buttons', async () => {
    const b = await startBot();
    const i = command(USERS.approver, APPROVER, 'digest');
    await b.listeners.chatInput(i);
    expect(i.calls[0]).toEqual({ method: 'deferReply', payload: { flags: 64 } });
    expect(i.calls.at(-1)).toEqual({
      method: 'editReply',
      payload: { content: 'Posted in the channel.', allowedMentions: { parse: [] } },
    });
    const inChannel = posts(b.discord.calls);
    expect(inChannel).toHaveLength(1);
    expect(JSON.stringify(inChannel[0]?.body)).toMatch(/Goalpost digest for 2026-11-23/);
    expect(JSON.stringify(inChannel[0]?.body)).toContain('0 of 5 decided');
    const header = String(b.discord.messagesIn(CHANNEL)[0]?.id);
    const started = b.discord.callsTo('POST', new RegExp(`/channels/${CHANNEL}/messages/${header}/threads$`));
    expect(started.map((c) => c.body)).toEqual([
      { name: 'Goalpost digest for 2026-11-23', auto_archive_duration: 10080 },
    ]);
    const cards = posts(b.discord.calls, header);
    expect(cards).toHaveLength(5);
    cards.forEach((c, n) => {
      const body = JSON.stringify(c.body);
      expect(body).toMatch(new RegExp(`T-${n + 1} `));
      expect(body).toContain(`goalpost:approve:${n + 1}:proposed`);
      expect(body).toContain(`goalpost:reject:${n + 1}:proposed`);
    });
    expect(b.app.chat.forTask(ctx, 1)).toMatchObject([{ channelId: header, threadId: header }]);
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('shows refusals and usage to the person only, writing nothing', async () => {
    const b = await startBot();
    await digest(b);
    const refused = command(USERS.member, [], 'approve', [{ name: 'ref', type: 3, value: 'T-1' }]);
    await b.listeners.chatInput(refused);
    expect(JSON.stringify(refused.calls.at(-1))).toMatch(/needs the approver role and you are a member/);
    const usage = command(USERS.approver, APPROVER, 'reject', [{ name: 'ref', type: 3, value: 'T-1' }]);
    await b.listeners.chatInput(usage);
    expect(JSON.stringify(usage.calls.at(-1))).toMatch(/say why/);
    expect(decisions(b.dbPath)).toEqual([]);
  });

  it('lets a holder of the approver role approve: the card in the thread and the header are edited, the decision said in the thread', async () => {
    const b = await startBot();
    const { headerId, thread, messageId } = await digest(b);
    const before = posts(b.discord.calls, thread).length;
    const i = command(USERS.approver, APPROVER, 'approve', [{ name: 'ref', type: 3, value: 'T-1' }]);
    await b.listeners.chatInput(i);
    expect(decisions(b.dbPath)).toEqual([{ type: 'approved', actor: `discord:${USERS.approver}` }]);
    const edit = b.discord.callsTo('PATCH', new RegExp(`/channels/${thread}/messages/${messageId}$`))[0];
    expect(JSON.stringify(edit?.body)).toMatch(/Approved by <@1150000000000000301>/);
    expect(JSON.stringify(edit?.body)).toContain('goalpost:start:1:approved');
    // No thread under a card that is itself in a thread: the line goes in the digest's thread.
    expect(b.discord.callsTo('POST', new RegExp(`/messages/${messageId}/threads`))).toEqual([]);
    const said = posts(b.discord.calls, thread).slice(before);
    expect(JSON.stringify(said[0]?.body)).toMatch(/T-1 approved by <@1150000000000000301>/);
    const header = b.discord.messages.get(headerId) as {
      embeds: Array<{ fields: Array<{ value: string }> }>;
    };
    expect(header.embeds[0]?.fields.map((f) => f.value)).toContain('1 of 5 decided · 1 approved');
    expect(posts(b.discord.calls)).toHaveLength(2); // the header, and the typed command's reply
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('suggests open task refs while a ref is typed', async () => {
    const b = await startBot();
    await digest(b);
    const typing = [{ name: 'approve', type: 1, options: [{ name: 'ref', type: 3, value: 't-2' }] }];
    const i = interaction(USERS.member, [], {
      options: { data: typing, getFocused: () => ({ name: 'ref', value: 't-2' }) },
    });
    await b.listeners.autocomplete(i);
    const choices = i.calls[0]?.payload as Array<{ name: string; value: string }>;
    expect(choices.map((c) => c.value)).toEqual(['T-2']);
    expect(choices[0]?.name).toMatch(/^T-2 · proposed · /);
  });
  it('cuts a suggestion on a whole emoji, never half of one, within Discord’s 100 characters', async () => {
    const b = await startBot();
    // "T-N · proposed · " is 17 characters: each emoji straddles the 100th.
    const titles = [`${'a'.repeat(82)}👍🏽 thumbs`, `${'b'.repeat(81)}👨‍👩‍👧 family`];
    const refs = plantTasks(
      b,
      GUILD,
      titles.map((title) => ({ title })),
    );
    const typing = [{ name: 'task', type: 1, options: [{ name: 'ref', type: 3, value: '' }] }];
    const i = interaction(USERS.member, [], {
      options: { data: typing, getFocused: () => ({ name: 'ref', value: '' }) },
    });
    await b.listeners.autocomplete(i);
    const choices = i.calls[0]?.payload as Array<{ name: string; value: string }>;
    const graphemes = (text: string) => [...new Intl.Segmenter().segment(text)].map((g) => g.segment);
    for (const [n, ref] of refs.entries()) {
      const name = choices.find((c) => c.value === ref)?.name ?? '';
      const prefix = `${ref} · proposed · `;
      expect(name.startsWith(prefix) && name.endsWith('…')).toBe(true);
      expect([...name].length).toBeLessThanOrEqual(100);
      const kept = name.slice(prefix.length, -1);
      const whole = graphemes(titles[n] ?? '').map((_, k, all) => all.slice(0, k).join(''));
      expect(whole).toContain(kept);
    }
  });
});

describe('Discord buttons and the reject modal', () => {
  it('asks for a reason in a modal, then rejects with it', async () => {
    const b = await startBot();
    await digest(b);
    const click = interaction(USERS.approver, APPROVER, { customId: 'goalpost:reject:1:proposed' });
    await b.listeners.button(click);
    expect(click.calls[0]?.method).toBe('showModal');
    const modal = click.calls[0]?.payload as { custom_id: string };
    const submit = interaction(USERS.approver, APPROVER, {
      customId: modal.custom_id,
      fields: { getTextInputValue: () => 'not this quarter' },
    });
    await b.listeners.modal(submit);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('rejected');
    expect(b.app.tasks.show(ctx, 'T-1').events.at(-1)?.note).toBe('not this quarter');
  });

  it('says what is wrong with a blank or tampered reason form, to the sender only, rejecting nothing', async () => {
    const b = await startBot();
    await digest(b);
    const submit = async (customId: string, reason: string) => {
      const i = interaction(USERS.approver, APPROVER, {
        customId,
        fields: { getTextInputValue: () => reason },
      });
      await b.listeners.modal(i);
      return i.calls;
    };
    const blank = await submit('goalpost:reject-modal:1:proposed', '  ');
    expect(blank.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect(blank[0]?.payload).toMatchObject({ flags: 64 });
    expect(JSON.stringify(blank[1]?.payload)).toContain('⚠️ say why the task is rejected');
    const tampered = await submit('goalpost:reject-modal:1:gone', 'not this quarter');
    expect(JSON.stringify(tampered[1]?.payload)).toContain(
      '⚠️ \\"goalpost:reject-modal:1:gone\\" is not a Goalpost reject form',
    );
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
    // Anything but its own checks of the form is ours: logged, and the sender told under which id.
    const said = b.bot.unreadable(
      { workspaceId: GUILD, platform: 'discord', userId: USERS.approver },
      new TypeError("Cannot read properties of undefined (reading 'value')"),
    );
    const id = /^Something went wrong on our side \(error ([0-9a-f]{8})\); it has been logged$/.exec(
      said,
    )?.[1];
    expect(id, said).toBeDefined();
    expect(b.logs).toContainEqual(
      expect.objectContaining({ level: 'error', obj: expect.objectContaining({ errorId: id }) }),
    );
  });

  it('refuses Reject to a member, in a message only they see, and opens no form', async () => {
    const b = await startBot();
    await digest(b);
    const click = interaction(USERS.member, [], { customId: 'goalpost:reject:1:proposed' });
    await b.listeners.button(click);
    expect(click.calls.map((c) => c.method)).toEqual(['reply']);
    expect(click.calls[0]?.payload).toMatchObject({ flags: 64 });
    expect(JSON.stringify(click.calls[0]?.payload)).toMatch(/needs the approver role/);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
  });

  it('answers Reject on a task that is gone with what happened, not "This interaction failed"', async () => {
    const b = await startBot();
    await digest(b);
    const click = interaction(USERS.approver, APPROVER, { customId: 'goalpost:reject:999:proposed' });
    await b.listeners.button(click);
    expect(click.calls.map((c) => c.method)).toEqual(['reply']);
    expect(JSON.stringify(click.calls[0]?.payload)).toMatch(/unknown task #999/);
  });

  it('shows an apology with an error id, never the raw error, when the database fails under a Reject', async () => {
    const b = await startBot();
    await digest(b);
    b.store.db.close();
    const click = interaction(USERS.approver, APPROVER, { customId: 'goalpost:reject:1:proposed' });
    await b.listeners.button(click);
    const said = JSON.stringify(click.calls[0]?.payload);
    const id = /Something went wrong on our side \(error ([0-9a-f]{8})\)/.exec(said)?.[1];
    expect(id, said).toBeDefined();
    expect(said).not.toMatch(/database|connection/i);
    expect(b.logs).toContainEqual(
      expect.objectContaining({ level: 'error', obj: expect.objectContaining({ errorId: id }) }),
    );
  });

  it('gives one result when two approvers click approve at once', async () => {
    const b = await startBot();
    await digest(b);
    const a = interaction(USERS.approver, APPROVER, { customId: 'goalpost:approve:1:proposed' });
    const c = interaction(USERS.approver2, APPROVER, { customId: 'goalpost:approve:1:proposed' });
    await Promise.all([b.listeners.button(a), b.listeners.button(c)]);
    expect(decisions(b.dbPath)).toHaveLength(1);
    const loser = decisions(b.dbPath)[0]?.actor === `discord:${USERS.approver}` ? c : a;
    expect(JSON.stringify(loser.calls.at(-1))).toMatch(/was already approved/);
    expect(loser.calls[0]?.method).toBe('deferUpdate');
  });
});

describe('Discord reactions', () => {
  const reaction = (messageId: string, name: string, channelId: string) => ({
    emoji: { name },
    message: { id: messageId, channelId, guildId: GUILD },
  });
  /** `user` adds or takes back `emoji` on the message: Discord keeps it, then sends the event. */
  const reactOn =
    (b: DiscordBot, messageId: string, thread: string) =>
    async (emoji: string, added: boolean, user: string = USERS.approver) => {
      b.discord.reaction(messageId, user, emoji, added);
      await b.listeners.reaction(reaction(messageId, emoji, thread), { id: user }, added);
    };
  const proposedAgain = (b: DiscordBot, thread: string) =>
    posts(b.discord.calls, thread).filter((c) => /T-1 is proposed again/.test(JSON.stringify(c.body)));

  it('approves with ✅ on a card in the thread and undoes it when the reaction is removed, the header following', async () => {
    const b = await startBot();
    const { headerId, thread, messageId } = await digest(b);
    const tally = () =>
      JSON.stringify(
        b.discord.callsTo('PATCH', new RegExp(`/channels/${CHANNEL}/messages/${headerId}$`)).at(-1)?.body,
      );
    const react = reactOn(b, messageId, thread);
    await react('✅', true);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    expect(tally()).toContain('1 of 5 decided · 1 approved');
    await react('✅', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
    expect(tally()).toContain('0 of 5 decided');
  });

  it('keeps an approval when a second approving emoji is taken back; a toned 👍 that approved undoes it', async () => {
    const b = await startBot();
    const { thread, messageId } = await digest(b);
    const react = reactOn(b, messageId, thread);
    await react('✅', true);
    await react('👍', true);
    await react('👍', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    await react('✅', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
    await react('👍🏽', true);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    await react('👍🏽', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
  });

  it('keeps an approval made by 👍 while the same person’s ✅ is left on the card; the ✅ removed undoes it', async () => {
    const b = await startBot();
    const { thread, messageId } = await digest(b);
    const react = reactOn(b, messageId, thread);
    await react('👍', true);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    await react('✅', true);
    await react('✅', true, USERS.approver2);
    await react('👍', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    expect(proposedAgain(b, thread)).toEqual([]);
    // The ✅ holds it now; another approver's ✅ left on the card is theirs, not the approval's.
    await react('✅', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
    expect(proposedAgain(b, thread)).toHaveLength(1);
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('undoes only by the emoji that decided when Discord will not say which reactions are left, and logs why', async () => {
    const b = await startBot();
    const { thread, messageId } = await digest(b);
    const react = reactOn(b, messageId, thread);
    b.discord.channel(CHANNEL, { deny: ['ReadMessageHistory'] });
    await react('👍', true);
    await react('✅', true);
    await react('✅', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    expect(b.logs.map((l) => l.msg)).toContain(
      'discord: cannot read the reactions left on the message; only the emoji that decided undoes it',
    );
    await react('👍', false);
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
  });

  it('retries a failed task with its Retry button or with 🔁, once: the new task is posted, the failed card loses the button', async () => {
    const b = await startBot();
    const { thread, messageId } = await digest(b);
    const lead = b.app.context({ workspaceId: GUILD, actor: 'cli:lead', source: 'cli', role: 'admin' });
    for (const ref of ['T-1', 'T-2']) {
      b.app.decisions.decide(lead, { ref, action: 'approve' });
      b.app.decisions.decide(lead, { ref, action: 'fail', note: 'sandbox locked' });
    }
    const click = interaction(USERS.approver, APPROVER, { customId: 'goalpost:retry:1:failed' });
    await b.listeners.button(click);
    expect(click.calls[0]?.method).toBe('deferUpdate');
    expect(b.app.tasks.show(ctx, 'T-6').task).toMatchObject({
      status: 'approved',
      title: b.app.tasks.show(ctx, 'T-1').task.title,
    });
    const edit = b.discord.callsTo('PATCH', new RegExp(`/channels/${thread}/messages/${messageId}$`)).at(-1);
    expect(JSON.stringify(edit?.body)).not.toContain('goalpost:retry');
    // Said in the digest's thread, where the failed card is; the new task's card in the channel.
    expect(JSON.stringify(posts(b.discord.calls, thread).map((c) => c.body))).toMatch(
      /T-1 retried as T-6 by <@1150000000000000301>/,
    );
    expect(JSON.stringify(posts(b.discord.calls).map((c) => c.body))).toContain('goalpost:start:6:approved');
    // The same press again (another approver's stale card) adds nothing and says why, to them alone.
    const again = interaction(USERS.approver2, APPROVER, { customId: 'goalpost:retry:1:failed' });
    await b.listeners.button(again);
    expect(JSON.stringify(again.calls.at(-1))).toMatch(/T-1 was already retried as T-6/);
    // 🔁 on T-2's card retries it as well, once.
    const t2 = b.app.chat.forTask(ctx, 2)[0];
    const r = {
      emoji: { name: '🔁' },
      message: { id: t2?.messageId ?? '', channelId: t2?.channelId ?? '', guildId: GUILD },
    };
    await b.listeners.reaction(r, { id: USERS.approver }, true);
    expect(b.app.tasks.show(ctx, 'T-7').task).toMatchObject({ status: 'approved' });
    await b.listeners.reaction(r, { id: USERS.approver }, false);
    expect(b.app.tasks.show(ctx, 'T-7').task.status).toBe('approved');
    expect(b.app.tasks.list(ctx, { status: ['all'] })).toHaveLength(7);
    expect(b.discord.calls.filter((c) => c.status >= 400)).toEqual([]);
  });

  it('ignores the bot, other bots, people outside the server, members without the role, and other messages', async () => {
    const b = await startBot();
    const { thread, messageId } = await digest(b);
    const on = (id: string) => reaction(id, '✅', thread);
    await b.listeners.reaction(on(messageId), { id: b.discord.botUserId }, true);
    await b.listeners.reaction(on(messageId), { id: '1150000000000000999', bot: true }, true);
    await b.listeners.reaction(on(messageId), { id: USERS.stranger }, true);
    await b.listeners.reaction(on(messageId), { id: USERS.member }, true);
    await b.listeners.reaction(on('1150000000000009999'), { id: USERS.approver }, true);
    await b.listeners.reaction(
      { emoji: { name: '✅' }, message: { id: messageId, channelId: thread, guildId: null } },
      { id: USERS.approver },
      true,
    );
    expect(b.app.tasks.show(ctx, 'T-1').task.status).toBe('proposed');
    expect(decisions(b.dbPath)).toEqual([]);
  });
});

describe('Discord digests from the scheduler', () => {
  it('posts a digest subscribed in the cards style whole and in order, each task in the channel, waiting out a 429', async () => {
    const b = await startBot();
    b.app.subscriptions.subscribe(
      { ...ctx, role: 'admin' },
      { platform: 'discord', channelId: CHANNEL, time: '09:00', timeZone: 'Europe/Berlin', style: 'cards' },
    );
    b.discord.failNext('POST', new RegExp(`/channels/${CHANNEL}/messages$`), {
      status: 429,
      retryAfterSeconds: 0.2,
    });
    const results = await runDue({
      app: b.app,
      ports: { discord: b.port },
      clock: fixedClock('2026-11-24T08:05:00Z'),
      logger: silentLogger,
      graceMinutes: 180,
    });
    expect(results.map((r) => r.status)).toEqual(['posted']);
    expect(b.discord.calls.some((c) => c.rateLimited)).toBe(true);
    const [header, ...cards] = posts(b.discord.calls);
    expect(JSON.stringify(header?.body)).toMatch(/digest/i);
    const refs = cards.map((c) => /T-(\d+) /.exec(JSON.stringify(c.body))?.[1]);
    expect(refs).toEqual(['1', '2', '3', '4', '5']);
    expect(b.discord.messagesIn(CHANNEL)).toHaveLength(6);
    expect(b.discord.callsTo('POST', /\/threads$/)).toEqual([]);
  }, 20_000);

  it('lists every command in help as it is typed on Discord, each under the slash command it has', async () => {
    const b = await startBot();
    const answer = async (i: ReturnType<typeof command>): Promise<string> => {
      await b.listeners.chatInput(i);
      return i.calls
        .map((c) => String((c.payload as { content?: string } | undefined)?.content ?? ''))
        .join('\n');
    };
    const help = await answer(command(USERS.member, [], 'help'));
    // The rows of its code blocks: one a command, as a person types it.
    const rows = help.split('\n').filter((line) => line.startsWith('/'));
    const registered = registeredPaths(grammarCommands());
    expect(rows).toHaveLength(registered.length);
    for (const path of registered)
      expect(
        rows.some((row) => row === path || row.startsWith(`${path} `)),
        path,
      ).toBe(true);
    // Those Discord has elsewhere than the command line says them: a reader typing what help
    // lists finds the command.
    expect(help).toMatch(/^\/backlog feature add <project> <title>/m);
    expect(help).toMatch(/^\/goalpost schedule add /m);
    expect(help).toMatch(/^\/goalpost vision show /m);
    expect(help).toMatch(/^\/goalpost vision set /m);
    expect(help).not.toMatch(/^(\/goalpost )?(subscribe|feature add) /m);
    // Help on one command (a group's) lists its commands the same way.
    const one = await answer(
      command(USERS.member, [], 'help', [{ name: 'command', type: 3, value: 'vision' }]),
    );
    expect(
      one
        .split('\n')
        .filter((line) => line.startsWith('/'))
        .map((row) => row.split('  ')[0]?.split(' <')[0]),
    ).toEqual(['/goalpost vision show', '/goalpost vision set']);
  });
});
