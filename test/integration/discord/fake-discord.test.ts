import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snowflakeAt } from '../../fakes/discord-http.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord-rest.js';

const APP = '1150000000000000001';
const CHANNEL = '1150000000000000101';
const LOCKED = '1150000000000000102';
const HIDDEN = '1150000000000000103';
const NO_EMBEDS = '1150000000000000104';

let fake: FakeDiscord;
let rest: REST;
beforeEach(async () => {
  fake = await startFakeDiscord({
    applicationId: APP,
    channels: {
      [CHANNEL]: {},
      [LOCKED]: { deny: ['SendMessages', 'CreatePublicThreads'] },
      [HIDDEN]: { deny: ['ViewChannel'] },
      [NO_EMBEDS]: { deny: ['EmbedLinks'] },
    },
  });
  rest = new REST({ api: fake.apiUrl, version: '10', retries: 0 }).setToken('test-token-0123456789');
});
afterEach(() => fake.close());

const send = (channel: string, body: unknown) => rest.post(`/channels/${channel}/messages`, { body });
/** The `errors` tree of a 50035, flattened to `path: CODE` lines as discord.js prints them. */
const refusedFields = async (request: Promise<unknown>): Promise<string> => {
  const e = (await request.then(
    () => null,
    (x: unknown) => x,
  )) as { code?: number; message?: string } | null;
  expect(e?.code).toBe(50035);
  return e?.message ?? '';
};

describe('the fake Discord refuses bodies past the documented limits with 50035 Invalid Form Body', () => {
  it('counts content in code points, as Discord does: 2,000 emoji pass, 2,001 letters do not', async () => {
    await expect(send(CHANNEL, { content: '🎯'.repeat(2000) })).resolves.toMatchObject({
      channel_id: CHANNEL,
    });
    expect(await refusedFields(send(CHANNEL, { content: 'x'.repeat(2001) }))).toMatch(
      /content\[BASE_TYPE_MAX_LENGTH\]: Must be 2000 or fewer/,
    );
  });

  it('checks each embed limit and the 6,000 total', async () => {
    const field = { name: 'n', value: 'v' };
    const cases: Array<[unknown, RegExp]> = [
      [{ title: 't'.repeat(257) }, /embeds\[0\]\.title\[BASE_TYPE_MAX_LENGTH\]/],
      [{ description: 'd'.repeat(4097) }, /embeds\[0\]\.description/],
      [{ fields: Array.from({ length: 26 }, () => field) }, /embeds\[0\]\.fields\[BASE_TYPE_MAX_LENGTH\]/],
      [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }, /fields\[0\]\.name/],
      [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }, /fields\[0\]\.value/],
      [{ fields: [{ name: 'n', value: '' }] }, /fields\[0\]\.value/],
      [{ footer: { text: 'f'.repeat(2049) } }, /footer\.text/],
      [
        {
          description: 'd'.repeat(4000),
          fields: [
            { name: 'n', value: 'v'.repeat(1000) },
            { name: 'n', value: 'v'.repeat(1000) },
          ],
        },
        /embeds\[BASE_TYPE_MAX_LENGTH\]: Embed size exceeds maximum size of 6000/,
      ],
    ];
    for (const [embed, error] of cases)
      expect(await refusedFields(send(CHANNEL, { embeds: [embed] }))).toMatch(error);
    const eleven = Array.from({ length: 11 }, () => ({ title: 't' }));
    expect(await refusedFields(send(CHANNEL, { embeds: eleven }))).toMatch(
      /^embeds\[BASE_TYPE_MAX_LENGTH\]/m,
    );
  });

  it('checks components, thread names and the allowed_mentions shape', async () => {
    const button = (n: number, over: object = {}) => ({
      type: 2,
      style: 1,
      label: 'ok',
      custom_id: `b${n}`,
      ...over,
    });
    const row = (buttons: object[]) => ({ type: 1, components: buttons });
    const sixRows = Array.from({ length: 6 }, (_, i) => row([button(i)]));
    expect(await refusedFields(send(CHANNEL, { content: 'x', components: sixRows }))).toMatch(
      /^components\[/m,
    );
    const sixButtons = row(Array.from({ length: 6 }, (_, i) => button(i)));
    expect(await refusedFields(send(CHANNEL, { content: 'x', components: [sixButtons] }))).toMatch(
      /components\[0\]\.components/,
    );
    const long = row([button(1, { custom_id: 'c'.repeat(101) }), button(2, { label: 'l'.repeat(81) })]);
    const longMessage = await refusedFields(send(CHANNEL, { content: 'x', components: [long] }));
    expect(longMessage).toMatch(/components\[0\]\.components\[0\]\.custom_id/);
    expect(longMessage).toMatch(/components\[0\]\.components\[1\]\.label/);
    const both = { parse: ['users'], users: ['80351110224678912'] };
    expect(await refusedFields(send(CHANNEL, { content: 'x', allowed_mentions: both }))).toMatch(
      /allowed_mentions/,
    );
    expect(
      await refusedFields(send(CHANNEL, { content: 'x', allowed_mentions: { parse: ['all'] } })),
    ).toMatch(/parse\[0\]/);
    const m = (await send(CHANNEL, { content: 'card' })) as { id: string };
    const thread = rest.post(`/channels/${CHANNEL}/messages/${m.id}/threads`, {
      body: { name: 'n'.repeat(101) },
    });
    expect(await refusedFields(thread)).toMatch(/name\[BASE_TYPE_MAX_LENGTH\]/);
  });
});

describe('the fake Discord refuses what the bot may not do, and what does not exist', () => {
  it('answers 50013 without Send Messages or Create Public Threads, 50001 without View Channel, 10003 for an unknown channel', async () => {
    await expect(send(LOCKED, { content: 'hi' })).rejects.toMatchObject({ code: 50013, status: 403 });
    await expect(send(HIDDEN, { content: 'hi' })).rejects.toMatchObject({ code: 50001, status: 403 });
    await expect(send('1150000000000000999', { content: 'hi' })).rejects.toMatchObject({ code: 10003 });
    fake.deleteChannel(CHANNEL);
    await expect(send(CHANNEL, { content: 'hi' })).rejects.toMatchObject({ code: 10003 });
  });

  it('drops embeds without Embed Links, as Discord does, and refuses what is left empty', async () => {
    const kept = (await send(NO_EMBEDS, { content: 'text', embeds: [{ title: 'card' }] })) as {
      embeds: unknown[];
    };
    expect(kept.embeds).toEqual([]);
    await expect(send(NO_EMBEDS, { embeds: [{ title: 'card' }] })).rejects.toMatchObject({ code: 50006 });
  });

  it('has no thread under a message until one is started, and only one (160004)', async () => {
    const m = (await send(CHANNEL, { content: 'card' })) as { id: string };
    await expect(send(m.id, { content: 'in the thread' })).rejects.toMatchObject({ code: 10003 });
    const start = () =>
      rest.post(`/channels/${CHANNEL}/messages/${m.id}/threads`, { body: { name: 'Decisions' } });
    await start();
    await expect(start()).rejects.toMatchObject({ code: 160004 });
    await expect(send(m.id, { content: 'in the thread' })).resolves.toMatchObject({ channel_id: m.id });
  });
});

describe('the fake Discord holds interactions to Discord’s timing', () => {
  const callback = (id: string, body: object) =>
    rest.post(`/interactions/${id}/tok/callback`, { body, auth: false });

  it('refuses a first answer later than 3 s after the interaction was made (10062)', async () => {
    await expect(callback(snowflakeAt(Date.now() - 3500), { type: 5 })).rejects.toMatchObject({
      code: 10062,
    });
    await callback(snowflakeAt(), { type: 5 });
    expect(fake.interactionResponses.map((r) => r.type)).toEqual([5]);
  });

  it('refuses a follow-up or an edit before the first answer (10015 Unknown Webhook)', async () => {
    await expect(
      rest.post(`/webhooks/${APP}/tok`, { body: { content: 'x' }, auth: false }),
    ).rejects.toMatchObject({
      code: 10015,
    });
    await expect(
      rest.patch(`/webhooks/${APP}/tok/messages/@original`, { body: { content: 'x' }, auth: false }),
    ).rejects.toMatchObject({ code: 10015 });
    await callback(snowflakeAt(), { type: 6 });
    await rest.post(`/webhooks/${APP}/tok`, { body: { content: 'x' }, auth: false });
    expect(fake.callsTo('POST', /^\/webhooks\//).map((c) => c.status)).toEqual([404, 204]);
  });

  it('checks autocomplete choices and reply bodies like any message', async () => {
    const choices = [{ name: 'n'.repeat(101), value: 'T-1' }];
    expect(await refusedFields(callback(snowflakeAt(), { type: 8, data: { choices } }))).toMatch(
      /data\.choices\[0\]\.name/,
    );
    const reply = { type: 4, data: { content: 'x'.repeat(2001) } };
    expect(await refusedFields(callback(snowflakeAt(), reply))).toMatch(/data\.content/);
  });

  it('takes one autocomplete answer of at most 25 choices within 3 s, and opens nothing after it', async () => {
    const choice = (n: number) => ({ name: `choice ${n}`, value: `v${n}` });
    const many = Array.from({ length: 26 }, (_, n) => choice(n));
    expect(await refusedFields(callback(snowflakeAt(), { type: 8, data: { choices: many } }))).toMatch(
      /data\.choices\[BASE_TYPE_MAX_LENGTH\]: Must be 25 or fewer/,
    );
    const id = snowflakeAt();
    await callback(id, { type: 8, data: { choices: many.slice(0, 25) } });
    await expect(callback(id, { type: 8, data: { choices: [choice(1)] } })).rejects.toMatchObject({
      code: 40060,
    });
    await expect(
      callback(snowflakeAt(Date.now() - 3500), { type: 8, data: { choices: [choice(1)] } }),
    ).rejects.toMatchObject({ code: 10062 });
    // Suggestions are the whole answer: there is no reply to follow up on or edit.
    await expect(
      rest.post(`/webhooks/${APP}/tok`, { body: { content: 'x' }, auth: false }),
    ).rejects.toMatchObject({ code: 10015 });
    expect(
      fake.interactionResponses.map((r) => [r.type, (r.data as { choices: unknown[] }).choices.length]),
    ).toEqual([[8, 25]]);
  });
});
