import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../../fakes/slack-web-api.js';
import { manifestScopes } from '../../fakes/slack-workspace.js';

let fake: FakeSlack | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** The smallest PNG there is: a 1×1 image's signature, header, data and end chunks. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function start(options: FakeSlackOptions = {}) {
  fake = await startFakeSlack(options);
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: fake.apiUrl,
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
    logLevel: webApi.LogLevel.ERROR,
  });
  /** The `error` Slack answers a call with (or the HTTP error); null when it succeeds. */
  const errorOf = async (call: Promise<unknown>): Promise<string | null> => {
    try {
      await call;
      return null;
    } catch (error) {
      const e = error as { data?: { error?: string }; statusCode?: number };
      return e.data?.error ?? (e.statusCode ? `http ${e.statusCode}` : String(error));
    }
  };
  /** POSTs bytes to an upload URL as a raw body; the HTTP status. */
  const send = async (url: string, bytes: Buffer) =>
    (await fetch(url, { method: 'POST', body: bytes })).status;
  return { fake, client, errorOf, send };
}

describe('fake Slack takes files as Slack does (files.uploadV2’s three steps)', () => {
  it('keeps what files.uploadV2 sends and shares it in the channel as one message', async () => {
    const { fake, client } = await start({ channels: { C1: { kind: 'public', botIsMember: true } } });
    const done = await client.filesUploadV2({
      channel_id: 'C1',
      file_uploads: [
        { file: PNG_1X1, filename: 'a.png', title: 'A', alt_text: 'a dot' },
        { file: PNG_1X1, filename: 'b.png', title: 'B' },
      ],
    });
    const [a, b] = [...fake.files.values()];
    expect([a?.filename, a?.title, a?.alt, a?.channels, a?.completed]).toEqual([
      'a.png',
      'A',
      'a dot',
      ['C1'],
      true,
    ]);
    expect(Buffer.compare(a?.bytes ?? Buffer.alloc(0), PNG_1X1)).toBe(0);
    expect(b?.alt).toBeNull();
    expect(a?.id).toMatch(/^F[A-Z0-9]{10}$/);
    expect(JSON.stringify(done)).toContain(a?.id);
    expect(fake.topLevel('C1').map((m) => m.files)).toEqual([[a?.id, b?.id]]);
  });

  it('refuses without files:write, and shares only where the bot is a member', async () => {
    const without = await start({ scopes: manifestScopes().filter((s) => s !== 'files:write') });
    expect(
      await without.errorOf(without.client.files.getUploadURLExternal({ filename: 'a.png', length: 3 })),
    ).toBe('missing_scope');
    expect(without.fake.callsTo('files.getUploadURLExternal')[0]?.error).toBe('missing_scope');
    await without.fake.close();

    const { fake, client, errorOf } = await start({ channels: { CSECRET: { kind: 'private' } } });
    const upload = (channel_id: string) =>
      errorOf(client.filesUploadV2({ channel_id, file: PNG_1X1, filename: 'a.png' }));
    // chat:write.public lets the bot post in a public channel it is not in, but not share files there.
    expect(await upload('C1')).toBe('not_in_channel');
    expect(await upload('CSECRET')).toBe('channel_not_found');
    fake.workspace.join('C1');
    expect(await upload('C1')).toBeNull();
    fake.workspace.archive('C1');
    expect(await upload('C1')).toBe('is_archived');
  });

  it('refuses a length of 0 or none, one that is not a whole number, and one past the workspace’s limit', async () => {
    const { client, errorOf } = await start({ maxUploadBytes: 1000 });
    const ask = (length: unknown, alt?: string) =>
      errorOf(
        client.apiCall('files.getUploadURLExternal', {
          filename: 'a.png',
          length,
          ...(alt === undefined ? {} : { alt_txt: alt }),
        }),
      );
    expect(await ask(0)).toBe('missing_argument');
    expect(await ask(undefined)).toBe('missing_argument');
    expect(await ask('12.5')).toBe('invalid_arguments');
    expect(await ask(-3)).toBe('invalid_arguments');
    expect(await ask(1001)).toBe('file_upload_size_restricted');
    expect(await ask(1000, 'x'.repeat(1001))).toBe('alt_txt_too_large');
    expect(await ask(1000, 'x'.repeat(1000))).toBeNull();
  });

  it('takes an upload URL’s bytes once, and only as many as were announced', async () => {
    const { fake, client, errorOf, send } = await start({
      channels: { C1: { kind: 'public', botIsMember: true } },
    });
    const asked = await client.files.getUploadURLExternal({ filename: 'a.png', length: PNG_1X1.length });
    const url = asked.upload_url ?? '';
    expect(await send(url, Buffer.concat([PNG_1X1, PNG_1X1]))).toBe(400);
    expect(await send(url, PNG_1X1)).toBe(200);
    expect(await send(url, PNG_1X1)).toBe(410);
    expect(await send(`${fake.url}/upload/v1/0123abcd`, PNG_1X1)).toBe(404);
    const complete = () =>
      errorOf(
        client.files.completeUploadExternal({ files: [{ id: asked.file_id ?? '' }], channel_id: 'C1' }),
      );
    expect(await complete()).toBeNull();
    // Completing is done once.
    expect(await complete()).toBe('file_not_found');
  });

  it('completes only files it issued whose bytes arrived, at most 14 at once, in threads that exist', async () => {
    const { client, errorOf, send } = await start({
      channels: { C1: { kind: 'public', botIsMember: true } },
    });
    const complete = (files: Array<{ id: string }>, extra: Record<string, string> = {}) =>
      errorOf(
        client.files.completeUploadExternal({ files: files as [{ id: string }], channel_id: 'C1', ...extra }),
      );
    expect(await complete([{ id: 'F0123456789' }])).toBe('file_not_found');
    const asked = await client.files.getUploadURLExternal({ filename: 'a.png', length: PNG_1X1.length });
    const id = asked.file_id ?? '';
    expect(await complete([{ id }])).toBe('file_not_found');
    await send(asked.upload_url ?? '', PNG_1X1);
    expect(await complete(Array.from({ length: 15 }, () => ({ id })))).toBe('internal_error');
    expect(await complete([{ id }], { thread_ts: '1700000000.000100' })).toBe('thread_not_found');
    expect(await complete([{ id }], { thread_ts: 'yesterday' })).toBe('invalid_thread_ts');
    expect(await complete([{ id }])).toBeNull();
  });

  it('rate-limits the upload URL when told to, which the Web API client waits out', async () => {
    const { fake, client } = await start({ channels: { C1: { kind: 'public', botIsMember: true } } });
    fake.failNext('upload');
    await client.filesUploadV2({ channel_id: 'C1', file: PNG_1X1, filename: 'a.png' });
    expect(fake.uploads.map((u) => u.status)).toEqual([429, 200]);
    expect([...fake.files.values()].map((f) => f.completed)).toEqual([true]);
  });
});

describe('fake Slack shows an uploaded image in a block only as Slack would', () => {
  const image = (slackFile: Record<string, unknown>) => ({
    type: 'image',
    slack_file: slackFile,
    alt_text: 'a dot',
  });

  it('takes a shared image file by id, and refuses unknown, private, deleted and non-image files', async () => {
    const { fake, client, errorOf } = await start({
      channels: { C1: { kind: 'public', botIsMember: true } },
    });
    const upload = async (channel: string | null, file: Buffer, filename = 'a.png') => {
      await client.filesUploadV2({ file, filename, ...(channel ? { channel_id: channel } : {}) });
      return [...fake.files.values()].at(-1)?.id ?? '';
    };
    const publish = (block: unknown) =>
      errorOf(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [block as never] } }));
    const shared = await upload('C1', PNG_1X1);
    const privateOne = await upload(null, PNG_1X1);
    const text = await upload('C1', Buffer.from('not a picture'), 'a.txt');
    expect(await publish(image({ id: shared }))).toBeNull();
    expect(await publish(image({ id: 'F0123456789' }))).toBe('invalid_arguments');
    expect(await publish(image({ id: privateOne }))).toBe('invalid_arguments');
    expect(await publish(image({ id: text }))).toBe('invalid_arguments');
    expect(await publish(image({ id: 'not-a-file-id' }))).toBe('invalid_arguments');
    expect(await publish(image({ id: shared, url: 'https://files.slack.com/x.png' }))).toBe(
      'invalid_arguments',
    );
    expect(await publish({ type: 'image', slack_file: { id: shared } })).toBe('invalid_arguments');
    const refused = await client.views
      .publish({ user_id: 'U1', view: { type: 'home', blocks: [image({ id: privateOne }) as never] } })
      .then(
        () => null,
        (e: { data?: { response_metadata?: { messages?: string[] } } }) => e.data?.response_metadata ?? null,
      );
    expect(refused?.messages).toEqual([
      'slack file is not shared with anyone who could see it [json-pointer:/view/blocks/0/slack_file]',
    ]);
    // In a message, the same file is `invalid_blocks`, with where it is.
    expect(
      await errorOf(
        client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [image({ id: privateOne }) as never] }),
      ),
    ).toBe('invalid_blocks');
    fake.deleteFile(shared);
    expect(await publish(image({ id: shared }))).toBe('invalid_arguments');
  });
});
