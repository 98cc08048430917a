import { DiscordAPIError, REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord-rest.js';

const CHANNEL = '1150000000000000101';
const NO_FILES = '1150000000000000102';

/** The smallest PNG there is: a 1×1 image. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let fake: FakeDiscord;
let rest: REST;
beforeEach(async () => {
  fake = await startFakeDiscord({ channels: { [CHANNEL]: {}, [NO_FILES]: { deny: ['AttachFiles'] } } });
  rest = new REST({ api: fake.apiUrl, version: '10', retries: 0 }).setToken('test-token-0123456789');
});
afterEach(() => fake.close());

const png = (name: string, data: Buffer = PNG_1X1) => ({ name, data, contentType: 'image/png' });
const send = (channel: string, body: Record<string, unknown>, files: ReturnType<typeof png>[]) =>
  rest.post(`/channels/${channel}/messages`, { body, files });
/** Discord's JSON error code and message of a refused request. */
const refusal = async (
  request: Promise<unknown>,
): Promise<{ code: unknown; status: unknown; message: string }> => {
  const e = await request.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DiscordAPIError);
  const d = e as DiscordAPIError;
  return { code: d.code, status: d.status, message: d.message };
};

describe('the fake Discord takes files as Discord does: multipart `files[n]` with `payload_json`', () => {
  it('keeps each file with its description, and records the multipart parts discord.js sent', async () => {
    const body = {
      attachments: [
        { id: 0, filename: 'a.png', description: 'a dot' },
        { id: 1, filename: 'b.png', description: 'another dot' },
      ],
    };
    const message = (await send(CHANNEL, body, [png('a.png'), png('b.png')])) as {
      attachments: Array<{ filename: string; description: string; size: number; content_type: string }>;
    };
    expect(message.attachments.map((a) => [a.filename, a.description, a.size, a.content_type])).toEqual([
      ['a.png', 'a dot', PNG_1X1.length, 'image/png'],
      ['b.png', 'another dot', PNG_1X1.length, 'image/png'],
    ]);
    expect(fake.attachments.map((a) => [a.channelId, Buffer.compare(a.bytes, PNG_1X1)])).toEqual([
      [CHANNEL, 0],
      [CHANNEL, 0],
    ]);
    const [call] = fake.calls;
    expect(call?.files?.map((f) => [f.field, f.filename, f.contentType])).toEqual([
      ['files[0]', 'a.png', 'image/png'],
      ['files[1]', 'b.png', 'image/png'],
    ]);
    expect(call?.body).toEqual(body);
  });

  it('refuses files without Attach Files (50013) and past the server’s 10 MiB (40005)', async () => {
    expect(await refusal(send(NO_FILES, {}, [png('a.png')]))).toMatchObject({ code: 50013, status: 403 });
    // Text alone still goes: the permission is about files.
    await rest.post(`/channels/${NO_FILES}/messages`, { body: { content: 'words' } });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    expect(await refusal(send(CHANNEL, {}, [png('big.png', big)]))).toMatchObject({
      code: 40005,
      status: 413,
    });
    expect(fake.attachments).toEqual([]);
  });

  it('refuses an attachments list that names files not sent, is not a list, runs past 10 or 1024 characters', async () => {
    const notFound = await refusal(
      send(CHANNEL, { attachments: [{ id: 3, filename: 'a.png' }] }, [png('a.png')]),
    );
    expect(notFound).toMatchObject({ code: 50035 });
    expect(notFound.message).toMatch(/attachments\[0\]\[ATTACHMENT_NOT_FOUND\]: Attachment data not found/);
    expect((await refusal(send(CHANNEL, { attachments: { id: 0 } }, [png('a.png')]))).message).toMatch(
      /attachments\[BASE_TYPE_LIST\]/,
    );
    expect((await refusal(send(CHANNEL, { attachments: [{ id: 'zero' }] }, [png('a.png')]))).message).toMatch(
      /attachments\[0\]\.id\[NUMBER_TYPE_COERCE\]/,
    );
    const eleven = Array.from({ length: 11 }, (_, i) => png(`${i}.png`));
    expect((await refusal(send(CHANNEL, {}, eleven))).message).toMatch(/attachments\[BASE_TYPE_MAX_LENGTH\]/);
    const long = { attachments: [{ id: 0, filename: 'a.png', description: 'x'.repeat(1025) }] };
    expect((await refusal(send(CHANNEL, long, [png('a.png')]))).message).toMatch(
      /attachments\[0\]\.description\[BASE_TYPE_MAX_LENGTH\]/,
    );
    expect(fake.attachments).toEqual([]);
  });
});
