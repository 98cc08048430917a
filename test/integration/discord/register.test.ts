import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCommandDefinitions } from '../../../adapters/discord/command-definitions.js';
import { registerCommands } from '../../../adapters/discord/register-commands.js';
import { snowflakeAt } from '../../fakes/discord-http.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord-rest.js';
import { grammarCommands } from '../../helpers/grammar.js';
import { cliFor } from '../../helpers/run-cli.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const APP = '1150000000000000001';
const GUILD = '1150000000000000777';
const TOKEN = 'test-bot-token-0123456789abcdef';

const commands = grammarCommands();

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord({ applicationId: APP, token: TOKEN });
});
afterEach(() => fake.close());

const restFor = (token = TOKEN) => new REST({ api: fake.apiUrl, version: '10' }).setToken(token);
const GUILD_ROUTE = /^\/applications\/\d+\/guilds\/\d+\/commands$/;
const GLOBAL_ROUTE = /^\/applications\/\d+\/commands$/;

describe('registerCommands', () => {
  it('bulk-overwrites the guild commands with /goalpost and /backlog built from the grammar', async () => {
    const result = await registerCommands({ rest: restFor(), applicationId: APP, guildId: GUILD, commands });
    expect(result).toMatchObject({ scope: 'guild', guildId: GUILD });
    expect(result.registered).toContain('/goalpost vision show');
    expect(result.registered).toContain('/backlog feature priority');
    expect(result.registered).toHaveLength(commands.length);
    const [put] = fake.callsTo('PUT', GUILD_ROUTE);
    expect(put?.path).toBe(`/applications/${APP}/guilds/${GUILD}/commands`);
    expect(put?.auth).toBe(`Bot ${TOKEN}`);
    expect(put?.body).toEqual(buildCommandDefinitions(commands));
    expect(fake.commands(GUILD).map((c) => c.name)).toEqual(['goalpost', 'backlog']);
    expect(result.commandIds).toEqual(Object.fromEntries(fake.commands(GUILD).map((c) => [c.name, c.id])));
    expect(result.commandId).toBe(result.commandIds.goalpost);
    expect(fake.commands()).toEqual([]);
  });

  it('is refused as Discord refuses a command past its limits, and nothing is stored', async () => {
    // A grammar grown past Discord's 25 subcommands would fail buildCommandDefinitions' own check;
    // sent as is, Discord answers 50035 and keeps the commands it had.
    const body = buildCommandDefinitions(commands);
    const [goalpost] = body;
    if (goalpost === undefined || !('options' in goalpost)) throw new Error('no /goalpost');
    const extra = Array.from({ length: 3 }, (_, i) => ({ type: 1, name: `extra${i}`, description: 'More' }));
    const tooMany = [{ ...goalpost, options: [...(goalpost.options ?? []), ...extra] }];
    await expect(
      restFor().put(`/applications/${APP}/guilds/${GUILD}/commands`, { body: tooMany }),
    ).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(fake.commands(GUILD)).toEqual([]);
  });

  it('registers globally without a guild', async () => {
    const result = await registerCommands({ rest: restFor(), applicationId: APP, commands });
    expect(result).toMatchObject({ scope: 'global', guildId: null });
    expect(fake.callsTo('PUT', GLOBAL_ROUTE)).toHaveLength(1);
    expect(fake.commands().map((c) => c.name)).toEqual(['goalpost', 'backlog']);
  });

  it('caps each text option at what Goalpost takes, so Discord stops the typing instead of Goalpost refusing it after', async () => {
    await registerCommands({ rest: restFor(), applicationId: APP, guildId: GUILD, commands });
    type Option = { name: string; type: number; max_length?: number; options?: Option[] };
    const [goalpost, backlog] = fake.commands(GUILD) as unknown as Option[];
    const option = (command: Option | undefined, path: string): Option | undefined =>
      path
        .split(' ')
        .reduce<Option | undefined>((o, name) => o?.options?.find((x) => x.name === name), command);
    const cap = (command: Option | undefined, path: string) => option(command, path)?.max_length;
    expect(cap(goalpost, 'reject reason')).toBe(1000);
    expect(cap(goalpost, 'approve note')).toBe(1000);
    expect(cap(goalpost, 'goal add unit')).toBe(16);
    expect(cap(goalpost, 'goal add owner')).toBe(64);
    expect(cap(goalpost, 'revenue add project')).toBe(120);
    expect(cap(backlog, 'project add name')).toBe(120);
    expect(cap(backlog, 'feature add title')).toBe(300);
    expect(cap(backlog, 'feature add project')).toBe(120);
    expect(cap(backlog, 'bug add title')).toBe(300);
    expect(cap(backlog, 'feature drop reason')).toBe(300);
    expect(cap(goalpost, 'note text')).toBe(2000);
    expect(cap(backlog, 'project add description')).toBe(2000);
    expect(cap(goalpost, 'vision set value')).toBe(1000);
  });

  it('leaves one command with the same id when run twice', async () => {
    const first = await registerCommands({ rest: restFor(), applicationId: APP, guildId: GUILD, commands });
    const second = await registerCommands({ rest: restFor(), applicationId: APP, guildId: GUILD, commands });
    expect(fake.callsTo('PUT', GUILD_ROUTE)).toHaveLength(2);
    expect(fake.commands(GUILD)).toHaveLength(2);
    expect(second.commandIds).toEqual(first.commandIds);
    const listed = await restFor().get(`/applications/${APP}/guilds/${GUILD}/commands`);
    expect(Array.isArray(listed) && listed.length).toBe(2);
  });
});

describe('goalpost discord register', () => {
  const tempDir = useTempDir();
  const env = (over: Record<string, string> = {}) => ({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP,
    DISCORD_API_URL: fake.apiUrl,
    ...over,
  });
  const cli = (vars: Record<string, string>) => cliFor(join(tempDir(), 'cli.db'), undefined, vars);

  it('registers on the guild and says so', async () => {
    const r = await cli(env({ DISCORD_GUILD_ID: GUILD }))('discord', 'register');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Registered /goalpost with ${commands.length - 6} subcommands and /backlog with 6 subcommands on guild ${GUILD}.\n`,
    );
    expect(fake.commands(GUILD)).toHaveLength(2);
    // The README quotes what it says, with the counts it prints.
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const quoted = readme.match(/`Registered \/goalpost with [^`]* on guild …`/)?.[0];
    expect(quoted).toBe(`\`${r.stdout.replace(/ on guild \d+\.\n$/, '')} on guild …\``);
  });

  it('registers globally, warning that it takes a while, and prints JSON with --json', async () => {
    const r = await cli(env({ DISCORD_API_URL: `${fake.apiUrl}/` }))('discord', 'register');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/globally; global commands can take up to an hour to appear/);
    const json = await cli(env())('discord', 'register', '--json');
    expect(json.json()).toMatchObject({ scope: 'global', guildId: null, registered: expect.any(Array) });
    expect(fake.commands()).toHaveLength(2);
  });

  it('exits 78 naming what is missing, without calling Discord', async () => {
    const noToken = await cli({ DISCORD_API_URL: fake.apiUrl })('discord', 'register');
    expect(noToken.code).toBe(78);
    expect(noToken.stderr).toMatch(/DISCORD_TOKEN/);
    const noApp = await cli({ DISCORD_TOKEN: TOKEN })('discord', 'register');
    expect(noApp.code).toBe(78);
    expect(noApp.stderr).toMatch(
      /missing Discord settings to register commands:\n {2}DISCORD_APPLICATION_ID/,
    );
    expect(noApp.stderr).not.toMatch(/DISCORD_TOKEN:/);
    expect(fake.calls).toEqual([]);
  });

  it('exits 78 when Discord refuses the token', async () => {
    const r = await cli(env({ DISCORD_TOKEN: 'wrong-token-0123456789abcdefgh' }))('discord', 'register');
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/Discord refused DISCORD_TOKEN \(401: Unauthorized\)/);
    expect(fake.callsTo('PUT', GLOBAL_ROUTE)[0]?.status).toBe(401);
  });
});

describe('the fake Discord REST API with @discordjs/rest', () => {
  it('answers a 429 as Discord does, and REST waits and retries by itself', async () => {
    fake.failNext('PUT', GUILD_ROUTE, { retryAfterSeconds: 0.3 });
    const started = Date.now();
    await registerCommands({ rest: restFor(), applicationId: APP, guildId: GUILD, commands });
    const puts = fake.callsTo('PUT', GUILD_ROUTE);
    expect(puts.map((c) => [c.status, c.rateLimited ?? false])).toEqual([
      [429, true],
      [200, false],
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(fake.commands(GUILD)).toHaveLength(2);
  });

  it('retries a 5xx, and refuses a missing token and unknown routes in Discord’s words', async () => {
    fake.failNext('GET', /^\/users\/@me$/, { status: 502 });
    expect(await restFor().get('/users/@me')).toMatchObject({ id: APP, bot: true });
    expect(fake.callsTo('GET', /^\/users\/@me$/).map((c) => c.status)).toEqual([502, 200]);
    await expect(restFor('nope').get('/users/@me')).rejects.toMatchObject({ status: 401, code: 0 });
    await expect(restFor().get('/nothing/here')).rejects.toMatchObject({
      status: 404,
      message: '404: Not Found',
    });
  });

  it('posts and edits messages, and answers members by role', async () => {
    const rest = restFor();
    fake.channel('42');
    const a = (await rest.post('/channels/42/messages', { body: { content: 'one' } })) as { id: string };
    const b = (await rest.post('/channels/42/messages', { body: { content: 'two' } })) as { id: string };
    expect(BigInt(b.id) > BigInt(a.id)).toBe(true);
    const edited = await rest.patch(`/channels/42/messages/${a.id}`, { body: { embeds: [{ title: 'x' }] } });
    expect(edited).toMatchObject({
      id: a.id,
      channel_id: '42',
      content: 'one',
      embeds: [{ title: 'x' }],
      author: { id: APP },
    });
    fake.members.set(`${GUILD}:555555555555555555`, ['900000000000000001']);
    expect(await rest.get(`/guilds/${GUILD}/members/555555555555555555`)).toMatchObject({
      roles: ['900000000000000001'],
    });
    await expect(rest.get(`/guilds/${GUILD}/members/666666666666666666`)).rejects.toMatchObject({
      code: 10007,
    });
    expect(await rest.get('/gateway/bot')).toMatchObject({ url: expect.stringMatching(/^wss?:/), shards: 1 });
  });

  it('takes an interaction callback once, then edits @original and sends follow-ups', async () => {
    const rest = restFor();
    const id = snowflakeAt();
    await rest.post(`/interactions/${id}/tok/callback`, {
      body: { type: 5, data: { flags: 64 } },
      auth: false,
    });
    await expect(
      rest.post(`/interactions/${id}/tok/callback`, { body: { type: 5 }, auth: false }),
    ).rejects.toMatchObject({ code: 40060 });
    const original = await rest.patch(`/webhooks/${APP}/tok/messages/@original`, {
      body: { content: 'done' },
      auth: false,
    });
    expect(original).toMatchObject({ content: 'done', flags: 128 | 64 });
    const follow = new URLSearchParams({ wait: 'true' });
    expect(
      await rest.post(`/webhooks/${APP}/tok`, { body: { content: 'more' }, auth: false, query: follow }),
    ).toMatchObject({
      content: 'more',
    });
    // A token no interaction was answered with is no webhook at all.
    await expect(
      rest.patch(`/webhooks/${APP}/other/messages/@original`, { body: {}, auth: false }),
    ).rejects.toMatchObject({
      code: 10015,
    });
    expect(fake.interactionResponses).toEqual([{ id, token: 'tok', type: 5, data: { flags: 64 } }]);
  });
});
