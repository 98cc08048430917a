/**
 * What Slack refuses in a message or a view, as the fake models it. Written apart from Goalpost's
 * renderer on purpose: a fake that shared its limits with the code under test could not catch it.
 *
 * Thresholds (docs.slack.dev, Block Kit reference; chat.postMessage):
 * - `invalid_blocks`: more than 50 blocks in a message (100 in a modal or Home, answered there as
 *   `invalid_arguments`); a section whose text is empty or over 3000 characters, or with more
 *   than 10 fields or a field over 2000; a header over 150; a context with more than 10 elements;
 *   an actions block with more than 25 elements; a button label over 75 or a value over 2000; a
 *   block_id or action_id over 255, or a block_id used twice; an empty text object; a block type
 *   Slack does not know.
 * - `msg_blocks_too_long`: Slack does not document it. Its staff speak of about 12,000 characters
 *   of text with a buffer for the blocks around them (bolt-js#2509), and bolt-js#2867 saw a message
 *   whose text strings summed to 11,341 refused. Modelled: the lengths of every `text` string in
 *   the blocks, at any depth, summed, over 11,000 — on the refusing side of what was seen.
 *   Only chat.postMessage, chat.update and chat.postEphemeral check it; a response_url does not
 *   (bolt-js#2867: the same blocks went through respond()).
 * - `msg_too_long`: a `text` over 40,000 characters (where Slack stops accepting message text).
 * - An image block (docs.slack.dev, Image block; Slack file object): `alt_text` of 1–2000
 *   characters, a plain_text `title` up to 2000, and exactly one of `image_url` (up to 3000) and
 *   `slack_file`, which holds exactly one of `id` (`^F[A-Z0-9]{8,}$`, the pattern Slack names in
 *   python-slack-sdk#1521) and `url`. Whether the file exists is the methods' to check.
 */
export const SLACK_MODEL = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  idLength: 255,
  blocksTextTotal: 11_000,
  messageText: 40_000,
  modalTitle: 24,
  privateMetadata: 3000,
  imageText: 2000,
  imageUrl: 3000,
} as const;

/** The pattern Slack holds a `slack_file.id` to. */
const SLACK_FILE_ID = /^F[A-Z0-9]{8,}$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a text object is refused, or null. */
function textObjectError(t: unknown, where: string, max: number, plainOnly = false): string | null {
  if (!isObject(t)) return `must be a text object [${where}]`;
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') return `unknown text type [${where}/type]`;
  if (plainOnly && t.type !== 'plain_text') return `must be plain_text [${where}/type]`;
  if (typeof t.text !== 'string' || t.text.length === 0)
    return `must be more than 0 characters [${where}/text]`;
  if (t.text.length > max) return `must be less than ${max + 1} characters [${where}/text]`;
  return null;
}

function elementErrors(e: unknown, where: string): string[] {
  if (!isObject(e)) return [`must be an element [${where}]`];
  const errors: string[] = [];
  if (typeof e.action_id === 'string' && e.action_id.length > SLACK_MODEL.idLength)
    errors.push(`action_id too long [${where}/action_id]`);
  if (e.type === 'button') {
    const text = textObjectError(e.text, `${where}/text`, SLACK_MODEL.buttonText, true);
    if (text) errors.push(text);
    if (typeof e.value === 'string' && e.value.length > SLACK_MODEL.buttonValue)
      errors.push(`must be less than ${SLACK_MODEL.buttonValue + 1} characters [${where}/value]`);
  }
  return errors;
}

/** Why an image block is refused, as Slack lists it (see the header). */
function imageErrors(b: Json, where: string): string[] {
  const errors: string[] = [];
  if (typeof b.alt_text !== 'string' || b.alt_text.length === 0)
    errors.push(`must be more than 0 characters [${where}/alt_text]`);
  else if (b.alt_text.length > SLACK_MODEL.imageText)
    errors.push(`must be less than ${SLACK_MODEL.imageText + 1} characters [${where}/alt_text]`);
  if (b.title !== undefined) {
    const title = textObjectError(b.title, `${where}/title`, SLACK_MODEL.imageText, true);
    if (title) errors.push(title);
  }
  const hasUrl = b.image_url !== undefined;
  if (hasUrl === (b.slack_file !== undefined))
    errors.push(`must provide exactly one of image_url or slack_file [${where}]`);
  if (hasUrl && (typeof b.image_url !== 'string' || b.image_url.length > SLACK_MODEL.imageUrl))
    errors.push(`must be a url of at most ${SLACK_MODEL.imageUrl} characters [${where}/image_url]`);
  if (b.slack_file !== undefined) {
    const file = isObject(b.slack_file) ? b.slack_file : {};
    if ((file.id === undefined) === (file.url === undefined))
      errors.push(`must provide exactly one of id or url [${where}/slack_file]`);
    if (file.id !== undefined && (typeof file.id !== 'string' || !SLACK_FILE_ID.test(file.id)))
      errors.push(`input must match regex pattern: ^[F][A-Z0-9]{8,}$ [${where}/slack_file/id]`);
  }
  return errors;
}

function blockErrors(b: unknown, where: string): string[] {
  if (!isObject(b)) return [`must be a block [${where}]`];
  const errors: string[] = [];
  const push = (e: string | null) => {
    if (e) errors.push(e);
  };
  switch (b.type) {
    case 'section': {
      const fields = Array.isArray(b.fields) ? b.fields : [];
      if (b.text === undefined && fields.length === 0) errors.push(`must provide text or fields [${where}]`);
      if (b.text !== undefined) push(textObjectError(b.text, `${where}/text`, SLACK_MODEL.sectionText));
      if (fields.length > SLACK_MODEL.fieldsPerSection)
        errors.push(`must provide at most ${SLACK_MODEL.fieldsPerSection} items [${where}/fields]`);
      fields.forEach((f, i) => {
        push(textObjectError(f, `${where}/fields/${i}`, SLACK_MODEL.fieldText));
      });
      if (b.accessory !== undefined) errors.push(...elementErrors(b.accessory, `${where}/accessory`));
      break;
    }
    case 'header':
      push(textObjectError(b.text, `${where}/text`, SLACK_MODEL.headerText, true));
      break;
    case 'context': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0 || elements.length > SLACK_MODEL.contextElements)
        errors.push(`must provide 1 to ${SLACK_MODEL.contextElements} items [${where}/elements]`);
      elements.forEach((e, i) => {
        if (isObject(e) && e.type !== 'image') push(textObjectError(e, `${where}/elements/${i}`, Infinity));
      });
      break;
    }
    case 'actions': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (elements.length === 0 || elements.length > SLACK_MODEL.actionElements)
        errors.push(`must provide 1 to ${SLACK_MODEL.actionElements} items [${where}/elements]`);
      elements.forEach((e, i) => {
        errors.push(...elementErrors(e, `${where}/elements/${i}`));
      });
      break;
    }
    case 'input':
      push(textObjectError(b.label, `${where}/label`, 2000, true));
      if (b.hint !== undefined) push(textObjectError(b.hint, `${where}/hint`, 2000, true));
      break;
    case 'image':
      errors.push(...imageErrors(b, where));
      break;
    case 'divider':
    case 'rich_text':
      break;
    default:
      errors.push(`unknown block type ${JSON.stringify(b.type)} [${where}]`);
  }
  if (typeof b.block_id === 'string' && b.block_id.length > SLACK_MODEL.idLength)
    errors.push(`block_id too long [${where}/block_id]`);
  return errors;
}

/** Everything wrong with `blocks`, as Slack lists it in `errors`; empty when it would take them. */
export function blocksErrors(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  const errors: string[] = [];
  if (blocks.length > maxBlocks)
    errors.push(`must provide at most ${maxBlocks} items [json-pointer:/blocks]`);
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    errors.push(...blockErrors(b, `json-pointer:/blocks/${i}`));
    const id = isObject(b) && typeof b.block_id === 'string' ? b.block_id : null;
    if (id !== null && ids.has(id)) errors.push(`block_id ${id} is used twice [json-pointer:/blocks/${i}]`);
    if (id !== null) ids.add(id);
  });
  return errors;
}

/** The summed length of every `text` string in `value`, at any depth (what msg_blocks_too_long counts). */
export function textTotal(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textTotal(v), 0);
  if (!isObject(value)) return 0;
  return Object.entries(value).reduce(
    (n, [k, v]) => n + (k === 'text' && typeof v === 'string' ? v.length : textTotal(v)),
    0,
  );
}

/** What Slack answers a message with `text` and `blocks`: null when it takes it. */
export function messageRefusal(
  args: Json,
  options: { cumulative: boolean } = { cumulative: true },
): Json | null {
  const text = typeof args.text === 'string' ? args.text : '';
  if (text.length > SLACK_MODEL.messageText) return { ok: false, error: 'msg_too_long' };
  if (args.blocks === undefined) return null;
  const errors = blocksErrors(args.blocks, SLACK_MODEL.blocksPerMessage);
  if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
  if (options.cumulative && textTotal(args.blocks) > SLACK_MODEL.blocksTextTotal)
    return { ok: false, error: 'msg_blocks_too_long' };
  return null;
}

/** What Slack answers views.open / views.publish with: null when it takes the view. */
export function viewRefusal(view: unknown): Json | null {
  if (!isObject(view)) return { ok: false, error: 'invalid_arguments' };
  const messages = blocksErrors(view.blocks, SLACK_MODEL.blocksPerView);
  if (view.type === 'modal') {
    const title = textObjectError(view.title, 'view/title', SLACK_MODEL.modalTitle, true);
    if (title) messages.push(title);
    for (const key of ['submit', 'close'] as const) {
      if (view[key] === undefined) continue;
      const e = textObjectError(view[key], `view/${key}`, SLACK_MODEL.modalTitle, true);
      if (e) messages.push(e);
    }
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > SLACK_MODEL.privateMetadata)
    messages.push('private_metadata too long [view/private_metadata]');
  return messages.length > 0
    ? { ok: false, error: 'invalid_arguments', response_metadata: { messages } }
    : null;
}
