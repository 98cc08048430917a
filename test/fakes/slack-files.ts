import { randomBytes } from 'node:crypto';
import type { FakeSlackMessage } from './slack-methods.js';
import type { SlackWorkspace } from './slack-workspace.js';

type Args = Record<string, unknown>;

/**
 * Slack's external file upload (what `files.uploadV2` does), as the fake models it:
 * 1. `files.getUploadURLExternal` (scope `files:write`) takes `filename` and `length` (bytes) and
 *    answers an `upload_url` and a `file_id`. A `length` of 0 or none is `missing_argument` (Slack:
 *    "typically only occurs when the length provided is 0"), one that is not a whole number
 *    `invalid_arguments`, one over the workspace's upload limit `file_upload_size_restricted`, alt
 *    text over 1000 characters `alt_txt_too_large` (Slack documents `alt_txt`; @slack/web-api sends
 *    `alt_text`: either is read).
 * 2. POST the bytes to the upload URL, raw or as multipart/form-data (@slack/web-api sends one
 *    file part). It answers 200 `OK - <bytes>`; a URL it never issued 404, one already used 410,
 *    and bytes that are not the `length` announced 400. Slack does not document the last three
 *    statuses: the fake refuses where Slack would at best keep a broken file.
 * 3. `files.completeUploadExternal` (scope `files:write`) with `files` (`[{id, title}]`) shares
 *    them in `channel_id` (in the thread of `thread_ts`) as one message; without a channel the
 *    files stay private to the bot. An id it never issued, one whose bytes never arrived, and one
 *    already completed ("this method can only be called once") are `file_not_found`. Sharing
 *    needs the bot in the conversation (`chat:write.public` does not cover files): a public
 *    channel it is not in is `not_in_channel`, a private one or a DM `channel_not_found`. More
 *    than 14 files in one call is `internal_error` (python-slack-sdk#1653 saw 15 fail).
 * Files are kept with their bytes, so tests can look at what was uploaded; an image block's
 * `slack_file` is checked against them (see {@link SlackFiles.slackFileError}).
 */
export interface FakeSlackFile {
  id: string;
  filename: string;
  title: string;
  /** The alt text given when the upload URL was asked for; null when none. */
  alt: string | null;
  /** The `length` announced. */
  length: number;
  /** What the upload URL took; null until then. */
  bytes: Buffer | null;
  completed: boolean;
  /** Conversations it was shared in; empty: private to the bot. */
  channels: string[];
  /** The thread it was shared in, when it was. */
  threadTs: string | null;
  /** Someone deleted it in Slack. */
  deleted: boolean;
}

export interface SlackFilesOptions {
  workspace: SlackWorkspace;
  messages: Map<string, FakeSlackMessage>;
  /** The ts of the next message the fake posts. */
  nextTs(): string;
  /** Where upload URLs point: this server. */
  baseUrl(): string;
  /** The workspace's upload limit in bytes (default Slack's 1 GB). */
  maxUploadBytes?: number;
}

export interface SlackFiles {
  readonly files: Map<string, FakeSlackFile>;
  readonly methods: Record<string, (a: Args) => Args>;
  /** What the upload URL at `token` answers to `raw` sent with `contentType`, and the file it is for. */
  upload(
    token: string,
    contentType: string,
    raw: Buffer,
  ): Promise<{ status: number; text: string; fileId: string | null }>;
  /**
   * Why Slack would refuse an image block's `slack_file` {id}, or null: a file it does not know or
   * was deleted, one not completed, one that is not a PNG, JPEG or GIF, and one shared nowhere.
   * Slack takes the last from the bot (the poster may see its own private file) but shows the
   * people looking at it a broken image: the fake refuses it, so a test catches it.
   */
  slackFileError(id: string): string | null;
}

const SLACK_MAX_FILE_BYTES = 1024 ** 3;
const ALT_TEXT_MAX = 1000;
/** The most files one files.completeUploadExternal took in python-slack-sdk#1653. */
const COMPLETE_MAX_FILES = 14;
const TS = /^\d{10}\.\d{6}$/;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A file id as Slack writes them: F and ten capitals or digits (image blocks check ^F[A-Z0-9]{8,}$). */
const fileId = (): string =>
  `F${[...randomBytes(10)].map((b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 36]).join('')}`;

/** PNG, JPEG or GIF, by their first bytes: the image types an image block shows. */
function isImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const gif = bytes.subarray(0, 3).toString('latin1') === 'GIF';
  return png || jpeg || gif;
}

/** The bytes of a multipart body's one file part, or of a raw body. */
async function uploadedBytes(contentType: string, raw: Buffer): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const file = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
  return file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}

/** Why the bot may not share files in `channel`, or null (see the header). */
function shareRefusal(workspace: SlackWorkspace, channel: string): string | null {
  const c = workspace.find(channel);
  if (!c) return 'channel_not_found';
  const member = workspace.isMember(c.id);
  if (c.kind !== 'public' && !member) return 'channel_not_found';
  if (c.archived) return 'is_archived';
  return member ? null : 'not_in_channel';
}

export function createSlackFiles(o: SlackFilesOptions): SlackFiles {
  const files = new Map<string, FakeSlackFile>();
  const tokens = new Map<string, { fileId: string; used: boolean }>();
  const limit = o.maxUploadBytes ?? SLACK_MAX_FILE_BYTES;

  function getUploadUrl(a: Args): Args {
    const filename = str(a.filename);
    const length = Number(a.length ?? 0);
    const alt = str(a.alt_txt) ?? str(a.alt_text) ?? null;
    if (length === 0) return { ok: false, error: 'missing_argument' };
    if (!filename || !Number.isInteger(length) || length < 0)
      return { ok: false, error: 'invalid_arguments' };
    if (length > limit) return { ok: false, error: 'file_upload_size_restricted' };
    if (alt !== null && alt.length > ALT_TEXT_MAX) return { ok: false, error: 'alt_txt_too_large' };
    const id = fileId();
    const token = randomBytes(12).toString('hex');
    files.set(id, {
      id,
      filename,
      title: filename,
      alt,
      length,
      bytes: null,
      completed: false,
      channels: [],
      threadTs: null,
      deleted: false,
    });
    tokens.set(token, { fileId: id, used: false });
    return { ok: true, upload_url: `${o.baseUrl()}/upload/v1/${token}`, file_id: id };
  }

  function complete(a: Args): Args {
    const list = Array.isArray(a.files) ? a.files : null;
    if (!list || list.length === 0) return { ok: false, error: 'invalid_arguments' };
    if (list.length > COMPLETE_MAX_FILES) return { ok: false, error: 'internal_error' };
    const asked = list.map((f) => ({
      id: str((f as Args | null)?.id),
      title: str((f as Args | null)?.title),
    }));
    const found = asked.map(({ id }) => (id === undefined ? undefined : files.get(id)));
    if (found.some((f) => !f || f.bytes === null || f.completed || f.deleted))
      return { ok: false, error: 'file_not_found' };
    const channel = str(a.channel_id) ?? str(a.channels);
    const threadTs = str(a.thread_ts) ?? null;
    if (channel !== undefined) {
      const refused = shareRefusal(o.workspace, channel);
      if (refused) return { ok: false, error: refused };
    }
    if (threadTs !== null) {
      if (channel === undefined || !TS.test(threadTs)) return { ok: false, error: 'invalid_thread_ts' };
      if (!o.messages.has(`${channel}/${threadTs}`)) return { ok: false, error: 'thread_not_found' };
    }
    const done = found.filter((f): f is FakeSlackFile => f !== undefined);
    for (const [i, f] of done.entries()) {
      f.completed = true;
      f.title = asked[i]?.title ?? f.filename;
      if (channel !== undefined) {
        f.channels.push(channel);
        f.threadTs = threadTs;
      }
    }
    if (channel !== undefined) {
      const ts = o.nextTs();
      const text = typeof a.initial_comment === 'string' ? a.initial_comment : '';
      const shared = done.map((f) => f.id);
      o.messages.set(`${channel}/${ts}`, { channel, ts, threadTs, text, blocks: undefined, files: shared });
    }
    return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title })) };
  }

  return {
    files,
    methods: {
      'files.getUploadURLExternal': getUploadUrl,
      'files.completeUploadExternal': complete,
    },
    async upload(token, contentType, raw) {
      const issued = tokens.get(token);
      if (!issued) return { status: 404, text: 'Not Found', fileId: null };
      const { fileId } = issued;
      if (issued.used) return { status: 410, text: 'Gone: this upload URL was used', fileId };
      const bytes = await uploadedBytes(contentType, raw);
      const file = files.get(fileId);
      if (!file || bytes.length !== file.length) {
        const text = `Bad Request: ${bytes.length} bytes, ${file?.length ?? 0} announced`;
        return { status: 400, text, fileId };
      }
      issued.used = true;
      file.bytes = bytes;
      return { status: 200, text: `OK - ${bytes.length}`, fileId };
    },
    slackFileError(id) {
      const f = files.get(id);
      if (!f || f.deleted || !f.completed || f.bytes === null || !isImage(f.bytes))
        return 'invalid slack file';
      return f.channels.length === 0 ? 'slack file is not shared with anyone who could see it' : null;
    },
  };
}
