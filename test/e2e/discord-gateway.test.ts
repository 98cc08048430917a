import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/create-discord-adapter.js';
import { createChatBot } from '../../src/chat.js';
import { fixedClock, type Goalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { discordEvents } from '../fakes/discord-events.js';
import { type FakeGateway, startFakeGateway } from '../fakes/discord-gateway.js';
import { type FakeDiscord, type FakeDiscordCall, startFakeDiscord } from '../fakes/discord-rest.js';
import { type LogLine, recordingLogger } from '../helpers/discord-bot.js';

const TOKEN = 'test-discord-token-0123456789';
const APP = '1150000000000000001';
const GUILD = '1150000000000000011';
const CHANNEL = '1150000000000000101';
const APPROVER_ROLE = '1150000000000000202';
const APPROVER = '1150000000000000301';
const MEMBER = '1150000000000000303';

// The whole file's, as the bot is: a folder removed after the first test took the database the bot
// had open with it, and every later test wrote on a file no path named.
let dir = '';
const events = discordEvents({ applicationId: APP, guildId: GUILD, channelId: CHANNEL });

interface Message {
  id: string;
  content: string;
  embeds: Array<{ title?: string; description?: string }>;
  components: Array<{ components: Array<{ custom_id?: string }> }>;
}

let gateway: FakeGateway;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
let app: Goalpost;
let close: () => void;
const logs: LogLine[] = [];

beforeAll(async () => {
  gateway = await startFakeGateway({
    bot: { id: APP, username: 'goalpost' },
    applicationId: APP,
    token: TOKEN,
    guild: { id: GUILD, name: 'Team', channels: [CHANNEL], roles: [APPROVER_ROLE] },
    heartbeatIntervalMs: 300,
  });
  discord = await startFakeDiscord({
    applicationId: APP,
    token: TOKEN,
    gatewayUrl: gateway.url,
    channels: { [CHANNEL]: {} },
    guildId: GUILD,
    // Discord tells the bot of the threads it starts: discord.js caches them, so reactions there count.
    dispatch: (event, data) => gateway.dispatch(event, data),
  });
  discord.members.set(`${GUILD}:${APPROVER}`, [APPROVER_ROLE]);
  const clock = fixedClock('2026-11-23T09:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'goalpost-test-'));
  const opened = openGoalpost({ dbPath: join(dir, 'e2e.db'), clock, logger: silentLogger });
  app = opened.app;
  close = opened.close;
  app.demo.load(app.context({ workspaceId: GUILD, actor: 'cli:setup', source: 'cli', role: 'admin' }));
  const bot = createChatBot({ app, clock, logger: silentLogger, defaultTimeZone: 'UTC' });
  const config = {
    token: TOKEN,
    applicationId: APP,
    guildId: GUILD,
    apiUrl: discord.apiUrl,
    adminRoles: [],
    approverRoles: [APPROVER_ROLE],
  };
  adapter = createDiscordAdapter({ app, bot, config, logger: recordingLogger(logs) });
  await adapter.start();
  await gateway.identified();
});

afterAll(async () => {
  await adapter?.stop();
  await gateway?.close();
  await discord?.close();
  close?.();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const channelMessages = (): Message[] => discord.messagesIn(CHANNEL) as unknown as Message[];
/** The digest's header: its one message in the channel; its thread has the header's id. */
const header = (): Message | undefined =>
  channelMessages().find((m) => m.embeds[0]?.title?.startsWith('Goalpost digest'));
const thread = () => ({ id: header()?.id ?? '', parentId: CHANNEL });
const threadMessages = (): Message[] => discord.messagesIn(thread().id) as unknown as Message[];
const cardOf = (ref: string): Message | undefined =>
  threadMessages().find((m) => m.embeds[0]?.title?.startsWith(`${ref} · `));
const tallyOf = (m: Message | undefined): string | undefined =>
  (m?.embeds[0] as { fields?: Array<{ name: string; value: string }> } | undefined)?.fields?.find(
    (f) => f.name === 'Decisions',
  )?.value;
const ctx = () => app.context({ workspaceId: GUILD, actor: 'cli:test', source: 'cli' });
const refused = (calls: FakeDiscordCall[]) => calls.filter((c) => c.status >= 400);

describe('Goalpost on the real discord.js client, against a fake Discord gateway and REST API', () => {
  it('connects: HELLO, IDENTIFY with the token and only unprivileged intents, READY and GUILD_CREATE', () => {
    const identify = gateway.received.find((p) => p.op === 2)?.d as { token: string; intents: number };
    expect(identify.token).toBe(TOKEN);
    // Guilds (1) and Guild Message Reactions (1 << 10): no privileged intent.
    expect(identify.intents).toBe(1 | (1 << 10));
    expect(gateway.received.filter((p) => p.op === 2)).toHaveLength(1);
  });

  it('/goalpost digest: deferred at once, then the header as the one channel message and each task in its thread', async () => {
    gateway.dispatch('INTERACTION_CREATE', events.slashCommand(APPROVER, [APPROVER_ROLE], 'digest'));
    await discord.waitFor((calls) => calls.some((c) => c.method === 'PATCH' && /@original$/.test(c.path)));
    expect(discord.interactionResponses[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(channelMessages()).toHaveLength(1);
    expect(header()?.embeds[0]?.title).toBe('Goalpost digest for 2026-11-23');
    expect(tallyOf(header())).toBe('0 of 5 decided');
    const cards = threadMessages();
    expect(cards.map((c) => c.embeds[0]?.title?.split(' · ')[0])).toEqual([
      'T-1',
      'T-2',
      'T-3',
      'T-4',
      'T-5',
    ]);
    expect(cards[0]?.components[0]?.components.map((b) => b.custom_id)).toEqual([
      'goalpost:approve:1:proposed',
      'goalpost:reject:1:proposed',
    ]);
    const answer = discord.calls.find((c) => c.method === 'PATCH' && /@original$/.test(c.path));
    expect(answer?.body).toMatchObject({ content: 'Posted in the channel.' });
    expect(refused(discord.calls)).toEqual([]);
  });

  it('a click on Approve on a card in the thread approves, edits the card and the header, and says so in the thread', async () => {
    const card = cardOf('T-1');
    const before = threadMessages().length;
    gateway.dispatch(
      'INTERACTION_CREATE',
      events.buttonClick(APPROVER, [APPROVER_ROLE], 'goalpost:approve:1:proposed', { ...card }, thread()),
    );
    await discord.waitFor(() => threadMessages().length > before);
    await discord.waitFor(() => tallyOf(header()) === '1 of 5 decided · 1 approved');
    expect(discord.interactionResponses.at(-1)?.type).toBe(6);
    const edited = discord.messages.get(card?.id ?? '') as unknown as Message;
    expect(edited.embeds[0]?.description).toMatch(new RegExp(`Approved by <@${APPROVER}>`));
    expect(edited.components[0]?.components.map((b) => b.custom_id)).toContain('goalpost:start:1:approved');
    expect(String(threadMessages().at(-1)?.content)).toMatch(new RegExp(`T-1 approved by <@${APPROVER}>`));
    expect(channelMessages()).toHaveLength(1);
    expect(app.tasks.show(ctx(), 'T-1').task.status).toBe('approved');
    expect(refused(discord.calls)).toEqual([]);
  });

  it('a ✅ reaction by an approver on a card in the thread approves the task and edits its card and the header', async () => {
    const card = cardOf('T-2');
    gateway.dispatch(
      'MESSAGE_REACTION_ADD',
      events.reactionAdd(APPROVER, [APPROVER_ROLE], card?.id ?? '', '✅', thread()),
    );
    await discord.waitFor(() => app.tasks.show(ctx(), 'T-2').task.status === 'approved');
    await discord.waitFor(() => tallyOf(header()) === '2 of 5 decided · 2 approved');
    const edited = discord.messages.get(card?.id ?? '') as unknown as Message;
    expect(edited.embeds[0]?.description).toMatch(new RegExp(`Approved by <@${APPROVER}>`));
    expect(refused(discord.calls)).toEqual([]);
  });

  it('a reaction counts in a channel where Goalpost may not read the message history', async () => {
    discord.channel(CHANNEL, { deny: ['ReadMessageHistory'] });
    try {
      const card = cardOf('T-4');
      gateway.dispatch(
        'MESSAGE_REACTION_ADD',
        events.reactionAdd(APPROVER, [APPROVER_ROLE], card?.id ?? '', '✅', thread()),
      );
      await discord.waitFor(() => app.tasks.show(ctx(), 'T-4').task.status === 'approved');
    } finally {
      discord.channel(CHANNEL, {});
    }
  });

  it('answers Reject on a task that is gone with what happened, where the real client would refuse a follow-up first', async () => {
    const card = cardOf('T-1');
    const answered = discord.interactionResponses.length;
    gateway.dispatch(
      'INTERACTION_CREATE',
      events.buttonClick(APPROVER, [APPROVER_ROLE], 'goalpost:reject:999:proposed', { ...card }),
    );
    await discord.waitFor(() => discord.interactionResponses.length > answered);
    const answer = discord.interactionResponses.at(-1);
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(answer?.data)).toMatch(/unknown task #999/);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('suggests task refs while one is typed, within what Discord takes', async () => {
    gateway.dispatch('INTERACTION_CREATE', events.autocomplete(MEMBER, 'approve', 'ref', 'T-3'));
    await discord.waitFor(() => discord.interactionResponses.some((r) => r.type === 8));
    const { choices } = discord.interactionResponses.find((r) => r.type === 8)?.data as {
      choices: Array<{ value: string }>;
    };
    expect(choices.map((c) => c.value)).toEqual(['T-3']);
    expect(refused(discord.calls)).toEqual([]);
  });

  it('suggests help’s commands and a long list’s values as they are typed, and reads the pick back', async () => {
    const suggest = async (subcommand: string, option: string, typed: string) => {
      const before = discord.interactionResponses.length;
      gateway.dispatch('INTERACTION_CREATE', events.autocomplete(MEMBER, subcommand, option, typed));
      await discord.waitFor(() => discord.interactionResponses.length > before);
      const answer = discord.interactionResponses.at(-1);
      expect(answer?.type).toBe(8);
      return (answer?.data as { choices: Array<{ name: string; value: string }> }).choices;
    };
    const help = await suggest('help', 'command', 'timez');
    expect(help).toEqual([{ name: 'me timezone · your time zone', value: 'me timezone' }]);
    expect(await suggest('help', 'command', '')).toHaveLength(25);
    expect((await suggest('vision set', 'field', 'REV')).map((c) => c.value)).toEqual(['revenue_targets']);
    // A project's name, wherever an option names one: under /goalpost and under /backlog.
    expect(await suggest('revenue add', 'project', 'edu')).toEqual([
      { name: 'Basic EDU Apps', value: 'Basic EDU Apps' },
    ]);
    const before = discord.interactionResponses.length;
    gateway.dispatch(
      'INTERACTION_CREATE',
      events.autocomplete(MEMBER, 'bug add', 'project', 'a', 0, 'backlog'),
    );
    await discord.waitFor(() => discord.interactionResponses.length > before);
    const projects = (discord.interactionResponses.at(-1)?.data as { choices: Array<{ value: string }> })
      .choices;
    // The one starting with it first, then those holding it.
    expect(projects.map((c) => c.value)).toEqual([
      'Architect Dashboard',
      'Basic EDU Apps',
      'Self-Healing Orchestrator',
    ]);
    const statuses = await suggest('tasks', 'status', 'pro');
    expect(statuses.map((c) => [c.name, c.value])).toEqual([
      ['proposed', 'proposed'],
      ['approved', 'approved'],
      ['in progress', 'in_progress'],
    ]);
    // The pick is an ordinary option value: the grammar reads it as typed.
    gateway.dispatch(
      'INTERACTION_CREATE',
      events.slashCommand(MEMBER, [], 'help', [{ name: 'command', type: 3, value: 'me timezone' }]),
    );
    await discord.waitFor((calls) =>
      calls.some(
        (c) =>
          c.method === 'PATCH' &&
          /@original$/.test(c.path) &&
          JSON.stringify(c.body).includes('me timezone <zone>'),
      ),
    );
    expect(refused(discord.calls)).toEqual([]);
  });

  it('/goalpost me hours keeps the person’s hours, and says so to them alone', async () => {
    const hours = [{ name: 'hours', type: 3, value: '09:00-17:30' }];
    const answered = discord.callsTo('PATCH', /@original$/).length;
    gateway.dispatch('INTERACTION_CREATE', events.slashCommand(MEMBER, [], 'me hours', hours));
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length > answered);
    const reply = discord.callsTo('PATCH', /@original$/).at(-1)?.body as { content: string };
    expect(reply.content).toBe(
      "You work UTC (the workspace's default), works weekdays 09:00-17:30: reminders mention you only within those hours, and the time your work takes is counted in them.",
    );
    const member = app.context({ workspaceId: GUILD, actor: `discord:${MEMBER}`, source: 'discord' });
    expect(app.people.me(member).hours).toEqual({ start: '09:00', end: '17:30' });
    expect(refused(discord.calls).filter((c) => !/callback$/.test(c.path))).toEqual([]);
  });

  it('/backlog feature add adds to a project’s backlog, said in the channel; a member is refused, to them alone', async () => {
    const feature = [
      { name: 'project', type: 3, value: 'basic edu apps' },
      { name: 'title', type: 3, value: 'Printable "answer keys"' },
      { name: 'estimate', type: 3, value: '3h' },
    ];
    const posted = channelMessages().length;
    const answered = discord.callsTo('PATCH', /@original$/).length;
    gateway.dispatch(
      'INTERACTION_CREATE',
      events.slashCommand(APPROVER, [APPROVER_ROLE], 'feature add', feature, 0, 'backlog'),
    );
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length > answered);
    const said = channelMessages().slice(posted);
    expect(said).toHaveLength(1);
    expect(JSON.stringify(said[0])).toMatch(
      new RegExp(
        `Feature \\d+ added to Basic EDU Apps by <@${APPROVER}>: Printable \\\\"answer keys\\\\" \\(planned, estimated 3 h\\)`,
      ),
    );
    expect(discord.callsTo('PATCH', /@original$/).at(-1)?.body).toMatchObject({
      content: 'Posted in the channel.',
    });
    const titles = app.projects.features(ctx()).map((f) => f.title);
    expect(titles).toContain('Printable "answer keys"');

    const bug = [
      { name: 'project', type: 3, value: 'Basic EDU Apps' },
      { name: 'title', type: 3, value: 'Quiz timer freezes' },
      { name: 'severity', type: 3, value: 'high' },
    ];
    gateway.dispatch('INTERACTION_CREATE', events.slashCommand(MEMBER, [], 'bug add', bug, 0, 'backlog'));
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length > answered + 1);
    const refusal = discord.callsTo('PATCH', /@original$/).at(-1)?.body as { content: string };
    expect(refusal.content).toMatch(/needs the approver role/);
    expect(channelMessages().slice(posted)).toHaveLength(1);
    expect(app.projects.bugs(ctx()).map((b) => b.title)).not.toContain('Quiz timer freezes');
    expect(refused(discord.calls).filter((c) => !/callback$/.test(c.path))).toEqual([]);
  });

  it('leaves suggestions asked for too late unanswered, and logs it', async () => {
    const before = logs.length;
    gateway.dispatch('INTERACTION_CREATE', events.autocomplete(MEMBER, 'help', 'command', 'me', 4000));
    await discord.waitFor(() =>
      logs.slice(before).some((l) => /expired before Goalpost answered/.test(l.msg)),
    );
    const late = refused(discord.calls).filter((c) => /callback$/.test(c.path));
    expect(late.at(-1)?.status).toBe(404);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('logs a command Discord no longer takes an answer for (3 s passed), and does nothing', async () => {
    const posted = channelMessages().length;
    gateway.dispatch('INTERACTION_CREATE', events.slashCommand(MEMBER, [], 'digest', [], 4000));
    await discord.waitFor((calls) => calls.some((c) => c.status === 404 && /callback$/.test(c.path)));
    await discord.waitFor(() => logs.some((l) => /expired before Goalpost answered/.test(l.msg)));
    expect(channelMessages()).toHaveLength(posted);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('/goalpost report longer than a message arrives whole, in order', async () => {
    const notes = Array.from(
      { length: 30 },
      (_, n) => `note ${n + 10}: ${'annual billing asked '.repeat(5)}end`,
    );
    const writer = app.context({ workspaceId: GUILD, actor: `discord:${MEMBER}`, source: 'discord' });
    for (const note of notes) app.goals.note(writer, note);
    const before = channelMessages().length;
    const answers = () => discord.callsTo('PATCH', /@original$/).length;
    const answered = answers();
    gateway.dispatch('INTERACTION_CREATE', events.slashCommand(MEMBER, [], 'report'));
    // The command's reply is edited once the report is posted: the earlier commands' edits aside.
    await discord.waitFor(() => answers() > answered);
    const report = channelMessages()
      .slice(before)
      .map((m) => m.content);
    expect(report.length).toBeGreaterThan(1);
    const text = report.join('\n');
    const at = notes.map((note) => text.indexOf(note.slice(0, 8)));
    expect(at.every((x) => x >= 0) && at.join() === [...at].sort((x, y) => x - y).join()).toBe(true);
    expect(refused(discord.calls).filter((c) => !/callback$/.test(c.path))).toEqual([]);
  });

  it('keeps one connection: every heartbeat acknowledged, never a second IDENTIFY', async () => {
    await discord.waitFor(() => gateway.received.filter((p) => p.op === 1).length >= 2);
    // An unacknowledged heartbeat makes discord.js drop the connection and RESUME (6) or IDENTIFY again.
    expect(gateway.received.filter((p) => p.op === 2 || p.op === 6)).toHaveLength(1);
  });
});
